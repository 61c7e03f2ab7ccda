"""The answer on screen: render.summary for hand-built reports, and analyze's --summary/--quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from attribution import api
from attribution.cli import cli
from attribution.render import summary
from attribution.report import ArticleReport
from attribution.results import Article, Span
from handmade import attribution, document

TEXT = ('"The levee will hold through the weekend," Mayor Ana Ruiz said on Friday.\n'
        "Two engineers familiar with the inspection, who asked not to be named because they were not "
        "authorized to speak, said cracks had been found.\n"
        "According to a report by the county water board, repairs were delayed twice.\n"
        "The town has flooded three times in the last ten years and many homes are still damaged.\n")


def report(name: str = "levee") -> ArticleReport:
    reason = "because they were not authorized to speak"
    start = TEXT.index(reason)
    found = (
        attribution(TEXT, "a1", source="Mayor Ana Ruiz", cue="said", kind="direct", canonical="Ana Ruiz",
                    content='"The levee will hold through the weekend,"'),
        attribution(TEXT, "a2", source="Two engineers familiar with the inspection", cue="said",
                    content="cracks had been found", source_type="anonymous", anonymous=True, speaker_count=2,
                    anonymity_reason=Span(start, start + len(reason), reason)),
        attribution(TEXT, "a3", source="a report by the county water board", cue="According to",
                    kind="according_to", source_type="document", content="repairs were delayed twice"),
    )
    return api.assess(ArticleReport(Article(name, TEXT, f"in/{name}.txt"), document(TEXT), found))


def test_summary_shows_score_weakest_sources_anonymous_and_files() -> None:
    r = report()
    assert r.score is not None
    out = summary.text(r, [Path("out/levee.json"), Path("out/levee.html")])
    assert f"Sourcing strength: {r.score.total} / 100 ({r.score.rating})" in out
    weakest = summary.weakest(r)
    assert len(weakest) == 3
    shares = sorted(c.points / c.max_points for c in r.score.components if c.max_points)
    assert [c.points / c.max_points for c in weakest] == shares[:3]
    for c in weakest:
        assert f"{c.label}: {c.points:.1f} / {c.max_points:g}." in out
    assert "PERSON Ana Ruiz" in out or "PERSON Mayor Ana Ruiz" in out
    assert "ANON   Two engineers familiar with the inspection" in out
    assert "DOC    " in out
    assert ("Two engineers familiar with the inspection: 2 people; reason given: "
            "\u201cbecause they were not authorized to speak\u201d") in " ".join(out.split())
    assert "Anonymous sources: 1" in out
    assert out.rstrip().endswith("Written: out/levee.json, out/levee.html")
    assert all(len(line) <= summary.WIDTH for line in out.splitlines())


def test_a_page_s_outlet_date_and_address_head_the_summary() -> None:
    r = report()
    page = ArticleReport(Article("levee", TEXT, "https://example.com/levee", (
        ("url", "https://example.com/levee"), ("title", "Levee will hold, mayor says"), ("date", "2024-05-14"),
        ("site", "The Valley Herald"))), r.document, r.attributions, r.clutter, r.profiles, r.score, r.readability)
    lines = summary.text(page).splitlines()
    assert lines[0] == "https://example.com/levee: Levee will hold, mayor says"
    assert lines[1] == "  The Valley Herald \u00b7 2024-05-14 \u00b7 https://example.com/levee"


@pytest.fixture()
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "analyze", lambda article, models="bundled", cache=None, on_load=None: report(article.name))


@pytest.mark.parametrize(("flag", "shown"), [("--summary", True), ("--quiet", False), (None, False)])
def test_analyze_summary_flags(tmp_path: Path, stubbed: None, flag: str | None, shown: bool) -> None:
    article = tmp_path / "levee.txt"
    article.write_text(TEXT, encoding="utf-8")
    args = ["analyze", str(article), "-o", str(tmp_path / "out")] + ([flag] if flag else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert ("Sourcing strength:" in result.stdout) is shown, "off when stdout is not a terminal, unless asked"
    assert (tmp_path / "out" / "levee.json").exists()


def test_with_json_on_stdout_the_summary_goes_to_stderr(stubbed: None) -> None:
    result = CliRunner().invoke(cli, ["analyze", "-", "-o", "-", "--summary"], input=TEXT)
    assert result.exit_code == 0
    assert result.stdout.startswith("{") and "Sourcing strength" not in result.stdout
    assert "Sourcing strength:" in result.stderr
