"""Readability formulas on an article's body: the only textstat import.

    from attribution import readability
    print(readability.measure(text, clutter).flesch_reading_ease)

The body is the article text with site clutter (menus, link lists, captions) cut out; each
kept region becomes a paragraph, so a menu's last word never runs into the first sentence.

Known limits: the formulas count syllables and sentence lengths only; headlines and list
items without a full stop run into the next sentence and make the text look harder than it is.
"""

from __future__ import annotations

from collections.abc import Iterable

import textstat

from .assessment import Readability
from .clutter import keep
from .results import Clutter

__all__ = ["METHOD", "measure", "body"]

# Names the figures' maker, so cached figures (attribution.cache) from another version are not reused.
_VERSION = textstat.__version__
METHOD = "readability/textstat-" + (".".join(map(str, _VERSION)) if isinstance(_VERSION, tuple) else str(_VERSION))


def body(text: str, clutter: Iterable[Clutter] = ()) -> str:
    """The article text without its clutter regions, paragraphs separated by blank lines."""
    return "\n\n".join(text[s:e].strip() for s, e in keep(text, list(clutter)) if text[s:e].strip())


def measure(text: str, clutter: Iterable[Clutter] = ()) -> Readability:
    """Flesch reading ease, Flesch-Kincaid grade, Gunning fog and Coleman-Liau on the body.

    An empty body scores 0 everywhere (textstat's own convention for empty text).
    """
    content = body(text, clutter)
    textstat.set_lang("en_US")
    return Readability(
        flesch_reading_ease=float(textstat.flesch_reading_ease(content)),
        flesch_kincaid_grade=float(textstat.flesch_kincaid_grade(content)),
        gunning_fog=float(textstat.gunning_fog(content)),
        coleman_liau_index=float(textstat.coleman_liau_index(content)),
        words=int(textstat.lexicon_count(content)),
        sentences=int(textstat.sentence_count(content)) if content.strip() else 0,
    )
