"""The sourcing score (sourcing/6) on hand-built articles (no model needed).

The metamorphic tests change one thing about a well-sourced story written for these tests
(a town's reservoir) and check the score moves the way the sourcing rubric says it should.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from handmade import attribution, document

from attribution import score, secondhand, sources
from attribution.assessment import SCORE_METHOD, SourceProfile
from attribution.results import Attribution, Clutter, Span

# (source, source type, cue, content) or a plain sentence with no attribution.
Line = tuple[str, str, str, str] | str

RESERVOIR: list[Line] = [
    ("Mayor Ana Ruiz", "named", "said", "the city would close the old reservoir by June"),
    ("Council member Tom Baker", "named", "said", "the closure would raise water bills for most families"),
    ("The water authority", "institution", "said", "in a statement that repairs would cost four million dollars"),
    ("Engineer Lisa Chen", "named", "told reporters", "that the dam had cracked in two places"),
    ("Resident Omar Haddad", "named", "said", "neighbours had seen muddy water for several weeks"),
    ("Professor Maria Gomez", "named", "said", "older dams often fail after heavy rain"),
    ("Fire chief Dan Lee", "named", "said", "crews were ready to pump the water out"),
    ("State inspector Karen Wu", "named", "said", "the last inspection had found no damage"),
    ("Council member Tom Baker", "named", "added", "that the vote would take place next month"),
    "The reservoir was built in 1950 and holds most of the water the town uses.",
]


def story(lines: list[Line], **extra: Any) -> tuple[str, tuple[Attribution, ...]]:
    """The text of ``lines`` and one attribution per attributed line."""
    sentences = [line if isinstance(line, str) else f"{line[0]} {line[2]} {line[3]}." for line in lines]
    text = " ".join(sentences)
    found, at = [], 0
    for line, sentence in zip(lines, sentences):
        start = text.index(sentence, at)
        at = start + len(sentence)
        if isinstance(line, str):
            continue
        source, kind, cue, content = line
        canonical = source if kind != "pronoun" else extra.get("pronoun_of")
        found.append(attribution(text, f"a{len(found) + 1}", source=source, cue=cue, content=content,
                                 source_type="named" if kind == "pronoun" else kind,
                                 canonical=_name(canonical or source), after=start,
                                 anonymous=kind == "anonymous", cue_lemma=cue.split()[0]))
    return text, tuple(found)


def _name(source: str) -> str:
    """The name a reader would use: the words after a title ("Mayor Ana Ruiz" -> "Ana Ruiz")."""
    titles = ("Mayor ", "Council member ", "Engineer ", "Resident ", "Professor ", "Fire chief ", "State inspector ",
              "Republican leader ", "Democrat ")
    for title in titles:
        if source.startswith(title):
            return source[len(title):]
    return source


def run(text: str, found: tuple[Attribution, ...], **kwargs: Any):  # type: ignore[no-untyped-def]
    doc = document(text)
    return score.sourcing(found, sources.profiles(found, doc), doc, **kwargs)


def component(result, key):  # type: ignore[no-untyped-def]
    return next(c for c in result.components if c.key == key)


# --- the weights file and the shape of the result -------------------------------------------

def test_weights_file_adds_up_and_names_the_method() -> None:
    w = score.weights()
    assert w["method"] == SCORE_METHOD == "sourcing/6"
    assert sum(c["points"] for c in w["components"]) == 100
    assert [c["key"] for c in w["components"]] == [
        "named_sources", "largest_source", "other_outlets", "central_claim", "evidence", "sides", "anonymous",
        "unattributed"]
    cuts = [c["from"] for c in w["ratings"]]
    assert cuts == sorted(cuts, reverse=True) and [c["rating"] for c in w["ratings"]] == ["strong", "adequate", "weak"]


def test_components_follow_the_weights_and_sum_to_the_total() -> None:
    result = run(*story(RESERVOIR))
    assert [c.key for c in result.components] == [c["key"] for c in score.weights()["components"]]
    assert result.total == round(sum(c.points for c in result.components))
    assert all(c.explanation.endswith(".") for c in result.components)
    assert 0 <= result.total <= 100


def test_the_well_sourced_story_is_strong_and_says_why_in_one_sentence() -> None:
    result = run(*story(RESERVOIR))
    assert result.rating == "strong", result.reason
    assert result.reason.startswith(f"Strong ({result.total}/100): ")
    assert result.reason.endswith(".") and result.reason.count(". ") == 0
    assert result.to_dict()["reason"] == result.reason


def test_rating_cut_points_come_from_the_weights_file() -> None:
    strong, adequate = (c["from"] for c in score.weights()["ratings"][:2])
    assert score.rating_for(strong) == "strong" and score.rating_for(strong - 1) == "adequate"
    assert score.rating_for(adequate) == "adequate" and score.rating_for(adequate - 1) == "weak"


# --- metamorphic tests: one change, the move the rubric expects -----------------------------

def test_removing_every_source_but_one_lowers_the_score_below_strong() -> None:
    full = run(*story(RESERVOIR))
    one = [RESERVOIR[0], RESERVOIR[-1]]
    alone = run(*story(one))
    assert alone.total < full.total
    assert alone.rating != "strong", alone.reason


def test_one_voice_saying_everything_is_not_strong() -> None:
    mayor = [("Mayor Ana Ruiz", "named", line[2], line[3]) if not isinstance(line, str) else line for line in RESERVOIR]
    result = run(*story(mayor))
    assert result.rating != "strong", result.reason
    assert component(result, "largest_source").points == 0
    assert "Ana Ruiz" in result.reason


def test_turning_named_sources_into_officials_said_lowers_the_score() -> None:
    named = run(*story(RESERVOIR))
    unnamed = [("Officials", "anonymous", line[2], line[3]) if not isinstance(line, str) and line[1] == "named"
               else line for line in RESERVOIR]
    anonymous = run(*story(unnamed))
    assert anonymous.total < named.total
    assert component(anonymous, "anonymous").points < component(named, "anonymous").points
    assert component(anonymous, "named_sources").points < component(named, "named_sources").points
    assert "“Officials” (no reason given)" in component(anonymous, "anonymous").explanation


def test_adding_a_second_opposing_named_source_raises_the_score() -> None:
    one_side: list[Line] = [
        ("Democrat Ann Lowe", "named", "said", "the new tax plan would help working families"),
        "Republicans have fought the plan for months.",
        ("Democrat Ann Lowe", "named", "added", "that the plan would pass the Senate in the spring"),
        "Republicans say they have the votes to stop it.",
    ]
    both = one_side + [("Republican leader Bob Stone", "named", "said", "the plan would raise taxes on small shops")]
    before, after = run(*story(one_side)), run(*story(both))
    assert after.total > before.total
    assert component(after, "sides").points > component(before, "sides").points
    assert "Republican Party" in component(before, "sides").explanation


def test_a_rewrite_of_one_other_outlets_interview_rates_weak() -> None:
    rewrite: list[Line] = [
        ("Mayor Ana Ruiz", "named", "told CNN on Sunday", "that the city would close the old reservoir by June"),
        ("She", "pronoun", "said", "the closure would raise water bills for most families"),
        ("She", "pronoun", "added", "that the vote would take place next month"),
        ("Ruiz", "named", "said", "older dams often fail after heavy rain"),
    ]
    result = run(*story(rewrite, pronoun_of="Ana Ruiz"))
    assert result.rating == "weak", result.reason
    outlets = component(result, "other_outlets")
    assert outlets.points == 0 and "CNN" in outlets.explanation
    assert component(result, "named_sources").value == 0, "a source heard only through CNN is CNN's source"
    assert "CNN" in result.reason


# --- the components -------------------------------------------------------------------------

def test_the_largest_source_share_is_traced_to_its_attributions() -> None:
    result = run(*story(RESERVOIR))
    largest = component(result, "largest_source")
    assert largest.attributions == ("a2", "a9") and "Tom Baker, gives 2 of 9" in largest.explanation
    assert largest.points == largest.max_points


def test_outlet_reporting_is_passed_on_and_the_papers_own_interview_is_not() -> None:
    lines = RESERVOIR[:-1] + [("Engineer Lisa Chen", "named", "told The Valley Times", "that the repairs were late")]
    text, found = story(lines)
    passed_on = component(run(text, found), "other_outlets")
    assert passed_on.attributions == ("a10",), "Chen's earlier quote is hers; the later one went through the paper"
    own = component(run(text, found, outlet="The Valley Times"), "other_outlets")
    assert own.attributions == () and own.points == own.max_points


def test_a_wire_credit_in_the_clutter_is_named_and_costs_the_wire_cost() -> None:
    text, found = story(RESERVOIR)
    credit = "The Associated Press contributed to this report."
    plain = run(text, found)
    credited = run(text, found, clutter=(Clutter(len(text), len(text) + len(credit), credit, "credit"),))
    cost = score.weights_of("other_outlets")["wire_cost"] * component(plain, "other_outlets").max_points
    assert component(credited, "other_outlets").points == component(plain, "other_outlets").points - cost
    assert "Associated Press contributed" in component(credited, "other_outlets").explanation


def test_relay_and_wire_phrases() -> None:
    assert secondhand.relay_in("Ruiz told CNN on Sunday that the dam had cracked.") == "CNN"
    assert secondhand.relay_in("He said in an interview with Fox News that it was late.") == "Fox News"
    assert secondhand.relay_in("Audio obtained by the Valley Tribune shows the mayor was told.") == "Valley Tribune"
    assert secondhand.relay_in("The deal was first reported by Politico.") == "Politico"
    assert secondhand.relay_in("He said on his radio show that the town was broke.") == "a broadcast interview"
    assert secondhand.relay_in("Ruiz told reporters that the dam had cracked.") is None
    assert secondhand.relay_in("She told the time to the court.") is None, "outlet names count only as names"
    assert secondhand.relay_in("She told The Times that it was late.", "The New York Times") is None
    assert secondhand.wire_credit("Reuters and The Associated Press contributed to this report.") == "Reuters"
    assert secondhand.wire_credit("Staff writer Jo Bell contributed to this report.") is None


def test_central_claim_attributed_to_a_named_source_earns_full_points() -> None:
    claim = component(run(*story(RESERVOIR)), "central_claim")
    assert claim.points == claim.max_points and claim.attributions == ("a1",)


def test_central_claim_resting_on_anonymous_sources_is_partly_attributed() -> None:
    text = ("The town has told the state that the dam is cracked, according to two people familiar with the talks. "
            "Engineer Lisa Chen said the dam had cracked in two places.")
    found = (attribution(text, "a1", source="two people familiar with the talks", cue="according to",
                         content="The town has told the state that the dam is cracked", kind="according_to",
                         source_type="anonymous", canonical="two people familiar with the talks", anonymous=True),
             attribution(text, "a2", source="The town", cue="told", content="that the dam is cracked",
                         source_type="institution", canonical="The town"),
             attribution(text, "a3", source="Engineer Lisa Chen", cue="said", content="the dam had cracked in two places",
                         canonical="Lisa Chen"))
    claim = component(run(text, found), "central_claim")
    assert 0 < claim.points < claim.max_points
    assert claim.attributions == ("a1",) and "anonymous" in claim.explanation


def test_unattributed_lede_costs_nothing_but_is_listed() -> None:
    # sourcing/5: a lede in the writer's own voice opens strong reporting as often as opinion
    # (fit ratings), so it costs nothing here; its sentences are still listed for the reader,
    # and the writer's voice in the body is scored by its own component.
    lede = ["The old reservoir is a danger to everyone who lives below it.", "The town must act before the rains.",
            "Every delay puts more families at risk of a flood."]
    result = run(*story(lede + RESERVOIR))
    claim = component(result, "central_claim")
    assert claim.points == claim.max_points and claim.sentences == (0, 1, 2) and "writer's own voice" in claim.explanation
    assert "main claim is attributed" not in result.reason, "a lede in the writer's voice is not praised as attributed"
    later = component(run(*story(lede[:2] + RESERVOIR)), "central_claim")
    assert later.points == later.max_points and later.attributions == ("a1",)


def test_central_claim_from_another_outlet_costs_more_than_an_unattributed_one() -> None:
    plain = ["The reservoir was built long ago and holds most of the town's water.",
             "Its walls have not been repaired in many years."]
    lede = ["The old reservoir is a danger to everyone who lives below it."]
    relayed: list[Line] = [("Mayor Ana Ruiz", "named", "told", "CNN that the old reservoir is a danger to everyone")]
    rest = RESERVOIR[1:]
    bare = component(run(*story(lede + plain + rest)), "central_claim")
    via_cnn = component(run(*story(relayed + plain + rest)), "central_claim")
    assert bare.points == bare.max_points
    assert via_cnn.points < bare.points and "another outlet" in via_cnn.explanation


def test_evidence_counts_statements_and_records() -> None:
    text, found = story(RESERVOIR + ["Court records show the dam was never repaired."])
    evidence = component(run(text, found), "evidence")
    assert evidence.value == 2 and "court records" in evidence.explanation
    assert "a3" in evidence.attributions


def test_unnamed_participants_are_not_informants_when_the_typing_says_so() -> None:
    """Where the source typing marks an unnamed source as a participant ("residents chanted"),
    it does not count as anonymous sourcing."""

    @dataclass(frozen=True)
    class Typed(SourceProfile):
        informant: bool = True

    text, found = story(RESERVOIR[:3] + [("Residents", "anonymous", "said", "the water smelled of mud")])
    doc = document(text)
    plain = [Typed(**vars(p)) for p in sources.profiles(found, doc)]
    participants = [replace(p, informant=False) if p.type == "anonymous" else p for p in plain]
    informed = component(score.sourcing(found, plain, doc), "anonymous")
    took_part = component(score.sourcing(found, participants, doc), "anonymous")
    assert informed.points < informed.max_points and took_part.points == took_part.max_points


def test_own_voice_lists_the_unattributed_statements() -> None:
    text, found = story(RESERVOIR + ["Nobody expected the council to act so quickly on the dam."])
    own = component(run(text, found), "unattributed")
    assert own.sentences == (9, 10) and own.attributions == ()
    assert "2 of 11 statements" in own.explanation


def test_score_means_the_same_in_a_longer_article() -> None:
    """Twice the article (same sources, same mix) scores the same on the shares."""
    text, found = story(RESERVOIR)
    doubled_text = text + " " + text
    offset = len(text) + 1

    def shift(sp: Span | None) -> Span | None:
        return Span(sp.start + offset, sp.end + offset, sp.text) if sp else None

    second = tuple(replace(a, id=f"b{a.id}", cue=shift(a.cue), source=shift(a.source),
                           content=tuple(shift(c) for c in a.content), sentence=a.sentence + 10) for a in found)
    single, double = run(text, found), run(doubled_text, found + second)
    for key in ("named_sources", "largest_source", "other_outlets", "anonymous", "unattributed"):
        assert component(single, key).points == component(double, key).points, key


# --- shown, not scored; edge cases ----------------------------------------------------------

def test_hedges_are_listed_not_scored() -> None:
    text, found = story(RESERVOIR)
    hedged = (replace(found[0], hedged=True),) + found[1:]
    plain, marked = run(text, found), run(text, hedged)
    assert marked.hedged == ("a1",) and plain.hedged == ()
    assert marked.total == plain.total


def test_hedging_sentence_without_attribution_is_listed() -> None:
    text, found = story(RESERVOIR + ["The dam allegedly leaked for years before anyone noticed."])
    assert run(text, found).hedged_sentences == (10,)


def test_no_attributions_scores_low_and_says_so() -> None:
    text = "The ships were old and slow. Nobody expected the talks to last very long anyway."
    result = run(text, ())
    assert result.attributions == 0 and result.rating == "weak"
    assert "no attributed statement" in result.reason


def test_side_named_beside_a_speakerless_attribution_is_not_called_unheard() -> None:
    text = ("John Kirby said the talks had failed again. Iran and Russia made no comment. "
            "Tehran and Moscow have both denied the claims.")
    found = (attribution(text, "a1", source="John Kirby", cue="said", content="the talks had failed again",
                         canonical="John Kirby"),
             attribution(text, "a2", source=None, cue="denied", content="the claims", after=text.index("Tehran"),
                         cue_lemma="deny"))
    assert run(text, found).unheard == ()


def test_every_member_of_a_coordinated_source_is_heard() -> None:
    text = ("John Kirby said the talks had failed again. Iran and Russia made no comment. "
            "Tehran and Moscow have both denied the claims.")
    found = (attribution(text, "a1", source="John Kirby", cue="said", content="the talks had failed again",
                         canonical="John Kirby"),
             attribution(text, "a2", source="Tehran and Moscow", cue="denied", content="the claims",
                         canonical="Tehran and Moscow", cue_lemma="deny"))
    assert run(text, found).unheard == ()
    alone = (found[0], attribution(text, "a2", source="Tehran", cue="denied", content="the claims",
                                   after=text.index("Tehran"), canonical="Tehran", cue_lemma="deny"))
    assert run(text, alone).unheard == ("Russia",)


def test_unresolved_sources_are_left_out_and_named() -> None:
    # A pronoun with nothing before it to refer to: the source typing cannot resolve it.
    text, found = story([("He", "pronoun", "said", "the city would close the old reservoir by June")] + RESERVOIR[1:])
    unknown = (replace(found[0], source_type="pronoun", canonical_source=None),) + found[1:]
    result = run(text, unknown)
    assert result.unresolved == ("a1",)
    assert result.attributions == 8


# --- the news itself from another outlet (sourcing/3) ---------------

REPORTED_ELSEWHERE = "The Chicago Tribune reported on Monday that the city would close the old reservoir by June."


def test_a_lede_that_names_another_outlet_costs_the_other_outlets_points() -> None:
    own = run(*story(RESERVOIR))
    lifted = run(*story([REPORTED_ELSEWHERE] + RESERVOIR))
    outlets = component(lifted, "other_outlets")
    assert outlets.points == 0 and "Chicago Tribune" in outlets.explanation
    assert component(own, "other_outlets").points == component(own, "other_outlets").max_points
    assert lifted.total < own.total


def test_a_write_up_of_another_outlets_report_is_not_strong_and_says_so() -> None:
    lines: list[Line] = [
        "According to a report by Politico, the city will close the old reservoir by June.",
        *RESERVOIR[:4],
        "The reservoir was built in 1950 and holds most of the water the town uses.",
    ]
    own = run(*story(["The city will close the old reservoir by June, officials decided on Monday."] + lines[1:]))
    lifted = run(*story(lines))
    assert lifted.total < own.total
    assert lifted.rating != "strong", lifted.reason
    assert "comes from another outlet's reporting (Politico)" in lifted.reason


def test_the_papers_own_name_in_its_lede_is_its_own_reporting() -> None:
    text, found = story(["The Chicago Tribune has learned that the city would close the old reservoir by June."]
                        + RESERVOIR)
    own = component(run(text, found, outlet="Chicago Tribune"), "other_outlets")
    assert own.points == own.max_points
    assert component(run(text, found), "other_outlets").points == 0


def test_a_source_named_as_another_outlets_journalist_is_that_outlets_reporting() -> None:
    lines = RESERVOIR[:-1] + [("Chris Wallace of Fox News", "named", "said", "that the dam would hold")]
    outlets = component(run(*story(lines)), "other_outlets")
    assert outlets.attributions == ("a10",) and "Fox News" in outlets.explanation


def test_outlet_names_that_are_common_words_count_only_as_names() -> None:
    assert secondhand.outlets_named("Politico first reported the plan; Fox News followed.") == ("Politico", "Fox News")
    assert secondhand.outlets_named("She met Vice President Lowe on Capitol Hill.") == ()
    assert secondhand.outlets_named("Time is short, and the nation is tired.") == ()
    assert secondhand.outlets_named("Former president Vicente Fox spoke at a Gold Star event.") == ()
    assert secondhand.outlets_named("The Hill and The Nation both ran the story.") == ("The Hill", "The Nation")
    assert secondhand.outlets_named("The Valley Times and CNN ran it.", "The Valley Times") == ("CNN",)


def test_relay_phrases_of_hosts_and_another_outlets_people() -> None:
    assert secondhand.relay_in("Lowe told Vice President Stone that the vote was close.") is None
    assert secondhand.relay_in("Lowe told Vice News that the vote was close.") == "Vice News"
    assert secondhand.relay_in("Lowe told Jane Smith of Fox News that the vote was close.") == "Fox News"
    assert secondhand.relay_in("Lowe told Jane Smith of Ohio that the vote was close.") is None
    assert secondhand.relay_in("Lowe told conservative radio host Bob Ray that it was a joke.") == "a broadcast interview"
    assert secondhand.relay_in("CNN anchor Jane Smith asked whether the vote was close.") == "CNN"
    assert secondhand.relay_in("As the Wall Street Journal editorial board writes, the plan is bold.") \
        == "Wall Street Journal"


def test_an_outlet_after_a_day_or_month_is_still_an_outlet() -> None:
    assert secondhand.relay_in("On Monday CNN reported that the vote was late.") == "CNN"
    assert secondhand.outlets_named("In March Politico reported the plan.") == ("Politico",)


# --- sourcing/4: readings checked against the raters' columns (benchmarks/sourcing_components.py)

def test_a_relayed_interview_carries_only_to_the_quotes_that_directly_follow() -> None:
    lines: list[Line] = [
        ("Mayor Ana Ruiz", "named", "told CNN on Sunday", "that the city would close the old reservoir by June"),
        ("She", "pronoun", "added", "that the vote would take place next month"),
        ("Council member Tom Baker", "named", "said", "the closure would raise water bills for most families"),
        ("Ruiz", "named", "said", "older dams often fail after heavy rain"),
    ]
    outlets = component(run(*story(lines, pronoun_of="Ana Ruiz")), "other_outlets")
    assert outlets.attributions == ("a1", "a2"), "after Baker speaks, Ruiz is heard by the article itself again"


def test_an_outlet_that_hosts_an_event_or_calls_a_race_is_not_a_source_of_reporting() -> None:
    text, found = story(RESERVOIR[:-1] + [("NBC News", "institution", "sponsored", "the forum where the mayor spoke")])
    found = found[:-1] + (replace(found[-1], cue_lemma="sponsor"),)  # the parser gives the lemma
    assert component(run(text, found), "other_outlets").attributions == ()
    told = RESERVOIR[:-1] + [("NBC News", "institution", "reported", "that the forum was tense")]
    assert component(run(*story(told)), "other_outlets").attributions == ("a10",)


def test_a_lede_naming_an_outlet_as_host_or_recipient_is_the_articles_own_news() -> None:
    hosted = ["The mayor spoke at a forum sponsored by NBC News and said the reservoir would close by June."]
    leaked = ["No one at the water authority released the inspection report to The New York Times."]
    for lede in (hosted, leaked):
        outlets = component(run(*story(lede + RESERVOIR)), "other_outlets")
        assert outlets.points == outlets.max_points, lede
    ran = ["The Chicago Tribune ran a long feature on Saturday about the cracked dam."]
    assert component(run(*story(ran + RESERVOIR)), "other_outlets").points == 0


def test_relay_phrases_of_features_columns_and_reporters() -> None:
    assert secondhand.relay_in("The Chicago Tribune ran a feature about the dam.") == "The Chicago Tribune"
    assert secondhand.relay_in("Jane Smith argues at The Federalist that the dam is safe.") in ("Federalist", "The Federalist")
    assert secondhand.relay_in("A Fox News Channel White House correspondent posted a photo.") is not None
    assert secondhand.relay_in("The forum was sponsored by NBC News.") is None
    assert secondhand.relay_in("The state released the report to The New York Times.") is None


def test_relay_phrases_of_appearances_and_op_eds_elsewhere() -> None:
    assert secondhand.relay_in("The mayor said during an appearance on CNBC that the dam is safe.") == "CNBC"
    assert secondhand.relay_in("In an interview on MSNBC, the mayor said the dam is safe.") == "MSNBC"
    assert secondhand.relay_in("The mayor wrote in a Chicago Tribune op-ed that the dam is safe.") == "Chicago Tribune"
    assert secondhand.relay_in("In an op-ed for The Hill, she defended the dam.") in ("Hill", "The Hill")
    assert secondhand.relay_in("In an interview on Tuesday, the mayor said the dam is safe.") is None


def test_bracketed_credits_name_an_outlet_only_alone_in_the_brackets() -> None:
    assert secondhand.bracketed_credit("“The dam will hold,” she wrote. [WashPost.]") == "WashPost"
    assert secondhand.bracketed_credit("The model gives the mayor a slim lead. [538]") == "538"
    assert secondhand.bracketed_credit("“Many of [Ruiz's] voters are worried,” he said.") is None
    assert secondhand.bracketed_credit("She wrote it. [Valley Times]", "The Valley Times") is None


def test_a_paragraph_closed_by_a_bracketed_credit_passes_on_that_outlets_reporting() -> None:
    text, found = story(RESERVOIR[:3])
    credit = " [Politico.]"
    doc = document(text + credit)
    result = score.sourcing(found, sources.profiles(found, doc), doc)
    assert component(result, "other_outlets").attributions == ("a1", "a2", "a3")
    assert component(run(text, found), "other_outlets").attributions == ()


def test_a_wire_dateline_is_a_wire_credit() -> None:
    assert secondhand.wire_credit("DALLAS (AP) — The mayor said the dam would hold.") == "AP"
    assert secondhand.wire_credit("WASHINGTON, Aug. 19 (UPI) — The vote was late.") == "UPI"
    assert secondhand.wire_credit("NEW YORK (Reuters) - Shares fell.") == "Reuters"
    assert secondhand.wire_credit("The party (GOP) - he said - was split.") is None
    dated = component(run(*story(["SPRINGFIELD (AP) — The reservoir was built in 1950."] + RESERVOIR)),
                      "other_outlets")
    assert "AP contributed" in dated.explanation


def test_one_speaker_split_by_the_form_of_his_name_is_still_the_largest_source() -> None:
    lines: list[Line] = [
        ("Mayor Ana Ruiz", "named", "said", "the city would close the old reservoir by June"),
        ("Ana Ruiz", "named", "said", "the closure would raise water bills for most families"),
        ("Ana Ruiz", "named", "added", "that the vote would take place next month"),
        ("Council member Tom Baker", "named", "said", "older dams often fail after heavy rain"),
        ("Professor Maria Gomez", "named", "said", "crews were ready to pump the water out"),
    ]
    text, found = story(lines)
    doc = document(text)
    whole = sources.profiles(found, doc)
    ruiz = next(p for p in whole if "a1" in p.attributions)
    assert len(ruiz.attributions) == 3
    split = [p for p in whole if p is not ruiz] + [
        replace(ruiz, attributions=("a1",), name="Ana Ruiz of Springfield"),
        replace(ruiz, id="s9", attributions=("a2", "a3"), name="Ruiz")]
    largest = component(score.sourcing(found, split, doc), "largest_source")
    assert largest.value == component(score.sourcing(found, whole, doc), "largest_source").value == 3 / 5
    other = [replace(ruiz, attributions=("a1",), name="Ana Ruiz"), replace(ruiz, id="s9", attributions=("a2", "a3"),
                                                                           name="Luis Ruiz")]
    assert component(score.sourcing(found, [p for p in whole if p is not ruiz] + other, doc),
                     "largest_source").value == 2 / 5, "two people of one surname stay two"


def test_a_network_calling_the_race_is_not_a_source_of_reporting() -> None:
    text, found = story(RESERVOIR[:-1] + [("Fox News", "institution", "called", "the race for the mayor")])
    found = found[:-1] + (replace(found[-1], cue_lemma="call"),)
    assert component(run(text, found), "other_outlets").attributions == ()


def test_a_lede_stating_what_evidence_shows_is_attributed() -> None:
    plain = ["The reservoir was built long ago and holds most of the town's water.",
             "Its walls have not been repaired in many years."]
    shown = ["A new survey of residents shows most families will pay more for water after the closure."]
    polled = ["A new CNN poll shows most families expect to pay more for water after the closure."]
    rest = RESERVOIR[1:]
    evidence = component(run(*story(shown + plain + rest)), "central_claim")
    assert evidence.points == evidence.max_points and "survey of residents shows" in evidence.explanation
    via_cnn = component(run(*story(polled + plain + rest)), "central_claim")
    assert 0 < via_cnn.points < evidence.points and "another outlet's reporting (CNN)" in via_cnn.explanation
    assert score._claim_evidence("Survey: Most families will pay more") is not None
    assert score._claim_evidence("The mayor shows up at every meeting.") is None


# --- session 9: excerpts pasted from another outlet, interviews named in a sentence of their own

def test_relay_phrases_of_interviews_given_to_an_outlet_and_hosts_asking() -> None:
    assert secondhand.relay_in("Based on an interview he gave to Fox News on Monday, the answer is no.") == "Fox News"
    assert secondhand.relay_in("In the interview she granted to the Valley Tribune, she was calm.") == "Valley Tribune"
    assert secondhand.relay_in("Talk radio host Bob Ray asked the mayor about the dam.") == "a broadcast interview"
    assert secondhand.relay_in("Former reality TV host Bob Ray asked the mayor about the dam.") is None
    assert secondhand.relay_in("The mayor gave an interview to reporters at the dam.") is None
    assert secondhand.relay_in("She posed with the mayor at the dam.") is None


def test_excerpt_intros_name_the_outlet_only_as_a_line_of_their_own() -> None:
    assert secondhand.excerpt_intro("From Politico:") == "Politico"
    assert secondhand.excerpt_intro("* Via The Hill:\n") in ("Hill", "The Hill")
    assert secondhand.excerpt_intro("The Chicago Tribune reports:") in ("Chicago Tribune", "The Chicago Tribune")
    assert secondhand.excerpt_intro("From Politico: the mayor said the dam was safe.") is None
    assert secondhand.excerpt_intro("From the start:") is None
    assert secondhand.excerpt_intro("From politico:") is None, "an outlet's name is written with a capital"
    assert secondhand.excerpt_intro("From Politico:", "Politico") is None, "the article's own outlet"
    assert secondhand.excerpt_end("Read the rest of the story here.")
    assert not secondhand.excerpt_end("Readers wrote to the mayor.")


def test_a_pasted_excerpt_is_the_other_outlets_reporting_up_to_its_closing_line() -> None:
    lines = RESERVOIR[:2] + ["From Politico:\n"] + RESERVOIR[2:5] + ["Read the rest of the story here.\n"] + RESERVOIR[5:]
    outlets = component(run(*story(lines)), "other_outlets")
    assert outlets.attributions == ("a3", "a4", "a5")
    assert "Politico" in outlets.explanation


def test_an_interview_named_in_a_sentence_of_its_own_carries_to_the_next_quote() -> None:
    lines = RESERVOIR[:3] + ["The interview she gave to CNN on Sunday went on for an hour.",
                             ("She", "pronoun", "said", "the dam would hold until June")] + RESERVOIR[3:]
    assert component(run(*story(lines, pronoun_of="Ana Ruiz")), "other_outlets").attributions == ("a4",)
    poll = RESERVOIR[:3] + ["CNN ran a poll of the town on Sunday.",
                            ("She", "pronoun", "said", "the dam would hold until June")] + RESERVOIR[3:]
    assert component(run(*story(poll, pronoun_of="Ana Ruiz")), "other_outlets").attributions == (), \
        "a sentence naming an outlet but no interview hands nothing on"


def test_an_anchor_named_beside_someone_is_not_an_interview_nor_a_senate_leader_a_paper() -> None:
    assert secondhand.relay_in("The mayor posted a photo of herself posing with CNN anchor Jane Smith.") is None
    assert secondhand.relay_in("In an interview with CNN anchor Jane Smith, the mayor said it was late.") == "CNN"
    assert secondhand.relay_in("The mayor wrote for the Valley Informer that the dam is safe.") == "Valley Informer"
    assert secondhand.relay_in("Ruiz told Senate Majority Leader Tom Baker that the dam is safe.") is None
    assert secondhand.relay_in("Ruiz told Iowa Republican voters that the dam is safe.") is None


def test_an_op_ed_named_in_a_sentence_of_its_own_carries_to_the_next_quote() -> None:
    lines = RESERVOIR[:3] + ["The mayor wrote for the Valley Informer on Sunday about the reservoir.",
                             ("She", "pronoun", "said", "the dam would hold until June")] + RESERVOIR[3:]
    assert component(run(*story(lines, pronoun_of="Ana Ruiz")), "other_outlets").attributions == ("a4",)


def test_wire_copy_passes_on_nothing_from_the_agency_it_is_credited_to() -> None:
    told = RESERVOIR[:-1] + [("The Associated Press", "institution", "reported", "that the dam was older than thought")]
    assert component(run(*story(told)), "other_outlets").attributions == ("a10",)
    credited = told + ["The Associated Press contributed to this report."]
    outlets = component(run(*story(credited)), "other_outlets")
    assert outlets.attributions == () and "Associated Press" in outlets.explanation


def test_a_lede_mentioning_an_unnamed_radio_interview_alone_is_not_another_outlets_news() -> None:
    lede = ["The mayor announced the closure during an afternoon radio interview on Monday."]
    outlets = component(run(*story(lede + RESERVOIR)), "other_outlets")
    assert outlets.points == outlets.max_points
    named = ["The mayor announced the closure on Monday in an interview with Fox News."]
    assert component(run(*story(named + RESERVOIR)), "other_outlets").points == 0
