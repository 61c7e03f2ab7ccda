"""The working record the extraction passes hand each other before it becomes an Attribution."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Piece = tuple[int, int]


@dataclass(frozen=True)
class Candidate:
    """One attribution found by a pass, in character offsets.

    Attributes:
        kind: "direct", "indirect", "mixed", "according_to", "floating" (see results.KINDS).
        cue: (start, end) of the cue, or None.
        source: (start, end) of the speaker phrase, or None.
        content: the content pieces, in text order.
        sentence: index of the cue's sentence.
        cue_lemma: lemma of the cue head ("say", "according to", ":").
        score: how likely this is an attribution (0..1).
        source_head: (sentence, word id) of the source's head word, for coreference.
        hedged: the cue is hedged ("reportedly", "is believed to").
        continues: index of the candidate a floating quote carries on.
        frame: the cue's syntactic frame (see cues.frame), when it came from the tree.
        decision: why the cue was taken (a cue_model.Decision), when the classifier took it.
    """

    kind: str
    cue: Piece | None
    source: Piece | None
    content: tuple[Piece, ...]
    sentence: int
    cue_lemma: str = ""
    score: float = 1.0
    source_head: tuple[int, int] | None = None
    hedged: bool = False
    continues: int | None = None
    frame: str = ""
    decision: Any = None

    @property
    def start(self) -> int:
        points = [p[0] for p in self.content]
        if self.cue:
            points.append(self.cue[0])
        return min(points) if points else 0
