"""Prepositional attributions: "according to X", "in X's view", "X: ..." headlines.

"according to two sources familiar with the matter" attaches (UD: case + fixed) to the noun
"sources", which is an oblique of the clause it qualifies; that clause, minus the phrase, is
the content.  A colon after a bare noun phrase that starts a sentence ("Kirby: 'We are
concerned'") is a cue too, with the phrase as source.
"""

from __future__ import annotations

from ..results import Word
from .candidate import Candidate
from .quotes import QuoteIndex
from .speech import to_pieces
from .tree import Tree, trim


def find(tree: Tree, quotes: QuoteIndex) -> list[Candidate]:
    out: list[Candidate] = []
    words = tree.words
    for i, w in enumerate(words):
        if w.text.lower() == "according" and i + 1 < len(words) and words[i + 1].text.lower() == "to":
            cand = _according(tree, w, words[i + 1])
            if cand is not None:
                out.append(cand)
    colon = _colon(tree, quotes)
    if colon is not None:
        out.append(colon)
    return out


def _according(tree: Tree, according: Word, to: Word) -> Candidate | None:
    """Cue "according to"; source: the phrase after it up to the clause's punctuation; content:
    the rest of the sentence.  Read off the surface, which is sturdier than the attachment of
    "according" (parsers also make it a verb with an oblique)."""
    words = tree.words
    source: list[Word] = []
    for w in words[to.id:]:
        if w.upos == "PUNCT" and w.text not in ("'", "\u2019", "-", "&"):
            break
        source.append(w)
    source = trim(source)
    if not source:
        return None
    lo, hi = according.id, source[-1].id
    content = [w for w in words if not lo <= w.id <= hi]
    pieces = to_pieces(content)
    if not pieces:
        return None
    head = _head_of(tree, source)
    return Candidate(kind="according_to", cue=(according.start, to.end), source=(source[0].start, source[-1].end),
                     content=tuple(pieces), sentence=tree.sentence.index, cue_lemma="according to", score=0.95,
                     source_head=(tree.sentence.index, head.id))


def _colon(tree: Tree, quotes: QuoteIndex) -> Candidate | None:
    """``Name: "quote"`` or ``Name: claim`` at a sentence start, the name a proper noun phrase."""
    words = tree.words
    for i, w in enumerate(words[:12]):
        if w.text not in (":", "\u2014", "-") or i == 0 or i + 1 >= len(words):
            continue
        before = list(words[:i])
        if any(x.upos in ("VERB", "AUX") for x in before) or not any(x.upos == "PROPN" for x in before):
            return None
        after = list(words[i + 1:])
        quoted = quotes.contains(after[0].start, after[0].start + 1)
        if w.text != ":" and not quoted:
            return None
        if not quoted and not any(x.upos in ("VERB", "AUX") for x in after):
            return None
        if not quoted and len(before) == 1 and _is_headline(tree):
            # "US: Iran sent missiles" over an article labels a topic; its first word is no speaker.
            return None
        pieces = to_pieces(after)
        src = trim(before)
        if not pieces or not src:
            return None
        return Candidate(kind="direct" if quoted else "indirect", cue=(w.start, w.end),
                         source=(src[0].start, src[-1].end), content=tuple(pieces),
                         sentence=tree.sentence.index, cue_lemma=":", score=0.6,
                         source_head=(tree.sentence.index, _head_of(tree, src).id))
    return None


def _is_headline(tree: Tree) -> bool:
    """A line of its own without closing punctuation, as headlines are."""
    last = tree.words[-1].text if tree.words else ""
    text, s = tree.article_text, tree.sentence
    alone = text[:s.start].rstrip(" \t").endswith("\n") or not text[:s.start].strip()
    alone = alone and (text[s.end:].lstrip(" \t").startswith("\n") or not text[s.end:].strip())
    return alone and last not in (".", "!", "?", "\u201d", '"', "'")


def _head_of(tree: Tree, words: list[Word]) -> Word:
    ids = {x.id for x in words}
    for x in words:
        if x.head not in ids:
            return x
    return words[-1]
