"""The answer on screen: a short plain-text summary of one report, for ``attribution analyze``.

    print(summary.text(report, written=[Path("reports/story.json")]))

It shows the sourcing score and its rating, the three weakest score components (the fewest
points for what they could give), every source with its type, the anonymous ones with how
many people and the reason the article gives, and where the files went.  Lines are wrapped
at 100 columns; nothing is coloured, so it reads the same in a log.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from ..assessment import ScoreComponent, SourceProfile
from ..report import ArticleReport
from . import view

WIDTH = 100
# The sources listed by name; the rest are counted ("and 6 more").
MAX_SOURCES = 12
WEAKEST = 3


def weakest(report: ArticleReport, count: int = WEAKEST) -> list[ScoreComponent]:
    """The score components with the smallest share of their points (ties: the one that
    could give most first); components worth no points are left out."""
    if report.score is None:
        return []
    scored = [c for c in report.score.components if c.max_points > 0]
    return sorted(scored, key=lambda c: (c.points / c.max_points, -c.max_points))[:count]


def _wrap(line: str, indent: str, more: str | None = None) -> list[str]:
    """Wrapped at WIDTH; runs of spaces inside the line (a padded type tag) are kept."""
    return textwrap.wrap(line.replace("\n", " ").strip(), WIDTH, initial_indent=indent,
                         subsequent_indent=more if more is not None else indent,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


def _source_line(p: SourceProfile) -> str:
    n = len(p.attributions)
    facts = [f"{n} attribution{'s' if n != 1 else ''}" + (f", {p.direct_quotes} quoted" if p.direct_quotes else "")]
    role = ", ".join(x for x in (p.role, p.affiliation) if x)
    if role:
        facts.insert(0, role)
    return f"{view.TYPE_TAGS[p.type]:<7}{view.clean(p.name)} ({view.clean('; '.join(facts))})"


def _anonymous_line(p: SourceProfile) -> str:
    people = f"{p.count} people" if p.count and p.count > 1 else ("1 person" if p.count == 1 else "number not stated")
    reason = f"reason given: \u201c{p.anonymity_reason}\u201d" if p.anonymity_reason else "no reason given"
    return view.clean(f"{p.name}: {people}; {reason}")


def heading(report: ArticleReport, label: str | None = None) -> list[str]:
    """The article's name, headline and, for a web page, its outlet, date and address."""
    info = view.page(report)
    title = view.title(report)
    head = label or report.article.path or report.article.name
    lines = _wrap(view.clean(head if title == report.article.name else f"{head}: {title}"), "")
    about = [x for x in (view.outlet(report), info.get("date"), info.get("url")) if x]
    if about:
        lines += _wrap(view.clean(" \u00b7 ".join(about)), "  ")
    return lines


def text(report: ArticleReport, written: Sequence[Path | str] = (), label: str | None = None) -> str:
    """The summary of one report as plain text, ending in a newline.

    Args:
        report: the analysed article.
        written: the files its reports went to (shown last).
        label: how to name the article (default: its path, else its name).
    """
    out = heading(report, label)
    score = report.score
    if score is None:
        out.append("  Sourcing strength: not computed")
    else:
        out.append(f"  Sourcing strength: {score.total} / 100 ({score.rating})")
        low = weakest(report)
        if low:
            out.append("  Weakest parts of the score:")
            for c in low:
                out += _wrap(view.clean(f"{c.label}: {c.points:.1f} / {c.max_points:g}. {c.explanation}"),
                             "    - ", "      ")
    n = len(report.attributions)
    profiles = view.profiles_by_weight(report)
    out.append(f"  Sources: {len(profiles)}, in {n} attribution{'s' if n != 1 else ''}"
               + (":" if profiles else ""))
    for p in profiles[:MAX_SOURCES]:
        out += _wrap(_source_line(p), "    ", "           ")
    if len(profiles) > MAX_SOURCES:
        out.append(f"    ... and {len(profiles) - MAX_SOURCES} more (see the report)")
    anonymous = [p for p in profiles if p.type == "anonymous"]
    out.append(f"  Anonymous sources: {len(anonymous) or 'none'}")
    for p in anonymous:
        out += _wrap(_anonymous_line(p), "    - ", "      ")
    if written:
        out += _wrap("Written: " + ", ".join(map(str, written)), "  ", "    ")
    return "\n".join(out) + "\n"
