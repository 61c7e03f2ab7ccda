"""Render an Exercise as two self-contained HTML pages: the student worksheet and the answer key.

The worksheet prints the article(s) with numbered paragraphs and no highlighting, then the
questions with tick boxes, tables and answer lines; it holds no answer.  The key repeats each
question with its answer, the sentence and source behind it, and the sourcing score's
breakdown as a discussion aid.  Both are templates (``render/templates/worksheet.html.j2`` and
``key.html.j2``, autoescaping on) that reuse the HTML report's stylesheet and
Content-Security-Policy (no scripts, no network), and print on A4 or Letter.  A comparison
names its two outlets ("Article A · AP").
"""

from __future__ import annotations

from typing import Any

from ..render import view
from ..render.templating import environment, render
from .model import OPEN_KINDS, Exercise, Question

__all__ = ["key", "question", "worksheet"]


def question(q: Question) -> str:
    """One question as the worksheet prints it (the template's macro, for checking a page)."""
    return str(environment().get_template("exercise_macros.html.j2").module.question(q)).strip()  # type: ignore[attr-defined]


def _context(exercise: Exercise, kind: str) -> dict[str, Any]:
    if exercise.compare:
        title = "Two outlets, one story: " + " and ".join(t.outlet or f"Article {t.label}" for t in exercise.texts)
    else:
        title = exercise.texts[0].title
    return {"generator": view.generator(), "stylesheets": ("report.css", "exercise.css"), "kind": kind,
            "page": "Worksheet" if kind == "worksheet" else "Answer key", "title": title, "exercise": exercise,
            "kicker_kind": "Comparing two outlets" if exercise.compare else "Who says so?",
            "open_kinds": OPEN_KINDS}


def worksheet(exercise: Exercise) -> str:
    """The student's page: the text(s), numbered, unmarked, then the questions (UTF-8, ends in a newline)."""
    return render("worksheet.html.j2", **_context(exercise, "worksheet"))


def key(exercise: Exercise) -> str:
    """The teacher's page: each question with its answer and evidence, then the score breakdown."""
    return render("key.html.j2", **_context(exercise, "key"))
