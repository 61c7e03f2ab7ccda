"""A same-story comparison (:class:`attribution.story.StoryComparison`) as text, Markdown,
HTML or JSON.

    from attribution import story
    from attribution.render import story as render_story
    print(render_story.text(story.compare(report_a, report_b)))

The two articles are named by their outlets ("AP", "The Washington Post"; see
:func:`attribution.render.view.side_labels`), else by their headlines.  Every format shows
the same things in the same order: a summary, the sources in both (with the role and
affiliation each article gives), each article's own sources, the statements in both (each
article's wording side by side in Markdown and HTML, one under the other in text), each
article's own statements, and those too short to compare.  Article text is untrusted:
Markdown escapes it; the HTML page is the template ``story.html.j2`` (autoescaping on) under a
page policy that forbids scripts and network requests.
"""

from __future__ import annotations

import json as _json
import textwrap

from ..assessment import SourceProfile
from ..results import Attribution
from ..story import MIN_SHARED_WORDS, THRESHOLD, SourceMatch, StatementMatch, StoryComparison, StorySide, content_text
from . import view
from .markdown import md
from .templating import render

__all__ = ["text", "markdown", "html", "json"]

BASIS_LABELS = {"name": "same name", "surname": "surname and full name", "description": "same description"}
# {a} and {b}: the two articles' labels.
RELATION_LABELS = {"same_quote": "the same quotation in both",
                   "quoted_first": "{a} quotes what {b} paraphrases",
                   "quoted_second": "{b} quotes what {a} paraphrases",
                   "paraphrase": "worded differently, no shared quotation"}
_WIDTH = 100


def labels(c: StoryComparison) -> tuple[str, str]:
    """The two articles' names on the page: their outlets, else their headlines."""
    return view.side_labels(c.first.report, c.second.report)


def relation(c: StoryComparison, m: StatementMatch) -> str:
    a, b = labels(c)
    return RELATION_LABELS[m.relation].format(a=a, b=b)


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


def match_who(c: StoryComparison, m: StatementMatch) -> str:
    """Who the pair's statements come from, and how much of their wording they share."""
    a, b = labels(c)
    if m.same_source and m.first_source is not None:
        who = f"{m.first_source.name} in both"
    else:
        who = (f"{a}: {m.first_source.name if m.first_source else 'no source found'}; "
               f"{b}: {m.second_source.name if m.second_source else 'no source found'} (not matched as one source)")
    return f"{who}; {m.overlap:.0%} of the words shared"


def match_line(c: StoryComparison, m: StatementMatch) -> str:
    """How a pair matched, in words."""
    return f"{relation(c, m)}; {match_who(c, m)}"


def _heading(label: str, side: StorySide) -> str:
    """"AP: headline (file name)", leaving out what repeats."""
    parts = [label] + [x for x in (side.title,) if x != label and not label.startswith(x[:39])]
    return ": ".join(parts) + (f" ({side.name})" if side.name not in parts else "")


# ---------------------------------------------------------------- text

def text(c: StoryComparison) -> str:
    """The comparison for a terminal: plain text, columns aligned, lines wrapped at 100."""
    la, lb = labels(c)
    out = ["Same-story comparison", f"  {_heading(la, c.first)}", f"  {_heading(lb, c.second)}", ""]
    rows = summary_rows(c)
    left = max(len(r[0]) for r in rows)
    col = max(len(x) for r in rows for x in r[1:] + (la, lb))
    out.append(f"{'':{left}}  {la:>{col}}  {lb:>{col}}")
    out += [f"{label:{left}}  {a:>{col}}  {b:>{col}}" for label, a, b in rows]
    out += ["", *_wrap(pairs_line(c), "")]

    out += ["", f"SOURCES IN BOTH ({len(c.shared_sources)})"]
    for s in c.shared_sources:
        out.append(f"  {s.first.name} ({s.first.type_label}; matched by {BASIS_LABELS[s.basis]})")
        out += _wrap(f"{la}: {source_facts(s.first)}", "    ", "       ")
        out += _wrap(f"{lb}: {source_facts(s.second)}", "    ", "       ")
    if not c.shared_sources:
        out.append("  none found")
    for label, side in ((la, c.first), (lb, c.second)):
        out += ["", f"SOURCES ONLY IN {label} ({len(side.only_sources)})"]
        out += [line for p in side.only_sources
                for line in _wrap(f"{p.name} ({p.type_label}): {source_facts(p)}", "  ", "      ")]
        if not side.only_sources:
            out.append("  none")

    out += ["", f"STATEMENTS IN BOTH ({len(c.shared_statements)})"]
    for i, m in enumerate(c.shared_statements, 1):
        out += _wrap(f"{i}. {la} {m.first.id} / {lb} {m.second.id}: {match_line(c, m)}", "  ", "     ")
        for label, a, p in ((la, m.first, m.first_source), (lb, m.second, m.second_source)):
            out.append(f"     {label}  {statement_head(a, p)}")
            out += _wrap(content_text(a), "        ")
    if not c.shared_statements:
        out.append("  none found")
    for label, side in ((la, c.first), (lb, c.second)):
        out += ["", f"STATEMENTS ONLY IN {label} ({len(side.only_statements)})"]
        for a in side.only_statements:
            out.append(f"  {statement_head(a, side.source_of(a.id))}")
            out += _wrap(content_text(a), "      ")
        if not side.only_statements:
            out.append("  none")
    out += ["", f"TOO SHORT TO COMPARE (fewer than {MIN_SHARED_WORDS} content words)",
            f"  {la}: {', '.join(a.id for a in c.first.uncompared) or 'none'}",
            f"  {lb}: {', '.join(a.id for a in c.second.uncompared) or 'none'}"]
    return "\n".join(out) + "\n"


def _wrap(line: str, indent: str, more: str | None = None) -> list[str]:
    return textwrap.wrap(view.clean(line), _WIDTH, initial_indent=indent,
                         subsequent_indent=more if more is not None else indent,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


# ---------------------------------------------------------------- Markdown

def markdown(c: StoryComparison) -> str:
    """The comparison as Markdown, ending in a newline; article text escaped."""
    la, lb = labels(c)
    out = [f"# Same-story comparison: {md(c.first.title)} / {md(c.second.title)}", ""]
    for label, side in ((la, c.first), (lb, c.second)):
        out.append(f"- **{md(label)}**: {md(side.title)} (`{side.name}`)")
    out += ["", f"Made by {view.generator()}.", "", "## Summary", "", f"| | {md(la)} | {md(lb)} |", "|---|---:|---:|"]
    out += [f"| {label.strip() if not label.startswith(' ') else '· ' + label.strip()} | {md(a)} | {md(b)} |"
            for label, a, b in summary_rows(c)]
    out += ["", md(pairs_line(c)), ""]

    out += [f"## Sources in both ({len(c.shared_sources)})", ""]
    if c.shared_sources:
        out += [f"| Source | Matched by | In {md(la)} | In {md(lb)} |", "|---|---|---|---|"]
        out += [f"| {md(s.first.name)} ({s.first.type_label}) | {BASIS_LABELS[s.basis]} | "
                f"{_md_profile(s.first)} | {_md_profile(s.second)} |" for s in c.shared_sources]
    else:
        out.append("None found.")
    out.append("")
    for label, side in ((la, c.first), (lb, c.second)):
        out += [f"## Sources only in {md(label)} ({len(side.only_sources)})", ""]
        if side.only_sources:
            out += ["| Source | Type | Details |", "|---|---|---|"]
            out += [f"| {md(p.name)} | {p.type_label} | {md(source_facts(p))} |" for p in side.only_sources]
        else:
            out.append("None.")
        out.append("")

    out += [f"## Statements in both ({len(c.shared_statements)})", ""]
    if c.shared_statements:
        out += [f"| # | How | {md(la)} | {md(lb)} |", "|---:|---|---|---|"]
        for i, m in enumerate(c.shared_statements, 1):
            out.append(f"| {i} | {md(match_line(c, m))} | {_md_statement(m.first, m.first_source)} | "
                       f"{_md_statement(m.second, m.second_source)} |")
    else:
        out.append("None found.")
    out.append("")
    for label, side in ((la, c.first), (lb, c.second)):
        out += [f"## Statements only in {md(label)} ({len(side.only_statements)})", ""]
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
            f"- {md(la)}: {', '.join(a.id for a in c.first.uncompared) or 'none'}",
            f"- {md(lb)}: {', '.join(a.id for a in c.second.uncompared) or 'none'}", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_profile(p: SourceProfile) -> str:
    return f"{md(p.name)}: {md(source_facts(p))}"


def _md_statement(a: Attribution, p: SourceProfile | None) -> str:
    return f"**{md(statement_head(a, p))}**: {md(content_text(a))}"


# ---------------------------------------------------------------- HTML

def html(c: StoryComparison) -> str:
    """The comparison as one self-contained HTML page (no scripts, nothing loaded), ending in a newline."""
    la, lb = labels(c)

    def statement(a: Attribution, p: SourceProfile | None) -> dict[str, object]:
        return {"head": statement_head(a, p), "text": content_text(a), "type": p.type if p else "unresolved",
                "tag": view.TYPE_TAGS[p.type if p else "unresolved"]}

    def profile(p: SourceProfile) -> dict[str, object]:
        return {"name": p.name, "type": p.type, "tag": view.TYPE_TAGS[p.type], "facts": source_facts(p)}

    sides = []
    for label, side in ((la, c.first), (lb, c.second)):
        sides.append({"label": label, "title": side.title, "name": side.name,
                      "outlet": view.outlet(side.report),
                      "only_sources": [profile(p) for p in side.only_sources],
                      "only_statements": [statement(a, side.source_of(a.id)) for a in side.only_statements],
                      "short": ", ".join(a.id for a in side.uncompared) or "none"})
    return render(
        "story.html.j2", generator=view.generator(), stylesheets=("report.css", "story.css"),
        sides=sides, summary=[{"label": label.strip(), "sub": label.startswith(" "), "a": a, "b": b}
                              for label, a, b in summary_rows(c)],
        pairs_line=pairs_line(c),
        shared_sources=[{"basis": BASIS_LABELS[s.basis], "first": profile(s.first), "second": profile(s.second)}
                        for s in c.shared_sources],
        shared_statements=[{"relation": relation(c, m), "who": match_who(c, m),
                            "first": statement(m.first, m.first_source),
                            "second": statement(m.second, m.second_source)} for m in c.shared_statements],
        min_words=MIN_SHARED_WORDS, threshold=THRESHOLD)


# ---------------------------------------------------------------- JSON

def json(c: StoryComparison) -> str:
    """The comparison as JSON (``StoryComparison.to_dict()``, sorted keys), ending in a newline."""
    return _json.dumps(c.to_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
