"""The result types every stage hands to the next: plain frozen dataclasses, no parser objects.

Offsets are Python ``str`` indices into the article text exactly as read (UTF-8, newlines
kept), so every span can be cut back out of the original file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Version of the JSON written by `attribution analyze --format json`.
# attribution/1: first version (parse + attributions).
SCHEMA_VERSION = "attribution/1"


@dataclass(frozen=True)
class Span:
    """A stretch of the original text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Word:
    """One syntactic word of a sentence (UD), with its character span in the article.

    ``id`` and ``head`` are 1-based within the sentence; ``head`` 0 is the root.  The parts of a
    multiword token ("do" + "n't") each get the slice of the token they spell out.
    """

    id: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "lemma": self.lemma, "upos": self.upos,
                "xpos": self.xpos, "feats": self.feats, "head": self.head, "deprel": self.deprel,
                "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Word:
        return cls(int(data["id"]), data["text"], data["lemma"], data["upos"], data["xpos"],
                   data["feats"], int(data["head"]), data["deprel"], int(data["start"]), int(data["end"]))


@dataclass(frozen=True)
class Sentence:
    """A parsed sentence: its words and its character span in the article."""

    index: int
    paragraph: int
    start: int
    end: int
    words: tuple[Word, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "paragraph": self.paragraph, "start": self.start,
                "end": self.end, "words": [w.to_dict() for w in self.words]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sentence:
        return cls(int(data["index"]), int(data["paragraph"]), int(data["start"]), int(data["end"]),
                   tuple(Word.from_dict(w) for w in data["words"]))


@dataclass(frozen=True)
class ParsedDocument:
    """The dependency parse of one article's text."""

    text: str
    sentences: tuple[Sentence, ...]
    model: str = ""

    @property
    def num_words(self) -> int:
        return sum(len(s.words) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "sentences": [s.to_dict() for s in self.sentences]}

    @classmethod
    def from_dict(cls, text: str, data: dict[str, Any]) -> ParsedDocument:
        return cls(text, tuple(Sentence.from_dict(s) for s in data["sentences"]), data.get("model", ""))


@dataclass(frozen=True)
class Article:
    """One input article: where it came from and its text as decoded."""

    name: str
    text: str
    path: str | None = None
    metadata: tuple[tuple[str, str], ...] = field(default_factory=tuple)
