"""Matching helpers shared by the comparisons of two articles (:mod:`attribution.story` and
the classroom exercise in :mod:`attribution.exercise.compare`).

    canonical("Mr. Kirby") == "kirby"
    overlap("Iran may supply missiles", "Iran may supply Russia with missiles") == 1.0

Both are plain string measures: they know nothing of the parse, so "U.S." and "United
States" differ, and "provided" and "providing" are two words.
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = ["canonical", "overlap", "share"]

_LEADING = re.compile(r"^(?:the|a|an|mr\.?|mrs\.?|ms\.?|dr\.?)\s+", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def canonical(name: str) -> str:
    """A source's name for matching: case-folded, without a leading article or title."""
    return _LEADING.sub("", " ".join(name.split())).lower().rstrip(".")


def overlap(a: str, b: str) -> float:
    """Share of the shorter passage's words that the other holds too (case-folded)."""
    return share(set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower())))


def share(x: Collection[str], y: Collection[str]) -> float:
    """Share of the smaller set's items that the other holds too; 0.0 if either is empty."""
    xs, ys = set(x), set(y)
    return len(xs & ys) / min(len(xs), len(ys)) if xs and ys else 0.0
