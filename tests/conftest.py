"""Shared fixtures: the bundled stanza models, loaded once per test run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from attribution.parse import Parser, load_parser


@pytest.fixture(scope="session")
def parser() -> Parser:
    """The bundled models' pipeline.  They ship with the package, so a missing model fails.

    ``load_parser`` is cached, so ``api.analyze`` in the same run reuses this pipeline.
    """
    return load_parser("bundled")


@pytest.fixture(scope="session", autouse=True)
def private_parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never read or fill the user's parse cache (worker processes inherit this too)."""
    folder = tmp_path_factory.mktemp("parse-cache")
    before = os.environ.get("ATTRIBUTION_CACHE_DIR")
    os.environ["ATTRIBUTION_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("ATTRIBUTION_CACHE_DIR", None)
    else:
        os.environ["ATTRIBUTION_CACHE_DIR"] = before
