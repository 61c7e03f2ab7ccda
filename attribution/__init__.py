"""attribution: who says what in news articles.

Reads an article, parses it with compact bundled stanza models (offline) and finds its
attributions: direct quotes, reported speech, "according to" phrases and anonymous sources,
each as character spans of the text.  Start with :func:`analyze_text` or :func:`analyze_file`;
``attribution --help`` for the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import (
    DownloadFailed,
    FileResult,
    ModelsInfo,
    analyze,
    analyze_file,
    analyze_files,
    analyze_text,
    assess,
    download_models,
    models_info,
)
from .assessment import Readability, ScoreComponent, SourceProfile, SourcingScore
from .ingest import IngestError, read_article
from .models import ModelsNotFound
from .report import ArticleReport
from .results import SCHEMA_VERSION, Article, Attribution, ParsedDocument, Sentence, Span, Word

__all__ = [
    "SCHEMA_VERSION", "Article", "ArticleReport", "Attribution", "DownloadFailed", "FileResult",
    "IngestError", "ModelsInfo", "ModelsNotFound", "ParsedDocument", "Readability", "ScoreComponent",
    "Sentence", "SourceProfile", "SourcingScore", "Span", "Word", "__version__", "analyze",
    "analyze_file", "analyze_files", "analyze_text", "assess", "download_models", "models_info",
    "read_article",
]
