"""The library entry points on the real bundled models, and batch behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

import attribution
from attribution import api
from attribution.ingest import BOM
from attribution.parse import Parser
from attribution.report import ArticleReport
from attribution.results import Article, ParsedDocument

ARTICLE = '"We are concerned," John Kirby told reporters on Monday.\n'


def assert_offsets_index(text: str, report: ArticleReport) -> None:
    for sentence in report.document.sentences:
        for w in sentence.words:
            assert text[w.start:w.end] == w.text, (w, text[w.start:w.end])


def test_package_reexports_the_api() -> None:
    for name in attribution.__all__:
        assert getattr(attribution, name) is not None
    assert attribution.analyze_text is api.analyze_text
    assert attribution.ArticleReport is ArticleReport


def test_analyze_text(parser: Parser) -> None:
    report = api.analyze_text(ARTICLE, name="kirby")
    assert report.article == Article("kirby", ARTICLE)
    assert report.document.text == ARTICLE
    assert report.document.model == "bundled"
    assert [w.text for w in report.document.sentences[0].words][:4] == ['"', "We", "are", "concerned"]
    assert_offsets_index(ARTICLE, report)
    assert isinstance(report.attributions, tuple)


def test_bom_and_crlf_keep_offsets_into_the_decoded_text(parser: Parser, tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbfTalks resume\r\n\r\n" + ARTICLE.replace("\n", "\r\n").encode())
    report = api.analyze_file(path)
    text = report.article.text
    assert text.startswith(BOM + "Talks resume\r\n\r\n")
    assert [(s.paragraph, s.start) for s in report.document.sentences][:2] == [(0, 1), (1, 17)]
    assert_offsets_index(text, report)
    assert all("\r" not in w.text and BOM not in w.text for s in report.document.sentences for w in s.words)


def test_empty_text_gives_an_empty_report(parser: Parser) -> None:
    report = api.analyze_text(" \n\n")
    assert report.document.sentences == ()
    assert report.attributions == ()


def test_analyze_file_refuses_bad_input_before_parsing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(attribution.IngestError, match="empty file"):
        api.analyze_file(tmp_path / "empty.txt")


def test_batch_goes_on_after_bad_files(parser: Parser, tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00" * 10)
    results = list(api.analyze_files([tmp_path, tmp_path / "missing.txt"]))
    assert [r.path.name for r in results] == ["a_empty.txt", "b_good.txt", "c_binary.txt", "missing.txt"]
    assert [r.report is None for r in results] == [True, False, True, True]
    assert [r.error is None for r in results] == [False, True, False, False]
    good = results[1].report
    assert good is not None and good.article.text == ARTICLE


def test_batch_reports_a_crash_on_one_file_and_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze(article: Article, models: str = "bundled", cache: object = None) -> ArticleReport:
        if article.name == "bad":
            raise IndexError("list index out of range")
        return ArticleReport(article, ParsedDocument(article.text, ()), ())

    monkeypatch.setattr(api, "analyze", analyze)
    monkeypatch.setattr(api, "resolve", lambda models: None)
    for name in ("bad", "good"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    bad, good = api.analyze_files([tmp_path])
    assert bad.error == (f"{tmp_path / 'bad.txt'}: analysis failed: IndexError: list index out of range "
                         "(please report this, with the file if you can share it)")
    assert good.report is not None


def test_batch_stops_before_the_first_file_when_models_are_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    results = api.analyze_files([tmp_path], models=str(tmp_path / "no-models"))
    with pytest.raises(attribution.ModelsNotFound, match="no such folder"):
        next(results)
