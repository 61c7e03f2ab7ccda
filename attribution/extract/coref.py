"""Link each source to a canonical speaker: "he" and "Mr. Kirby" -> "John Kirby".

A deliberately small resolver for news copy, where the speaker of "he said" is nearly always
the last person quoted or named: short names match the fullest earlier name sharing their
last word; he/she/I take the last named person among the recent speakers (then among all
names); they/it/we take the last group, institution or document source.  No gender or number
agreement beyond that: it guesses, and `source_type` keeps "pronoun" when nothing fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..results import Word
from .speakers import Speaker, _org_name, describe, name_of, propn_run
from .tree import Tree

# A pronoun reaches back at most this many sentences for its speaker.
_WINDOW = 6
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Resolved:
    speaker: Speaker
    canonical: str | None
    source_type: str


@dataclass(frozen=True)
class _Name:
    start: int
    sentence: int
    name: str
    subject: bool = False


def person_names(trees: list[Tree]) -> list[_Name]:
    """Every personal name in text order: two or more words, or one word after a title ("Mr.
    Kirby") or that is the last word of a full name met earlier ("Kirby" after "John Kirby")."""
    out: list[_Name] = []
    surnames: set[str] = set()
    for tree in trees:
        for w in tree.words:
            last_of_run = w.id == len(tree.words) or tree.word(w.id + 1).upos != "PROPN"
            if w.upos == "PROPN" and last_of_run and not _org_name(tree, w):
                name = name_of(tree, w)
                if len(name.split()) >= 2:
                    surnames.add(name.split()[-1])
                if name and (len(name.split()) >= 2 or _titled(tree, w) or name in surnames):
                    run = propn_run(tree, w)
                    subject = any(x.deprel.startswith("nsubj") for x in run)
                    out.append(_Name(w.start, tree.sentence.index, name, subject))
    return out


def _titled(tree: Tree, w: Word) -> bool:
    """A one-word name after a personal title ("Mr. Kirby")."""
    return w.id > 1 and tree.word(w.id - 1).text.lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov")


def _full_name(short: str, names: list[_Name], before: int) -> str:
    if len(short.split()) >= 2:
        return short  # already a full name: "Ivanka Trump" is not "Donald Trump"
    last = short.split()[-1]
    earlier = [n.name for n in names if n.start < before and n.name.split()[-1] == last]
    later = [n.name for n in names if n.start >= before and n.name.split()[-1] == last]
    pool = earlier or later
    if not pool:
        return short
    return max(pool, key=lambda n: (len(n.split()), -pool.index(n)))


def clean(phrase: str) -> str:
    return _SPACE.sub(" ", phrase).strip(" ,;:\u2014-")


def resolve(items: list[tuple[Tree, list[Word], int]], text: str, trees: list[Tree]) -> list[Resolved | None]:
    """Resolve each (tree, source words, offset) in text order; None where there are no words."""
    names = person_names(trees)
    history: list[tuple[int, Resolved]] = []  # (sentence index, resolved) of earlier sources
    out: list[Resolved | None] = []
    for tree, words, offset in items:
        if not words:
            out.append(None)
            continue
        speaker = describe(tree, words, text)
        sentence = tree.sentence.index
        if speaker.kind == "named":
            res = Resolved(speaker, _full_name(speaker.name, names, offset), "named")
        elif speaker.kind == "pronoun":
            res = _pronoun(words, speaker, sentence, offset, history, names)
        else:
            res = Resolved(speaker, clean(text[words[0].start:words[-1].end]), speaker.kind)
        history.append((sentence, res))
        out.append(res)
    return out


def _pronoun(words: list[Word], speaker: Speaker, sentence: int, offset: int,
             history: list[tuple[int, Resolved]], names: list[_Name]) -> Resolved:
    pronoun = next((w.text.lower() for w in words if w.upos == "PRON"), words[0].text.lower())
    recent = [r for s, r in reversed(history) if sentence - s <= _WINDOW]
    if pronoun in ("he", "she", "i", "him", "her", "me"):
        for r in recent:
            if r.source_type == "named":
                return Resolved(speaker, r.canonical, "named")
        earlier = [n for n in names if n.start < offset and sentence - n.sentence <= _WINDOW]
        # The last person named who has spoken before, else the last person who was the
        # subject of a sentence, else the last person named.
        speakers = {r.canonical for _, r in history if r.source_type == "named"}
        known = [n for n in earlier if _full_name(n.name, names, offset) in speakers]
        subjects = [n for n in earlier if n.subject]
        pick = known or subjects or earlier
        if pick:
            return Resolved(speaker, _full_name(pick[-1].name, names, offset), "named")
    elif pronoun in ("they", "them", "it", "we", "us"):
        wanted = {"it": ("institution", "document")}.get(pronoun, ("anonymous", "group", "institution"))
        for r in recent:
            if r.source_type in wanted:
                return Resolved(Speaker(r.source_type, r.speaker.anonymous, r.speaker.count, r.speaker.name),
                                r.canonical, r.source_type)
    return Resolved(speaker, None, "pronoun")
