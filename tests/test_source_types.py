"""Source typing by the guide and the entity tagger, on sentences written for these tests.

Each sentence comes with its parse written out by hand ("word/UPOS/head/relation"), as the
bundled parser gives it, so the entity model and the typing rules are tested without loading
the parser.  The four classes of issue 15: a month is no person, a headline's first word is
no person, an outlet's name is one organisation, and unnamed people in a role are anonymous.
"""

from __future__ import annotations

import pytest

from attribution import entities, sources
from attribution.results import Attribution, ParsedDocument, Sentence, Span, Word
from attribution.source_types import Typer


def parsed(*sentences: str) -> ParsedDocument:
    """A document from hand-parsed sentences: tokens "text/UPOS/head/deprel", one space apart."""
    text_parts: list[str] = []
    out = []
    offset = 0
    for index, sentence in enumerate(sentences):
        words = []
        start = offset
        for i, token in enumerate(sentence.split(), 1):
            form, upos, head, rel = token.rsplit("/", 3)
            plural = "Number=Plur" if upos in ("NOUN", "PROPN") and form.lower().endswith("s") and \
                not form.lower().endswith("ss") else "_"
            lemma = form.lower()[:-1] if plural != "_" and upos == "NOUN" else (form if upos == "PROPN" else form.lower())
            # The Penn tag the parser gives nouns and names (the entity tagger reads it).
            xpos = {"PROPN": "NNP", "NOUN": "NN"}.get(upos, "_") + ("S" if plural != "_" else "")
            words.append(Word(i, form, lemma, upos, xpos, plural, int(head), rel, offset, offset + len(form)))
            text_parts.append(form)
            offset += len(form) + 1
        out.append(Sentence(index, index, start, offset - 1, tuple(words)))
    return ParsedDocument(" ".join(text_parts), tuple(out), "hand-parsed")


def said(doc: ParsedDocument, source: str, ident: str = "a1", cue_word: str = "said", cue_lemma: str = "say",
         after: int = 0, **extra: object) -> Attribution:
    """An attribution of ``source`` (its first occurrence at or after ``after``) with the cue
    ``cue_word`` after it, as extraction gives it."""
    at = doc.text.index(source, after)
    sentence = next(s.index for s in doc.sentences if s.start <= at < s.end)
    cue = doc.text.index(cue_word, at) if cue_word in doc.text[at:] else at
    return Attribution(ident, "indirect", Span(cue, cue + len(cue_word), doc.text[cue:cue + len(cue_word)]),
                       Span(at, at + len(source), source), (Span(0, 1, doc.text[0]),),
                       sentence=sentence, cue_lemma=cue_lemma, **extra)  # type: ignore[arg-type]


MONTH = ("Last/ADJ/2/amod May/PROPN/6/obl:tmod ,/PUNCT/2/punct the/DET/5/det White/PROPN/5/compound "
         "House/PROPN/6/nsubj said/VERB/0/root the/DET/9/det talks/NOUN/11/nsubj would/AUX/11/aux "
         "resume/VERB/6/ccomp ./PUNCT/6/punct")
HEADLINE = ("Stealth/NOUN/0/root Over/ADP/3/case Health/PROPN/1/nmod :/PUNCT/6/punct Clinton/PROPN/5/compound "
            "Camp/PROPN/6/nsubj Hid/VERB/1/appos Illness/NOUN/6/obj")
POST = ("The/DET/4/det New/PROPN/3/compound York/PROPN/4/compound Post/PROPN/5/nsubj reports/VERB/0/root "
        "that/SCONJ/8/mark the/DET/8/det campaign/NOUN/9/nsubj changed/VERB/5/ccomp course/NOUN/9/obj ./PUNCT/5/punct")


def test_a_month_is_a_time_not_a_person() -> None:
    doc = parsed(MONTH)
    found = {m.text: m.type for m in entities.mentions(doc)}
    assert found.get("May") in (None, "time")
    assert found.get("White House") in ("organization", "place")  # GUM often makes it the building
    # A source span that a misparse starts at the month is still the White House speaking.
    a = said(doc, "May , the White House", canonical_source="May", source_type="named")
    (profile,) = sources.profiles((a,), doc)
    assert profile.label == "named_organization" and "May" not in profile.name.split()


def test_a_headline_word_is_no_person() -> None:
    doc = parsed(HEADLINE)
    assert not [m for m in entities.mentions(doc) if m.type == "person" and m.text.startswith("Stealth")]
    a = said(doc, "Stealth", canonical_source="Stealth", source_type="named")
    assert Typer(doc).type(a).label != "named_person"


def test_an_outlet_name_is_one_organisation() -> None:
    doc = parsed(POST)
    names = [(m.text, m.type) for m in entities.mentions(doc)]
    assert ("New York Post", "organization") in names or ("The New York Post", "organization") in names
    a = said(doc, "The New York Post", canonical_source="York Post", source_type="named")
    (profile,) = sources.profiles((a,), doc)
    assert profile.label == "named_organization" and profile.name == "The New York Post"


@pytest.mark.parametrize("sentence, source", [
    ("A/DET/2/det spokesman/NOUN/6/nsubj for/ADP/5/case the/DET/5/det campaign/NOUN/2/nmod said/VERB/0/root "
     "it/PRON/8/nsubj ended/VERB/6/ccomp ./PUNCT/6/punct", "A spokesman for the campaign"),
    ("Clinton/PROPN/2/compound aides/NOUN/3/nsubj said/VERB/0/root she/PRON/5/nsubj rested/VERB/3/ccomp "
     "./PUNCT/3/punct", "Clinton aides"),
    ("Investigators/NOUN/2/nsubj said/VERB/0/root the/DET/4/det fire/NOUN/5/nsubj spread/VERB/2/ccomp "
     "./PUNCT/2/punct", "Investigators"),
    ("Two/NUM/2/nummod people/NOUN/6/nsubj familiar/ADJ/2/amod with/ADP/5/case talks/NOUN/3/obl "
     "said/VERB/0/root they/PRON/8/nsubj stalled/VERB/6/ccomp ./PUNCT/6/punct", "Two people familiar with talks"),
    # The parser made "familiar" a clause on top with "source" its subject: "ad" is no head.
    ("A/DET/2/det source/NOUN/3/nsubj familiar/ADJ/7/ccomp with/ADP/6/case the/DET/6/det ad/NOUN/3/obl "
     "said/VERB/0/root it/PRON/10/nsubj would/AUX/10/aux run/VERB/7/ccomp ./PUNCT/7/punct",
     "A source familiar with the ad"),
    # A sentence-initial capital the tagger took for a name.
    ("Authorities/PROPN/2/nsubj said/VERB/0/root the/DET/4/det suspect/NOUN/5/nsubj fled/VERB/2/ccomp "
     "./PUNCT/2/punct", "Authorities"),
])
def test_unnamed_people_in_a_role_are_anonymous_informants(sentence: str, source: str) -> None:
    doc = parsed(sentence)
    (profile,) = sources.profiles((said(doc, source, source_type="group"),), doc)
    assert profile.label == "unnamed_individual" and profile.informant is True and profile.anonymous_source


def test_one_authority_is_a_body_and_authorities_are_officials() -> None:
    doc = parsed("The/DET/3/det water/NOUN/3/compound authority/NOUN/4/nsubj said/VERB/0/root "
                 "repairs/NOUN/7/nsubj would/AUX/7/aux cost/VERB/4/ccomp ./PUNCT/4/punct")
    (profile,) = sources.profiles((said(doc, "The water authority", source_type="institution"),), doc)
    assert profile.label == "named_organization" and not profile.anonymous_source


def test_a_role_noun_inside_a_name_is_the_name() -> None:
    doc = parsed("The/DET/3/det Port/PROPN/3/compound Authority/PROPN/4/nsubj said/VERB/0/root the/DET/6/det "
                 "bridge/NOUN/8/nsubj would/AUX/8/aux close/VERB/4/ccomp ./PUNCT/4/punct")
    (profile,) = sources.profiles((said(doc, "The Port Authority", source_type="named"),), doc)
    assert profile.label == "named_organization" and not profile.anonymous_source


def test_a_class_of_people_is_a_group_not_anonymous() -> None:
    doc = parsed("Voters/NOUN/2/nsubj said/VERB/0/root the/DET/4/det race/NOUN/5/nsubj tightened/VERB/2/ccomp "
                 "./PUNCT/2/punct")
    (profile,) = sources.profiles((said(doc, "Voters", source_type="group"),), doc)
    assert profile.label == "unnamed_group" and profile.informant is False and not profile.anonymous_source


def test_a_participant_is_anonymous_but_no_informant() -> None:
    doc = parsed("A/DET/2/det judge/NOUN/3/nsubj ruled/VERB/0/root the/DET/5/det ban/NOUN/7/nsubj was/AUX/7/cop "
                 "unlawful/ADJ/3/ccomp ./PUNCT/3/punct")
    a = said(doc, "A judge", source_type="unnamed")
    (profile,) = sources.profiles((a,), doc)
    assert profile.label == "unnamed_individual" and profile.informant is False


def test_short_name_and_description_merge_into_the_named_person() -> None:
    doc = parsed(
        "White/PROPN/2/compound House/PROPN/3/compound spokesman/NOUN/5/compound John/PROPN/5/flat "
        "Kirby/PROPN/6/nsubj said/VERB/0/root talks/NOUN/8/nsubj failed/VERB/6/ccomp ./PUNCT/6/punct",
        "Mr./PROPN/2/compound Kirby/PROPN/3/nsubj said/VERB/0/root sanctions/NOUN/5/nsubj follow/VERB/3/ccomp "
        "./PUNCT/3/punct",
        "The/DET/2/det spokesman/NOUN/3/nsubj said/VERB/0/root Washington/PROPN/5/nsubj waits/VERB/3/ccomp "
        "./PUNCT/3/punct")
    found = (said(doc, "White House spokesman John Kirby", "a1", canonical_source="John Kirby", source_type="named"),
             said(doc, "Mr. Kirby", "a2", canonical_source="Kirby", source_type="named"),
             said(doc, "The spokesman", "a3", source_type="anonymous", anonymous=True))
    (kirby,) = sources.profiles(found, doc)
    assert kirby.name == "John Kirby" and kirby.label == "named_person" and kirby.attributions == ("a1", "a2", "a3")


def test_author_we_and_generic_you_are_unresolved_not_guessed() -> None:
    doc = parsed("We/PRON/2/nsubj said/VERB/0/root it/PRON/4/nsubj matters/VERB/2/ccomp ./PUNCT/2/punct")
    assert Typer(doc).type(said(doc, "We", source_type="pronoun")).label == "unresolved"


def test_a_class_marked_as_speaking_privately_is_anonymous() -> None:
    doc = parsed("Some/DET/2/det Democrats/PROPN/4/nsubj privately/ADV/4/advmod voice/VERB/0/root doubts/NOUN/4/obj "
                 "./PUNCT/4/punct")
    a = said(doc, "Some Democrats", cue_word="voice", cue_lemma="voice", source_type="group")
    (profile,) = sources.profiles((a,), doc)
    assert profile.label == "unnamed_individual" and profile.anonymous_source


def test_those_close_to_him_is_anonymous_even_when_the_span_is_cut() -> None:
    doc = parsed("Those/PRON/5/nsubj close/ADJ/1/amod to/ADP/4/case him/PRON/2/obl say/VERB/0/root he/PRON/8/nsubj "
                 "will/AUX/8/aux run/VERB/5/ccomp ./PUNCT/5/punct")
    a = said(doc, "Those", cue_word="say", source_type="pronoun")
    (profile,) = sources.profiles((a,), doc)
    assert profile.label == "unnamed_individual" and profile.anonymous_source


def test_those_surveyed_are_a_group_not_a_pronoun_for_earlier_officials() -> None:
    doc = parsed("Pentagon/PROPN/2/compound officials/NOUN/3/nsubj said/VERB/0/root the/DET/5/det poll/NOUN/7/nsubj "
                 "was/AUX/7/cop fair/ADJ/3/ccomp ./PUNCT/3/punct",
                 "Some/DET/3/det of/ADP/3/case those/PRON/5/nsubj surveyed/VERB/3/acl shared/VERB/0/root "
                 "concerns/NOUN/5/obj ./PUNCT/5/punct")
    found = (said(doc, "Pentagon officials", "a1", source_type="group"),
             said(doc, "Some of those surveyed", "a2", cue_word="shared", cue_lemma="share", source_type="pronoun"))
    labels = {p.attributions: p.label for p in sources.profiles(found, doc)}
    assert labels == {("a1",): "unnamed_individual", ("a2",): "unnamed_group"}


def test_members_of_one_cast_are_particular_people() -> None:
    doc = parsed("Three/NUM/3/nummod crew/ADJ/3/amod members/NOUN/4/nsubj said/VERB/0/root the/DET/6/det captain/NOUN/7/nsubj "
                 "shouted/VERB/4/ccomp ./PUNCT/4/punct")
    (profile,) = sources.profiles((said(doc, "Three crew members", source_type="group"),), doc)
    assert profile.label == "unnamed_individual" and profile.anonymous_source


@pytest.mark.parametrize("sentence, source, cue, lemma", [
    # a lemmatiser that leaves the past form: its stem is a participant's cue
    ("Two/NUM/2/nummod strategists/NOUN/3/nsubj begged/VERB/0/root him/PRON/3/obj to/PART/6/mark "
     "stop/VERB/3/xcomp ./PUNCT/3/punct", "Two strategists", "begged", "begged"),
    ("State/PROPN/2/compound regulators/NOUN/5/nsubj did/AUX/5/aux not/PART/5/advmod consider/VERB/0/root "
     "him/PRON/7/nsubj serious/ADJ/5/xcomp ./PUNCT/5/punct", "State regulators", "consider", "consider"),
    # authors of a published piece
    ("In/ADP/3/case a/DET/3/det column/NOUN/7/obl ,/PUNCT/3/punct two/NUM/6/nummod aides/NOUN/7/nsubj "
     "argued/VERB/0/root she/PRON/9/nsubj erred/VERB/7/ccomp ./PUNCT/7/punct", "two aides", "argued", "argue"),
])
def test_unnamed_actors_and_authors_are_no_informants(sentence: str, source: str, cue: str, lemma: str) -> None:
    doc = parsed(sentence)
    (profile,) = sources.profiles((said(doc, source, cue_word=cue, cue_lemma=lemma, source_type="group"),), doc)
    assert profile.label == "unnamed_individual" and not profile.anonymous_source


def test_a_name_closing_the_phrase_after_a_comma_is_the_speaker() -> None:
    doc = parsed("Carl/PROPN/2/flat Ostrow/PROPN/3/nsubj testified/VERB/0/root ./PUNCT/3/punct",
                 "These/DET/2/det employees/NOUN/5/nsubj ,/PUNCT/4/punct Ostrow/PROPN/2/appos explained/VERB/0/root "
                 ",/PUNCT/8/punct were/AUX/8/cop paid/ADJ/5/ccomp ./PUNCT/5/punct")
    a = said(doc, "These employees , Ostrow", cue_word="explained", cue_lemma="explain", source_type="group")
    (profile,) = sources.profiles((a,), doc)
    assert profile.label == "named_person" and not profile.anonymous_source


def test_a_title_and_a_name_misparsed_as_two_subjects_is_the_named_person() -> None:
    doc = parsed("ACLU/PROPN/2/compound spokesman/NOUN/5/nsubj Dan/PROPN/2/flat Pickett/PROPN/5/nsubj said/VERB/0/root "
                 "it/PRON/7/nsubj works/VERB/5/ccomp ./PUNCT/5/punct")
    a = said(doc, "ACLU spokesman Dan Pickett", canonical_source="Dan Pickett", source_type="named")
    (profile,) = sources.profiles((a,), doc)
    assert profile.label == "named_person" and profile.name == "Dan Pickett"


def test_a_name_inside_a_relative_clause_does_not_name_the_speakers() -> None:
    doc = parsed("Many/ADJ/2/amod leaders/NOUN/8/nsubj who/PRON/4/nsubj work/VERB/2/acl:relcl for/ADP/7/case "
                 "Ben/PROPN/7/flat Carlson/PROPN/8/nsubj say/VERB/0/root Trump/PROPN/10/nsubj gains/VERB/8/ccomp "
                 "./PUNCT/8/punct")
    a = said(doc, "Many leaders who work for Ben Carlson", cue_word="say", source_type="group")
    assert Typer(doc).type(a).label == "unnamed_group"


def test_a_relative_pronoun_misparsed_stands_for_the_name_before_it() -> None:
    doc = parsed("Officials/NOUN/2/nsubj said/VERB/0/root it/PRON/4/nsubj helps/VERB/2/ccomp ./PUNCT/2/punct",
                 "It/PRON/2/nsubj hurts/VERB/3/ccomp ,/PUNCT/3/punct said/VERB/0/root Rick/PROPN/5/flat "
                 "Palmer/PROPN/3/nsubj ,/PUNCT/8/punct who/PRON/8/nsubj said/VERB/3/conj he/PRON/10/nsubj "
                 "abstains/VERB/8/ccomp ./PUNCT/3/punct")
    first = said(doc, "Officials", "a1", source_type="group")
    relative = said(doc, "who", "a2", source_type="pronoun", after=doc.text.index("Palmer"))
    typer = Typer(doc)
    assert typer.type(relative, [(first, typer.type(first))]).label == "named_person"


def test_a_lede_description_named_in_the_next_sentence_is_that_person() -> None:
    doc = parsed("A/DET/4/det former/ADJ/4/amod party/NOUN/4/compound chairman/NOUN/5/nsubj says/VERB/0/root "
                 "a/DET/7/det plan/NOUN/9/nsubj is/AUX/9/cop needed/ADJ/5/ccomp ./PUNCT/5/punct",
                 "Now/ADV/2/advmod matters/VERB/4/ccomp ,/PUNCT/4/punct said/VERB/0/root Ray/PROPN/6/flat "
                 "Dunmore/PROPN/4/nsubj ./PUNCT/4/punct")
    found = (said(doc, "A former party chairman", "a1", cue_word="says", source_type="unnamed"),
             said(doc, "Ray Dunmore", "a2", canonical_source="Ray Dunmore", source_type="named"))
    (profile,) = sources.profiles(found, doc)
    assert profile.label == "named_person" and profile.name == "Ray Dunmore" and profile.attributions == ("a1", "a2")


def test_a_lede_official_stays_anonymous_though_a_name_follows() -> None:
    doc = parsed("A/DET/3/det senior/ADJ/3/amod official/NOUN/4/nsubj says/VERB/0/root a/DET/6/det plan/NOUN/8/nsubj "
                 "is/AUX/8/cop needed/ADJ/4/ccomp ./PUNCT/4/punct",
                 "Now/ADV/2/advmod matters/VERB/4/ccomp ,/PUNCT/4/punct said/VERB/0/root Ray/PROPN/6/flat "
                 "Dunmore/PROPN/4/nsubj ./PUNCT/4/punct")
    found = (said(doc, "A senior official", "a1", cue_word="says", source_type="anonymous"),
             said(doc, "Ray Dunmore", "a2", canonical_source="Ray Dunmore", source_type="named"))
    labels = [p.label for p in sources.profiles(found, doc)]
    assert labels == ["unnamed_individual", "named_person"]


NAMED_SPOKESMAN = ("Jupiter/PROPN/2/compound police/NOUN/3/compound spokesman/NOUN/6/nsubj John/PROPN/3/appos "
                   "Doe/PROPN/4/flat said/VERB/0/root the/DET/8/det road/NOUN/10/nsubj was/AUX/10/cop "
                   "closed/ADJ/6/ccomp ./PUNCT/6/punct")


def spokesman_for(town: str) -> str:
    return (f"A/DET/2/det spokesman/NOUN/7/nsubj for/ADP/6/case the/DET/6/det {town}/PROPN/6/compound "
            "police/NOUN/2/nmod added/VERB/0/root that/SCONJ/10/mark it/PRON/10/nsubj reopened/VERB/7/ccomp "
            "./PUNCT/7/punct")


def test_an_indefinite_description_is_the_person_the_article_names_with_that_role_and_affiliation() -> None:
    # Rule 1 reads the whole article: "a spokesman for the Jupiter police" is the Jupiter police
    # spokesman it names; a spokesman for another body stays an anonymous source.
    doc = parsed(NAMED_SPOKESMAN, spokesman_for("Jupiter"))
    a = said(doc, "A spokesman for the Jupiter police", cue_word="added", cue_lemma="add")
    t = Typer(doc).type(a)
    assert t.label == "named_person" and "John Doe" in t.basis
    other = parsed(NAMED_SPOKESMAN, spokesman_for("Miami"))
    b = said(other, "A spokesman for the Miami police", cue_word="added", cue_lemma="add")
    assert Typer(other).type(b).label == "unnamed_individual"
