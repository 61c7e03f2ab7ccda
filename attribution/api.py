"""The library: analyse an article's text, one file, or a batch of files; manage the models.

    from attribution import analyze_text

    report = analyze_text('"We are concerned," John Kirby said.')
    for a in report.attributions:
        print(a.kind, a.source and a.source.text, a.cue and a.cue.text, [c.text for c in a.content])

Everything runs offline on the bundled models unless ``models`` says otherwise ("official",
after :func:`download_models`, or a model folder).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from . import clutter, extract, inputs, readability, score, sources
from .assessment import Readability
from .cache import ParseCache
from .ingest import DEFAULT_MAX_BYTES, IngestError, expand_paths, read_article
from .models import BUNDLED, ModelSet, ModelsNotFound, bundled_scores, official_directory, resolve
from .parse import Parser, download_official, load_parser
from .report import ArticleReport
from .results import Article, ParsedDocument

__all__ = ["DownloadFailed", "FileResult", "ModelsInfo", "ParseCache", "analyze", "assess", "analyze_file",
           "analyze_files", "analyze_text", "download_models", "expand_paths", "models_info", "parse_article"]


def analyze(article: Article, models: str = BUNDLED, cache: ParseCache | None = None,
            on_load: Callable[[], None] | None = None) -> ArticleReport:
    """Parse an article, find its attributions, profile its sources and score its sourcing.

    Site clutter (menus, link lists, photo captions; see :mod:`attribution.clutter`) is found
    first and neither parsed, mined for attributions nor counted in readability.

    Args:
        article: the input (see :mod:`attribution.ingest` to read one from a file).
        models: "bundled" (default), "official" or a model folder; the parser is loaded once
            per process and value, and only when a parse is not in the cache.
        cache: where parses are kept between runs (see :mod:`attribution.cache`); None parses
            every time.
        on_load: called just before the parsing models are loaded, if they are (for a
            "loading the models" message: it takes 10-20 s).

    Raises:
        ModelsNotFound: the models are not on disk; the message says what to run.
    """
    found = clutter.find(article.text)
    document = parse_article(article.text, clutter.keep(article.text, found), models, cache, on_load)
    found_attributions = extract.attributions(document, found)
    return assess(ArticleReport(article, document, found_attributions, found), cache)


def parse_article(text: str, regions: tuple[tuple[int, int], ...], models: str = BUNDLED,
                  cache: ParseCache | None = None, on_load: Callable[[], None] | None = None) -> ParsedDocument:
    """The dependency parse of the given regions of ``text``, from the cache when it is there."""
    if cache is None:
        return _parser(models, on_load).parse(text, regions=regions)
    selected = resolve(models)
    document = cache.get(text, regions, selected.cache_key, selected.name)
    if document is None:
        document = _parser(models, on_load).parse(text, regions=regions)
        cache.put(text, regions, selected.cache_key, document)
    return document


_LOADED: set[str] = set()


def _parser(models: str, on_load: Callable[[], None] | None) -> Parser:
    if models not in _LOADED:
        if on_load is not None:
            on_load()
        _LOADED.add(models)
    return load_parser(models)


def assess(report: ArticleReport, cache: ParseCache | None = None) -> ArticleReport:
    """Add source profiles, the sourcing score and readability to a report (no model needed).

    For reports built by hand or read back from JSON: ``analyze`` already does this.  With a
    cache, readability (which depends on the text alone) is kept there too.
    """
    profiles = sources.profiles(report.attributions, report.document)
    return replace(report, profiles=profiles,
                   score=score.sourcing(report.attributions, profiles, report.document, report.clutter,
                                        dict(report.article.metadata).get("outlet")),
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
    """Analyse one input: a UTF-8 text file, a saved .html page, a URL (fetched) or ``-`` (stdin).

    Raises:
        IngestError: the input is missing, cannot be fetched or is not article text (see
            :mod:`attribution.inputs`).
        ModelsNotFound: the models are not on disk.
    """
    return analyze(inputs.read(path, max_bytes), models, cache)


@dataclass(frozen=True)
class FileResult:
    """The outcome for one input of a batch: a report, or a one-line error saying what to do.

    Attributes:
        path: the input as a path (a URL or ``-`` as given, read as a path only for its name).
        report: the report, or None when the input failed.
        error: ``WHERE: reason (what to do)`` when it failed.
        source: the input as given: a file path, a URL or ``-``.
    """

    path: Path
    report: ArticleReport | None = None
    error: str | None = None
    source: str = ""

    @property
    def name(self) -> str:
        """The name its reports take: the article's name (file name, URL slug, "stdin")."""
        if self.report is not None:
            return self.report.article.name
        return inputs.name_of(self.source or str(self.path))

    @property
    def label(self) -> str:
        """The input as the user gave it, for messages."""
        return self.source or str(self.path)


# Called with (number, total, input) as each article starts, and with (0, total, "") just
# before the models load in this process (a silence of 10-20 s otherwise).
Progress = Callable[[int, int, str], None]


def analyze_files(paths: Iterable[Path | str], models: str = BUNDLED,
                  max_bytes: int = DEFAULT_MAX_BYTES, cache: ParseCache | None = None, workers: int = 1,
                  progress: Progress | None = None) -> Iterator[FileResult]:
    """Analyse many inputs, one result each, in order.

    Inputs are files, folders (their .txt and .html files at any depth), URLs and ``-``
    (stdin); see :mod:`attribution.inputs`.  An input that cannot be read or fetched, or
    whose analysis fails, gives a result with ``error`` set and the batch goes on.  Only
    missing models stop it, before the first input.

    Args:
        workers: articles analysed at once, each in its own process (1: in this one).  Inputs
            are read (and URLs fetched) here, one at a time, and parsed in the workers.
        progress: see :data:`Progress`.

    Raises:
        ModelsNotFound: the models are not on disk; the message says what to run.
    """
    resolve(models)
    todo = inputs.expand(paths)
    total = len(todo)

    def read_all() -> Iterator[tuple[str, Article | FileResult]]:
        for number, given in enumerate(todo, 1):
            if progress is not None:
                progress(number, total, given)
            try:
                yield given, inputs.read(given, max_bytes)
            except IngestError as err:
                yield given, FileResult(Path(given), error=str(err), source=given)

    if workers > 1 and total > 1:
        yield from _in_workers(read_all(), models, cache, min(workers, total))
        return
    loading = (lambda: progress(0, total, "")) if progress is not None else None  # noqa: E731
    for given, article in read_all():
        if isinstance(article, FileResult):
            yield article
            continue
        yield _analyze_one(given, article, models, cache, loading)


def _analyze_one(given: str, article: Article, models: str, cache: ParseCache | None,
                 on_load: Callable[[], None] | None = None) -> FileResult:
    try:
        report = analyze(article, models, cache) if on_load is None else analyze(article, models, cache, on_load)
    except ModelsNotFound:
        raise
    except Exception as err:  # noqa: BLE001 - one article the parser chokes on must not end a batch
        return FileResult(Path(given), error=f"{given}: analysis failed: {type(err).__name__}: {err} "
                                             "(please report this, with the file if you can share it)", source=given)
    return FileResult(Path(given), report=report, source=given)


def _worker_init(threads: int, parent: int | None = None) -> None:
    from .batch import _init_worker

    _init_worker(threads, parent)  # torch threads, and the worker ends when its parent does


def _worker_analyze(given: str, article: Article, models: str, cache_dir: str | None) -> FileResult:
    return _analyze_one(given, article, models, ParseCache(cache_dir) if cache_dir else None)


def _in_workers(items: Iterator[tuple[str, Article | FileResult]], models: str, cache: ParseCache | None,
                workers: int) -> Iterator[FileResult]:
    """Analyse in worker processes, a few articles in flight per worker, results in input order."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    cache_dir = str(cache.directory) if cache else None
    threads = max(1, (os.cpu_count() or 1) // workers)
    # "spawn": a forked copy of a process that already runs torch threads can hang.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_worker_init,
                             initargs=(threads, os.getpid())) as pool:
        try:
            yield from _settled(items, pool, models, cache_dir, workers)
        except BaseException:
            # Ctrl-C, or the caller stopped reading: the workers are ended now rather than
            # waited for (see batch.stop_workers).
            from .batch import stop_workers

            stop_workers(pool)
            raise


def _settled(items: Iterator[tuple[str, Article | FileResult]], pool: Any, models: str, cache_dir: str | None,
             workers: int) -> Iterator[FileResult]:
    """The pool's results in input order, a few articles in flight per worker."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    window: list[tuple[str, Future[FileResult] | FileResult]] = []

    def settle(given: str, job: Future[FileResult] | FileResult) -> FileResult:
        if isinstance(job, FileResult):
            return job
        try:
            return job.result()
        except BrokenProcessPool:
            return FileResult(Path(given), error=f"{given}: the worker process analysing it died (out of memory?); "
                                                 "try it alone, without --workers", source=given)

    for given, article in items:
        job = article if isinstance(article, FileResult) else \
            pool.submit(_worker_analyze, given, article, models, cache_dir)
        window.append((given, job))
        while len(window) > 2 * workers or (window and isinstance(window[0][1], FileResult)):
            yield settle(*window.pop(0))
    for given, job in window:
        yield settle(given, job)


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
