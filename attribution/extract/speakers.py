"""What kind of speaker a source phrase names: a person, a pronoun, an institution, a document,
an anonymous source or a group; how many speakers it counts; the person's name inside it.

Works on the source phrase's words (title, appositive and all); see :mod:`.coref` for linking
"he" and "Mr. Kirby" to the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import load_lexicon
from ..results import Word
from .tree import Tree

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
            "another": 1, "dozen": 12, "both": 2}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "i", "me", "we", "us"}
_NAME_RELS = ("flat", "compound", "flat:name")
_CAPITAL = re.compile(r"^[A-Z]")


@dataclass(frozen=True)
class Speaker:
    """What a source phrase says about its speaker.

    Attributes:
        kind: a results.SOURCE_TYPES value.
        anonymous: an unnamed source ("officials familiar with the talks").
        count: number of speakers stated ("two sources" -> 2, "a person" -> 1).
        name: the personal name inside the phrase ("Sean Savett"), titles stripped, or "".
    """

    kind: str
    anonymous: bool
    count: int | None
    name: str


_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


def head_word(tree: Tree, words: list[Word]) -> Word:
    """The phrase's head; a nominal one when the parser made a verb the head ("A person
    briefed on the talks" with "briefed" on top)."""
    ids = {w.id for w in words}
    top = next((w for w in words if w.head not in ids), words[-1])
    if top.upos in _NOMINAL:
        return top
    nominal = {w.id for w in words if w.upos in _NOMINAL}
    for w in words:
        if w.id in nominal and not any(a.id in nominal for a in tree.ancestors(w) if a.id in ids):
            return w
    return top


def propn_run(tree: Tree, head: Word) -> list[Word]:
    """The run of consecutive proper nouns around ``head`` (read off the surface, which holds
    up when the parser splits a name into several subjects)."""
    if head.upos != "PROPN":
        return []
    lo = hi = head.id
    while lo > 1 and tree.word(lo - 1).upos == "PROPN":
        lo -= 1
    while hi < len(tree.words) and tree.word(hi + 1).upos == "PROPN":
        hi += 1
    return [tree.word(i) for i in range(lo, hi + 1)]


def name_of(tree: Tree, head: Word) -> str:
    """The personal name in the proper-noun run around ``head``: the words after its last title
    or organisation word ("Sean Savett" in "spokesman Sean Savett", "William Burns" in "CIA
    Director William Burns", "Kirby" in "Mr. Kirby").  "" for an organisation's name."""
    run = propn_run(tree, head)
    if not run or _org_name(tree, head):
        return ""
    institutions = load_lexicon("institution_words")
    cut = 0
    for i, w in enumerate(run):
        if _is_title(w) or w.lemma.lower() in institutions or w.text.lower() in institutions:
            cut = i + 1
    return " ".join(w.text for w in run[cut:])


def _is_title(w: Word) -> bool:
    return w.text.lower().rstrip(".") in load_lexicon("titles") or w.text.lower() in load_lexicon("titles")


def describe(tree: Tree, words: list[Word], text: str) -> Speaker:
    """Classify a source phrase (its words, in order)."""
    head = head_word(tree, words)
    lemma = head.lemma.lower()
    phrase = text[words[0].start:words[-1].end].lower()
    count = _count(tree, head)
    if head.upos == "PRON":
        kind = "pronoun"
        if head.text.lower() in ("they", "them", "we", "us"):
            count = None
        return Speaker(kind, False, count if head.text.lower() not in _PRONOUNS_PERSON else 1, "")
    name = name_of(tree, head)
    appositive_name = ""
    for k in tree.children(head, "appos"):
        if k.upos == "PROPN":
            appositive_name = name_of(tree, k)
    core = _core(words)
    if not name and not appositive_name and head.upos != "PROPN":
        # "White House national security spokesman John Kirby" with the title on top.
        propns = [w for w in core if w.upos == "PROPN"]
        if propns and propns[-1].id == core[-1].id:
            name = name_of(tree, propns[-1])
    if name and not is_place(name):
        return Speaker("named", False, 1, name)
    if appositive_name and not is_place(appositive_name):
        return Speaker("named", False, 1, appositive_name)
    anonymous_nouns = [w for w in core if w.upos == "NOUN" and w.lemma.lower() in load_lexicon("anonymous_heads")]
    if lemma in load_lexicon("anonymous_heads") or anonymous_nouns:
        noun = head if lemma in load_lexicon("anonymous_heads") else anonymous_nouns[-1]
        return Speaker("anonymous", True, _count(tree, noun), "")
    if lemma in load_lexicon("document_words"):
        return Speaker("document", False, None, "")
    if name or lemma in load_lexicon("institution_words") or head.upos == "PROPN":
        return Speaker("institution", False, None, "")
    if "Number=Plur" in head.feats or lemma in ("many", "some", "others", "most", "all"):
        return Speaker("group", False, count, "")
    if head.upos in ("NOUN",):
        return Speaker("unnamed", False, count or 1, "")
    return Speaker("unknown", False, count, "")


def _core(words: list[Word]) -> list[Word]:
    """The phrase up to its first comma, preposition or relative clause ("two sources" in
    "two sources familiar with the matter")."""
    out: list[Word] = []
    for w in words:
        if w.text in (",", "(", "\u2014") or w.upos in ("ADP", "SCONJ") or w.deprel == "acl:relcl":
            break
        if w.upos == "ADJ" and out and out[-1].upos in ("NOUN", "PROPN"):
            break
        out.append(w)
    return out or words


def is_place(name: str) -> bool:
    """A country or capital standing for its government ("Iran", "Moscow")."""
    return name.lower() in load_lexicon("places")


def _org_name(tree: Tree, head: Word) -> bool:
    """A proper name that is an organisation ("the Ukrainian Air Force", "the White House"):
    its last word is an organisation word, or it is a country-style abbreviation."""
    run = propn_run(tree, head) or [head]
    last = run[-1]
    return last.lemma.lower() in load_lexicon("institution_words") or is_place(last.text) or \
        last.text.lower() in load_lexicon("institution_words") or last.text in ("U.S.", "US", "UN", "U.N.", "EU", "NATO")


def _count(tree: Tree, head: Word) -> int | None:
    numbers = tree.children(head, "nummod")
    if head.id > 1 and tree.word(head.id - 1).upos == "NUM":
        numbers.append(tree.word(head.id - 1))
    for k in numbers:
        word = k.text.lower().replace(",", "")
        if word.isdigit():
            return int(word)
        if word in _NUMBERS:
            return _NUMBERS[word]
    for k in tree.children(head, "det"):
        if k.text.lower() in ("a", "an", "another") and "Number=Plur" not in head.feats:
            return 1
        if k.text.lower() == "both":
            return 2
    return None
