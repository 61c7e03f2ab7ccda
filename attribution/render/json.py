"""The JSON report: ``ArticleReport.to_dict()``, stable key order, one file per article."""

from __future__ import annotations

import json

from ..report import ArticleReport


def dumps(report: ArticleReport) -> str:
    """The report as JSON text (sorted keys, so reports diff cleanly), ending in a newline.

    Non-ASCII characters are written as they are (the file is UTF-8), so quotes stay readable.
    """
    return json.dumps(report.to_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
