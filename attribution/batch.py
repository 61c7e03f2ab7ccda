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
import io
import json
import logging
import os
import threading
import time
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
from .safe_files import input_key, write_error
from .models import BUNDLED, ModelsNotFound, resolve

MANIFEST_SUFFIXES = (".csv", ".tsv")
# Manifest columns with a meaning of their own; any other column is kept as it is.
MANIFEST_COLUMNS = ("path", "outlet", "date", "title")
# A manifest column named like one of the table's own (score, error, name, words, ...) is kept
# under this prefix ("manifest_score"), so neither hides the other.
RENAMED_COLUMN_PREFIX = "manifest_"

log = logging.getLogger("attribution")


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
        refused: why the manifest's row cannot be read (a path outside the allowed folder, a
            NUL byte, a web address, no path); its row reports this and nothing is read.
        origin: the manifest and line the item comes from ("m.csv, line 4"), which its
            row's error names.
    """

    index: int
    path: str
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    refused: str | None = None
    origin: str | None = None


def collect(given_inputs: Iterable[Path | str], root: Path | str | None = None) -> list[Item]:
    """The articles named by the inputs: article files and URLs (see :mod:`attribution.inputs`),
    folders (their ``.txt`` and ``.html`` files, at any depth) and manifests (``.csv``/``.tsv``
    with a ``path`` column).

    A file named twice is taken once (the first time), by the rule of :func:`inputs.expand`
    (:func:`attribution.safe_files.input_key`): one file under two names is one item, two
    files whose names differ only in case are two.  A missing file stays in the list, so
    that its row reports the problem.  A manifest's paths must lie under ``root``, or under the
    manifest's own folder when no root is given (see :func:`read_manifest`).

    Raises:
        ManifestError: a manifest without a ``path`` column, or not readable as CSV.
    """
    items: list[Item] = []
    seen: set[str] = set()

    def add(path: Path | str, **meta: Any) -> None:
        key = str(path) if inputs.is_url(path) or path == inputs.STDIN else input_key(path)
        if key not in seen or meta.get("refused"):
            seen.add(key)
            items.append(Item(len(items), str(path), **meta))

    for given in given_inputs:
        if inputs.is_url(given) or str(given) == inputs.STDIN:
            add(str(given))
            continue
        path = Path(given)
        if _is_dir(path):
            for item in inputs.article_files(path) or [path]:
                add(item)
        elif path.suffix.lower() in MANIFEST_SUFFIXES and _is_file(path):
            for row_path, meta in read_manifest(path, root):
                add(row_path, **meta)
        else:
            add(path)
    return items


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # ValueError: a NUL byte in the name
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def read_manifest(path: Path, root: Path | str | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """The rows of a manifest: (file, {outlet, date, title, extra, refused}).

    Relative paths are taken from the manifest's folder.  Every path, once links are resolved,
    must lie under ``root`` (default: the manifest's folder), so a manifest cannot make the tool
    read (and copy the first line of) a file elsewhere, such as ``../../etc/passwd``; a row
    outside it, or with a NUL byte, gets ``refused`` set and is reported in its row, naming
    the manifest's line.  Cells are split on the delimiter and on newlines only, so a U+2028
    or NEL inside a cell stays in the cell.  A column named like one of the per-article
    table's own (score, error, name, words, ...) is kept as ``manifest_<name>``.

    Raises:
        ManifestError: no ``path`` column, or the file is not UTF-8 CSV/TSV.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ManifestError(f"{path}: cannot read the manifest ({err}); save it as UTF-8 CSV") from err
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in first_line else ","
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        fieldnames = list(reader.fieldnames or [])
    except csv.Error as err:
        raise ManifestError(f"{path}: not readable as CSV ({err}); save it as UTF-8 CSV") from err
    columns = [c.strip().lower() for c in fieldnames]
    if "path" not in columns:
        found = ", ".join(" ".join(c.split())[:40] for c in columns) or "none"
        raise ManifestError(f"{path}: a manifest needs a 'path' column (found: {found}); "
                            "other columns (outlet, date, title, ...) are optional")
    renamed = {c: RENAMED_COLUMN_PREFIX + c for c in columns if c in corpus.ROW_COLUMNS and c not in MANIFEST_COLUMNS}
    for column, new in renamed.items():
        log.warning("warning: %s: the column %r is also one of the table's own columns; it is kept as %r",
                    path, column, new)
    base = Path(root).expanduser() if root is not None else path.parent
    base_key = _real(base)
    rows = []
    overlong: list[int] = []  # lines with more cells than the header
    try:
        for raw in reader:
            row: dict[str, str] = {}
            for k, v in raw.items():
                if k is None:
                    overlong.append(reader.line_num)
                    continue
                name = k.strip().lower()
                row[renamed.get(name, name)] = v.strip() if isinstance(v, str) else ""
            if not any(row.values()):
                continue  # a row of empty cells (a spreadsheet's trailing ",,,")
            line = reader.line_num
            where = f"{path}, line {line}"
            meta: dict[str, Any] = {"outlet": row.get("outlet") or None, "date": row.get("date") or None,
                                    "title": row.get("title") or None,
                                    "extra": tuple((k, v) for k, v in row.items() if k not in MANIFEST_COLUMNS and k),
                                    "origin": where}
            if not row.get("path"):
                # Not skipped in silence: the row was meant to be an article.
                rows.append((Path(where), {**meta, "refused": f"{where}: the row has no path (fill in its path "
                                                              "cell, or delete the row)"}))
                continue
            file, refused = _manifest_path(path, line, row["path"], base, base_key, root is not None)
            if refused:
                meta["refused"] = refused
            elif _is_dir(file):
                # A row naming a folder stands for its articles, each with the row's columns,
                # and each confined like a row of its own (a link inside may point elsewhere).
                inside = inputs.article_files(file)
                for member in inside:
                    _, outside = _manifest_path(path, line, str(member), base, base_key, root is not None)
                    rows.append((member, {**meta, "refused": outside} if outside else meta))
                if inside:
                    continue
            rows.append((file, meta))
    except csv.Error as err:
        raise ManifestError(f"{path}: not readable as CSV at line {reader.line_num} ({err}); "
                            "save it as UTF-8 CSV") from err
    if overlong:
        shown = ", ".join(map(str, overlong[:5])) + (", ..." if len(overlong) > 5 else "")
        log.warning("warning: %s: line%s %s %s more cells than the header's %d; the extra cells are left out "
                    "(put a cell that holds a %s in double quotes)", path, "s" if len(overlong) > 1 else "", shown,
                    "have" if len(overlong) > 1 else "has", len(fieldnames),
                    "tab" if delimiter == "\t" else "comma")
    return rows


def _real(path: Path) -> str:
    return os.path.realpath(os.path.abspath(path))


def _manifest_path(manifest: Path, line: int, cell: str, base: Path, base_key: str,
                   explicit_root: bool) -> tuple[Path, str | None]:
    """The file a manifest row names, and why it is refused (or None)."""
    where = f"{manifest}, line {line}"
    if "\0" in cell or any(ord(ch) < 32 for ch in cell):
        shown = cell.encode("unicode_escape").decode("ascii")
        return Path(shown), f"{where}: the path {shown!r} holds control characters (fix the manifest's row)"
    if inputs.is_url(cell):
        # A manifest names files; fetching whatever addresses a manifest from elsewhere lists
        # is for the user to ask for on the command line.
        return Path(inputs.name_of(cell)), (f"{where}: {cell!r} is a web address, and a manifest names files "
                                            "(give web addresses on the command line, or save the pages "
                                            "and name the files)")
    file = Path(os.path.expanduser(cell))
    if not file.is_absolute():
        file = manifest.parent / file
    real = _real(file)
    if os.path.commonpath([real, base_key]) != base_key:
        allowed = f"the --root folder {base}" if explicit_root else f"the manifest's folder {base}"
        return file, (f"{where}: the path {cell!r} is outside {allowed} (move the file there, "
                      "or give a wider folder with --root)")
    return file, None


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
    if item.refused:
        return corpus.failed(item.path, name, item.refused, item.outlet or corpus.UNKNOWN_OUTLET,
                             "manifest" if item.outlet else "none", **meta)
    try:
        article = inputs.read(item.path, max_bytes)
    except IngestError as err:
        found = _outlet_of(item, Article(name, ""))
        return corpus.failed(item.path, name, _from(item, str(err)), found.name, found.origin, **meta)
    found = _outlet_of(item, article)
    page = dict(article.metadata)
    meta["date"] = item.date or page.get("date")
    try:
        report = api.analyze(article, models, ParseCache(cache_dir) if cache_dir else None)
    except ModelsNotFound:
        raise
    except Exception as err:  # noqa: BLE001 - one article the parser chokes on must not end a batch
        return corpus.failed(item.path, name, _from(item, f"{item.path}: analysis failed: {type(err).__name__}: "
                                                      f"{err} (please report this, with the file if you can share it)"),
                             found.name, found.origin, **meta)
    meta["title"] = item.title or view.title(report) or None
    return corpus.summarise(report, found.name, found.origin, **meta)


def _from(item: Item, error: str) -> str:
    """An article's error, led by the manifest line it comes from (if it does)."""
    return f"{item.origin}: {error}" if item.origin else error


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
        identity = f"{os.path.realpath(item.path)}:{stat.st_size}:{stat.st_mtime_ns}"
    except (OSError, ValueError):
        identity = f"{item.path}:missing"
    meta = (item.outlet, item.date, item.title, item.extra) + ((item.refused,) if item.refused else ())
    parts = [identity, repr(meta), models_key, __version__, SCORE_METHOD]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_journal(path: Path) -> dict[str, corpus.ArticleSummary]:
    """Rows of an earlier run by fingerprint.

    Every line is checked (UTF-8, a JSON object with a text ``key`` and a ``row`` that
    :meth:`corpus.ArticleSummary.from_dict` accepts); a damaged one, such as the last line of a
    killed run, is dropped with a warning and its article is analysed again.  A journal that
    cannot be read at all is ignored the same way.
    """
    rows: dict[str, corpus.ArticleSummary] = {}
    try:
        with open(path, "rb") as fh:
            lines = fh.read().split(b"\n")
    except FileNotFoundError:
        return rows
    except OSError as err:
        log.warning("warning: %s: cannot read the journal (%s); every article is analysed again",
                    path, err.strerror or err)
        return rows
    damaged = 0
    for raw in lines:
        if not raw.strip():
            continue
        try:
            key, row = parse_journal_line(raw)
        except ValueError:
            damaged += 1
            continue
        rows[key] = row
    if damaged:
        log.warning("warning: %s: %d damaged line%s dropped; %s analysed again", path, damaged,
                    "s" if damaged != 1 else "", "those articles are" if damaged != 1 else "that article is")
    return rows


def parse_journal_line(raw: bytes) -> tuple[str, corpus.ArticleSummary]:
    """(fingerprint, row) of one journal line.

    Raises:
        ValueError: the line is not UTF-8, not JSON, or not a journal entry of the right shape.
    """
    entry = json.loads(raw.decode("utf-8"))
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or not isinstance(entry.get("row"), dict):
        raise ValueError("not a journal entry")
    return entry["key"], corpus.ArticleSummary.from_dict(entry["row"])


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


def _init_worker(threads: int, parent: int | None = None) -> None:
    import torch

    torch.set_num_threads(threads)
    if parent is not None:
        _die_with_parent(parent)


# How often a worker checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0


def _die_with_parent(parent: int) -> None:
    """End this worker soon after its parent ends, even by SIGKILL: a killed ``compare`` must
    not leave workers of 0.5 GB each parsing on.  (The pool's own pipes do not tell them: each
    worker holds a copy of the writing end.)  Linux's PR_SET_PDEATHSIG follows the thread that
    started the process rather than the process, so a polling thread is used everywhere."""
    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


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
        safe_files.WriteError: the journal cannot be written (a read-only folder); nothing is
            analysed.
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
    sink = _open_journal(journal) if journal else None
    try:
        for item, row in _analyse(todo, models, cache_dir, max(1, workers), max_bytes):
            rows[item.index] = row
            if sink:
                try:
                    sink.write(json.dumps({"key": keys[item.index], "row": row.to_dict()}, ensure_ascii=False)
                               .encode("utf-8", "surrogateescape") + b"\n")
                    sink.flush()
                except OSError as err:
                    log.warning("warning: %s; the run goes on, but an interrupted run will redo the rest",
                                write_error(journal or "", err))
                    sink.close()
                    sink = None
            if on_row:
                on_row(row, False)
    finally:
        if sink:
            sink.close()
    return [rows[item.index] for item in items]


def _open_journal(path: Path) -> Any:
    """The journal, opened to append; a last line cut off by a kill is ended first, so the next
    row starts on a line of its own.

    Raises:
        WriteError: it cannot be written (read-only folder, full disk).
    """
    try:
        sink = open(path, "ab")  # noqa: SIM115 - closed by run()
        if sink.tell() > 0:
            with open(path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    sink.write(b"\n")
        return sink
    except OSError as err:
        raise write_error(path, err) from None


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End a pool's worker processes at once (``shutdown`` would wait for the work in flight)."""
    # The executor has no public way to do this; its process table is read defensively.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass


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
                                   initargs=(threads, os.getpid()))
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
        except BaseException:
            # Ctrl-C, or the caller stopped reading: the articles in flight are not waited
            # for (a long one takes minutes), their workers are ended now.
            stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not broken:
            break
