"""The sourcing strength score: 0-100 per article, as the sum of named components.

    from attribution import score, sources
    found = sources.profiles(attributions, document)
    result = score.sourcing(attributions, found, document)
    for c in result.components:
        print(c.label, c.points, "/", c.max_points, c.explanation)

Each component is computed from the source profiles and carries the attribution ids (or, for
unattributed claims, the sentence indices) behind it, so every point can be traced to the
text.  Shares are taken over the article's attributions, so the score means the same in a
short brief and a long feature.  The weights and thresholds live in
``attribution/data/score_weights.json``; docs/scoring.md explains the method and its reasons.

Does not: judge whether a source is truthful or the reporting fair, count sides a story ought
to have, or score hedged and distancing cues ("allegedly", "claimed"): those are listed for
the reader (``hedged``, ``hedged_sentences``) and left out of the total.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from .assessment import SCORE_METHOD, ScoreComponent, SideCoverage, SourceProfile, SourcingScore
from .lexicons import load_lexicon
from .results import Attribution, ParsedDocument, Sentence
from .sources import QUOTE_KINDS, mentions_of_sides

__all__ = ["sourcing", "weights", "claim_sentences"]

_ON_RECORD = ("person", "organisation", "document")
_SENTENCE_END = re.compile(r"[.!]['\"’”)\]]*\s*$")


@lru_cache(maxsize=None)
def weights() -> dict[str, Any]:
    """The weights file, ``attribution/data/score_weights.json``, as a dict."""
    raw = (resources.files("attribution") / "data" / "score_weights.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    if data.get("method") != SCORE_METHOD:
        raise ValueError(f"score_weights.json is for {data.get('method')!r}, the code for {SCORE_METHOD!r}")
    return data


def sourcing(attributions: Sequence[Attribution], profiles: Sequence[SourceProfile],
             document: ParsedDocument) -> SourcingScore:
    """Score an article's sourcing.

    Args:
        attributions: the article's attributions.
        profiles: their sources, from :func:`attribution.sources.profiles`.
        document: the parse (only its sentences outside site clutter are read).

    Returns:
        The total, its components in the weights file's order, and the unscored observations
        (hedges, sides heard and not heard).
    """
    by_id = {a.id: a for a in attributions}
    profile_of = {aid: p for p in profiles for aid in p.attributions}
    unresolved = tuple(a.id for a in attributions if profile_of.get(a.id) is None
                       or profile_of[a.id].type == "unresolved")
    scored = [a for a in attributions if a.id not in unresolved]
    facts = _Facts(document, scored, profile_of, [p for p in profiles if p.type != "unresolved"], by_id)
    components = []
    for spec in weights()["components"]:
        make = _COMPONENTS[spec["key"]]
        components.append(make(facts, spec))
    max_points = sum(c.max_points for c in components) or 1.0
    total = round(100 * sum(c.points for c in components) / max_points)
    hedged = tuple(a.id for a in attributions if a.hedged or a.cue_lemma.lower() in load_lexicon("distancing_cues"))
    covered = facts.covered | {by_id[h].sentence for h in hedged}
    hedged_sentences = tuple(s.index for s in document.sentences
                             if s.index not in covered and _hedges(s))
    sides = _sides(profiles)
    heard = {s.side for s in sides}
    named = mentions_of_sides(" ".join(document.text[s.start:s.end] for s in document.sentences))
    # "Never heard" is a claim of absence: a side named in the sentence of an attribution whose
    # speaker was not found (a misparsed "Tehran and Moscow have both denied ...") may be that
    # speaker, so it is not called unheard.
    for a in attributions:
        if a.source is None and 0 <= a.sentence < len(document.sentences):
            sentence = document.sentences[a.sentence]
            heard |= set(mentions_of_sides(document.text[sentence.start:sentence.end]))
    unheard = tuple(side for side, n in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))
                    if n >= 2 and side not in heard)
    return SourcingScore(total=total, components=tuple(components), method=SCORE_METHOD,
                         attributions=len(scored), unresolved=unresolved, hedged=hedged,
                         hedged_sentences=hedged_sentences, sides=sides, unheard=unheard)


class _Facts:
    """What several components need, worked out once."""

    def __init__(self, document: ParsedDocument, scored: list[Attribution],
                 profile_of: dict[str, SourceProfile], sources: list[SourceProfile],
                 by_id: dict[str, Attribution]) -> None:
        self.document = document
        self.scored = scored
        self.profile_of = profile_of
        self.sources = sources
        self.by_id = by_id
        self.covered = {i for a in by_id.values() for i in _sentences_of(a, document)}

    def of_type(self, *types: str) -> list[Attribution]:
        return [a for a in self.scored if self.profile_of[a.id].type in types]


def _on_record(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    hits = f.of_type(*_ON_RECORD)
    n = len(f.scored)
    if not n:
        return _empty(spec)
    share = len(hits) / n
    return _component(spec, share, share,
                      f"{len(hits)} of {_attributions(n)} ({_pct(share)}) {_verb(len(hits), 'goes', 'go')} to named people, organisations "
                      "or documents.", hits)


def _anonymous(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    n = len(f.scored)
    if not n:
        return _empty(spec)
    hits = f.of_type("anonymous")
    cost = 0.0
    for a in hits:
        profile = f.profile_of[a.id]
        cost += spec["base_cost"] + {"vague": spec["vague_cost"], "partial": spec["partial_cost"]}.get(
            profile.specificity or "vague", 0.0) + (0.0 if profile.anonymity_reason else spec["no_reason_cost"])
    fraction = 1 - min(1.0, cost / n)
    if not hits:
        return _component(spec, 1.0, 0.0, "No attribution rests on an anonymous or unnamed source.", [])
    described = "; ".join(
        f"“{p.name}” ({p.specificity} description, {'reason given' if p.anonymity_reason else 'no reason given'})"
        for p in f.sources if p.type == "anonymous")
    share = len(hits) / n
    return _component(spec, fraction, share,
                      f"{len(hits)} of {_attributions(n)} ({_pct(share)}) {_verb(len(hits), 'rests', 'rest')} on anonymous or unnamed sources: "
                      f"{described}.", hits)


def _diversity(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    n = len(f.scored)
    if not n or not f.sources:
        return _empty(spec)
    distinct = len(f.sources)
    top = max(f.sources, key=lambda p: len(p.attributions))
    top_share = len(top.attributions) / n
    # The inverse Simpson index: n equally cited sources give n; one dominant source pulls it to 1.
    shares = [len(p.attributions) / n for p in f.sources]
    effective = 1 / sum(s * s for s in shares if s)
    full = spec["full_at_effective"]
    plural = "source" if distinct == 1 else "sources"
    return _component(spec, (effective - 1) / max(1e-9, full - 1), effective,
                      f"{distinct} distinct {plural}, weighing like {effective:.1f} equally cited "
                      f"(full marks from {full}); the most cited, {top.name}, gives {len(top.attributions)} of "
                      f"{_attributions(n)} ({_pct(top_share)}).",
                      [f.by_id[i] for i in top.attributions if i in f.by_id])


def _unattributed(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    claims = claim_sentences(f.document, spec["min_words"])
    if not claims:
        return _empty(spec, "No statements found in the article body.")
    bare = [s.index for s in claims if s.index not in f.covered]
    share = len(bare) / len(claims)
    free = spec["free_share"]
    fraction = min(1.0, (1 - share) / (1 - free)) if free < 1 else 1.0
    return _component(spec, fraction, share,
                      f"{len(bare)} of {len(claims)} statements in the body ({_pct(share)}) {_verb(len(bare), 'carries', 'carry')} no attribution; "
                      f"up to {_pct(free)} is allowed for background.", [], tuple(bare))


def _quotes(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    n = len(f.scored)
    if not n:
        return _empty(spec)
    hits = [a for a in f.scored if a.kind in QUOTE_KINDS]
    share = len(hits) / n
    return _component(spec, min(1.0, share / spec["full_at_share"]), share,
                      f"{len(hits)} of {_attributions(n)} ({_pct(share)}) {_verb(len(hits), 'quotes', 'quote')} the source's own words; "
                      f"full marks from {_pct(spec['full_at_share'])}.", hits)


def _documents(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    if not f.scored:
        return _empty(spec)
    hits = f.of_type("document")
    names = [p.name for p in f.sources if p.type == "document"]
    via = [a for a in f.scored if a not in hits and _via_document(a, f.document)]
    # A source that spoke through a statement counts once, however often it is cited.
    speakers = list(dict.fromkeys(f.profile_of[a.id].name for a in via))
    cited = len(names) + len(speakers)
    names += [f"a statement or document from {name}" for name in speakers]
    listing = f": {'; '.join(names)}" if names else ""
    return _component(spec, min(1.0, cited / spec["full_at"]), cited,
                      f"{cited} {'document or statement' if cited == 1 else 'documents or statements'} cited"
                      f"{listing} (full marks from {spec['full_at']}).", hits + via)


def _secondary(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    n = len(f.scored)
    if not n:
        return _empty(spec)
    hits = f.of_type("outlet")
    if not hits:
        return _component(spec, 1.0, 0.0, "No attribution relies on another news outlet's reporting.", [])
    share = len(hits) / n
    outlets = ", ".join(p.name for p in f.sources if p.type == "outlet")
    return _component(spec, max(0.0, 1 - share / spec["zero_at_share"]), share,
                      f"{len(hits)} of {_attributions(n)} ({_pct(share)}) {_verb(len(hits), 'relies', 'rely')} on another outlet's reporting "
                      f"({outlets}).", hits)


_COMPONENTS = {"on_record": _on_record, "anonymous": _anonymous, "diversity": _diversity,
               "unattributed": _unattributed, "quotes": _quotes, "documents": _documents,
               "secondary": _secondary}


def claim_sentences(document: ParsedDocument, min_words: int = 6) -> list[Sentence]:
    """The body's statements: sentences outside site clutter with a finite verb, ending in a
    full stop, of at least ``min_words`` words.  Headlines, labels and questions are left out."""
    out = []
    for s in document.sentences:
        words = [w for w in s.words if w.upos != "PUNCT"]
        if len(words) < min_words or not _SENTENCE_END.search(document.text[s.start:s.end]):
            continue
        if any("VerbForm=Fin" in w.feats for w in s.words):
            out.append(s)
    return out


def _sentences_of(a: Attribution, document: ParsedDocument) -> set[int]:
    spans = [(sp.start, sp.end) for sp in (a.cue, a.source, *a.content) if sp is not None]
    found = {a.sentence} if a.sentence >= 0 else set()
    for s in document.sentences:
        if any(start < s.end and s.start < end for start, end in spans):
            found.add(s.index)
    return found


@lru_cache(maxsize=None)
def _document_phrase() -> re.Pattern[str]:
    nouns = "|".join(sorted((re.escape(w) for w in load_lexicon("document_words")), key=len, reverse=True))
    return re.compile(rf"\b(?:in|through)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+)?(?:{nouns})s?\b", re.I)


def _via_document(a: Attribution, document: ParsedDocument) -> bool:
    """The source spoke through a document: "the Air Force said in a statement"."""
    if a.cue is None or not (0 <= a.sentence < len(document.sentences)):
        return False
    s = document.sentences[a.sentence]
    return bool(_document_phrase().search(document.text, a.cue.end, min(s.end, a.cue.end + 40)))


def _hedges(s: Sentence) -> bool:
    hedges = load_lexicon("hedges")
    return any(w.lemma.lower() in hedges or w.text.lower() in hedges for w in s.words)


def _sides(profiles: Sequence[SourceProfile]) -> tuple[SideCoverage, ...]:
    grouped: dict[str, list[SourceProfile]] = {}
    for p in profiles:
        if p.side and p.type not in ("outlet", "unresolved"):
            grouped.setdefault(p.side, []).append(p)
    out = [SideCoverage(side, tuple(p.id for p in ps), tuple(a for p in ps for a in p.attributions),
                        tuple(d for p in ps for d in p.denials)) for side, ps in grouped.items()]
    return tuple(sorted(out, key=lambda s: (-len(s.attributions), s.side)))


def _component(spec: dict[str, Any], fraction: float, value: float, explanation: str,
               hits: Sequence[Attribution], sentences: tuple[int, ...] = ()) -> ScoreComponent:
    points = float(spec["points"])
    return ScoreComponent(spec["key"], spec["label"], points * max(0.0, min(1.0, fraction)), points, float(value),
                          explanation, tuple(a.id for a in hits), sentences)


def _empty(spec: dict[str, Any], why: str = "No attributions with a resolved source to assess.") -> ScoreComponent:
    return ScoreComponent(spec["key"], spec["label"], 0.0, float(spec["points"]), 0.0, why)


def _pct(share: float) -> str:
    return f"{round(100 * share)}%"


def _verb(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


def _attributions(n: int) -> str:
    return f"{n} attribution" if n == 1 else f"{n} attributions"
