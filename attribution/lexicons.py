"""Word lists shipped as package data (``attribution/lexicons/*.txt`` and ``*.tsv``).

Each file starts with ``#`` lines saying where its entries come from; entries are one per
line, lower-case, and ``#`` starts a comment anywhere.  Files are read once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any


def _lines(filename: str) -> list[str]:
    raw = (resources.files("attribution") / "lexicons" / filename).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> frozenset[str]:
    """The entries of ``lexicons/<name>.txt``, stripped and lower-cased."""
    return frozenset(line.strip().lower() for line in _lines(name + ".txt"))


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``lexicons/<name>.tsv`` (tab-separated; the first row is the header)."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name + ".tsv"))


def alternation(phrases: Iterable[str]) -> str:
    """A regular expression matching any of ``phrases``, the longest where several fit.

    The phrases are merged into a trie ("united states|united kingdom" ->
    "united\\ (?:states|kingdom)"), so each position of the text is tried against one branch per
    letter instead of every phrase in turn: the same matches as a plain longest-first
    alternation, many times faster on lexicons of hundreds of phrases.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return build(trie)
