"""Input files -> Article: find the articles, read them, and refuse what is not article text.

The text is kept exactly as UTF-8 decodes it, the same string as
``open(path, encoding="utf-8", newline="").read()``: Windows line endings (CRLF) stay, and a
UTF-8 byte-order mark stays as the character U+FEFF at offset 0.  Every offset in a report
therefore indexes that string, so a span can be cut back out of the file without knowing what
the reader changed.  (The parser skips the mark; see :func:`attribution.parse.paragraph_spans`.)

Does not follow folders recursively, guess other encodings, or strip HTML: a file that is not
plain UTF-8 article text is refused with an :class:`IngestError` that says what to do.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .results import Article

# A news article is 2-50 KB; 2 MB is a book, or several articles pasted together, and would
# take minutes to parse.  Callers can raise it (the CLI's --max-size).
DEFAULT_MAX_BYTES = 2_000_000
BOM = "\ufeff"

# Byte signatures of formats people save articles in by mistake.
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive or Word/OpenOffice document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel document"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}
# Above this share of control bytes in the sample, the file is not text.
_MAX_CONTROL_SHARE = 0.1
_SAMPLE_BYTES = 65536

_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|!--|/?(?:html|head|body|div|span|p|a|br|script|style|meta|link|img|table"
    r"|tr|td|ul|ol|li|h[1-6]|article|section|nav|header|footer|main|figure|iframe|form)\b[^<>]*>)",
    re.IGNORECASE)
# Plain text may mention a tag or two ("the <p> element"); this many is a saved web page.
_MIN_HTML_TAGS = 4


class IngestError(ValueError):
    """An input that cannot be analysed.

    ``str(error)`` is one line: ``PATH: reason (what to do)``.
    """

    def __init__(self, path: Path | str, reason: str, advice: str) -> None:
        self.path = str(path)
        self.reason = reason
        self.advice = advice
        super().__init__(f"{self.path}: {reason} ({advice})")


def expand_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files to read: files as given, folders replaced by their ``*.txt`` files (sorted).

    A folder holding no ``.txt`` file is passed through, so that reading it reports the
    problem in its place in the batch.  A file named twice is read once.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        found = sorted(p for p in path.glob("*.txt") if p.is_file()) if path.is_dir() else []
        for item in found or [path]:
            key = Path(os.path.realpath(item))  # never raises, even on a symlink loop
            if key not in seen:
                seen.add(key)
                yield item


def read_article(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file.

    Args:
        path: a UTF-8 plain-text file.
        max_bytes: refuse larger files (they are rarely one article, and slow to parse).

    Returns:
        The Article; its name is the file name without the extension.

    Raises:
        IngestError: missing, unreadable, empty, whitespace-only, too large, binary,
            not UTF-8, or HTML markup.
    """
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(path, "a folder with no .txt files in it", "give .txt files or a folder of them")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise IngestError(path, "not a regular file (a pipe, socket or device)", "give the article as a file")
        size = info.st_size
        if size > max_bytes:
            raise IngestError(path, f"too large: {size:,} bytes, the limit is {max_bytes:,}",
                              "split it into articles, or raise the limit with --max-size")
        data = path.read_bytes()
    except IngestError:
        raise
    except ValueError:  # a NUL byte in the name
        raise IngestError(str(path).replace("\0", "\\0"), "the file name holds a NUL byte",
                          "rename the file") from None
    except FileNotFoundError:
        raise IngestError(path, "no such file", "check the path") from None
    except OSError as err:
        raise IngestError(path, f"cannot be read: {err.strerror or err}", "check that it is a readable file") from None
    return Article(path.stem, decode_text(path, data), str(path))


def decode_text(path: Path | str, data: bytes) -> str:
    """The article text in ``data``, checked to be UTF-8 plain text (``path`` names it in errors)."""
    if not data:
        raise IngestError(path, "empty file", "give a file with the article's text")
    _refuse_binary(path, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(path, f"not UTF-8: byte 0x{data[err.start]:02X} at byte offset {err.start} is invalid",
                          "re-save the file as UTF-8") from None
    if not text.replace(BOM, "").strip():
        raise IngestError(path, "contains only whitespace", "give a file with the article's text")
    if _looks_like_html(text):
        raise IngestError(path, "looks like HTML markup, not article text",
                          "save the article's text as a .txt file, e.g. copy it from the browser")
    return text


def _refuse_binary(path: Path | str, data: bytes) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise IngestError(path, f"{kind}, not plain text", "save the article's text as a UTF-8 .txt file")
    if data.startswith(_UTF16_BOMS):
        raise IngestError(path, "UTF-16 text, not UTF-8", "re-save the file as UTF-8")
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        raise IngestError(path, "binary file (it contains NUL bytes), not text",
                          "give the article as a UTF-8 .txt file")
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise IngestError(path, f"binary file ({controls} control bytes in the first {len(sample)}), not text",
                          "give the article as a UTF-8 .txt file")


def _looks_like_html(text: str) -> bool:
    if _HTML_TAG.match(text.lstrip(BOM + " \t\r\n")):
        return True
    return len(_HTML_TAG.findall(text)) >= _MIN_HTML_TAGS
