"""Named entity mentions and their types, from a small CRF tagger trained on GUM.

    from attribution import entities
    for m in entities.mentions(document):
        print(m.text, m.type)          # "The New York Post" organization, "May" time

The tagger reads our own parse (words, UPOS, XPOS, relations), so it runs after the parser at
the cost of a few milliseconds per article.  It marks *named* mentions: those whose head is a
proper noun, as GUM annotates them (its entity types: person, organization, place, time,
event, object, abstract, substance, plant, animal).  The model file and its recipe:
``attribution/data/entity_tagger.crfsuite``, ``training/entities/train_entity_model.py``; scores
in ``attribution/data/ENTITY_MODEL.md``.

Features: the words, their parse and shape, word lists, word clusters (the bundled parser's
vectors and GloVe's), and for a capitalised word the words around it anywhere in the
article (:func:`document_context`: "in Chicago" later types "Chicago" in a headline).

Does not: find common-noun mentions ("the spokesman") or link mentions to each other.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .lexicons import load_lexicon
from .results import ParsedDocument, Sentence, Word

__all__ = ["EntityMention", "mentions", "sentence_mentions", "tag_words", "features", "TYPES"]

TYPES = ("person", "organization", "place", "time", "event", "object", "abstract", "substance",
         "plant", "animal")
MODEL_FILE = "entity_tagger.crfsuite"
CLUSTER_FILE = "word_clusters.tsv"
GLOVE_CLUSTER_FILE = "glove_clusters.tsv"


@dataclass(frozen=True)
class EntityMention:
    """A named mention: character span in the article, its type, its sentence and word ids."""

    start: int
    end: int
    text: str
    type: str
    sentence: int
    words: tuple[int, ...]


def mentions(document: ParsedDocument) -> tuple[EntityMention, ...]:
    """Every named mention the tagger finds, in text order, each name's type agreed across
    the article (see :func:`agree`)."""
    out: list[EntityMention] = []
    context = document_context([s.words for s in document.sentences])
    for sentence in document.sentences:
        out.extend(sentence_mentions(sentence, document.text, context))
    types = agree([(m.text, m.type) for m in out])
    return tuple(EntityMention(m.start, m.end, m.text, t, m.sentence, m.words) for m, t in zip(out, types))


def name_key(text: str) -> str:
    words = re.sub(r"(?:'s|\u2019s)$", "", text).split()
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


def agree(found: Sequence[tuple[str, str]]) -> list[str]:
    """One type per name within a document: each mention takes the commonest type of the
    mentions with its name, and a lone surname ("Kirby") the type of the full name it ends
    ("John Kirby").  A name is one thing throughout an article far more often than the
    sentence-by-sentence tagger says so."""
    votes: dict[str, dict[str, int]] = {}
    for text, kind in found:
        key = name_key(text)
        votes.setdefault(key, {}).setdefault(kind, 0)
        votes[key][kind] += 1
    longer: dict[str, str] = {}
    for key in votes:
        parts = key.split()
        if len(parts) >= 2:
            longer.setdefault(parts[-1], key)
    out = []
    for text, kind in found:
        key = name_key(text)
        counts = dict(votes[key])
        if len(key.split()) == 1 and key in longer:
            for k, n in votes[longer[key]].items():
                counts[k] = counts.get(k, 0) + n
        best = max(counts.items(), key=lambda kv: (kv[1], kv[0] == kind))
        out.append(best[0] if best[1] > counts.get(kind, 0) else kind)
    return out


def sentence_mentions(sentence: Sentence, text: str,
                      context: dict[str, frozenset[str]] | None = None) -> list[EntityMention]:
    """The named mentions of one sentence; ``context`` as for :func:`features`."""
    words = list(sentence.words)
    labels = tag_words(words, context)
    out = []
    for first, last, kind in spans(labels):
        start, end = words[first].start, words[last].end
        out.append(EntityMention(start, end, text[start:end], kind, sentence.index,
                                 tuple(w.id for w in words[first:last + 1])))
    return out


def spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last, type) of each BIO run; an I- without its B- starts a run."""
    out: list[tuple[int, int, str]] = []
    current: list[Any] | None = None
    for i, label in enumerate(labels):
        if label.startswith("I-") and current is not None and current[2] == label[2:]:
            current[1] = i
            continue
        if current is not None:
            out.append((current[0], current[1], current[2]))
            current = None
        if label != "O":
            current = [i, i, label[2:]]
    if current is not None:
        out.append((current[0], current[1], current[2]))
    return out


_LOCK = threading.Lock()


def tag_words(words: Sequence[Word], context: dict[str, frozenset[str]] | None = None) -> list[str]:
    """BIO labels ("B-person", "I-person", "O") for one sentence's words."""
    if not words:
        return []
    tagger = _tagger()
    rows = features(words, context)
    with _LOCK:  # a crfsuite Tagger holds state between set and tag
        return list(tagger.tag(rows))


@lru_cache(maxsize=1)
def _tagger() -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(resources.files("attribution") / "data" / MODEL_FILE))
    return tagger


@lru_cache(maxsize=1)
def clusters() -> dict[str, str]:
    """Word -> cluster id, from k-means over the bundled parser's word vectors (see the recipe)."""
    path = resources.files("attribution") / "data" / CLUSTER_FILE
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, cluster = line.split("\t")
            out[word] = cluster
    return out


@lru_cache(maxsize=1)
def glove_clusters() -> dict[str, tuple[str, str]]:
    """Word -> (fine, coarse) cluster ids from k-means over the GloVe 6B 50d vectors of the
    commonest words (see the recipe): names of one kind (towns, first names, firms) share one."""
    path = resources.files("attribution") / "data" / GLOVE_CLUSTER_FILE
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, cluster = line.split("\t")
            coarse, fine = cluster.split(".")
            out[word] = (fine, coarse)
    return out


_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def _shape(word: str) -> str:
    shape = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    return re.sub(r"(.)\1+", r"\1\1", shape)[:6]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def document_context(sentences: Sequence[Sequence[Word]]) -> dict[str, frozenset[str]]:
    """For each capitalised word of a document (lower case), the lower-case words written just
    before and after it anywhere in the document ("dp:in", "dn:said"): "Chicago" in a headline
    is typed by "in Chicago" three paragraphs on."""
    hints: dict[str, set[str]] = {}
    for words in sentences:
        for i, w in enumerate(words):
            if not _capitalised(w.text) or not w.text[:1].isalpha():
                continue
            found = hints.setdefault(w.text.lower(), set())
            if i > 0 and not _capitalised(words[i - 1].text):
                found.add("dp:" + words[i - 1].text.lower())
            if i + 1 < len(words) and not _capitalised(words[i + 1].text):
                found.add("dn:" + words[i + 1].text.lower())
    return {k: frozenset(v) for k, v in hints.items()}


def features(words: Sequence[Word], context: dict[str, frozenset[str]] | None = None) -> list[dict[str, Any]]:
    """The CRF's features for each word of one sentence (training and tagging share this).
    ``context``: the sentence's document's :func:`document_context`, where the whole document
    is at hand."""
    cl = clusters()
    glove = glove_clusters()
    institutions = load_lexicon("institution_words")
    titles = load_lexicon("titles")
    n = len(words)
    alpha = [w for w in words if w.text[:1].isalpha()]
    # A sentence where nearly every word is capitalised is a headline or a title, where a
    # capital says nothing about a name.
    headline = len(alpha) >= 3 and sum(_capitalised(w.text) for w in alpha) >= 0.7 * len(alpha)
    by_id = {w.id: w for w in words}
    rows: list[dict[str, Any]] = []
    for i, w in enumerate(words):
        lower = w.text.lower()
        head = by_id.get(w.head)
        f: dict[str, Any] = {
            "b": 1.0, "w": lower, "suf3": lower[-3:], "pre3": lower[:3], "shape": _shape(w.text),
            "upos": w.upos, "xpos": w.xpos, "dep": w.deprel,
            "hupos": head.upos if head else "ROOT", "hdep": f"{w.deprel}|{head.upos if head else 'ROOT'}",
            "hlem": head.lemma.lower() if head and head.upos != "PROPN" else "-",
            "first": i == 0, "headline": headline, "cap": _capitalised(w.text),
            "inst": lower in institutions, "title": lower.rstrip(".") in titles,
            "upos_cap": f"{w.upos}|{_capitalised(w.text)}|{headline}",
        }
        f["cl"] = cl.get(lower, "?")
        fine, coarse = glove.get(lower, ("?", "?"))
        f["gc"], f["gC"] = fine, coarse
        if context and f["cap"]:
            for hint in context.get(lower, ()):
                f[hint] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                o = words[j]
                ol = o.text.lower()
                f[f"{d}:w"] = ol
                f[f"{d}:upos"] = o.upos
                f[f"{d}:cl"] = cl.get(ol, "?")
                f[f"{d}:gC"] = glove.get(ol, ("?", "?"))[1]
                if abs(d) == 1:
                    f[f"{d}:shape"] = _shape(o.text)
                    f[f"{d}:inst"] = ol in institutions
                    f[f"{d}:title"] = ol.rstrip(".") in titles
                    f[f"{d}:pair"] = f"{o.upos}|{w.upos}" if d < 0 else f"{w.upos}|{o.upos}"
                    f[f"{d}:gc"] = glove.get(ol, ("?", "?"))[0]
            else:
                f[f"{d}:w"] = "<s>" if j < 0 else "</s>"
        rows.append(f)
    return rows

