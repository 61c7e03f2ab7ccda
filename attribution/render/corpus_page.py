"""An outlet comparison (:class:`attribution.corpus.CorpusComparison`) as one HTML page, or
its table as Markdown.

    figures = charts.write(comparison, outdir / "charts")      # name -> SVG text
    (outdir / "index.html").write_text(corpus_page.html(comparison, figures))
    print(corpus_page.markdown(comparison))

The page holds a table of the outlets, each chart of :data:`charts.CHARTS` as inline SVG with
its caption and a short "how to read this", the failed articles with their errors, and a
footer naming the models and the corpus format.  It is one self-contained file: no scripts,
nothing loaded from the network (the Content-Security-Policy forbids both), so it opens
offline and can be mailed.  The page is the template ``corpus.html.j2`` (autoescaping on), so
outlet names, paths and errors, untrusted text, are escaped everywhere; the SVG is taken as
given (it comes from :mod:`attribution.render.charts`), with its ids prefixed by the chart's
name so that five charts can share one page.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from ..corpus import CORPUS_FORMAT, CorpusComparison, Distribution, GroupSummary
from . import charts as _charts
from . import view
from .markdown import md
from .templating import render, trusted

__all__ = ["COLUMNS", "html", "markdown", "table_rows"]

# (heading, short heading for Markdown) of the outlet table's columns, after the outlet's name.
COLUMNS = (
    ("Articles", "Articles"),
    ("Failed", "Failed"),
    ("Attributions per 1,000 words", "Attr. / 1,000 words"),
    ("Named", "Named"),
    ("Anonymous", "Anon."),
    ("Unresolved", "Unresolved"),
    ("Articles with an anonymous source", "Articles w/ anon."),
    ("Median sources per article", "Median sources"),
    ("Median score", "Median score"),
    ("Mean reading grade", "Mean grade"),
)
NONE = "–"


# ---------------------------------------------------------------- the table, for every format

def _number(value: float | None, digits: int = 1) -> str:
    """1.0 as "1", 2.5 as "2.5"; None as a dash."""
    if value is None:
        return NONE
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _share(group: GroupSummary, share: float) -> str:
    return f"{100 * share:.0f}%" if group.attributions else NONE


def _median(d: Distribution) -> str:
    return _number(d.median) if d.count else NONE


def table_rows(comparison: CorpusComparison) -> list[tuple[str, ...]]:
    """One row per group, in the comparison's order: its full name, then the COLUMNS as text.

    Shares are of the group's attributions, all articles pooled; a dash stands for a figure
    that has nothing to be computed from (no attributions, no words, no scores).
    """
    rows: list[tuple[str, ...]] = []
    for g in comparison.groups:
        with_anonymous = f"{g.articles_with_anonymous} of {g.articles}" if g.articles else NONE
        rows.append((
            g.name, str(g.articles), str(g.failed),
            f"{g.per_1000_words:.1f}" if g.words else NONE,
            _share(g, g.named_share), _share(g, g.anonymous_share), _share(g, g.unresolved_share),
            with_anonymous, _median(g.sources), _median(g.scores),
            _number(g.reading_grades.mean) if g.reading_grades.count else NONE))
    return rows


def _noun(comparison: CorpusComparison) -> str:
    return "outlet" if comparison.by == "outlet" else comparison.by


def _title(comparison: CorpusComparison) -> str:
    return f"Sourcing compared by {_noun(comparison)}"


def _summary(comparison: CorpusComparison) -> str:
    n, groups, failed = len(comparison.articles), len(comparison.groups), len(comparison.failed)
    noun = _noun(comparison)
    attributions = sum(g.attributions for g in comparison.groups)
    return (f"{n} article{'s' if n != 1 else ''} from {groups} {noun}{'s' if groups != 1 else ''}"
            f" ({failed} failed) · {attributions:,} attributions")


# ---------------------------------------------------------------- HTML

def html(comparison: CorpusComparison, charts: dict[str, str]) -> str:
    """The comparison as one self-contained HTML page (UTF-8 text, ending in a newline).

    Args:
        comparison: from :func:`attribution.corpus.compare`.
        charts: chart name -> its SVG text (from :func:`charts.svg` or :func:`charts.write`).
            Charts of :data:`charts.CHARTS` come in its order, with its titles and notes; any
            other name follows, titled by its name.  A chart left out is not shown.
    """
    noun = _noun(comparison)
    rows = [{"name": row[0], "cells": [{"value": value, "classes": "num" + (" anon" if COLUMNS[i][0] == "Anonymous" else "")
                                        + (" empty" if value == NONE else "")} for i, value in enumerate(row[1:])]}
            for row in table_rows(comparison)]
    return render("corpus.html.j2", generator=view.generator(),
                  stylesheets=("report.css", "story.css", "corpus.css"), title=_title(comparison),
                  summary=_summary(comparison), noun=noun, columns=[h for h, _ in COLUMNS], rows=rows,
                  figures=_figures(charts), failed=comparison.failed, models=comparison.models or "unknown",
                  corpus_format=CORPUS_FORMAT)


def _figures(charts: dict[str, str]) -> list[dict[str, Any]]:
    names = [n for n in _charts.CHARTS if n in charts] + [n for n in charts if n not in _charts.CHARTS]
    out = []
    for name in names:
        chart = _charts.CHARTS.get(name)
        title = chart.title if chart else name
        slug = _slug(name)
        out.append({"slug": slug, "title": title, "svg": trusted(inline_svg(charts[name], slug, title)),
                    "caption": chart.caption if chart else None, "how": chart.how_to_read if chart else None})
    return out


_SLUG = re.compile(r"[^A-Za-z0-9_-]+")
_PROLOGUE = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(href="#|url\(#)([^")]+)')


def _slug(name: str) -> str:
    return _SLUG.sub("-", name).strip("-") or "chart"


def inline_svg(svg: str, prefix: str, title: str) -> str:
    """An SVG file's text as an element for an HTML page: no XML prologue, comments or
    metadata, every id (and every reference to one) prefixed with `prefix`, so several
    charts' ids cannot collide, and a role and label for screen readers."""
    text = _PROLOGUE.sub("", svg, count=1)
    text = _METADATA.sub("", _COMMENT.sub("", text), count=1)
    ids = set(_ID.findall(text))
    text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = _REF.sub(lambda m: m.group(1) + (f"{prefix}-{m.group(2)}" if m.group(2) in ids else m.group(2)), text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{escape(title, quote=True)}" ', 1).strip()


# ---------------------------------------------------------------- Markdown

def markdown(comparison: CorpusComparison) -> str:
    """The outlet table (and the failed articles) as Markdown text, ending in a newline."""
    noun = _noun(comparison)
    out = [f"# {md(_title(comparison))}", "", f"{md(_summary(comparison))} · made by {md(view.generator())}", ""]
    if comparison.groups:
        out.append("| " + " | ".join([md(noun.capitalize()), *(short for _, short in COLUMNS)]) + " |")
        out.append("|" + "---|" + "---:|" * len(COLUMNS))
        out += ["| " + " | ".join([md(row[0]), *row[1:]]) + " |" for row in table_rows(comparison)]
        out += ["", "Shares are of each one's attributions, all its articles pooled; named means a person, "
                    "organisation, document or other outlet. Sources, scores and grades are per article. "
                    f"{NONE}: nothing to compute it from.", ""]
    else:
        out += ["No articles.", ""]
    if comparison.failed:
        out += [f"## Failed articles ({len(comparison.failed)})", ""]
        out += [f"- {md(a.path)} ({md(a.outlet)}): {md(a.error or '')}" for a in comparison.failed]
        out.append("")
    out.append(f"Models: {md(comparison.models or 'unknown')} · corpus format {md(CORPUS_FORMAT)}")
    return "\n".join(out).rstrip() + "\n"
