"""The parse cache: what a hit returns, what makes a different key, damaged entries, clearing."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from attribution import api
from attribution.cache import ParseCache, default_directory
from attribution.parse import Parser
from attribution.results import Article, ParsedDocument, Sentence, Word

TEXT = "Kirby said it.\n"


def tiny_parse() -> ParsedDocument:
    words = (Word(1, "Kirby", "Kirby", "PROPN", "NNP", "_", 2, "nsubj", 0, 5),
             Word(2, "said", "say", "VERB", "VBD", "_", 0, "root", 6, 10),
             Word(3, "it", "it", "PRON", "PRP", "_", 2, "obj", 11, 13),
             Word(4, ".", ".", "PUNCT", ".", "_", 2, "punct", 13, 14))
    return ParsedDocument(TEXT, (Sentence(0, 0, 0, 14, words),), "bundled")


def test_a_stored_parse_comes_back_equal(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    assert cache.get(TEXT, ((0, 14),), "m1", "bundled") is None
    cache.put(TEXT, ((0, 14),), "m1", tiny_parse())
    assert cache.get(TEXT, ((0, 14),), "m1", "bundled") == tiny_parse()
    assert cache.stats().entries == 1


@pytest.mark.parametrize(("text", "regions", "models"), [
    (TEXT.replace("Kirby", "Kirbx"), ((0, 14),), "m1"),   # the text changed
    (TEXT, ((0, 13),), "m1"),                              # other lines count as clutter
    (TEXT, ((0, 14),), "m2"),                              # other models
])
def test_anything_else_is_a_miss(tmp_path: Path, text: str, regions: tuple[tuple[int, int], ...],
                                 models: str) -> None:
    cache = ParseCache(tmp_path)
    cache.put(TEXT, ((0, 14),), "m1", tiny_parse())
    assert cache.get(text, regions, models) is None


def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.put(TEXT, ((0, 14),), "m1", tiny_parse())
    [entry] = list(tmp_path.glob("*/*.conllu.gz"))
    entry.write_bytes(gzip.compress(b"1\tonly three\tcolumns\n")[:10])
    assert cache.get(TEXT, ((0, 14),), "m1") is None
    cache.put(TEXT, ((0, 14),), "m1", tiny_parse())
    assert cache.get(TEXT, ((0, 14),), "m1", "bundled") == tiny_parse()


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ParseCache(blocker / "cache")
    cache.put(TEXT, ((0, 14),), "m1", tiny_parse())   # no exception
    assert cache.get(TEXT, ((0, 14),), "m1") is None


def test_clear(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path)
    cache.put(TEXT, ((0, 14),), "m1", tiny_parse())
    cache.put(TEXT, ((0, 14),), "m2", tiny_parse())
    assert cache.clear() == 2
    assert cache.stats().entries == 0


def test_default_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ATTRIBUTION_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_directory() == tmp_path / "explicit"
    monkeypatch.delenv("ATTRIBUTION_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_directory() == tmp_path / "xdg" / "attribution" / "parses"


def test_analyze_reads_the_cache_instead_of_parsing(parser: Parser, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    article = Article("a", '"We are concerned," John Kirby said on Monday.\nHe added that talks go on.\n')
    cache = ParseCache(tmp_path)
    first = api.analyze(article, cache=cache)

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the parse was cached")

    monkeypatch.setattr(api, "load_parser", no_parsing)
    again = api.analyze(article, cache=cache)
    assert again.to_dict() == first.to_dict()
    assert again.document == first.document


def test_readability_is_kept_with_the_parse(parser: Parser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from attribution import readability

    article = Article("a", "The talks failed on Monday, officials said.\nNobody knows why they failed.\n")
    cache = ParseCache(tmp_path)
    first = api.analyze(article, cache=cache)

    def not_again(*args: object) -> None:
        raise AssertionError("readability measured again")

    monkeypatch.setattr(readability, "measure", not_again)
    assert api.analyze(article, cache=cache).readability == first.readability
