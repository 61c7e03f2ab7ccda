"""Same-story comparison: which sources and statements two articles on one event share.

    from attribution import api, story
    comparison = story.compare(api.analyze_file("a.txt"), api.analyze_file("b.txt"))
    for match in comparison.shared_sources:
        print(match.first.name, match.basis, match.first.attributions, match.second.attributions)

Sources are matched by name, each article's profiles taken as they are (each article has
already merged "Mr. Kirby", "Kirby" and "he" into "John Kirby"):

- ``name``: the same name once case, a leading "the"/"a" and a title ("Mr.", "Dr.") are set
  aside, and the project's aliases applied ("U.S." = "United States");
- ``surname``: a one-word person's name that is the last word of exactly one person's full
  name in the other article, and no other person there has it ("Kirby" = "John Kirby");
- ``description``: anonymous sources whose descriptions are the same in that sense ("U.S.
  officials" in both).  Even then they may be different people: the reader must judge.

Statements (attributions) are matched by their content, whoever the articles say spoke:
the content words (nouns, proper nouns, verbs, adjectives and numbers, by lemma) of the two
contents must have at least ``MIN_SHARED_WORDS`` in common, and those must be at least
``THRESHOLD`` of the smaller content's words.  The smaller side is the measure, so a
paraphrase of one sentence of a long quotation matches it.  One attribution can match
several of the other article's (one article's quote of two sentences, the other's two
quotes of one sentence each).  Each match says how the two articles word it:
``same_quote`` (both quote it, the quoted words match), ``quoted_first`` /
``quoted_second`` (one article quotes what the other paraphrases) or ``paraphrase``.

Known limits (precision first: an unsure pair is left unmatched):

- Two names for one body ("the White House" and "the National Security Council") or two
  descriptions of one group ("U.S. officials", "American officials") stay two sources.
- Sources the tool could not resolve ("No source named", a fragment taken for a speaker) are
  not compared as sources; their statements still are.
- Statements of fewer than ``MIN_SHARED_WORDS`` content words ("concern Tuesday") cannot be
  matched; they are listed apart as too short to compare, never as one article's own.
- Word overlap is not meaning: a denial and the claim it denies share their words and match
  (the match shows each side's source, so the reader sees it); a paraphrase in other words
  ("drones" for "unmanned aerial vehicles") is missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .assessment import PROFILE_TYPES, SourceProfile
from .lexicons import load_table
from .matching import canonical, share
from .render import view
from .report import ArticleReport
from .results import Attribution, Sentence
from .sources import QUOTE_KINDS

__all__ = ["compare", "StoryComparison", "StorySide", "SourceMatch", "StatementMatch", "STORY_FORMAT",
           "THRESHOLD", "MIN_SHARED_WORDS"]

# Version of the JSON of a comparison (`StoryComparison.to_dict()`).
# story/1: first version.
STORY_FORMAT = "story/1"

# Two statements match when their content words have at least MIN_SHARED_WORDS in common and
# those are at least THRESHOLD of the smaller statement's content words.
THRESHOLD = 0.6
MIN_SHARED_WORDS = 4

# Values of SourceMatch.basis and StatementMatch.relation.
BASES = ("name", "surname", "description")
RELATIONS = ("same_quote", "quoted_first", "quoted_second", "paraphrase")

# Parts of speech that carry what a statement is about; function words would make any two
# sentences look alike.
_CONTENT_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}


@dataclass(frozen=True)
class SourceMatch:
    """One source both articles use.

    Attributes:
        first: its profile in the first article (``first.attributions`` are its ids there).
        second: its profile in the second article.
        basis: how they were matched: one of BASES.
    """

    first: SourceProfile
    second: SourceProfile
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "first": _profile_dict(self.first), "second": _profile_dict(self.second)}


@dataclass(frozen=True)
class StatementMatch:
    """A statement both articles report: one attribution of each whose contents match.

    Attributes:
        first: the attribution in the first article.
        second: the attribution in the second article.
        relation: how the two word it: one of RELATIONS.
        overlap: the share of the smaller content's words the other holds too (0..1).
        shared_words: the content words (lemmas) they have in common, sorted.
        first_source: the first article's profile of its speaker, or None.
        second_source: the second article's, or None.
        same_source: the two speakers are a matched source (a ``SourceMatch``).
    """

    first: Attribution
    second: Attribution
    relation: str
    overlap: float
    shared_words: tuple[str, ...]
    first_source: SourceProfile | None
    second_source: SourceProfile | None
    same_source: bool

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "overlap": round(self.overlap, 3), "same_source": self.same_source,
                "shared_words": list(self.shared_words),
                "first": _statement_dict(self.first, self.first_source),
                "second": _statement_dict(self.second, self.second_source)}


@dataclass(frozen=True)
class StorySide:
    """One of the two articles, and what it has that the other lacks.

    Attributes:
        report: the article's report.
        title: its headline (see :func:`attribution.render.view.title`), else its file name.
        only_sources: its compared sources the other article lacks, most attributions first.
        only_statements: its statements the other article lacks, in text order.
        uncompared: its statements too short to compare (fewer than MIN_SHARED_WORDS content
            words), in text order.
    """

    report: ArticleReport
    title: str
    only_sources: tuple[SourceProfile, ...]
    only_statements: tuple[Attribution, ...]
    uncompared: tuple[Attribution, ...]

    @property
    def name(self) -> str:
        return self.report.article.name

    @property
    def anonymous_sources(self) -> int:
        return sum(p.type == "anonymous" for p in self.report.profiles)

    @property
    def direct_quotes(self) -> int:
        return sum(a.kind in QUOTE_KINDS for a in self.report.attributions)

    @property
    def score(self) -> int | None:
        return self.report.score.total if self.report.score else None

    @property
    def rating(self) -> str | None:
        return self.report.score.rating if self.report.score else None

    def source_of(self, attribution_id: str) -> SourceProfile | None:
        return next((p for p in self.report.profiles if attribution_id in p.attributions), None)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title,
                "attributions": len(self.report.attributions), "sources": len(self.report.profiles),
                "anonymous_sources": self.anonymous_sources, "direct_quotes": self.direct_quotes,
                "score": self.score, "rating": self.rating,
                "score_method": self.report.score.method if self.report.score else None,
                "only_sources": [_profile_dict(p) for p in self.only_sources],
                "only_statements": [_statement_dict(a, self.source_of(a.id)) for a in self.only_statements],
                "uncompared": [a.id for a in self.uncompared]}


@dataclass(frozen=True)
class StoryComparison:
    """Two articles on one story, compared by their sources and statements.

    Attributes:
        first: the first article and what only it has.
        second: the second article and what only it has.
        shared_sources: the sources both use, in the first article's order of weight.
        shared_statements: the statements both report, in the first article's text order.
    """

    first: StorySide
    second: StorySide
    shared_sources: tuple[SourceMatch, ...]
    shared_statements: tuple[StatementMatch, ...]

    def summary(self) -> dict[str, Any]:
        """The counts a reader wants first, for the JSON and the renderers' summary tables."""
        def side(s: StorySide) -> dict[str, Any]:
            return {"sources": len(s.report.profiles), "only_sources": len(s.only_sources),
                    "anonymous_sources": s.anonymous_sources, "attributions": len(s.report.attributions),
                    "direct_quotes": s.direct_quotes, "only_statements": len(s.only_statements),
                    "uncompared": len(s.uncompared), "score": s.score, "rating": s.rating}

        return {"shared_sources": len(self.shared_sources), "shared_statements": len(self.shared_statements),
                "same_quotes": sum(m.relation == "same_quote" for m in self.shared_statements),
                "first": side(self.first), "second": side(self.second)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a comparison (versioned by ``STORY_FORMAT``); dump it with sorted keys."""
        return {"format": STORY_FORMAT,
                "method": {"threshold": THRESHOLD, "min_shared_words": MIN_SHARED_WORDS},
                "summary": self.summary(), "first": self.first.to_dict(), "second": self.second.to_dict(),
                "shared_sources": [m.to_dict() for m in self.shared_sources],
                "shared_statements": [m.to_dict() for m in self.shared_statements]}


def compare(first: ArticleReport, second: ArticleReport) -> StoryComparison:
    """Compare two articles on the same story: shared sources and statements, and each one's own.

    Args:
        first: the report of one article (from :func:`attribution.api.analyze`), assessed
            (its ``profiles`` filled in).
        second: the report of the other.

    Returns:
        The comparison; nothing is changed in the reports.  Does not judge whether the two
        articles are about the same event, nor which one is right.
    """
    sources = _match_sources(_compared(first), _compared(second))
    matched = {(m.first.id, m.second.id) for m in sources}
    words = [{a.id: _content_words(report, a) for a in report.attributions} for report in (first, second)]
    quoted = [{a.id: _quoted_words(report, a) for a in report.attributions} for report in (first, second)]
    owner = [{aid: p for p in report.profiles for aid in p.attributions} for report in (first, second)]
    usable = [tuple(a for a in report.attributions if len(words[i][a.id]) >= MIN_SHARED_WORDS)
              for i, report in enumerate((first, second))]

    statements: list[StatementMatch] = []
    for a in usable[0]:
        for b in usable[1]:
            found = _match(words[0][a.id], words[1][b.id])
            if found is None:
                continue
            ratio, common = found
            p, q = owner[0].get(a.id), owner[1].get(b.id)
            relation = _relation(words[0][a.id], words[1][b.id], quoted[0][a.id], quoted[1][b.id])
            statements.append(StatementMatch(a, b, relation, ratio, common, p, q,
                                             p is not None and q is not None and (p.id, q.id) in matched))

    def side(index: int, report: ArticleReport) -> StorySide:
        mine = {m.first.id if index == 0 else m.second.id for m in sources}
        said = {m.first.id if index == 0 else m.second.id for m in statements}
        return StorySide(
            report, view.title(report),
            tuple(p for p in _by_weight(_compared(report)) if p.id not in mine),
            tuple(a for a in usable[index] if a.id not in said),
            tuple(a for a in report.attributions if len(words[index][a.id]) < MIN_SHARED_WORDS))

    return StoryComparison(side(0, first), side(1, second), tuple(sources), tuple(statements))


# ---------------------------------------------------------------- sources

def _compared(report: ArticleReport) -> list[SourceProfile]:
    """The profiles worth comparing: those the tool resolved to a source."""
    return [p for p in report.profiles if p.type != "unresolved"]


def _by_weight(profiles: Sequence[SourceProfile]) -> list[SourceProfile]:
    return sorted(profiles, key=lambda p: (-len(p.attributions), PROFILE_TYPES.index(p.type), p.id))


def name_key(name: str) -> str:
    """A source's name as matched across articles: :func:`canonical`, then the aliases."""
    key = canonical(name)
    return _aliases().get(key, key)


@lru_cache(maxsize=None)
def _aliases() -> dict[str, str]:
    return {canonical(row[0]): canonical(row[1]) for row in load_table("source_aliases")[1:]}


def _match_sources(first: list[SourceProfile], second: list[SourceProfile]) -> list[SourceMatch]:
    out: list[SourceMatch] = []
    taken: set[str] = set()
    for p in _by_weight(first):
        anonymous = p.type == "anonymous"
        q = next((q for q in second if q.id not in taken and (q.type == "anonymous") == anonymous
                  and name_key(q.name) == name_key(p.name)), None)
        if q is not None:
            out.append(SourceMatch(p, q, "description" if anonymous else "name"))
            taken.add(q.id)
    done = {m.first.id for m in out}
    for p in _by_weight(first):
        if p.id in done:
            continue
        q = _surname_match(p, [x for x in first if x.id not in done],
                           [x for x in second if x.id not in taken])
        if q is not None:
            out.append(SourceMatch(p, q, "surname"))
            taken.add(q.id)
            done.add(p.id)
    order = {p.id: i for i, p in enumerate(_by_weight(first))}
    return sorted(out, key=lambda m: order[m.first.id])


def _surname_match(p: SourceProfile, mine: list[SourceProfile], theirs: list[SourceProfile]) -> SourceProfile | None:
    """The one person of ``theirs`` whose name and ``p``'s are a surname and a full name.

    Only when the surname is unambiguous on both sides: no other person of either article
    (among those still unmatched) bears it.
    """
    if p.type != "person":
        return None
    words = name_key(p.name).split()
    people = [q for q in theirs if q.type == "person"]
    if len(words) == 1:
        found = [q for q in people if len(name_key(q.name).split()) > 1 and name_key(q.name).split()[-1] == words[0]]
        rivals = [x for x in mine if x.type == "person" and x.id != p.id and name_key(x.name).split()[-1] == words[0]]
    else:
        found = [q for q in people if name_key(q.name) == words[-1]]
        rivals = [x for x in mine if x.type == "person" and x.id != p.id and name_key(x.name).split()[-1] == words[-1]]
    return found[0] if len(found) == 1 and not rivals else None


# ---------------------------------------------------------------- statements

def _content_words(report: ArticleReport, a: Attribution) -> frozenset[str]:
    """Lemmas of the content words inside the attribution's content spans."""
    return frozenset(w.lemma.lower() for s in _sentences_of(report, a) for w in s.words
                     if w.upos in _CONTENT_UPOS and any(c.start <= w.start and w.end <= c.end for c in a.content))


def _quoted_words(report: ArticleReport, a: Attribution) -> frozenset[str]:
    """The content words inside quotation marks in the attribution's content."""
    regions = [r for c in a.content for r in _quotations(c.text, c.start)]
    if not regions:
        return frozenset()
    return frozenset(w.lemma.lower() for s in _sentences_of(report, a) for w in s.words
                     if w.upos in _CONTENT_UPOS and any(x <= w.start and w.end <= y for x, y in regions))


def _sentences_of(report: ArticleReport, a: Attribution) -> list[Sentence]:
    starts, ends = min((c.start for c in a.content), default=0), max((c.end for c in a.content), default=0)
    return [s for s in report.document.sentences if s.start < ends and starts < s.end]


def _quotations(text: str, offset: int) -> list[tuple[int, int]]:
    """Character ranges (article offsets) of the quotations in ``text``, unclosed ones to its end."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        close = _QUOTE_PAIRS.get(text[i])
        if close is None:
            i += 1
            continue
        end = text.find(close, i + 1)
        end = len(text) if end < 0 else end
        out.append((offset + i + 1, offset + end))
        i = end + 1
    return out


def _match(x: frozenset[str], y: frozenset[str]) -> tuple[float, tuple[str, ...]] | None:
    common = x & y
    ratio = share(x, y)
    if len(common) >= MIN_SHARED_WORDS and ratio >= THRESHOLD:
        return ratio, tuple(sorted(common))
    return None


def _relation(words_a: frozenset[str], words_b: frozenset[str],
              quoted_a: frozenset[str], quoted_b: frozenset[str]) -> str:
    if _match(quoted_a, quoted_b) is not None:
        return "same_quote"
    if _match(quoted_a, words_b - quoted_b) is not None:
        return "quoted_first"
    if _match(quoted_b, words_a - quoted_a) is not None:
        return "quoted_second"
    return "paraphrase"


# ---------------------------------------------------------------- JSON

def _profile_dict(p: SourceProfile) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "type": p.type, "role": p.role, "affiliation": p.affiliation,
            "side": p.side, "count": p.count, "attributions": list(p.attributions)}


def _statement_dict(a: Attribution, source: SourceProfile | None) -> dict[str, Any]:
    return {"id": a.id, "kind": a.kind, "sentence": a.sentence, "text": content_text(a),
            "source": source.name if source else None, "source_id": source.id if source else None}


def content_text(a: Attribution) -> str:
    """What the attribution says, as written: its content pieces joined by " … "."""
    return " … ".join(view.clean(c.text) for c in a.content)
