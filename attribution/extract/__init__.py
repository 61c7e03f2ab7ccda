"""Attribution extraction: who says (or thinks) what, as spans of the original article text.

    from attribution import clutter, extract
    found = clutter.find(text)
    attributions = extract.attributions(parser.parse(text, clutter.keep(text, found)), found)

The passes, each in its own module: :mod:`.quotes` pairs quotation marks over the raw text;
:mod:`.speech` finds reporting verbs (and nouns) with their complement and subject on the UD
tree; :mod:`.according` handles "according to X" and "Name: ..." ; :mod:`.direct` ties quotes
to cues (or to the previous speaker); :mod:`.coref` and :mod:`.speakers` name and classify the
speaker; :mod:`.anonymous` finds the stated reason for anonymity.

Does not: resolve nested speech inside quotes, attribute content split across sentences other
than by quotes, or link speakers across articles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from ..clutter import keep
from ..results import Attribution, Clutter, ParsedDocument, Span, Word
from . import according, anonymous, coref, direct, quotes, speech
from .candidate import Candidate, Piece
from .direct import merge_pieces
from .tree import Tree

__all__ = ["attributions", "prepare"]


def attributions(document: ParsedDocument, clutter: Iterable[Clutter] = ()) -> tuple[Attribution, ...]:
    """Every attribution in a parsed article, in text order.

    Args:
        document: the parse (from :mod:`attribution.parse`, or read back from CoNLL-U).
        clutter: regions from :func:`attribution.clutter.find`; sentences and quotes inside
            them are ignored.

    Returns:
        Attributions with ids "a1", "a2", ... ; every span indexes ``document.text``.
    """
    text = document.text
    trees, found_quotes = prepare(document, clutter)
    quote_index = quotes.QuoteIndex(found_quotes)

    cands: list[Candidate] = []
    cands.extend(speech.find_all(trees, quote_index))
    for tree in trees:
        cands.extend(according.find(tree, quote_index))
    cands = _one_per_cue(cands)
    # "... because they were not authorized to discuss the matter" explains anonymity; its
    # verbs are not attributions.
    reasons = _Spans([r for t in trees if (r := anonymous.reason(text, t.sentence.start, t.sentence.end))])
    cands = [c for c in cands if c.cue is None or not reasons.holds(c.cue[0])]
    cands = [_to_paragraph_end(c, trees) if c.cue_lemma == ":" else c for c in cands]
    cands = direct.attach(cands, found_quotes, trees, text)
    cands = _drop_weak_nested(cands)
    cands = _drop_stub_makers(cands, text)
    cands = _unnest(cands, text)
    cands = _one_per_content(cands, text)
    return _finish(cands, trees, text)


def prepare(document: ParsedDocument, clutter: Iterable[Clutter] = ()) -> tuple[list[Tree], tuple[quotes.Quote, ...]]:
    """The sentence trees outside clutter and the article's quotes (what every pass reads)."""
    text = document.text
    found_clutter = tuple(clutter)
    banned: list[tuple[int, int]] = []
    for s, e in sorted((c.start, c.end) for c in found_clutter):
        if banned and s <= banned[-1][1]:
            banned[-1] = (banned[-1][0], max(banned[-1][1], e))
        else:
            banned.append((s, e))
    starts = [s for s, _ in banned]

    def in_clutter(start: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and start < banned[i][1]

    trees = [Tree(s, text) for s in document.sentences if not in_clutter(s.start)]
    return trees, quotes.find(text, keep(text, found_clutter))


class _Spans:
    """The union of some (start, end) spans, so "is this offset inside one?" is a binary search
    (testing every span for every cue grew with the square of the article's length)."""

    def __init__(self, spans: Iterable[Piece]) -> None:
        merged = merge_pieces([(s, e) for s, e in spans if s < e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def holds(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


class _KeptCues:
    """Cues kept so far, which never overlap one another, sorted so that "does this cue overlap
    a kept one?" (``direct._overlaps``) is a binary search rather than a scan of all of them."""

    def __init__(self) -> None:
        self._spans: list[Piece] = []  # non-empty cues: disjoint, so sorted by start and by end
        self._points: list[int] = []   # empty cues (start == end)

    def overlaps(self, cue: Piece) -> bool:
        s, e = cue
        i = bisect.bisect_left(self._spans, (e,)) - 1  # the last kept cue starting before e
        if i >= 0 and self._spans[i][0] < e and s < self._spans[i][1]:
            return True
        j = bisect.bisect_right(self._points, s)  # an empty kept cue strictly inside (s, e)
        return j < len(self._points) and self._points[j] < e

    def add(self, cue: Piece) -> None:
        if cue[0] < cue[1]:
            bisect.insort(self._spans, cue)
        else:
            bisect.insort(self._points, cue[0])


def _one_per_cue(cands: list[Candidate]) -> list[Candidate]:
    """Where two passes found the same cue, keep the surer one."""
    kept: list[Candidate] = []
    cues = _KeptCues()
    for c in sorted(cands, key=lambda c: -c.score):
        if c.cue is not None:
            if cues.overlaps(c.cue):
                continue
            cues.add(c.cue)
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _to_paragraph_end(c: Candidate, trees: list[Tree]) -> Candidate:
    """A speaker label ("SMITH: ...") speaks until the paragraph ends, not just one sentence."""
    here = next((t for t in trees if t.sentence.index == c.sentence), None)
    if here is None:
        return c
    more = [(t.sentence.start, t.sentence.end) for t in trees
            if t.sentence.paragraph == here.sentence.paragraph and t.sentence.index > c.sentence]
    return replace(c, content=merge_pieces(list(c.content) + more)) if more else c


def _subtract(pieces: tuple[Piece, ...], cut: Piece) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for s, e in pieces:
        if cut[1] <= s or e <= cut[0]:
            out.append((s, e))
            continue
        if s < cut[0]:
            out.append((s, cut[0]))
        if cut[1] < e:
            out.append((cut[1], e))
    return tuple(out)


_LEADING_CONJUNCTION = re.compile(r"(?:and|but|or|nor|while)\b", re.IGNORECASE)
_TRAILING_CONJUNCTION = re.compile(r"\b(?:and|but|or|nor|while)$", re.IGNORECASE)


def _tidy(pieces: tuple[Piece, ...], text: str) -> tuple[Piece, ...]:
    """Trim spaces, stray punctuation and a dangling conjunction from piece edges ("the
    transfer but"); drop pieces without a content word (the "has also" a cut leaves)."""
    out: list[Piece] = []
    for s, e in pieces:
        while True:
            before = (s, e)
            while s < e and (text[s].isspace() or text[s] in ",;:\u2014-"):
                s += 1
            while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:\u2014-"):
                e -= 1
            if (m := _LEADING_CONJUNCTION.match(text, s, e)) is not None:
                s = m.end()
            if (m := _TRAILING_CONJUNCTION.search(text[s:e])) is not None:
                e = s + m.start()
            if (s, e) == before:
                break
        quoted = any(mark in text[s:e] for mark in ('"', "\u201c", "\u201d"))
        if any(ch.isalnum() for ch in text[s:e]) and (len(pieces) == 1 or quoted or
                                                      _content_words(((s, e),), text) > 0):
            out.append((s, e))
    return tuple(out)


# A cue inside another attribution's content stays a cue of its own only when it is sure
# (a reporting verb with a clause, "said [officials believe [...]]") ...
_NESTED_SURE = 0.6
# ... or takes a clause and is no weaker than this.
_NESTED_CLAUSAL = 0.4
_CLAUSAL_FRAMES = ("ccomp", "parataxis", "parataxis_of")


class _Cues:
    """The candidates' cue starts, sorted, so "which cues lie inside this content?" is a binary
    search: the nesting passes stay linear in the number of attributions, not quadratic."""

    def __init__(self, cands: list[Candidate]) -> None:
        pairs = sorted((c.cue[0], i) for i, c in enumerate(cands) if c.cue is not None)
        self._starts = [s for s, _ in pairs]
        self._index = [i for _, i in pairs]

    def within(self, content: tuple[Piece, ...]) -> list[int]:
        """Indices (in candidate order) of the cues starting inside the content's extent."""
        if not content:
            return []
        lo, hi = min(s for s, _ in content), max(e for _, e in content)
        return sorted(self._index[bisect.bisect_left(self._starts, lo):bisect.bisect_left(self._starts, hi)])


def _drop_weak_nested(cands: list[Candidate]) -> list[Candidate]:
    """Drop a weak cue that sits inside a surer attribution's content: in "Coit said [the
    candidate sees the convention as ...]" the content is what Coit said, and "sees" with
    its bare object is part of it, not a second attribution that would leave "said" a stub."""
    index = _Cues(cands)
    weak = set()
    for i, a in enumerate(cands):
        if a.cue is None or a.kind == "according_to":
            continue
        for j in index.within(a.content):
            b = cands[j]
            if j != i and b.cue is not None and b.kind in ("indirect", "mixed") and b.score < _NESTED_SURE and \
                    (b.frame not in _CLAUSAL_FRAMES or b.score < _NESTED_CLAUSAL) and a.score > b.score and \
                    any(s <= b.cue[0] < e for s, e in a.content):
                weak.add(j)
    return [b for j, b in enumerate(cands) if j not in weak]


_WORD = re.compile(r"\w+")
# Words that carry no content of their own at the edge of a cut-down content.
_FUNCTION_WORDS = {"that", "to", "be", "able", "and", "but", "or", "which", "who", "it", "he", "she", "they",
                   "we", "i", "the", "a", "an", "has", "have", "had", "is", "was", "were", "are", "will", "would",
                   "could", "can", "may", "might", "should", "not", "also", "as", "if", "whether"}
# A content left with fewer words than this (function words aside) once a nested attribution is
# cut out of it is a stub: "informed allies [that it] believes ...", "wanted [to be able to] deny".
STUB_WORDS = 2


def _content_words(pieces: tuple[Piece, ...], text: str) -> int:
    return sum(1 for s, e in pieces for w in _WORD.findall(text[s:e]) if w.lower() not in _FUNCTION_WORDS)


def _cut_nested(a: Candidate, b: Candidate) -> tuple[Piece, ...]:
    pieces = a.content
    for cut in [b.cue] + ([b.source] if b.source else []) + list(b.content):
        if cut is not None:
            pieces = _subtract(pieces, cut)
    return pieces


def _drop_stub_makers(cands: list[Candidate], text: str) -> list[Candidate]:
    """Where cutting a nested attribution out of another would leave the outer content a stub,
    keep one of the two, the surer: "It added that Iran urges ..." is what "added" reports, not
    a second attribution that leaves "added" with "that"; and in "wanted to be able to deny
    involvement", "wanted" has nothing of its own to report."""
    dropped: set[int] = set()
    index = _Cues(cands)
    for i, a in enumerate(cands):
        if a.kind in ("direct", "according_to") or not a.content or i in dropped:
            continue
        for j in index.within(a.content):
            b = cands[j]
            if j == i or j in dropped or b.cue is None:
                continue
            # An inverted cue closing the sentence keeps what precedes it whole ("X voiced concern
            # Tuesday that ..., an official said" is not the official saying "concern Tuesday").
            if _inverted_over(a, b) or _content_words(_tidy(_cut_nested(a, b), text), text) >= STUB_WORDS:
                continue
            dropped.add(j if b.score <= a.score else i)
            if i in dropped:
                break
    return [c for k, c in enumerate(cands) if k not in dropped]


def _inverted_over(a: Candidate, b: Candidate) -> bool:
    """``a`` is a cue closing its sentence after ``b``'s whole attribution ("The board voiced
    concern Tuesday that ..., an official said"): both stand, and ``a`` keeps what precedes it
    whole rather than "concern Tuesday"."""
    return a.frame == "parataxis_of" and a.cue is not None and b.cue is not None and b.cue[0] < a.cue[0] and \
        bool(b.content) and b.content[-1][1] <= a.cue[0] and b.sentence == a.sentence and \
        (b.source is None or b.source[0] >= min(s for s, _ in a.content))


def _one_per_content(cands: list[Candidate], text: str) -> list[Candidate]:
    """One sentence's content counted once: where two cues of a sentence ended up with the same
    content words ("denied claims that X" read as both "denied" and "claims"), keep the surer."""
    kept: list[Candidate] = []
    seen: dict[tuple[int, tuple[str, ...]], int] = {}
    for c in sorted(cands, key=lambda c: -c.score):
        words = tuple(w.lower() for s, e in c.content for w in _WORD.findall(text[s:e]))
        key = (c.sentence, words)
        if c.cue is not None and words and key in seen:
            continue
        seen[key] = len(kept)
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _unnest(cands: list[Candidate], text: str) -> list[Candidate]:
    """Each word belongs to one attribution: cut nested cues, sources and contents out of the
    content that holds them ("Kirby said [U.S. intelligence indicates [the group ...]]")."""
    out: list[Candidate] = []
    index = _Cues(cands)
    for a in cands:
        pieces = a.content
        if a.kind == "according_to":
            # "According to X, the minister said Y": the whole claim is sourced to X.
            out.append(a)
            continue
        for b in (cands[j] for j in index.within(pieces)):
            if b is a or b.cue is None or not pieces:
                continue
            lo, hi = min(s for s, _ in pieces), max(e for _, e in pieces)
            if not (lo <= b.cue[0] < hi):
                continue
            if a.kind in ("direct",) and b.kind != "direct" or _inverted_over(a, b):
                continue
            for cut in [b.cue] + ([b.source] if b.source else []) + list(b.content):
                pieces = _subtract(pieces, cut)
        pieces = _tidy(pieces, text)
        if pieces:
            out.append(replace(a, content=merge_pieces(list(pieces))))
    return out


def _source_words(trees: dict[int, Tree], c: Candidate) -> tuple[Tree | None, list[Word]]:
    if c.source is None or c.source_head is None:
        return None, []
    tree = trees.get(c.source_head[0])
    if tree is None:
        return None, []
    s, e = c.source
    return tree, [w for w in tree.words if s <= w.start and w.end <= e]


def _finish(cands: list[Candidate], tree_list: list[Tree], text: str) -> tuple[Attribution, ...]:
    order = sorted(range(len(cands)), key=lambda i: cands[i].start)
    position = {old: new for new, old in enumerate(order)}
    cands = [cands[i] for i in order]
    cands = [replace(c, continues=position.get(c.continues) if c.continues is not None else None)
             for c in cands]
    trees = {t.sentence.index: t for t in tree_list}
    items = []
    for c in cands:
        tree, words = _source_words(trees, c)
        items.append((tree, words, c.source[0] if c.source else c.start))
    resolved = coref.resolve([(t, w, o) for t, w, o in items if t is not None], text, tree_list)
    by_index: dict[int, coref.Resolved | None] = {}
    it = iter(resolved)
    for i, (t, _, _) in enumerate(items):
        by_index[i] = next(it) if t is not None else None

    out: list[Attribution] = []
    for i, c in enumerate(cands):
        if c.source is not None and not any(ch.isalnum() for ch in text[c.source[0]:c.source[1]]):
            # A stray quote mark ('' closing a nested quote) is nobody; say "no speaker" instead.
            c = replace(c, source=None, source_head=None)
            by_index[i] = None
        res = by_index.get(i)
        if c.kind == "floating" and c.continues is not None and c.continues < len(out):
            prev = out[c.continues]
            canonical, source_type, anon, count = (prev.canonical_source, prev.source_type,
                                                  prev.anonymous, prev.speaker_count)
        elif res is not None:
            canonical, source_type = res.canonical, res.source_type
            anon, count = res.speaker.anonymous, res.speaker.count
        else:
            canonical, source_type, anon, count = None, "unknown", False, None
        reason = _reason(c, tree_list, text) if anon else None
        out.append(Attribution(
            id=f"a{i + 1}", kind=c.kind,
            cue=Span.of(text, *c.cue) if c.cue else None,
            source=Span.of(text, *c.source) if c.source else None,
            content=tuple(Span.of(text, s, e) for s, e in c.content),
            source_type=source_type, canonical_source=canonical, anonymous=anon,
            confidence=c.score, sentence=c.sentence, cue_lemma=c.cue_lemma, speaker_count=count,
            anonymity_reason=Span.of(text, *reason) if reason else None, hedged=c.hedged,
            continues=f"a{c.continues + 1}" if c.continues is not None else None,
            cue_evidence=c.decision.to_dict() if c.decision is not None else None))
    return tuple(out)


def _reason(c: Candidate, trees: list[Tree], text: str) -> tuple[int, int] | None:
    """The stated reason for anonymity in the cue's sentence or the two after it."""
    following = [t for t in trees if 0 <= t.sentence.index - c.sentence <= 2]
    for t in following:
        found = anonymous.reason(text, t.sentence.start, t.sentence.end)
        if found:
            return found
    return None
