"""The HTML report: one self-contained page per article, for screens, projectors and paper.

The article is shown with every attribution highlighted and tagged by source type, beside a
panel with the score and its components, the sources, the sides heard, readability and a
legend; below it, the sentences behind each component.  The element showing the total
carries ``data-score="<total>"`` for tools.

This module works out what the page shows, as dataclasses and plain values; the page itself
is the template ``render/templates/report.html.j2`` (see :mod:`.templating`: Jinja2 with
autoescaping, so every piece of article text is escaped where it is printed).  The page's
Content-Security-Policy forbids scripts and any network request, so it opens offline and
nothing in an article can run.  Site clutter (menus, link lists, captions) is greyed on screen
and left off the printed page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..assessment import PROFILE_TYPES, SourceProfile
from ..extract import cue_model
from ..report import ArticleReport
from ..results import Attribution
from . import view
from .templating import render

__all__ = ["dumps", "page_context"]


@dataclass(frozen=True)
class Tag:
    """The label put before an attribution in the text ("a3 PERSON"), linking to its source."""

    id: str
    kind: str
    label: str
    source_id: str
    title: str
    why: str = ""


@dataclass(frozen=True)
class Segment:
    """A stretch of the article covered by the same marks: printed in a span with these
    classes (plain when ``classes`` is empty), after the tags of attributions starting here."""

    text: str
    classes: str = ""
    title: str = ""
    tags: tuple[Tag, ...] = ()


def dumps(report: ArticleReport) -> str:
    """The report as one HTML page (UTF-8 text, ending in a newline)."""
    return render("report.html.j2", **page_context(report))


def page_context(report: ArticleReport) -> dict[str, Any]:
    """Everything the report template prints."""
    score = report.score
    info = view.page(report)
    components = []
    if score is not None:
        for c in score.components:
            components.append({"c": c, "share": 0 if not c.max_points else round(100 * c.points / c.max_points),
                               "evidence": view.evidence(report, c.attributions, c.sentences)})
    sources = []
    for p in view.profiles_by_weight(report):
        n = len(p.attributions)
        sources.append({"p": p, "tag": view.TYPE_TAGS[p.type], "facts": " · ".join(view.profile_details(p)),
                        "count": f"{n} attribution{'s' if n != 1 else ''}"
                                 + (f", {p.direct_quotes} quoted" if p.direct_quotes else "")})
    r = report.readability
    readability = [] if r is None else [
        ("Flesch reading ease", f"{r.flesch_reading_ease:.1f} ({r.ease_label})"),
        ("Flesch-Kincaid grade", f"{r.flesch_kincaid_grade:.1f}"),
        ("Gunning fog index", f"{r.gunning_fog:.1f}"),
        ("Coleman-Liau index", f"{r.coleman_liau_index:.1f}"),
        ("Words / sentences", f"{r.words} / {r.sentences}")]
    unresolved = len(score.unresolved) if score else 0
    return {
        "generator": view.generator(), "stylesheets": ("report.css",),
        "title": view.title(report), "name": report.article.name, "chars": len(report.article.text),
        "attributions": len(report.attributions), "profiles": len(report.profiles),
        "outlet": view.outlet(report), "date": info.get("date"), "url": info.get("url"),
        "score": score, "components": components, "sources": sources,
        "left_out": (f"{unresolved} attribution{'s' if unresolved != 1 else ''} with an unresolved source left out."
                     if unresolved else ""),
        "sides": view.sides_lines(report), "readability": readability,
        "legend": [{"type": t, "tag": view.TYPE_TAGS[t], "label": view.type_label(t)} for t in PROFILE_TYPES],
        "hedges": view.hedge_lines(report), "segments": segments(report),
        "model": report.document.model or "unknown", "method": score.method if score else "not scored",
    }


# ---------------------------------------------------------------- the article, highlighted

def segments(report: ArticleReport) -> list[Segment]:
    """The article text as written, cut where marks begin or end, each piece with the marks
    that cover it."""
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
        # With the line breaks after it, so that a page printed without the clutter has no gap.
        end = c.end
        while end < len(text) and text[end] in "\r\n":
            end += 1
        marks.append((c.start, end, "clutter", None))
    hedged = set(report.score.hedged) if report.score else set()
    whys = {a.id: cue_model.explain(a.cue_evidence) for a in report.attributions}
    marks += [(w.start, w.end, "hedge", None) for w in view.hedge_words(report)]

    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    covering = _covering(marks, cuts)
    out: list[Segment] = []
    for x, y in zip(cuts, cuts[1:]):
        tags = tuple(_tag(a, profiles.get(a.id), a.id in hedged) for a in starts.get(x, []))
        active = covering[x]
        out.append(_segment(text[x:y], active, profiles, tags, whys))
    return out


def _covering(marks: list[tuple[int, int, str, str | None]],
              cuts: list[int]) -> dict[int, list[tuple[int, int, str, str | None]]]:
    """For each cut x, the marks that cover the piece from x to the next cut, in ``marks``'
    order: one sweep over the cuts, so the page grows linearly with the article (testing
    every mark at every cut took 17 s of a 40,000-word article's 20 s page)."""
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(marks):
        if s < e:  # an empty mark covers no piece
            opening.setdefault(s, []).append(i)
            closing.setdefault(e, []).append(i)
    open_now: set[int] = set()
    out: dict[int, list[tuple[int, int, str, str | None]]] = {}
    for x in cuts:
        open_now.difference_update(closing.get(x, ()))
        open_now.update(opening.get(x, ()))
        out[x] = [marks[i] for i in sorted(open_now)]
    return out


def _index(report: ArticleReport, key: str) -> int:
    if report.score is None:
        return -1
    return next((i for i, c in enumerate(report.score.components) if c.key == key), -1)


def _type(profile: SourceProfile | None) -> str:
    return profile.type if profile else "unresolved"


def _tag(a: Attribution, profile: SourceProfile | None, hedged: bool) -> Tag:
    kind = _type(profile)
    label = f"{a.id} {view.TYPE_TAGS[kind]}" + (" HEDGED" if hedged else "")
    who = profile.name if profile else "no source"
    return Tag(a.id, kind, label, profile.id if profile else "", f"{a.id}: {view.type_label(kind)}: {who}",
               cue_model.explain(a.cue_evidence))


def _segment(piece: str, active: list[tuple[int, int, str, str | None]],
             profiles: dict[str, SourceProfile], tags: tuple[Tag, ...], whys: dict[str, str]) -> Segment:
    if not active:
        return Segment(piece, tags=tags)
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
        if role == "cue" and whys.get(aid or ""):
            # The cue itself says why it was taken (the classifier's frame and score).
            title += f". Why a cue: {whys[aid or '']}"
    if any(m[2] == "bare" for m in active) and not mine:
        classes.append("bare")
        title = "A statement with no attribution"
    if any(m[2] == "hedge" for m in active):
        classes.append("hedge-mark")
        title = "A hedging word (shown, not scored)" + (f"; {title}" if title else "")
    if any(m[2] == "clutter" for m in active):
        classes = ["clutter"]
        title = "Site clutter, not analysed"
    return Segment(piece, " ".join(classes), title, tags)


