"""Fuzzing the pure-Python readers of untrusted input (issue 19) with hypothesis.

Each reader either gives a well-formed result or refuses with its own one-line error; none
raises anything else, hangs or trusts what it read.  The example budget is fixed and the runs
are derandomised, so CI time is bounded and a failure reproduces (about 10 s in all).
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution import batch, corpus, safe_files
from attribution.cache import DamagedEntry, ParseCache, check_document
from attribution.extract import quotes
from attribution.extract.tree import Tree
from attribution.parse import from_conllu, pieces, split_sentence, to_conllu
from attribution.results import ParsedDocument, Sentence, Word

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


TEXT = "Kirby said it. Two officials said so.\n"
REGIONS = ((0, 37),)


def document(heads: list[int], text: str = TEXT) -> ParsedDocument:
    spans = [(0, 5), (6, 10), (11, 13), (13, 14), (15, 18), (19, 28), (29, 33), (34, 36), (36, 37)]
    words = tuple(Word(i, text[s:e], text[s:e], "X", "_", "_", h, "dep", s, e)
                  for i, ((s, e), h) in enumerate(zip(spans[:len(heads)], heads), 1))
    return ParsedDocument(text, (Sentence(0, 0, words[0].start, words[-1].end, words),), "m")


# ---------------------------------------------------------------- cache

@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_in_a_cache_entry_are_a_miss_or_a_checked_parse(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cache = ParseCache(folder)
        path = cache._path(cache.key(TEXT, REGIONS, "m"))
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        doc = cache.get(TEXT, REGIONS, "m")
        if doc is not None:
            check_document(doc, TEXT, REGIONS)


@FUZZ
@given(st.text(max_size=400))
def test_any_conllu_text_is_a_miss_or_a_checked_parse(conllu: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cache = ParseCache(folder)
        path = cache._path(cache.key(TEXT, REGIONS, "m"))
        path.parent.mkdir(parents=True)
        path.write_bytes(gzip.compress(conllu.encode("utf-8", "surrogatepass")))
        doc = cache.get(TEXT, REGIONS, "m")
        if doc is not None:
            check_document(doc, TEXT, REGIONS)


@FUZZ
@given(st.lists(st.integers(min_value=-2, max_value=11), min_size=1, max_size=9))
def test_heads_are_accepted_only_as_a_tree_and_trees_are_walked_in_full(heads: list[int]) -> None:
    doc = document(heads)
    try:
        check_document(doc, TEXT, REGIONS)
    except DamagedEntry:
        return
    # Accepted: a real tree, so every walk ends and the root's subtree is the whole sentence.
    tree = Tree(doc.sentences[0], TEXT)
    roots = [w for w in tree.words if w.head == 0]
    assert roots
    covered = {w.id for root in roots for w in tree.subtree(root)}
    assert covered == {w.id for w in tree.words}
    for w in tree.words:
        assert len(tree.ancestors(w)) < len(tree.words)


@FUZZ
@given(st.lists(st.integers(min_value=-2, max_value=11), min_size=1, max_size=9))
def test_every_tree_walk_ends_even_on_heads_the_cache_refuses(heads: list[int]) -> None:
    # Cycles, self-heads and heads outside the sentence, unchecked: the walks still end, give
    # each word once, and never step outside the sentence.
    tree = Tree(document(heads).sentences[0], TEXT)
    ids = {w.id for w in tree.words}
    for w in tree.words:
        walked = [x.id for x in tree.subtree(w)]
        assert len(walked) == len(set(walked)) and set(walked) <= ids and w.id in walked
        assert {a.id for a in tree.ancestors(w)} <= ids - {w.id}
        head = tree.head(w)
        assert head is None or head.id in ids - {w.id}


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=9))
def test_a_stored_tree_comes_back_equal(heads: list[int]) -> None:
    doc = document(heads)
    try:
        check_document(doc, TEXT, REGIONS)
    except DamagedEntry:
        return
    with tempfile.TemporaryDirectory() as folder:
        cache = ParseCache(folder)
        cache.put(TEXT, REGIONS, "m", doc)
        assert cache.get(TEXT, REGIONS, "m", "m") == doc
    assert from_conllu(TEXT, to_conllu(doc), "m") == doc


# ---------------------------------------------------------------- journal

ROW_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True),
                       st.text(max_size=20), st.lists(st.integers(), max_size=2))


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(corpus.ROW_COLUMNS) + ["section", "x"]), ROW_VALUES, max_size=12))
def test_a_journal_row_is_refused_or_read_back_consistently(row: dict[str, Any]) -> None:
    try:
        summary = corpus.ArticleSummary.from_dict(row)
    except ValueError:
        return
    assert isinstance(summary.path, str) and summary.path and isinstance(summary.name, str)
    assert all(isinstance(n, int) and n >= 0 for n in summary.kinds + summary.voices)
    assert summary.score is None or 0 <= summary.score <= 100
    assert corpus.ArticleSummary.from_dict(summary.to_dict()) == summary


@FUZZ
@given(st.binary(max_size=600))
def test_any_journal_bytes_give_rows_or_warnings_never_an_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "j.jsonl"
        good = json.dumps({"key": "k", "row": corpus.ArticleSummary("a.txt", "a").to_dict()}).encode()
        path.write_bytes(good + b"\n" + data)
        rows = batch.read_journal(path)
        assert rows["k"] == corpus.ArticleSummary("a.txt", "a") or "k" in rows
        assert all(isinstance(r, corpus.ArticleSummary) for r in rows.values())


# ---------------------------------------------------------------- manifest

CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@FUZZ
@given(st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=6), st.booleans())
def test_any_manifest_is_rows_inside_the_folder_or_one_manifest_error(rows: list[list[str]], header: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "corpus"
        base.mkdir()
        lines = (["path,outlet,title,score"] if header else []) + [",".join(r) for r in rows]
        manifest = base / "m.csv"
        manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            items = batch.collect([manifest])
        except batch.ManifestError as err:
            assert "\n" not in str(err)
            return
        for item in items:
            if item.refused:
                assert "m.csv, line " in item.refused and "\n" not in item.refused
            else:
                assert Path(item.path).resolve().is_relative_to(base.resolve())
            assert "score" not in dict(item.extra)


@FUZZ
@given(st.binary(max_size=300))
def test_any_manifest_bytes_are_rows_or_one_manifest_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        manifest = Path(folder) / "m.csv"
        manifest.write_bytes(b"path,outlet\n" + data)
        try:
            batch.collect([manifest])
        except batch.ManifestError as err:
            assert "\n" not in str(err)


# ---------------------------------------------------------------- quotes, pieces, cells

QUOTE_TEXT = st.text(alphabet=st.sampled_from(list('ab .,\n"\u201c\u201d\'`:')), max_size=300)


@FUZZ
@given(QUOTE_TEXT)
def test_quotes_found_lie_in_the_text_in_order(text: str) -> None:
    found = quotes.find(text)
    last = -1
    for quote in found:
        assert quote.pieces and all(0 <= s < e <= len(text) for s, e in quote.pieces)
        assert quote.start > last
        last = quote.start


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab .!?\u201d\"")), min_size=1, max_size=400),
       st.integers(min_value=8, max_value=60))
def test_pieces_are_bounded_and_keep_every_character(text: str, limit: int) -> None:
    if not text.strip():
        return
    parts = pieces(text, [(0, len(text))], limit)
    assert all(e - s <= limit for s, e, _ in parts)
    kept = "".join(text[s:e] for s, e, _ in parts)
    assert kept.replace(" ", "") == text.replace(" ", "")


@FUZZ
@given(st.integers(min_value=1, max_value=700), st.integers(min_value=0, max_value=9),
       st.integers(min_value=5, max_value=250))
def test_split_sentences_have_at_most_the_cap(count: int, mwt_every: int, limit: int) -> None:
    entries: list[dict[str, Any]] = []
    wid = 1
    while wid <= count:
        if mwt_every and wid % mwt_every == 0 and wid < count:
            entries += [{"id": (wid, wid + 1), "text": "can't"}, {"id": wid, "text": "ca"}, {"id": wid + 1, "text": "n't"}]
            wid += 2
        else:
            entries.append({"id": wid, "text": "," if wid % 11 == 0 else "w"})
            wid += 1
    parts = split_sentence(entries, limit)
    words = [[e["id"] for e in part if isinstance(e["id"], int)] for part in parts]
    assert sum(map(len, words)) == count
    assert all(ids == list(range(1, len(ids) + 1)) and len(ids) <= limit for ids in words)


@FUZZ
@given(st.text(max_size=30))
def test_no_csv_cell_starts_a_formula(value: str) -> None:
    cell = safe_files.csv_cell(value)
    assert cell == value or cell == "'" + value
    if cell:
        assert cell[0] not in safe_files.FORMULA_STARTS and cell.lstrip()[:1] not in ("=", "+", "-", "@")


# ---------------------------------------------------------------- indexes that replaced scans (issue 19)

@st.composite
def sentence_trees(draw: Any) -> list[Tree]:
    """Sentences in text order, not overlapping, some empty, with gaps between them."""
    trees, at = [], 0
    for index in range(draw(st.integers(min_value=0, max_value=8))):
        at += draw(st.integers(min_value=0, max_value=3))
        length = draw(st.integers(min_value=0, max_value=6))
        word = Word(1, "w", "w", "X", "_", "_", 0, "root", at, at + length)
        trees.append(Tree(Sentence(index, index // 2, at, at + length, (word,)), ""))
        at += length
    return trees


@FUZZ
@given(sentence_trees(), st.integers(min_value=-2, max_value=40), st.integers(min_value=0, max_value=6))
def test_the_sentence_index_answers_as_the_scans_did(trees: list[Tree], offset: int, width: int) -> None:
    from attribution.extract import direct

    at = direct._indexed(trees)
    s, e = offset, offset + width
    assert at.overlapping(s, e) == [t for t in trees if t.sentence.start < e and s < t.sentence.end]
    assert at.starting_between(s, e) == [t for t in trees if s <= t.sentence.start <= e]
    for slack in (0, 1):
        first = next((i for i, t in enumerate(trees) if t.sentence.start <= offset < t.sentence.end + slack), -1)
        assert at.first_holding(offset, slack) == first
    before = [t for t in trees if t.sentence.start <= offset]
    assert at.last_starting_by(offset) == (before[-1] if before else None)


_VOCAB = "minister budget rail strike union council mayor police bridge station fares report".split()


@FUZZ
@given(st.lists(st.lists(st.sampled_from(_VOCAB), min_size=0, max_size=9), min_size=1, max_size=12),
       st.sampled_from([0.5, 0.6, 0.75, 1.0]))
def test_the_later_line_index_finds_what_the_scan_found(lines: list[list[str]], share: float) -> None:
    from attribution import clutter

    texts = [" ".join(words) + "." for words in lines]
    index = clutter._LaterLines(texts, list(range(len(texts))))
    for i, line in enumerate(texts):
        scanned_share, scanned_at = clutter._best(line, texts[i + 1:])
        found_share, found_at = index.best(line, i, share)
        if scanned_share >= share:
            assert (found_share, found_at) == (scanned_share, i + 1 + scanned_at)
        else:
            assert found_at == -1
