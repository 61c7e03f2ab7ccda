"""Writing output files safely: whole or not at all, never over an input, never twice in a run.

    plan = safe_files.OutputPlan(inputs)          # the files the run reads
    plan.claim(outdir / "x.json")                 # OutputCollision if it is an input or taken
    safe_files.write_text(outdir / "x.json", text)  # WriteError: one line, says what to do

* :func:`write_text` and :func:`write_bytes` write a temporary file in the target's folder and
  rename it over the target, so a reader (or a run killed mid-write, or a full disk) never
  sees half a file.  The temporary name is random and short (a long target name must not
  overflow the 255-byte limit because of it), and it is opened with ``O_EXCL | O_NOFOLLOW``,
  so a symlink planted under a guessed name is never followed.
* :class:`OutputPlan` holds the run's inputs and the outputs claimed so far, compared as
  resolved, case-folded paths (two names differing in case are one file on macOS and
  Windows) and, for a target that exists, as the file itself (a hard link to an input):
  a report named like its own article, or two articles giving the same report name, is
  refused before anything is written.
* :func:`input_key` is the other rule, for inputs: one file is taken once whatever name it
  is given, and two files are never merged because their names differ only in case.
* :func:`csv_cell` neutralises spreadsheet formulas (OWASP's advice for CSV injection): a
  text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  leading ``'``, which spreadsheets show as text and do not run.  Numbers the tool wrote
  (a negative reading ease) stay numbers; JSON output is never changed.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What to do about each kind of write failure, by errno.
_ADVICE = {
    errno.EACCES: ("permission denied", "choose another output folder with -o, or make this one writable"),
    errno.EPERM: ("permission denied", "choose another output folder with -o, or make this one writable"),
    errno.EROFS: ("the file system is read-only", "choose another output folder with -o"),
    errno.ENOSPC: ("no space left on the disk", "free some space, or choose another output folder with -o"),
    errno.EDQUOT: ("disk quota exceeded", "free some space, or choose another output folder with -o"),
    errno.ENAMETOOLONG: ("the file name is too long", "rename the input to a shorter name"),
    errno.ELOOP: ("a symbolic link loop is in the way", "remove the link, or choose another output folder"),
    errno.EISDIR: ("a folder has that name", "remove or rename the folder, or choose another output folder"),
    errno.ENOTDIR: ("part of the path is a file, not a folder", "choose another output folder with -o"),
}


class WriteError(OSError):
    """An output file could not be written; ``str()`` is one line: ``PATH: reason (what to do)``."""

    def __init__(self, path: Path | str, reason: str, advice: str) -> None:
        super().__init__(f"{path}: cannot write: {reason} ({advice})")
        self.path = str(path)
        self.reason = reason
        self.advice = advice

    def __str__(self) -> str:
        return str(self.args[0])


class OutputCollision(ValueError):
    """An output would overwrite an input or another output of the same run (one line)."""


def write_error(path: Path | str, err: OSError) -> WriteError:
    """The one-line error for a failed write of ``path``."""
    reason, advice = _ADVICE.get(err.errno or 0, (err.strerror or str(err), "check the output folder"))
    return WriteError(path, reason, advice)


def write_text(path: Path | str, text: str) -> None:
    """Write ``text`` as UTF-8 with "\\n" line ends, atomically (see the module's docstring).

    Raises:
        WriteError: the folder is not writable, the disk is full, the name too long, ...
    """
    write_bytes(path, text.encode("utf-8", "surrogateescape"))


def write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` atomically: all of it under ``path``, or nothing and no temporary left.

    Raises:
        WriteError: as for :func:`write_text`.
    """
    target = Path(path)
    tmp = target.parent / f".attribution-{secrets.token_hex(8)}.tmp"
    try:
        # 0o666 less the umask, as open() would give (mkstemp's files are always 0600).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as err:
        raise write_error(target, err) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as err:
        raise write_error(target, err) from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass  # renamed into place (the usual case), or never made


def same_file_key(path: Path | str) -> str:
    """A path as compared for output collisions: absolute, links resolved, case-folded.

    Case-folded because two names differing in case are one file on macOS and Windows: an
    output is refused when it might be an input or another output, which is the safe side
    (see :func:`input_key` for the opposite rule for inputs).  ``os.path.realpath`` rather
    than ``Path.resolve``: it never raises (a symlink loop is given back as it is, and then
    fails where it is read, with a one-line error).
    """
    try:
        return os.path.realpath(os.path.expanduser(os.fspath(path))).casefold()
    except (OSError, ValueError):  # a NUL byte in the name
        return os.path.abspath(os.fspath(path)).casefold()


def input_key(path: Path | str) -> str:
    """A path as compared to take an input once: the file itself, whatever its name.

    An existing file is known by its device and inode, so one file given twice (as written,
    through ``..`` or a symlink, by a hard link, or in another case on a case-insensitive
    disk) is one input, while two files whose names differ only in case on a case-sensitive
    disk stay two.  A file that cannot be stat'ed (missing, a link loop, a NUL byte) is known
    by its resolved path, not case-folded, and fails where it is read.  Every command and
    :func:`attribution.batch.collect` take their inputs once by this key.
    """
    name = os.path.expanduser(os.fspath(path))
    try:
        info = os.stat(name)
        return f"inode:{info.st_dev}:{info.st_ino}"
    except (OSError, ValueError):
        pass
    try:
        return "path:" + os.path.realpath(name)
    except (OSError, ValueError):
        return "path:" + os.path.abspath(name)


class OutputPlan:
    """The files a run reads and the ones it has claimed to write; see :meth:`claim`."""

    def __init__(self, inputs: Iterable[Path | str] = ()) -> None:
        self._inputs: dict[str, Path] = {}
        self._input_files: dict[str, Path] = {}  # by input_key: an input under another name (a hard link)
        self._outputs: dict[str, Path] = {}
        for given in inputs:
            self.add_input(given)

    def add_input(self, path: Path | str) -> None:
        self._inputs.setdefault(same_file_key(path), Path(path))
        self._input_files.setdefault(input_key(path), Path(path))

    def conflict(self, target: Path | str) -> str | None:
        """Why ``target`` may not be written (one line, naming what it would replace), or None."""
        key = same_file_key(target)
        replaced = self._inputs.get(key) or self._input_files.get(input_key(target))
        if replaced is not None:
            return (f"{target}: writing it would overwrite the input {replaced} "
                    "(choose another output folder with -o)")
        if key in self._outputs:
            return (f"{target}: written twice in this run, for {self._outputs[key]} too "
                    "(rename one of the inputs, or run them into separate -o folders)")
        return None

    def claim(self, target: Path | str, owner: Path | str | None = None) -> Path:
        """Reserve ``target`` for this run; ``owner`` (the input it is made from) names it in a
        later conflict.

        Raises:
            OutputCollision: it is an input, or another output of this run.
        """
        problem = self.conflict(target)
        if problem:
            raise OutputCollision(problem)
        self._outputs[same_file_key(target)] = Path(owner if owner is not None else target)
        return Path(target)


# Characters that end a line on a terminal or in a text editor, and other control characters.
_LINE_BREAKING = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def one_line(message: str) -> str:
    """A message made safe to print as one line: line breaks and control characters (from a
    file or column name) are shown escaped, so ``error: FILE: reason`` stays one line."""
    return _LINE_BREAKING.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text that a spreadsheet would run as a formula gets a leading
    ``'``; everything else (numbers, None, ordinary text) is unchanged."""
    if isinstance(value, str) and value and (value[0] in FORMULA_STARTS or value.lstrip()[:1] in FORMULA_STARTS[:4]):
        return "'" + value
    return value
