"""The sourcing strength score: 0-100 per article, as the sum of named components.

    from attribution import score, sources
    found = sources.profiles(attributions, document)
    result = score.sourcing(attributions, found, document, clutter=report.clutter)
    print(result.total, result.rating, result.reason)
    for c in result.components:
        print(c.label, c.points, "/", c.max_points, c.explanation)

Method ``sourcing/6`` measures what the project's sourcing rubric asks a careful reader to
look for (docs/scoring.md): several independent named sources rather than one, the
article's own reporting rather than another outlet's, a central claim that says where it
comes from, primary evidence, more than one side where there are sides, few and explained
anonymous sources, and little asserted in the writer's own voice.  Each component carries
the attribution ids (or, for unattributed claims, the sentence indices) behind it, so every
point can be traced to the text.  Shares are taken over the article's attributions, so the
score means the same in a short brief and a long feature.  The weights, thresholds and
rating cut points live in ``attribution/data/score_weights.json``.

Does not: judge whether a source is truthful or the reporting fair, or score hedged and
distancing cues ("allegedly", "claimed"): those are listed for the reader (``hedged``,
``hedged_sentences``) and left out of the total.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from . import secondhand
from .assessment import SCORE_METHOD, ScoreComponent, SideCoverage, SourceProfile, SourcingScore
from .lexicons import load_lexicon
from .results import Attribution, Clutter, ParsedDocument, Sentence
from .sources import mentions_of_sides, side_of

__all__ = ["sourcing", "signals", "SourcingSignals", "weights", "claim_sentences", "rating_for"]

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


def rating_for(total: float) -> str:
    """The rating word for a total: the first cut point of the weights file it reaches."""
    for cut in weights()["ratings"]:
        if total >= cut["from"]:
            return str(cut["rating"])
    return str(weights()["ratings"][-1]["rating"])


def sourcing(attributions: Sequence[Attribution], profiles: Sequence[SourceProfile],
             document: ParsedDocument, clutter: Sequence[Clutter] = (),
             outlet: str | None = None) -> SourcingScore:
    """Score an article's sourcing.

    Args:
        attributions: the article's attributions.
        profiles: their sources, from :func:`attribution.sources.profiles`.
        document: the parse (only its sentences outside site clutter are read).
        clutter: the lines set aside as site clutter; wire credits ("The Associated Press
            contributed to this report") are read there.
        outlet: the outlet that published the article, when known, so that its own
            interviews ("told The Times" in a Times story) are not counted as another's.

    Returns:
        The total, its rating and the one-sentence reason for it, the components in the
        weights file's order, and the unscored observations (hedges, sides heard and not heard).
    """
    facts, unresolved = _facts_for(attributions, profiles, document, clutter, outlet)
    by_id, scored = facts.by_id, facts.scored
    components = [(_COMPONENTS[spec["key"]](facts, spec)) for spec in weights()["components"]]
    max_points = sum(c.max_points for c in components) or 1.0
    total = round(100 * sum(c.points for c in components) / max_points)
    hedged = tuple(a.id for a in attributions if a.hedged or a.cue_lemma.lower() in load_lexicon("distancing_cues"))
    covered = facts.covered | {by_id[h].sentence for h in hedged}
    hedged_sentences = tuple(s.index for s in document.sentences
                             if s.index not in covered and _hedges(s))
    return SourcingScore(total=total, components=tuple(components), method=SCORE_METHOD,
                         attributions=len(scored), unresolved=unresolved, hedged=hedged,
                         hedged_sentences=hedged_sentences, sides=facts.sides, unheard=facts.unheard,
                         reason=_reason(total, components, facts))


def _facts_for(attributions: Sequence[Attribution], profiles: Sequence[SourceProfile], document: ParsedDocument,
               clutter: Sequence[Clutter], outlet: str | None) -> tuple["_Facts", tuple[str, ...]]:
    by_id = {a.id: a for a in attributions}
    profile_of = {aid: p for p in profiles for aid in p.attributions}
    unresolved = tuple(a.id for a in attributions if profile_of.get(a.id) is None
                       or profile_of[a.id].type == "unresolved")
    left_out = set(unresolved)  # a set: a tuple test made scoring quadratic in the article's length
    scored = [a for a in attributions if a.id not in left_out]
    facts = _Facts(document, scored, profile_of, [p for p in profiles if p.type != "unresolved"], by_id,
                   tuple(clutter), outlet)
    return facts, unresolved


@dataclass(frozen=True)
class SourcingSignals:
    """What the score reads off an article, in the terms a reader rating it records
    (benchmarks/labels/README.md), so that each can be checked against the reader.

    Attributes:
        distinct_sources: distinct sources the article attributes to: on-record sources
            (counted as for the named-sources component), anonymous informants (each unnamed
            description once) and other outlets relied on.
        named_sources: the on-record sources alone.
        anonymous_sources: distinct anonymous informants.
        other_outlets: the other outlets the article passes on (relayed attributions, the lede).
        relies_on_other_outlet: whether the other-outlets component counts the article as
            resting on another outlet's reporting (half its reliance or more).
        wire: the wire services or outlets a credit line names.
        central_claim: "yes" where the headline or lede is attributed to a source on the record
            (in whichever of its sentences), "partly" where only to an anonymous source or
            another outlet's reporting, "no" where to nobody.
    """

    distinct_sources: int
    named_sources: int
    anonymous_sources: int
    other_outlets: tuple[str, ...]
    relies_on_other_outlet: bool
    wire: tuple[str, ...]
    central_claim: str


def signals(attributions: Sequence[Attribution], profiles: Sequence[SourceProfile], document: ParsedDocument,
            clutter: Sequence[Clutter] = (), outlet: str | None = None) -> SourcingSignals:
    """The score's readings of an article (see :class:`SourcingSignals`); arguments as for
    :func:`sourcing`."""
    f, _ = _facts_for(attributions, profiles, document, clutter, outlet)
    named = f.named_sources()
    anonymous = list(dict.fromkeys(f.profile_of[a.id].name.casefold() for a in f.anonymous()))
    outlets = tuple(dict.fromkeys([*f.lede_outlets, *f.relayed.values()]))
    spec = weights_of("other_outlets")
    claim_spec = weights_of("central_claim")
    reading = _claim_reading(f, claim_spec)
    kind = reading.kind if reading else "none"
    return SourcingSignals(distinct_sources=len(named) + len(anonymous) + len(outlets), named_sources=len(named),
                           anonymous_sources=len(anonymous), other_outlets=outlets,
                           relies_on_other_outlet=_reliance(f, spec) >= 0.5, wire=f.wire,
                           central_claim=("yes" if kind in ("on_record", "evidence")
                                          else "no" if kind == "none" else "partly"))


_INTERVIEW_WORDS = re.compile(r"\b(?:interview\w*|told|asked|spoke|speaking|appear\w*|exchange|transcript|"
                              r"conversation|segment|remarks|comments|wrote|writes|op-ed|column)\b", re.I)


class _Facts:
    """What several components need, worked out once."""

    def __init__(self, document: ParsedDocument, scored: list[Attribution],
                 profile_of: dict[str, SourceProfile], sources: list[SourceProfile],
                 by_id: dict[str, Attribution], clutter: tuple[Clutter, ...], outlet: str | None) -> None:
        self.document = document
        self.scored = scored
        self.profile_of = profile_of
        self.sources = sources
        self.by_id = by_id
        spans = _SentenceSpans(document)
        self.sentences_of = {a.id: _sentences_of(a, spans) for a in by_id.values()}
        # Each sentence's scored attributions, in order: a scan of all of them for every
        # sentence asked about grew with the square of the article's length.
        self.scored_in: dict[int, list[Attribution]] = {}
        for a in scored:
            for index in sorted(self.sentences_of[a.id]):
                self.scored_in.setdefault(index, []).append(a)
        self.covered = {i for found in self.sentences_of.values() for i in found}
        self.outlet = outlet
        self._people: dict[str, str] | None = None
        self.wire = self._wire(clutter)
        # Wire copy credited to an agency is that agency's own reporting: "according to an AFP
        # tally" in an AFP story passes nothing on.
        self.relayed = {aid: name for aid, name in self._relayed().items()
                        if not any(secondhand.same_outlet(name, w) for w in self.wire)}
        self.lede_outlets = self._lede_outlets()
        self.sides, self.unheard = _sides_heard(list(by_id.values()), self.sources, document)

    def _relayed(self) -> dict[str, str]:
        """Attribution id -> the outlet whose reporting it passes on.

        A source heard through an outlet ("Axelrod said in an interview with CNN") goes on
        being heard through it in the quotes that directly follow ("he added"): its own
        attributions in the same or the next sentence, with no other source between.  Any
        other source, a sentence's gap, or a sentence placing it somewhere else ("in a
        statement", "at a rally") ends the run: profiles that merge one speaker's interview
        with his speeches elsewhere in the article must not make all of them another outlet's.
        An outlet named only as a race caller or an event's host ("projected by the AP", "a
        forum sponsored by NBC News") is not a source of reporting (``outlet_event_cues.txt``)."""
        out: dict[str, str] = {}
        through: tuple[str, str, int] | None = None  # (profile id, outlet, last sentence)
        event_cues = load_lexicon("outlet_event_cues")
        credited = self._bracket_credited()
        excerpted = self._excerpted()
        # A sentence that names an outlet's interview but holds no attribution of its own
        # ("Based on an interview he gave to Fox News, ...") hands it to the quotes of the next
        # sentence.  Only a named outlet and a sentence about an interview: a bare "on his show"
        # or a network's poll, with nobody speaking, hands nothing on.
        bare = {s.index: named for s in self.document.sentences
                if s.index not in self.scored_in and _INTERVIEW_WORDS.search(self.document.text[s.start:s.end])
                for named in [secondhand.relay_in(self.document.text[s.start:s.end], self.outlet)]
                if named and named != "a broadcast interview"}
        for a in sorted(self.scored, key=lambda a: (a.sentence, a.cue.start if a.cue else 0)):
            profile = self.profile_of[a.id]
            paragraph = self.document.sentences[a.sentence].paragraph if 0 <= a.sentence < len(
                self.document.sentences) else None
            if paragraph in credited or a.sentence in excerpted:
                out[a.id] = credited[paragraph] if paragraph in credited else excerpted[a.sentence]
                through = None
                continue
            if a.cue_lemma.lower() in event_cues:
                through = None
                continue
            if profile.type == "outlet" or secondhand.is_outlet(profile.name):
                if not secondhand.same_outlet(profile.name, self.outlet):
                    out[a.id] = profile.name
                through = None
                continue
            # A source whose very name places it at another outlet ("Chris Wallace of Fox
            # News", "the WSJ editorial") speaks for that outlet's reporting.
            within = secondhand.outlets_named(profile.name, self.outlet)
            if within:
                out[a.id] = within[0]
                through = None
                continue
            texts = [self.document.text[self.document.sentences[i].start:self.document.sentences[i].end]
                     for i in sorted(self.sentences_of[a.id]) if 0 <= i < len(self.document.sentences)]
            found = next((r for r in (secondhand.relay_in(t, self.outlet) for t in texts) if r), None)
            fresh = any(secondhand.fresh_setting(t) for t in texts)
            if found:
                through = (profile.id, found, a.sentence)
            elif (through is not None and through[0] == profile.id and a.sentence - through[2] <= 1
                  and not fresh):
                through = (profile.id, through[1], a.sentence)
            elif a.sentence - 1 in bare and not fresh:
                through = (profile.id, bare[a.sentence - 1], a.sentence)
            else:
                through = None
                continue
            out[a.id] = through[1]
        return out

    def _excerpted(self) -> dict[int, str]:
        """Sentence -> the outlet whose pasted excerpt it belongs to: the sentences after a line
        introducing one ("From Bloomberg:", ``excerpt_intros.txt``), up to a closing line ("Read
        the rest of the story here."), the next such line or the article's end."""
        out: dict[int, str] = {}
        current: str | None = None
        for s in self.document.sentences:
            text = self.document.text[s.start:s.end]
            named = secondhand.excerpt_intro(text, self.outlet)
            if named:
                current = named
            elif current and secondhand.excerpt_end(text):
                current = None
            elif current:
                out[s.index] = current
        return out

    def _bracket_credited(self) -> dict[int, str]:
        """Paragraph -> the outlet a bracketed credit closing it names ("...” [WashPost.]"); a
        credit standing alone credits the paragraph before it too."""
        out: dict[int, str] = {}
        for s in self.document.sentences:
            text = self.document.text[s.start:s.end]
            name = secondhand.bracketed_credit(text, self.outlet)
            if not name:
                continue
            out[s.paragraph] = name
            if len(re.sub(r"\[[^\]]*\]", "", text).strip(" .\n")) == 0 and s.paragraph > 0:
                out.setdefault(s.paragraph - 1, name)
        return out

    def _wire(self, clutter: tuple[Clutter, ...]) -> tuple[str, ...]:
        """The outlets that credit lines (in the clutter or the body) say contributed."""
        texts = [c.text for c in clutter] + [self.document.text[s.start:s.end] for s in self.document.sentences]
        found = (secondhand.wire_credit(t, self.outlet) for t in texts)
        return tuple(dict.fromkeys(name for name in found if name))

    def _lede_outlets(self) -> tuple[str, ...]:
        """The other outlets the headline or the lede names as the source of its news
        ("According to a new report by Politico, ...", "Trump told CNN that ..."): where the
        news itself comes from another outlet's reporting, the article rests on it, however
        many of the voices that follow are named.  An outlet named in another role (the host
        of a forum, the paper a document was leaked to, a network that called a race) is not
        where the news comes from: only a relay phrase (``relay_phrases.txt``) or an
        attribution of the sentence passed on from an outlet makes it one."""
        headline, lede = _headline_and_lede(self.document, weights_of("central_claim"))
        wanted = set(headline + lede)
        found: list[str] = []
        for i in headline + lede:
            s = self.document.sentences[i]
            named = secondhand.relay_in(self.document.text[s.start:s.end], self.outlet)
            if named:
                found.append(named)
        found += [self.relayed[a.id] for a in self.scored if a.id in self.relayed and a.sentence in wanted]
        found = [name for name in found if not any(secondhand.same_outlet(name, w) for w in self.wire)]
        # A radio or television interview the lede mentions without naming whose ("delivered
        # during a radio interview"), with no attribution passed on from any outlet, is news the
        # article may well have gathered itself: it is not counted as resting on another outlet.
        if not self.relayed:
            found = [name for name in found if name != "a broadcast interview"]
        return tuple(dict.fromkeys(found))

    def people(self) -> dict[str, str]:
        """Person profile id -> the id of the profile standing for the same person, where the
        profiles split one person by the form of the name: "Stumpf" and "Wells Fargo CEO John
        Stumpf", "Republican Donald Trump" and "Donald Trump", "Mujtaba Rahman of the Eurasia
        Group" and "Mujtaba Rahman".  Two names are one person when their surnames (last
        capitalised word, titles set aside) agree and their other words are not disjoint (so
        "Bill Clinton" and "Hillary Clinton" stay two); a surname alone joins the most cited
        person of that surname."""
        if self._people is not None:
            return self._people
        titles = load_lexicon("titles")
        parts: dict[str, tuple[str, frozenset[str]]] = {}
        for p in self.sources:
            if p.type != "person":
                continue
            name = re.split(r"\s+(?:of|from|at)\s+", p.name.replace("’", "'"), maxsplit=1)[0]
            words = [w.strip(".").casefold() for w in re.findall(r"\b[A-Z][\w'.-]*", name)]
            words = [w for w in words if w and w not in titles and w.rstrip("s") not in titles]
            if words:
                parts[p.id] = (words[-1], frozenset(words[:-1]))
        cited = {p.id: len(p.attributions) for p in self.sources}
        # Full names first (most cited first), so that a surname alone finds its person.
        order = sorted(parts, key=lambda pid: (not parts[pid][1], -cited[pid], pid))
        heads: list[str] = []
        out: dict[str, str] = {}
        for pid in order:
            surname, given = parts[pid]
            same = [h for h in heads if parts[h][0] == surname and (not given or not parts[h][1]
                                                                    or given & parts[h][1])]
            if same:
                out[pid] = same[0]
            else:
                heads.append(pid)
                out[pid] = pid
        self._people = out
        return out

    def anonymous(self) -> list[Attribution]:
        """Attributions to anonymous informants.  Where the source typing says whether an
        unnamed source informs the reporter or only takes part in the story ("protesters
        chanted"), only informants count."""
        return [a for a in self.scored if self.profile_of[a.id].type == "anonymous"
                and getattr(self.profile_of[a.id], "informant", True) is not False]

    def named_sources(self) -> list[SourceProfile]:
        """On-record sources the article itself heard from (not only through another outlet),
        each independent body counted once: an organisation or document is a source of its
        own only when its name has a distinctive word no source before it shares ("the
        flight attendants' union" after "Association of Flight Attendants" is the same body;
        "a statement" alone is nobody)."""
        heard = [p for p in self.sources if p.type in _ON_RECORD
                 and any(aid not in self.relayed for aid in p.attributions if aid in self.profile_of)]
        # People are counted as profiled: merging a person's name forms here (as the largest
        # source does) lowered out-of-fold rho on the fit ratings (0.719 -> 0.718, rated 1-2
        # called strong 2 -> 7).
        out: list[SourceProfile] = []
        seen: set[str] = set()
        for p in sorted(heard, key=lambda p: (p.type != "person", p.id)):
            words = _distinctive(p.name)
            if p.type != "person" and (not words or words & seen):
                continue
            out.append(p)
            seen |= words
        return sorted(out, key=lambda p: p.id)


# --- components: each returns a ScoreComponent; the weights file's "key" picks it ----------

def _named_sources(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    if not f.scored:
        return _empty(spec)
    named = f.named_sources()
    full = spec["full_at"]
    listing = "; ".join(p.name for p in named[:6]) + ("; ..." if len(named) > 6 else "")
    hits = [f.by_id[i] for p in named for i in p.attributions if i in f.by_id]
    return _component(spec, (len(named) - 1) / max(1e-9, full - 1), len(named),
                      f"{_count(len(named), 'named source')} on the record"
                      f"{': ' + listing if named else ''} (full marks from {full}).", hits)


def _largest_source(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    n = len(f.scored)
    if not n or not f.sources:
        return _empty(spec)
    top, cited = _largest(f)
    share = len(cited) / n
    full, zero = spec["full_below"], spec["zero_at"]
    return _component(spec, (zero - share) / max(1e-9, zero - full), share,
                      f"The most cited source, {top.name}, gives {len(cited)} of {_attributions(n)} "
                      f"({_pct(share)}); full marks up to {_pct(full)}, none from {_pct(zero)}.",
                      [f.by_id[i] for i in cited if i in f.by_id])


def _largest(f: _Facts) -> tuple[SourceProfile, list[str]]:
    """The most cited source and its attribution ids, a person's profiles split by the form of
    the name ("Stumpf", "John Stumpf") taken together."""
    person = f.people()
    by_pid = {p.id: p for p in f.sources}
    cited: dict[str, list[str]] = {}
    for p in f.sources:
        cited.setdefault(person.get(p.id, p.id), []).extend(p.attributions)
    head = max(cited, key=lambda pid: (len(cited[pid]), -f.sources.index(by_pid[pid])))
    return by_pid[head], cited[head]


def _other_outlets(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    n = len(f.scored)
    if not n and not f.wire:
        return _empty(spec)
    hits = [a for a in f.scored if a.id in f.relayed]
    share = len(hits) / n if n else 0.0
    reliance = _reliance(f, spec)
    fraction = 1 - reliance - (spec["wire_cost"] if f.wire else 0.0)
    parts = []
    if f.lede_outlets:
        parts.append(f"The headline or lede names {_join(list(f.lede_outlets)[:2])}: the news comes from another "
                     f"outlet's reporting")
    if hits:
        names = ", ".join(dict.fromkeys(f.relayed[a.id] for a in hits))
        parts.append(f"{len(hits)} of {_attributions(n)} ({_pct(share)}) {_verb(len(hits), 'passes', 'pass')} on "
                     f"another outlet's reporting ({names})")
    elif not f.lede_outlets:
        parts.append("No attribution passes on another outlet's reporting")
    if f.wire:
        parts.append(f"a credit line says {', '.join(f.wire)} contributed to the report")
    return _component(spec, fraction, share, "; ".join(parts) + ".", hits)


def _reliance(f: _Facts, spec: dict[str, Any]) -> float:
    """How far the article rests on other outlets' reporting, 0..1 and more: the share of
    attributions passed on / zero_at_share, or lede_cost where the headline or lede names one."""
    n = len(f.scored)
    share = sum(1 for a in f.scored if a.id in f.relayed) / n if n else 0.0
    return float(max(share / spec["zero_at_share"], spec["lede_cost"] if f.lede_outlets else 0.0))


@dataclass(frozen=True)
class _ClaimReading:
    """Where the headline's or lede's claim rests: ``kind`` is "on_record", "anonymous",
    "outlet" (another outlet's reporting), "evidence" (a phrase saying what evidence shows) or
    "none" (the writer's own voice); ``credit`` its credit from the weights file."""

    kind: str
    credit: float
    explanation: str
    attribution: Attribution | None = None
    sentences: tuple[int, ...] = ()


def _claim_reading(f: _Facts, spec: dict[str, Any]) -> _ClaimReading | None:
    """The source the central claim (headline, lede, body restatements of the headline) rests
    on; None when the article has neither a headline nor an opening statement."""
    headline, lede = _headline_and_lede(f.document, spec)
    if not headline and not lede:
        return None
    where = {s: "headline" for s in headline}
    where.update({s: "opening sentence" if i == 0 else f"sentence {i + 1} of the lede" for i, s in enumerate(lede)})
    for s in _restatements(f.document, headline or lede[:1], set(where), spec["restatement_overlap"]):
        where[s] = f"restatement in sentence {s + 1}"
    # Where the article shows whom its attributed claim came through ("the United States has
    # told allies that ..., according to two sources familiar with the matter"), the claim
    # rests on that outer source, however well the inner one is named.
    nested = [(a, s) for s in where for a in _outer(f, s, nested_only=True)]
    if nested:
        a, s = min(nested, key=lambda pair: _claim_credit(f, pair[0], spec)[0])
        credit, kind, name = _claim_credit(f, a, spec)
        return _ClaimReading(kind, credit, f"The central claim ({where[s]}) comes through {name}.", a)
    best: tuple[float, str, str, Attribution | None] = (0.0, "", "", None)
    for s in where:
        for a in _outer(f, s):
            credit, kind, name = _claim_credit(f, a, spec)
            if credit > best[0] or best[3] is None:
                best = (credit, kind, f"the {where[s]} is attributed to {name}", a)
    # A claim stated as what evidence shows ("a new poll shows ...", "disclosures filed on
    # Sunday revealed ...") is attributed, to a document, whether or not the extraction kept
    # it as an attribution.  Evidence gathered by another outlet ("a Fox News poll shows") is
    # that outlet's reporting.
    shown = []
    for s in where:
        text = f.document.text[f.document.sentences[s].start:f.document.sentences[s].end]
        found = _claim_evidence(text)
        if found:
            relayed = secondhand.relay_in(text, f.outlet)
            shown.append((spec["relayed_credit"] if relayed else 1.0, s, found, relayed))
    if shown and (best[3] is None or max(shown, key=lambda t: t[0])[0] > best[0]):
        credit, s, found, relayed = max(shown, key=lambda t: t[0])
        whose = f", another outlet's reporting ({relayed})" if relayed else ""
        return _ClaimReading("outlet" if relayed else "evidence", credit,
                             f"The {where[s]} says its claim comes from evidence (“{found}”){whose}.")
    if best[3] is None:
        return _ClaimReading("none", spec["writer_voice_credit"],
                             "Neither the headline nor the opening sentences say where their claim comes from: "
                             "the writer's own voice, which costs nothing here (an unattributed lede is as common "
                             "in the strongest reporting as in opinion).",
                             None, tuple(s for s in where if s not in f.covered))
    return _ClaimReading(best[1], best[0], f"{best[2][0].upper()}{best[2][1:]}.", best[3])


def _central_claim(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    """Full points unless the central claim rests on an anonymous source or another outlet's
    reporting (sourcing/5: an attributed lede earns nothing more, an unattributed one loses
    nothing; see docs/scoring.md)."""
    reading = _claim_reading(f, spec)
    if reading is None:
        return _component(spec, 1.0, 1.0, "No headline or opening statement found.", [])
    return _component(spec, reading.credit, reading.credit, reading.explanation,
                      [reading.attribution] if reading.attribution else [], reading.sentences)


@lru_cache(maxsize=1)
def _claim_evidence_patterns() -> tuple[re.Pattern[str], ...]:
    raw = (resources.files("attribution") / "lexicons" / "claim_evidence.txt").read_text(encoding="utf-8")
    return tuple(re.compile(line.strip(), re.I) for line in raw.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


def _claim_evidence(sentence: str) -> str | None:
    """The phrase by which ``sentence`` says its claim comes from evidence, or None."""
    for pattern in _claim_evidence_patterns():
        found = pattern.search(sentence)
        if found:
            return found.group(0).strip()
    return None


def _outer(f: _Facts, sentence: int, nested_only: bool = False) -> list[Attribution]:
    """The attributions of a sentence that no other attribution of it reports ("according to
    two sources" around "the United States told allies"); with ``nested_only``, only those
    that say whom the sentence's claim came through: an "according to" phrase, or one that
    reports another attribution."""
    here = f.scored_in.get(sentence, [])
    inner = {b.id for b in here for a in here if a is not b and _reports(a, b)}
    if nested_only:
        return [a for a in here if a.id not in inner
                and (a.kind == "according_to" or any(_reports(a, b) for b in here if b is not a))]
    return [a for a in here if a.id not in inner]


def _reports(outer: Attribution, inner: Attribution) -> bool:
    """``outer`` passes on ``inner``: inner's cue lies within outer's content, or outer is an
    "according to" phrase over the sentence inner speaks in."""
    if inner.cue is None or outer.cue is None or outer.id == inner.id:
        return False
    if any(c.start <= inner.cue.start and inner.cue.end <= c.end for c in outer.content):
        return True
    return outer.kind == "according_to" and outer.sentence == inner.sentence and inner.kind != "according_to"


def _restatements(document: ParsedDocument, reference: list[int], skip: set[int], overlap: float) -> list[int]:
    """Body sentences that restate the headline's claim: at least ``overlap`` of its content
    words (nouns, names, verbs, adjectives, numbers; by lemma) recur in them."""
    def content(index: int) -> set[str]:
        return {w.lemma.lower() for w in document.sentences[index].words
                if w.upos in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and len(w.text) > 2}

    wanted = set().union(*(content(i) for i in reference)) if reference else set()
    if len(wanted) < 3:
        return []
    return [s.index for s in document.sentences if s.index not in skip
            and len(wanted & content(s.index)) >= overlap * len(wanted)]


def _claim_credit(f: _Facts, a: Attribution, spec: dict[str, Any]) -> tuple[float, str, str]:
    """(credit, kind, description) of the source a claim rests on."""
    profile = f.profile_of[a.id]
    if a.id in f.relayed:
        return spec["relayed_credit"], "outlet", f"another outlet's reporting ({f.relayed[a.id]})"
    if profile.type == "anonymous":
        if profile.anonymity_reason:
            return (spec["anonymous_reason_credit"], "anonymous",
                    f"an anonymous source (“{profile.name}”), with a reason given")
        return spec["anonymous_credit"], "anonymous", f"an anonymous source (“{profile.name}”), with no reason given"
    return 1.0, "on_record", f"a source on the record, {profile.name}"


def _evidence(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    if not f.scored and not f.document.sentences:
        return _empty(spec)
    # A document whose name says nothing about which one it is ("a statement", "which") is
    # no evidence by itself: the same rule as for counting named sources.
    hits = [a for a in f.scored if f.profile_of[a.id].type == "document" and a.id not in f.relayed
            and _distinctive(f.profile_of[a.id].name)]
    names = list(dict.fromkeys(f.profile_of[a.id].name for a in hits))
    hit_ids = {a.id for a in hits}  # ids, not a list of attributions: each test compared whole attributions
    via = [a for a in f.scored if a.id not in hit_ids and a.id not in f.relayed
           and f.profile_of[a.id].type in ("person", "organisation") and _via_document(a, f.document)]
    # A source that spoke through a statement counts once, however often it is cited.
    speakers = list(dict.fromkeys(f.profile_of[a.id].name for a in via))
    body = " ".join(f.document.text[s.start:s.end] for s in f.document.sentences)
    phrases = [p for p in secondhand.evidence_phrases(body)]
    items = names + [f"a statement or document from {name}" for name in speakers] + [f"“{p}”" for p in phrases]
    cited = len(items)
    listing = f": {'; '.join(items[:6])}{'; ...' if len(items) > 6 else ''}" if items else ""
    return _component(spec, cited / spec["full_at"], cited,
                      f"{_count(cited, 'piece')} of primary evidence (documents, statements, records, data) "
                      f"cited{listing} (full marks from {spec['full_at']}).", hits + via)


def _sides(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    heard = [s.side for s in f.sides]
    at_stake = list(dict.fromkeys(heard + list(f.unheard)))
    if len(at_stake) < 2:
        return _component(spec, 1.0, len(heard), "The article does not set two sides against each other"
                          + (f" (its sources speak for {heard[0]} only)" if heard else "") + ".", [])
    # With no side heard the tool cannot tell whose voices they are (a source with no stated
    # affiliation has no side), so it gives half, not none.
    fraction = (len(heard) - 1) / (len(at_stake) - 1) if heard else spec["none_heard"]
    hits = [f.by_id[i] for s in f.sides for i in s.attributions if i in f.by_id]
    if f.unheard:
        text = (f"Sources speak for {_join(heard) if heard else 'no side'}; "
                f"{_join(list(f.unheard))} {_verb(len(f.unheard), 'is', 'are')} named but never heard.")
    else:
        text = f"Sources speak for {_join(heard)}."
    return _component(spec, fraction, len(heard), text, hits)


def _anonymous(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    n = len(f.scored)
    if not n:
        return _empty(spec)
    hits = f.anonymous()
    if not hits:
        return _component(spec, 1.0, 0.0, "No attribution rests on an anonymous or unnamed source.", [])
    cost = sum(1.0 if f.profile_of[a.id].anonymity_reason else spec["no_reason_cost"] for a in hits)
    share = len(hits) / n
    profiles = list(dict.fromkeys(f.profile_of[a.id].id for a in hits))
    by_pid = {p.id: p for p in f.sources}
    described = "; ".join(f"“{by_pid[pid].name}” ({'reason given' if by_pid[pid].anonymity_reason else 'no reason given'})"
                          for pid in profiles)
    return _component(spec, 1 - (cost / n) / spec["zero_at_share"], share,
                      f"{len(hits)} of {_attributions(n)} ({_pct(share)}) {_verb(len(hits), 'rests', 'rest')} on "
                      f"anonymous or unnamed sources: {described}; none left from {_pct(spec['zero_at_share'])}.", hits)


def _unattributed(f: _Facts, spec: dict[str, Any]) -> ScoreComponent:
    claims = claim_sentences(f.document, spec["min_words"])
    headline = set(_headline_and_lede(f.document, weights_of("central_claim"))[0])
    claims = [s for s in claims if s.index not in headline]
    if not claims:
        return _empty(spec, "No statements found in the article body.")
    bare = [s.index for s in claims if s.index not in f.covered]
    share = len(bare) / len(claims)
    free, zero = spec["free_share"], spec["zero_at_share"]
    return _component(spec, (zero - share) / max(1e-9, zero - free), share,
                      f"{len(bare)} of {len(claims)} statements in the body ({_pct(share)}) "
                      f"{_verb(len(bare), 'carries', 'carry')} no attribution; up to {_pct(free)} is allowed for "
                      f"background, none left from {_pct(zero)}.", [], tuple(bare))


_COMPONENTS = {"named_sources": _named_sources, "largest_source": _largest_source, "other_outlets": _other_outlets,
               "central_claim": _central_claim, "evidence": _evidence, "sides": _sides, "anonymous": _anonymous,
               "unattributed": _unattributed}


def weights_of(key: str) -> dict[str, Any]:
    """One component's entry of the weights file."""
    return next(c for c in weights()["components"] if c["key"] == key)


# --- the rating's reason: one sentence a student can follow --------------------------------

def _reason(total: int, components: Sequence[ScoreComponent], f: _Facts) -> str:
    rating = rating_for(total)
    if not f.scored:
        return f"{rating.capitalize()}: the tool found no attributed statement, so nothing says where the article's information comes from."
    # The weaknesses named are the components that lost most, weighing the part of their
    # points lost by the square root of their weight: a small component wholly lost ("one
    # source gives 13 of 20") can come before a large one partly lost, but not before a large
    # one mostly lost ("it names only 2 sources").
    # Between equal losses, another outlet's reporting comes first: the rubric puts a rewrite
    # of another outlet's report at 1, the lowest rating.
    lost = sorted((c for c in components if c.max_points - c.points >= 0.25 * c.max_points),
                  key=lambda c: (-(1 - c.points / c.max_points) * c.max_points ** 0.5, c.key != "other_outlets"))
    kept = sorted((c for c in components if c.points >= 0.75 * c.max_points), key=lambda c: -c.points)
    weak = [w for w in (_weakness(c, f) for c in lost) if w][:2]
    good = [g for g in (_strength(c, f) for c in kept) if g][:2 if rating == "strong" else 1]
    if weak and good:
        body = f"{_join(good)}, but {_join(weak)}"
    elif weak:
        body = _join(weak)
    elif good:
        body = _join(good)
    else:
        body = "no single part stands out"
    return f"{rating.capitalize()} ({total}/100): {body}."


def _weakness(c: ScoreComponent, f: _Facts) -> str | None:
    n = len(f.scored)
    if c.key == "named_sources":
        if c.value >= weights_of("named_sources")["full_at"] / 2:
            return None  # half the sources of full marks or more is not a weakness to name
        return "it names no source on the record" if c.value == 0 else \
            f"it names only {_count(int(c.value), 'source')} on the record"
    if c.key == "largest_source" and f.sources:
        top, cited = _largest(f)
        return f"one source, {top.name}, gives {len(cited)} of its {n} attributions"
    if c.key == "other_outlets":
        if f.lede_outlets:
            return f"its news comes from another outlet's reporting ({_join(list(f.lede_outlets)[:2])})"
        if c.value > 0:
            names = _join(list(dict.fromkeys(f.relayed.values()))[:2])
            return f"{_pct(c.value)} of what it attributes is passed on from another outlet's reporting ({names})"
        return f"it credits {_join(list(f.wire))} for part of its reporting" if f.wire else None
    if c.key == "central_claim":
        # Only a claim resting on an anonymous source or another outlet loses points here.
        return "its main claim rests on " + ("another outlet" if "outlet" in c.explanation
                                             else "an anonymous source")
    if c.key == "evidence":
        return "it cites no document, record or data" if c.value == 0 else "it cites little primary evidence"
    if c.key == "sides" and f.unheard:
        return f"{_join(list(f.unheard))} {_verb(len(f.unheard), 'is', 'are')} talked about but never heard"
    if c.key == "anonymous":
        return f"{_pct(c.value)} of its attributions rest on anonymous sources"
    if c.key == "unattributed":
        return f"{_pct(c.value)} of its statements are the writer's own, with no source"
    return None


def _strength(c: ScoreComponent, f: _Facts) -> str | None:
    if c.key == "named_sources":
        return f"it names {_count(int(c.value), 'source')} on the record"
    if c.key == "central_claim":
        # Full points also go to a lede in the writer's own voice: only a named source is praise.
        return "its main claim is attributed to a named source" if "on the record" in c.explanation else None
    if c.key == "evidence":
        return "it cites documents or records"
    if c.key == "sides" and len(f.sides) >= 2:
        return "more than one side is heard"
    if c.key == "unattributed":
        return "nearly every statement says where it comes from" if c.value <= 0.15 else \
            "most of its statements say where they come from"
    return None


# --- shared helpers -------------------------------------------------------------------------

def claim_sentences(document: ParsedDocument, min_words: int = 6) -> list[Sentence]:
    """The body's statements: sentences outside site clutter with a finite verb, ending in a
    full stop, of at least ``min_words`` words.  Labels and questions are left out."""
    out = []
    for s in document.sentences:
        words = [w for w in s.words if w.upos != "PUNCT"]
        if len(words) < min_words or not _SENTENCE_END.search(document.text[s.start:s.end]):
            continue
        if any("VerbForm=Fin" in w.feats for w in s.words):
            out.append(s)
    return out


def _headline_and_lede(document: ParsedDocument, spec: dict[str, Any]) -> tuple[list[int], list[int]]:
    """Sentence indices of the headline (the first line, when it is short and more follows)
    and of the lede (the first statements after it)."""
    sentences = document.sentences
    if not sentences:
        return [], []
    first = [s for s in sentences if s.paragraph == sentences[0].paragraph]
    words = sum(1 for s in first for w in s.words if w.upos != "PUNCT")
    headline = [s.index for s in first] if len(first) < len(sentences) and words <= spec["headline_max_words"] else []
    lede = [s.index for s in claim_sentences(document) if s.index not in headline][:spec["lede_sentences"]]
    return headline, lede


_COORDINATION = re.compile(r"\s*(?:,|&|\band\b)\s*")


def _sides_heard(attributions: list[Attribution], profiles: Sequence[SourceProfile],
                 document: ParsedDocument) -> tuple[tuple[SideCoverage, ...], tuple[str, ...]]:
    grouped: dict[str, list[SourceProfile]] = {}
    for p in profiles:
        if p.side and p.type not in ("outlet", "unresolved"):
            grouped.setdefault(p.side, []).append(p)
    sides = tuple(sorted((SideCoverage(side, tuple(p.id for p in ps), tuple(a for p in ps for a in p.attributions),
                                       tuple(d for p in ps for d in p.denials)) for side, ps in grouped.items()),
                         key=lambda s: (-len(s.attributions), s.side)))
    heard = {s.side for s in sides}
    named = mentions_of_sides(" ".join(document.text[s.start:s.end] for s in document.sentences))
    # "Never heard" is a claim of absence: a side named in the sentence of an attribution whose
    # speaker was not found (a misparsed "Tehran and Moscow have both denied ...") may be that
    # speaker, so it is not called unheard.
    for a in attributions:
        if a.source is None and 0 <= a.sentence < len(document.sentences):
            sentence = document.sentences[a.sentence]
            heard |= set(mentions_of_sides(document.text[sentence.start:sentence.end]))
        elif a.source is not None:
            # "Tehran and Moscow have both denied ...": one profile, named for its first member,
            # but every side of the coordination speaks.
            members = _COORDINATION.split(a.source.text)
            if len(members) > 1:
                heard |= {side for m in members if (side := side_of(m))}
    unheard = tuple(side for side, n in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))
                    if n >= 2 and side not in heard)
    return sides, unheard


def _distinctive(name: str) -> set[str]:
    """The words of a source's name that can tell it apart ("flight", "attendants")."""
    generic = load_lexicon("generic_source_words")
    words = {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", name.lower().replace("’", "'").replace("'s", ""))}
    return {w for w in words if w not in generic and w + "s" not in generic}


class _SentenceSpans:
    """The sentences' starts and ends, so "which sentences does this span overlap?" is a
    binary search, not a scan of every sentence for every attribution.  Sentences come in
    text order without overlapping; were they ever not, every sentence is tested."""

    def __init__(self, document: ParsedDocument) -> None:
        self.sentences = document.sentences
        self._starts = [s.start for s in self.sentences]
        self._ends = [s.end for s in self.sentences]
        self._sorted = all(a <= b for a, b in zip(self._starts, self._starts[1:])) and \
            all(a <= b for a, b in zip(self._ends, self._ends[1:]))

    def overlapping(self, start: int, end: int) -> Sequence[Sentence]:
        """The sentences with ``start < s.end and s.start < end``."""
        if not self._sorted:
            return [s for s in self.sentences if start < s.end and s.start < end]
        return self.sentences[bisect.bisect_right(self._ends, start):bisect.bisect_left(self._starts, end)]


def _sentences_of(a: Attribution, spans: _SentenceSpans) -> set[int]:
    found = {a.sentence} if a.sentence >= 0 else set()
    for sp in (a.cue, a.source, *a.content):
        if sp is not None:
            found.update(s.index for s in spans.overlapping(sp.start, sp.end))
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


def _component(spec: dict[str, Any], fraction: float, value: float, explanation: str,
               hits: Sequence[Attribution], sentences: tuple[int, ...] = ()) -> ScoreComponent:
    points = float(spec["points"])
    return ScoreComponent(spec["key"], spec["label"], points * max(0.0, min(1.0, fraction)), points, float(value),
                          explanation, tuple(dict.fromkeys(a.id for a in hits)), sentences)


def _empty(spec: dict[str, Any], why: str = "No attributions with a resolved source to assess.") -> ScoreComponent:
    return ScoreComponent(spec["key"], spec["label"], 0.0, float(spec["points"]), 0.0, why)


def _pct(share: float) -> str:
    return f"{round(100 * share)}%"


def _verb(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _attributions(n: int) -> str:
    return _count(n, "attribution")


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
