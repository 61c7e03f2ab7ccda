"""Stored parses of the sentences the extraction tests are made of, so the tests need no model.

    python tests/test_extract.py --regenerate          # after the bundled models change
    python tests/test_extract_classes.py --regenerate
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def regenerate(texts: Mapping[str, str], folder: Path) -> None:
    """Parse each case's text with the models in $ATTRIBUTION_MODELS (default bundled) and write
    it to ``folder/<case>.conllu``."""
    from attribution.parse import load_parser, to_conllu

    parser = load_parser(os.environ.get("ATTRIBUTION_MODELS", "bundled"))
    folder.mkdir(parents=True, exist_ok=True)
    for case, text in texts.items():
        (folder / f"{case}.conllu").write_text(to_conllu(parser.parse(text)), encoding="utf-8")
    print(f"wrote {len(texts)} files to {folder}")
