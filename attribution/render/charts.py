"""Charts of an outlet comparison (:class:`attribution.corpus.CorpusComparison`).

    from attribution import corpus
    from attribution.render import charts
    comparison = corpus.compare(rows)
    for name, chart in charts.CHARTS.items():
        charts.save(chart.draw(comparison), outdir / "charts" / name)   # name.png, name.svg

Each chart is drawn on its own :class:`matplotlib.figure.Figure` (no pyplot state, so charts
can be drawn from threads and never pop up a window) and rendered by the Agg and SVG
backends.  Groups keep the comparison's order (largest first, "unknown" last), top to
bottom, in every chart; each is labelled with its name, cut to :data:`NAME_WIDTH`
characters, and its number of analysed articles ("AP (n=40)").  Colours are Okabe and Ito's
colour-blind-safe palette, the same as the HTML report's source types.

A group with no attributions, or no scores, keeps its row with a note in place of its bar or
box: the charts never divide by zero and never drop a group silently.  Figures grow with the
number of groups.  :func:`save` writes byte-identical PNG and SVG files for identical input
(no dates, no software versions, a fixed SVG hash salt).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .. import safe_files
from ..corpus import ArticleSummary, CorpusComparison, Distribution, GroupSummary, group_of
from ..results import KINDS

__all__ = ["CHARTS", "Chart", "draw_all", "kinds", "label", "readability", "save", "scores", "sources", "svg",
           "voices", "write"]

# Group names longer than this are cut, with an ellipsis, on every chart.
NAME_WIDTH = 28
DPI = 150
WIDTH = 8.0  # inches

# Okabe & Ito (2008), "Color Universal Design"; black last, for the scatter's ninth group on.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Beyond eight groups the scatter's colours repeat, each time with another marker.
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
INK, MUTED, RULE = "#1d1d1f", "#5b5b60", "#d9d9de"

KIND_LABELS = {"direct": "Direct quote", "indirect": "Paraphrase", "mixed": "Partial quote",
               "according_to": "According to", "floating": "Quote, speaker carried on"}
KIND_COLOURS = {"direct": "#0072B2", "indirect": "#56B4E9", "mixed": "#009E73", "according_to": "#E69F00",
                "floating": "#CC79A7"}
# The three voices, coloured as in the HTML report (named in the person colour).
VOICES = ("named", "anonymous", "unresolved")
VOICE_LABELS = {"named": "Named (person, organisation, document, outlet)", "anonymous": "Anonymous or unnamed",
                "unresolved": "Unresolved"}
VOICE_COLOURS = {"named": "#0072B2", "anonymous": "#D55E00", "unresolved": "#9a9aa0"}

# Applied while drawing and while saving: a bundled font, so output does not depend on the
# fonts installed, and a fixed salt, so the SVG's ids are the same on every run.
STYLE: dict[Any, Any] = {  # Any: rc_context wants literal keys
    "font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 9, "axes.labelsize": 9,
    "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": MUTED, "ytick.color": INK,
    "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False,
    "svg.hashsalt": "attribution-charts", "svg.fonttype": "path", "path.simplify": True,
}


@dataclass(frozen=True)
class Chart:
    """One chart of the comparison: how to draw it and what to say under it.

    Attributes:
        draw: the comparison -> the figure.
        title: a few words, for a page's heading.
        caption: one line: what is shown.
        how_to_read: a few sentences for readers new to the chart.
    """

    draw: Callable[[CorpusComparison], Figure]
    title: str
    caption: str
    how_to_read: str


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(STYLE):
        yield


def _styled(draw: Callable[[CorpusComparison], Figure]) -> Callable[[CorpusComparison], Figure]:
    """Draw under STYLE, whatever the caller's rcParams."""
    @wraps(draw)
    def styled(comparison: CorpusComparison) -> Figure:
        with _style():
            return draw(comparison)
    return styled


def label(group: GroupSummary) -> str:
    """A group's axis label: its name, cut to NAME_WIDTH characters, and its article count."""
    name = " ".join(group.name.split()) or "(blank)"
    if len(name) > NAME_WIDTH:
        name = name[:NAME_WIDTH - 1].rstrip() + "…"
    return f"{name} (n={group.articles})"


def _noun(comparison: CorpusComparison) -> str:
    return "outlet" if comparison.by == "outlet" else comparison.by


def _figure(rows: int, title: str, subtitle: str) -> tuple[Figure, Axes]:
    """A figure with one axes, tall enough for `rows` labelled rows."""
    fig = Figure(figsize=(WIDTH, max(2.8, 1.5 + 0.4 * rows)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold", color=INK)
    ax = fig.add_subplot()
    ax.set_title(subtitle, loc="left", color=MUTED, fontsize=8.5)
    return fig, ax


def _rows(ax: Axes, groups: Sequence[GroupSummary]) -> None:
    """Groups as rows, the first at the top."""
    ax.set_yticks(range(len(groups)), [label(g) for g in groups])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)


def _note(ax: Axes, y: float, text: str, x: float = 0.0) -> None:
    ax.text(x, y, text, va="center", ha="left", color=MUTED, fontsize=8, fontstyle="italic")


def _empty(fig: Figure, ax: Axes, comparison: CorpusComparison) -> Figure:
    ax.set_axis_off()
    ax.text(0.5, 0.5, f"No {_noun(comparison)}s to show: no articles.", ha="center", va="center",
            color=MUTED, transform=ax.transAxes)
    return fig


def _why_empty(group: GroupSummary) -> str:
    if group.articles == 0:
        return f"no article analysed ({group.failed} failed)"
    return "no attributions found"


# ---------------------------------------------------------------- 100% bars

def _stacked(comparison: CorpusComparison, title: str, subtitle: str,
             parts: Sequence[tuple[str, str, Callable[[GroupSummary], float]]]) -> tuple[Figure, Axes]:
    """Horizontal bars of shares (0-1) summing to 100% per group: (label, colour, share) parts."""
    groups = comparison.groups
    fig, ax = _figure(len(groups), title, subtitle)
    if not groups:
        return _empty(fig, ax, comparison), ax
    _rows(ax, groups)
    left = [0.0] * len(groups)
    for text, colour, share in parts:
        widths = [100 * share(g) if g.attributions else 0.0 for g in groups]
        ax.barh(range(len(groups)), widths, left=left, height=0.62, color=colour, edgecolor="white",
                linewidth=0.6, label=text)
        left = [a + b for a, b in zip(left, widths)]
    for y, g in enumerate(groups):
        if not g.attributions:
            _note(ax, y, _why_empty(g), x=1.0)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.grid(axis="x", color=RULE, linewidth=0.6)
    ax.set_axisbelow(True)
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=min(len(parts), 3), fontsize=8,
               handlelength=1.2, columnspacing=1.2)
    return fig, ax


def _kind_share(kind: str) -> Callable[[GroupSummary], float]:
    return lambda g: g.kind_shares[kind]


@_styled
def kinds(comparison: CorpusComparison) -> Figure:
    """(a) Attribution kinds per group: direct, paraphrase, partial quote... as 100% bars."""
    fig, ax = _stacked(
        comparison, f"Kinds of attribution per {_noun(comparison)}",
        "Share of each one's attributions, all its articles pooled (%)",
        [(KIND_LABELS[k], KIND_COLOURS[k], _kind_share(k)) for k in KINDS])
    if comparison.groups:
        ax.set_xlabel("Share of attributions (%)")
    return fig


@_styled
def voices(comparison: CorpusComparison) -> Figure:
    """(b) Named, anonymous and unresolved sources' share of attributions, the anonymous share
    written at the right of each bar."""
    shares: dict[str, Callable[[GroupSummary], float]] = {
        "named": lambda g: g.named_share, "anonymous": lambda g: g.anonymous_share,
        "unresolved": lambda g: g.unresolved_share}
    fig, ax = _stacked(
        comparison, f"Who is heard: named and anonymous sources per {_noun(comparison)}",
        "Share of each one's attributions by the kind of source they come from (%)",
        [(VOICE_LABELS[v], VOICE_COLOURS[v], shares[v]) for v in VOICES])
    groups = comparison.groups
    if not groups:
        return fig
    ax.set_xlabel("Share of attributions (%)")
    right = ax.twinx()
    right.set_ylim(ax.get_ylim())
    right.set_yticks(range(len(groups)),
                     [f"{100 * g.anonymous_share:.0f}%" if g.attributions else "–" for g in groups])
    right.tick_params(axis="y", length=0, labelcolor=VOICE_COLOURS["anonymous"])
    for tick in right.get_yticklabels():
        tick.set_fontweight("bold")
    right.set_ylabel("Anonymous share", color=VOICE_COLOURS["anonymous"])
    for side in ("top", "right", "left", "bottom"):
        right.spines[side].set_visible(False)
    return fig


# ---------------------------------------------------------------- distributions

def _members(comparison: CorpusComparison) -> dict[str, list[ArticleSummary]]:
    """Each group's analysed articles, in input order."""
    out: dict[str, list[ArticleSummary]] = {g.name: [] for g in comparison.groups}
    for row in comparison.articles:
        if row.ok:
            out.setdefault(group_of(row, comparison.by), []).append(row)
    return out


def _jitter(i: int) -> float:
    """A spread in (-0.18, 0.18) that is the same on every run (the golden-ratio sequence)."""
    return ((i * 0.6180339887) % 1.0 - 0.5) * 0.36


def _boxes(comparison: CorpusComparison, title: str, subtitle: str, xlabel: str,
           distribution: Callable[[GroupSummary], Distribution],
           value: Callable[[ArticleSummary], float | None], missing: str,
           limits: tuple[float, float] | None) -> Figure:
    """One box per group, drawn from its Distribution (so it matches the tables), with the
    articles as dots."""
    groups = comparison.groups
    fig, ax = _figure(len(groups), title, subtitle)
    if not groups:
        return _empty(fig, ax, comparison)
    _rows(ax, groups)
    members = _members(comparison)
    top = 1.0
    for y, g in enumerate(groups):
        d = distribution(g)
        values = [v for v in (value(r) for r in members.get(g.name, [])) if v is not None]
        if d.count == 0 or d.minimum is None or d.maximum is None or d.q1 is None or d.q3 is None \
                or d.median is None:
            _note(ax, y, _why_empty(g) if g.articles == 0 else missing,
                  x=limits[0] + 1 if limits else 0.0)
            continue
        top = max(top, d.maximum)
        ax.plot([d.minimum, d.maximum], [y, y], color=MUTED, linewidth=1, zorder=1)
        for end in (d.minimum, d.maximum):
            ax.plot([end, end], [y - 0.12, y + 0.12], color=MUTED, linewidth=1, zorder=1)
        ax.add_patch(Rectangle((d.q1, y - 0.28), d.q3 - d.q1, 0.56, facecolor="#D6E8F5", edgecolor="#0072B2",
                               linewidth=1, zorder=2))
        ax.plot([d.median, d.median], [y - 0.28, y + 0.28], color=INK, linewidth=2.6, zorder=4,
                solid_capstyle="butt")
        ax.scatter(values, [y + _jitter(i) for i in range(len(values))], s=14, color=INK, alpha=0.6,
                   edgecolors="white", linewidths=0.5, zorder=5)
    if limits:
        ax.set_xlim(*limits)
    else:
        ax.set_xlim(-0.5, top + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color=RULE, linewidth=0.6)
    ax.set_axisbelow(True)
    key = [Patch(facecolor="#D6E8F5", edgecolor="#0072B2", label="middle half of the articles"),
           Line2D([], [], color=INK, linewidth=2.6, label="median"),
           Line2D([], [], color=MUTED, linewidth=1, label="lowest to highest"),
           Line2D([], [], color=INK, alpha=0.45, marker="o", markersize=3.5, linewidth=0, label="one article")]
    fig.legend(handles=key, loc="outside lower center", ncol=4, fontsize=8, handlelength=1.4, columnspacing=1.2)
    return fig


@_styled
def sources(comparison: CorpusComparison) -> Figure:
    """(c) Distinct sources per article, one box per group with its median marked."""
    return _boxes(comparison, f"Distinct sources per article, by {_noun(comparison)}",
                  "People, bodies, documents and unnamed sources an article attributes something to",
                  "Distinct sources per article", lambda g: g.sources, lambda r: r.sources, "no articles", None)


@_styled
def scores(comparison: CorpusComparison) -> Figure:
    """(d) Sourcing scores, one box per group with its articles as dots, on a 0-100 axis."""
    return _boxes(comparison, f"Sourcing score by {_noun(comparison)}",
                  "Each article's sourcing score, 0 (poor) to 100 (strong)",
                  "Sourcing score (0–100)", lambda g: g.scores,
                  lambda r: None if r.score is None else float(r.score), "no scores", (-2, 102))


@_styled
def readability(comparison: CorpusComparison) -> Figure:
    """(e) Reading grade against sourcing score, one colour (and, past eight, marker) per group.

    Articles missing either number are left out; groups with none left are named under the plot.
    """
    groups = comparison.groups
    columns = 1 if len(groups) <= 12 else 2
    fig = Figure(figsize=(WIDTH + 1.5 * (columns - 1), max(4.6, 1.6 + 0.22 * -(-len(groups) // columns))), dpi=DPI,
                 layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(f"Reading grade and sourcing score, by {_noun(comparison)}", x=0.01, ha="left", fontsize=11,
                 fontweight="bold", color=INK)
    ax = fig.add_subplot()
    ax.set_title("One dot per article; harder reading to the right, stronger sourcing higher up",
                 loc="left", color=MUTED, fontsize=8.5)
    if not groups:
        return _empty(fig, ax, comparison)
    members = _members(comparison)
    left_out: list[str] = []
    for i, g in enumerate(groups):
        points = [(r.reading_grade, r.score) for r in members.get(g.name, [])
                  if r.reading_grade is not None and r.score is not None]
        if not points:
            left_out.append(label(g))
            continue
        ax.scatter([p[0] for p in points], [p[1] for p in points], s=22, alpha=0.8,
                   color=OKABE_ITO[i % len(OKABE_ITO)], marker=MARKERS[(i // len(OKABE_ITO)) % len(MARKERS)],
                   edgecolors="white", linewidths=0.4, label=label(g), zorder=3)
    ax.set_ylim(-2, 102)
    ax.set_xlabel("Reading grade (Flesch–Kincaid, US school years)")
    ax.set_ylabel("Sourcing score (0–100)")
    ax.grid(color=RULE, linewidth=0.6)
    ax.set_axisbelow(True)
    if len(left_out) < len(groups):
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), ncol=columns, fontsize=8, handletextpad=0.3,
                  title=_noun(comparison).capitalize(), title_fontsize=8, alignment="left")
    else:
        ax.set_xlim(0, 16)
        ax.text(0.5, 0.5, "No article has both a reading grade and a score.", ha="center", va="center",
                color=MUTED, transform=ax.transAxes)
    if left_out and len(left_out) < len(groups):
        shown = ", ".join(left_out[:6]) + (f" and {len(left_out) - 6} more" if len(left_out) > 6 else "")
        fig.supxlabel(f"Not shown (no grade or score): {shown}", x=0.01, ha="left", fontsize=8, color=MUTED)
    return fig


CHARTS: dict[str, Chart] = {
    "kinds": Chart(kinds, "Kinds of attribution",
                   "How each outlet attributes: direct quotes, paraphrase, partial quotes, 'according to' and "
                   "quotes carried on from the speaker before, as shares of its attributions.",
                   "Each bar is one outlet's attributions, all its articles pooled, split by how they are "
                   "worded; bars always reach 100%, so compare the widths of a colour, not the lengths of bars. "
                   "A long blue stretch means the outlet quotes people word for word; a long light-blue one, "
                   "that it mostly paraphrases."),
    "voices": Chart(voices, "Named and anonymous sources",
                    "Share of each outlet's attributions that come from named, anonymous or unresolved sources; "
                    "the anonymous share is written on the right.",
                    "Named sources (people, organisations, documents, other outlets) can be checked; anonymous "
                    "ones (\"officials said\", \"a person familiar with\") cannot. Unresolved means the tool "
                    "found a statement but could not tell who it came from: a large grey stretch is a limit of "
                    "the tool as much as of the outlet."),
    "sources": Chart(sources, "Sources per article",
                     "How many distinct sources each outlet's articles draw on: box from the first to the third "
                     "quartile, thick line at the median, dots for articles.",
                     "The thick line is the typical article; half the articles lie inside the box. An outlet "
                     "whose box sits further right draws on more sources per story. Few articles make wide, "
                     "unsteady boxes: read the n in the label."),
    "scores": Chart(scores, "Sourcing scores",
                    "Each outlet's article sourcing scores (0-100): box from the first to the third quartile, "
                    "thick line at the median, dots for articles.",
                    "The score rewards named, specific, directly quoted and varied sources (see "
                    "docs/scoring.md). Compare medians and how spread the dots are: a wide box means the outlet's "
                    "articles differ a lot from one another."),
    "readability": Chart(readability, "Reading grade and sourcing score",
                         "Each article's reading grade (Flesch-Kincaid) against its sourcing score, one colour "
                         "per outlet.",
                         "Dots to the right are harder to read (US school years); dots higher up are better "
                         "sourced. Clusters show an outlet's house style; no pattern across all dots means "
                         "reading level and sourcing go their own ways."),
}


def draw_all(comparison: CorpusComparison) -> dict[str, Figure]:
    """Every chart of CHARTS, in order."""
    return {name: chart.draw(comparison) for name, chart in CHARTS.items()}


def svg(fig: Figure) -> str:
    """The figure as SVG text, the same for the same figure on every run."""
    buffer = io.BytesIO()
    _save_svg(fig, buffer)
    return buffer.getvalue().decode("utf-8")


def _save_svg(fig: Figure, target: io.BytesIO | Path) -> None:
    with _style():
        fig.savefig(target, format="svg", metadata={"Date": None, "Creator": None})


def save(fig: Figure, path: Path | str) -> list[Path]:
    """Write the figure as `path`.png (DPI dots per inch) and `path`.svg; return both paths.

    `path` has no suffix (a dot in it is kept: "charts/v1.2" gives "charts/v1.2.png").
    Folders are made as needed.  Identical figures give byte-identical files: no date, no
    software version, a fixed SVG hash salt.
    """
    base = Path(path)
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise safe_files.write_error(base.parent, err) from None
    png, svg_path = base.parent / f"{base.name}.png", base.parent / f"{base.name}.svg"
    # Drawn in memory and written whole, so a full disk leaves no empty or half image.
    png_data = io.BytesIO()
    with _style():
        fig.savefig(png_data, format="png", dpi=DPI, metadata={"Software": None})
    safe_files.write_bytes(png, png_data.getvalue())
    svg_data = io.BytesIO()
    _save_svg(fig, svg_data)
    safe_files.write_bytes(svg_path, svg_data.getvalue())
    return [png, svg_path]


def write(comparison: CorpusComparison, folder: Path | str) -> dict[str, str]:
    """Draw every chart and save it as folder/<name>.png and .svg; return name -> SVG text,
    ready for :func:`attribution.render.corpus_page.html`."""
    out: dict[str, str] = {}
    for name, fig in draw_all(comparison).items():
        paths = save(fig, Path(folder) / name)
        out[name] = paths[1].read_text(encoding="utf-8")
    return out

