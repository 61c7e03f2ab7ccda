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
        origin: "site" (the web page's site name), "text" (a dateline or site name), "folder"
            or "none".
        evidence: the line or folder it was read from, for the per-article table.
    """

    name: str
    origin: str
    evidence: str = ""


@dataclass(frozen=True)
class _Spellings:
    """Every spelling of every known outlet, mapped to the outlet's rank in the lexicon (the
    first listed wins where two outlets share a spelling or both fit a line)."""

    names: tuple[str, ...]
    exact: dict[str, int]      # capitals-only spellings ("AP", "NPR"): matched as written
    folded: dict[str, int]     # the others, matched in any case

    def rank(self, phrase: str) -> int | None:
        phrase = phrase.strip()
        ranks = []
        for candidate in (phrase, phrase[:-1].rstrip()) if phrase.endswith(".") else (phrase,):
            ranks += [r for r in (self.exact.get(candidate), self.folded.get(candidate.casefold())) if r is not None]
        return min(ranks, default=None)


@lru_cache(maxsize=1)
def _spellings() -> _Spellings:
    names: list[str] = []
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    for rank, (name, aliases) in enumerate(load_table("outlet_names")[1:]):
        names.append(name)
        for spelling in {a.strip() for a in aliases.split("|") if a.strip()} | {name}:
            if spelling.isupper():
                exact.setdefault(spelling, rank)
            else:
                folded.setdefault(spelling.casefold(), rank)
    return _Spellings(tuple(names), exact, folded)


# "WASHINGTON (AP) —": up to 60 characters with no parenthesis, the outlet in parentheses,
# then a dash or colon.
_DATELINE = re.compile(r"^[^()\n]{0,60}?\(([^()\n]{1,60})\)\s*(?:[\u2014\u2013:-]|--)")
_COPYRIGHT = re.compile(r"^(?:(?i:copyright)|\u00a9)\s*(?:\d{4}\s*)?(?:[-,]\s*\d{4}\s*)?(.+)$")
_SEPARATORS = "|\u2014\u2013-"


def _dateline_outlet(line: str) -> int | None:
    found = _DATELINE.match(line)
    return _spellings().rank(found.group(1)) if found else None


def _site_outlet(line: str) -> int | None:
    """The outlet a site-name line names: the whole line ("POLITICO"), the line before a
    "|" section ("CNN | Politics"), the part after a separator ending a title ("Senate passes
    the bill - The Washington Post"), or a copyright line ("\u00a9 2024 Reuters")."""
    spellings = _spellings()
    line = line.strip()
    phrases = [line]
    head, bar, section = line.partition("|")
    if bar and len(section.strip().rstrip(".").rstrip()) <= 40:
        phrases.append(head)
    for i, char in enumerate(line):
        if char in _SEPARATORS and 0 < i <= 201 and line[i - 1].isspace():
            phrases.append(line[i + 1:])
    copyright_line = _COPYRIGHT.match(line)
    if copyright_line:
        phrases.append(copyright_line.group(1))
    return min((r for r in map(spellings.rank, phrases) if r is not None), default=None)


def from_text(text: str) -> Outlet | None:
    """The outlet the text names in a dateline or site-name line, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    names = _spellings().names
    for line in lines[:_DATELINE_LINES]:
        rank = _dateline_outlet(line)
        if rank is not None:
            return Outlet(names[rank], "text", _clip(line))
    for line in lines[:_HEADER_LINES] + lines[-_HEADER_LINES:]:
        if len(line) > 250:
            continue
        rank = _site_outlet(line)
        if rank is not None:
            return Outlet(names[rank], "text", _clip(line))
    return None


def from_folder(path: Path | str) -> Outlet | None:
    """The parent folder's name, when it is not a generic one."""
    folder = Path(path).expanduser().resolve().parent.name if str(path) else ""
    if folder.lower() in _GENERIC_FOLDERS:
        return None
    return Outlet(folder, "folder", folder)


def from_site(site: str | None) -> Outlet | None:
    """The outlet a web page names as its site ("The Washington Post", "apnews.com"): a known
    outlet's name when the site is one of its spellings, else the site as the page gives it."""
    site = (site or "").strip()
    if not site:
        return None
    spellings = _spellings()
    host = site.lower().removeprefix("www.")
    candidates = [site, host.rsplit(".", 1)[0]] if "." in host and " " not in host else [site]
    rank = min((r for r in map(spellings.rank, candidates) if r is not None), default=None)
    return Outlet(spellings.names[rank] if rank is not None else site, "site", _clip(site))


def detect(text: str, path: Path | str | None = None, site: str | None = None) -> Outlet:
    """The outlet of an article: its web page's site (when read from a page), else stated in
    the text, else its folder's name, else "unknown"."""
    found = from_site(site) or from_text(text)
    if found is None and path is not None:
        found = from_folder(path)
    return found or Outlet("unknown", "none")


def _clip(line: str, width: int = 80) -> str:
    return line if len(line) <= width else line[: width - 1] + "\u2026"
