"""Sentence breaks after abbreviations that cannot end a sentence are undone (sentences written for this test)."""

from __future__ import annotations

import pytest

from attribution.parse import Parser
from attribution.sentence_breaks import continues, join_broken_sentences


@pytest.mark.parametrize(("previous", "following", "joined"), [
    (["Sen", "."], ["Elizabeth", "Warren", "said", "so", "."], True),
    (["He", "met", "Gov."], ["Brown", "on", "Friday", "."], True),
    (["The", "vote", "is", "at", "3", "p.m."], ["Tuesday", ",", "aides", "said", "."], True),
    (["It", "opens", "at", "9", "a.m."], ["ET", "."], True),
    (["It", "fell", "on", "Oct."], ["3", "."], True),
    (["He", "arrived", "at", "10", "a.m."], ["The", "meeting", "began", "."], False),
    (["The", "answer", "was", "No."], ["He", "left", "."], False),
    (["They", "live", "on", "Main", "St."], ["The", "mayor", "said", "so", "."], False),
    (["Officials", "in", "the", "U.S."], ["Officials", "abroad", "agreed", "."], False),
    (["It", "ended", "."], ["Sen", "."], False),
    (["Smith", "tells"], ["The", "Associated", "Press", "that", "he", "agrees", "."], True),
    (["Rally", "in", "Ohio"], ["The", "crowd", "cheered", "."], False),
    (["He", "paused", "..."], ["Then", "he", "left", "."], False),
])
def test_only_breaks_after_an_abbreviation_that_goes_on_are_undone(previous: list[str], following: list[str],
                                                                   joined: bool) -> None:
    assert continues(previous, following, same_line=True) is joined


def test_a_bare_lower_case_word_ends_no_sentence_only_within_a_line() -> None:
    sentences = [["Smith", "tells"], ["The", "Post", "so", "."]]
    assert join_broken_sentences(sentences, "Smith tells The Post so.") == [["Smith", "tells", "The", "Post", "so", "."]]
    assert join_broken_sentences(sentences, "Smith tells\n\nThe Post so.") == sentences
    assert join_broken_sentences(sentences) == sentences


def test_an_abbreviation_cut_in_two_becomes_one_token_again() -> None:
    sentences = join_broken_sentences([["Sen", "."], ["Warren", "said", "no", "."], [("It's", True), "over", "."]])
    assert sentences == [["Sen.", "Warren", "said", "no", "."], [("It's", True), "over", "."]]


TEXT = ("Sen. Elizabeth Warren said the bill would fail. Rep. Adam Schiff agreed.\n\n"
        "The vote was set for 3 p.m. Tuesday, a spokesman for the committee said.\n\n"
        "He arrived at 10 a.m. The meeting began an hour later.\n\n"
        "Gov. Jerry Brown spoke on Oct. 3 in Washington, aides said. The U.S. Senate passed it.\n\n"
        "Smith tells The Associated Press that he thinks the plan will pass.")


def test_the_parser_keeps_titles_times_and_dates_inside_their_sentence(parser: Parser) -> None:
    document = parser.parse(TEXT)
    sentences = [TEXT[s.start:s.end] for s in document.sentences]
    assert sentences == [
        "Sen. Elizabeth Warren said the bill would fail.", "Rep. Adam Schiff agreed.",
        "The vote was set for 3 p.m. Tuesday, a spokesman for the committee said.",
        "He arrived at 10 a.m.", "The meeting began an hour later.",
        "Gov. Jerry Brown spoke on Oct. 3 in Washington, aides said.", "The U.S. Senate passed it.",
        "Smith tells The Associated Press that he thinks the plan will pass.",
    ]
    first = document.sentences[0].words
    assert first[0].text == "Sen." and TEXT[first[0].start:first[0].end] == "Sen."
