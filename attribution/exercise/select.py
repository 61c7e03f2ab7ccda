"""What an exercise may ask about: numbered paragraphs, and the attributions the tool is sure of.

A question whose answer is wrong teaches the wrong thing, so an attribution is asked about only
when every check below passes; anything doubtful is left out of the worksheet, never guessed.

Known limits: the checks are on the extractor's output, so an error that passes all of them
(a wrong speaker with a plausible name, in the same paragraph) still reaches the worksheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from ..assessment import SourceProfile
from ..clutter import keep
from ..lexicons import load_lexicon
from ..render import view
from ..report import ArticleReport
from ..results import Attribution, Sentence, Span
from .model import Paragraph

# An attribution is asked about only at or above this extractor confidence.
MIN_CONFIDENCE = 0.6
# A voice the key also accepts (it is not asked about) needs at least this confidence.
MAYBE_CONFIDENCE = 0.4
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "we", "i"})
# A claim must not stop mid-clause: the text after it starts with one of these (or nothing).
_CLAIM_END = re.compile(r"\s*(?:$|[.,;:!?”\"’)\]—–-])")
_COORDINATED = re.compile(r"\s+(?:and|or|&)\s+(?:other\s+)?[A-Za-z]")
_WORD = re.compile(r"[\w’'.-]+")
T = TypeVar("T")
_CONCESSION = re.compile(r",\s+(?:though|although|even though|while)\s")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|No)\.)\W*$")


def paragraphs(report: ArticleReport, label: str = "") -> tuple[Paragraph, ...]:
    """The body's lines outside clutter, numbered from 1; lines repeating the headline are left out."""
    text = report.article.text
    headline = view.clean(view.title(report)).lower()
    out: list[Paragraph] = []
    for start, end in keep(text, report.clutter):
        line = view.clean(text[start:end])
        if not line or line.lower() == headline:
            continue
        out.append(Paragraph(f"{label}{len(out) + 1}", line, start, end))
    return tuple(out)


def paragraph_at(paras: Iterable[Paragraph], offset: int) -> Paragraph | None:
    return next((p for p in paras if p.start <= offset < p.end), None)


def spans(a: Attribution) -> list[Span]:
    return [sp for sp in (a.source, a.cue, *a.content) if sp is not None]


def _split_early(report: ArticleReport, s: Sentence) -> bool:
    """The parser ended this sentence at an abbreviation ("Nov.", "p.m."), not at its end."""
    return bool(_ABBREVIATION.search(report.article.text[s.start:s.end]))


def passage(report: ArticleReport, start: int, end: int) -> str:
    """The whole sentences covering ``start..end``, whitespace cleaned.

    Sentences the parser split at an abbreviation ("On Nov. | 22, the air force said") are
    joined again, within the paragraph.
    """
    sentences = report.document.sentences
    covering = [i for i, s in enumerate(sentences) if s.start < end and start < s.end]
    if not covering:
        return view.clean(report.article.text[start:end])
    first, last = covering[0], covering[-1]
    while first > 0 and sentences[first - 1].paragraph == sentences[first].paragraph \
            and _split_early(report, sentences[first - 1]):
        first -= 1
    while last + 1 < len(sentences) and sentences[last + 1].paragraph == sentences[last].paragraph \
            and _split_early(report, sentences[last]):
        last += 1
    return view.clean(report.article.text[sentences[first].start:sentences[last].end])


def ends_early(report: ArticleReport, sp: Span) -> bool:
    """The span ends where the parser cut a sentence short at an abbreviation."""
    return any(s.start < sp.end <= s.end + 1 and _split_early(report, s) for s in report.document.sentences)


def attribution_passage(report: ArticleReport, a: Attribution) -> str:
    parts = spans(a)
    return passage(report, min(sp.start for sp in parts), max(sp.end for sp in parts))


def claim(a: Attribution) -> str:
    """The attributed words, joined with an ellipsis where they are split."""
    text = " … ".join(view.clean(c.text) for c in a.content)
    # "that Iran may ..." reads as a claim without its complementiser.
    return text[5:] if text.startswith("that ") and a.kind != "direct" else text


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _sentence_words(report: ArticleReport, start: int, end: int) -> list[Sentence]:
    return [s for s in report.document.sentences if s.start < end and start < s.end]


def _has_finite_verb(report: ArticleReport, sp: Span) -> bool:
    return any(sp.start <= w.start and w.end <= sp.end and "VerbForm=Fin" in w.feats
               for s in _sentence_words(report, sp.start, sp.end) for w in s.words)


def sane_profile(p: SourceProfile) -> bool:
    """A source profile that reads as a real source, not a misparse.

    People need a name of two or more words that some non-pronoun mention carries; unnamed
    sources need a head noun like "officials" or "sources"; nothing may start with a bullet.
    """
    if p.type in ("unresolved", "outlet") or not p.name[:1].isalpha():
        return False
    mentions = [m for m in p.mentions if m.lower() not in PRONOUNS and m[:1].isalpha()]
    if not mentions:
        return False
    if p.type == "person":
        words = p.name.split()
        return len(words) >= 2 and all(w[:1].isupper() for w in words) and \
            any(words[-1] in m for m in mentions)
    if p.type == "anonymous":
        heads = load_lexicon("anonymous_heads") | load_lexicon("anonymous_generic_heads")
        return any(w in heads or w.rstrip("s") in heads for m in mentions for w in m.lower().split())
    return True


def _pronoun_ok(report: ArticleReport, a: Attribution, p: SourceProfile, paras: tuple[Paragraph, ...]) -> bool:
    """A pronoun speaker is trusted only for a person named earlier in its paragraph or the one before."""
    if p.type != "person" or a.source is None:
        return False
    here = paragraph_at(paras, a.source.start)
    if here is None:
        return False
    index = paras.index(here)
    window_start = paras[index - 1].start if index > 0 else here.start
    before = report.article.text[window_start:a.source.start]
    surname = p.name.split()[-1]
    last = before.rfind(surname)
    if last < 0:
        return False
    # Another capitalised name after the last mention could be whom the pronoun means.
    others = {q.name.split()[-1] for q in report.profiles if q.type == "person" and q.id != p.id}
    between = before[last + len(surname):]
    return not any(o in between for o in others) and not re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+", between)


def confident(report: ArticleReport, paras: tuple[Paragraph, ...] | None = None) -> list[Attribution]:
    """The attributions an exercise may ask about, in text order.

    Each must: reach MIN_CONFIDENCE; have a source span and a sane, resolved source profile;
    keep source, cue and content in one body paragraph, outside clutter; attribute at least
    six words, each piece three words or more, ending at a clause boundary (not at an
    abbreviation the parser took for a sentence end, nor running on into ", though ..."); for reported
    speech, hold a finite verb (a claim, not a noun phrase); and not share its speaker with a
    coordinated subject ("Kirby and other officials").  A pronoun speaker must be a person
    named just before it.
    """
    paras = paras if paras is not None else paragraphs(report)
    profiles = view.profile_of(report)
    text = report.article.text
    out = []
    for a in report.attributions:
        p = profiles.get(a.id)
        if a.confidence < MIN_CONFIDENCE or a.source is None or not a.content or p is None or not sane_profile(p):
            continue
        homes = {paragraph_at(paras, sp.start) for sp in spans(a)} | {paragraph_at(paras, sp.end - 1) for sp in spans(a)}
        if len(homes) != 1 or None in homes:
            continue
        if any(len(_WORD.findall(c.text)) < 3 for c in a.content) or _words(claim(a)) < 6:
            continue
        if any(not _CLAIM_END.match(text, c.end) for c in a.content if not c.text.rstrip().endswith(("”", '"'))):
            continue
        if any(ends_early(report, c) for c in a.content):
            continue
        # Reported speech running on into the reporter's own concession ("..., though details are unclear").
        if any(_CONCESSION.search(c.text) for c in a.content if not c.text.lstrip().startswith(("“", '"'))):
            continue
        if a.kind in ("indirect", "mixed", "according_to") and not any(_has_finite_verb(report, c) for c in a.content):
            continue
        if _COORDINATED.match(text, a.source.end):
            continue
        if a.source.text.strip().lower() in PRONOUNS and not _pronoun_ok(report, a, p, paras):
            continue
        out.append(a)
    return out


def voices(report: ArticleReport, sure: Iterable[Attribution]) -> tuple[list[SourceProfile], list[SourceProfile]]:
    """The sources the key lists as voices: (sure, also accepted).

    Sure voices speak in a confident attribution; also accepted are other sane sources with an
    attribution of at least MAYBE_CONFIDENCE and three words of content.
    """
    sure_ids = {a.id for a in sure}
    by_id = {a.id: a for a in report.attributions}
    certain, maybe = [], []
    for p in report.profiles:
        if any(aid in sure_ids for aid in p.attributions):
            certain.append(p)
        elif sane_profile(p) and any(by_id[aid].confidence >= MAYBE_CONFIDENCE and _words(claim(by_id[aid])) >= 3
                                     for aid in p.attributions if aid in by_id):
            maybe.append(p)
    return certain, maybe


def unsourced(report: ArticleReport, paras: tuple[Paragraph, ...]) -> list[Sentence]:
    """Sentences the score counts as unattributed that plainly name no source either.

    Left out: sentences with a reporting verb, "according", a quotation mark or any source's
    name as written (the extractor may have missed an attribution there), short sentences,
    sentences opening with a pronoun, and sentences right after an attributed one in the same
    paragraph (a reader may take them to carry on the speaker before).
    """
    if report.score is None:
        return []
    component = next((c for c in report.score.components if c.key == "unattributed"), None)
    if component is None:
        return []
    verbs = (load_lexicon("reporting_verbs_tier1") | load_lexicon("reporting_verbs_tier2")
             | load_lexicon("reporting_verbs_tier3"))
    names = {m for p in report.profiles for m in p.mentions if m.lower() not in PRONOUNS and len(m) > 2}
    names |= {p.name.split()[-1] for p in report.profiles if p.type == "person"}
    text = report.article.text
    # Any attribution, however unsure: a wrongly ticked "no source" teaches the wrong thing.
    spoken = {a.sentence for a in report.attributions}
    out = []
    previous = None
    for s in report.document.sentences:
        after_speaker = previous is not None and previous.index in spoken and \
            paragraph_at(paras, previous.start) == paragraph_at(paras, s.start)
        previous = s
        if s.index not in component.sentences or paragraph_at(paras, s.start) is None or after_speaker:
            continue
        body = text[s.start:s.end]
        words = [w for w in s.words if w.upos != "PUNCT"]
        if not 8 <= len(words) <= 45 or not body.rstrip().endswith("."):
            continue
        if any(w.lemma.lower() in verbs or w.text.lower() in ("according", "reportedly") for w in s.words):
            continue
        if any(q in body for q in "“”\"") or any(n in body for n in names):
            continue
        if words[0].text.lower() in PRONOUNS or not body.lstrip()[:1].isupper():
            continue
        out.append(s)
    return out


def spread(items: Sequence[T], k: int) -> list[T]:
    """``k`` items evenly spaced through ``items`` (all of them if there are fewer)."""
    if len(items) <= k:
        return list(items)
    if k == 1:
        return [items[0]]
    return [items[round(i * (len(items) - 1) / (k - 1))] for i in range(k)]
