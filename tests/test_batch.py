"""Batch runs: inputs and manifests, rows in order, failures kept apart, resuming, workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution import batch, corpus
from attribution.cache import ParseCache
from attribution.parse import Parser

import batch_helpers

KIRBY = '"We are concerned," John Kirby told reporters on Monday.\nTwo officials said the talks had failed.\n'
SAVETT = 'The talks failed, according to spokesman Sean Savett.\n"It is a step too far," Savett said.\n'


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- inputs

def test_collect_folders_at_any_depth_files_once(tmp_path: Path) -> None:
    a = write(tmp_path, "cnn/a.txt", KIRBY)
    b = write(tmp_path, "fox/2024/b.txt", SAVETT)
    write(tmp_path, "fox/notes.md", "not an article")
    items = batch.collect([tmp_path, a])
    assert [Path(i.path) for i in items] == [a, b]
    assert [i.index for i in items] == [0, 1]


def test_manifest_columns_and_relative_paths(tmp_path: Path) -> None:
    write(tmp_path, "texts/a.txt", KIRBY)
    manifest = write(tmp_path, "m.csv", "path,Outlet,date,title,section\ntexts/a.txt,CNN,2024-01-02,A title,World\n"
                                        "texts/missing.txt,Fox,,,\n,,,,\n")
    first, second = batch.collect([manifest])
    assert first == batch.Item(0, str(tmp_path / "texts/a.txt"), "CNN", "2024-01-02", "A title", (("section", "World"),),
                               origin=f"{manifest}, line 2")
    assert second.path == str(tmp_path / "texts/missing.txt") and second.outlet == "Fox" and second.date is None


def test_tsv_manifest(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", KIRBY)
    manifest = write(tmp_path, "m.tsv", "path\toutlet\na.txt\tAP\n")
    assert [i.outlet for i in batch.collect([manifest])] == ["AP"]


def test_a_manifest_without_a_path_column_says_so(tmp_path: Path) -> None:
    manifest = write(tmp_path, "m.csv", "file,outlet\na.txt,AP\n")
    with pytest.raises(batch.ManifestError, match="needs a 'path' column"):
        batch.collect([manifest])


# ---------------------------------------------------------------- running

def test_rows_in_order_with_failures_kept_apart(parser: Parser, tmp_path: Path) -> None:
    paths = [write(tmp_path, "ap/kirby.txt", "WASHINGTON (AP) \u2014 " + KIRBY),
             write(tmp_path, "ap/empty.txt", "   \n"),
             write(tmp_path, "bbc/binary.txt", b"\x00\x01\x02" * 50),
             write(tmp_path, "bbc/savett.txt", SAVETT)]
    rows = batch.run(batch.collect(paths), cache=ParseCache(tmp_path / "cache"))
    assert [r.name for r in rows] == ["kirby", "empty", "binary", "savett"]
    assert [r.ok for r in rows] == [True, False, False, True]
    assert "empty" in (rows[1].error or "") and rows[2].outlet == "bbc"
    kirby, savett = rows[0], rows[3]
    assert (kirby.outlet, kirby.outlet_from) == ("AP", "text")
    assert (savett.outlet, savett.outlet_from) == ("bbc", "folder")
    assert kirby.kind_counts()["direct"] == 1 and kirby.anonymous_sources == 1 and kirby.named_sources >= 1
    assert savett.kind_counts()["according_to"] == 1 and savett.score is not None


def test_an_interrupted_run_resumes_from_its_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = batch.collect([write(tmp_path, f"{n}.txt", KIRBY) for n in "abc"])
    analysed: list[str] = []

    def interrupted_after_one(item: batch.Item, *args: object) -> corpus.ArticleSummary:
        if analysed:
            raise KeyboardInterrupt
        analysed.append(item.path)
        return corpus.ArticleSummary(item.path, Path(item.path).stem, words=7)

    monkeypatch.setattr(batch, "summarise_item", interrupted_after_one)
    journal = tmp_path / "journal.jsonl"
    with pytest.raises(KeyboardInterrupt):
        batch.run(items, journal=journal)
    assert len(journal.read_text().splitlines()) == 1

    def counting(item: batch.Item, *args: object) -> corpus.ArticleSummary:
        analysed.append(item.path)
        return corpus.ArticleSummary(item.path, Path(item.path).stem, words=9)

    monkeypatch.setattr(batch, "summarise_item", counting)
    resumed: list[bool] = []
    rows = batch.run(items, journal=journal, on_row=lambda row, from_journal: resumed.append(from_journal))
    assert analysed == [items[0].path, items[1].path, items[2].path]
    assert [r.words for r in rows] == [7, 9, 9]
    assert resumed == [True, False, False]

    # An edited file is analysed again.
    Path(items[0].path).write_text(KIRBY + "More.\n", encoding="utf-8")
    assert [r.words for r in batch.run(items, journal=journal)] == [9, 9, 9]


def test_a_damaged_journal_line_is_skipped(tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    row = corpus.ArticleSummary("a.txt", "a", words=3)
    journal.write_text(json.dumps({"key": "k1", "row": row.to_dict()}) + "\n{\"key\": \"k2\", \"ro", encoding="utf-8")
    assert batch.read_journal(journal) == {"k1": row}


def test_a_dead_worker_loses_only_its_own_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "summarise_item", batch_helpers.die_on_poison)
    paths = [write(tmp_path, f"{name}.txt", KIRBY) for name in ("a", "b", "poison", "c", "d")]
    rows = batch.run(batch.collect(paths), workers=2)
    assert [r.name for r in rows] == ["a", "b", "poison", "c", "d"]
    assert [r.ok for r in rows] == [True, True, False, True, True]
    assert "died twice" in (rows[2].error or "")


def test_two_workers_give_the_same_rows_as_one(parser: Parser, tmp_path: Path) -> None:
    paths = [write(tmp_path, "cnn/a.txt", KIRBY), write(tmp_path, "cnn/b.txt", SAVETT),
             write(tmp_path, "fox/c.txt", SAVETT + KIRBY)]
    items = batch.collect(paths)
    alone = batch.run(items, cache=None, workers=1)
    together = batch.run(items, cache=ParseCache(tmp_path / "cache"), workers=2)
    assert together == alone


def test_auto_workers_fit_the_cores_and_the_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    count = batch.auto_workers()
    assert 1 <= count <= 8
    monkeypatch.setattr(batch, "WORKER_MEMORY_BYTES", 10**15)
    assert batch.auto_workers() == 1
