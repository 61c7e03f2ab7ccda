"""The HTML pages' templates: Jinja2, autoescaping on for every page.

    from attribution.render.templating import render
    page = render("report.html.j2", page={...}, segments=[...])

Every page of the tool (the report, the same-story comparison, the outlet comparison, the
worksheet and the answer key) is a template in ``render/templates/``; the Python side hands
it dataclasses and plain values, never HTML.  Autoescaping is on for every template
whatever its name, so any text from an article, a file name or a manifest is escaped where
it is printed; the only markup passed in is :func:`trusted` (the charts' SVG, which this tool
draws itself).  Undefined names are errors, so a misspelt field fails a test instead of
printing nothing.  The stylesheets are included by the templates, and every page carries
the Content-Security-Policy ``default-src 'none'`` (base.html.j2): no scripts, nothing loaded.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("attribution", "render/templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["points"] = lambda value: f"{value:.1f}"
    env.filters["num"] = lambda value: f"{value:g}"
    env.filters["pct"] = lambda value, digits=0: f"{value:.{digits}%}"
    return env


def render(template: str, **context: Any) -> str:
    """A page from its template, ending in one newline."""
    return environment().get_template(template).render(**context).rstrip() + "\n"


def trusted(markup: str) -> Markup:
    """Markup this tool made itself (the charts' SVG), printed as it is."""
    return Markup(markup)  # noqa: S704 - only for SVG drawn by render/charts.py, never for input text
