"""Site clutter in pasted article text: menus, link lists, rating prompts, photo captions.

Text copied from a news page carries the page around the article: navigation ("Menu",
"Home > News"), "Related"/"Ranking"/"Recommended" headline lists, "Previous Article" links,
star-rating and share prompts, bylines and timestamps, and photo captions ending in a credit
such as "(AP Photo/Jane Doe)" or "(Getty Images)".  :func:`find` marks those lines so that they
are neither parsed nor mined for attributions; it never edits the text, so every offset into
the rest of the article stays exact.

The rules are generic line shapes (the phrases live in ``lexicons/clutter_*.txt``), not the
strings of particular sites.  Known limits: a caption without a credit or a "FILE" tag reads as
an ordinary paragraph; an inline "Read more" link inside a paragraph is not cut out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicons import load_lexicon
from .parse import paragraph_spans
from .results import Clutter

# A photo credit closing a line: "(AP Photo/Evan Vucci)", "(Drew Angerer/Getty Images)",
# "(Reuters)", "(Photo by X/AFP via Getty Images)", "Photo: X/Reuters".
_CREDIT = re.compile(
    r"""(\(\s*(?:[^()]{0,80}/)?\s*(?:AP|AFP|Getty\s+Images|Reuters|EPA|Bloomberg|Shutterstock|
         Xinhua|UPI|Pool|File|[^()]{0,60}\bPhoto(?:s|graph)?\b[^()]{0,60})\s*(?:,\s*File)?\s*\)
         |\b(?:Photo|Image|Credit)\s*(?:credit)?\s*:\s*[^.]{0,80})\s*\.?\s*$""",
    re.X | re.I)
_FILE_CAPTION = re.compile(r"^\s*(?:FILE|IN\s+THIS\s+PHOTO|PHOTO)\s*[\u2013\u2014:-]", re.I)
_BREADCRUMB = re.compile(r"^(?:[\w&:'. -]{1,30}\s*[>\u00bb\u203a]\s*)+\S")
# A line that is only a date or a time, perhaps labelled ("Date:2025-04-07 06:19:27").
_TIMESTAMP = re.compile(
    r"^\s*(?:(?:Date|Published|Updated|Posted|Last\s+updated)\s*:?\s*)?"
    r"(?:\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?|\d\d?:\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\.?|"
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+\w+\.?\s+\d\d?,?\s+\d{4}.{0,25})\s*$", re.I)
_DATE_PREFIX = re.compile(r"^\s*(?:Date|Published|Updated|Posted|Last\s+updated)\s*:", re.I)
# "veryGood! (76)", "Average rating 4.5 / 5. Vote count: 12": short lines only.
_RATING = re.compile(r"^\s*\w+!?\s*\(\d+\)\s*$|\b\d+(?:\.\d+)?\s*/\s*5\b|\bvote count\s*:", re.I)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*(?:,|and)\s*.*)?$")
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this )?(?:report|reporting|story)\b", re.I)
# Several capitalised words run together with no space ("NewsPoliticsTop Story"): a menu.
_RUN_TOGETHER = re.compile(r"^(?:[A-Z][a-z]+){3,}")
_SENTENCE = re.compile(r"[.!?][\"\u201d')\]]*\s*$")

# A wire dateline opening the first paragraph: "WASHINGTON (AP) — ", "Dec 29 (Reuters) - ",
# "NEW YORK, Nov. 19 (UPI) — ", "(CNN) — ", "WASHINGTON — ".  Cut off before parsing, or the
# parser reads the place as the subject of the first sentence and the dash as a speech cue.
_WIRE = r"AP|Reuters|AFP|UPI|CNN|Bloomberg|Xinhua|TASS|dpa|ANSA|PA|EFE|Kyodo|Yonhap|Interfax|CNS|RNS|JTA"
_DATELINE = re.compile(
    rf"""^(?:[A-Z][\w.'’-]*(?:[ ,]+[\w.'’-]+){{0,5}}\s*)?\(\s*(?:{_WIRE})\s*\)\s*(?:--|[—–-])\s*
        |^[A-Z]{{3,}}[A-Z.'’-]*(?:[ ,]+[A-Z][A-Z.'’-]+){{0,4}}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+){{0,2}})?
         (?:,\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?\s*(?:--|[—–])\s*(?=[A-Z"“‘'])""", re.X)

# A headline list item is shorter than this; a list ends at the first longer line.
_MAX_ITEM = 200


def _normal(line: str) -> str:
    return re.sub(r"[^\w ]+", "", line).strip().lower()


def _is_list_heading(line: str) -> bool:
    return _normal(line) in load_lexicon("clutter_list_headings")


def _line_reason(line: str) -> str | None:
    """Why a single line is clutter on its own, or None."""
    norm = _normal(line)
    if not norm:
        return "symbols"
    if norm in load_lexicon("clutter_lines"):
        return "navigation"
    if len(line) < 160 and any(norm == prefix or norm.startswith(prefix + " ")
                               for prefix in load_lexicon("clutter_prefixes")):
        return "prompt"
    if _CREDIT.search(line) or _FILE_CAPTION.match(line):
        return "photo caption"
    if _BREADCRUMB.search(line):
        return "breadcrumb"
    if _TIMESTAMP.match(line) or _DATE_PREFIX.match(line):
        return "timestamp"
    if _RATING.search(line) and len(line) < 80:
        return "rating"
    if _BYLINE.match(line) or (_CONTRIBUTED.search(line) and len(line) < 200):
        return "byline"
    if _RUN_TOGETHER.match(line.strip()) and len(line.split()) <= 4:
        return "navigation"
    return None


def find(text: str, paragraphs: Iterable[tuple[int, int]] | None = None) -> tuple[Clutter, ...]:
    """The clutter regions of ``text``, one per line (or run of list lines), in text order.

    Args:
        text: the article text as read.
        paragraphs: the line spans to judge (default: every non-blank line, trimmed).

    Returns:
        :class:`~attribution.results.Clutter` regions; ``text[c.start:c.end] == c.text``.
    """
    lines = list(paragraphs) if paragraphs is not None else paragraph_spans(text)
    out: list[Clutter] = []
    in_list: str | None = None
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        reason = _line_reason(line)
        if reason is None and _is_list_heading(line):
            in_list = _normal(line)
            reason = "list heading"
        elif reason is None and in_list is not None:
            if len(line) <= _MAX_ITEM:
                reason = f"{in_list} list"
            else:
                in_list = None
        elif reason is None:
            in_list = None
        if reason is None and number > 0 and _normal(text[slice(*lines[number - 1])]) in \
                load_lexicon("clutter_link_labels") and len(line) <= _MAX_ITEM and not _SENTENCE.search(line):
            reason = "link"
        if reason is not None:
            out.append(Clutter(start, end, line, reason))
        elif (dateline := _DATELINE.match(line)) and dateline.end() < len(line):
            out.append(Clutter(start, start + dateline.end(), dateline.group(), "dateline"))
    return tuple(out)


def keep(text: str, clutter: Iterable[Clutter], paragraphs: Iterable[tuple[int, int]] | None = None
         ) -> tuple[tuple[int, int], ...]:
    """The paragraph spans that are not clutter: what to parse.

    A line that only starts with clutter (a dateline) keeps the rest of it.
    """
    found = list(clutter)
    dropped = {(c.start, c.end) for c in found}
    openings = {c.start: c.end for c in found}
    lines = list(paragraphs) if paragraphs is not None else paragraph_spans(text)
    kept = []
    for start, end in lines:
        if (start, end) in dropped:
            continue
        if start in openings and openings[start] < end:
            start = openings[start]
        kept.append((start, end))
    return tuple(kept)
