"""Direct quotes: tie each quote to the cue that introduces it, or to the speaker before it.

A quote joins the attribution whose content it overlaps ("Kirby said the U.S. was prepared to
use “counterterrorism sanctions ...”" becomes mixed), or whose cue sits in the same sentence
("“...,” Kirby said." / "“We are,” he said, “concerned.”"), or the direct attribution it
follows with nothing but space between (the next sentence or paragraph of the same quote).
Failing those, a reporting verb outside the marks in the quote's sentence becomes its cue; a
quote that still has none is "floating" and carries on the previous speaker.

Scare quotes (one to three words, no sentence punctuation) never make an attribution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..lexicons import load_lexicon
from ..results import Word
from . import cues
from .candidate import Candidate, Piece
from .quotes import Quote, QuoteIndex
from .speech import source_of, source_phrase
from .tree import Tree

# Rate (any frame) at which a verb next to a quote is taken as its cue.
_QUOTE_CUE_RATE = 0.25
# A floating quote carries on a speaker at most this many paragraphs back.
_FLOAT_PARAGRAPHS = 3
_LETTER = re.compile(r"[^\W\d_]")


def _overlaps(a: Piece, b: Piece) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def merge_pieces(pieces: list[Piece]) -> tuple[Piece, ...]:
    out: list[list[int]] = []
    for s, e in sorted(pieces):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def _with_quote(c: Candidate, q: Quote, text: str) -> Candidate:
    content = list(c.content)
    if c.frame in ("obj", "obl", "xcomp") and c.cue is not None and q.end <= c.cue[0] and \
            not _has_quote(c, text) and not any(_overlaps(p, qp) for p in content for qp in q.pieces):
        # "\u201c...,\u201d Kirby told reporters": the object was the addressee, the quote is
        # what was said.
        content = []
    pieces = merge_pieces(content + list(q.pieces))
    return replace(c, content=pieces)


class _QuotePieces:
    """Every quote's pieces, so "which pieces overlap this span?" is a binary search: testing
    each piece for each content piece grew with the square of the article's length."""

    def __init__(self, quotes: tuple[Quote, ...]) -> None:
        self._in_order = [(qs, qe) for q in quotes for qs, qe in q.pieces]
        order = sorted(range(len(self._in_order)), key=lambda i: self._in_order[i])
        self._order = order
        self._starts = [self._in_order[i][0] for i in order]
        self._ends = [self._in_order[i][1] for i in order]
        # Quote pieces do not overlap, so sorted by start they are sorted by end too; were it
        # ever not so, every piece is tested as before.
        self._sorted = all(a <= b for a, b in zip(self._ends, self._ends[1:]))

    def overlapping(self, s: int, e: int) -> list[Piece]:
        """The pieces with ``qs < e and s < qe``, in the quotes' order."""
        if not self._sorted:
            return [(qs, qe) for qs, qe in self._in_order if qs < e and s < qe]
        lo, hi = bisect.bisect_right(self._ends, s), bisect.bisect_left(self._starts, e)
        return [self._in_order[i] for i in sorted(self._order[lo:hi])]


def _kind(c: Candidate, pieces: _QuotePieces, text: str) -> str:
    if c.kind in ("according_to", "floating"):
        return c.kind
    outside = False
    inside = False
    for s, e in c.content:
        covered = [(max(s, qs), min(e, qe)) for qs, qe in pieces.overlapping(s, e)]
        if covered:
            inside = True
        rest = text[s:e]
        for cs, ce in covered:
            rest = rest.replace(text[cs:ce], " ")
        if _LETTER.search(rest):
            outside = True
    if inside and not outside:
        return "direct"
    if inside:
        return "mixed"
    return "indirect"


def attach(cands: list[Candidate], quotes: tuple[Quote, ...], tree_list: list[Tree], text: str) -> list[Candidate]:
    """Attach every non-scare quote to a candidate (new ones made as needed); set kinds.

    The candidates and sentences are indexed (:class:`_Candidates`, :class:`_Sentences`), so
    each quote looks only at those near it and the pass grows linearly with the article."""
    found = _Candidates(sorted(cands, key=lambda c: c.start))
    cands = found.items
    trees = _Sentences(tree_list)
    index = QuoteIndex(quotes)
    real = [q for q in quotes if not q.is_scare_quote(text)]
    last: int | None = None  # index of the candidate the previous quote went to
    for q in real:
        idx = found.by_content(q)
        if idx is None:
            idx = found.by_cue_nearby(q, trees, index)
        if idx is None and last is not None and _follows(cands[last], q, text, trees):
            idx = last
        if idx is None:
            new = _new_cue(q, trees, index)
            if new is not None:
                idx = found.append(new)
        previous = found.previous(q)
        if idx is None and previous is not None and _near(cands[previous], q, trees) and \
                not _mention(q, trees, text):
            source = _floating_source(q, trees, index)
            last = found.append(Candidate(kind="floating", cue=None, source=source, content=q.pieces,
                                          sentence=_sentence_at(trees, q.start), score=0.6, continues=previous))
            continue
        if idx is None:
            continue
        found.set(idx, _with_quote(cands[idx], q, text))
        if cands[idx].source is None and cands[idx].cue is not None:
            found.set(idx, _with_surface_source(cands[idx], q, trees))
        last = idx
    pieces = _QuotePieces(quotes)
    return [replace(c, kind=_kind(c, pieces, text)) for c in cands]


class _Sentences:
    """The sentence trees in text order with their starts and ends, so "which sentence holds
    this offset?" is a binary search, not a scan of every sentence for every quote.  The
    answers are those of the scans they replace (the first sentence that fits); sentences
    come in text order without overlapping, and were they ever not, every tree is scanned."""

    def __init__(self, trees: list[Tree]) -> None:
        self.trees = trees
        self._starts = [t.sentence.start for t in trees]
        self._ends = [t.sentence.end for t in trees]
        self._sorted = all(a <= b for a, b in zip(self._starts, self._starts[1:])) and \
            all(a <= b for a, b in zip(self._ends, self._ends[1:]))
        self._by_index: dict[int, Tree] = {}
        for t in trees:
            self._by_index.setdefault(t.sentence.index, t)

    def overlapping(self, start: int, end: int) -> list[Tree]:
        """The trees with ``t.start < end and start < t.end``, in order."""
        if not self._sorted:
            return [t for t in self.trees if t.sentence.start < end and start < t.sentence.end]
        return self.trees[bisect.bisect_right(self._ends, start):bisect.bisect_left(self._starts, end)]

    def starting_between(self, lo: int, hi: int) -> list[Tree]:
        """The trees with ``lo <= t.start <= hi``, in order."""
        if not self._sorted:
            return [t for t in self.trees if lo <= t.sentence.start <= hi]
        return self.trees[bisect.bisect_left(self._starts, lo):bisect.bisect_right(self._starts, hi)]

    def first_holding(self, offset: int, slack: int = 0) -> int:
        """The position of the first tree with ``t.start <= offset < t.end + slack``, or -1."""
        if not self._sorted:
            return next((i for i, t in enumerate(self.trees)
                         if t.sentence.start <= offset < t.sentence.end + slack), -1)
        i = bisect.bisect_right(self._ends, offset - slack)
        return i if i < len(self.trees) and self._starts[i] <= offset else -1

    def last_starting_by(self, offset: int) -> Tree | None:
        """The last tree with ``t.start <= offset``."""
        if not self._sorted:
            before = [t for t in self.trees if t.sentence.start <= offset]
            return before[-1] if before else None
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.trees[i] if i >= 0 else None

    def numbered(self, index: int) -> Tree | None:
        """The (first) tree of sentence ``index``."""
        return self._by_index.get(index)


# Width, in characters, of the stretches of text the candidates are filed under by content.
_BUCKET = 2048


class _Candidates:
    """The candidates in attach's order, with what each quote asks of them filed for a quick
    answer: those whose content reaches a stretch of text, those of each sentence, and those
    with a speaker by start.  Every answer is checked against the candidate as it is now, and
    is the one the scan over all candidates gave (the first, or the latest, that fits)."""

    def __init__(self, cands: list[Candidate]) -> None:
        self.items: list[Candidate] = []
        self._by_stretch: dict[int, list[int]] = {}
        self._by_sentence: dict[int, list[int]] = {}
        self._sentence_of: dict[int, int] = {}
        self._speakers: list[tuple[int, int]] = []  # (start, position), sorted
        self._speaker_entry: dict[int, tuple[int, int]] = {}
        for c in cands:
            self.append(c)

    @staticmethod
    def _stretches(piece: Piece) -> range:
        s, e = piece
        return range(s // _BUCKET, (max(e, s + 1) - 1) // _BUCKET + 1)

    def append(self, c: Candidate) -> int:
        self.items.append(c)
        i = len(self.items) - 1
        self._file(i, c)
        return i

    def set(self, i: int, c: Candidate) -> None:
        self.items[i] = c
        self._file(i, c)

    def _file(self, i: int, c: Candidate) -> None:
        # Old filings stay (a candidate's content may shrink): answers are checked anyway.
        for piece in c.content:
            for b in self._stretches(piece):
                filed = self._by_stretch.setdefault(b, [])
                if not filed or filed[-1] != i:
                    filed.append(i)
        if self._sentence_of.get(i) != c.sentence:
            self._sentence_of[i] = c.sentence
            self._by_sentence.setdefault(c.sentence, []).append(i)
        old = self._speaker_entry.pop(i, None)
        if old is not None:
            del self._speakers[bisect.bisect_left(self._speakers, old)]
        if c.source is not None or c.kind == "floating":
            entry = (c.start, i)
            bisect.insort(self._speakers, entry)
            self._speaker_entry[i] = entry

    def by_content(self, q: Quote) -> int | None:
        """The first candidate with a cue outside the quote whose content overlaps it."""
        near = sorted({i for qp in q.pieces for b in self._stretches(qp) for i in self._by_stretch.get(b, ())})
        for i in near:
            c = self.items[i]
            if c.cue is not None and any(_overlaps(p, qp) for p in c.content for qp in q.pieces):
                if not q.contains(*c.cue):
                    return i
        return None

    def by_cue_nearby(self, q: Quote, trees: _Sentences, quotes: QuoteIndex) -> int | None:
        """The candidate whose cue outside the quotes, in the quote's sentences, is nearest it."""
        sentences = {t.sentence.index for t in _sentences_around(trees, q)}
        best: tuple[int, int] | None = None
        for i in sorted({i for s in sentences for i in self._by_sentence.get(s, ())}):
            c = self.items[i]
            if c.cue is None or c.sentence not in sentences or c.kind == "according_to":
                continue
            if quotes.contains(*c.cue):
                continue
            distance = min(abs(c.cue[0] - q.end), abs(q.start - c.cue[1]))
            if best is None or distance < best[0]:
                best = (distance, i)
        return best[1] if best else None

    def previous(self, q: Quote) -> int | None:
        """The last attribution with a speaker before the quote."""
        i = bisect.bisect_left(self._speakers, (q.start,)) - 1
        return self._speakers[i][1] if i >= 0 else None


def _floating_source(q: Quote, trees: _Sentences, quotes: QuoteIndex) -> Piece | None:
    """The mention a quote without a cue is read against: the subject of its own sentence
    before the marks ("Sanders delivered a retort: \u201c...\u201d"), else the subject of the
    sentence before it ("She smiled. \u201c...\u201d")."""
    here = trees.first_holding(q.start, 1)
    if here < 0:
        return None
    for i in (here, here - 1):
        if i < 0:
            break
        tree = trees.trees[i]
        subj = tree.child(tree.root, "nsubj")
        if subj is None or subj.deprel.endswith(":pass") or subj.start >= q.start or not _speaker_like(subj):
            continue
        words = [w for w in source_phrase(tree, subj, tree.root)
                 if not quotes.contains(w.start, w.end)]
        if words and words[-1].end <= q.start:
            return (words[0].start, words[-1].end)
    return None


def _speaker_like(w: Word) -> bool:
    """A name, a personal pronoun, or a noun for people, roles or bodies ("the crowd" is
    not in the lists, "The meeting" must not be a speaker)."""
    lemma = w.lemma.lower()
    if w.upos == "PROPN":
        return True
    if w.upos == "PRON":
        return lemma in ("he", "she", "they", "we", "i")
    return any(lemma in load_lexicon(name) for name in ("people_nouns", "roles", "institution_words"))


# A quote of at most this many words inside a sentence's run of words names something.
_MENTION_WORDS = 8


def _mention(q: Quote, trees: _Sentences, text: str) -> bool:
    """A short quote in the middle of a sentence with words of the sentence on both sides is
    a title or a phrase being talked about ("the show \u201cSecret Lives of the Rich\u201d aired"),
    not speech carried on from an earlier speaker."""
    if len(re.findall(r"\w+", text[q.start:q.end])) > _MENTION_WORDS:
        return False
    here = trees.first_holding(q.start)
    tree = trees.trees[here] if here >= 0 else None
    if tree is None or q.end > tree.sentence.end:
        return False
    before = text[tree.sentence.start:q.start]
    after = text[q.end:tree.sentence.end]
    return bool(_LETTER.search(before)) and bool(_LETTER.search(after))


def _sentences_around(trees: _Sentences, q: Quote) -> list[Tree]:
    """Sentences overlapping the quote, plus a short one right after it ("“...” Kirby said.")."""
    out = trees.overlapping(q.start, q.end)
    after = trees.starting_between(q.end, q.end + 2)
    if after and len(after[0].words) <= 12:
        out.append(after[0])
    return out


def _follows(c: Candidate, q: Quote, text: str, trees: _Sentences) -> bool:
    """Only spaces and punctuation between the candidate's sentence (or its last content piece)
    and the quote: "\u201cA,\u201d Kirby told reporters. \u201cB.\u201d"."""
    if not c.content or c.kind == "according_to" or c.cue is None and c.kind != "floating":
        return False
    if c.kind == "indirect" and not _has_quote(c, text):
        return False
    end = max(e for _, e in c.content)
    if c.cue is not None:
        end = max(end, c.cue[1])
    if c.source is not None:
        end = max(end, c.source[1])
    cue_sentence = trees.numbered(c.sentence)
    if cue_sentence is not None and cue_sentence.sentence.end <= q.start:
        end = max(end, cue_sentence.sentence.end)
    gap = text[end:q.start]
    return end <= q.start and not _LETTER.search(gap) and gap.count("\n") <= 2


def _has_quote(c: Candidate, text: str) -> bool:
    return any(q in text[s:e] for s, e in c.content for q in ('"', "\u201c", "\u201d", "''", "``"))


def _near(c: Candidate, q: Quote, trees: _Sentences) -> bool:
    here = _paragraph_at(trees, q.start)
    there = _paragraph_at(trees, c.start)
    return here is not None and there is not None and 0 <= here - there <= _FLOAT_PARAGRAPHS


def _paragraph_at(trees: _Sentences, offset: int) -> int | None:
    here = trees.first_holding(offset, 1)
    if here >= 0:
        return trees.trees[here].sentence.paragraph
    before = trees.last_starting_by(offset)
    return before.sentence.paragraph if before else None


def _sentence_at(trees: _Sentences, offset: int) -> int:
    before = trees.last_starting_by(offset)
    return before.sentence.index if before else -1


def _new_cue(q: Quote, trees: _Sentences, quotes: QuoteIndex) -> Candidate | None:
    """A reporting verb outside the marks near the quote, as its cue."""
    best: tuple[int, Tree, Word, float] | None = None
    for tree in _sentences_around(trees, q):
        for w in tree.words:
            if w.upos not in ("VERB", "AUX") or quotes.contains(w.start, w.end):
                continue
            tier = cues.tiers().get(w.lemma.lower())
            score = max(cues.rate(w, f) for f in cues.WORD_FRAMES)
            if tier not in (1, 3) and score < _QUOTE_CUE_RATE:
                continue
            distance = min(abs(w.start - q.end), abs(q.start - w.end))
            if best is None or distance < best[0]:
                best = (distance, tree, w, max(score, 0.5))
    if best is None:
        return None
    _, tree, w, score = best
    head = source_of(tree, w)
    words = source_phrase(tree, head, w) if head is not None else []
    words = [x for x in words if not q.contains(x.start, x.end)]
    source = (words[0].start, words[-1].end) if words else None
    return Candidate(kind="direct", cue=(w.start, w.end), source=source, content=q.pieces,
                     sentence=tree.sentence.index, cue_lemma=w.lemma.lower(), score=score,
                     source_head=(tree.sentence.index, head.id) if head is not None and words else None)


_SOURCE_MAX = 10


# The longest description taken after a speaker's name.
_APPOSITIVE_MAX = 30


def _appositive(words: tuple[Word, ...] | list[Word], name: list[Word], q: Quote) -> list[Word]:
    """The description after an inverted speaker's name up to the sentence end: ", an Obama
    backer" or ", who runs a small theater company"; empty when the sentence goes on with
    a quote or a new clause (a finite verb before any relative pronoun)."""
    after = list(words[name[-1].id:])
    if len(after) < 2 or after[0].text != "," or \
            not (after[1].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or after[1].text.lower() in ("who", "whose")):
        return []
    rest = after[1:]
    while rest and rest[-1].upos == "PUNCT":
        rest = rest[:-1]
    relative = False
    for w in rest:
        if w.text.lower() in ("who", "whose", "which", "that"):
            relative = True
        if q.contains(w.start, w.end) or w.text in ('"', "\u201c", "\u201d", "``", "''") or \
                (not relative and w.upos in ("VERB", "AUX") and "VerbForm=Fin" in w.feats):
            return []
    return rest if 0 < len(rest) <= _APPOSITIVE_MAX else []


def _with_surface_source(c: Candidate, q: Quote, trees: _Sentences) -> Candidate:
    """Read the speaker off the surface when the tree gave none: the words between a quote
    and its cue ("\u201c...,\u201d Kirby said"), after an inverted cue ("said Sean Savett."),
    or before a cue that opens the quote ("Kirby said: \u201c...")."""
    assert c.cue is not None
    appositive: list[Word] = []
    here = trees.first_holding(c.cue[0], 1)
    if here < 0:
        return c
    tree = trees.trees[here]
    cue = next((w for w in tree.words if w.start == c.cue[0]), None)
    if cue is None:
        return c
    words = tree.words
    phrase: list[Word] = []
    if q.end <= cue.start:
        between = [w for w in words if q.end <= w.start and w.end <= cue.start and w.upos != "PUNCT"]
        if between:
            phrase = between
        else:
            for w in words[cue.id:]:
                if w.upos == "PUNCT" or q.contains(w.start, w.end):
                    break
                phrase.append(w)
            appositive = _appositive(words, phrase, q) if phrase else []
    elif cue.end <= q.start:
        for w in reversed(words[:cue.id - 1]):
            if w.upos == "PUNCT" or q.contains(w.start, w.end):
                break
            phrase.insert(0, w)
    phrase = [w for w in phrase if w.upos not in ("AUX", "ADV", "PART")] if phrase else phrase
    if not phrase or len(phrase) > _SOURCE_MAX or any(w.upos == "VERB" for w in phrase):
        return c
    head = next((w for w in phrase if w.head not in {x.id for x in phrase}), phrase[-1])
    if q.end <= cue.start and appositive:
        # "..., said Eddie Griffin, an Obama backer.": the description belongs to the speaker.
        phrase = phrase + appositive
    return replace(c, source=(phrase[0].start, phrase[-1].end), source_head=(tree.sentence.index, head.id))
