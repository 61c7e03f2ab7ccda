"""The classes of false attribution a reader spots at once, on sentences written for these tests.

Each class from issue 14 has sentences of its own: verbs of wanting or acting with nothing
reported, one content counted twice under two cues, a month or a headline's first word taken
for the speaker, and content cut short by a nested cue.  Also: the trained cue classifier's
evidence in the output, and the quote index that keeps extraction linear.

The sentences are parsed once with the bundled models and stored as CoNLL-U in
tests/data/extract_classes/<case>.conllu, so these tests need no parser.  After changing a
sentence or the models, regenerate with ``python tests/test_extract_classes.py --regenerate``.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import stored_parses

from attribution import extract
from attribution.extract import cue_model, speech
from attribution.extract.quotes import QuoteIndex, find
from attribution.extract.tree import Tree
from attribution.parse import from_conllu
from attribution.results import SCHEMA_VERSION, Attribution

DATA = Path(__file__).parent / "data" / "extract_classes"

# Our own sentences; never news text we do not own.
TEXTS = {
    "wanted_to_deny": "The company has long wanted to be able to deny any role in the deal.",
    "plans_to_discuss": "The mayor plans to discuss the budget with the council next week.",
    "shows_desperation": "The late change of coach shows desperation at the club.",
    "not_supporting": "The donors want to make sure they are not inadvertently supporting the rebels.",
    "denied_claims": "Both unions have denied claims that the strike was planned months in advance.",
    "month_opener": "Last May, the city council said the old bridge would close for repairs.",
    "headline_word": "Denver: Old bridge to close for a year of repairs\n\n"
                     "The old bridge will close in June, the city council said on Tuesday.",
    "added_that": "The agency added that the mayor urges drivers to avoid the bridge during the works.",
    "wants_quote": "The mayor wants \u201ca bridge that lasts a hundred years\u201d for the city.",
    "said_that": "The coach said that the team would train twice a day until the final.",
    "many_said": "Many said they would ride the new tram to work.",
    "carried_on": "The coach said the team was ready for the final.\n\n"
                  "\u201cWe have trained for this all year and nobody is afraid of them.\u201d",
    "was_told": "The mayor was told that the bridge would not reopen before the winter.",
    "is_concerned": "The mayor is concerned that the bridge will not reopen before the winter.",
    "poll_shows": "A new poll shows the mayor leading the race by ten points.",
    "change_shows": "The sudden change of plan shows panic in the mayor's office.",
    "reported_by": "The closure of the bridge was first reported by the local radio station.",
    "to_comment_on": "The coach went on local radio to comment on the injury of his captain.",
    "surface_speaker": "On Tuesday, Ann Lee, chair of the Parks and Recreation Board, said the pool would reopen.",
    "said_comma_quote": "A reporter asked for a comment and the senator said, \u201cas long as we are not breaking "
                        "any rules.\u201d",
    "said_no": "Asked on Tuesday whether he would run again, the mayor shook his head and said, \u201cNo.\u201d",
    "as_noted": "As the newspaper noted last week, the senator raised more than $1 million from the industry.",
    "as_reported": "As The Daily Planet previously reported, the mayor is the top recipient of donations.",
    "too_early_to_tell": "As she said, it is too early to tell.",
    "supported_measure": "The senator supported the measure when it came to a vote.",
    "poll_two_subjects": "The latest Acme/Zeta poll showed the mayor leading the field with 31 percent.",
    "he_added": "The senator, who is not taking money from lobbyists, fits that description for many voters, "
                "he added.",
    "urged_not_to": "Harman, now director of a research center, urged the president last year not to close the "
                    "prison until there was a plan.",
    "said_name_who": "\u201cWe were ready for this,\u201d said Stuart Lane, who was the team\u2019s top adviser in 2012.",
    "made_the_remarks": "The coach made the remarks as the club has been pressing the league to change the rules.",
    "made_assessment_that": "The agency made the assessment that the bridge had failed.",
    "in_which_say": "She will face an electorate in which 67 percent of voters say she is not honest.",
    "said_name_appositive": "''The new tax is a good idea on paper,'' said Douglas Hart-Emmons, a former adviser to "
                            "the governor.",
    "said_hyphenated_name": "''It will not pass this year,'' said Mary Lane-Smith.",
    "inverted_over_nested": "The city council voiced concern Tuesday that the state may cut funding for its buses, a "
                            "step that likely would be disastrous for the poorest riders, a city transport official "
                            "said.",
    "familiar_after": "The company will cut 500 jobs next month, a person familiar with the plan said.",
    "close_to_after": "The company will cut 500 jobs next month, two people close to the talks said.",
    "close_to_before": "A person close to the mayor said she would not run again.",
    "close_to_told": "Two people close to the mayor were told that the plant would close.",
    "says_object_first": "The mayor says the city's reliance on coal, as well as gas \u2014 fuels long out of favor "
                         "with voters \u2014 shows poor planning.",
    "released_in": "A state audit released in March found that the agency had lost track of the funds.",
}


def parse_case(case: str):  # type: ignore[no-untyped-def]
    return from_conllu(TEXTS[case], (DATA / f"{case}.conllu").read_text(encoding="utf-8"))


def run(case: str) -> tuple[Attribution, ...]:
    return extract.attributions(parse_case(case))


def cue_texts(found: tuple[Attribution, ...]) -> list[str | None]:
    return [a.cue.text if a.cue else None for a in found]


needs_model = pytest.mark.skipif(not cue_model.available(), reason="the trained cue model is not in the package")


@pytest.mark.parametrize("case", ["wanted_to_deny", "plans_to_discuss", "shows_desperation", "not_supporting"])
def test_wanting_or_acting_reports_nothing(case: str) -> None:
    assert run(case) == ()


def test_what_a_poll_shows_is_attributed_to_it() -> None:
    found = run("poll_shows")
    assert cue_texts(found) == ["shows"]
    assert found[0].source is not None and found[0].source.text == "A new poll"
    assert run("change_shows") == ()


def test_a_passive_agent_reports_its_subject() -> None:
    found = run("reported_by")
    assert cue_texts(found) == ["reported"]
    (a,) = found
    assert a.source is not None and a.source.text == "the local radio station"
    assert [c.text for c in a.content] == ["The closure of the bridge"]


def test_a_verb_of_saying_as_a_purpose_reports() -> None:
    found = run("to_comment_on")
    assert cue_texts(found) == ["comment"]
    assert found[0].content[0].text.startswith("the injury")


def test_the_classifier_sees_the_preposition_after_a_candidate() -> None:
    doc = parse_case("reported_by")
    tree = Tree(doc.sentences[0], doc.text)
    reported = next(w for w in tree.words if w.text == "reported")
    assert cue_model._preposition(tree, reported) == "by"
    doc = parse_case("plans_to_discuss")
    tree = Tree(doc.sentences[0], doc.text)
    discuss = next(w for w in tree.words if w.text == "discuss")
    assert cue_model._preposition(tree, discuss) == "with"
    assert cue_model._preposition(tree, tree.words[0]) == "none"


def test_wanting_with_a_quote_reports_it() -> None:
    found = run("wants_quote")
    assert [a.cue.text if a.cue else None for a in found] == ["wants"]
    assert "\u201ca bridge that lasts a hundred years\u201d" in found[0].content[-1].text


@needs_model
def test_one_content_is_counted_once() -> None:
    found = run("denied_claims")
    assert len(found) == 1
    assert "the strike was planned months in advance" in " ".join(c.text for c in found[0].content)


@pytest.mark.parametrize(("case", "speaker", "said"), [
    ("said_comma_quote", "the senator", "\u201cas long as we are not breaking any rules.\u201d"),
    ("said_no", "the mayor", "\u201cNo.\u201d"),
])
def test_the_verb_of_saying_that_opens_a_quote_is_its_cue(case: str, speaker: str, said: str) -> None:
    # The parser hung the quote on another verb, so "said" had no complement; the quote is not
    # the content of the earlier "asked" or "Asked" either.
    found = run(case)
    quoted = [a for a in found if any(said in c.text for c in a.content)]
    assert [(a.cue.text if a.cue else None, a.source.text if a.source else None) for a in quoted] == [("said", speaker)]


@pytest.mark.parametrize(("case", "cue", "speaker", "content"), [
    ("as_noted", "noted", "the newspaper", "the senator raised more than $1 million from the industry"),
    ("as_reported", "reported", "The Daily Planet", "the mayor is the top recipient of donations"),
    ("too_early_to_tell", "said", "she", "it is too early to tell"),
])
def test_as_the_paper_noted_reports_the_clause_it_opens(case: str, cue: str, speaker: str, content: str) -> None:
    found = run(case)
    assert [(a.cue.text if a.cue else None, a.source.text if a.source else None, " ".join(c.text for c in a.content))
            for a in found if a.cue is not None and a.cue.text == cue] == [(cue, speaker, content)]
    assert "tell" not in cue_texts(found)


def test_a_stance_is_attributed_but_a_deed_wanted_or_denied_is_not() -> None:
    (a,) = run("supported_measure")
    assert a.cue is not None and a.cue.text == "supported"
    assert a.source is not None and a.source.text == "The senator"
    assert run("not_supporting") == ()


def test_a_poll_split_into_two_subjects_still_shows_evidence() -> None:
    (a,) = [a for a in run("poll_two_subjects") if a.cue and a.cue.text == "showed"]
    assert a.source is not None and a.source.text == "The latest Acme/Zeta poll"


def test_the_speaker_is_the_subject_right_before_an_inverted_cue() -> None:
    # The parser hung "The senator" on "added" as a subject too.
    (a,) = [a for a in run("he_added") if a.cue and a.cue.text == "added"]
    assert a.source is not None and a.source.text == "he"
    assert a.content[0].text.startswith("The senator")


def test_the_words_before_a_comma_are_the_speaker_when_nobody_stands_between() -> None:
    # "Harman, now director of ..., urged": no ", he urged" here, so the phrase before the
    # comma is who urged, never what was urged.
    doc = parse_case("urged_not_to")
    tree = Tree(doc.sentences[0], doc.text)
    frames = [(w.text, frame) for w, frame in speech.candidates(tree, QuoteIndex(find(doc.text)))]
    assert ("urged", "parataxis_of") not in frames
    for a in run("urged_not_to"):
        assert not any(c.text.startswith("Harman") for c in a.content)


def test_a_relative_clause_after_a_speaker_describes_the_speaker_and_is_not_said() -> None:
    # The parser made "who was ... adviser" a clause of "said".
    (a,) = run("said_name_who")
    assert a.source is not None and a.source.text == "Stuart Lane, who was the team\u2019s top adviser in 2012"
    assert [c.text for c in a.content] == ["\u201cWe were ready for this,\u201d"]


def test_an_appositive_after_a_speaker_describes_the_speaker_and_is_not_said() -> None:
    # The parser made "a former adviser" a complement of "said"; and the hyphenated name,
    # three words to the tokenizer, is read off the surface whole.
    (a,) = run("said_name_appositive")
    assert a.source is not None and a.source.text == "Douglas Hart-Emmons, a former adviser to the governor"
    assert [c.text for c in a.content] == ["''The new tax is a good idea on paper,''"]
    (a,) = run("said_hyphenated_name")
    assert a.source is not None and a.source.text == "Mary Lane-Smith"


@pytest.mark.parametrize(("case", "speaker"), [
    ("familiar_after", "a person familiar with the plan"),
    ("close_to_after", "two people close to the talks"),
    ("close_to_before", "A person close to the mayor"),
])
def test_informants_described_by_their_access_are_the_whole_speaker(case: str, speaker: str) -> None:
    # The parser made "familiar"/"close" the predicate and gave the cue another subject or half of one.
    (a,) = run(case)
    assert a.source is not None and a.source.text == speaker
    assert a.source.text not in " ".join(c.text for c in a.content)


def test_an_inverted_cue_closing_the_sentence_reports_all_before_it() -> None:
    # "said" was hung on the relative clause; the official reports the council's whole statement,
    # which stays an attribution of its own.
    found = run("inverted_over_nested")
    said = next(a for a in found if a.cue and a.cue.text == "said")
    assert said.content[0].text.startswith("The city council voiced concern Tuesday that the state may cut")
    voiced = next(a for a in found if a.cue and a.cue.text == "voiced")
    assert voiced.source is not None and voiced.source.text == "The city council"


def test_a_verb_of_saying_split_into_object_and_clause_reports_all_after_it() -> None:
    (a,) = run("says_object_first")
    content = " ".join(c.text for c in a.content)
    assert content.startswith("the city's reliance on coal") and content.endswith("shows poor planning")


def test_the_time_of_a_participle_stays_with_the_speaker() -> None:
    (a,) = run("released_in")
    assert a.source is not None and a.source.text == "A state audit released in March"


def test_a_light_verb_that_only_names_a_remark_reports_nothing() -> None:
    assert "made" not in cue_texts(run("made_the_remarks"))
    doc = parse_case("made_the_remarks")
    tree = Tree(doc.sentences[0], doc.text)
    made = next(w for w in tree.words if w.text == "made")
    assert speech.build(tree, made, "obj", QuoteIndex(find(doc.text)), 0.9) is None
    (a,) = [a for a in run("made_assessment_that") if a.cue and a.cue.text == "made"]
    assert [c.text for c in a.content] == ["that the bridge had failed"]


def test_a_relative_preposition_is_not_part_of_the_speaker() -> None:
    (a,) = [a for a in run("in_which_say") if a.cue and a.cue.text == "say"]
    assert a.source is not None and a.source.text == "67 percent of voters"


def test_a_month_is_no_speaker() -> None:
    (a,) = run("month_opener")
    assert a.source is not None and a.source.text == "the city council"


def test_a_headline_label_is_no_speaker() -> None:
    found = run("headline_word")
    assert ":" not in cue_texts(found)
    assert [a.source.text if a.source else None for a in found] == ["the city council"]


def test_a_nested_cue_does_not_cut_the_content_short() -> None:
    (a,) = run("added_that")
    assert a.cue is not None and a.cue.text == "added"
    assert [c.text for c in a.content] == ["that the mayor urges drivers to avoid the bridge during the works"]


@needs_model
def test_cue_evidence_says_why() -> None:
    (a,) = run("said_that")
    assert a.cue_evidence is not None
    assert a.cue_evidence["model"] == cue_model.MODEL_NAME
    assert a.cue_evidence["frame"] == "ccomp"
    assert 0.5 <= a.cue_evidence["score"] <= 1
    assert a.cue_evidence["reasons"]
    schema = json.loads(resources.files("attribution").joinpath("schema", "attribution-1.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.validate({"schema": SCHEMA_VERSION, "attributions": [a.to_dict()]}, schema)
    assert Attribution.from_dict(a.to_dict()).cue_evidence == a.cue_evidence


def test_a_number_or_quantifier_is_a_speaker() -> None:
    found = run("many_said")
    assert [a.source.text if a.source else None for a in found] == ["Many"]


@needs_model
def test_a_quote_in_the_next_paragraph_carries_on_the_attribution() -> None:
    (a,) = run("carried_on")
    assert a.cue is not None and a.cue.text == "said" and a.kind == "mixed"
    assert a.content[-1].text.startswith("\u201cWe have trained")


@needs_model
def test_a_passive_without_agent_has_no_source() -> None:
    (a,) = run("was_told")
    assert a.cue is not None and a.cue.text == "told" and a.source is None


@needs_model
def test_informants_who_were_told_are_not_the_source() -> None:
    # A passive with no agent names who heard it, however closely they are described.
    found = run("close_to_told")
    assert found and all(a.source is None or "close to" not in a.source.text for a in found)


@needs_model
def test_who_holds_a_view_in_the_passive_is_its_source() -> None:
    (a,) = run("is_concerned")
    assert a.source is not None and a.source.text == "The mayor"


def test_the_speaker_before_a_cue_is_read_off_the_surface() -> None:
    from attribution.extract.speech import surface_speaker
    from attribution.extract.tree import Tree

    doc = parse_case("surface_speaker")
    tree = Tree(doc.sentences[0], doc.text)
    said = next(w for w in tree.words if w.text == "said")
    words = surface_speaker(tree, said, QuoteIndex(()))
    assert doc.text[words[0].start:words[-1].end] == "Ann Lee, chair of the Parks and Recreation Board"


def test_cue_evidence_reads_as_a_line() -> None:
    line = cue_model.explain({"model": cue_model.MODEL_NAME, "frame": "parataxis_of", "score": 0.871,
                              "reasons": ["its frame"]})
    assert line == "cue classifier 0.87: it interrupts the clause it reports; raised by its frame"
    assert cue_model.explain(None) == ""


def test_quote_index_agrees_with_the_quotes() -> None:
    text = "\u201cOne two three four,\u201d she said. He said \u201cfive six seven eight.\u201d And nine."
    quotes = find(text)
    index = QuoteIndex(quotes)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            assert index.contains(start, end) == any(q.contains(start, end) for q in quotes)
    said = text.index("she")
    assert index.gap_before(said, 0) == said - quotes[0].end
    assert index.gap_after(said, len(text)) == quotes[1].start - said
    assert index.gap_after(quotes[1].end, len(text)) == 999


if __name__ == "__main__":
    if "--regenerate" in sys.argv:
        stored_parses.regenerate(TEXTS, DATA)
