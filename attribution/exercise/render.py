"""Render an Exercise as two self-contained HTML pages: the student worksheet and the answer key.

The worksheet prints the article(s) with numbered paragraphs and no highlighting, then the
questions with tick boxes, tables and answer lines; it holds no answer.  The key repeats each
question with its answer, the sentence and source behind it, and the sourcing score's
breakdown as a discussion aid.  Both reuse the HTML report's escaping, stylesheet and
Content-Security-Policy (no scripts, no network), and print on A4 or Letter.
"""

from __future__ import annotations

from ..render import view
from ..render.html import esc, template
from .model import OPEN_KINDS, Evidence, Exercise, Question, Text

_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="{generator}">
<title>{page}: {title}</title>
<style>
{css}
</style>
</head>
<body>
<div class="sheet {kind}">
"""


def _page(exercise: Exercise, kind: str, body: list[str]) -> str:
    page = "Worksheet" if kind == "worksheet" else "Answer key"
    head = _HEAD.format(generator=esc(view.generator()), page=page, title=esc(_title(exercise)),
                        css=template("report.css") + template("exercise.css"), kind=kind)
    foot = (f'<footer class="foot">Made by {esc(view.generator())}; questions built from the tool\'s automatic '
            "reading of the article. This page loads nothing from the network.</footer>")
    return head + "\n".join(body) + "\n" + foot + "\n</div>\n</body>\n</html>\n"


def _title(exercise: Exercise) -> str:
    if exercise.compare:
        return "Two outlets, one story"
    return exercise.texts[0].title


def _kicker(exercise: Exercise, what: str) -> str:
    kind = "Comparing two outlets" if exercise.compare else "Who says so?"
    return f'<p class="kicker">{esc(what)} · {esc(kind)} · {esc(exercise.level_label)}</p>'


# ---------------------------------------------------------------- the worksheet

def worksheet(exercise: Exercise) -> str:
    """The student's page: the text(s), numbered, unmarked, then the questions (UTF-8, ends in a newline)."""
    body = ['<header class="sheet-head">', _kicker(exercise, "Sourcing worksheet"),
            f"<h1>{esc(_title(exercise))}</h1>",
            '<p class="fill"><span>Name:</span><span class="short">Class:</span><span class="short">Date:</span></p>',
            "</header>", f'<p class="intro">{esc(exercise.intro)}</p>']
    body += [_text(t) for t in exercise.texts]
    body.append('<section class="questions"><h2>Questions</h2><ol class="qs">')
    body += [_question(q) for q in exercise.questions]
    body.append("</ol></section>")
    return _page(exercise, "worksheet", body)


def _text(t: Text) -> str:
    head = f"Article {t.label}" if t.label else "The article"
    paras = "".join(f'<p class="para" id="p{esc(p.label)}"><span class="pn">{esc(p.label)}</span>'
                    f"<span>{esc(p.text)}</span></p>" for p in t.paragraphs)
    return (f'<section class="text-block"><h2>{esc(head)}</h2><h3>{esc(t.title)}</h3>'
            f'<div class="paras">{paras}</div></section>')


def _question(q: Question) -> str:
    parts = [f'<li class="q q-{esc(q.kind)}"><p class="prompt">{esc(q.prompt)}</p>']
    if q.claim:
        parts.append(f'<blockquote class="claim">{esc(q.claim)}</blockquote>')
    if q.options:
        parts.append('<ul class="boxes">' + "".join(
            f'<li><span class="box" aria-hidden="true">☐</span>{esc(o)}</li>' for o in q.options) + "</ul>")
    if q.columns:
        head = "".join(f"<th>{esc(c)}</th>" for c in q.columns)
        row = "<tr>" + "<td></td>" * len(q.columns) + "</tr>"
        parts.append(f'<table class="fillin"><thead><tr>{head}</tr></thead><tbody>{row * q.rows}</tbody></table>')
    if q.lines:
        parts.append('<div class="lines">' + '<div class="line"></div>' * q.lines + "</div>")
    return "".join(parts) + "</li>"


# ---------------------------------------------------------------- the key

def key(exercise: Exercise) -> str:
    """The teacher's page: each question with its answer and evidence, then the score breakdown."""
    body = ['<header class="sheet-head">', _kicker(exercise, "Answer key"),
            f"<h1>{esc(_title(exercise))}</h1>"]
    names = ", ".join(f"{'Article ' + t.label + ': ' if t.label else ''}{t.name}" for t in exercise.texts)
    body.append(f'<p class="level-note">{esc(names)}. {esc(exercise.level_note)}</p></header>')
    body.append('<p class="intro">Answers are what the article says, found by the tool and checked against '
                "the text; each quotes the sentence and names the source. Open questions have no single answer: "
                "the key lists evidence a good answer might use.</p>")
    body.append('<section class="questions key"><h2>Answers</h2><ol class="qs">')
    body += [_answer(q) for q in exercise.questions]
    body.append("</ol></section>")
    body += [_breakdown(t) for t in exercise.texts]
    return _page(exercise, "key", body)


def _answer(q: Question) -> str:
    open_tag = '<span class="open-tag">open question</span>' if q.kind in OPEN_KINDS else ""
    parts = [f'<li class="q q-{esc(q.kind)}"><p class="prompt">{esc(q.prompt)}{open_tag}</p>']
    if q.claim:
        parts.append(f'<blockquote class="claim">{esc(q.claim)}</blockquote>')
    if q.options:
        parts.append('<ul class="boxes">' + "".join(
            f'<li><span class="box">{"☑" if i in q.correct else "☐"}</span>{esc(o)}</li>'
            for i, o in enumerate(q.options)) + "</ul>")
    parts.append(f'<div class="answer"><strong>Answer:</strong> {esc(q.answer)}</div>')
    if q.columns and q.answer_rows:
        head = "".join(f"<th>{esc(c)}</th>" for c in q.columns)
        rows = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in q.answer_rows)
        parts.append(f'<table class="fillin"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
    if q.evidence:
        parts.append('<ul class="evidence-list">' + "".join(_evidence(e) for e in q.evidence) + "</ul>")
    if q.points:
        parts.append('<ul class="points">' + "".join(f"<li>{esc(p)}</li>" for p in q.points) + "</ul>")
    return "".join(parts) + "</li>"


def _evidence(e: Evidence) -> str:
    where = f'<span class="ev-where">¶{esc(e.paragraph)}</span> ' if e.paragraph else ""
    if e.source:
        written = f" (the sentence says “{e.as_written}”)" if e.as_written and \
            e.as_written.lower() not in e.source.lower() else ""
        src = f'<span class="ev-src">Source: {esc(e.source)}{esc(written)}</span>'
    else:
        src = f'<span class="ev-src">{esc(e.note)}</span>' if e.note else ""
    return f'<li>{where}<span class="ev-text">{esc(e.text)}</span>{src}</li>'


def _breakdown(t: Text) -> str:
    label = f"Article {t.label}: " if t.label else ""
    if t.score is None:
        return ""
    rows = "".join(f'<tr><td>{esc(c.label)}</td><td class="pts">{c.points:.1f} / {c.max_points:g}</td>'
                   f"<td>{esc(c.explanation)}</td></tr>" for c in t.score.components)
    return (f'<section class="scores"><h2>{esc(label)}Sourcing score: {t.score.total} / 100 ({esc(t.score.rating)})</h2>'
            '<p class="note">For discussion: the tool\'s automatic score (method '
            f'{esc(t.score.method)}, see docs/scoring.md), counting every attribution it found, including '
            "ones it is unsure of and left out of the questions; it can be wrong.</p>"
            f'<table class="breakdown"><thead><tr><th>Component</th><th>Points</th><th>Why</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section>")
