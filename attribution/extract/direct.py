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
from typing import Any

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


def _without_quote(c: Candidate, q: Quote) -> Candidate:
    """``c`` with the quote's characters cut out of its content pieces."""
    pieces: list[Piece] = []
    for s, e in c.content:
        cuts = [(s, e)]
        for qs, qe in q.pieces:
            cuts = [part for a, b in cuts for part in ((a, min(b, qs)), (max(a, qe), b)) if part[0] < part[1]]
        pieces.extend(cuts)
    return replace(c, content=tuple(p for p in pieces if p[1] - p[0] > 1))


class _QuotePieces:
    """Every quote's pieces, so "which pieces overlap this span?" is a binary search: testing
    each piece for each content piece grew with the square of the article's length."""

    def __init__(self, quotes: tuple[Quote, ...]) -> None:
        self.quotes = quotes
        self._in_order = [(qs, qe) for q in quotes for qs, qe in q.pieces]
        self._order = sorted(range(len(self._in_order)), key=lambda i: self._in_order[i])
        self._starts = [self._in_order[i][0] for i in self._order]
        self._ends = [self._in_order[i][1] for i in self._order]
        # Quote pieces do not overlap, so sorted by start they are sorted by end too; were it
        # ever not so, every piece is tested as before.
        self._sorted = all(a <= b for a, b in zip(self._ends, self._ends[1:]))

    def overlapping(self, s: int, e: int) -> list[Piece]:
        """The pieces with ``qs < e and s < qe``, in the quotes' order."""
        if not self._sorted:
            return [(qs, qe) for qs, qe in self._in_order if qs < e and s < qe]
        lo, hi = bisect.bisect_right(self._ends, s), bisect.bisect_left(self._starts, e)
        return [self._in_order[i] for i in sorted(self._order[lo:hi])]


_last_pieces: _QuotePieces | None = None


def _quote_pieces(quotes: tuple[Quote, ...]) -> _QuotePieces:
    """The pieces of the quotes attach() is working on, indexed once per article."""
    global _last_pieces
    if _last_pieces is None or _last_pieces.quotes is not quotes:
        _last_pieces = _QuotePieces(quotes)
    return _last_pieces


def _kind(c: Candidate, quotes: tuple[Quote, ...], text: str) -> str:
    if c.kind in ("according_to", "floating"):
        return c.kind
    outside = False
    inside = False
    pieces = _quote_pieces(quotes)
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


def attach(cands: list[Candidate], quotes: tuple[Quote, ...], trees: list[Tree], text: str) -> list[Candidate]:
    """Attach every non-scare quote to a candidate (new ones made as needed); set kinds.

    The candidates and sentences are lists that index themselves (:class:`_Candidates`,
    :class:`_Sentences`), so each quote looks only at those near it and the pass grows
    linearly with the article (a scan of all of them per quote grew with its square)."""
    cands = _Candidates(sorted(cands, key=lambda c: c.start))
    trees = _Sentences(trees)
    index = QuoteIndex(quotes)
    real = [q for q in quotes if not q.is_scare_quote(text)]
    last: int | None = None  # index of the candidate the previous quote went to
    for q in real:
        idx = _by_content(cands, q)
        opener = _introduced_by(cands, q, trees, index)
        if opener is not None and idx is not None and opener != idx:
            # The quote is the opener's content, not that of the earlier cue whose span ran on
            # over it ("asked for a comment and the senator said, \u201c...\u201d").
            cands[idx] = _without_quote(cands[idx], q)
        if opener is not None:
            idx = opener
        if idx is None:
            # A cue in the quote's own sentences first, then the attribution the quote carries on
            # ("\u201cA,\u201d Kirby said. \u201cB.\u201d"), and only then a cue in the sentence after it.
            idx = _by_cue_nearby(cands, q, trees, index, after=False)
            if idx is None and last is not None and _follows(cands[last], q, text, trees):
                idx = last
        if idx is None:
            idx = _by_cue_nearby(cands, q, trees, index)
        if idx is None and last is not None and _follows(cands[last], q, text, trees):
            idx = last
        if idx is None:
            new = _new_cue(q, trees, index)
            if new is not None:
                cands.append(new)
                idx = len(cands) - 1
        previous = _previous(cands, q)
        if idx is None and previous is not None and _near(cands[previous], q, trees) and \
                not _mention(q, trees, text):
            # A quote in the paragraph right after its speaker's attribution is more content of
            # that attribution, as PolNeAR counts it, not one of its own (held-aside train:
            # precision +0.009, content token F1 +0.005); one further on stays "floating".
            if _adjacent(cands[previous], q, trees):
                root: int = previous
                while cands[root].kind == "floating" and (up := cands[root].continues) is not None:
                    root = up
                cands[root] = _with_quote(cands[root], q, text)
                last = root
                continue
            source = _floating_source(q, trees, index)
            cands.append(Candidate(kind="floating", cue=None, source=source, content=q.pieces,
                                   sentence=_sentence_at(trees, q.start), score=0.6, continues=previous))
            last = len(cands) - 1
            continue
        if idx is None:
            continue
        cands[idx] = _with_quote(cands[idx], q, text)
        if cands[idx].source is None and cands[idx].cue is not None:
            cands[idx] = _with_surface_source(cands[idx], q, trees)
        last = idx
    return [replace(c, kind=_kind(c, quotes, text)) for c in cands]


def _floating_source(q: Quote, trees: list[Tree], quotes: QuoteIndex) -> Piece | None:
    """The mention a quote without a cue is read against: the subject of its own sentence
    before the marks ("Sanders delivered a retort: \u201c...\u201d"), else the subject of the
    sentence before it ("She smiled. \u201c...\u201d")."""
    here = _indexed(trees).first_holding(q.start, 1)
    if here < 0:
        return None
    for i in (here, here - 1):
        if i < 0:
            break
        tree = trees[i]
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


def _mention(q: Quote, trees: list[Tree], text: str) -> bool:
    """A short quote in the middle of a sentence with words of the sentence on both sides is
    a title or a phrase being talked about ("the show \u201cSecret Lives of the Rich\u201d aired"),
    not speech carried on from an earlier speaker."""
    if len(re.findall(r"\w+", text[q.start:q.end])) > _MENTION_WORDS:
        return False
    here = _indexed(trees).first_holding(q.start)
    tree = trees[here] if here >= 0 else None
    if tree is None or q.end > tree.sentence.end:
        return False
    before = text[tree.sentence.start:q.start]
    after = text[q.end:tree.sentence.end]
    return bool(_LETTER.search(before)) and bool(_LETTER.search(after))


def _previous(cands: list[Candidate], q: Quote) -> int | None:
    """The last attribution with a speaker before the quote."""
    return _candidates(cands).previous(q)


def _by_content(cands: list[Candidate], q: Quote) -> int | None:
    """The first candidate with a cue outside the quote whose content overlaps it."""
    for i in _candidates(cands).reaching(q.pieces):
        c = cands[i]
        if c.cue is not None and any(_overlaps(p, qp) for p in c.content for qp in q.pieces):
            if not q.contains(*c.cue):
                return i
    return None


def _sentences_around(trees: list[Tree], q: Quote, after_too: bool = True) -> list[Tree]:
    """Sentences overlapping the quote, plus a short one right after it ("“...” Kirby said."),
    and the sentence right before it when that one ends in a colon ("The Times reports:" with
    the quoted passage as the next paragraph)."""
    out = _indexed(trees).overlapping(q.start, q.end)
    before = _indexed(trees).last_starting_by(q.start - 1)
    if before is not None and before not in out and before.sentence.end <= q.start:
        text = before.article_text
        if text[before.sentence.start:before.sentence.end].rstrip().endswith(":") and \
                not _LETTER.search(text[before.sentence.end:q.start]):
            out.insert(0, before)
    after = _indexed(trees).starting_between(q.end, q.end + 2)
    if after_too and after and len(after[0].words) <= 12:
        out.append(after[0])
    return out


def _by_cue_nearby(cands: list[Candidate], q: Quote, trees: list[Tree], quotes: QuoteIndex,
                   after: bool = True) -> int | None:
    sentences = {t.sentence.index for t in _sentences_around(trees, q, after)}
    best: tuple[int, int] | None = None
    for i in _candidates(cands).in_sentences(sentences):
        c = cands[i]
        if c.cue is None or c.sentence not in sentences or c.kind == "according_to":
            continue
        if quotes.contains(*c.cue):
            continue
        distance = min(abs(c.cue[0] - q.end), abs(q.start - c.cue[1]))
        if best is None or distance < best[0]:
            best = (distance, i)
    return best[1] if best else None


# Between a verb of saying and the quote it introduces: a comma or colon, spaces, the mark.
_INTRODUCES = re.compile(r"\s*[,:]\s*$")


def _introduced_by(cands: _Candidates, q: Quote, trees: list[Tree], quotes: QuoteIndex) -> int | None:
    """The verb of saying that opens the quote ("and the senator said, \u201cas long as ...\u201d"),
    as its cue, even where the parser hung the quote on another verb and so gave "said" no
    complement (the nearest candidate cue would then be an unrelated "asked" earlier on)."""
    tree = next((t for t in _indexed(trees).overlapping(q.start - 3, q.start) if t.sentence.start < q.start), None)
    if tree is None:
        return None
    before = [w for w in tree.words if w.end <= q.start and not quotes.contains(w.start, w.end)]
    verb = next((w for w in reversed(before) if w.upos != "PUNCT"), None)
    if verb is None or verb.upos not in ("VERB", "AUX") or cues.tiers().get(verb.lemma.lower()) != 1 or \
            not _INTRODUCES.match(tree.article_text[verb.end:q.start]):
        return None
    for i in _candidates(cands).in_sentences({tree.sentence.index}):
        if cands[i].cue == (verb.start, verb.end):
            return i
    cands.append(_direct_cue(tree, verb, q, 0.5))
    return len(cands) - 1


def _follows(c: Candidate, q: Quote, text: str, trees: list[Tree]) -> bool:
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
    cue_sentence = _indexed(trees).numbered(c.sentence)
    if cue_sentence is not None and cue_sentence.sentence.end <= q.start:
        end = max(end, cue_sentence.sentence.end)
    gap = text[end:q.start]
    return end <= q.start and not _LETTER.search(gap) and gap.count("\n") <= 2


def _has_quote(c: Candidate, text: str) -> bool:
    return any(q in text[s:e] for s, e in c.content for q in ('"', "\u201c", "\u201d", "''", "``"))


def _adjacent(c: Candidate, q: Quote, trees: list[Tree]) -> bool:
    """The quote's paragraph is the candidate's own or the one right after it."""
    here = _paragraph_at(trees, q.start)
    there = _paragraph_at(trees, max([e for _, e in c.content] + [c.start]) - 1)
    return here is not None and there is not None and 0 <= here - there <= 1


def _near(c: Candidate, q: Quote, trees: list[Tree]) -> bool:
    here = _paragraph_at(trees, q.start)
    there = _paragraph_at(trees, c.start)
    return here is not None and there is not None and 0 <= here - there <= _FLOAT_PARAGRAPHS


def _paragraph_at(trees: list[Tree], offset: int) -> int | None:
    here = _indexed(trees).first_holding(offset, 1)
    if here >= 0:
        return trees[here].sentence.paragraph
    before = _indexed(trees).last_starting_by(offset)
    return before.sentence.paragraph if before else None


def _sentence_at(trees: list[Tree], offset: int) -> int:
    before = _indexed(trees).last_starting_by(offset)
    return before.sentence.index if before else -1


def _new_cue(q: Quote, trees: list[Tree], quotes: QuoteIndex) -> Candidate | None:
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
        return _colon_cue(q, trees)
    _, tree, w, score = best
    return _direct_cue(tree, w, q, score)


def _direct_cue(tree: Tree, w: Word, q: Quote, score: float) -> Candidate:
    """A direct attribution with cue ``w`` and the quote as its content; the speaker is the
    cue's subject phrase, without any words inside the quote."""
    head = source_of(tree, w)
    words = source_phrase(tree, head, w) if head is not None else []
    words = [x for x in words if not q.contains(x.start, x.end)]
    source = (words[0].start, words[-1].end) if words else None
    return Candidate(kind="direct", cue=(w.start, w.end), source=source, content=q.pieces,
                     sentence=tree.sentence.index, cue_lemma=w.lemma.lower(), score=score,
                     source_head=(tree.sentence.index, head.id) if head is not None and words else None)


def _colon_cue(q: Quote, trees: list[Tree]) -> Candidate | None:
    """"The New York Times reports:" before a quoted passage: the reporting word right before
    the colon is the passage's cue, whatever its tag (such lines read like headlines, and the
    tagger often makes "reports" a noun), and the words before it are its source."""
    before = [t for t in _sentences_around(trees, q, after_too=False) if t.sentence.end <= q.start]
    if not before:
        return None
    tree = before[-1]
    words = [w for w in tree.words if not (w.upos == "PUNCT" and w.text == ":")]
    if len(words) < 2 or len(words) > _SOURCE_MAX + 1 or tree.words[-1].text != ":":
        return None
    cue = words[-1]
    if cues.tiers().get(cue.lemma.lower()) != 1 and cues.tiers().get(_verb_lemma(cue.text)) != 1:
        return None
    source = [w for w in words[:-1] if w.upos != "PUNCT"]
    if not source or not (source[0].text[:1].isupper() or source[0].upos == "PRON"):
        return None
    return Candidate(kind="direct", cue=(cue.start, cue.end), source=(source[0].start, source[-1].end),
                     content=q.pieces, sentence=tree.sentence.index, cue_lemma=_verb_lemma(cue.text),
                     score=0.5, source_head=None)


def _verb_lemma(form: str) -> str:
    """A reporting verb's lemma from its form ("reports" -> "report", "wrote" -> "write")."""
    form = form.lower()
    irregular = {"wrote": "write", "said": "say", "told": "tell"}  # the rest drop a suffix
    if form in irregular:
        return irregular[form]
    for suffix in ("s", "ed", "d"):
        if form.endswith(suffix) and cues.tiers().get(form[: -len(suffix)]) is not None:
            return form[: -len(suffix)]
    return form


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


def _name_hyphen(words: tuple[Word, ...] | list[Word], i: int) -> bool:
    """``words[i]`` is a hyphen written tight between two names ("Holtz-Eakin" tokenised as
    three words), which does not end the speaker's name as other punctuation does."""
    if not 0 < i < len(words) - 1 or words[i].text not in ("-", "\u2010", "\u2011"):
        return False
    before, after = words[i - 1], words[i + 1]
    return before.upos == after.upos == "PROPN" and before.end == words[i].start and words[i].end == after.start


def _with_surface_source(c: Candidate, q: Quote, trees: list[Tree]) -> Candidate:
    """Read the speaker off the surface when the tree gave none: the words between a quote
    and its cue ("\u201c...,\u201d Kirby said"), after an inverted cue ("said Sean Savett."),
    or before a cue that opens the quote ("Kirby said: \u201c...")."""
    assert c.cue is not None
    appositive: list[Word] = []
    here = _indexed(trees).first_holding(c.cue[0], 1)
    if here < 0:
        return c
    tree = trees[here]
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
            for i, w in enumerate(words[cue.id:], start=cue.id):
                if w.upos == "PUNCT" and not _name_hyphen(words, i) or q.contains(w.start, w.end):
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


# ---------------------------------------------------------------- indexes for attach()

class _Sentences(list[Tree]):
    """The sentence trees in text order, with their starts and ends, so "which sentence holds
    this offset?" is a binary search, not a scan of every sentence for every quote.  The
    answers are those of the scans they replace (the first sentence that fits); sentences
    come in text order without overlapping, and were they ever not, every tree is scanned."""

    def __init__(self, trees: list[Tree]) -> None:
        super().__init__(trees)
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
            return [t for t in self if t.sentence.start < end and start < t.sentence.end]
        return self[bisect.bisect_right(self._ends, start):bisect.bisect_left(self._starts, end)]

    def starting_between(self, lo: int, hi: int) -> list[Tree]:
        """The trees with ``lo <= t.start <= hi``, in order."""
        if not self._sorted:
            return [t for t in self if lo <= t.sentence.start <= hi]
        return self[bisect.bisect_left(self._starts, lo):bisect.bisect_right(self._starts, hi)]

    def first_holding(self, offset: int, slack: int = 0) -> int:
        """The position of the first tree with ``t.start <= offset < t.end + slack``, or -1."""
        if not self._sorted:
            return next((i for i, t in enumerate(self) if t.sentence.start <= offset < t.sentence.end + slack), -1)
        i = bisect.bisect_right(self._ends, offset - slack)
        return i if i < len(self) and self._starts[i] <= offset else -1

    def last_starting_by(self, offset: int) -> Tree | None:
        """The last tree with ``t.start <= offset``."""
        if not self._sorted:
            before = [t for t in self if t.sentence.start <= offset]
            return before[-1] if before else None
        i = bisect.bisect_right(self._starts, offset) - 1
        return self[i] if i >= 0 else None

    def numbered(self, index: int) -> Tree | None:
        """The (first) tree of sentence ``index``."""
        return self._by_index.get(index)


def _indexed(trees: list[Tree]) -> _Sentences:
    return trees if isinstance(trees, _Sentences) else _Sentences(trees)


# Width, in characters, of the stretches of text the candidates are filed under by content.
_STRETCH = 2048


class _Candidates(list[Candidate]):
    """attach()'s candidates, a list that files each candidate as it is appended or replaced:
    under the stretches of text its content reaches, under its sentence, and (with a speaker)
    by its start.  Lookups give positions to check against the candidates as they are now,
    in list order, so the answers are those of the scans over every candidate."""

    def __init__(self, cands: list[Candidate]) -> None:
        super().__init__()
        self._by_stretch: dict[int, list[int]] = {}
        self._by_sentence: dict[int, list[int]] = {}
        self._sentence_of: dict[int, int] = {}
        self._speakers: list[tuple[int, int]] = []  # (start, position), sorted
        self._speaker_entry: dict[int, tuple[int, int]] = {}
        for c in cands:
            self.append(c)

    def append(self, c: Candidate) -> None:
        super().append(c)
        self._file(len(self) - 1, c)

    def __setitem__(self, i: Any, c: Any) -> None:
        if not isinstance(i, int):
            raise TypeError("attach()'s candidates are replaced one at a time")
        i = i if i >= 0 else len(self) + i
        super().__setitem__(i, c)
        self._file(i, c)

    def _unfiled(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("attach()'s candidates only grow by append() and change by [i] = c (they are indexed)")

    insert = extend = pop = remove = sort = reverse = clear = __delitem__ = __iadd__ = _unfiled

    @staticmethod
    def _stretches(piece: Piece) -> range:
        s, e = piece
        return range(s // _STRETCH, (max(e, s + 1) - 1) // _STRETCH + 1)

    def _file(self, i: int, c: Candidate) -> None:
        # Old filings stay (a content may shrink): every answer is checked anyway.
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

    def reaching(self, pieces: tuple[Piece, ...]) -> list[int]:
        """Positions, in order, of every candidate whose content may overlap the pieces."""
        return sorted({i for p in pieces for b in self._stretches(p) for i in self._by_stretch.get(b, ())})

    def in_sentences(self, sentences: set[int]) -> list[int]:
        """Positions, in order, of every candidate filed under one of the sentences."""
        return sorted({i for s in sentences for i in self._by_sentence.get(s, ())})

    def previous(self, q: Quote) -> int | None:
        """The candidate with a speaker (or floating) with the latest start before the quote
        (the latest position among equal starts)."""
        i = bisect.bisect_left(self._speakers, (q.start,)) - 1
        return self._speakers[i][1] if i >= 0 else None


def _candidates(cands: list[Candidate]) -> _Candidates:
    return cands if isinstance(cands, _Candidates) else _Candidates(cands)
