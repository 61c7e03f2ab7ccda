"""Which outlet published an article, when no manifest says: from its text, else its folder.

An article often names its outlet itself:

* in a wire dateline opening the story: "WASHINGTON (AP) —", "(CNN) —", "NEW YORK, Nov. 19
  (UPI) —";
* as the site name heading or closing the pasted page: a line that is only the name, or
  ends in "| CNN" / "- The Washington Post", or a "© 2024 Reuters" / "Copyright ... Reuters"
  line.

Only those places are read: an outlet named in the body ("told Fox News") is a source, not
the publisher.  A dateline names who wrote the story, so wire copy run by a newspaper is
grouped under the wire; give a manifest to group by publisher instead.  Known outlets are
listed in ``lexicons/outlet_names.tsv``.

Without either, the parent folder's name is used (``corpus/cnn/story.txt`` -> "cnn"), unless it
is a generic one ("articles", "text", "data"...); else the outlet is "unknown".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicons import load_table

# Lines at each end of the text searched for a site name, and at the top for a dateline.
_HEADER_LINES = 6
_DATELINE_LINES = 15
# Folder names that say nothing about the outlet.
_GENERIC_FOLDERS = frozenset({
    "", ".", "..", "articles", "article", "text", "texts", "txt", "data", "input", "inputs", "corpus",
    "raw", "docs", "documents", "files", "news", "stories", "samples", "sample", "seeds", "tmp", "train",
    "dev", "test", "download", "downloads"})


@dataclass(frozen=True)
class Outlet:
    """The outlet an article is grouped under, and where that was read.

    Attributes:
        name: the outlet's name ("AP", "The Washington Post"), the folder's name, or "unknown".
        origin: "text" (a dateline or site name), "folder" or "none".
        evidence: the line or folder it was read from, for the per-article table.
    """

    name: str
    origin: str
    evidence: str = ""


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """(name, dateline pattern, site-name line pattern) per known outlet."""
    rows = load_table("outlet_names")[1:]
    out = []
    for name, aliases in rows:
        spellings = sorted({a.strip() for a in aliases.split("|") if a.strip()} | {name}, key=len, reverse=True)
        alternatives = "|".join(
            re.escape(a) if a.isupper() else f"(?i:{re.escape(a)})" for a in spellings)
        dateline = re.compile(rf"^(?:[^()\n]{{0,60}}?)\(\s*(?:{alternatives})\s*\)\s*(?:[\u2014\u2013:-]|--)")
        site = re.compile(
            rf"^\s*(?:(?:{alternatives})\s*(?:\|.{{0,40}})?"                  # "CNN | Politics", "CNN"
            rf"|.{{0,200}}\s[|\u2014\u2013-]\s*(?:{alternatives})"                # "Title - The Washington Post"
            rf"|(?:(?i:copyright)|\u00a9)\s*(?:\d{{4}}\s*)?(?:[-,]\s*\d{{4}}\s*)?(?:{alternatives}))"
            rf"\s*\.?\s*$")
        out.append((name, dateline, site))
    return tuple(out)


def from_text(text: str) -> Outlet | None:
    """The outlet the text names in a dateline or site-name line, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_DATELINE_LINES]:
        for name, dateline, _ in _patterns():
            if dateline.search(line):
                return Outlet(name, "text", _clip(line))
    for line in lines[:_HEADER_LINES] + lines[-_HEADER_LINES:]:
        if len(line) > 250:
            continue
        for name, _, site in _patterns():
            if site.match(line):
                return Outlet(name, "text", _clip(line))
    return None


def from_folder(path: Path | str) -> Outlet | None:
    """The parent folder's name, when it is not a generic one."""
    folder = Path(path).expanduser().resolve().parent.name if str(path) else ""
    if folder.lower() in _GENERIC_FOLDERS:
        return None
    return Outlet(folder, "folder", folder)


def detect(text: str, path: Path | str | None = None) -> Outlet:
    """The outlet of an article: stated in the text, else its folder's name, else "unknown"."""
    found = from_text(text)
    if found is None and path is not None:
        found = from_folder(path)
    return found or Outlet("unknown", "none")


def _clip(line: str, width: int = 80) -> str:
    return line if len(line) <= width else line[: width - 1] + "\u2026"
