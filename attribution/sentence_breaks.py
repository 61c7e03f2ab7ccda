"""Undo the tokenizer's sentence breaks after abbreviations that cannot end a sentence, and
after a lower-case word with no full stop.

The compact tokenizer learns sentence ends from treebank text, where "Sen. Warren" or "3 p.m.
Tuesday" are rare, so it sometimes ends a sentence at their full stop ("Sen." alone as a
sentence), which cuts an attribution's speaker from its cue.  This runs as stanza's tokenizer
postprocessor: it only joins sentences, never moves a token, so the offsets stay those of the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Union

from .lexicons import load_lexicon

# stanza hands the postprocessor sentences of tokens; a multiword token comes as (text, True).
Token = Union[str, tuple[str, bool]]

BEFORE_NAMES = load_lexicon("abbreviations_before_names")
BEFORE_NUMBERS = load_lexicon("abbreviations_before_numbers")
TIME_FOLLOWERS = load_lexicon("time_followers")
CLOCK = frozenset({"a.m.", "p.m."})
# Part of the parse cache's key (models.ModelSet.cache_key): other rules, other sentences.
RULES_KEY = hashlib.sha256(repr((sorted(BEFORE_NAMES), sorted(BEFORE_NUMBERS), sorted(TIME_FOLLOWERS), sorted(CLOCK), 3)).encode()).hexdigest()[:8]


def _text(token: Token) -> str:
    return token if isinstance(token, str) else token[0]


def _abbreviation_split_off(sentence: list[Token]) -> bool:
    """Whether the sentence ends in a listed abbreviation cut in two ("Sen", ".")."""
    return (len(sentence) >= 2 and _text(sentence[-1]) == "." and isinstance(sentence[-2], str)
            and (sentence[-2] + ".").lower() in BEFORE_NAMES | BEFORE_NUMBERS | CLOCK)


def continues(previous: Sequence[Token], following: Sequence[Token], same_line: bool = False) -> bool:
    """Whether the sentence `following` goes on from `previous` rather than starting anew.

    ``same_line``: the text shows no line break between them (only then is a bare lower-case
    word at the end of `previous` read as a sentence cut in two)."""
    if not previous or not following:
        return False
    last, first = _text(previous[-1]).lower(), _text(following[0])
    if same_line and _text(previous[-1]).isalpha() and _text(previous[-1])[:1].islower():
        # No sentence ends on a bare lower-case word inside a line ("Dayton tells | The
        # Associated Press that ...": the tokenizer took the capital for a new sentence).
        return True
    if last == "." and len(previous) >= 2:
        last = _text(previous[-2]).lower() + "."
    if last in BEFORE_NAMES:
        return first[:1].isupper()
    if last in BEFORE_NUMBERS:
        return first[:1].isdigit()
    if last in CLOCK:
        return first.lower() in TIME_FOLLOWERS or first[:1].islower() or first[:1] in ",;)"
    return False


def _line_breaks_between(sentences: Sequence[Sequence[Token]], text: str) -> list[bool] | None:
    """For each pair of neighbouring sentences, whether a line break lies between them in
    ``text`` (the tokens found in order, as stanza cut them from it); None where the tokens do
    not spell the text out."""
    cursor = 0
    ends: list[tuple[int, int]] = []
    for sentence in sentences:
        first = -1
        for token in sentence:
            word = _text(token)
            at = text.find(word, cursor)
            if at < 0 or text[cursor:at].strip():
                return None
            first = at if first < 0 else first
            cursor = at + len(word)
        ends.append((first, cursor))
    return ["\n" in text[a_end:b_start] for (_, a_end), (b_start, _) in zip(ends, ends[1:])]


def join_broken_sentences(sentences: list[list[Token]], text: str | None = None) -> list[list[Token]]:
    """stanza's `tokenize_postprocessor`: sentences joined where a break follows such an abbreviation
    or, when ``text`` (what stanza tokenized) is given, a bare lower-case word on the same line.

    An abbreviation the tokenizer cut in two ("Sen", ".") is made one token again, as in the
    treebanks, so the tagger sees the word it was trained on.  stanza tokenizes several
    paragraphs at once, joined by blank lines, so no sentence is joined across a line break.
    """
    breaks = _line_breaks_between(sentences, text) if text is not None else None
    joined: list[list[Token]] = []
    for i, sentence in enumerate(sentences):
        line_break = breaks[i - 1] if breaks is not None and i > 0 else None
        if joined and line_break is not True and continues(joined[-1], sentence, same_line=line_break is False):
            previous = joined[-1]
            if _abbreviation_split_off(previous):
                previous = previous[:-2] + [_text(previous[-2]) + "."]
            joined[-1] = previous + list(sentence)
        else:
            joined.append(list(sentence))
    return joined
