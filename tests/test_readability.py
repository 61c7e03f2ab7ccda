"""Readability on the article body, clutter left out (textstat, offline)."""

from __future__ import annotations

from attribution import readability
from attribution.clutter import find

TEXT = ("Home\nShare this article\n"
        "The cat sat on the mat. It was a warm day. The dog slept in the sun.\n"
        "Previous Article\nIncomprehensible institutionalisation characteristically overwhelms "
        "unsuspecting constituencies\n")


def test_body_leaves_clutter_out() -> None:
    body = readability.body(TEXT, find(TEXT))
    assert "Share this article" not in body and "Home" not in body
    assert "The cat sat on the mat." in body


def test_plain_text_reads_easily() -> None:
    r = readability.measure(TEXT, find(TEXT))
    assert r.flesch_reading_ease > 90 and r.ease_label == "very easy"
    assert r.flesch_kincaid_grade < 3
    assert r.words == 17 and r.sentences == 3
    assert set(r.to_dict()) == {"flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog",
                                "coleman_liau_index", "words", "sentences", "ease_label"}


def test_clutter_would_change_the_numbers() -> None:
    assert readability.measure(TEXT).flesch_reading_ease < readability.measure(TEXT, find(TEXT)).flesch_reading_ease


def test_empty_body() -> None:
    r = readability.measure("")
    assert r.words == 0 and r.sentences == 0
