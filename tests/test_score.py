"""The sourcing score on hand-built articles (no model needed)."""

from __future__ import annotations

from dataclasses import replace

from handmade import attribution, document

from attribution import score, sources
from attribution.assessment import SCORE_METHOD
from attribution.results import Attribution, Span

NAMED = ("John Kirby said the talks with the Iranian side had failed. "
         "Sarah Jones told reporters that the army was moving north again. "
         "The Pentagon said in a statement that two ships were damaged overnight. "
         "The ministry added that repairs would take several weeks at least.")


def named_article() -> tuple[str, tuple[Attribution, ...]]:
    t = NAMED
    return t, (
        attribution(t, "a1", source="John Kirby", cue="said", content="the talks with the Iranian side had failed",
                    canonical="John Kirby", cue_lemma="say"),
        attribution(t, "a2", source="Sarah Jones", cue="told", content="that the army was moving north again",
                    canonical="Sarah Jones", cue_lemma="tell"),
        attribution(t, "a3", source="The Pentagon", cue="said", content="that two ships were damaged overnight",
                    source_type="institution", canonical="The Pentagon", after=t.index("The Pentagon"), cue_lemma="say"),
        attribution(t, "a4", source="The ministry", cue="added", content="that repairs would take several weeks at least",
                    source_type="institution", canonical="The ministry", after=t.index("The ministry"), cue_lemma="add"),
    )


def run(text: str, found: tuple[Attribution, ...]):  # type: ignore[no-untyped-def]
    doc = document(text)
    return score.sourcing(found, sources.profiles(found, doc), doc)


def component(result, key):  # type: ignore[no-untyped-def]
    return next(c for c in result.components if c.key == key)


def test_weights_file_adds_up_and_names_the_method() -> None:
    w = score.weights()
    assert w["method"] == SCORE_METHOD
    assert sum(c["points"] for c in w["components"]) == 100
    assert [c["key"] for c in w["components"]] == [
        "on_record", "anonymous", "diversity", "unattributed", "quotes", "documents", "secondary"]


def test_components_follow_the_weights_and_sum_to_the_total() -> None:
    result = run(*named_article())
    assert [c.key for c in result.components] == [c["key"] for c in score.weights()["components"]]
    assert result.total == round(sum(c.points for c in result.components))
    assert all(c.explanation.endswith(".") for c in result.components)
    assert 0 <= result.total <= 100


def test_named_sources_earn_the_on_record_points_with_their_ids() -> None:
    result = run(*named_article())
    on_record = component(result, "on_record")
    assert on_record.points == on_record.max_points
    assert on_record.attributions == ("a1", "a2", "a3", "a4")
    assert "4 of 4 attributions (100%)" in on_record.explanation


def test_statement_counts_as_a_document() -> None:
    result = run(*named_article())
    documents = component(result, "documents")
    assert documents.value == 1 and documents.attributions == ("a3",)


def anonymous_version(vague: bool, reason: bool) -> tuple[str, tuple[Attribution, ...]]:
    description = "sources" if vague else "two officials familiar with the talks"
    text = NAMED.replace("Sarah Jones told reporters", f"{description.capitalize()} told reporters")
    if reason:
        text = text.replace("north again.", "north again, speaking on condition of anonymity to discuss plans.")
    t, found = text, list(named_article()[1])
    found[1] = attribution(t, "a2", source=description.capitalize(), cue="told",
                           content="that the army was moving north again", source_type="anonymous",
                           canonical=description.capitalize(), anonymous=True,
                           anonymity_reason=Span(t.index("to discuss"), t.index("to discuss") + 19,
                                                 t[t.index("to discuss"):t.index("to discuss") + 19]) if reason else None)
    found[2:] = [attribution(t, a.id, source=a.source.text if a.source else None, cue=a.cue.text if a.cue else None,
                             content=a.content[0].text, source_type=a.source_type, canonical=a.canonical_source,
                             after=t.index(a.source.text) if a.source else 0) for a in found[2:]]
    return t, tuple(found)


def test_anonymous_sourcing_costs_more_when_vague_and_unexplained() -> None:
    named = run(*named_article())
    vague = run(*anonymous_version(vague=True, reason=False))
    described = run(*anonymous_version(vague=False, reason=True))
    assert component(named, "anonymous").points == component(named, "anonymous").max_points
    assert component(vague, "anonymous").points < component(described, "anonymous").points
    assert component(described, "anonymous").points < component(named, "anonymous").max_points
    assert component(vague, "anonymous").attributions == ("a2",)
    assert "vague description, no reason given" in component(vague, "anonymous").explanation
    assert vague.total < described.total < named.total


def test_outlet_is_secondary_sourcing() -> None:
    text = NAMED + " The Wall Street Journal first reported the damage to the ships on Sunday."
    found = named_article()[1] + (attribution(text, "a5", source="The Wall Street Journal", cue="reported",
                                              content="the damage to the ships on Sunday", source_type="institution",
                                              canonical="The Wall Street Journal", after=len(NAMED)),)
    result = run(text, found)
    secondary = component(result, "secondary")
    assert secondary.attributions == ("a5",)
    assert secondary.points < secondary.max_points
    assert "The Wall Street Journal" in secondary.explanation


def test_unattributed_statements_are_listed_by_sentence() -> None:
    text = NAMED + " The ships were old and slow. Nobody expected the talks to last very long anyway."
    result = run(text, named_article()[1])
    bare = component(result, "unattributed")
    assert bare.sentences == (4, 5)
    assert bare.attributions == ()
    assert "2 of 6 statements" in bare.explanation


def test_score_means_the_same_in_a_longer_article() -> None:
    """Twice the article (same sources, same mix) scores the same: shares, not counts."""
    text, found = named_article()
    doubled_text = text + " " + text
    offset = len(text) + 1

    def shift(sp: Span | None) -> Span | None:
        return Span(sp.start + offset, sp.end + offset, sp.text) if sp else None

    second = tuple(replace(a, id=f"b{a.id}", cue=shift(a.cue), source=shift(a.source),
                           content=tuple(shift(c) for c in a.content), sentence=a.sentence + 4) for a in found)
    assert run(doubled_text, found + second).total == run(text, found).total


def test_hedges_are_listed_not_scored() -> None:
    text, found = named_article()
    hedged = (replace(found[0], hedged=True),) + found[1:]
    plain, marked = run(text, found), run(text, hedged)
    assert marked.hedged == ("a1",) and plain.hedged == ()
    assert marked.total == plain.total


def test_distancing_cue_is_listed() -> None:
    text, found = named_article()
    claimed = (replace(found[0], cue_lemma="claim"),) + found[1:]
    assert run(text, claimed).hedged == ("a1",)


def test_hedging_sentence_without_attribution_is_listed() -> None:
    text = NAMED + " Iran allegedly sent the missiles to the front last year."
    result = run(text, named_article()[1])
    assert result.hedged_sentences == (4,)


def test_no_attributions_scores_zero() -> None:
    text = "The ships were old and slow. Nobody expected the talks to last very long anyway."
    result = run(text, ())
    assert result.total == 0
    assert result.attributions == 0


def kirby_article(speakers: int) -> tuple[str, tuple[Attribution, ...]]:
    """The named article with its first ``speakers`` sources all John Kirby, as the text says."""
    mentions = ("John Kirby", "Mr. Kirby", "He", "Kirby")
    text, found = NAMED, list(named_article()[1])
    for a, mention in zip(found[:speakers], mentions):
        assert a.source is not None
        text = text.replace(a.source.text, mention, 1)
    out = []
    for a, mention in zip(found, mentions):
        assert a.source is not None and a.cue is not None
        source = mention if len(out) < speakers else a.source.text
        out.append(attribution(text, a.id, source=source, cue=a.cue.text, content=a.content[0].text,
                               source_type="named" if len(out) < speakers else a.source_type,
                               canonical="John Kirby" if len(out) < speakers else a.canonical_source,
                               after=text.index(source, out[-1].source.end if out and out[-1].source else 0),
                               cue_lemma=a.cue_lemma))
    return text, tuple(out)


def test_one_source_loses_diversity_points() -> None:
    text, found = named_article()
    same_text, same = kirby_article(4)
    diverse, single = component(run(text, found), "diversity"), component(run(same_text, same), "diversity")
    assert single.value == 1 and single.points == 0 and diverse.points > 0
    assert diverse.value == 4 and diverse.points == diverse.max_points, "4 sources, one attribution each"
    assert "John Kirby, gives 4 of 4" in single.explanation
    assert "weighing like 1.0 equally cited" in single.explanation


def test_a_dominant_source_weighs_like_fewer_sources() -> None:
    text, leaning = kirby_article(3)
    diversity = component(run(text, leaning), "diversity")
    assert 1 < diversity.value < 2, "3 of 4 from one source, 1 from another: 1 / (0.75² + 0.25²) = 1.6"


def test_sides_heard_and_unheard() -> None:
    text = NAMED + " Iran and Russia made no comment. Iran and Russia kept sailing."
    result = run(text, named_article()[1])
    assert [s.side for s in result.sides] == ["United States"]
    assert result.unheard == ("Iran", "Russia")


def test_side_named_beside_a_speakerless_attribution_is_not_called_unheard() -> None:
    text = NAMED + " Iran and Russia made no comment. Tehran and Moscow have both denied the claims."
    speakerless = attribution(text, "a5", source=None, cue="denied", content="the claims",
                              after=text.index("Tehran"), cue_lemma="deny")
    result = run(text, named_article()[1] + (speakerless,))
    assert result.unheard == ()


def test_unresolved_sources_are_left_out_and_named() -> None:
    text, found = named_article()
    text = text.replace("John Kirby said", "He said", 1)
    unknown = (attribution(text, "a1", source="He", cue="said", content=found[0].content[0].text,
                           source_type="pronoun", canonical=None, cue_lemma="say"),) + tuple(
        attribution(text, a.id, source=a.source.text if a.source else None, cue=a.cue.text if a.cue else None,
                    content=a.content[0].text, source_type=a.source_type, canonical=a.canonical_source,
                    after=text.index(a.source.text) if a.source else 0, cue_lemma=a.cue_lemma) for a in found[1:])
    result = run(text, unknown)
    assert result.unresolved == ("a1",)
    assert result.attributions == 3
