"""The Markdown report: score, sources, sides, readability and every attribution, as text.

Article text is untrusted: every piece of it is escaped (Markdown punctuation and HTML
characters get a backslash), so a headline with ``<script>`` or ``*`` shows as written.
"""

from __future__ import annotations

import re

from ..report import ArticleReport
from . import view

# Characters that can start emphasis, code, links, tables or raw HTML anywhere in a line (our
# lines never start with article text, so block markers like "#" or "1." need no escape).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")


def md(text: str) -> str:
    """Text as a Markdown literal: whitespace collapsed, punctuation backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", view.clean(text))


def code(text: str) -> str:
    """Text as a Markdown code span, whatever it holds: the fence is one backtick longer than
    the longest run of backticks inside, so a file name with a backtick cannot end the span and
    let raw HTML or Markdown after it through (CommonMark, "Code spans")."""
    text = view.clean(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def dumps(report: ArticleReport) -> str:
    """The report as Markdown text, ending in a newline."""
    out: list[str] = [f"# Sourcing report: {md(view.title(report))}", ""]
    out += [f"File: {code(report.article.name)} · {len(report.article.text):,} characters · "
            f"{len(report.attributions)} attributions from {len(report.profiles)} sources · "
            f"made by {view.generator()}", ""]
    out += _score(report) + _sources(report) + _sides(report) + _hedges(report) + _readability(report)
    out += _evidence(report) + _attributions(report)
    return "\n".join(out).rstrip() + "\n"


def _score(report: ArticleReport) -> list[str]:
    score = report.score
    if score is None:
        return ["## Sourcing strength", "", "Not computed for this report.", ""]
    out = ["## Sourcing strength", "",
           f"**{score.total} / 100 ({score.rating})**, method `{score.method}` (see docs/scoring.md); "
           f"{score.attributions} attributions scored"
           + (f", {len(score.unresolved)} with an unresolved source left out" if score.unresolved else "") + ".",
           *(["", md(score.reason)] if score.reason else []),
           "", "| Component | Points | Why |", "|---|---:|---|"]
    for c in score.components:
        out.append(f"| {md(c.label)} | {c.points:.1f} / {c.max_points:g} | {md(c.explanation)} |")
    out += [f"| **Total** | **{score.total} / 100** | |", ""]
    return out


def _sources(report: ArticleReport) -> list[str]:
    out = ["## Sources", ""]
    if not report.profiles:
        return out + ["No attributed sources found.", ""]
    out += ["| Source | Type | Details | Attributions | Direct quotes |", "|---|---|---|---|---:|"]
    for p in view.profiles_by_weight(report):
        details = "; ".join(view.profile_details(p))
        out.append(f"| {md(p.name)} | {p.type_label} | {md(details)} | "
                   f"{len(p.attributions)}: {', '.join(p.attributions)} | {p.direct_quotes} |")
    return out + [""]


def _sides(report: ArticleReport) -> list[str]:
    lines = view.sides_lines(report)
    if not lines:
        return []
    return ["## Sides heard (not scored)", "", *[f"- {md(line)}" for line in lines], ""]


def _hedges(report: ArticleReport) -> list[str]:
    lines = view.hedge_lines(report)
    out = ["## Hedged or distancing language (not scored)", ""]
    if not lines:
        return out + ["None found.", ""]
    return out + [_evidence_line(e) for e in lines] + [""]


def _readability(report: ArticleReport) -> list[str]:
    r = report.readability
    if r is None:
        return []
    return ["## Readability", "", "Of the article body, site clutter left out.", "",
            "| Measure | Value |", "|---|---:|",
            f"| Flesch reading ease (0-100, higher is easier) | {r.flesch_reading_ease:.1f} ({r.ease_label}) |",
            f"| Flesch-Kincaid grade | {r.flesch_kincaid_grade:.1f} |",
            f"| Gunning fog index | {r.gunning_fog:.1f} |",
            f"| Coleman-Liau index | {r.coleman_liau_index:.1f} |",
            f"| Words / sentences | {r.words} / {r.sentences} |", ""]


def _evidence(report: ArticleReport) -> list[str]:
    if report.score is None:
        return []
    out = ["## The sentences behind each component", ""]
    for c in report.score.components:
        out += [f"### {md(c.label)}: {c.points:.1f} / {c.max_points:g}", "", md(c.explanation), ""]
        lines = view.evidence(report, c.attributions, c.sentences)
        out += [_evidence_line(e) for e in lines] or ["(none)"]
        out.append("")
    return out


def _evidence_line(e: view.Evidence) -> str:
    who = f"**{e.attribution}** ({md(e.source or '')}): " if e.attribution else f"sentence {e.sentence + 1}: "
    return f"- {who}“{md(e.text)}”"


def _attributions(report: ArticleReport) -> list[str]:
    out = ["## Attributions", ""]
    if not report.attributions:
        return out + ["None found.", ""]
    profiles = view.profile_of(report)
    out += ["| Id | Kind | Source | Type | Cue | Content |", "|---|---|---|---|---|---|"]
    for a in report.attributions:
        p = profiles.get(a.id)
        source = a.source.text if a.source else "(none)"
        if p and view.clean(source) != p.name:
            source = f"{source} → {p.name}"
        content = " … ".join(c.text for c in a.content)
        flags = " (hedged)" if a.hedged else ""
        out.append(f"| {a.id} | {view.KIND_LABELS.get(a.kind, a.kind)}{flags} | {md(source)} | "
                   f"{p.type_label if p else ''} | {md(a.cue.text) if a.cue else ''} | {md(content)} |")
    return out + [""]
