"""A persistent cache of dependency parses, so that only new text is ever parsed twice.

Parsing is nearly all of an analysis's time; extraction, scoring and rendering take a few
hundredths of a second.  Each parse is stored as gzipped CoNLL-U (with character offsets, see
:func:`attribution.parse.to_conllu`) under a key made of the model files' identity, the exact
text and the regions parsed, so

* re-running a report, or changing the score weights, clutter-free text or the renderers,
  reads the parse back instead of parsing again;
* a different model set, an edited article or a change in which lines count as clutter is a
  different key: a stale parse is never reused;
* an interrupted batch resumes where it stopped: what was parsed before is on disk.

Entries are written through a temporary file and renamed, so parallel workers and a run
killed mid-write never leave a half entry.  The folder may be deleted at any time.

Location: ``--cache-dir``, else ``$ATTRIBUTION_CACHE_DIR``, else ``$XDG_CACHE_HOME/attribution/parses``
(``~/.cache/attribution/parses``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .parse import from_conllu, to_conllu
from .results import ParsedDocument

# Bump when the stored form changes, so old entries are never read as new ones.
# 1: gzipped CoNLL-U from parse.to_conllu.
CACHE_FORMAT = "1"


def default_directory() -> Path:
    """Where parses are cached when no folder is given."""
    explicit = os.environ.get("ATTRIBUTION_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "attribution" / "parses"


@dataclass(frozen=True)
class CacheStats:
    """How many parses a cache holds, and their size on disk."""

    directory: Path
    entries: int
    size_bytes: int


class ParseCache:
    """Parses on disk, one gzipped file per (models, text, regions).

    Args:
        directory: the cache folder (created on first write).
    """

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_directory()

    def key(self, text: str, regions: Sequence[tuple[int, int]], models_key: str) -> str:
        digest = hashlib.sha256()
        for part in (CACHE_FORMAT, models_key, ",".join(f"{s}-{e}" for s, e in regions), text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()[:40]

    def _path(self, key: str, suffix: str = ".conllu.gz") -> Path:
        return self.directory / key[:2] / f"{key}{suffix}"

    def get(self, text: str, regions: Sequence[tuple[int, int]], models_key: str,
            model_name: str = "") -> ParsedDocument | None:
        """The cached parse, or None when there is none (or it cannot be read)."""
        path = self._path(self.key(text, regions, models_key))
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                conllu = fh.read()
            return from_conllu(text, conllu, model_name)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, ValueError, IndexError):
            # A damaged entry (disk full, a foreign file): parse again and overwrite it.
            return None

    def put(self, text: str, regions: Sequence[tuple[int, int]], models_key: str, doc: ParsedDocument) -> None:
        """Store a parse; a cache that cannot be written (read-only, full) is skipped silently."""
        _store(self._path(self.key(text, regions, models_key)),
               gzip.compress(to_conllu(doc).encode("utf-8"), compresslevel=5))

    def get_measures(self, name: str, text: str, regions: Sequence[tuple[int, int]]) -> dict[str, Any] | None:
        """Figures computed from the text alone (``name`` says which and their version), or None.

        Readability takes as long as extraction and scoring together, so it is kept like a
        parse: a re-run recomputes neither.
        """
        path = self._path(self.key(text, regions, name), ".json")
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
        except (OSError, ValueError):
            return None

    def put_measures(self, name: str, text: str, regions: Sequence[tuple[int, int]],
                     values: dict[str, Any]) -> None:
        """Store figures for :meth:`get_measures`; skipped silently when the cache cannot be written."""
        _store(self._path(self.key(text, regions, name), ".json"), json.dumps(values).encode("utf-8"))

    def stats(self) -> CacheStats:
        entries, size = 0, 0
        if self.directory.is_dir():
            for path in self.directory.glob("*/*.conllu.gz"):
                entries += 1
                size += path.stat().st_size
        return CacheStats(self.directory, entries, size)

    def clear(self) -> int:
        """Delete every cached parse; returns how many there were."""
        count = self.stats().entries
        if self.directory.is_dir():
            for sub in self.directory.iterdir():
                if sub.is_dir() and len(sub.name) == 2:  # parses and measures alike
                    shutil.rmtree(sub, ignore_errors=True)
        return count


def _store(path: Path, content: bytes) -> None:
    """Write an entry through a temporary file and a rename, so readers (other workers, a run
    killed mid-write) never see half of it; a cache that cannot be written is skipped."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(content)
        os.replace(tmp, path)
    except OSError:
        pass
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
