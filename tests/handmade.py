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

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")
_WORD = re.compile(r"\w[\w'’.-]*|[^\w\s]")


def document(text: str) -> ParsedDocument:
    """Sentences split at . ! ? and newlines; every second word a finite verb, so each sentence
    of six words or more counts as a statement."""
    sentences = []
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.start() + len(raw.rstrip())
        if start >= end:
            continue
        words = []
        for i, w in enumerate(_WORD.finditer(text, start, end), 1):
            punct = not w.group()[0].isalnum()
            words.append(Word(i, w.group(), w.group().lower(), "PUNCT" if punct else ("VERB" if i == 2 else "NOUN"),
                              "_", "VerbForm=Fin" if i == 2 else "_", 0 if i == 1 else 1,
                              "root" if i == 1 else "dep", w.start(), w.end()))
        sentences.append(Sentence(len(sentences), 0, start, end, tuple(words)))
    return ParsedDocument(text, tuple(sentences), "handmade")


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
