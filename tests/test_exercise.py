"""Classroom exercises: questions built from hand-made reports (no model), pages, CLI, gold.

The gold worksheet and key of the hand-made article live in tests/gold/exercise/; after an
intended change, regenerate with ``ATTRIBUTION_REGEN_GOLD=1 python -m pytest tests/test_exercise.py``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribution import __version__, api
from attribution.api import FileResult
from attribution.cli import cli
from attribution.exercise import compare, levels, questions, render, select
from attribution.exercise.model import Exercise
from attribution.report import ArticleReport
from attribution.results import Article, ParsedDocument, Span

from handmade import attribution, document

GOLD = Path(__file__).resolve().parent / "gold" / "exercise"
ACTUAL = Path(__file__).resolve().parent / "actual" / "exercise"
REGENERATE = os.environ.get("ATTRIBUTION_REGEN_GOLD") == "1"

TEXT = """"The river will flood the lower town by Friday night," Mayor Ana Ruiz said.
Two officials familiar with the plan, speaking on condition of anonymity because they were not authorized to speak, said the army will be sent in tomorrow.
The town has flooded three times in the last ten years and many homes are still damaged.
According to a report by the county water board, the levee needs urgent repairs this year.
"We have warned the council about the levee for years," Ruiz said.
"""


def finite(doc: ParsedDocument) -> ParsedDocument:
    """Every word a finite verb, so every content span reads as a clause."""
    return replace(doc, sentences=tuple(replace(s, words=tuple(replace(w, feats="VerbForm=Fin") for w in s.words))
                                        for s in doc.sentences))


def report_of(text: str, rows: list[dict[str, object]], name: str = "flood") -> ArticleReport:
    doc = finite(document(text))
    found = tuple(attribution(text, f"a{i}", **row) for i, row in enumerate(rows, 1))  # type: ignore[arg-type]
    return api.assess(ArticleReport(Article(name, text), doc, found))


def flood_report(text: str = TEXT, name: str = "flood", **overrides: object) -> ArticleReport:
    reason = "because they were not authorized to speak"
    rows: list[dict[str, object]] = [
        dict(source="Mayor Ana Ruiz", cue="said", kind="direct", canonical="Ana Ruiz",
             content='"The river will flood the lower town by Friday night,"'),
        dict(source="Two officials familiar with the plan", cue="said", content="the army will be sent in tomorrow",
             source_type="anonymous", anonymous=True, speaker_count=2, after=text.index("Two officials"),
             anonymity_reason=Span(text.index(reason), text.index(reason) + len(reason), reason)),
        dict(source="a report by the county water board", cue="According to", kind="according_to",
             source_type="document", content="the levee needs urgent repairs this year"),
        dict(source="Ruiz", cue="said", kind="direct", canonical="Ana Ruiz",
             content='"We have warned the council about the levee for years,"', after=text.index("\"We have")),
    ]
    for row in rows:
        row.update(overrides)
    return report_of(text, rows, name)


@pytest.fixture(scope="module")
def flood() -> ArticleReport:
    return flood_report()


def kinds(exercise: Exercise) -> list[str]:
    return [q.kind for q in exercise.questions]


# ---------------------------------------------------------------- questions

def test_questions_cover_the_issue(flood: ArticleReport) -> None:
    ex = questions.build(flood, "high")
    assert {"who", "type", "anonymous", "unsourced", "voices", "judge"} <= set(kinds(ex))
    assert ex.level == "high" and ex.level_label == "High school"


def test_paragraphs_are_numbered(flood: ArticleReport) -> None:
    paras = select.paragraphs(flood)
    assert [p.label for p in paras] == ["1", "2", "3", "4", "5"]
    assert paras[0].text.startswith('"The river')
    assert [p.label for p in select.paragraphs(flood, "B")][:2] == ["B1", "B2"]


def test_who_answers_name_the_source_and_quote_the_sentence(flood: ArticleReport) -> None:
    ex = questions.build(flood, "high")
    who = [q for q in ex.questions if q.kind == "who"]
    assert who and len({q.answer for q in who}) == len(who)
    first = who[0]
    assert first.claim == '"The river will flood the lower town by Friday night,"'
    assert first.answer.startswith("Ana Ruiz")
    assert first.paragraph == "1"
    assert first.evidence[0].text == '"The river will flood the lower town by Friday night," Mayor Ana Ruiz said.'
    assert first.evidence[0].source == "Ana Ruiz"


def test_anonymity_reason_is_quoted(flood: ArticleReport) -> None:
    q = next(q for q in questions.build(flood, "high").questions if q.kind == "anonymous")
    assert q.answer == "Yes: “because they were not authorized to speak”."
    assert q.paragraph == "2"


def test_type_questions_mark_the_right_box(flood: ArticleReport) -> None:
    types = [q for q in questions.build(flood, "middle").questions if q.kind == "type"]
    assert types
    for q in types:
        assert len(q.correct) == 1 and q.answer.startswith(q.options[q.correct[0]])


def test_unsourced_sentence_is_found_and_sourced_one_is_not_ticked(flood: ArticleReport) -> None:
    q = next(q for q in questions.build(flood, "middle").questions if q.kind == "unsourced")
    ticked = [q.options[i] for i in q.correct]
    assert ticked == ["(¶3) The town has flooded three times in the last ten years and many homes are still damaged."]
    assert len(q.options) > len(ticked)


def test_levels_change_the_wording_and_the_counts(flood: ArticleReport) -> None:
    middle, high = questions.build(flood, "middle"), questions.build(flood, "high")
    assert middle.questions[0].prompt != high.questions[0].prompt
    assert kinds(middle).count("who") <= kinds(high).count("who")
    assert "reliance" not in kinds(middle)


def test_auto_level_follows_the_reading_grade(flood: ArticleReport) -> None:
    assert flood.readability is not None
    easy = replace(flood.readability, flesch_kincaid_grade=6.0)
    hard = replace(flood.readability, flesch_kincaid_grade=13.0)
    assert levels.pick("auto", easy) == "middle"
    assert levels.pick("auto", hard) == "high"
    assert "above this level" in levels.note("middle", hard)
    with pytest.raises(KeyError):
        levels.pick("college", easy)


def test_unsure_attributions_are_left_out() -> None:
    unsure = flood_report(confidence=0.3)
    ex = questions.build(unsure, "high")
    assert not {"who", "type", "anonymous"} & set(kinds(ex))
    assert next(q for q in ex.questions if q.kind == "voices").answer_rows == ()


def test_fragments_and_pronouns_without_antecedent_are_left_out() -> None:
    text = "Storm news\n\nHe said the bridge will close on Monday morning.\nThe mayor said roads.\n"
    report = report_of(text, [
        dict(source="He", cue="said", content="the bridge will close on Monday morning", canonical="Ana Ruiz",
             source_type="pronoun"),
        dict(source="The mayor", cue="said", content="roads", source_type="named", canonical="Ana Ruiz",
             after=text.index("The mayor")),
    ])
    assert select.confident(report) == []


def test_output_is_deterministic(flood: ArticleReport) -> None:
    assert render.worksheet(questions.build(flood, "high")) == render.worksheet(questions.build(flood, "high"))
    assert render.key(questions.build(flood, "high")) == render.key(questions.build(flood, "high"))


# ---------------------------------------------------------------- pages

def questions_part(page: str) -> str:
    return page.split('<section class="questions">', 1)[1]


@pytest.mark.parametrize("level", ["middle", "high"])
def test_worksheet_holds_no_answers_and_no_highlighting(flood: ArticleReport, level: str) -> None:
    ex = questions.build(flood, level)
    page = render.worksheet(ex)
    part = questions_part(page)
    for q in ex.questions:
        assert q.answer not in part
        if q.kind == "anonymous":
            assert "authorized" not in render.question(q)
        if q.kind in ("who", "type", "voices"):
            shown = render.question(q)
            assert shown in part
            for e in q.evidence:
                assert e.source and e.source not in shown, (q.kind, e.source)
    assert "☑" not in page and 'class="answer"' not in page and "Answer:" not in page
    assert not re.search(r'<mark|class="(?:said|src|cue|bare|tag|hedge-mark)\b', page)
    assert re.search(r'<span class="pn">3</span><span>The town has flooded', page)


def test_key_shows_answers_evidence_and_score(flood: ArticleReport) -> None:
    ex = questions.build(flood, "high")
    page = render.key(ex)
    assert page.count('class="answer"') == len(ex.questions)
    assert "☑" in page and "Sourcing score:" in page
    assert "because they were not authorized to speak" in page


def test_hostile_text_is_escaped() -> None:
    text = ('"<img src=x onerror=alert(1)> will flood the town by Friday," Mayor Ana Ruiz said.\n')
    report = report_of(text, [dict(source="Mayor Ana Ruiz", cue="said", kind="direct", canonical="Ana Ruiz",
                                    content='"<img src=x onerror=alert(1)> will flood the town by Friday,"')],
                       name='"><script>x</script>')
    ex = questions.build(report, "high")
    for page in (render.worksheet(ex), render.key(ex)):
        assert "<script" not in page and "<img" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "default-src 'none'" in page


def test_compare_matches_sources_by_name() -> None:
    a = flood_report(name="outlet-a")
    text_b = TEXT.replace("Mayor Ana Ruiz said", "said Ana Ruiz, the mayor").replace(
        '"The river will flood', '"The river will flood')
    b = report_of(text_b, [dict(source="Ana Ruiz, the mayor", cue="said", kind="direct", canonical="Ana Ruiz",
                                content='"The river will flood the lower town by Friday night,"')],
                  name="<b>outlet-b</b>")
    ex = compare.build(a, b, "middle")
    assert ex.compare and [t.label for t in ex.texts] == ["A", "B"]
    both = next(q for q in ex.questions if q.kind == "both")
    assert both.answer.startswith("Both use: Ana Ruiz")
    same = next(q for q in ex.questions if q.kind == "same_quote")
    assert same.answer == "Article A: paragraph A1. Article B: paragraph B1."
    only = next(q for q in ex.questions if q.kind == "only")
    assert "Only in Article A: Two officials familiar with the plan" in only.answer or \
        "Only in Article A: two officials" in only.answer.lower() or "officials" in only.answer
    page = render.worksheet(ex)
    assert '<span class="pn">A1</span>' in page and '<span class="pn">B1</span>' in page


# ---------------------------------------------------------------- CLI

class FakeAnalyze:
    def __init__(self) -> None:
        self.calls: list[list[Path]] = []

    def __call__(self, paths: Iterable[Path], models: str = "bundled", max_bytes: int = 0,
                 cache: object = None, workers: int = 1, progress: object = None) -> Iterator[FileResult]:
        paths = list(paths)
        self.calls.append(paths)
        for path in paths:
            yield FileResult(Path(path), report=flood_report(name=Path(path).stem))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeAnalyze:
    spy = FakeAnalyze()
    monkeypatch.setattr(api, "analyze_files", spy)
    return spy


def test_cli_writes_worksheet_and_key(fake: FakeAnalyze, tmp_path: Path) -> None:
    article = tmp_path / "flood.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["exercise", str(article), "-o", str(tmp_path / "out"), "--level", "middle"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["flood.middle.key.html",
                                                                    "flood.middle.worksheet.html"]


def test_cli_compare(fake: FakeAnalyze, tmp_path: Path) -> None:
    files = []
    for name in ("a", "b"):
        files.append(tmp_path / f"{name}.txt")
        files[-1].write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["exercise", *map(str, files), "--compare", "-o", str(out), "--level", "high"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a_vs_b.high.key.html", "a_vs_b.high.worksheet.html"]


def test_cli_compare_needs_two_articles(fake: FakeAnalyze, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["exercise", str(article), "--compare"])
    assert result.exit_code == 2
    assert "exactly two" in result.output


# ---------------------------------------------------------------- gold

@pytest.mark.parametrize("page", ["worksheet", "key"])
def test_gold(flood: ArticleReport, page: str) -> None:
    ex = questions.build(flood, "high")
    made = (render.worksheet if page == "worksheet" else render.key)(ex)
    made = made.replace(f"attribution {__version__}", "attribution VERSION")
    gold = GOLD / f"flood.high.{page}.html"
    if REGENERATE:
        gold.parent.mkdir(parents=True, exist_ok=True)
        gold.write_text(made, encoding="utf-8")
    expected = gold.read_text(encoding="utf-8")
    if made != expected:
        ACTUAL.mkdir(parents=True, exist_ok=True)
        (ACTUAL / gold.name).write_text(made, encoding="utf-8")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), made.splitlines(True), str(gold), "actual"))
        pytest.fail(f"{gold.name} differs from its gold file (new output in {ACTUAL}):\n{diff[:4000]}")


# ---------------------------------------------------------------- in a browser

def _shots() -> object:
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "screenshot_exercises", Path(__file__).resolve().parent.parent / "benchmarks" / "screenshot_exercises.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(_shots().chromium() is None, reason="chromium is not installed")  # type: ignore[attr-defined]
def test_chromium_renders_worksheet_and_key(flood: ArticleReport, tmp_path: Path) -> None:
    shots = _shots()
    ex = questions.build(flood, "middle")
    for name, made in (("flood.middle.worksheet.html", render.worksheet(ex)), ("flood.middle.key.html", render.key(ex))):
        page = tmp_path / name
        page.write_text(made, encoding="utf-8")
        assert shots.check_dom(page, shots.rendered_dom(page)) == []  # type: ignore[attr-defined]
