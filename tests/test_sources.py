"""Source profiles from hand-built attributions (no model needed)."""

from __future__ import annotations

import pytest
from handmade import attribution, document

from attribution import sources
from attribution.assessment import PROFILE_TYPES

TEXT = ("National Security Council spokesman John Kirby said the talks had failed. "
        "Mr. Kirby added that more sanctions would follow. "
        "He said Washington was ready. "
        "Iran denied the claims of weapon transfers, the ministry said. "
        "The Wall Street Journal first reported the findings. "
        "According to two sources familiar with the matter, the deal was done. "
        "The individuals, speaking on condition of anonymity because they were not authorized to talk, "
        "confirmed the findings. "
        "A statement from Iran's UN mission called the transfers inhumane. "
        "It was reported that the shipments had begun.")


def build() -> tuple:  # type: ignore[type-arg]
    t = TEXT
    found = (
        attribution(t, "a1", source="National Security Council spokesman John Kirby", cue="said",
                    content="the talks had failed", canonical="John Kirby"),
        attribution(t, "a2", source="Mr. Kirby", cue="added", content="that more sanctions would follow",
                    canonical="Kirby"),
        attribution(t, "a3", source="He", cue="said", content="Washington was ready", canonical="John Kirby",
                    after=t.index("He said")),
        attribution(t, "a4", source="Iran", cue="denied", content="the claims of weapon transfers",
                    canonical="Iran", cue_lemma="deny", after=t.index("Iran denied")),
        attribution(t, "a5", source="The Wall Street", cue="reported", content="the findings",
                    canonical="Wall Street", after=t.index("The Wall")),
        attribution(t, "a6", source="two sources familiar with the matter", cue="According to",
                    content="the deal was done", kind="according_to", source_type="anonymous",
                    canonical="two sources familiar with the matter", anonymous=True, speaker_count=2,
                    after=t.index("According")),
        attribution(t, "a7", source="The individuals", cue="confirmed", content="the findings",
                    source_type="anonymous", canonical="The individuals", anonymous=True,
                    after=t.index("The individuals"),
                    anonymity_reason=None),
        attribution(t, "a8", source="A statement from Iran's UN mission", cue="called",
                    content="the transfers inhumane", source_type="document",
                    canonical="A statement from Iran's UN mission", after=t.index("A statement")),
        attribution(t, "a9", source=None, cue="was reported", content="that the shipments had begun",
                    source_type="unknown", after=t.index("It was")),
    )
    return found, sources.profiles(found, document(TEXT))


def by_attribution(profiles, ident):  # type: ignore[no-untyped-def]
    return next(p for p in profiles if ident in p.attributions)


def test_every_attribution_in_exactly_one_profile() -> None:
    found, profiles = build()
    ids = [a for p in profiles for a in p.attributions]
    assert sorted(ids) == sorted(a.id for a in found)
    assert [p.id for p in profiles] == [f"s{i}" for i in range(1, len(profiles) + 1)]
    assert all(p.type in PROFILE_TYPES for p in profiles)


def test_mentions_of_one_person_merge_with_title_and_affiliation() -> None:
    _, profiles = build()
    kirby = by_attribution(profiles, "a1")
    assert kirby.attributions == ("a1", "a2", "a3")
    assert kirby.type == "person" and kirby.name == "John Kirby"
    assert kirby.role == "spokesman" and kirby.affiliation == "National Security Council"
    assert kirby.side == "United States"
    assert kirby.mentions == ("National Security Council spokesman John Kirby", "Mr. Kirby", "He")


def test_a_country_speaking_is_an_organisation_with_its_denial() -> None:
    _, profiles = build()
    iran = by_attribution(profiles, "a4")
    assert (iran.type, iran.name, iran.side, iran.denials) == ("organisation", "Iran", "Iran", ("a4",))


def test_outlet_found_even_when_the_source_span_is_cut_short() -> None:
    _, profiles = build()
    wsj = by_attribution(profiles, "a5")
    assert (wsj.type, wsj.name, wsj.side) == ("outlet", "The Wall Street Journal", None)


def test_anonymous_source_merges_its_anaphor() -> None:
    _, profiles = build()
    anon = by_attribution(profiles, "a6")
    assert anon.attributions == ("a6", "a7")
    assert anon.type == "anonymous" and anon.count == 2
    assert anon.specificity == "partial", "basis of knowledge, no position"


def test_document_with_its_owner_and_side() -> None:
    _, profiles = build()
    statement = by_attribution(profiles, "a8")
    assert statement.type == "document"
    assert statement.affiliation == "Iran's UN mission"
    assert statement.side == "Iran"


def test_no_source_is_unresolved() -> None:
    _, profiles = build()
    assert by_attribution(profiles, "a9").type == "unresolved"


@pytest.mark.parametrize(("phrase", "kind", "expected"), [
    ("critics of the plan", "group", "anonymous"),
    ("a spokesman", "unnamed", "anonymous"),
    ("people close to the talks", "group", "anonymous"),
    ("an overnight attack", "unnamed", "unresolved"),
    ("the missile-related items", "group", "unresolved"),
])
def test_unnamed_speaker_is_a_source_only_when_it_names_people(phrase: str, kind: str, expected: str) -> None:
    text = f"The ships sailed north, {phrase} said."
    a = attribution(text, "a1", source=phrase, cue="said", content="The ships sailed north",
                    source_type=kind, canonical=phrase)
    (profile,) = sources.profiles((a,), document(text))
    assert profile.type == expected


@pytest.mark.parametrize(("description", "specificity"), [
    ("sources", "vague"),
    ("a person", "vague"),
    ("two sources familiar with the matter", "partial"),
    ("U.S. officials", "partial"),
    ("a senior official who attended the meeting", "specific"),
    ("two State Department officials briefed on the talks", "specific"),
])
def test_anonymous_specificity(description: str, specificity: str) -> None:
    text = f"The ships sailed, {description} said."
    a = attribution(text, "a1", source=description, cue="said", content="The ships sailed",
                    source_type="anonymous", canonical=description, anonymous=True)
    (profile,) = sources.profiles((a,), document(text))
    assert profile.specificity == specificity


def test_anonymity_reason_carried_to_the_profile() -> None:
    from attribution.results import Span

    text = "The deal is done, a source said on condition of anonymity because of the talks."
    reason = text.index("because")
    a = attribution(text, "a1", source="a source", cue="said", content="The deal is done",
                    source_type="anonymous", canonical="a source", anonymous=True,
                    anonymity_reason=Span(reason, len(text) - 1, text[reason:-1]))
    (profile,) = sources.profiles((a,), document(text))
    assert profile.anonymity_reason == "because of the talks"


@pytest.mark.parametrize(("phrase", "role", "affiliation"), [
    ("CIA Director William Burns", "Director", "CIA"),
    ("White House national security spokesman John Kirby", "national security spokesman", "White House"),
    ("Ukraine's President Volodymyr Zelenskyy", "President", "Ukraine"),
    ("John Kirby, a spokesman for the State Department", "spokesman", "State Department"),
    ("John Kirby", None, None),
])
def test_roles_and_affiliations(phrase: str, role: str | None, affiliation: str | None) -> None:
    name = next(n for n in ("William Burns", "John Kirby", "Volodymyr Zelenskyy") if n in phrase)
    text = f"{phrase} said the war goes on."
    a = attribution(text, "a1", source=phrase, cue="said", content="the war goes on", canonical=name)
    (profile,) = sources.profiles((a,), document(text))
    assert (profile.role, profile.affiliation) == (role, affiliation)


@pytest.mark.parametrize(("text", "side"), [
    ("Iran's UN mission", "Iran"),
    ("the Kremlin", "Russia"),
    ("a U.S. official", "United States"),
    ("told us", None),
    ("the Ukrainian Air Force", "Ukraine"),
])
def test_side_of(text: str, side: str | None) -> None:
    assert sources.side_of(text) == side


def test_no_attributions_no_profiles() -> None:
    assert sources.profiles((), document("Nothing is attributed here at all today.")) == ()


def test_unnamed_phrase_holding_a_quoted_persons_name_is_that_person() -> None:
    text = ("White House spokesman John Kirby announced on Tuesday that talks failed. "
            "Mr. Kirby said the war goes on and on.")
    found = (attribution(text, "a1", source="White House spokesman John Kirby", cue="announced",
                         content="that talks failed", source_type="unnamed",
                         canonical="White House spokesman John Kirby"),
             attribution(text, "a2", source="Mr. Kirby", cue="said", content="the war goes on and on",
                         canonical="John Kirby", after=text.index("Mr.")))
    (kirby,) = sources.profiles(found, document(text))
    assert kirby.type == "person" and kirby.attributions == ("a1", "a2")
    assert (kirby.role, kirby.affiliation) == ("spokesman", "White House")


def test_definite_description_of_an_organisation_merges() -> None:
    text = "The Ukrainian Air Force said drones came at night. The air force said none got through."
    found = (attribution(text, "a1", source="The Ukrainian Air Force", cue="said", content="drones came at night",
                         source_type="institution", canonical="The Ukrainian Air Force"),
             attribution(text, "a2", source="The air force", cue="said", content="none got through",
                         source_type="institution", canonical="The air force", after=text.index("The air")))
    (force,) = sources.profiles(found, document(text))
    assert force.name == "Ukrainian Air Force" and force.attributions == ("a1", "a2")


def test_source_cut_before_its_document_noun_is_a_document() -> None:
    text = "A U.S. intelligence finding released in June asserted that Iran was helping."
    a = attribution(text, "a1", source="A U.S. intelligence", cue="asserted", content="that Iran was helping",
                    source_type="unnamed", canonical="A U.S. intelligence")
    (profile,) = sources.profiles((a,), document(text))
    assert profile.type == "document" and profile.name == "A U.S. intelligence finding"
    assert profile.side == "United States"


def test_someone_close_to_a_person_is_not_that_person() -> None:
    text = "John Kirby said the war goes on. An aide to John Kirby said the talks failed."
    found = (attribution(text, "a1", source="John Kirby", cue="said", content="the war goes on", canonical="John Kirby"),
             attribution(text, "a2", source="An aide to John Kirby", cue="said", content="the talks failed",
                         source_type="anonymous", canonical="An aide to John Kirby", anonymous=True,
                         after=text.index("An aide")))
    kirby, aide = sources.profiles(found, document(text))
    assert (kirby.type, aide.type) == ("person", "anonymous")


def test_named_source_without_a_name_that_reads_unnamed_is_anonymous() -> None:
    text = "The war goes on, a U.S. national security official said."
    a = attribution(text, "a1", source="a U.S. national security official", cue="said", content="The war goes on",
                    canonical="official")
    (profile,) = sources.profiles((a,), document(text))
    assert profile.type == "anonymous" and profile.specificity == "partial"


def test_list_bullets_are_not_part_of_a_name() -> None:
    text = "• President Joe Biden said the talks go on."
    a = attribution(text, "a1", source="• President Joe Biden", cue="said", content="the talks go on",
                    canonical="Joe Biden")
    (profile,) = sources.profiles((a,), document(text))
    assert profile.mentions == ("President Joe Biden",) and profile.role == "President"
