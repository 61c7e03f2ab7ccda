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


@dataclass(frozen=True)
class Clutter:
    """A region of site clutter (menu, link list, rating prompt, photo caption) in the text."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


# Values of Attribution.kind.
KINDS = ("direct", "indirect", "mixed", "according_to", "floating")
# Values of Attribution.source_type.
SOURCE_TYPES = ("named", "pronoun", "institution", "document", "anonymous", "group", "unnamed", "unknown")


@dataclass(frozen=True)
class Attribution:
    """Who says (or thinks) what: a cue, its source and its content, as spans of the article.

    Attributes:
        id: "a1", "a2", ... in text order.
        kind: one of KINDS: a direct quote, reported speech, reported speech with a quoted part
            (mixed), an "according to" phrase, or a quote with no cue of its own (floating),
            which carries on the speaker before it.
        cue: the reporting word(s) ("said", "according to", ":"), or None for a floating quote.
        source: the speaker as written, the whole noun phrase with title and appositive, or
            None when the text names none ("it was reported that").
        content: what is attributed; direct quotes keep their quote marks.
        source_type: one of SOURCE_TYPES, from the resolved speaker.
        canonical_source: the speaker's fullest name in the article ("he" and "Mr. Kirby" ->
            "John Kirby"), or None.
        anonymous: the speaker is an unnamed source ("two officials familiar with ...").
        confidence: 0..1, how sure the extractor is this is an attribution.
        sentence: index of the sentence holding the cue (or the content when there is no cue).
        cue_lemma: the cue's lemma ("say", "according to").
        speaker_count: how many speakers the source says there are ("two sources" -> 2).
        anonymity_reason: the article's stated reason for anonymity, if given.
        hedged: the cue hedges ("reportedly", "is believed to").
        continues: for a floating quote, the id of the attribution whose speaker it carries on.
        cue_evidence: why the cue was taken, when the trained cue classifier took it: {"model",
            "frame", "score", "reasons"} (see attribution.extract.cue_model.Decision); else None.
    """

    id: str
    kind: str
    cue: Span | None
    source: Span | None
    content: tuple[Span, ...]
    source_type: str = "unknown"
    canonical_source: str | None = None
    anonymous: bool = False
    confidence: float = 1.0
    sentence: int = -1
    cue_lemma: str = ""
    speaker_count: int | None = None
    anonymity_reason: Span | None = None
    hedged: bool = False
    continues: str | None = None
    cue_evidence: dict[str, Any] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "kind": self.kind,
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "content": [c.to_dict() for c in self.content],
            "source_type": self.source_type, "canonical_source": self.canonical_source,
            "anonymous": self.anonymous, "confidence": round(self.confidence, 3),
            "sentence": self.sentence, "cue_lemma": self.cue_lemma,
            "speaker_count": self.speaker_count,
            "anonymity_reason": self.anonymity_reason.to_dict() if self.anonymity_reason else None,
            "hedged": self.hedged, "continues": self.continues,
        }
        if self.cue_evidence is not None:
            out["cue_evidence"] = self.cue_evidence
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        def span(value: Any) -> Span | None:
            return Span.from_dict(value) if value else None

        return cls(data["id"], data["kind"], span(data.get("cue")), span(data.get("source")),
                   tuple(Span.from_dict(c) for c in data.get("content", ())),
                   data.get("source_type", "unknown"), data.get("canonical_source"),
                   bool(data.get("anonymous", False)), float(data.get("confidence", 1.0)),
                   int(data.get("sentence", -1)), data.get("cue_lemma", ""), data.get("speaker_count"),
                   span(data.get("anonymity_reason")), bool(data.get("hedged", False)),
                   data.get("continues"), data.get("cue_evidence"))
