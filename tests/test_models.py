"""Choosing and loading models: the bundled ones are always there; the others fail clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution import models
from attribution.parse import Parser

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "pretrain")


def test_bundled_models_load(parser: Parser) -> None:
    assert parser.models.name == "bundled"
    assert parser.models.directory == models.bundled_directory()
    options = dict(parser.models.paths)
    for processor in ("tokenize", "mwt", "pos", "lemma", "depparse"):
        assert Path(options[f"{processor}_model_path"]).is_file()


def test_bundled_folder_is_complete() -> None:
    directory = models.bundled_directory()
    for processor in PROCESSORS:
        assert (directory / "en" / processor / "default.pt").is_file(), processor
    resources = json.loads((directory / "resources.json").read_text(encoding="utf-8"))
    assert set(resources["en"]["default_processors"]) == {"tokenize", "mwt", "pos", "lemma", "depparse"}
    assert (directory / "MODEL_CARD.md").is_file()


def test_bundled_scores_are_recorded() -> None:
    scores = models.bundled_scores()["gum_test_scores"]
    for metric in ("Tokens", "Sentences", "UPOS", "Lemmas", "UAS", "LAS"):
        assert 0 < scores[metric] <= 100, metric


def test_a_folder_without_models(tmp_path: Path) -> None:
    (tmp_path / "en" / "pos").mkdir(parents=True)
    with pytest.raises(models.ModelsNotFound, match=r"missing en/\{tokenize,pos,lemma,depparse\}/default\.pt"):
        models.resolve(str(tmp_path))


def test_a_model_folder_given_as_a_path() -> None:
    chosen = models.resolve(str(models.bundled_directory()))
    assert chosen.directory == models.bundled_directory()
    assert dict(chosen.paths) == dict(models.resolve("bundled").paths)


def test_official_models_not_downloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(models.ModelsNotFound, match="Run `attribution models download` once"):
        models.resolve("official")
