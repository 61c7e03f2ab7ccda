"""Word lists shipped as package data (``attribution/lexicons/*.txt`` and ``*.tsv``).

Each file starts with ``#`` lines saying where its entries come from; entries are one per
line, lower-case, and ``#`` starts a comment anywhere.  Files are read once per process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


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
