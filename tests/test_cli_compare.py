"""`attribution compare`: a corpus by outlet (tables, charts, page, resuming) and two articles
on one story, end to end on the bundled models with short articles written for the test."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from attribution import batch
from attribution.cli import cli
from attribution.parse import Parser

KIRBY = ('"We are concerned," John Kirby told reporters on Monday.\n'
         'Two officials familiar with the talks said they had failed, speaking on condition of anonymity.\n')
SAVETT = ('The talks failed, according to spokesman Sean Savett.\n'
          '"It is a step too far," Savett said.\n"We are concerned," John Kirby said.\n')


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for outlet, name, text in (("cnn", "a", KIRBY), ("cnn", "b", SAVETT), ("fox", "c", SAVETT + KIRBY),
                               ("fox", "d", "")):
        (root / outlet).mkdir(parents=True, exist_ok=True)
        (root / outlet / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def test_corpus_by_outlet_writes_tables_charts_and_page(parser: Parser, corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("compare", str(corpus_dir), "-o", str(out))
    assert result.exit_code == 1, result.output          # d.txt is empty: reported, the rest done
    assert "d.txt" in result.stderr and "empty" in result.stderr
    assert "3 articles in 2 groups by outlet; 1 failed" in result.stderr
    with open(out / "articles.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["name"], r["outlet"], r["outlet_from"]) for r in rows] == [
        ("a", "cnn", "folder"), ("b", "cnn", "folder"), ("c", "fox", "folder"), ("d", "fox", "folder")]
    assert rows[3]["error"] and not rows[0]["error"]
    with open(out / "outlets.csv", encoding="utf-8") as fh:
        outlets = {r["outlet"]: r for r in csv.DictReader(fh)}
    assert outlets["cnn"]["articles"] == "2" and outlets["fox"]["failed"] == "1"
    data = json.loads((out / "outlets.json").read_text(encoding="utf-8"))
    assert [g["name"] for g in data["groups"]] == ["cnn", "fox"]
    charts = sorted(p.name for p in (out / "charts").iterdir())
    assert charts and all(name.endswith((".png", ".svg")) for name in charts)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= len(charts) // 2 and "cnn" in page and "<script" not in page


def test_rerun_takes_finished_rows_from_the_journal(parser: Parser, corpus_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run("compare", str(corpus_dir), "-o", str(out))
    first = (out / "articles.csv").read_text(encoding="utf-8")

    def must_not_run(*args: object) -> None:
        raise AssertionError("analysed again")

    monkeypatch.setattr(batch, "summarise_item", must_not_run)
    result = run("compare", str(corpus_dir), "-o", str(out))
    assert "(4 from the earlier run)" in result.stderr
    assert (out / "articles.csv").read_text(encoding="utf-8") == first


def test_manifest_outlets_win(parser: Parser, corpus_dir: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,outlet,date,section\ncorpus/cnn/a.txt,Network A,2024-01-01,World\n"
                        "corpus/fox/c.txt,Network B,2024-01-02,US\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("compare", str(manifest), "-o", str(out))
    assert result.exit_code == 0, result.output
    with open(out / "articles.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["outlet"], r["outlet_from"], r["section"]) for r in rows] == [
        ("Network A", "manifest", "World"), ("Network B", "manifest", "US")]
    result = run("compare", str(manifest), "--by", "section", "-o", str(tmp_path / "by-section"))
    assert result.exit_code == 0 and "2 groups by section" in result.stderr


def test_two_articles_compare_as_one_story(parser: Parser, corpus_dir: Path, tmp_path: Path) -> None:
    a, b = corpus_dir / "cnn" / "a.txt", corpus_dir / "cnn" / "b.txt"
    result = run("compare", str(a), str(b))
    assert result.exit_code == 0, result.output
    assert "John Kirby" in result.stdout and "Savett" in result.stdout
    result = run("compare", str(a), str(b), "-o", str(tmp_path / "story"), "--format", "json")
    assert result.exit_code == 0
    assert [p.name for p in (tmp_path / "story").iterdir()] == ["a_vs_b.story.json"]


def test_story_needs_two_articles(corpus_dir: Path) -> None:
    result = run("compare", str(corpus_dir), "--by", "story")
    assert result.exit_code == 2 and "exactly two articles, not 4" in result.output


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_workers_must_be_a_positive_number(corpus_dir: Path, value: str) -> None:
    result = run("compare", str(corpus_dir), "--workers", value)
    assert result.exit_code == 2 and "number of processes" in result.output


def test_a_manifest_without_paths_is_one_line(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,outlet\n", encoding="utf-8")
    result = run("compare", str(manifest), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and result.stderr.startswith("error: ") and "'path' column" in result.stderr


def test_cache_info_and_clear(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (folder / "ab").mkdir(parents=True)
    (folder / "ab" / "ab12.conllu.gz").write_bytes(b"x" * 10)
    result = run("cache", "info", "--cache-dir", str(folder))
    assert result.exit_code == 0 and "parses: 1" in result.output
    result = run("cache", "clear", "--cache-dir", str(folder))
    assert result.exit_code == 0 and "removed 1 parse from" in result.output
    assert not (folder / "ab").exists()
