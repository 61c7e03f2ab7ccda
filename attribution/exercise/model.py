"""The exercise types: frozen dataclasses that the worksheet and the answer key both render.

A worksheet shows the texts and the questions' prompts; the key shows the same questions with
their answers and the evidence (the sentence and its source) behind each.  Nothing here holds
parser objects: texts are plain strings, paragraphs are numbered as the worksheet prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment import Readability, SourcingScore

# Values of Question.kind.
KINDS = ("who", "type", "anonymous", "unsourced", "voices", "unheard", "reliance", "judge",
         "both", "only", "same_quote", "adds", "compare_judge")
# Kinds that ask the student for a judgement: the key gives evidence, not one right answer.
OPEN_KINDS = ("unheard", "reliance", "judge", "adds", "compare_judge")


@dataclass(frozen=True)
class Evidence:
    """A passage of an article that supports an answer.

    Attributes:
        text: the sentence (or sentences) as printed, whitespace runs as single spaces.
        paragraph: its paragraph number on the worksheet ("3", or "A3" in a comparison).
        source: who the article says it comes from (the source's fullest name), or None for
            a sentence with no source.
        as_written: how that sentence itself names the source ("he", "Mr. Kirby"), if it does.
        note: what the passage shows, for a passage cited without a source ("No source given.").
    """

    text: str
    paragraph: str
    source: str | None = None
    as_written: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Question:
    """One question, with what the worksheet prints and what the key answers.

    Attributes:
        kind: one of KINDS.
        prompt: the question as the student reads it.
        answer: the key's answer in one or two sentences.
        paragraph: where the question points the student ("4", "A2"), or None.
        claim: the article's words the question is about, printed under the prompt.
        options: tick boxes, in order (the key marks ``correct``).
        correct: indices of the right options.
        columns: heads of a table the student fills in (``rows`` blank rows).
        rows: number of blank table rows on the worksheet.
        answer_rows: the key's filled-in table.
        lines: answer lines printed for a written answer (0: none).
        evidence: the passages behind the answer, each with its source.
        points: for open questions, the facts the key offers as evidence (not a model answer).
    """

    kind: str
    prompt: str
    answer: str
    paragraph: str | None = None
    claim: str | None = None
    options: tuple[str, ...] = ()
    correct: tuple[int, ...] = ()
    columns: tuple[str, ...] = ()
    rows: int = 0
    answer_rows: tuple[tuple[str, ...], ...] = ()
    lines: int = 0
    evidence: tuple[Evidence, ...] = ()
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph as the worksheet prints it: its label ("3", "A3") and its text."""

    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Text:
    """One article of an exercise: title, numbered paragraphs, and its score for the key.

    Attributes:
        label: "" for a one-article exercise, "A" or "B" in a comparison.
        name: the article's file name without extension.
        title: its headline.
        paragraphs: the body, site clutter and repeated headlines left out.
        score: the sourcing score (the key shows its breakdown), or None.
        readability: its readability (the key says how it suits the level), or None.
        outlet: who published it, as its page, dateline or site line names it ("AP"), or None.
    """

    label: str
    name: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    score: SourcingScore | None = None
    readability: Readability | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Exercise:
    """A sourcing exercise on one article, or a comparison of two on the same story.

    Attributes:
        level: the level key ("middle", "high").
        level_label: its name for the page ("Middle school").
        intro: the instructions printed at the top of the worksheet.
        texts: one Text, or two (A and B) for a comparison.
        questions: in the order they are printed.
        level_note: for the teacher: the article's reading grade against the level's.
    """

    level: str
    level_label: str
    intro: str
    texts: tuple[Text, ...]
    questions: tuple[Question, ...]
    level_note: str = ""

    @property
    def compare(self) -> bool:
        return len(self.texts) > 1
