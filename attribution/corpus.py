"""Comparing outlets: one summary row per article, then one per outlet.

    rows = [corpus.summarise(report, outlet="AP") for report in reports]
    comparison = corpus.compare(rows)
    for outlet in comparison.groups:
        print(outlet.name, outlet.articles, outlet.anonymous_share, outlet.score_median)

An :class:`ArticleSummary` keeps only numbers and labels (no text), so a batch of any size is
summarised in little memory and a row can be written to CSV as soon as its article is done.
:func:`compare` aggregates the rows of each group; groups are outlets by default, or any
column of a manifest ("date", "section").

What is counted:

* attributions by kind (direct, indirect, mixed, according_to, floating);
* attributions by the type of their source profile (person, organisation, document,
  anonymous, outlet, unresolved; see :mod:`attribution.sources`), from which come the named
  share (person, organisation, document or outlet), the anonymous share and the unresolved
  share of each group's attributions;
* distinct sources, and how many of them are named or anonymous;
* the sourcing score (0-100) and readability of each article.

Failed articles are kept as rows with ``error`` set: they are counted, never averaged.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .assessment import PROFILE_TYPES
from .report import ArticleReport
from .results import KINDS

NAMED_TYPES = ("person", "organisation", "document", "outlet")
UNKNOWN_OUTLET = "unknown"
# Where an article's outlet was read from, in the order they are tried.
OUTLET_ORIGINS = ("manifest", "site", "text", "folder", "none")


@dataclass(frozen=True)
class ArticleSummary:
    """One article's sourcing in numbers: a row of the per-article table.

    Attributes:
        path: the file, as given.
        name: the article's name (the file name without .txt).
        outlet: the outlet it is grouped under ("unknown" when none was found).
        outlet_from: where the outlet came from: one of OUTLET_ORIGINS.
        date: the manifest's date, or None.
        title: the manifest's title, or the article's first line, or None.
        words: words in the article body (clutter left out).
        kinds: attributions per kind, in the order of results.KINDS.
        voices: attributions per source-profile type, in the order of assessment.PROFILE_TYPES.
        sources: distinct sources.
        named_sources: distinct sources of a named type (person, organisation, document, outlet).
        anonymous_sources: distinct anonymous or unnamed sources.
        score: the sourcing score, 0-100.
        rating: the score's word (strong, adequate or weak).
        reading_grade: Flesch-Kincaid grade of the body.
        reading_ease: Flesch reading ease of the body.
        extra: the manifest's other columns, as (column, value), kept for the tables.
        error: why the article could not be analysed; the numbers are then zero.
    """

    path: str
    name: str
    outlet: str = UNKNOWN_OUTLET
    outlet_from: str = "none"
    date: str | None = None
    title: str | None = None
    words: int = 0
    kinds: tuple[int, ...] = (0,) * len(KINDS)
    voices: tuple[int, ...] = (0,) * len(PROFILE_TYPES)
    sources: int = 0
    named_sources: int = 0
    anonymous_sources: int = 0
    score: int | None = None
    rating: str | None = None
    reading_grade: float | None = None
    reading_ease: float | None = None
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    error: str | None = None

    @property
    def attributions(self) -> int:
        return sum(self.kinds)

    @property
    def ok(self) -> bool:
        return self.error is None

    def kind_counts(self) -> dict[str, int]:
        return dict(zip(KINDS, self.kinds))

    def voice_counts(self) -> dict[str, int]:
        return dict(zip(PROFILE_TYPES, self.voices))

    def to_dict(self) -> dict[str, Any]:
        """A flat row: the per-article CSV's columns, in order, then the manifest's own."""
        row: dict[str, Any] = {
            "path": self.path, "name": self.name, "outlet": self.outlet, "outlet_from": self.outlet_from,
            "date": self.date, "title": self.title, "words": self.words, "attributions": self.attributions}
        row.update({f"kind_{k}": n for k, n in zip(KINDS, self.kinds)})
        row.update({f"source_{t}": n for t, n in zip(PROFILE_TYPES, self.voices)})
        row.update({"sources": self.sources, "named_sources": self.named_sources,
                    "anonymous_sources": self.anonymous_sources, "score": self.score, "rating": self.rating,
                    "reading_grade": self.reading_grade, "reading_ease": self.reading_ease, "error": self.error})
        for column, value in self.extra:
            row.setdefault(column, value)
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> ArticleSummary:
        """Read back a row written by :meth:`to_dict` (a resumed run's journal).

        Every value is checked, so a damaged or edited journal line is refused rather than
        trusted: counts are whole numbers, 0 or more; the score is 0-100; text fields are text.

        Raises:
            ValueError: a value of the wrong type or out of range, or a missing path or name.
        """
        if not isinstance(row, dict):
            raise ValueError("a row must be a JSON object")

        def text(key: str, required: bool = False) -> str | None:
            value = row.get(key)
            if value is None or (value == "" and not required):
                if required:
                    raise ValueError(f"{key} is missing")
                return None
            if not isinstance(value, str):
                raise ValueError(f"{key} must be text, not {type(value).__name__}")
            return value

        def count(key: str) -> int:
            value = row.get(key)
            if value in (None, ""):
                return 0
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise ValueError(f"{key} must be a whole number")
            number = float(value)
            if not number.is_integer() or number < 0:
                raise ValueError(f"{key} must be a whole number, 0 or more, not {value!r}")
            return int(number)

        def number(key: str, low: float = float("-inf"), high: float = float("inf")) -> float | None:
            value = row.get(key)
            if value in (None, ""):
                return None
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise ValueError(f"{key} must be a number")
            result = float(value)
            if not math.isfinite(result) or not low <= result <= high:
                raise ValueError(f"{key} is out of range: {value!r}")
            return result

        score = number("score", 0, 100)
        outlet_from = text("outlet_from") or "none"
        if outlet_from not in OUTLET_ORIGINS:
            raise ValueError(f"outlet_from must be one of {', '.join(OUTLET_ORIGINS)}")
        extra = []
        for k, v in row.items():
            if k in ROW_COLUMNS or v is None:
                continue
            if not isinstance(k, str) or not isinstance(v, (str, int, float)) or isinstance(v, bool):
                raise ValueError(f"manifest column {k!r} must hold text")
            extra.append((k, str(v)))
        return cls(
            path=text("path", True) or "", name=text("name", True) or "",
            outlet=text("outlet") or UNKNOWN_OUTLET, outlet_from=outlet_from, date=text("date"),
            title=text("title"), words=count("words"),
            kinds=tuple(count(f"kind_{k}") for k in KINDS),
            voices=tuple(count(f"source_{t}") for t in PROFILE_TYPES),
            sources=count("sources"), named_sources=count("named_sources"),
            anonymous_sources=count("anonymous_sources"),
            score=None if score is None else int(score), rating=text("rating"),
            reading_grade=number("reading_grade"), reading_ease=number("reading_ease"),
            extra=tuple(extra), error=text("error"))


# The per-article table's own columns; any other column of a row came from a manifest.
ROW_COLUMNS = frozenset(ArticleSummary("", "").to_dict())


def summarise(report: ArticleReport, outlet: str = UNKNOWN_OUTLET, outlet_from: str = "none",
              date: str | None = None, title: str | None = None,
              extra: tuple[tuple[str, str], ...] = ()) -> ArticleSummary:
    """The summary row of an analysed article."""
    kinds = [0] * len(KINDS)
    for a in report.attributions:
        kinds[KINDS.index(a.kind)] += 1
    voices = [0] * len(PROFILE_TYPES)
    placed = 0
    for profile in report.profiles:
        voices[PROFILE_TYPES.index(profile.type)] += len(profile.attributions)
        placed += len(profile.attributions)
    # An attribution no profile claims (no source at all) counts as unresolved.
    voices[PROFILE_TYPES.index("unresolved")] += max(0, len(report.attributions) - placed)
    readability = report.readability
    return ArticleSummary(
        path=report.article.path or report.article.name, name=report.article.name, outlet=outlet,
        outlet_from=outlet_from, date=date, title=title, words=readability.words if readability else 0,
        kinds=tuple(kinds), voices=tuple(voices), sources=len(report.profiles),
        named_sources=sum(p.type in NAMED_TYPES for p in report.profiles),
        anonymous_sources=sum(p.type == "anonymous" for p in report.profiles),
        score=report.score.total if report.score else None, rating=report.score.rating if report.score else None,
        reading_grade=round(readability.flesch_kincaid_grade, 1) if readability else None,
        reading_ease=round(readability.flesch_reading_ease, 1) if readability else None,
        extra=extra)


def failed(path: str, name: str, error: str, outlet: str = UNKNOWN_OUTLET, outlet_from: str = "none",
           date: str | None = None, title: str | None = None,
           extra: tuple[tuple[str, str], ...] = ()) -> ArticleSummary:
    """The row of an article that could not be analysed."""
    return ArticleSummary(path, name, outlet, outlet_from, date, title, extra=extra, error=error)


@dataclass(frozen=True)
class Distribution:
    """Five numbers describing a set of values (None when there are none)."""

    count: int
    mean: float | None = None
    minimum: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    maximum: float | None = None

    @classmethod
    def of(cls, values: Sequence[float]) -> Distribution:
        if not values:
            return cls(0)
        ordered = sorted(values)
        if len(ordered) == 1:
            q1 = q3 = ordered[0]
        else:
            q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        return cls(len(ordered), statistics.fmean(ordered), ordered[0], q1, statistics.median(ordered), q3,
                   ordered[-1])

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class GroupSummary:
    """The articles of one outlet (or other group), aggregated.

    Shares are of the group's attributions (all articles pooled), so a long article weighs more
    than a short one; the distributions are per article.

    Attributes:
        name: the outlet.
        articles: articles analysed.
        failed: articles that could not be analysed (not in any figure below).
        words: body words, all articles.
        kinds: attributions per kind, pooled, in the order of results.KINDS.
        voices: attributions per source-profile type, pooled, in the order of PROFILE_TYPES.
        sources: distinct sources per article.
        anonymous_sources: anonymous sources per article.
        scores: sourcing scores.
        reading_grades: Flesch-Kincaid grades.
        articles_with_anonymous: articles with at least one anonymous source.
    """

    name: str
    articles: int
    failed: int
    words: int
    kinds: tuple[int, ...]
    voices: tuple[int, ...]
    sources: Distribution
    anonymous_sources: Distribution
    scores: Distribution
    reading_grades: Distribution
    articles_with_anonymous: int

    @property
    def attributions(self) -> int:
        return sum(self.kinds)

    def _share(self, count: int) -> float:
        return count / self.attributions if self.attributions else 0.0

    @property
    def kind_shares(self) -> dict[str, float]:
        return {k: self._share(n) for k, n in zip(KINDS, self.kinds)}

    @property
    def voice_shares(self) -> dict[str, float]:
        return {t: self._share(n) for t, n in zip(PROFILE_TYPES, self.voices)}

    @property
    def named_share(self) -> float:
        return sum(self.voice_shares[t] for t in NAMED_TYPES)

    @property
    def anonymous_share(self) -> float:
        return self.voice_shares["anonymous"]

    @property
    def unresolved_share(self) -> float:
        return self.voice_shares["unresolved"]

    @property
    def per_1000_words(self) -> float:
        return 1000 * self.attributions / self.words if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "articles": self.articles, "failed": self.failed, "words": self.words,
            "attributions": self.attributions, "attributions_per_1000_words": round(self.per_1000_words, 2),
            "kinds": dict(zip(KINDS, self.kinds)), "kind_shares": _rounded(self.kind_shares),
            "sources_by_type": dict(zip(PROFILE_TYPES, self.voices)), "source_shares": _rounded(self.voice_shares),
            "named_share": round(self.named_share, 4), "anonymous_share": round(self.anonymous_share, 4),
            "unresolved_share": round(self.unresolved_share, 4),
            "articles_with_anonymous": self.articles_with_anonymous,
            "sources_per_article": self.sources.to_dict(),
            "anonymous_sources_per_article": self.anonymous_sources.to_dict(),
            "score": self.scores.to_dict(), "reading_grade": self.reading_grades.to_dict()}

    def to_row(self) -> dict[str, Any]:
        """A flat row of the per-outlet CSV."""
        row: dict[str, Any] = {
            "outlet": self.name, "articles": self.articles, "failed": self.failed, "words": self.words,
            "attributions": self.attributions, "attributions_per_1000_words": round(self.per_1000_words, 2)}
        row.update({f"share_{k}": round(v, 4) for k, v in self.kind_shares.items()})
        row.update({"named_share": round(self.named_share, 4), "anonymous_share": round(self.anonymous_share, 4),
                    "unresolved_share": round(self.unresolved_share, 4),
                    "articles_with_anonymous": self.articles_with_anonymous,
                    "sources_median": self.sources.median, "sources_mean": _round(self.sources.mean),
                    "anonymous_sources_mean": _round(self.anonymous_sources.mean),
                    "score_median": self.scores.median, "score_mean": _round(self.scores.mean),
                    "score_q1": self.scores.q1, "score_q3": self.scores.q3,
                    "reading_grade_mean": _round(self.reading_grades.mean)})
        return row


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _rounded(shares: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in shares.items()}


@dataclass(frozen=True)
class CorpusComparison:
    """Every article's row and every group's summary.

    Attributes:
        articles: the rows, in input order.
        groups: one per group, largest first (ties by name), "unknown" last.
        by: what the groups are ("outlet", or a manifest column).
        models: the parsing models used.
    """

    articles: tuple[ArticleSummary, ...]
    groups: tuple[GroupSummary, ...]
    by: str = "outlet"
    models: str = ""

    @property
    def failed(self) -> tuple[ArticleSummary, ...]:
        return tuple(a for a in self.articles if not a.ok)

    def to_dict(self) -> dict[str, Any]:
        return {"format": CORPUS_FORMAT, "by": self.by, "models": self.models,
                "articles": len(self.articles), "failed": len(self.failed),
                "groups": [g.to_dict() for g in self.groups]}


# Version of CorpusComparison.to_dict() (outlets.json).
# corpus/1: first version.
CORPUS_FORMAT = "corpus/1"


def group_of(row: ArticleSummary, by: str) -> str:
    """The group an article falls in: its outlet, or the value of a manifest column."""
    if by == "outlet":
        return row.outlet
    if by == "date":
        return row.date or UNKNOWN_OUTLET
    return dict(row.extra).get(by) or UNKNOWN_OUTLET


def compare(rows: Iterable[ArticleSummary], by: str = "outlet", models: str = "") -> CorpusComparison:
    """Aggregate article rows into one summary per group."""
    articles = tuple(rows)
    members: dict[str, list[ArticleSummary]] = {}
    for row in articles:
        members.setdefault(group_of(row, by), []).append(row)
    groups = [_group(name, rows_of) for name, rows_of in members.items()]
    if by == "date":
        # In date order, however the manifest writes them; what is not a date comes after.
        groups.sort(key=lambda g: (g.name == UNKNOWN_OUTLET, *date_key(g.name)))
    else:
        groups.sort(key=lambda g: (g.name == UNKNOWN_OUTLET, -g.articles, g.name.lower()))
    return CorpusComparison(articles, tuple(groups), by, models)


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y",
                 "%m/%d/%Y", "%Y-%m", "%B %Y", "%Y")


def date_key(text: str) -> tuple[int, str, str]:
    """A sort key for a date as a manifest or a page writes it ("2024-05-14", "May 14, 2024",
    "5/14/2024", "2024-05-14T09:30:00Z"): (0, ISO date, text) when it reads as one, else
    (1, "", text)."""
    from datetime import datetime

    value = text.strip()
    candidates = [value, value[:10]] if len(value) > 10 and value[4:5] == "-" else [value]
    for candidate in candidates:
        for form in _DATE_FORMATS:
            try:
                return 0, datetime.strptime(candidate, form).date().isoformat(), value.lower()
            except ValueError:
                continue
    return 1, "", value.lower()


def _group(name: str, rows: list[ArticleSummary]) -> GroupSummary:
    done = [r for r in rows if r.ok]
    kinds = tuple(sum(r.kinds[i] for r in done) for i in range(len(KINDS)))
    voices = tuple(sum(r.voices[i] for r in done) for i in range(len(PROFILE_TYPES)))
    return GroupSummary(
        name=name, articles=len(done), failed=len(rows) - len(done), words=sum(r.words for r in done),
        kinds=kinds, voices=voices,
        sources=Distribution.of([r.sources for r in done]),
        anonymous_sources=Distribution.of([r.anonymous_sources for r in done]),
        scores=Distribution.of([r.score for r in done if r.score is not None]),
        reading_grades=Distribution.of([r.reading_grade for r in done if r.reading_grade is not None]),
        articles_with_anonymous=sum(r.anonymous_sources > 0 for r in done))
