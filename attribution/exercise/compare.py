"""Build a two-outlet exercise: two articles on the same story, compared by their sources.

    exercise = compare.build(report_a, report_b, level="auto")

Sources are matched across the articles by name ("John Kirby" in both; "Mr. Kirby" and
"Kirby" are already merged into "John Kirby" by each article's source profiles).  Only the
sources each exercise is sure of, or would accept as voices, are compared.

Known limits: two names for one body ("the White House" and "the National Security
Council") are two sources; matching quotes need half their words in common.
"""

from __future__ import annotations

import re
from typing import Any

from ..assessment import SourceProfile
from ..matching import canonical, overlap
from ..report import ArticleReport
from ..results import Attribution
from . import levels, select
from .model import Evidence, Exercise, Question, Text
from .questions import describe, evidence, text_of

def build(first: ArticleReport, second: ArticleReport, level: str = levels.AUTO) -> Exercise:
    """The comparison exercise on two articles; "auto" picks the level of the harder one.

    Raises:
        KeyError: an unknown level.
    """
    hardest = max((first.readability, second.readability),
                  key=lambda r: r.flesch_kincaid_grade if r is not None else -1.0)
    key = levels.pick(level, hardest)
    words = levels.wording(key)
    texts = (text_of(first, "A"), text_of(second, "B"))
    side = [_Side(report, text) for report, text in zip((first, second), texts)]
    questions = [q for q in (_both(side, words), _only(side, words), *_same_quotes(side, words),
                             _adds(side, words), _judge(side, words)) if q is not None]
    return Exercise(key, words["label"], words["compare_intro"], texts, tuple(questions),
                    levels.note(key, hardest))


class _Side:
    """One article's sure attributions and voices, keyed for matching."""

    def __init__(self, report: ArticleReport, text: Text) -> None:
        self.report, self.text = report, text
        self.sure = select.confident(report, text.paragraphs)
        certain, maybe = select.voices(report, self.sure)
        self.voices: dict[str, SourceProfile] = {canonical(p.name): p for p in certain + maybe}
        by_id = {a.id: a for a in report.attributions}
        sure_ids = {a.id for a in self.sure}
        # The best attribution of each voice: a sure one, else its most confident.
        self.best: dict[str, Attribution] = {}
        for name, p in self.voices.items():
            mine = [by_id[aid] for aid in p.attributions if aid in by_id]
            self.best[name] = next((a for a in mine if a.id in sure_ids), max(mine, key=lambda a: a.confidence))

    def evidence(self, name: str) -> Evidence:
        return evidence(self.report, self.text, self.best[name])


def _both(side: list[_Side], words: dict[str, Any]) -> Question | None:
    shared = [n for n in side[0].voices if n in side[1].voices]
    if not shared:
        return Question("both", words["both"], "None: the two articles share no source the tool could find.", lines=3)
    names = "; ".join(describe(side[0].voices[n]) for n in shared)
    ev = tuple(e for n in shared for e in (side[0].evidence(n), side[1].evidence(n)))
    return Question("both", words["both"], f"Both use: {names}.", lines=3, evidence=ev)


def _only(side: list[_Side], words: dict[str, Any]) -> Question | None:
    only = [[n for n in s.voices if n not in other.voices] for s, other in ((side[0], side[1]), (side[1], side[0]))]
    if not any(only):
        return None
    parts = []
    for label, s, names in zip("AB", side, only):
        listed = "; ".join(describe(s.voices[n]) for n in names) or "none"
        parts.append(f"Only in Article {label}: {listed}.")
    ev = tuple(s.evidence(n) for s, names in zip(side, only) for n in names)
    return Question("only", words["only"], " ".join(parts), lines=4, evidence=ev)


def _same_quotes(side: list[_Side], words: dict[str, Any]) -> list[Question]:
    """Direct quotations of one shared source that both articles carry (at most two)."""
    out: list[Question] = []
    profiles = [{a.id: p for p in s.report.profiles for a_id in p.attributions for a in s.sure if a.id == a_id}
                for s in side]
    for a in side[0].sure:
        if a.kind not in ("direct", "mixed") or len(out) >= 2:
            continue
        name = canonical(profiles[0][a.id].name)
        for b in side[1].sure:
            if b.id not in profiles[1] or canonical(profiles[1][b.id].name) != name:
                continue
            quote = _best_piece(a, b)
            if quote is None:
                continue
            ev_a, ev_b = evidence(side[0].report, side[0].text, a), evidence(side[1].report, side[1].text, b)
            if any(q.claim == quote for q in out):
                break
            who = profiles[0][a.id].name
            out.append(Question("same_quote", words["same_quote"].format(source=who),
                                f"Article A: paragraph {ev_a.paragraph}. Article B: paragraph {ev_b.paragraph}.",
                                None, quote, lines=2, evidence=(ev_a, ev_b)))
            break
    return out


_QUOTED = re.compile(r"“[^“”]+”|\"[^\"]+\"")


def _best_piece(a: Attribution, b: Attribution) -> str | None:
    """A quotation in ``a`` of which at least half the words (of the shorter) are in a quotation in ``b``."""
    for x in (q for c in a.content for q in _QUOTED.findall(c.text)):
        for y in (q for c in b.content for q in _QUOTED.findall(c.text)):
            if len(x.split()) >= 4 and overlap(x, y) >= 0.5:
                return " ".join(x.split())
    return None


def _adds(side: list[_Side], words: dict[str, Any]) -> Question:
    points = []
    for label, s, other in zip("AB", side, side[::-1]):
        extra = [describe(s.voices[n]) for n in s.voices if n not in other.voices]
        bare = select.unsourced(s.report, s.text.paragraphs)
        points.append(f"Article {label} ({s.text.outlet or s.text.title}): {len(s.text.paragraphs)} paragraphs; "
                      f"{len(s.sure)} attributions the tool is sure of"
                      + (f"; sources the other lacks: {'; '.join(extra)}" if extra else "")
                      + (f"; at least {len(bare)} sentence{'s' if len(bare) != 1 else ''} with no source" if bare else "")
                      + ".")
    ev = tuple(Evidence(" ".join(s.report.article.text[x.start:x.end].split()), p.label)
               for s in side for x in select.unsourced(s.report, s.text.paragraphs)[:2]
               for p in [select.paragraph_at(s.text.paragraphs, x.start)] if p is not None)
    return Question("adds", words["adds"], "An open question: accept examples the student can point to.",
                    lines=5, evidence=ev, points=tuple(points))


def _judge(side: list[_Side], words: dict[str, Any]) -> Question:
    points = []
    for label, s in zip("AB", side):
        score = s.report.score
        if score is not None:
            points.append(f"Article {label}: the tool scores its sourcing {score.total} / 100 ({score.rating}); "
                          "breakdown below.")
    points.append("The scores are automatic readings, mistakes included: a starting point for discussion.")
    return Question("compare_judge", words["compare_judge"],
                    "An open question: accept either article if the student argues from evidence.",
                    lines=5, points=tuple(points))
