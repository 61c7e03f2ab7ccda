"""The library: analyse an article's text, one file, or a batch of files; manage the models.

    from attribution import analyze_text

    report = analyze_text('"We are concerned," John Kirby said.')
    for a in report.attributions:
        print(a.kind, a.source and a.source.text, a.cue and a.cue.text, [c.text for c in a.content])

Everything runs offline on the bundled models unless ``models`` says otherwise ("official",
after :func:`download_models`, or a model folder).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from . import clutter, extract, readability, score, sources
from .assessment import Readability
from .cache import ParseCache
from .ingest import DEFAULT_MAX_BYTES, IngestError, expand_paths, read_article
from .models import BUNDLED, ModelSet, ModelsNotFound, bundled_scores, official_directory, resolve
from .parse import download_official, load_parser
from .report import ArticleReport
from .results import Article, ParsedDocument

__all__ = ["DownloadFailed", "FileResult", "ModelsInfo", "ParseCache", "analyze", "assess", "analyze_file",
           "analyze_files", "analyze_text", "download_models", "expand_paths", "models_info", "parse_article"]


def analyze(article: Article, models: str = BUNDLED, cache: ParseCache | None = None) -> ArticleReport:
    """Parse an article, find its attributions, profile its sources and score its sourcing.

    Site clutter (menus, link lists, photo captions; see :mod:`attribution.clutter`) is found
    first and neither parsed, mined for attributions nor counted in readability.

    Args:
        article: the input (see :mod:`attribution.ingest` to read one from a file).
        models: "bundled" (default), "official" or a model folder; the parser is loaded once
            per process and value, and only when a parse is not in the cache.
        cache: where parses are kept between runs (see :mod:`attribution.cache`); None parses
            every time.

    Raises:
        ModelsNotFound: the models are not on disk; the message says what to run.
    """
    found = clutter.find(article.text)
    document = parse_article(article.text, clutter.keep(article.text, found), models, cache)
    found_attributions = extract.attributions(document, found)
    return assess(ArticleReport(article, document, found_attributions, found), cache)


def parse_article(text: str, regions: tuple[tuple[int, int], ...], models: str = BUNDLED,
                  cache: ParseCache | None = None) -> ParsedDocument:
    """The dependency parse of the given regions of ``text``, from the cache when it is there."""
    if cache is None:
        return load_parser(models).parse(text, regions=regions)
    selected = resolve(models)
    document = cache.get(text, regions, selected.cache_key, selected.name)
    if document is None:
        document = load_parser(models).parse(text, regions=regions)
        cache.put(text, regions, selected.cache_key, document)
    return document


def assess(report: ArticleReport, cache: ParseCache | None = None) -> ArticleReport:
    """Add source profiles, the sourcing score and readability to a report (no model needed).

    For reports built by hand or read back from JSON: ``analyze`` already does this.  With a
    cache, readability (which depends on the text alone) is kept there too.
    """
    profiles = sources.profiles(report.attributions, report.document)
    return replace(report, profiles=profiles,
                   score=score.sourcing(report.attributions, profiles, report.document),
                   readability=_readability(report, cache))


_READABILITY_FIELDS = {f.name: (int if f.type in (int, "int") else float) for f in fields(Readability)}


def _readability(report: ArticleReport, cache: ParseCache | None) -> Readability:
    text = report.article.text
    if cache is None:
        return readability.measure(text, report.clutter)
    regions = clutter.keep(text, report.clutter)
    # The fields and their types are checked on read: a damaged entry is measured again.
    stored = cache.get_measures(readability.METHOD, text, regions, _READABILITY_FIELDS)
    if stored is not None:
        return Readability(**stored)
    measured = readability.measure(text, report.clutter)
    cache.put_measures(readability.METHOD, text, regions, asdict(measured))
    return measured


def analyze_text(text: str, name: str = "text", models: str = BUNDLED) -> ArticleReport:
    """Analyse a string: :func:`analyze` on an Article with no file behind it."""
    return analyze(Article(name, text), models)


def analyze_file(path: Path | str, models: str = BUNDLED, max_bytes: int = DEFAULT_MAX_BYTES,
                 cache: ParseCache | None = None) -> ArticleReport:
    """Analyse one UTF-8 text file.

    Raises:
        IngestError: the file is missing or is not article text (see :func:`ingest.read_article`).
        ModelsNotFound: the models are not on disk.
    """
    return analyze(read_article(path, max_bytes), models, cache)


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file of a batch: a report, or a one-line error saying what to do."""

    path: Path
    report: ArticleReport | None = None
    error: str | None = None


def analyze_files(paths: Iterable[Path | str], models: str = BUNDLED,
                  max_bytes: int = DEFAULT_MAX_BYTES, cache: ParseCache | None = None) -> Iterator[FileResult]:
    """Analyse many files, one result each, in order; folders stand for their ``*.txt`` files.

    A file that cannot be read, or whose analysis fails, gives a result with ``error`` set and
    the batch goes on.  Only missing models stop it, before the first file.

    Raises:
        ModelsNotFound: the models are not on disk; the message says what to run.
    """
    resolve(models)
    for path in expand_paths(paths):
        try:
            article = read_article(path, max_bytes)
        except IngestError as err:
            yield FileResult(path, error=str(err))
            continue
        try:
            report = analyze(article, models, cache)
        except ModelsNotFound:
            raise
        except Exception as err:  # noqa: BLE001 - one article the parser chokes on must not end a batch
            yield FileResult(path, error=f"{path}: analysis failed: {type(err).__name__}: {err} "
                                         "(please report this, with the file if you can share it)")
            continue
        yield FileResult(path, report=report)


@dataclass(frozen=True)
class ModelsInfo:
    """What ``--models`` selects: the model set, its size on disk and its training record.

    Attributes:
        models: the resolved model set (name, directory, files).
        size_bytes: total size of the model directory.
        training: the bundled models' training.json (settings, data, GUM test scores); empty
            for other models.
    """

    models: ModelSet
    size_bytes: int
    training: dict[str, Any]


def models_info(models: str = BUNDLED) -> ModelsInfo:
    """Describe the selected models without loading them.

    Raises:
        ModelsNotFound: the models are not on disk; the message says what to run.
    """
    selected = resolve(models)
    training = bundled_scores() if selected.name == BUNDLED else {}
    return ModelsInfo(selected, selected.size_bytes(), training)


class DownloadFailed(RuntimeError):
    """The official models could not be downloaded; the message says why and what to do."""


def download_models() -> Path:
    """Download stanza's official English models (for ``models="official"``); needs internet.

    Returns:
        The directory they are in (``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``).

    Raises:
        DownloadFailed: no connection, or the download broke off.
    """
    directory = official_directory()
    try:
        download_official(str(directory))
    except OSError as err:
        detail = " ".join(str(err).split())
        if len(detail) > 160:
            detail = detail[:157] + "..."
        raise DownloadFailed(
            f"could not download stanza's English models into {directory}: {type(err).__name__}: {detail} "
            "(check the internet connection and retry; --models bundled needs no download)") from err
    return directory
