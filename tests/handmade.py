"""Hand-built articles for the sourcing tests: text, a rough parse and attributions, no model.

    text = "John Kirby said the talks failed. Two sources familiar with the matter said ..."
    doc = document(text)
    a = attribution(text, "a1", source="John Kirby", cue="said", content="the talks failed",
                    source_type="named", canonical="John Kirby")
"""

from __future__ import annotations

import re
from typing import Any

from attribution.results import Attribution, ParsedDocument, Sentence, Span, Word

# A sentence ends at . ! ? before a space and a capital (or the end), except after a title
# or an initialism ("Mr. Kirby", "the U.S. Navy"), and at a line ending in a colon ("From Politico:").
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\b(?:Mr|Ms|Dr|St))\.|(?<=\bMrs)\.|(?<=\b[A-Z])\.|[.!?](?!\s|$))+"
                       r"(?:[.!?]+[\"”’]?|$|(?<=:)(?=\n))")
_WORD = re.compile(r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|Jr|Sr)\.|\w[\w'’-]*|[^\w\s]")


_DET = {"the", "a", "an", "these", "those", "this", "that", "another", "some", "every", "each", "his", "her",
        "its", "their", "our", "my", "your"}
_ADP = {"of", "for", "with", "from", "to", "at", "in", "on", "by", "about", "near", "according", "after", "before",
        "over", "under", "into", "during", "like", "as"}
_PRON = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "him", "them", "us", "me"}
_CCONJ = {"and", "or", "but"}
_NUM = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen"}
_AUX = {"is", "are", "was", "were", "be", "been", "had", "has", "have", "would", "will", "could", "not", "did"}
_ADJ = {"familiar", "close", "senior", "former", "national", "new", "overnight", "missile-related", "interim",
        "top", "federal", "local", "briefed", "several", "many", "other"}
_VERBS = {"said", "says", "say", "added", "told", "tells", "denied", "denies", "called", "calls", "reported",
          "reports", "confirmed", "stated", "announced", "wrote", "argued", "claimed", "insisted", "warned",
          "noted", "explained", "shouted", "ruled", "charged", "asked", "described", "estimated", "found",
          "showed", "suggested", "believe", "believes", "acknowledged", "failed", "follow", "sailed", "began",
          "done", "ready", "inhumane", "released", "reported"}


def _tag(word: str, first: bool) -> str:
    lower = word.lower()
    if not word[0].isalnum():
        return "PUNCT"
    if lower in _DET:
        return "DET"
    if lower in _ADP:
        return "ADP"
    if lower in _PRON:
        return "PRON"
    if lower in _CCONJ:
        return "CCONJ"
    if lower in _AUX:
        return "AUX"
    if lower in _ADJ:
        return "ADJ"
    if lower in _NUM or word[0].isdigit():
        return "NUM"
    if lower in _VERBS or (lower.endswith("ed") and not word[0].isupper()):
        return "VERB"
    if word[0].isupper():
        return "PROPN"
    return "NOUN"


def document(text: str) -> ParsedDocument:
    """Sentences split at . ! ? and newlines, each given a rough parse by rule: words tagged
    from small word lists (capitalised words are proper nouns), noun phrases chunked with their
    last noun as head, prepositional phrases attached to the noun before them, and the first
    verb as the root.  Good enough for the source typing to read the way a parser would, with
    no model; each sentence of six words or more has a finite verb and counts as a statement."""
    sentences = []
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.start() + len(raw.rstrip())
        if start >= end:
            continue
        tokens = list(_WORD.finditer(text, start, end))
        tags = [_tag(t.group(), i == 0) for i, t in enumerate(tokens)]
        if "VERB" not in tags and len(tokens) > 1:
            tags[1] = "VERB"
        heads = _heads(tags)
        root = tags.index("VERB") + 1 if "VERB" in tags else 1
        words = []
        for i, (t, tag) in enumerate(zip(tokens, tags), 1):
            head, rel = heads[i - 1]
            if head == 0:
                head, rel = (0, "root") if i == root else (root, "nsubj" if i < root else "obj")
            if tag == "PUNCT":
                head, rel = root if i != root else 0, "punct"
            lower = t.group().lower()
            plural = tag == "NOUN" and lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3
            lemma = t.group() if tag == "PROPN" else lower
            feats = "VerbForm=Fin" if tag == "VERB" else ("Number=Plur" if plural else "_")
            words.append(Word(i, t.group(), lemma, tag, "_", feats, head, rel, t.start(), t.end()))
        sentences.append(Sentence(len(sentences), 0, start, end, tuple(words)))
    return ParsedDocument(text, tuple(sentences), "handmade")


def _heads(tags: list[str]) -> list[tuple[int, str]]:
    """(head, relation) per word: 0 for a phrase head, to be attached to the verb."""
    out: list[tuple[int, str]] = [(0, "dep")] * len(tags)
    nominal = ("DET", "NUM", "NOUN", "PROPN", "ADJ")
    # An adjective after a noun starts its post-modifier ("sources familiar with ..."): the
    # chunk ends before it.
    i = 0
    last_head = 0
    while i < len(tags):
        if tags[i] in nominal or tags[i] == "PRON":
            j = i
            while j + 1 < len(tags) and tags[j + 1] in nominal and tags[i] != "PRON" and \
                    not (tags[j + 1] == "ADJ" and tags[j] in ("NOUN", "PROPN")):
                j += 1
            head = j + 1
            for k in range(i, j):
                rel = {"DET": "det", "NUM": "nummod"}.get(tags[k], "flat" if tags[k] == tags[j] == "PROPN" else "compound")
                out[k] = (head, rel)
            if i > 0 and tags[i - 1] == "ADP" and last_head:
                out[i - 1] = (head, "case")
                out[j] = (last_head, "nmod")
            else:
                last_head = head
            i = j + 1
        else:
            i += 1
    return out


def span(text: str, part: str | None, after: int = 0) -> Span | None:
    if part is None:
        return None
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def attribution(text: str, ident: str, *, source: str | None, cue: str | None, content: str,
                kind: str = "indirect", source_type: str = "named", canonical: str | None = None,
                after: int = 0, **extra: Any) -> Attribution:
    """An Attribution whose spans are the first occurrences (from ``after``) of the given strings."""
    src = span(text, source, after)
    cue_span = span(text, cue, after)
    body = span(text, content, after)
    assert body is not None
    doc = document(text)
    sentence = next(s.index for s in doc.sentences if s.start <= (cue_span or body).start < s.end)
    return Attribution(ident, kind, cue_span, src, (body,), source_type=source_type,
                       canonical_source=canonical, sentence=sentence, **extra)
