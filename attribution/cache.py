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

Nothing read back is trusted: an entry is checked (:func:`check_document`) for the digest of
the text it was made for, word offsets inside that text and spelling it out, heads inside
their sentence and no head cycle, before it is used.  A damaged, foreign or truncated entry
(a 0-byte file, a zlib error, a parse of another text) is dropped with a one-line warning on
the ``attribution`` logger and parsed again; it never ends a run.

Location: ``--cache-dir``, else ``$ATTRIBUTION_CACHE_DIR``, else ``$XDG_CACHE_HOME/attribution/parses``
(``~/.cache/attribution/parses``).
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import logging
import math
import os
import shutil
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .parse import from_conllu, to_conllu
from .results import ParsedDocument
from .safe_files import write_bytes

log = logging.getLogger("attribution")

# The first line of an entry: the digest of the text it was parsed from.  Entries written
# before it existed have none and are checked by their offsets and spellings alone.
_DIGEST_COMMENT = "# attribution_text_sha256 = "


# An entry's CoNLL-U is about 12 times the text it parses (ten columns per word); more than
# this many times is not a parse of it (a "gzip bomb" would otherwise fill the memory).
MAX_EXPANSION = 64


class DamagedEntry(ValueError):
    """A cached parse that does not fit its text; the message says what is wrong."""

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
        """The cached parse, or None when there is none, or it is damaged (then it is removed,
        with a warning, so that the caller parses again and stores a good one)."""
        path = self._path(self.key(text, regions, models_key))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as err:
            self._drop(path, f"cannot be read ({getattr(err, 'strerror', None) or err})")
            return None
        try:
            conllu = _inflate(data, MAX_EXPANSION * len(text) + 100_000).decode("utf-8")
            doc = from_conllu(text, conllu, model_name)
            check_document(doc, text, regions, _stored_digest(conllu))
        except DamagedEntry as err:
            self._drop(path, str(err))
            return None
        except (OSError, EOFError, zlib.error, ValueError, IndexError) as err:
            self._drop(path, f"not a readable parse ({type(err).__name__}: {err})")
            return None
        return doc

    def _drop(self, path: Path, why: str) -> None:
        log.warning("warning: damaged parse cache entry %s: %s; parsing again", path, why)
        try:
            path.unlink()
        except OSError:
            pass

    def put(self, text: str, regions: Sequence[tuple[int, int]], models_key: str, doc: ParsedDocument) -> None:
        """Store a parse; a cache that cannot be written (read-only, full) is skipped silently."""
        conllu = _DIGEST_COMMENT + text_digest(text) + "\n" + to_conllu(doc)
        _store(self._path(self.key(text, regions, models_key)), gzip.compress(conllu.encode("utf-8"), compresslevel=5))

    def get_measures(self, name: str, text: str, regions: Sequence[tuple[int, int]],
                     fields: Mapping[str, type] | None = None) -> dict[str, Any] | None:
        """Figures computed from the text alone (``name`` says which and their version), or None.

        Readability takes as long as extraction and scoring together, so it is kept like a
        parse: a re-run recomputes neither.  With ``fields`` (name -> int or float), the entry
        must have exactly those, each a finite number of that type (an int where a float is
        asked is fine); anything else is dropped with a warning, like a damaged parse.
        """
        path = self._path(self.key(text, regions, name), ".json")
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as err:
            self._drop(path, f"not readable JSON ({type(err).__name__})")
            return None
        problem = _measures_problem(data, fields)
        if problem:
            self._drop(path, problem)
            return None
        result: dict[str, Any] = data
        return result

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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, content)
    except OSError:
        pass


def _inflate(data: bytes, limit: int) -> bytes:
    """Gunzip ``data`` (one member), refusing output longer than ``limit`` bytes."""
    inflater = zlib.decompressobj(wbits=31)
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit:
        raise DamagedEntry(f"it inflates to over {limit:,} bytes, far more than a parse of this text")
    if not inflater.eof:
        raise DamagedEntry("it is cut short")
    return out


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _stored_digest(conllu: str) -> str | None:
    first = conllu.split("\n", 1)[0]
    return first[len(_DIGEST_COMMENT):].strip() if first.startswith(_DIGEST_COMMENT) else None


def check_document(doc: ParsedDocument, text: str, regions: Sequence[tuple[int, int]],
                   digest: str | None = None) -> None:
    """Check that a parse read back belongs to ``text``, in time linear in its size.

    * ``digest``, when the entry has one, is the text's;
    * a parse of regions that hold text has sentences, and every sentence has words;
    * word ids run 1..n in each sentence, every head is 0..n, and following heads from any
      word reaches the root (no cycle, at least one root);
    * every word's offsets lie inside one of the regions, in order, and spell the word out
      (the parts of a multiword token may share the whole token's span).

    Raises:
        DamagedEntry: what does not fit.
    """
    if digest is not None and digest != text_digest(text):
        raise DamagedEntry("it was made for another text")
    spans = sorted((s, e) for s, e in regions if text[s:e].strip())
    if spans and not doc.sentences:
        raise DamagedEntry("it holds no sentences")
    starts = [s for s, _ in spans]
    last_start = 0
    for sent in doc.sentences:
        words = sent.words
        if not words:
            raise DamagedEntry(f"sentence {sent.index} has no words")
        n = len(words)
        for position, w in enumerate(words, 1):
            if w.id != position:
                raise DamagedEntry(f"sentence {sent.index}: word ids are not 1..{n}")
            if not 0 <= w.head <= n or w.head == w.id:
                raise DamagedEntry(f"sentence {sent.index}: word {w.id} has head {w.head}, outside the sentence")
            if not 0 <= w.start <= w.end <= len(text) or w.start < last_start:
                raise DamagedEntry(f"sentence {sent.index}: word {w.id} has offsets {w.start}-{w.end} "
                                   "outside the text or out of order")
            last_start = w.start
            if spans:
                region = bisect.bisect_right(starts, w.start) - 1
                if region < 0 or w.end > spans[region][1]:
                    raise DamagedEntry(f"sentence {sent.index}: word {w.id} lies outside the parsed lines")
            surface = text[w.start:w.end]
            if surface != w.text and surface.lower() != w.text.lower() and not _shares_token(words, position - 1):
                raise DamagedEntry(f"sentence {sent.index}: word {w.id} is {w.text!r} but the text there "
                                   f"reads {surface[:40]!r}")
        _check_acyclic(sent.index, words)


def _shares_token(words: Sequence[Any], i: int) -> bool:
    """Whether word i is a part of a multiword token that spans the whole token (the parts
    did not spell it out, see parse._split_token)."""
    span = (words[i].start, words[i].end)
    return any(0 <= j < len(words) and (words[j].start, words[j].end) == span for j in (i - 1, i + 1))


def _check_acyclic(index: int, words: Sequence[Any]) -> None:
    """Every word reaches the root by its heads; each word is visited a bounded number of
    times (a word found to reach the root is never walked again)."""
    reaches_root = [False] * (len(words) + 1)
    reaches_root[0] = True
    for w in words:
        path: list[int] = []
        on_path: set[int] = set()
        current = w.id
        while not reaches_root[current]:
            if current in on_path:
                raise DamagedEntry(f"sentence {index}: the heads form a cycle through word {current}")
            on_path.add(current)
            path.append(current)
            current = words[current - 1].head
        for wid in path:
            reaches_root[wid] = True


def _measures_problem(data: Any, fields: Mapping[str, type] | None) -> str | None:
    if not isinstance(data, dict):
        return "not a JSON object"
    if fields is None:
        return None
    if set(data) != set(fields):
        return "its fields are not the expected ones"
    for key, kind in fields.items():
        value = data[key]
        allowed: tuple[type, ...] = (int, float) if kind is float else (kind,)
        if isinstance(value, bool) or not isinstance(value, allowed):
            return f"{key} is {type(value).__name__}, not {kind.__name__}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"{key} is not a finite number"
    return None
