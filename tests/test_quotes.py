"""Quote-mark pairing over raw text (no parser needed)."""

from __future__ import annotations

import pytest

from attribution.extract import quotes


def pieces(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.pieces] for q in quotes.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("\u201cWe are,\u201d he said, \u201cconcerned.\u201d", [["\u201cWe are,\u201d"], ["\u201cconcerned.\u201d"]]),
    ('"We are," he said, "concerned."', [['"We are,"'], ['"concerned."']]),
    ("''It was fine,'' she said.", [["''It was fine,''"]]),
    ('Mixed \u201cmarks here," he said.', [['\u201cmarks here,"']]),
    # A quote that runs over two paragraphs: only the last one closes.
    ("\u201cFirst part of it.\n\n\u201cSecond part.\u201d", [["\u201cFirst part of it.", "\u201cSecond part.\u201d"]]),
])
def test_pairs(text: str, expected: list[list[str]]) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize("text", [
    "A stray \u201d closing mark and an \u201copening one never closed.",
    '"',
    "\u201c\u201c\u201d\u201d\u201d",
    "\u201cOpen at the end of a paragraph\nthat the next one does not continue.",
    "",
])
def test_unbalanced_marks_never_crash(text: str) -> None:
    for q in quotes.find(text):
        assert all(0 <= s < e <= len(text) for s, e in q.pieces)


def test_unclosed_quote_is_skipped() -> None:
    assert pieces("An \u201copening one never closed.\nNext line.") == []


@pytest.mark.parametrize("text, scare", [
    ("He had reached a \u201cnew low\u201d on Monday.", True),
    ("It was \u201cextremely careless\u201d of her.", True),
    ("\u201cWe are concerned,\u201d he said.", False),
    ("\u201cNo.\u201d", False),
])
def test_scare_quotes(text: str, scare: bool) -> None:
    (q,) = quotes.find(text)
    assert q.is_scare_quote(text) is scare
