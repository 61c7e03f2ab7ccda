"""Quotation marks paired over the raw text: the spans of direct quotes, with their marks.

Works on characters, not on the parse, so a tokenizer or sentence splitter can never move a
quote's boundaries.  Handles curly (“ ”), straight (") and doubled-apostrophe ('' ``) double
marks, also mixed within one article; a quote that runs over several paragraphs (each paragraph
opening with a mark, only the last closing) becomes one :class:`Quote` with a piece per
paragraph.  Single quotes (‘ ’ ') are not paired: they double as apostrophes.

Does not decide whether a quote is attributed to anyone; see :mod:`.direct`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..parse import paragraph_spans

# ``''`` (two apostrophes) and ````` `` ````` are how some wires write double marks.
_MARK = re.compile(r"''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]")
_OPENERS = {"\u201c", "\u201e", "\u201f", "\u00ab", "``"}
_CLOSERS = {"\u201d", "\u00bb"}
_WORD = re.compile(r"\w+")
# A quote that ends in sentence punctuation reads as a statement, not as a scare quote.
_SENTENCE_END = re.compile(r"[.!?…,:;\u2014-]\s*$")


@dataclass(frozen=True)
class Quote:
    """One quotation: its pieces (one per paragraph), marks included.

    Attributes:
        pieces: (start, end) per paragraph; ``start`` is at the opening mark, ``end`` just after
            the closing mark (or at the paragraph end for a paragraph that leaves it open).
        closed: the last piece ends with a closing mark.
    """

    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def inner(self, text: str) -> str:
        """The quoted words without the marks (pieces joined by a space)."""
        return " ".join(_MARK.sub("", text[s:e]).strip() for s, e in self.pieces)

    def num_words(self, text: str) -> int:
        return len(_WORD.findall(self.inner(text)))

    def is_scare_quote(self, text: str) -> bool:
        """A short quoted phrase ("a ``new low''") rather than a quoted statement.

        One to three words without sentence punctuation inside the marks.
        """
        inner = self.inner(text)
        return self.num_words(text) <= 3 and not _SENTENCE_END.search(inner)

    def contains(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.pieces)


def _role(text: str, match: re.Match[str]) -> str:
    """'open', 'close' or '?' for one mark, from its shape and its neighbours."""
    mark = match.group()
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[match.start() - 1] if match.start() > 0 else " "
    after = text[match.end()] if match.end() < len(text) else " "
    left_open = before.isspace() or before in "([{\u2014-/:"
    right_open = after.isspace() or after in ".,;:!?)]}\u2014-"
    if left_open and not right_open:
        return "open"
    if right_open and not left_open:
        return "close"
    # ``''`` between two spaces or two words is an apostrophe pair more often than an opener.
    return "close" if mark == "''" else "?"


def find(text: str, regions: tuple[tuple[int, int], ...] | None = None) -> tuple[Quote, ...]:
    """Pair the double quotation marks of ``text`` into quotes.

    Args:
        text: the article text.
        regions: the paragraphs to look in (default: every non-blank line); marks outside
            them are ignored, so clutter lines cannot open a quote.

    Returns:
        The quotes in text order.  Unbalanced marks are skipped: a mark that closes nothing is
        dropped, and a quote still open at the end of a paragraph continues only when the next
        paragraph opens with a mark (the newswire convention); otherwise it is dropped too.
    """
    paragraphs = list(regions) if regions is not None else paragraph_spans(text)
    quotes: list[Quote] = []
    carried: list[tuple[int, int]] = []  # pieces of a quote left open by earlier paragraphs
    for number, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        marks = list(_MARK.finditer(text, p_start, p_end))
        if carried:
            if marks and marks[0].start() == p_start and _role(text, marks[0]) != "close":
                open_at = p_start
                marks = marks[1:]
            else:
                carried = []
        for match in marks:
            role = _role(text, match)
            if open_at is None:
                if role in ("open", "?"):
                    open_at = match.start()
                continue
            if role == "open" and match.start() > open_at:
                # Two openers in a row: the first was never closed (double marks are not
                # nested in news copy); start again from the second.
                carried = []
                open_at = match.start()
                continue
            quotes.append(Quote(tuple(carried) + ((open_at, match.end()),)))
            carried = []
            open_at = None
        if open_at is not None:
            nxt = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if nxt is not None and _MARK.match(text, nxt[0]):
                carried.append((open_at, p_end))
            else:
                carried = []
        else:
            carried = []
    return tuple(quotes)



class QuoteIndex:
    """The quotes' pieces sorted by start, so "is this word quoted?" is a binary search, not a
    scan of every quote (which made extraction quadratic in the length of an article)."""

    def __init__(self, quotes: tuple[Quote, ...]) -> None:
        self.quotes = quotes
        self._pieces = sorted(p for q in quotes for p in q.pieces)
        self._starts = [s for s, _ in self._pieces]
        self._ends = sorted(e for _, e in self._pieces)

    def contains(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies inside one quote piece (marks included)."""
        i = bisect.bisect_right(self._starts, start) - 1
        # Pieces do not overlap, so only the last piece starting at or before ``start`` can hold it.
        return i >= 0 and self._pieces[i][1] >= end

    def gap_after(self, offset: int, limit: int) -> int:
        """Characters from ``offset`` to the next quote's opening mark, or 999 when none
        opens before ``limit``."""
        i = bisect.bisect_left(self._starts, offset)
        if i < len(self._starts) and self._starts[i] < limit:
            return self._starts[i] - offset
        return 999

    def gap_before(self, offset: int, limit: int) -> int:
        """Characters from the last quote's closing mark before ``offset`` to it, or 999 when
        none closes after ``limit``."""
        i = bisect.bisect_right(self._ends, offset) - 1
        if i >= 0 and self._ends[i] > limit:
            return offset - self._ends[i]
        return 999
