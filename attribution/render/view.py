"""What the Markdown and HTML reports both show, worked out once from an ArticleReport.

Renderers only lay out; the wording of the score and the source profiles comes from
:mod:`attribution.score` and :mod:`attribution.sources`, and the sentences behind each
component are looked up here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import __version__
from ..assessment import PROFILE_TYPE_LABELS, PROFILE_TYPES, SourceProfile
from ..report import ArticleReport
from ..lexicons import load_lexicon
from ..results import Attribution, Sentence, Word

# Short type names for tags in the text (colour is never the only cue).
TYPE_TAGS = {"person": "PERSON", "organisation": "ORG", "document": "DOC", "anonymous": "ANON",
             "outlet": "OUTLET", "unresolved": "?"}
KIND_LABELS = {"direct": "direct quote", "indirect": "paraphrase", "mixed": "partial quote",
               "according_to": "according to", "floating": "quote (speaker carried on)"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Evidence:
    """One line behind a score component: an attribution, or a sentence without one."""

    attribution: str | None
    sentence: int
    text: str
    source: str | None


def generator() -> str:
    return f"attribution {__version__}"


def clean(text: str) -> str:
    """Whitespace runs (newlines included) as single spaces."""
    return _SPACE.sub(" ", text).strip()


def page(report: ArticleReport) -> dict[str, str]:
    """What the article's web page said of itself (url, title, date, site); empty for a text file."""
    return dict(report.article.metadata)


def outlet(report: ArticleReport) -> str | None:
    """The outlet that published the article, when its page, dateline or site line names one."""
    from ..outlets import detect

    found = detect(report.article.text, None, page(report).get("site"))
    return found.name if found.origin != "none" else None


def side_labels(first: ArticleReport, second: ArticleReport) -> tuple[str, str]:
    """What to call two articles of one story on a page: their outlets ("AP", "The Washington
    Post"), else their headlines cut short; numbered when both come out the same."""
    labels = []
    for report in (first, second):
        label = outlet(report) or title(report)
        labels.append(label if len(label) <= 32 else label[:31].rstrip() + "\u2026")
    if labels[0] == labels[1]:
        labels = [f"{labels[0]} (1)", f"{labels[1]} (2)"]
    return labels[0], labels[1]


def title(report: ArticleReport) -> str:
    """The headline: the web page's title, else the first line outside clutter if it reads
    like one, else the file name."""
    given = page(report).get("title")
    if given:
        return clean(given)
    sentences = report.document.sentences
    if sentences:
        text = report.article.text
        end = text.find("\n", sentences[0].start)
        first = clean(text[sentences[0].start:end if end >= 0 else len(text)])
        if 0 < len(first) <= 160 and not first.endswith("."):
            return first
    return report.article.name


# The last document's sentences by index, kept with the tuple they index (so it cannot be
# mistaken for another): a page asks for one sentence per attribution, and a scan of all the
# sentences for each grew with the square of the article's length.
_numbered: tuple[tuple[Sentence, ...], dict[int, Sentence]] | None = None


def sentence(report: ArticleReport, index: int) -> Sentence | None:
    """The (first) sentence numbered ``index``."""
    global _numbered
    sentences = report.document.sentences
    if _numbered is None or _numbered[0] is not sentences:
        by_index: dict[int, Sentence] = {}
        for s in sentences:
            by_index.setdefault(s.index, s)
        _numbered = (sentences, by_index)
    return _numbered[1].get(index)


def sentence_text(report: ArticleReport, index: int) -> str:
    s = sentence(report, index)
    return clean(report.article.text[s.start:s.end]) if s else ""


def attribution_text(report: ArticleReport, a: Attribution) -> str:
    """The sentence holding the attribution, or its spans when the sentence is unknown."""
    text = sentence_text(report, a.sentence)
    if text:
        return text
    parts = [sp.text for sp in (a.source, a.cue, *a.content) if sp is not None]
    return clean(" … ".join(parts))


def profile_of(report: ArticleReport) -> dict[str, SourceProfile]:
    """Attribution id -> its source profile."""
    return {aid: p for p in report.profiles for aid in p.attributions}


def evidence(report: ArticleReport, attribution_ids: tuple[str, ...], sentences: tuple[int, ...]) -> list[Evidence]:
    """The lines behind a component, in text order."""
    by_id = {a.id: a for a in report.attributions}
    profiles = profile_of(report)
    out = []
    for aid in attribution_ids:
        a = by_id.get(aid)
        if a is None:
            continue
        p = profiles.get(aid)
        out.append(Evidence(aid, a.sentence, attribution_text(report, a), p.name if p else None))
    for index in sentences:
        out.append(Evidence(None, index, sentence_text(report, index), None))
    return sorted(out, key=lambda e: (e.sentence, e.attribution or ""))


def profiles_by_weight(report: ArticleReport) -> list[SourceProfile]:
    """Profiles with the most attributions first; types in PROFILE_TYPES order on ties."""
    return sorted(report.profiles, key=lambda p: (-len(p.attributions), PROFILE_TYPES.index(p.type), p.id))


def profile_details(p: SourceProfile) -> list[str]:
    """The short facts a source list shows beside a name."""
    out = []
    role = ", ".join(x for x in (p.role, p.affiliation) if x)
    if role:
        out.append(role)
    if p.type == "anonymous":
        out.append(f"{p.count} people" if p.count and p.count > 1 else
                   ("1 person" if p.count == 1 else "number not stated"))
        out.append(f"{p.specificity} description")
        out.append(f"reason given: “{p.anonymity_reason}”" if p.anonymity_reason else "no reason given")
    if p.side:
        out.append(f"speaks for {p.side}")
    if p.denials:
        out.append("denial" if len(p.denials) == 1 else f"{len(p.denials)} denials")
    return out


def type_label(kind: str) -> str:
    return PROFILE_TYPE_LABELS[kind]


def sides_lines(report: ArticleReport) -> list[str]:
    """Plain sentences about the sides the sources speak for (unscored)."""
    score = report.score
    if score is None:
        return []
    lines = []
    for side in score.sides:
        n = len(side.attributions)
        line = f"{side.side}: {n} attribution{'s' if n != 1 else ''} from {len(side.sources)} " \
               f"source{'s' if len(side.sources) != 1 else ''}"
        if side.denials:
            line += f", {len(side.denials)} of them a denial" if len(side.denials) == 1 else \
                f", {len(side.denials)} of them denials"
        lines.append(line + ".")
    if len(score.sides) == 1:
        lines.append(f"Every source that speaks for a side speaks for {score.sides[0].side}.")
    elif not score.sides:
        lines.append("No source plainly speaks for a country, government or party.")
    if score.unheard:
        lines.append("Named in the article but never a source: " + ", ".join(score.unheard) + ".")
    return lines


def hedge_lines(report: ArticleReport) -> list[Evidence]:
    """Hedged attributions and hedging sentences, in text order (shown, not scored)."""
    if report.score is None:
        return []
    return evidence(report, report.score.hedged, report.score.hedged_sentences)


def hedge_words(report: ArticleReport) -> list[Word]:
    """The hedging adverbs ("allegedly", "reportedly") in the sentences the score lists as hedged."""
    if report.score is None:
        return []
    by_id = {a.id: a for a in report.attributions}
    indices = set(report.score.hedged_sentences) | {by_id[h].sentence for h in report.score.hedged if h in by_id}
    hedges = load_lexicon("hedges")
    return [w for s in report.document.sentences if s.index in indices for w in s.words
            if w.lemma.lower() in hedges or w.text.lower() in hedges]
