"""Running many articles: inputs and manifests, parallel workers, resuming, one row per article.

    items = batch.collect(["corpus/"])                       # or a manifest CSV
    for row in batch.run(items, workers=2, cache=ParseCache()):
        print(row.outlet, row.score, row.error)

Each article goes through :func:`summarise_item`, a plain function of one picklable item, so the
same work runs in this process, in local worker processes (``workers=N``) or on a Dask cluster
(:mod:`attribution.distributed`).  A failing article gives a row with ``error`` set and the
rest go on; a worker process that dies (out of memory, a crash in the parser) is replaced and
the articles it had in flight are retried once, one at a time, so only the one that kills
a worker again is lost.

Resuming: with a ``journal`` file, every finished row is appended to it at once, and a later run
over the same inputs takes the rows whose file, models and scoring method are unchanged from
it instead of analysing them again.  Parses are also kept in the parse cache, so even a changed
scoring method re-parses nothing.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from . import __version__, corpus, inputs, outlets
from .assessment import SCORE_METHOD
from .cache import ParseCache
from .ingest import DEFAULT_MAX_BYTES, IngestError
from .results import Article
from .models import BUNDLED, ModelsNotFound, resolve

MANIFEST_SUFFIXES = (".csv", ".tsv")
# Manifest columns with a meaning of their own; any other column is kept as it is.
MANIFEST_COLUMNS = ("path", "outlet", "date", "title")


class ManifestError(ValueError):
    """A manifest that cannot be used at all; the message says what to fix."""


@dataclass(frozen=True)
class Item:
    """One article to analyse, with what a manifest said of it.

    Attributes:
        index: its place in the input, so rows can be put back in order.
        path: the text file.
        outlet: the manifest's outlet, or None to detect it (text, then folder).
        date: the manifest's date.
        title: the manifest's title.
        extra: the manifest's other columns.
    """

    index: int
    path: str
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def collect(given_inputs: Iterable[Path | str]) -> list[Item]:
    """The articles named by the inputs: article files and URLs (see :mod:`attribution.inputs`),
    folders (their ``.txt`` and ``.html`` files, at any depth) and manifests (``.csv``/``.tsv``
    with a ``path`` column).

    A file named twice is taken once (the first time).  A missing file stays in the list, so
    that its row reports the problem.

    Raises:
        ManifestError: a manifest without a ``path`` column, or not readable as CSV.
    """
    items: list[Item] = []
    seen: set[str] = set()

    def add(path: Path | str, **meta: Any) -> None:
        key = str(path) if inputs.is_url(path) or path == inputs.STDIN else str(Path(path).expanduser().resolve())
        if key not in seen:
            seen.add(key)
            items.append(Item(len(items), str(path), **meta))

    for given in given_inputs:
        if inputs.is_url(given) or str(given) == inputs.STDIN:
            add(str(given))
            continue
        path = Path(given)
        if path.is_dir():
            for item in inputs.expand([path]):
                add(Path(item))
        elif path.suffix.lower() in MANIFEST_SUFFIXES and path.is_file():
            for row_path, meta in read_manifest(path):
                add(row_path, **meta)
        else:
            add(path)
    return items


def read_manifest(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The rows of a manifest: (file, {outlet, date, title, extra}); relative paths are taken
    from the manifest's folder.

    Raises:
        ManifestError: no ``path`` column, or the file is not UTF-8 CSV/TSV.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as err:
        raise ManifestError(f"{path}: cannot read the manifest ({err}); save it as UTF-8 CSV") from err
    delimiter = "\t" if path.suffix.lower() == ".tsv" or ("\t" in text.split("\n", 1)[0]) else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "path" not in columns:
        raise ManifestError(f"{path}: a manifest needs a 'path' column (found: {', '.join(columns) or 'none'}); "
                            "other columns (outlet, date, title, ...) are optional")
    rows = []
    for raw in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not row.get("path"):
            continue
        file = Path(row["path"]).expanduser()
        if not file.is_absolute():
            file = path.parent / file
        extra = tuple((k, v) for k, v in row.items() if k not in MANIFEST_COLUMNS and k)
        rows.append((file, {"outlet": row.get("outlet") or None, "date": row.get("date") or None,
                            "title": row.get("title") or None, "extra": extra}))
    return rows


def summarise_item(item: Item, models: str = BUNDLED, cache_dir: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> corpus.ArticleSummary:
    """Analyse one article and return its row; never raises for a bad article.

    Raises:
        ModelsNotFound: the models are not on disk (the whole batch must stop).
    """
    from . import api  # here, not at the top: workers import this module before choosing models
    from .render import view

    name = inputs.name_of(item.path)
    meta: dict[str, Any] = {"date": item.date, "title": item.title, "extra": item.extra}
    try:
        article = inputs.read(item.path, max_bytes)
    except IngestError as err:
        found = _outlet_of(item, Article(name, ""))
        return corpus.failed(item.path, name, str(err), found.name, found.origin, **meta)
    found = _outlet_of(item, article)
    page = dict(article.metadata)
    meta["date"] = item.date or page.get("date")
    try:
        report = api.analyze(article, models, ParseCache(cache_dir) if cache_dir else None)
    except ModelsNotFound:
        raise
    except Exception as err:  # noqa: BLE001 - one article the parser chokes on must not end a batch
        return corpus.failed(item.path, name, f"{item.path}: analysis failed: {type(err).__name__}: {err}",
                             found.name, found.origin, **meta)
    meta["title"] = item.title or view.title(report) or None
    return corpus.summarise(report, found.name, found.origin, **meta)


def _outlet_of(item: Item, article: Article) -> outlets.Outlet:
    """The manifest's outlet, else the one the web page's site, the text or the folder names."""
    if item.outlet:
        return outlets.Outlet(item.outlet, "manifest")
    return outlets.detect(article.text, None if inputs.is_url(item.path) else item.path,
                          dict(article.metadata).get("site"))


def fingerprint(item: Item, models_key: str) -> str:
    """What a journal row depends on: the file's identity, the manifest's row, the models, the
    tool and the scoring method."""
    try:
        stat = os.stat(item.path)
        identity = f"{Path(item.path).resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        identity = f"{item.path}:missing"
    parts = [identity, repr((item.outlet, item.date, item.title, item.extra)), models_key, __version__, SCORE_METHOD]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_journal(path: Path) -> dict[str, corpus.ArticleSummary]:
    """Rows of an earlier run by fingerprint (a damaged last line, from a kill, is skipped)."""
    rows: dict[str, corpus.ArticleSummary] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    entry = json.loads(line)
                    rows[entry["key"]] = corpus.ArticleSummary.from_dict(entry["row"])
                except (ValueError, KeyError, TypeError):
                    continue
    except FileNotFoundError:
        pass
    return rows


# Peak memory of one worker process, with room to spare: parsing 43 PolNeAR articles in one
# process, the longest (6,449 words) among them, peaked at 0.55 GB with 300-word parser batches
# (attribution/parse.py; 1.87 GB with stanza's default batches).
WORKER_MEMORY_BYTES = 1_000_000_000


def auto_workers() -> int:
    """One worker per CPU core, as many as the available memory holds (at least one)."""
    cores = os.cpu_count() or 1
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            fields = dict(line.split(":", 1) for line in fh if ":" in line)
        available = int(fields["MemAvailable"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):
        return cores
    return max(1, min(cores, available // WORKER_MEMORY_BYTES))


def _init_worker(threads: int) -> None:
    import torch

    torch.set_num_threads(threads)


def run(items: Sequence[Item], models: str = BUNDLED, cache: ParseCache | None = None, workers: int = 1,
        max_bytes: int = DEFAULT_MAX_BYTES, journal: Path | None = None,
        on_row: Callable[[corpus.ArticleSummary, bool], None] | None = None) -> list[corpus.ArticleSummary]:
    """Analyse every item and return the rows in input order.

    Args:
        items: from :func:`collect`.
        models: "bundled", "official" or a model folder.
        cache: the parse cache, or None to parse everything afresh.
        workers: processes to run at once; 1 runs in this process.
        max_bytes: refuse larger files.
        journal: a JSON-lines file of finished rows, read to resume and appended to as rows
            finish; None keeps nothing.
        on_row: called with each row as it is done, and whether it came from the journal (for a
            progress bar).

    Raises:
        ModelsNotFound: the models are not on disk; nothing is analysed.
    """
    models_key = resolve(models).cache_key
    done = read_journal(journal) if journal else {}
    keys = {item.index: fingerprint(item, models_key) for item in items}
    rows: dict[int, corpus.ArticleSummary] = {}
    todo: list[Item] = []
    for item in items:
        previous = done.get(keys[item.index])
        if previous is not None:
            rows[item.index] = previous
            if on_row:
                on_row(previous, True)
        else:
            todo.append(item)
    cache_dir = str(cache.directory) if cache else None
    sink = open(journal, "a", encoding="utf-8") if journal else None  # noqa: SIM115 - closed below
    try:
        for item, row in _analyse(todo, models, cache_dir, max(1, workers), max_bytes):
            rows[item.index] = row
            if sink:
                sink.write(json.dumps({"key": keys[item.index], "row": row.to_dict()}, ensure_ascii=False) + "\n")
                sink.flush()
            if on_row:
                on_row(row, False)
    finally:
        if sink:
            sink.close()
    return [rows[item.index] for item in items]


def _analyse(items: list[Item], models: str, cache_dir: str | None, workers: int,
             max_bytes: int) -> Iterator[tuple[Item, corpus.ArticleSummary]]:
    if workers == 1 or len(items) <= 1:
        for item in items:
            yield item, summarise_item(item, models, cache_dir, max_bytes)
        return
    yield from _in_pool(items, models, cache_dir, min(workers, len(items)), max_bytes)


def _in_pool(items: list[Item], models: str, cache_dir: str | None, workers: int,
             max_bytes: int) -> Iterator[tuple[Item, corpus.ArticleSummary]]:
    """Items in worker processes, a few in flight per worker so memory stays flat."""
    threads = max(1, (os.cpu_count() or 1) // workers)
    queue = list(reversed(items))
    attempts: dict[int, int] = {}
    while queue:
        # "spawn": a forked copy of a process that already runs torch threads can hang.
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_init_worker,
                                   initargs=(threads,))
        pending: dict[Future[corpus.ArticleSummary], Item] = {}
        broken = False
        try:
            while queue or pending:
                while queue and len(pending) < 4 * workers and not broken:
                    # An article that was in flight when a worker died runs alone, so that a
                    # second death names the article that causes it and spares the others.
                    suspect = attempts.get(queue[-1].index, 0) > 0
                    alone = any(attempts.get(i.index, 0) > 0 for i in pending.values())
                    if alone or (suspect and pending):
                        break
                    item = queue.pop()
                    pending[pool.submit(summarise_item, item, models, cache_dir, max_bytes)] = item
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    item = pending.pop(future)
                    try:
                        yield item, future.result()
                    except BrokenProcessPool:
                        broken = True
                        attempts[item.index] = attempts.get(item.index, 0) + 1
                        if attempts[item.index] > 1:
                            yield item, corpus.failed(
                                item.path, Path(item.path).stem,
                                f"{item.path}: the worker process analysing it died twice (out of memory?); "
                                "try it alone with `attribution analyze`")
                        else:
                            queue.append(item)
                if broken and not pending:
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not broken:
            break
