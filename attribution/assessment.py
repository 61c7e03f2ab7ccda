"""The result types of the sourcing assessment: source profiles, the score and readability.

Made by :mod:`attribution.sources`, :mod:`attribution.score` and :mod:`attribution.readability`
from an article's attributions; held by :class:`attribution.report.ArticleReport`.  Like
:mod:`attribution.results`, they are frozen dataclasses of tuples that point back into the
article by attribution id ("a3") and sentence index, never by copying its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Version of the scoring method (weights file + rules); written into every report.
# sourcing/1: first version (seven components, see docs/scoring.md).
# sourcing/2: the components the sourcing rubric asks for (largest source, other outlets and
#   wire credits, central claim, primary evidence, sides, anonymity, the writer's own voice),
#   cut points set on the team's blind ratings; a one-sentence reason for the rating.
# sourcing/3: sourcing/2's components and weights, checked on blind train ratings as well: a
#   headline or lede naming another outlet costs the other-outlets points, pronoun "sources"
#   count for nothing, cut points from train + dev tuning (strong 76, adequate 60).
# sourcing/4: sourcing/3's weights and cut points with its readings checked against the raters'
#   columns (benchmarks/sourcing_components.py): a relayed interview carries only to the quotes
#   that directly follow; race callers and event hosts are no source; the lede rests on another
#   outlet only where it is named as the source; bracketed credits; wire datelines named, wire
#   credits cost nothing; one person's name forms together for the largest source.
# sourcing/5: weights after the ridge fit on the fit ratings (named sources 45, largest source
#   10, other outlets 10, evidence 10, writer's voice 10, central claim 5); the central claim costs only where it
#   rests on an anonymous source or another outlet, an unattributed lede costs nothing; cut
#   points strong 69, adequate 52.
# sourcing/6: sourcing/5's weights and cut points with the other-outlets reading checked against
#   the raters' column (pasted excerpts after "From Bloomberg:", an interview named in a
#   sentence of its own, hosts who ask, an anchor merely named is no interview, wire copy is not
#   relayed from its own agency) and zero_at_share 0.5 (was 0.3).
SCORE_METHOD = "sourcing/6"

# Values of SourceProfile.type, in the order reports list them.
PROFILE_TYPES = ("person", "organisation", "document", "anonymous", "outlet", "unresolved")
PROFILE_TYPE_LABELS = {
    "person": "Named person",
    "organisation": "Organisation or government body",
    "document": "Document or statement",
    "anonymous": "Anonymous or unnamed",
    "outlet": "Other news outlet",
    "unresolved": "Unresolved",
}
# Values of SourceProfile.label: the labelling guide's source types (attribution/source_types.py).
SOURCE_LABELS = ("named_person", "named_organization", "unnamed_individual", "unnamed_group", "document",
                 "unresolved")
# Values of SourceProfile.specificity (anonymous sources only).
SPECIFICITIES = ("specific", "partial", "vague")


@dataclass(frozen=True)
class SourceProfile:
    """One distinct source of an article, its mentions merged ("John Kirby" = "Mr. Kirby" = "he").

    Attributes:
        id: "s1", "s2", ... in order of first attribution.
        name: how the report names it: the fullest name, or the description of an unnamed source.
        type: one of PROFILE_TYPES.
        attributions: ids of the attributions it speaks in, in text order.
        mentions: the distinct ways the text refers to it, as written ("Mr. Kirby", "he").
        role: title or role the text gives ("spokesman", "CIA Director"), or None.
        affiliation: the organisation or country it belongs to ("National Security Council"), or None.
        side: the party it plainly speaks for ("United States", "Iran"), from the name or the
            affiliation; None when the text does not make it plain.
        count: how many people an anonymous source is ("two sources" -> 2); None if unstated.
        specificity: for anonymous sources, how well the text describes them: "specific" (a
            position and a basis of knowledge), "partial" (one of the two) or "vague" (neither).
        anonymity_reason: the reason given for anonymity, as written, or None.
        direct_quotes: how many of its attributions carry a direct quotation.
        denials: ids of its attributions whose cue is a denial ("denied", "rejected").
        label: the source's type by the labelling guide (../shared/labels/SOURCE-TYPES.md), one
            of SOURCE_LABELS: named_person, named_organization, unnamed_individual (anonymous),
            unnamed_group, document, or unresolved (never guessed).
        informant: True for an unnamed_individual who is the reporter's informant (the
            anonymous sources a sourcing report counts); False for unnamed people who are not
            informants: actors in the events (guide rule 6) and generic groups (unnamed_group);
            None for named sources, documents and unresolved ones.
    """

    id: str
    name: str
    type: str
    attributions: tuple[str, ...]
    mentions: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    side: str | None = None
    count: int | None = None
    specificity: str | None = None
    anonymity_reason: str | None = None
    direct_quotes: int = 0
    denials: tuple[str, ...] = ()
    label: str = "unresolved"
    informant: bool | None = None

    @property
    def anonymous_source(self) -> bool:
        """An anonymous source in the newsroom sense: an unnamed individual who informed the reporter."""
        return self.label == "unnamed_individual" and self.informant is True

    @property
    def type_label(self) -> str:
        return PROFILE_TYPE_LABELS[self.type]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "attributions": list(self.attributions),
                "mentions": list(self.mentions), "role": self.role, "affiliation": self.affiliation,
                "side": self.side, "count": self.count, "specificity": self.specificity,
                "anonymity_reason": self.anonymity_reason, "direct_quotes": self.direct_quotes,
                "denials": list(self.denials), "label": self.label, "informant": self.informant}


@dataclass(frozen=True)
class ScoreComponent:
    """One named part of the sourcing score, with the text behind it.

    Attributes:
        key: the component's name in the weights file ("named_sources").
        label: a short title for reports ("Named, on-record sources").
        points: points earned, 0..max_points.
        max_points: the component's weight.
        value: the measured quantity (a share, a count), before weighting.
        explanation: one sentence saying why it earned these points.
        attributions: ids of the attributions behind it.
        sentences: indices of sentences behind it that hold no attribution (unattributed claims).
    """

    key: str
    label: str
    points: float
    max_points: float
    value: float
    explanation: str
    attributions: tuple[str, ...] = ()
    sentences: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "points": round(self.points, 2),
                "max_points": self.max_points, "value": round(self.value, 4), "explanation": self.explanation,
                "attributions": list(self.attributions), "sentences": list(self.sentences)}


@dataclass(frozen=True)
class SideCoverage:
    """A side the article's sources speak for, and how much it is heard.

    Attributes:
        side: "United States", "Iran", ...
        sources: ids of the profiles that speak for it.
        attributions: ids of their attributions.
        denials: ids of those attributions that are denials.
    """

    side: str
    sources: tuple[str, ...]
    attributions: tuple[str, ...]
    denials: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "sources": list(self.sources), "attributions": list(self.attributions),
                "denials": list(self.denials)}


@dataclass(frozen=True)
class SourcingScore:
    """The article's sourcing strength, 0-100, as the sum of its components' points.

    Attributes:
        total: the sum of the components' points, rounded to a whole number.
        components: the scored parts, in the order of the weights file.
        method: SCORE_METHOD, so scores from different versions are never compared unknowingly.
        attributions: how many attributions were scored (those with a resolved source).
        unresolved: ids of attributions left out because their source could not be resolved.
        hedged: ids of attributions with a hedging or distancing cue ("allegedly", "claimed"):
            shown to the reader, not scored.
        hedged_sentences: indices of sentences that hedge without any attribution ("Iran
            allegedly transferred ..."): shown, not scored.
        sides: the sides the sources speak for (not scored: how many sides a story has is a
            judgement the tool cannot make).
        unheard: sides the article names at least twice that no source speaks for.
        reason: one sentence saying why the article gets its rating, for a student to follow.
    """

    total: int
    components: tuple[ScoreComponent, ...]
    method: str = SCORE_METHOD
    attributions: int = 0
    unresolved: tuple[str, ...] = ()
    hedged: tuple[str, ...] = ()
    hedged_sentences: tuple[int, ...] = ()
    sides: tuple[SideCoverage, ...] = ()
    unheard: tuple[str, ...] = ()
    reason: str = ""

    @property
    def max_points(self) -> float:
        return sum(c.max_points for c in self.components)

    @property
    def rating(self) -> str:
        """A word for the total, for headings: strong, adequate or weak (cut points in the
        weights file, set on the team's blind ratings; see docs/scoring.md)."""
        from .score import rating_for  # the score imports this module

        return rating_for(self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "max_points": self.max_points, "rating": self.rating, "reason": self.reason,
                "method": self.method,
                "attributions": self.attributions, "unresolved": list(self.unresolved),
                "components": [c.to_dict() for c in self.components], "hedged": list(self.hedged),
                "hedged_sentences": list(self.hedged_sentences), "sides": [s.to_dict() for s in self.sides],
                "unheard": list(self.unheard)}


@dataclass(frozen=True)
class Readability:
    """Standard readability formulas on the article body (site clutter left out).

    Attributes:
        flesch_reading_ease: 0-100, higher is easier (60-70: plain English).
        flesch_kincaid_grade: the US school grade the text suits.
        gunning_fog: years of schooling needed to read it on first reading.
        coleman_liau_index: a US grade level from letters per word and sentences per 100 words.
        words: words counted.
        sentences: sentences counted.
    """

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    coleman_liau_index: float
    words: int
    sentences: int

    @property
    def ease_label(self) -> str:
        """Flesch's own bands for the reading-ease score."""
        score = self.flesch_reading_ease
        for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                             (50, "fairly difficult"), (30, "difficult")):
            if score >= floor:
                return label
        return "very difficult"

    def to_dict(self) -> dict[str, Any]:
        return {"flesch_reading_ease": round(self.flesch_reading_ease, 1),
                "flesch_kincaid_grade": round(self.flesch_kincaid_grade, 1),
                "gunning_fog": round(self.gunning_fog, 1), "coleman_liau_index": round(self.coleman_liau_index, 1),
                "words": self.words, "sentences": self.sentences, "ease_label": self.ease_label}
