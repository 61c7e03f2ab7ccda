"""Extraction on short sentences written for these tests: sentence -> (source, cue, content) rows.

The sentences are parsed once with the bundled models and stored as CoNLL-U in
tests/data/extract/<case>.conllu, so these tests run without a model.  After changing a
sentence or the models, regenerate with

    python tests/test_extract.py --regenerate

(ATTRIBUTION_MODELS=<folder> picks other models.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import stored_parses

from attribution import extract
from attribution.parse import from_conllu
from attribution.results import Attribution

DATA = Path(__file__).parent / "data" / "extract"

# case id -> article text (our own sentences; never news text we do not own).
TEXTS = {
    "said_after": "\u201cWe are concerned about the transfer,\u201d Kirby said.",
    "said_inverted_title": "\u201cAny transfer would be a significant escalation,\u201d said National Security "
                           "Council spokesman Sean Savett.",
    "split_quote": "\u201cWe are,\u201d he said, \u201cvery concerned.\u201d",
    "straight_marks": '"The talks will resume next week," the minister said.',
    "told_reporters": "Kirby told reporters that Russia was offering unprecedented cooperation.",
    "in_a_statement": "The ministry said in a statement that the drones were shot down.",
    "according_to": "Iran has transferred missiles to Russia, according to two sources familiar with the matter.",
    "read_statement": "\u201cIran considers such assistance inhumane,\u201d read a statement from Iran\u2019s UN mission.",
    "appositive": "Hugh Hill, a doctor at the clinic, said the hospital was full.",
    "colon": "Kirby added: \u201cWe are watching this very closely.\u201d",
    "anonymous_reason": "The officials, speaking on condition of anonymity because they were not authorized "
                        "to discuss the matter, confirmed that the talks had failed.",
    "person_briefed": "A person briefed on the talks said no deal had been reached.",
    "us_officials": "U.S. officials say Iran has also provided artillery shells.",
    "pronoun": "CIA Director William Burns spoke in London on Monday. He said the cooperation poses a threat.",
    "short_name": "John Kirby spoke on Tuesday. Mr. Kirby noted that Iran is looking to buy jets.",
    "multi_paragraph": "\u201cWe will not stop,\u201d Kirby said. \u201cWe never do.\n"
                       "\u201cAnd we will keep talking to our allies.\u201d",
    "floating": "Kirby said the talks had failed on Tuesday.\n"
                "The meeting ended early.\n"
                "\u201cWe will try again next month, with or without them.\u201d",
    "scare_quote": "The senator described the plan as a \u201cnew low\u201d for the party.",
    "believes": "The United States believes Iran has transferred short-range missiles to Russia.",
    "talked_about": "The senator often talks about the border wall.",
    "said_appositive": "\u201cWe will win this race,\u201d said Ann Lee, a county organizer for the party.",
    "weak_nested": "The spokesman said the minister sees the vote as a test of trust.",
    "speaker_opener": "On Monday, at a rally in Ohio, the governor said taxes would fall.",
    "reports_colon": "The Valley Gazette reports:\n\n\u201cThe dam will hold through the spring, engineers say, "
                     "and the council has the money to repair it.\u201d",
    "that_then_noting": "On Monday, the county water board said in a statement that its crews repaired 14 pipes "
                        "damaged by storms in an overnight operation, noting a second main was also cracked "
                        "near the reservoir but failed to leak.",
    "colon_no_cue": "The council met on Monday. Here is the motion in full:\n\n\u201cThe council shall meet "
                    "every week until the dam is repaired.\u201d",
}


def parse_case(case: str):
    text = TEXTS[case]
    return from_conllu(text, (DATA / f"{case}.conllu").read_text(encoding="utf-8"))


def run(case: str) -> tuple[str, tuple[Attribution, ...]]:
    return TEXTS[case], extract.attributions(parse_case(case))


def rows(found: tuple[Attribution, ...]) -> list[tuple[str | None, str | None, list[str]]]:
    return [(a.source.text if a.source else None, a.cue.text if a.cue else None,
             [c.text for c in a.content]) for a in found]


@pytest.mark.parametrize("case, expected", [
    ("said_after", [("Kirby", "said", ["\u201cWe are concerned about the transfer,\u201d"])]),
    ("said_inverted_title", [("National Security Council spokesman Sean Savett", "said",
                              ["\u201cAny transfer would be a significant escalation,\u201d"])]),
    ("split_quote", [("he", "said", ["\u201cWe are,\u201d", "\u201cvery concerned.\u201d"])]),
    ("straight_marks", [("the minister", "said", ['"The talks will resume next week,"'])]),
    ("told_reporters", [("Kirby", "told", ["that Russia was offering unprecedented cooperation"])]),
    ("in_a_statement", [("The ministry", "said", ["that the drones were shot down"])]),
    ("according_to", [("two sources familiar with the matter", "according to",
                       ["Iran has transferred missiles to Russia"])]),
    ("read_statement", [("a statement from Iran\u2019s UN mission", "read",
                         ["\u201cIran considers such assistance inhumane,\u201d"])]),
    ("appositive", [("Hugh Hill, a doctor at the clinic", "said", ["the hospital was full"])]),
    ("colon", [("Kirby", "added", ["\u201cWe are watching this very closely.\u201d"])]),
    ("person_briefed", [("A person briefed on the talks", "said", ["no deal had been reached"])]),
    ("us_officials", [("U.S. officials", "say", ["Iran has also provided artillery shells"])]),
    ("multi_paragraph", [("Kirby", "said", ["\u201cWe will not stop,\u201d", "\u201cWe never do.",
                                            "\u201cAnd we will keep talking to our allies.\u201d"])]),
    # A verb of saying with its preposition: the prepositional object is the content.
    ("talked_about", [("The senator", "talks", ["the border wall"])]),
    # The description after an inverted speaker's name is part of the source.
    ("said_appositive", [("Ann Lee, a county organizer for the party", "said",
                          ["\u201cWe will win this race,\u201d"])]),
    # A weak cue with a bare object inside what was said stays part of the content.
    ("weak_nested", [("The spokesman", "said", ["the minister sees the vote as a test of trust"])]),
    ("speaker_opener", [("the governor", "said", ["taxes would fall"])]),
    # A reporting line ending in a colon introduces the quoted passage of the next paragraph.
    ("that_then_noting", [("the county water board", "said", ["that its crews repaired 14 pipes damaged by storms "
                                                              "in an overnight operation"]),
                          ("the county water board", "noting", ["a second main was also cracked near the reservoir "
                                                                "but failed to leak"])]),
    ("reports_colon", [("The Valley Gazette", "reports", ["\u201cThe dam will hold through the spring, engineers "
                                                          "say, and the council has the money to repair it.\u201d"])]),
    pytest.param("believes", [("The United States", "believes",
                               ["Iran has transferred short-range missiles to Russia"])],
                 marks=pytest.mark.xfail(reason="the quick parser tags 'believes' as a noun subject here; "
                                                "verb-only cues miss it", strict=False)),
])
def test_rows(case: str, expected: list[tuple[str | None, str | None, list[str]]]) -> None:
    _, found = run(case)
    assert rows(found) == expected


def test_offsets_index_the_text() -> None:
    for case in TEXTS:
        text, found = run(case)
        for a in found:
            for span in [a.cue, a.source, a.anonymity_reason, *a.content]:
                if span is not None:
                    assert text[span.start:span.end] == span.text


def test_kinds() -> None:
    assert run("said_after")[1][0].kind == "direct"
    assert run("told_reporters")[1][0].kind == "indirect"
    assert run("according_to")[1][0].kind == "according_to"


def test_anonymous_count() -> None:
    (a,) = run("according_to")[1]
    assert a.anonymous and a.source_type == "anonymous" and a.speaker_count == 2
    (b,) = run("person_briefed")[1]
    assert b.anonymous and b.speaker_count == 1
    (c,) = run("us_officials")[1]
    assert c.anonymous


def test_anonymity_reason() -> None:
    (a,) = run("anonymous_reason")[1]
    assert a.anonymous
    assert a.anonymity_reason is not None
    assert a.anonymity_reason.text == "because they were not authorized to discuss the matter"


def test_pronoun_resolved_to_earlier_name() -> None:
    found = run("pronoun")[1]
    said = [a for a in found if a.cue and a.cue.text == "said"]
    assert said[0].source and said[0].source.text == "He"
    assert said[0].canonical_source == "William Burns"


def test_short_name_resolved_to_full_name() -> None:
    found = run("short_name")[1]
    noted = [a for a in found if a.cue and a.cue.text == "noted"]
    assert noted[0].canonical_source == "John Kirby"
    assert noted[0].source_type == "named"


def test_titles_kept_in_source_but_not_in_canonical() -> None:
    (a,) = run("said_inverted_title")[1]
    assert a.canonical_source == "Sean Savett"


def test_floating_quote_carries_on_previous_speaker() -> None:
    found = run("floating")[1]
    floating = [a for a in found if a.kind == "floating"]
    assert len(floating) == 1
    assert floating[0].cue is None
    assert floating[0].canonical_source == "Kirby"
    assert floating[0].continues == found[0].id


def test_scare_quote_is_not_a_quotation() -> None:
    found = run("scare_quote")[1]
    assert not any(a.kind == "direct" for a in found)
    assert not any([c.text for c in a.content] == ["\u201cnew low\u201d"] for a in found)


def test_a_that_clause_hung_on_as_adverbial_stays_what_was_said_and_the_participle_reports_the_rest() -> None:
    # The same sentence as "that_then_noting" with the misparse the bundled parser gave a news
    # sentence of this shape (written by hand, not regenerated): the "that" clause hung on
    # "said" as adverbial, the clause after "noting" made the complement of "said", and
    # "noting" hung on that clause.
    text = TEXTS["that_then_noting"]
    misparsed = from_conllu(text, (DATA / "that_then_noting_misparsed.conllu").read_text(encoding="utf-8"))
    assert rows(extract.attributions(misparsed)) == [
        ("the county water board", "said", ["that its crews repaired 14 pipes damaged by storms in an overnight operation"]),
        ("the county water board", "noting", ["a second main was also cracked near the reservoir but failed to leak"])]


def test_a_colon_without_a_reporting_word_gives_the_passage_no_cue() -> None:
    found = run("colon_no_cue")[1]
    assert not any(a.cue is not None and a.cue.text in ("Here", "is", "motion") for a in found)


def test_no_attribution_without_cue() -> None:
    from attribution.parse import from_conllu as read
    assert extract.attributions(read("", "")) == ()


if __name__ == "__main__":
    if "--regenerate" in sys.argv:
        stored_parses.regenerate(TEXTS, DATA)
