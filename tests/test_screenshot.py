"""The HTML report in a real browser: headless Chromium renders it offline to a PNG.

Skipped where Chromium is not installed (Debian: apt-get install chromium); the seeds'
screenshots come from benchmarks/screenshot_reports.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from test_render import hostile_report

from attribution.render import html as render_html

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("screenshot_reports", ROOT / "benchmarks" / "screenshot_reports.py")
assert _spec and _spec.loader
shots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shots)

pytestmark = pytest.mark.skipif(shots.chromium() is None, reason="chromium is not installed")


def test_chromium_renders_the_report(tmp_path: Path) -> None:
    report = hostile_report()
    page = tmp_path / "hostile.html"
    page.write_text(render_html.dumps(report), encoding="utf-8")
    png = shots.screenshot(page, tmp_path / "hostile.png", width=1200, height=900)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 900)
    assert len(data) > 20_000, "a blank page compresses to almost nothing"
    dom = shots.rendered_dom(page)
    assert report.score is not None and f'data-score="{report.score.total}"' in dom
    assert "<script" not in dom.lower(), "the article's <script> stayed text"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


_print_spec = importlib.util.spec_from_file_location("print_pages", ROOT / "benchmarks" / "print_pages.py")
assert _print_spec and _print_spec.loader
paper = importlib.util.module_from_spec(_print_spec)
_print_spec.loader.exec_module(paper)
needs_poppler = pytest.mark.skipif(__import__("shutil").which("pdftotext") is None,
                                   reason="poppler-utils is not installed")


@needs_poppler
def test_printed_report_leaves_clutter_off_paper(tmp_path: Path) -> None:
    from attribution import clutter
    from attribution.api import assess
    from attribution.report import ArticleReport
    from attribution.results import Article
    from handmade import attribution, document

    text = ("Home > News > Local\nKirby said the talks with the council had failed badly on Monday night.\n"
            "Related\nSchool board elects a new chair\nStorm knocks out power\nPrevious Article\n"
            "Another headline here\nClick on a star to rate it!\n")
    found = (attribution(text, "a1", source="Kirby", cue="said", content="the talks with the council had failed badly"),)
    regions = clutter.find(text)
    body = text  # parsed as the pipeline does: clutter left out (blanked, so offsets stay)
    for c in regions:
        body = body[:c.start] + " " * (c.end - c.start) + body[c.end:]
    report = assess(ArticleReport(Article("local", text), document(body), found, regions))
    assert len(report.clutter) >= 6
    page = tmp_path / "hostile.html"
    page.write_text(render_html.dumps(report), encoding="utf-8")
    pdf = shots.print_pdf(page, tmp_path / "hostile.pdf")
    printed = paper.page_text(pdf, 1, paper.pages(pdf))
    assert "Kirby said the talks" in printed and "Made by attribution" in printed
    for c in report.clutter:
        assert " ".join(c.text.split()) not in " ".join(printed.split()), c.text


@needs_poppler
def test_printed_worksheet_ends_on_a_question_not_a_blank_sheet(tmp_path: Path) -> None:
    gold = ROOT / "tests" / "gold" / "exercise" / "flood.high.worksheet.html"
    pdf = shots.print_pdf(gold, tmp_path / "sheet.pdf")
    count = paper.pages(pdf)
    last = paper.page_text(pdf, count)
    assert len(last.split()) >= paper.MIN_LAST_PAGE_WORDS, last
    assert "Made by attribution" in paper.page_text(pdf, 1), "the credit line heads the first sheet"
