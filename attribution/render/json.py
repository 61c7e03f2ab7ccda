"""The JSON report: ``ArticleReport.to_dict()``, stable key order, one file per article."""

from __future__ import annotations

import json

from ..report import ArticleReport

# Encoded pieces joined at a time.  json.dumps keeps every piece the encoder yields (one per
# key, value and indent: about 10 million for a 2 MB article) in a list before joining them,
# which took 1 GB over the rest of the analysis; joined in batches, the same text takes a
# fraction of that.
_BATCH = 65_536


def dumps(report: ArticleReport) -> str:
    """The report as JSON text (sorted keys, so reports diff cleanly), ending in a newline.

    Non-ASCII characters are written as they are (the file is UTF-8), so quotes stay readable.
    The text is exactly ``json.dumps(report.to_dict(), sort_keys=True, indent=2,
    ensure_ascii=False)``, built with less memory.
    """
    encoder = json.JSONEncoder(sort_keys=True, indent=2, ensure_ascii=False)
    parts: list[str] = []
    batch: list[str] = []
    for chunk in encoder.iterencode(report.to_dict()):
        batch.append(chunk)
        if len(batch) >= _BATCH:
            parts.append("".join(batch))
            batch.clear()
    parts.append("".join(batch))
    parts.append("\n")
    return "".join(parts)
