"""Navigation over one sentence's UD tree: children, subtrees and their character spans.

Every walk over heads carries a visited set and every head is checked against the sentence,
so a damaged parse (a head cycle, a head outside the sentence: the parse cache refuses these,
but a hand-built or foreign ParsedDocument may hold one) cannot hang a walk or index
another word.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from ..results import Sentence, Word

# Punctuation and conjunctions trimmed from the edges of a span.
_EDGE_UPOS = {"PUNCT", "CCONJ"}


class Tree:
    """A sentence with child lists, so subtrees and paths are cheap."""

    def __init__(self, sentence: Sentence, article_text: str = "") -> None:
        self.sentence = sentence
        self.article_text = article_text
        self.words = sentence.words
        self._children: dict[int, list[Word]] = {w.id: [] for w in self.words}
        self._children[0] = []
        for w in self.words:
            self._children.setdefault(w.head, []).append(w)

    def word(self, wid: int) -> Word:
        return self.words[wid - 1]

    def head(self, w: Word) -> Word | None:
        """``w``'s head word; None for the root, and for a head that is not another word of
        the sentence (itself, or a number outside it)."""
        if not 0 < w.head <= len(self.words) or w.head == w.id:
            return None
        return self.word(w.head)

    def children(self, w: Word, *deprels: str) -> list[Word]:
        kids = self._children.get(w.id, [])
        if not deprels:
            return list(kids)
        return [k for k in kids if k.deprel in deprels or k.deprel.split(":")[0] in deprels]

    def child(self, w: Word, *deprels: str) -> Word | None:
        kids = self.children(w, *deprels)
        return kids[0] if kids else None

    def subtree(self, w: Word, exclude: Iterable[Word] = ()) -> list[Word]:
        """``w`` and its descendants in sentence order, minus the subtrees of ``exclude``."""
        banned = {x.id for x in exclude}
        seen: set[int] = set()
        out: list[Word] = []
        stack = [w]
        while stack:
            cur = stack.pop()
            if cur.id in banned or cur.id in seen:  # seen: a head cycle is walked once
                continue
            seen.add(cur.id)
            out.append(cur)
            stack.extend(self._children.get(cur.id, []))
        return sorted(out, key=lambda x: x.id)

    def ancestors(self, w: Word) -> list[Word]:
        out: list[Word] = []
        cur = self.head(w)
        seen = {w.id}  # a cycle back to ``w`` ends the walk: a word is not its own ancestor
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            out.append(cur)
            cur = self.head(cur)
        return out

    def dominates(self, a: Word, b: Word) -> bool:
        return a.id == b.id or any(x.id == a.id for x in self.ancestors(b))

    @cached_property
    def root(self) -> Word:
        for w in self.words:
            if w.head == 0:
                return w
        return self.words[0]


def trim(words: list[Word]) -> list[Word]:
    """Drop punctuation and coordinating conjunctions from both ends (quote marks stay out too)."""
    lo, hi = 0, len(words)
    while lo < hi and words[lo].upos in _EDGE_UPOS:
        lo += 1
    while hi > lo and words[hi - 1].upos in _EDGE_UPOS:
        hi -= 1
    return words[lo:hi]


def contiguous_runs(words: list[Word]) -> list[list[Word]]:
    """Split sentence-ordered words into runs of consecutive ids."""
    runs: list[list[Word]] = []
    for w in words:
        if runs and w.id == runs[-1][-1].id + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def char_span(words: list[Word]) -> tuple[int, int]:
    return words[0].start, words[-1].end
