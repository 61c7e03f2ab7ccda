"""A same-story comparison (:class:`attribution.story.StoryComparison`) as text, Markdown,
HTML or JSON.

    from attribution import story
    from attribution.render import story as render_story
    print(render_story.text(story.compare(report_a, report_b)))

The two articles are "A" (the first) and "B" (the second) throughout.  Every format shows
the same things in the same order: a summary, the sources in both (with the role and
affiliation each article gives), each article's own sources, the statements in both (each
article's wording side by side in Markdown and HTML, one under the other in text), each
article's own statements, and those too short to compare.  Article text is untrusted:
Markdown escapes it, HTML passes it through :func:`html.escape` under a page policy that
forbids scripts and network requests.
"""

from __future__ import annotations

import json as _json
import textwrap
from string import Template

from ..assessment import SourceProfile
from ..results import Attribution
from ..story import MIN_SHARED_WORDS, THRESHOLD, SourceMatch, StatementMatch, StoryComparison, StorySide, content_text
from . import view
from .html import esc, template
from .markdown import md

__all__ = ["text", "markdown", "html", "json"]

BASIS_LABELS = {"name": "same name", "surname": "surname and full name", "description": "same description"}
RELATION_LABELS = {"same_quote": "the same quotation in both",
                   "quoted_first": "A quotes what B paraphrases",
                   "quoted_second": "B quotes what A paraphrases",
                   "paraphrase": "worded differently, no shared quotation"}
_WIDTH = 100
_SUB = ' class="sub"'


# ---------------------------------------------------------------- what every format shows

def summary_rows(c: StoryComparison) -> list[tuple[str, str, str]]:
    """(label, A, B) rows of the summary table."""
    def score(s: StorySide) -> str:
        return f"{s.score} / 100 ({s.rating})" if s.score is not None else "not computed"

    def in_pairs(index: int) -> int:
        return len({(m.first if index == 0 else m.second).id for m in c.shared_statements})

    shared = str(len(c.shared_sources))
    rows = [("Sourcing score", score(c.first), score(c.second)),
            ("Sources", str(len(c.first.report.profiles)), str(len(c.second.report.profiles))),
            ("  in both", shared, shared),
            ("  only in this article", str(len(c.first.only_sources)), str(len(c.second.only_sources))),
            ("  anonymous", str(c.first.anonymous_sources), str(c.second.anonymous_sources)),
            ("Attributions", str(len(c.first.report.attributions)), str(len(c.second.report.attributions))),
            ("  direct or partial quotes", str(c.first.direct_quotes), str(c.second.direct_quotes)),
            ("  statements the other reports too", str(in_pairs(0)), str(in_pairs(1))),
            ("  statements only in this article", str(len(c.first.only_statements)),
             str(len(c.second.only_statements))),
            ("  too short to compare", str(len(c.first.uncompared)), str(len(c.second.uncompared)))]
    return rows


def pairs_line(c: StoryComparison) -> str:
    """One sentence on the statement matches."""
    n = len(c.shared_statements)
    same = sum(m.relation == "same_quote" for m in c.shared_statements)
    return (f"{n} matched pair{'s' if n != 1 else ''} of statements, {same} of them the same quotation "
            f"(a pair shares at least {MIN_SHARED_WORDS} content words, {THRESHOLD:.0%} of the shorter's).")


def source_facts(p: SourceProfile) -> str:
    """The profile's role, affiliation and other facts as its article gives them, and its attributions."""
    facts = "; ".join(view.profile_details(p))
    n = len(p.attributions)
    refs = f"{n} attribution{'s' if n != 1 else ''}: {', '.join(p.attributions)}"
    return f"{facts} · {refs}" if facts else refs


def statement_head(a: Attribution, source: SourceProfile | None) -> str:
    """"a4, direct quote, John Kirby"."""
    return f"{a.id}, {view.KIND_LABELS.get(a.kind, a.kind)}, {source.name if source else 'no source found'}"


def match_line(m: StatementMatch) -> str:
    """How a pair matched, in words."""
    if m.same_source and m.first_source is not None:
        who = f"{m.first_source.name} in both"
    else:
        who = (f"A: {m.first_source.name if m.first_source else 'no source found'}; "
               f"B: {m.second_source.name if m.second_source else 'no source found'} (not matched as one source)")
    return f"{RELATION_LABELS[m.relation]}; {who}; {m.overlap:.0%} of the words shared"


def _heading(side: StorySide) -> str:
    return f"{side.name}: {side.title}" if side.title != side.name else side.name


# ---------------------------------------------------------------- text

def text(c: StoryComparison) -> str:
    """The comparison for a terminal: plain text, columns aligned, lines wrapped at 100."""
    out = ["Same-story comparison", f"  A  {_heading(c.first)}", f"  B  {_heading(c.second)}", ""]
    rows = summary_rows(c)
    left = max(len(r[0]) for r in rows)
    col = max(len(x) for r in rows for x in r[1:] + ("A",))
    out.append(f"{'':{left}}  {'A':>{col}}  {'B':>{col}}")
    out += [f"{label:{left}}  {a:>{col}}  {b:>{col}}" for label, a, b in rows]
    out += ["", *_wrap(pairs_line(c), "")]

    out += ["", f"SOURCES IN BOTH ({len(c.shared_sources)})"]
    for s in c.shared_sources:
        out.append(f"  {s.first.name} ({s.first.type_label}; matched by {BASIS_LABELS[s.basis]})")
        out += _wrap(f"A: {source_facts(s.first)}", "    ", "       ")
        out += _wrap(f"B: {source_facts(s.second)}", "    ", "       ")
    if not c.shared_sources:
        out.append("  none found")
    for label, side in (("A", c.first), ("B", c.second)):
        out += ["", f"SOURCES ONLY IN {label} ({len(side.only_sources)})"]
        out += [line for p in side.only_sources
                for line in _wrap(f"{p.name} ({p.type_label}): {source_facts(p)}", "  ", "      ")]
        if not side.only_sources:
            out.append("  none")

    out += ["", f"STATEMENTS IN BOTH ({len(c.shared_statements)})"]
    for i, m in enumerate(c.shared_statements, 1):
        out += _wrap(f"{i}. A {m.first.id} / B {m.second.id}: {match_line(m)}", "  ", "     ")
        for label, a, p in (("A", m.first, m.first_source), ("B", m.second, m.second_source)):
            out.append(f"     {label}  {statement_head(a, p)}")
            out += _wrap(content_text(a), "        ")
    if not c.shared_statements:
        out.append("  none found")
    for label, side in (("A", c.first), ("B", c.second)):
        out += ["", f"STATEMENTS ONLY IN {label} ({len(side.only_statements)})"]
        for a in side.only_statements:
            out.append(f"  {statement_head(a, side.source_of(a.id))}")
            out += _wrap(content_text(a), "      ")
        if not side.only_statements:
            out.append("  none")
    out += ["", f"TOO SHORT TO COMPARE (fewer than {MIN_SHARED_WORDS} content words)",
            f"  A: {', '.join(a.id for a in c.first.uncompared) or 'none'}",
            f"  B: {', '.join(a.id for a in c.second.uncompared) or 'none'}"]
    return "\n".join(out) + "\n"


def _wrap(line: str, indent: str, more: str | None = None) -> list[str]:
    return textwrap.wrap(view.clean(line), _WIDTH, initial_indent=indent,
                         subsequent_indent=more if more is not None else indent,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


# ---------------------------------------------------------------- Markdown

def markdown(c: StoryComparison) -> str:
    """The comparison as Markdown, ending in a newline; article text escaped."""
    out = [f"# Same-story comparison: {md(c.first.title)} / {md(c.second.title)}", ""]
    for label, side in (("A", c.first), ("B", c.second)):
        out.append(f"- **{label}**: {md(side.title)} (`{side.name}`)")
    out += ["", f"Made by {view.generator()}.", "", "## Summary", "", "| | A | B |", "|---|---:|---:|"]
    out += [f"| {label.strip() if not label.startswith(' ') else '· ' + label.strip()} | {md(a)} | {md(b)} |"
            for label, a, b in summary_rows(c)]
    out += ["", md(pairs_line(c)), ""]

    out += [f"## Sources in both ({len(c.shared_sources)})", ""]
    if c.shared_sources:
        out += ["| Source | Matched by | In A | In B |", "|---|---|---|---|"]
        out += [f"| {md(s.first.name)} ({s.first.type_label}) | {BASIS_LABELS[s.basis]} | "
                f"{_md_profile(s.first)} | {_md_profile(s.second)} |" for s in c.shared_sources]
    else:
        out.append("None found.")
    out.append("")
    for label, side in (("A", c.first), ("B", c.second)):
        out += [f"## Sources only in {label} ({len(side.only_sources)})", ""]
        if side.only_sources:
            out += ["| Source | Type | Details |", "|---|---|---|"]
            out += [f"| {md(p.name)} | {p.type_label} | {md(source_facts(p))} |" for p in side.only_sources]
        else:
            out.append("None.")
        out.append("")

    out += [f"## Statements in both ({len(c.shared_statements)})", ""]
    if c.shared_statements:
        out += ["| # | How | A | B |", "|---:|---|---|---|"]
        for i, m in enumerate(c.shared_statements, 1):
            out.append(f"| {i} | {md(match_line(m))} | {_md_statement(m.first, m.first_source)} | "
                       f"{_md_statement(m.second, m.second_source)} |")
    else:
        out.append("None found.")
    out.append("")
    for label, side in (("A", c.first), ("B", c.second)):
        out += [f"## Statements only in {label} ({len(side.only_statements)})", ""]
        if side.only_statements:
            out += ["| Id | Kind | Source | Content |", "|---|---|---|---|"]
            for a in side.only_statements:
                p = side.source_of(a.id)
                out.append(f"| {a.id} | {view.KIND_LABELS.get(a.kind, a.kind)} | "
                           f"{md(p.name) if p else 'no source found'} | {md(content_text(a))} |")
        else:
            out.append("None.")
        out.append("")
    out += [f"## Too short to compare (fewer than {MIN_SHARED_WORDS} content words)", "",
            f"- A: {', '.join(a.id for a in c.first.uncompared) or 'none'}",
            f"- B: {', '.join(a.id for a in c.second.uncompared) or 'none'}", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_profile(p: SourceProfile) -> str:
    return f"{md(p.name)}: {md(source_facts(p))}"


def _md_statement(a: Attribution, p: SourceProfile | None) -> str:
    return f"**{md(statement_head(a, p))}**: {md(content_text(a))}"


# ---------------------------------------------------------------- HTML

def html(c: StoryComparison) -> str:
    """The comparison as one self-contained HTML page (no scripts, nothing loaded), ending in a newline."""
    title = f"{c.first.title} / {c.second.title}"
    heading = f'{esc(c.first.title)} <span class="versus">/</span> {esc(c.second.title)}'
    meta = (f"A: {esc(c.first.name)} · B: {esc(c.second.name)} · {len(c.shared_sources)} "
            f"source{'s' if len(c.shared_sources) != 1 else ''} and {len(c.shared_statements)} "
            f"statement{'s' if len(c.shared_statements) != 1 else ''} in both")
    body = "\n".join([_html_summary(c), _html_shared_sources(c), _html_only_sources(c),
                      _html_shared_statements(c), _html_only_statements(c)])
    footer = (f"Made by {esc(view.generator())} · sources matched by name, statements by shared content "
              f"words (at least {MIN_SHARED_WORDS}, {THRESHOLD:.0%} of the shorter's) · "
              "this page loads nothing from the network.")
    page = Template(template("story.html")).substitute(
        generator=esc(view.generator()), title=esc(title), css=template("report.css") + template("story.css"),
        heading=heading, meta=meta, body=body, footer=footer)
    return page.rstrip() + "\n"


def _html_summary(c: StoryComparison) -> str:
    head = "".join(f'<th class="num" scope="col" title="{esc(side.title)}">{label}</th>'
                   for label, side in (("A", c.first), ("B", c.second)))
    rows = "".join(f'<tr><th scope="row"{_SUB if label.startswith(" ") else ""}>{esc(label.strip())}</th>'
                   f'<td class="num">{esc(a)}</td><td class="num">{esc(b)}</td></tr>'
                   for label, a, b in summary_rows(c))
    return (f'<section class="summary"><h2>Summary</h2><table class="cmp summary-table"><thead><tr><th></th>{head}</tr></thead>'
            f'<tbody>{rows}</tbody></table><p class="note">{esc(pairs_line(c))}</p></section>')


def _chip(p: SourceProfile | None) -> str:
    kind = p.type if p else "unresolved"
    return f'<span class="chip t-{kind}">{view.TYPE_TAGS[kind]}</span>'


def _html_profile(p: SourceProfile) -> str:
    return f'{_chip(p)} <span class="s-name">{esc(p.name)}</span><span class="s-facts">{esc(source_facts(p))}</span>'


def _html_shared_sources(c: StoryComparison) -> str:
    parts = [f'<section class="shared-sources"><h2>Sources in both ({len(c.shared_sources)})</h2>']
    if not c.shared_sources:
        return parts[0] + '<p class="none">None found.</p></section>'
    parts.append('<table class="cmp"><thead><tr><th>Matched by</th><th>In A</th><th>In B</th></tr></thead><tbody>')
    parts += [f"<tr><td>{esc(BASIS_LABELS[s.basis])}</td><td>{_html_profile(s.first)}</td>"
              f"<td>{_html_profile(s.second)}</td></tr>" for s in c.shared_sources]
    return "".join(parts) + "</tbody></table></section>"


def _html_only_sources(c: StoryComparison) -> str:
    cols = []
    for label, side in (("A", c.first), ("B", c.second)):
        items = "".join(f"<li>{_html_profile(p)}</li>" for p in side.only_sources)
        cols.append(f"<div><h3>Only in {label} ({len(side.only_sources)})</h3>"
                    + (f'<ul class="sources">{items}</ul>' if items else '<p class="none">None.</p>') + "</div>")
    return '<section class="only-sources"><h2>Sources only in one article</h2><div class="two">' + \
        "".join(cols) + "</div></section>"


def _html_statement(a: Attribution, p: SourceProfile | None) -> str:
    return f'<span class="who">{_chip(p)} {esc(statement_head(a, p))}</span>{esc(content_text(a))}'


def _html_shared_statements(c: StoryComparison) -> str:
    parts = [f'<section class="shared-statements"><h2>Statements in both ({len(c.shared_statements)})</h2>']
    if not c.shared_statements:
        return parts[0] + '<p class="none">None found.</p></section>'
    parts.append('<table class="cmp"><thead><tr><th class="num">#</th><th>How</th><th>A</th><th>B</th></tr>'
                 '</thead><tbody>')
    for i, m in enumerate(c.shared_statements, 1):
        parts.append(f'<tr><td class="num">{i}</td><td><span class="how">{esc(RELATION_LABELS[m.relation])}</span>'
                     f'{esc(match_line(m).split("; ", 1)[1])}</td>'
                     f'<td class="quote">{_html_statement(m.first, m.first_source)}</td>'
                     f'<td class="quote">{_html_statement(m.second, m.second_source)}</td></tr>')
    return "".join(parts) + "</tbody></table></section>"


def _html_only_statements(c: StoryComparison) -> str:
    cols = []
    for label, side in (("A", c.first), ("B", c.second)):
        items = "".join(f"<li>{_html_statement(a, side.source_of(a.id))}</li>" for a in side.only_statements)
        short = ", ".join(a.id for a in side.uncompared) or "none"
        cols.append(f"<div><h3>Only in {label} ({len(side.only_statements)})</h3>"
                    + (f'<ul class="plain">{items}</ul>' if items else '<p class="none">None.</p>')
                    + f'<p class="note">Too short to compare (fewer than {MIN_SHARED_WORDS} content words): '
                      f"{esc(short)}</p></div>")
    return '<section class="only-statements"><h2>Statements only in one article</h2><div class="two">' + \
        "".join(cols) + "</div></section>"


# ---------------------------------------------------------------- JSON

def json(c: StoryComparison) -> str:
    """The comparison as JSON (``StoryComparison.to_dict()``, sorted keys), ending in a newline."""
    return _json.dumps(c.to_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
