"""Shared fixtures: the bundled stanza models, loaded once per test run."""

from __future__ import annotations

import pytest

from attribution.parse import Parser, load_parser


@pytest.fixture(scope="session")
def parser() -> Parser:
    """The bundled models' pipeline.  They ship with the package, so a missing model fails.

    ``load_parser`` is cached, so ``api.analyze`` in the same run reuses this pipeline.
    """
    return load_parser("bundled")
