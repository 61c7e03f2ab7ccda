"""Same-story comparison: story.compare() on hand-built reports, its renderers, and a gold
file comparing the seeds 001 and 004 (the same White House briefing) end to end.

Regenerate the gold files after an intended change:

    ATTRIBUTION_REGEN_GOLD=1 python -m pytest tests/test_story.py
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from test_gold import scrub

from attribution import api, story
from attribution.render import story as render_story
from attribution.report import ArticleReport
from attribution.results import Article, ParsedDocument

from handmade import attribution, document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "story"
ACTUAL = ROOT / "tests" / "actual" / "story"
REGENERATE = os.environ.get("ATTRIBUTION_REGEN_GOLD") == "1"
SEEDS = ("001_d19f47592ba6ce0b", "004_e22b176ff2ef0cb8")

# The handmade parse calls every word a noun; these are what a real parse would not count.
_FUNCTION = {"the", "a", "an", "that", "to", "of", "in", "on", "for", "and", "or", "is", "are", "was", "has", "have",
             "been", "will", "be", "by", "with", "it", "its", "we", "he", "she", "they", "this", "not", "no", "at"}


def tagged(doc: ParsedDocument) -> ParsedDocument:
    """The handmade parse with function words tagged as such, and every word finite."""
    return replace(doc, sentences=tuple(replace(s, words=tuple(
        replace(w, upos="DET" if w.lemma in _FUNCTION else w.upos, feats="VerbForm=Fin") for w in s.words))
        for s in doc.sentences))


def report_of(text: str, rows: list[dict[str, object]], name: str) -> ArticleReport:
    found = tuple(attribution(text, f"a{i}", **row) for i, row in enumerate(rows, 1))  # type: ignore[arg-type]
    return api.assess(ArticleReport(Article(name, text), tagged(document(text)), found))


TEXT_A = """Iran may send missiles to Russia
"Iran is preparing to ship ballistic missiles to Moscow next month," National Security Council spokesman John Kirby said.
U.S. officials said the shipment would break a United Nations resolution on arms sales.
The White House said Russia paid for hundreds of drones with gold bars last year.
Two diplomats said talks stalled.
"""

TEXT_B = """Kirby warns of missile deal
"Iran is preparing to ship ballistic missiles to Moscow next month," Kirby said at a briefing.
According to the U.S., Iran also trained Russian pilots to fly attack drones over Ukraine.
American officials said the shipment would break a United Nations resolution on arms sales.
The Kremlin denied that Iran sent drones, calling the reports fake news from Western spies.
"""


def report_a() -> ArticleReport:
    t = TEXT_A
    return report_of(t, [
        dict(source="National Security Council spokesman John Kirby", cue="said", kind="direct",
             canonical="John Kirby", content='"Iran is preparing to ship ballistic missiles to Moscow next month,"'),
        dict(source="U.S. officials", cue="said", source_type="anonymous", anonymous=True,
             content="the shipment would break a United Nations resolution on arms sales"),
        dict(source="The White House", cue="said", source_type="institution", canonical="White House",
             content="Russia paid for hundreds of drones with gold bars last year"),
        dict(source="Two diplomats", cue="said", source_type="anonymous", anonymous=True, speaker_count=2,
             content="talks stalled"),
    ], "outlet-a")


def report_b() -> ArticleReport:
    t = TEXT_B
    return report_of(t, [
        dict(source="Kirby", cue="said", kind="direct", canonical="Kirby",
             content='"Iran is preparing to ship ballistic missiles to Moscow next month,"'),
        dict(source="the U.S.", cue="According to", kind="according_to", source_type="institution",
             canonical="U.S.", content="Iran also trained Russian pilots to fly attack drones over Ukraine"),
        dict(source="American officials", cue="said", source_type="anonymous", anonymous=True,
             content="the shipment would break a United Nations resolution on arms sales"),
        dict(source="The Kremlin", cue="denied", source_type="institution", canonical="Kremlin",
             content="that Iran sent drones"),
    ], "outlet-b")


@pytest.fixture(scope="module")
def comparison() -> story.StoryComparison:
    return story.compare(report_a(), report_b())


def names(profiles: tuple[object, ...]) -> list[str]:
    return [p.name for p in profiles]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- sources

def test_surname_matches_the_full_name(comparison: story.StoryComparison) -> None:
    [kirby] = [m for m in comparison.shared_sources if "Kirby" in m.first.name]
    assert (kirby.first.name, kirby.second.name, kirby.basis) == ("John Kirby", "Kirby", "surname")
    assert kirby.first.attributions == ("a1",) and kirby.second.attributions == ("a1",)


def test_different_descriptions_of_anonymous_sources_stay_apart(comparison: story.StoryComparison) -> None:
    """"U.S. officials" and "American officials" may be the same people; the tool does not guess."""
    assert "U.S. officials" in names(comparison.first.only_sources)
    assert "American officials" in names(comparison.second.only_sources)
    assert all(m.basis != "description" for m in comparison.shared_sources)


def test_sources_only_in_one_article(comparison: story.StoryComparison) -> None:
    assert set(names(comparison.first.only_sources)) == {"White House", "U.S. officials", "Two diplomats"}
    assert set(names(comparison.second.only_sources)) == {"United States", "Kremlin", "American officials"}


def test_names_match_across_case_article_title_and_alias() -> None:
    a = report_of('The U.S. said talks failed.\nMr. Ali Reza said "no deal".\n', [
        dict(source="The U.S.", cue="said", source_type="institution", canonical="U.S.", content="talks failed"),
        dict(source="Mr. Ali Reza", cue="said", kind="direct", canonical="Ali Reza", content='"no deal"')], "a")
    b = report_of('The United States said talks failed.\nDr. Ali Reza said "no deal".\n', [
        dict(source="The United States", cue="said", source_type="institution", canonical="United States",
             content="talks failed"),
        dict(source="Dr. Ali Reza", cue="said", kind="direct", canonical="Ali Reza", content='"no deal"')], "b")
    c = story.compare(a, b)
    assert sorted((m.first.name, m.basis) for m in c.shared_sources) == [("Ali Reza", "name"),
                                                                         ("United States", "name")]
    assert story.name_key("the U.S.") == story.name_key("United States") == "united states"
    assert story.name_key("Mr. Kirby") == story.name_key("KIRBY") == "kirby"


def test_same_anonymous_description_matches() -> None:
    rows: list[dict[str, object]] = [dict(source="U.S. officials", cue="said", source_type="anonymous",
                                          anonymous=True, content="talks failed")]
    c = story.compare(report_of("U.S. officials said talks failed.\n", rows, "a"),
                      report_of("The U.S. officials said talks failed.\n", rows, "b"))
    assert [(m.first.type, m.basis) for m in c.shared_sources] == [("anonymous", "description")]


def test_surname_shared_by_two_people_is_not_matched() -> None:
    a = report_of("John Kirby said talks failed. Jane Kirby said talks went well.\n", [
        dict(source="John Kirby", cue="said", canonical="John Kirby", content="talks failed"),
        dict(source="Jane Kirby", cue="said", canonical="Jane Kirby", content="talks went well")], "a")
    b = report_of("Kirby said talks failed.\n", [
        dict(source="Kirby", cue="said", canonical="Kirby", content="talks failed")], "b")
    assert story.compare(a, b).shared_sources == ()
    assert story.compare(b, a).shared_sources == ()


# ---------------------------------------------------------------- statements

def test_same_quote_is_shared_with_both_wordings(comparison: story.StoryComparison) -> None:
    [quote] = [m for m in comparison.shared_statements if m.relation == "same_quote"]
    assert (quote.first.id, quote.second.id, quote.same_source) == ("a1", "a1", True)
    assert quote.overlap == 1.0 and {"ballistic", "missiles", "moscow"} <= set(quote.shared_words)


def test_paraphrase_matches_across_different_sources(comparison: story.StoryComparison) -> None:
    [pair] = [m for m in comparison.shared_statements if m.first.id == "a2"]
    assert (pair.second.id, pair.relation, pair.same_source) == ("a3", "paraphrase", False)
    assert pair.first_source and pair.second_source
    assert (pair.first_source.name, pair.second_source.name) == ("U.S. officials", "American officials")


def test_unshared_and_short_statements(comparison: story.StoryComparison) -> None:
    # "drones" alone is not enough: the Kremlin's denial shares too few words with a3.
    assert [a.id for a in comparison.first.only_statements] == ["a3"]
    assert [a.id for a in comparison.second.only_statements] == ["a2"]
    assert [a.id for a in comparison.first.uncompared] == ["a4"]  # "talks stalled"
    assert [a.id for a in comparison.second.uncompared] == ["a4"]  # "that Iran sent drones"


def test_quote_against_paraphrase_says_which_side_quotes() -> None:
    quote = 'Kirby said: "Iran is preparing to ship ballistic missiles to Moscow."\n'
    para = "Kirby said Iran was preparing to ship ballistic missiles to Moscow.\n"
    rows_q: list[dict[str, object]] = [dict(source="Kirby", cue="said", kind="direct", canonical="Kirby",
                                            content='"Iran is preparing to ship ballistic missiles to Moscow."')]
    rows_p: list[dict[str, object]] = [dict(source="Kirby", cue="said", canonical="Kirby",
                                            content="Iran was preparing to ship ballistic missiles to Moscow")]
    q, p = report_of(quote, rows_q, "q"), report_of(para, rows_p, "p")
    assert [m.relation for m in story.compare(q, p).shared_statements] == ["quoted_first"]
    assert [m.relation for m in story.compare(p, q).shared_statements] == ["quoted_second"]


def test_threshold_is_a_share_of_the_shorter_statement() -> None:
    text = "Kirby said Iran ships missiles rockets shells guns mortars today.\n"
    a = report_of(text, [dict(source="Kirby", cue="said", canonical="Kirby",
                              content="Iran ships missiles rockets shells guns mortars")], "a")
    # 5 words, all in the 7 of the other: a match (100% of the shorter).
    close = report_of("Kirby said Iran ships missiles rockets shells today.\n", [
        dict(source="Kirby", cue="said", canonical="Kirby", content="Iran ships missiles rockets shells")], "b")
    # 4 shared with the 7 words of the shorter: 57% < 60%, no match.
    far = report_of("Kirby said Iran ships missiles rockets via ports bridges trains today.\n", [
        dict(source="Kirby", cue="said", canonical="Kirby",
             content="Iran ships missiles rockets via ports bridges trains")], "c")
    assert len(story.compare(a, close).shared_statements) == 1
    assert story.compare(a, far).shared_statements == ()
    assert story.THRESHOLD == 0.6 and story.MIN_SHARED_WORDS == 4


# ---------------------------------------------------------------- results and renderers

def test_results_are_frozen_tuples_and_json(comparison: story.StoryComparison) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        comparison.shared_sources = ()  # type: ignore[misc]
    assert isinstance(comparison.shared_statements, tuple) and isinstance(comparison.first.only_sources, tuple)
    data = json.loads(render_story.json(comparison))
    assert data["format"] == story.STORY_FORMAT
    assert data["summary"]["shared_sources"] == 1 and data["summary"]["same_quotes"] == 1
    assert data["summary"]["first"]["anonymous_sources"] == 2
    assert (data["first"]["name"], data["second"]["name"]) == ("outlet-a", "outlet-b")
    assert data["shared_sources"][0]["second"]["attributions"] == ["a1"]


def test_text_shows_both_wordings_and_roles(comparison: story.StoryComparison) -> None:
    out = render_story.text(comparison)
    assert "SOURCES IN BOTH (1)" in out and "spokesman, National Security Council" in out
    assert "American officials said" not in out  # content, not sentences
    assert "the shipment would break a United Nations resolution on arms sales" in out
    assert "outlet-a: a4" in out and "outlet-b: a4" in out  # too short to compare
    assert all(len(line) <= 100 for line in out.splitlines())


def test_the_outlets_are_named_not_lettered() -> None:
    rows: list[dict[str, object]] = [dict(source="Kirby", cue="said", kind="direct", canonical="Kirby",
                                          content='"missiles ship from the ports tonight"')]
    first = 'WASHINGTON (AP) \u2014 Kirby said "missiles ship from the ports tonight".\n'
    second = '(CNN) \u2014 Kirby said "missiles ship from the ports tonight".\n'
    c = story.compare(report_of(first, rows, "9f2c1e"), report_of(second, rows, "77ab0d"))
    assert render_story.labels(c) == ("AP", "CNN")
    page = render_story.html(c)
    assert "Only in AP (" in page and "Only in CNN (" in page and ">AP</th>" in page
    assert "Only in A " not in page and "Only in A (" not in page
    out = render_story.text(c)
    assert "SOURCES ONLY IN CNN" in out and "TOO SHORT TO COMPARE" in out


def test_markdown_and_html_escape_article_text() -> None:
    text = 'Kirby said "<script>alert(1)</script> *bold* missiles ship from ports tonight".\n'
    rows: list[dict[str, object]] = [dict(source="Kirby", cue="said", kind="direct", canonical="Kirby",
                                          content='"<script>alert(1)</script> *bold* missiles ship from ports tonight"')]
    c = story.compare(report_of(text, rows, "<b>a</b>"), report_of(text, rows, "b"))
    assert len(c.shared_statements) == 1
    page = render_story.html(c)
    assert "<script" not in page and "&lt;script&gt;" in page and "<b>a</b>" not in page
    assert "default-src 'none'" in page and "<link" not in page
    md = render_story.markdown(c)
    assert "<script>" not in md and r"\<script\>" in md and r"\*bold\*" in md


# ---------------------------------------------------------------- gold: the seeds 001 and 004

@pytest.fixture(scope="module")
def seeds() -> story.StoryComparison:
    reports = []
    for name in SEEDS:
        with open(ROOT / "seeds" / f"{name}.txt", encoding="utf-8", newline="") as fh:
            reports.append(api.analyze(Article(name, fh.read(), f"seeds/{name}.txt")))
    return story.compare(reports[0], reports[1])


def test_seeds_share_john_kirby_and_his_quotes(seeds: story.StoryComparison) -> None:
    shared = [(m.first.name, m.second.name) for m in seeds.shared_sources]
    assert shared[0] == ("John Kirby", "John Kirby") and all(a == b for a, b in shared)
    quotes = [m for m in seeds.shared_statements if m.relation == "same_quote"]
    assert any("We are therefore concerned" in story.content_text(m.second) for m in quotes)
    assert all(m.same_source for m in quotes)
    assert "Ukrainian Air Force" in names(seeds.second.only_sources)
    assert seeds.first.anonymous_sources > seeds.second.anonymous_sources


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_gold(seeds: story.StoryComparison, fmt: str) -> None:
    actual = scrub((render_story.markdown if fmt == "md" else render_story.json)(seeds),
                   seeds.first.report.document.model)
    path = GOLD / f"001_vs_004.{fmt}"
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"no gold file {path}; make it with ATTRIBUTION_REGEN_GOLD=1 python -m pytest tests/test_story.py"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        out = ACTUAL / path.name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(actual, encoding="utf-8", newline="\n")
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), str(path), str(out), lineterm="", n=2)
        pytest.fail(f"{path.name} differs from the gold file (new output in {out}; if the change is intended, "
                    f"regenerate: ATTRIBUTION_REGEN_GOLD=1 python -m pytest tests/test_story.py)\n"
                    + "\n".join(list(diff)[:120]), pytrace=False)
