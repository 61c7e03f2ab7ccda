"""render.charts: every chart draws for few and many outlets, empty ones included, and saves
byte-identical PNG and SVG files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus_rows import rows
from matplotlib.figure import Figure

from attribution import corpus
from attribution.render import charts


@pytest.mark.parametrize("outlets", [1, 3, 13])
@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_each_chart_draws(name: str, outlets: int) -> None:
    comparison = corpus.compare(rows(outlets))
    assert len(comparison.groups) == outlets + 2
    fig = charts.CHARTS[name].draw(comparison)
    assert isinstance(fig, Figure)
    text = charts.svg(fig)
    assert text.startswith("<?xml") and "</svg>" in text
    # Every outlet is named, with its article count, on the axis (or, for the scatter, the legend
    # or the note of outlets left out); the long name is cut.
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    notes = [t.get_text() for t in fig.texts] + [fig.get_supxlabel()]
    shown = " ".join(labels + legend + notes)
    for group in comparison.groups:
        assert charts.label(group) in shown, (name, group.name)
    assert "An Extraordinarily Long Name of a Regional Daily Newspaper" not in shown


def test_figures_grow_with_outlets() -> None:
    small = charts.kinds(corpus.compare(rows(1)))
    large = charts.kinds(corpus.compare(rows(13)))
    assert large.get_figheight() > small.get_figheight() + 3


def test_rows_keep_the_comparison_order() -> None:
    comparison = corpus.compare(rows(3))
    for name in ("kinds", "voices", "sources", "scores"):
        fig = charts.CHARTS[name].draw(comparison)
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert labels == [charts.label(g) for g in comparison.groups], name


def test_empty_outlets_get_a_note_not_a_bar() -> None:
    comparison = corpus.compare(rows(1))
    texts = lambda fig: [t.get_text() for t in fig.axes[0].texts]  # noqa: E731
    assert "no attributions found" in texts(charts.kinds(comparison))
    assert "no article analysed (1 failed)" in texts(charts.voices(comparison))
    assert "no scores" in texts(charts.scores(comparison))
    anonymous = [t.get_text() for t in charts.voices(comparison).axes[1].get_yticklabels()]
    assert anonymous[-2:] == ["–", "–"]
    assert anonymous[0] == f"{100 * comparison.groups[0].anonymous_share:.0f}%"


def test_no_articles_at_all() -> None:
    comparison = corpus.compare([])
    for name, chart in charts.CHARTS.items():
        fig = chart.draw(comparison)
        assert [t.get_text() for t in fig.axes[0].texts] == ["No outlets to show: no articles."], name
        assert "</svg>" in charts.svg(fig)


def test_label_cuts_long_names() -> None:
    group = corpus.compare(rows(3)).groups
    long = next(g for g in group if g.name.startswith("An Extra"))
    assert charts.label(long) == "An Extraordinarily Long Nam… (n=4)"
    assert len(charts.label(long).split(" (n=")[0]) == charts.NAME_WIDTH


def test_svg_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first = charts.write(corpus.compare(rows(3)), tmp_path / "one")
    second = charts.write(corpus.compare(rows(3)), tmp_path / "two")
    assert first == second
    for name in charts.CHARTS:
        for suffix in (".png", ".svg"):
            assert (tmp_path / "one" / f"{name}{suffix}").read_bytes() == \
                   (tmp_path / "two" / f"{name}{suffix}").read_bytes(), (name, suffix)
    svg = first["kinds"]
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in (tmp_path / "one" / "kinds.png").read_bytes()


def test_different_data_gives_a_different_chart() -> None:
    one = charts.svg(charts.scores(corpus.compare(rows(3))))
    other = charts.svg(charts.scores(corpus.compare(rows(3)[1:])))
    assert one != other


def test_save_writes_png_and_svg(tmp_path: Path) -> None:
    fig = charts.sources(corpus.compare(rows(3)))
    paths = charts.save(fig, tmp_path / "charts" / "v1.2")
    assert paths == [tmp_path / "charts" / "v1.2.png", tmp_path / "charts" / "v1.2.svg"]
    assert paths[0].read_bytes().startswith(b"\x89PNG")
    width, height = int.from_bytes(paths[0].read_bytes()[16:20], "big"), int.from_bytes(paths[0].read_bytes()[20:24], "big")
    assert (width, height) == (round(fig.get_figwidth() * charts.DPI), round(fig.get_figheight() * charts.DPI))
    assert re.search(r"<svg [^>]*viewBox", paths[1].read_text(encoding="utf-8"))


def test_charts_have_captions() -> None:
    assert list(charts.CHARTS) == ["kinds", "voices", "sources", "scores", "readability"]
    for chart in charts.CHARTS.values():
        assert chart.title and chart.caption and chart.how_to_read
