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
