"""Build a sourcing exercise on one article from its ArticleReport (no model needed).

    from attribution.exercise import questions
    exercise = questions.build(report, level="auto")

The questions come from what the extraction found, chosen by :mod:`.select` so that only
attributions the tool is sure of are asked about: who said a claim, what kind of source it
is, the reason given for anonymity, which sentences have no source, the voices heard and the
sides they speak for, a side never heard, and an open judgement of the sourcing.  Output is
deterministic: the same report and level always give the same exercise.

Does not ask about site clutter, photo captions or anything the extractor is unsure of, and
does not check facts: "correct" means "what the article says", not "what is true".
"""

from __future__ import annotations

import re
from typing import Any

from ..assessment import SourceProfile
from ..lexicons import load_table
from ..matching import overlap
from ..render import view
from ..report import ArticleReport
from ..results import Attribution
from ..sources import mentions_of_sides
from . import levels, select
from .model import Evidence, Exercise, Question, Text

# Order in which source kinds are chosen for "what kind of source" questions: the rarer first.
_TYPE_ORDER = ("document", "anonymous", "organisation", "person")
_TYPE_OPTION = {"person": 0, "organisation": 1, "document": 2, "anonymous": 3}
_COORDINATE = re.compile(r"\s+(?:and|or)\s+((?:[A-Z][\w.’'-]*\s?)+)")


def build(report: ArticleReport, level: str = levels.AUTO) -> Exercise:
    """The exercise for one article at ``level`` ("middle", "high" or "auto").

    Raises:
        KeyError: an unknown level.
    """
    key = levels.pick(level, report.readability)
    words = levels.wording(key)
    text = text_of(report)
    return Exercise(key, words["label"], words["intro"], (text,), tuple(questions(report, text, words)),
                    levels.note(key, report.readability))


def text_of(report: ArticleReport, label: str = "") -> Text:
    return Text(label, report.article.name, view.title(report), select.paragraphs(report, label),
                report.score, report.readability, view.outlet(report))


def questions(report: ArticleReport, text: Text, words: dict[str, Any]) -> list[Question]:
    """The questions, in worksheet order: close reading first, then counting, then judging."""
    sure = select.confident(report, text.paragraphs)
    counts = words["counts"]
    # With few sure attributions, one is kept back so a "what kind of source" question can be asked too.
    asked = _who(report, text, sure, words, min(counts["who"], max(1, len(sure) - 1)))
    used = {q.claim for q in asked}
    out = list(asked)
    out += _types(report, text, [a for a in sure if select.claim(a) not in used], words, counts["type"])
    out += _anonymous(report, text, sure, words, counts["anonymous"])
    out += _unsourced(report, text, sure, words, counts["unsourced"], counts["sourced"])
    out.append(_voices(report, text, sure, words))
    out += _unheard(report, text, words)
    if words.get("reliance"):
        out += _reliance(report, text, sure, words)
    out.append(_judge(report, text, sure, words))
    return out


# ---------------------------------------------------------------- helpers

def _where(text: Text, a: Attribution) -> str:
    parts = select.spans(a)
    p = select.paragraph_at(text.paragraphs, min(sp.start for sp in parts))
    return p.label if p else ""


def evidence(report: ArticleReport, text: Text, a: Attribution) -> Evidence:
    """The attribution's sentence(s), where it is, and its source (fullest name, and as written)."""
    p = view.profile_of(report).get(a.id)
    return Evidence(select.attribution_passage(report, a), _where(text, a), p.name if p else None,
                    view.clean(a.source.text) if a.source else None)


def _plainness(a: Attribution) -> int:
    """How plainly the text marks the attribution: quotes and "according to" first, paraphrase last."""
    return {"direct": 0, "according_to": 0, "mixed": 1}.get(a.kind, 2)


def describe(p: SourceProfile) -> str:
    """A source as the key names it: "John Kirby (spokesperson, National Security Council)"."""
    role = ", ".join(x for x in (p.role, p.affiliation) if x and x not in p.name)
    return f"{p.name} ({role})" if role else p.name


def _profile(report: ArticleReport, a: Attribution) -> SourceProfile:
    return view.profile_of(report)[a.id]


# ---------------------------------------------------------------- the questions

def _who(report: ArticleReport, text: Text, sure: list[Attribution], words: dict[str, Any],
         count: int) -> list[Question]:
    """Who said it: round-robin over the sources, so one voice does not take every question."""
    by_source: dict[str, list[Attribution]] = {}
    for a in sure:
        by_source.setdefault(_profile(report, a).id, []).append(a)
    # Quotations first within a source: their words are easiest to find.
    queues = sorted((sorted(q, key=lambda a: (_plainness(a), a.content[0].start)) for q in by_source.values()),
                    key=lambda q: (_plainness(q[0]), q[0].content[0].start))
    chosen: list[Attribution] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                a = queue.pop(0)
                # Two questions on near-identical words (a lede repeated lower down) confuse more than test.
                if not any(overlap(select.claim(a), select.claim(b)) >= 0.6 for b in chosen):
                    chosen.append(a)
    out = []
    for a in sorted(chosen, key=lambda a: a.content[0].start):
        p = _profile(report, a)
        where = _where(text, a)
        written = view.clean(a.source.text) if a.source else p.name
        answer = describe(p) + (f"; the sentence calls them “{written}”." if written.lower() not in p.name.lower() else ".")
        out.append(Question("who", words["who"].format(paragraph=where), answer, where, select.claim(a),
                            lines=1, evidence=(evidence(report, text, a),)))
    return out


def _types(report: ArticleReport, text: Text, pool: list[Attribution], words: dict[str, Any],
           count: int) -> list[Question]:
    options = tuple(words["type_options"])
    chosen: list[Attribution] = []
    for kind in _TYPE_ORDER:
        first = next((a for a in pool if _profile(report, a).type == kind), None)
        if first is not None and len(chosen) < count:
            chosen.append(first)
    out = []
    for a in sorted(chosen, key=lambda a: a.content[0].start):
        p = _profile(report, a)
        index = _TYPE_OPTION[p.type]
        where = _where(text, a)
        out.append(Question("type", words["type"].format(paragraph=where),
                            f"{options[index]}: {describe(p)}.", where, select.claim(a), options, (index,),
                            lines=int(words.get("type_lines", 0)),
                            evidence=(evidence(report, text, a),)))
    return out


def _anonymous(report: ArticleReport, text: Text, sure: list[Attribution], words: dict[str, Any],
               count: int) -> list[Question]:
    out: list[Question] = []
    seen: set[str] = set()
    for a in sure:
        p = _profile(report, a)
        if p.type != "anonymous" or p.id in seen or len(out) >= count:
            continue
        seen.add(p.id)
        where = _where(text, a)
        shown = view.clean(a.source.text) if a.source else p.name
        ev = [evidence(report, text, a)]
        reason = next((x.anonymity_reason for x in report.attributions
                       if x.id in p.attributions and x.anonymity_reason is not None), None)
        if reason is not None:
            answer = f"Yes: “{view.clean(reason.text)}”."
            reason_at = select.paragraph_at(text.paragraphs, reason.start)
            reason_text = select.passage(report, reason.start, reason.end)
            if reason_text != ev[0].text:
                ev.append(Evidence(reason_text, reason_at.label if reason_at else "", p.name))
        else:
            answer = "No reason is given: the article does not say why the source is not named."
        out.append(Question("anonymous", words["anonymous"].format(paragraph=where, source=f"“{shown}”"),
                            answer, where, select.claim(a), lines=2, evidence=tuple(ev)))
    return out


def _unsourced(report: ArticleReport, text: Text, sure: list[Attribution], words: dict[str, Any],
               bare_count: int, sourced_count: int) -> list[Question]:
    bare = select.spread(select.unsourced(report, text.paragraphs), bare_count)
    # A sourced sentence is offered beside them: one whose speaker is named in the sentence itself.
    whole = [a for a in sure if a.source is not None and a.source.text.strip().lower() not in select.PRONOUNS
             and a.kind != "floating"]
    whole.sort(key=lambda a: (_plainness(a), a.content[0].start))
    sourced = sorted(whole[:sourced_count], key=lambda a: a.content[0].start) if bare else []
    if not bare:
        return []
    items: list[tuple[int, str, Evidence, bool]] = []
    for s in bare:
        p = select.paragraph_at(text.paragraphs, s.start)
        passage = view.clean(report.article.text[s.start:s.end])
        items.append((s.start, passage, Evidence(passage, p.label if p else "", note="No source given."), True))
    for a in sourced:
        ev = evidence(report, text, a)
        items.append((a.content[0].start, ev.text, ev, False))
    items.sort(key=lambda item: item[0])
    options = tuple(f"(¶{ev.paragraph}) {passage}" for _, passage, ev, _ in items)
    correct = tuple(i for i, item in enumerate(items) if item[3])
    ticks = _and([str(i + 1) for i in correct])
    left = [i for i, item in enumerate(items) if not item[3]]
    answer = f"Tick sentence{'s' if len(correct) != 1 else ''} {ticks}: no source is given." + \
        (f" Leave sentence{'s' if len(left) != 1 else ''} {_and([str(i + 1) for i in left])} unticked: "
         f"{'it names its' if len(left) == 1 else 'each names its'} source "
         f"({_and([items[i][2].source or '' for i in left])})." if left else "")
    return [Question("unsourced", words["unsourced"], answer, None, None, options, correct,
                     evidence=tuple(item[2] for item in items))]


def _voices(report: ArticleReport, text: Text, sure: list[Attribution], words: dict[str, Any]) -> Question:
    certain, maybe = select.voices(report, sure)
    options = words["type_options"]
    rows = tuple((p.name, options[_TYPE_OPTION[p.type]], p.side or "not made plain") for p in certain)
    also = [describe(p) for p in maybe]
    n = len(certain)
    answer = (f"{n} voice{'s' if n != 1 else ''} the tool is sure of, listed below."
              + (f" Also accept, if the student points to the sentence: {'; '.join(also)}." if also else "")
              + " Accept any other voice the student can show in the text.")
    by_id = {a.id: a for a in sure}
    ev = tuple(evidence(report, text, by_id[next(aid for aid in p.attributions if aid in by_id)]) for p in certain)
    return Question("voices", words["voices"], answer, None, columns=("Voice", "Kind of source", "Side it speaks for"),
                    rows=max(4, n + len(maybe) + 1), answer_rows=rows, evidence=ev)


def _heard_sides(report: ArticleReport) -> set[str]:
    """Sides with a source, counting coordinated speakers the profiles miss ("Tehran and Moscow denied")."""
    heard = {s.side for s in report.score.sides} if report.score else set()
    text = report.article.text
    for a in report.attributions:
        if a.source is None:
            continue
        heard |= set(mentions_of_sides(a.source.text))
        match = _COORDINATE.match(text, a.source.end)
        if match:
            heard |= set(mentions_of_sides(match.group(1)))
    return heard


def _unheard(report: ArticleReport, text: Text, words: dict[str, Any]) -> list[Question]:
    if report.score is None:
        return []
    heard = _heard_sides(report)
    side = next((s for s in report.score.unheard if s not in heard), None)
    if side is None:
        return []
    phrases = [row[0] for row in load_table("sides")[1:] if len(row) > 1 and row[1] == side]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in sorted(phrases, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
    first = None
    for s in report.document.sentences:
        body = report.article.text[s.start:s.end]
        p = select.paragraph_at(text.paragraphs, s.start)
        if p is not None and pattern.search(body):
            first = Evidence(view.clean(body), p.label, note=f"{side} is named here, but not as a source.")
            break
    answer = (f"No. The article names {side} more than once, but no source speaks for {side}: its side "
              "of the story is told only by others.")
    return [Question("unheard", words["unheard"].format(side=side), answer, lines=3,
                     evidence=(first,) if first else (),
                     points=("A missing side is not always the reporter's fault (it may have declined "
                             "to comment), but a good article says so.",))]


def _reliance(report: ArticleReport, text: Text, sure: list[Attribution], words: dict[str, Any]) -> list[Question]:
    """Asked only when one voice plainly dominates: at least three, and half, of the sure attributions."""
    profiles = view.profile_of(report)
    counts: dict[str, int] = {}
    for a in sure:
        counts[profiles[a.id].id] = counts.get(profiles[a.id].id, 0) + 1
    if not counts:
        return []
    top_id = max(counts, key=lambda pid: (counts[pid], -int(pid[1:])))
    if counts[top_id] < 3 or 2 * counts[top_id] < len(sure):
        return []
    top = next(p for p in report.profiles if p.id == top_id)
    mine = [a for a in sure if a.id in top.attributions]
    points: tuple[str, ...] = (f"{top.name} is the source of {counts[top_id]} of the {len(sure)} attributions this exercise "
              "is sure of (listed in the answers above).",)
    if top.side:
        points += (f"{top.name} speaks for {top.side}.",)
    return [Question("reliance", words["reliance"], f"{describe(top)}.", lines=4,
                     evidence=tuple(evidence(report, text, a) for a in mine[:2]), points=points)]


def _judge(report: ArticleReport, text: Text, sure: list[Attribution], words: dict[str, Any]) -> Question:
    points: list[str] = []
    score = report.score
    certain, _ = select.voices(report, sure)
    kinds = {p.type for p in certain}
    points.append(f"Voices the tool is sure of: {len(certain)} ("
                  + ", ".join(f"{p.name}" for p in certain) + ")." if certain else
                  "The tool is sure of no voice in this article.")
    if "anonymous" not in kinds:
        points.append("No unnamed source among them.")
    bare = select.unsourced(report, text.paragraphs)
    if bare:
        points.append(f"At least {len(bare)} sentence{'s' if len(bare) != 1 else ''} state{'s' if len(bare) == 1 else ''} "
                      "facts with no source (see the unsourced-sentence question).")
    if score is not None:
        heard = _heard_sides(report)
        unheard = [side for side in score.unheard if side not in heard]
        if unheard:
            points.append("Named in the article but never a source: " + ", ".join(unheard) + ".")
        points.append(f"The tool's score is {score.total} / 100 ({score.rating}); its breakdown is below. "
                      "It is an automatic reading, mistakes included: a starting point for discussion, not the answer.")
    answer = "An open question: accept any rating the student supports with evidence from the text."
    return Question("judge", words["judge"], answer, options=tuple(words["judge_options"]), lines=5,
                    points=tuple(points))


def _and(items: list[str]) -> str:
    """"1", "1 and 2", "1, 2 and 3"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""
