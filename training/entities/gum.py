"""Read GUM's CoNLL-U with its entity annotation: sentences of words, and every mention with
its type, coreference id and head.

GUM's MISC column brackets each mention: ``Entity=(12-person-new-...`` opens mention 12 on a
word, ``12)`` closes it, ``(4-time-...)`` is a one-word mention.  The splits are read from
``splits.md`` next to the files: train documents only are ever trained on.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from attribution.results import Word

_REPO = Path(__file__).resolve().parents[2]
# ../shared next to the repository (the project's layout), else the machine's /work/shared.
DEFAULT_DIR = Path(os.environ.get("GUM_DIR") or next(
    (p for p in (_REPO.parent / "shared" / "treebanks" / "gum", Path("/work/shared/treebanks/gum"))
     if p.is_dir()), _REPO.parent / "shared" / "treebanks" / "gum"))


@dataclass(frozen=True)
class Mention:
    sentence: int  # index of the sentence in its document
    first: int  # 0-based word positions, inclusive
    last: int
    type: str
    entity: str  # coreference id within the document
    head: int  # 0-based position of the mention's syntactic head

    @property
    def length(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Doc:
    name: str
    sentences: tuple[tuple[Word, ...], ...]
    mentions: tuple[Mention, ...]


def splits(directory: Path = DEFAULT_DIR) -> dict[str, list[str]]:
    """Split name ("train", "dev", "test", "test2") -> document names, from splits.md."""
    text = (directory / "splits.md").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        out[section.split("\n", 1)[0].strip()] = re.findall(r"\*\s+(\S+)", section)
    return out


def read(path: Path) -> Doc:
    sentences: list[tuple[Word, ...]] = []
    mentions: list[Mention] = []
    words: list[Word] = []
    opened: dict[str, list[tuple[int, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if words:
                sentences.append(tuple(words))
                words = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        position = len(words)
        words.append(Word(int(cols[0]), cols[1], cols[2], cols[3], cols[4], cols[5],
                          int(cols[6]) if cols[6].isdigit() else 0, cols[7], 0, 0))
        misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
        for kind, ident, etype, single in _brackets(misc.get("Entity", "")):
            if kind == "open":
                if single:
                    mentions.append(_mention(len(sentences), position, position, etype, ident, words))
                else:
                    opened.setdefault(ident, []).append((position, etype))
            else:
                if opened.get(ident):
                    first, etype = opened[ident].pop()
                    mentions.append(_mention(len(sentences), first, position, etype, ident, words))
    # A mention closes in its sentence; _mention needs the whole sentence for heads, so
    # heads are recomputed once sentences are complete.
    return Doc(path.stem, tuple(sentences), tuple(_with_head(m, sentences[m.sentence]) for m in mentions))


def _mention(sentence: int, first: int, last: int, etype: str, ident: str, words: list[Word]) -> Mention:
    return Mention(sentence, first, last, etype, ident, first)


def _with_head(m: Mention, words: tuple[Word, ...]) -> Mention:
    ids = {words[i].id for i in range(m.first, m.last + 1)}
    head = next((i for i in range(m.first, m.last + 1) if words[i].head not in ids), m.first)
    return Mention(m.sentence, m.first, m.last, m.type, m.entity, head)


_TOKEN = re.compile(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)")


def _brackets(value: str) -> list[tuple[str, str, str, bool]]:
    """("open", id, type, closes-here) and ("close", id, "", False) in order of writing."""
    out = []
    for m in _TOKEN.finditer(value):
        if m.group(1):
            out.append(("open", m.group(1), m.group(2), bool(m.group(3))))
        else:
            out.append(("close", m.group(4), "", False))
    return out


def documents(split: str, directory: Path = DEFAULT_DIR) -> list[Doc]:
    """The split's documents that are on disk (GUM's reddit texts are distributed without
    their words, so those files are missing)."""
    paths = [directory / f"{name}.conllu" for name in splits(directory)[split]]
    return [read(p) for p in paths if p.exists()]


def named_mentions(doc: Doc) -> list[list[Mention]]:
    """Per sentence, the names of GUM's named mentions (those whose head is a proper noun),
    in the NER sense: the name around the head, without determiners, possessive 's or
    modifiers ("New York Post" in "the New York Post's editors"), see :func:`name_core`.  Where
    two overlap, the longer wins ("University of Chicago", not "Chicago")."""
    result = []
    for s, words in enumerate(doc.sentences):
        found = []
        for m in doc.mentions:
            if m.sentence == s and words[m.head].upos == "PROPN":
                first, last = name_core(words, m)
                found.append(Mention(s, first, last, m.type, m.entity, m.head))
        found.sort(key=lambda m: (-m.length, m.first))
        kept: list[Mention] = []
        for m in found:
            if any(m.first <= k.last and k.first <= m.last for k in kept):
                continue
            kept.append(m)
        result.append(sorted(kept, key=lambda m: m.first))
    return result


# Function words that may stand inside a name between two of its capitalised words.
_INSIDE_NAME = {"of", "the", "and", "&", "for", "de", "du", "von", "van", "la", "le", "-"}


def _name_word(w: Word) -> bool:
    return w.upos == "PROPN" or (w.text[:1].isupper() and w.upos in ("ADJ", "NOUN", "NUM", "X", "VERB")) or \
        (w.upos == "NUM" and w.deprel in ("flat", "compound", "nummod"))


def name_core(words: tuple[Word, ...], m: Mention) -> tuple[int, int]:
    """(first, last) of the name around a named mention's head, inside the mention: its run of
    proper nouns and capitalised words, with up to two function words between two of them
    ("Daughters of the American Revolution")."""
    first = last = m.head
    moved = True
    while moved:
        moved = False
        for gap in (0, 1, 2):
            j = first - 1 - gap
            if j >= m.first and _name_word(words[j]) and \
                    all(words[k].text.lower() in _INSIDE_NAME for k in range(j + 1, first)):
                first, moved = j, True
                break
    moved = True
    while moved:
        moved = False
        for gap in (0, 1, 2):
            j = last + 1 + gap
            if j <= m.last and _name_word(words[j]) and \
                    all(words[k].text.lower() in _INSIDE_NAME for k in range(last + 1, j)):
                last, moved = j, True
                break
    return first, last


def bio(doc: Doc) -> list[list[str]]:
    labels = []
    for words, found in zip(doc.sentences, named_mentions(doc)):
        tags = ["O"] * len(words)
        for m in found:
            tags[m.first] = "B-" + m.type
            for i in range(m.first + 1, m.last + 1):
                tags[i] = "I-" + m.type
        labels.append(tags)
    return labels
