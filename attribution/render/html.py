"""The HTML report: one self-contained page per article, for screens, projectors and paper.

The article is shown with every attribution highlighted and tagged by source type, beside a
panel with the score and its components, the sources, the sides heard, readability and a
legend; below it, the sentences behind each component.  The element showing the total
carries ``data-score="<total>"`` for tools.

Article text is untrusted input: every piece of it goes through :func:`html.escape`, and the
page's Content-Security-Policy forbids scripts and any network request, so it opens offline
and nothing in an article can run.  The template and CSS are package data
(``render/templates/``).
"""

from __future__ import annotations

import html
from functools import lru_cache
from importlib import resources
from string import Template

from ..assessment import PROFILE_TYPES, SourceProfile
from ..report import ArticleReport
from ..results import Attribution
from . import view

__all__ = ["dumps"]


def esc(text: object) -> str:
    """Text as HTML, quotes included (safe in attributes too)."""
    return html.escape(str(text), quote=True)


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    return (resources.files("attribution") / "render" / "templates" / name).read_text(encoding="utf-8")


def template(name: str) -> str:
    """A file of ``render/templates/`` (package data), for other pages built on this one's styles."""
    return _template(name)


def dumps(report: ArticleReport) -> str:
    """The report as one HTML page (UTF-8 text, ending in a newline)."""
    title = view.title(report)
    meta = (f"{esc(report.article.name)} · {len(report.article.text):,} characters · "
            f"{len(report.attributions)} attributions from {len(report.profiles)} sources")
    page = Template(_template("report.html")).substitute(
        generator=esc(view.generator()), title=esc(title), css=_template("report.css"), meta=meta,
        total=_total(report), article=_article(report), panel=_panel(report), details=_details(report),
        footer=_footer(report))
    return page.rstrip() + "\n"


def _total(report: ArticleReport) -> str:
    score = report.score
    if score is None:
        return '  <div class="total" data-score=""><span class="total-label">Sourcing strength</span>' \
               '<span class="total-num">–</span><span class="total-rating">not computed</span></div>'
    return (f'  <div class="total" data-score="{score.total}" role="img" '
            f'aria-label="Sourcing strength {score.total} out of 100, {esc(score.rating)}">'
            f'<span class="total-label">Sourcing strength</span>'
            f'<span class="total-num">{score.total}</span><span class="total-of"> / 100</span>'
            f'<span class="total-rating">{esc(score.rating)}</span></div>')


# ---------------------------------------------------------------- the article, highlighted

def _article(report: ArticleReport) -> str:
    """The article text as written, each stretch wrapped in the marks that cover it."""
    text = report.article.text
    profiles = view.profile_of(report)
    marks: list[tuple[int, int, str, str | None]] = []  # start, end, role, attribution id
    starts: dict[int, list[Attribution]] = {}
    for a in report.attributions:
        spans = [(sp.start, sp.end, role) for sp, role in ((a.source, "src"), (a.cue, "cue")) if sp is not None]
        spans += [(c.start, c.end, "said") for c in a.content]
        spans = [(s, e, r) for s, e, r in spans if 0 <= s < e <= len(text)]
        if not spans:
            continue
        marks += [(s, e, r, a.id) for s, e, r in spans]
        starts.setdefault(min(s for s, _, _ in spans), []).append(a)
    bare = set(report.score.components[_index(report, "unattributed")].sentences) if report.score and \
        _index(report, "unattributed") >= 0 else set()
    for s in report.document.sentences:
        if s.index in bare:
            marks.append((s.start, s.end, "bare", None))
    for c in report.clutter:
        marks.append((c.start, c.end, "clutter", None))
    hedged = set(report.score.hedged) if report.score else set()
    marks += [(w.start, w.end, "hedge", None) for w in view.hedge_words(report)]

    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[str] = []
    for x, y in zip(cuts, cuts[1:]):
        for a in starts.get(x, []):
            out.append(_tag(a, profiles.get(a.id), a.id in hedged))
        active = [m for m in marks if m[0] <= x and y <= m[1]]
        out.append(_segment(text[x:y], active, profiles, report))
    return "".join(out)


def _index(report: ArticleReport, key: str) -> int:
    if report.score is None:
        return -1
    return next((i for i, c in enumerate(report.score.components) if c.key == key), -1)


def _type(profile: SourceProfile | None) -> str:
    return profile.type if profile else "unresolved"


def _tag(a: Attribution, profile: SourceProfile | None, hedged: bool) -> str:
    kind = _type(profile)
    label = f"{a.id} {view.TYPE_TAGS[kind]}" + (" HEDGED" if hedged else "")
    who = profile.name if profile else "no source"
    return (f'<a class="tag t-{kind}" id="{esc(a.id)}" href="#src-{esc(profile.id) if profile else ""}" '
            f'title="{esc(a.id)}: {esc(view.type_label(kind))}: {esc(who)}">{esc(label)}</a>')


def _segment(piece: str, active: list[tuple[int, int, str, str | None]],
             profiles: dict[str, SourceProfile], report: ArticleReport) -> str:
    if not active:
        return esc(piece)
    classes: list[str] = []
    title = ""
    mine = [m for m in active if m[3] is not None]
    if mine:
        # Nested attributions: the innermost (shortest) mark wins the stretch.
        start, end, role, aid = min(mine, key=lambda m: m[1] - m[0])
        profile = profiles.get(aid or "")
        kind = _type(profile)
        classes += [role, f"t-{kind}"]
        who = profile.name if profile else "no source"
        title = f"{aid}: {view.type_label(kind)}: {who}"
    if any(m[2] == "bare" for m in active) and not mine:
        classes.append("bare")
        title = "A statement with no attribution"
    if any(m[2] == "hedge" for m in active):
        classes.append("hedge-mark")
        title = "A hedging word (shown, not scored)" + (f"; {title}" if title else "")
    if any(m[2] == "clutter" for m in active):
        classes = ["clutter"]
        title = "Site clutter, not analysed"
    return f'<span class="{" ".join(classes)}" title="{esc(title)}">{esc(piece)}</span>'


# ---------------------------------------------------------------- the side panel

def _panel(report: ArticleReport) -> str:
    return "\n".join([_score_section(report), _sources_section(report), _sides_section(report),
                      _readability_section(report), _legend()])


def _score_section(report: ArticleReport) -> str:
    score = report.score
    if score is None:
        return '<section class="score"><h2>Sourcing strength</h2><p class="plain">Not computed.</p></section>'
    items = []
    for c in score.components:
        share = 0 if not c.max_points else round(100 * c.points / c.max_points)
        items.append(
            f'<li><div class="c-head"><span class="c-label">{esc(c.label)}</span>'
            f'<span class="c-points">{c.points:.1f} / {c.max_points:g}</span></div>'
            f'<div class="bar" role="img" aria-label="{c.points:.1f} of {c.max_points:g} points">'
            f'<span style="width:{share}%"></span></div>'
            f'<p class="c-why">{esc(c.explanation)} <a href="#ev-{esc(c.key)}">Sentences&nbsp;↓</a></p></li>')
    left_out = (f' {len(score.unresolved)} attribution{"s" if len(score.unresolved) != 1 else ""} '
                'with an unresolved source left out.') if score.unresolved else ""
    reason = f'<p class="rating-reason">{esc(score.reason)}</p>' if score.reason else ""
    return (f'<section class="score"><h2>Score: {score.total} / 100</h2>{reason}<ol class="components">'
            + "".join(items) + '</ol>'
            f'<p class="note">Method {esc(score.method)}: the sum of the points above; '
            f'{score.attributions} attributions scored.{esc(left_out)} Hedges are shown, not scored.</p></section>')


def _sources_section(report: ArticleReport) -> str:
    if not report.profiles:
        return '<section class="sources-panel"><h2>Sources</h2><p class="plain">No attributed sources found.</p></section>'
    items = []
    for p in view.profiles_by_weight(report):
        n = len(p.attributions)
        count = f"{n} attribution{'s' if n != 1 else ''}" + (f", {p.direct_quotes} quoted" if p.direct_quotes else "")
        facts = view.profile_details(p)
        refs = " ".join(f'<a href="#{esc(a)}">{esc(a)}</a>' for a in p.attributions)
        items.append(
            f'<li id="src-{esc(p.id)}"><span class="chip t-{p.type}">{view.TYPE_TAGS[p.type]}</span> '
            f'<span class="s-name">{esc(p.name)}</span> <span class="s-count">{esc(count)}</span>'
            + (f'<span class="s-facts">{esc(" · ".join(facts))}</span>' if facts else "")
            + f'<span class="s-refs">{refs}</span></li>')
    return '<section class="sources-panel"><h2>Sources</h2><ul class="sources">' + "".join(items) + "</ul></section>"


def _sides_section(report: ArticleReport) -> str:
    lines = view.sides_lines(report)
    if not lines:
        return ""
    return ('<section class="sides"><h2>Sides heard</h2><ul class="plain">'
            + "".join(f"<li>{esc(line)}</li>" for line in lines)
            + '</ul><p class="note">Not scored: how many sides a story has is for the reader to judge.</p></section>')


def _readability_section(report: ArticleReport) -> str:
    r = report.readability
    if r is None:
        return ""
    rows = [("Flesch reading ease", f"{r.flesch_reading_ease:.1f} ({r.ease_label})"),
            ("Flesch-Kincaid grade", f"{r.flesch_kincaid_grade:.1f}"),
            ("Gunning fog index", f"{r.gunning_fog:.1f}"),
            ("Coleman-Liau index", f"{r.coleman_liau_index:.1f}"),
            ("Words / sentences", f"{r.words} / {r.sentences}")]
    return ('<section class="readability"><h2>Readability</h2><table class="read">'
            + "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in rows)
            + '</table><p class="note">Of the article body, site clutter left out. Reading ease 60-70 is '
              'plain English; grades are US school years.</p></section>')


def _legend() -> str:
    chips = "".join(f'<dt><span class="chip t-{t}">{view.TYPE_TAGS[t]}</span></dt><dd>{esc(view.type_label(t))}'
                    f' <span class="src t-{t}">source</span> <span class="said t-{t}">what it says</span></dd>'
                    for t in PROFILE_TYPES)
    marks = ('<dt><span class="src t-person">Name</span></dt><dd>Who says it: bold, underlined in the '
             'type\'s line style</dd>'
             '<dt><span class="cue">said</span></dt><dd>The cue: italic, dotted underline</dd>'
             '<dt><span class="said t-person">text</span></dt><dd>What is attributed: shaded</dd>'
             '<dt><span class="bare">text</span></dt><dd>A statement with no attribution: dashed underline</dd>'
             '<dt><span class="hedge-mark">allegedly</span></dt><dd>A hedging word; HEDGED on a tag marks a '
             'hedging or distancing cue (shown, not scored)</dd>'
             '<dt><span class="clutter">text</span></dt><dd>Site clutter (menus, links): not analysed</dd>')
    return f'<section class="legend"><h2>Legend</h2><dl>{chips}{marks}</dl></section>'


# ---------------------------------------------------------------- below: the evidence

def _details(report: ArticleReport) -> str:
    score = report.score
    if score is None:
        return ""
    parts = ['<section class="evidence"><h2>The sentences behind each component</h2>']
    for c in score.components:
        lines = view.evidence(report, c.attributions, c.sentences)
        parts.append(f'<h3 id="ev-{esc(c.key)}">{esc(c.label)}: {c.points:.1f} / {c.max_points:g}</h3>'
                     f'<p class="c-why">{esc(c.explanation)}</p>')
        parts.append(_evidence_list(lines))
    parts.append("</section>")
    hedges = view.hedge_lines(report)
    parts.append('<section class="hedges"><h2>Hedged or distancing language (not scored)</h2>'
                 + (_evidence_list(hedges) if hedges else '<p class="none">None found.</p>') + "</section>")
    return '<div class="details">' + "".join(parts) + "</div>"


def _evidence_list(lines: list[view.Evidence]) -> str:
    if not lines:
        return '<p class="none">None.</p>'
    items = []
    for e in lines:
        if e.attribution:
            head = f'<a class="ev-id" href="#{esc(e.attribution)}">{esc(e.attribution)}</a> ({esc(e.source or "")}): '
        else:
            head = f'<span class="ev-id">sentence {e.sentence + 1}</span>: '
        items.append(f"<li>{head}“{esc(e.text)}”</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _footer(report: ArticleReport) -> str:
    method = report.score.method if report.score else "not scored"
    return (f"Made by {esc(view.generator())} with the {esc(report.document.model or 'unknown')} models · "
            f"scoring method {esc(method)}, described in docs/scoring.md · "
            "this page loads nothing from the network.")
