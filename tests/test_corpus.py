"""Per-article rows and per-outlet summaries: counts, shares, distributions, CSV round trip."""

from __future__ import annotations

from dataclasses import replace

import pytest

from attribution import corpus
from attribution.assessment import PROFILE_TYPES
from attribution.results import KINDS


def row(name: str, outlet: str, kinds: dict[str, int], voices: dict[str, int], sources: int = 2,
        anonymous: int = 0, score: int | None = 50, grade: float | None = 10.0, words: int = 500,
        error: str | None = None, extra: tuple[tuple[str, str], ...] = ()) -> corpus.ArticleSummary:
    return corpus.ArticleSummary(
        f"{name}.txt", name, outlet, "manifest", words=words, kinds=tuple(kinds.get(k, 0) for k in KINDS),
        voices=tuple(voices.get(t, 0) for t in PROFILE_TYPES), sources=sources, anonymous_sources=anonymous,
        named_sources=sources - anonymous, score=score, reading_grade=grade, extra=extra, error=error)


ROWS = [
    row("a1", "AP", {"direct": 3, "indirect": 1}, {"person": 3, "anonymous": 1}, anonymous=1, score=80, grade=9.0),
    row("a2", "AP", {"indirect": 4}, {"person": 2, "organisation": 2}, score=60, grade=11.0),
    row("f1", "Fox", {"according_to": 1, "indirect": 1}, {"anonymous": 2}, sources=1, anonymous=1, score=20),
    row("f2", "Fox", {}, {}, error="f2.txt: empty"),
    row("u1", "unknown", {"direct": 1}, {"unresolved": 1}, score=None, grade=None),
]


def test_groups_largest_first_unknown_last() -> None:
    comparison = corpus.compare(ROWS)
    assert [g.name for g in comparison.groups] == ["AP", "Fox", "unknown"]
    assert [r.name for r in comparison.failed] == ["f2"]


def test_shares_are_of_pooled_attributions() -> None:
    ap, fox, unknown = corpus.compare(ROWS).groups
    assert ap.attributions == 8 and ap.kinds == (3, 5, 0, 0, 0)
    assert ap.kind_shares["direct"] == pytest.approx(3 / 8)
    assert ap.named_share == pytest.approx(7 / 8) and ap.anonymous_share == pytest.approx(1 / 8)
    assert ap.per_1000_words == pytest.approx(8.0)
    assert ap.articles_with_anonymous == 1
    assert fox.articles == 1 and fox.failed == 1 and fox.anonymous_share == 1.0
    assert unknown.unresolved_share == 1.0 and unknown.scores.count == 0 and unknown.scores.median is None


def test_distributions() -> None:
    ap = corpus.compare(ROWS).groups[0]
    assert ap.scores.median == 70 and ap.scores.minimum == 60 and ap.scores.maximum == 80
    assert ap.reading_grades.mean == 10.0
    assert corpus.Distribution.of([]).to_dict()["median"] is None
    one = corpus.Distribution.of([4])
    assert (one.q1, one.median, one.q3) == (4, 4, 4)


def test_a_group_with_no_attributions_has_zero_shares() -> None:
    empty = corpus.compare([row("e", "X", {}, {}, sources=0, score=None, words=0)]).groups[0]
    assert empty.named_share == 0.0 and empty.per_1000_words == 0.0
    assert empty.to_row()["score_median"] is None


def test_group_by_a_manifest_column() -> None:
    rows = [row("a", "AP", {}, {}, extra=(("section", "World"),)), row("b", "AP", {}, {}, extra=(("section", "US"),)),
            row("c", "Fox", {}, {})]
    assert [g.name for g in corpus.compare(rows, by="section").groups] == ["US", "World", "unknown"]


def test_dates_are_grouped_in_date_order_however_written() -> None:
    dates = ["2024-05-14", "March 3, 2024", "not dated", "2024-05-02", "5/20/2024", "2023", "2024-05-14T09:30:00Z"]
    rows = [replace(row(f"d{i}", "AP", {}, {}), date=d) for i, d in enumerate(dates)] + [row("x", "AP", {}, {})]
    names = [g.name for g in corpus.compare(rows, by="date").groups]
    assert names == ["2023", "March 3, 2024", "2024-05-02", "2024-05-14", "2024-05-14T09:30:00Z", "5/20/2024",
                     "not dated", "unknown"]


def test_a_row_survives_its_csv_form() -> None:
    original = row("a1", "AP", {"direct": 3}, {"person": 3}, extra=(("section", "World"),))
    flat = {k: "" if v is None else str(v) for k, v in original.to_dict().items()}
    assert corpus.ArticleSummary.from_dict(flat) == original
    assert list(original.to_dict())[:8] == ["path", "name", "outlet", "outlet_from", "date", "title", "words",
                                            "attributions"]
    assert list(original.to_dict())[-1] == "section"


def test_outlets_json_shape() -> None:
    data = corpus.compare(ROWS, models="bundled").to_dict()
    assert data["format"] == corpus.CORPUS_FORMAT and data["articles"] == 5 and data["failed"] == 1
    assert data["groups"][0]["kinds"] == {"direct": 3, "indirect": 5, "mixed": 0, "according_to": 0, "floating": 0}
