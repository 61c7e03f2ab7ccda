"""Lexicon helpers: the trie alternation matches exactly what a longest-first alternation does."""

from __future__ import annotations

import random
import re

import pytest

from attribution.lexicons import alternation, load_table


def plain(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@pytest.mark.parametrize("seed", range(5))
def test_trie_alternation_finds_the_same_matches(seed: int) -> None:
    rng = random.Random(seed)
    words = ["us", "u.s.", "united", "states", "state", "kingdom", "iran", "ira", "iraq", "un", "new", "york"]
    phrases = sorted({" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(40)})
    text = " ".join(rng.choices(words + ["and", "the", "U.S.", "UN", "Iraq's"], k=400))
    for flags in (0, re.I):
        expected = [(m.start(), m.group()) for m in
                    re.finditer(rf"(?<![\w.])(?:{plain(phrases)})(?!\w)", text, flags)]
        found = [(m.start(), m.group()) for m in
                 re.finditer(rf"(?<![\w.])(?:{alternation(phrases)})(?!\w)", text, flags)]
        assert found == expected and expected


def test_outlet_names_table_has_a_name_and_aliases_per_row() -> None:
    rows = load_table("outlet_names")
    assert rows[0] == ("name", "aliases")
    assert all(len(row) == 2 and row[0] and row[1] for row in rows[1:])
