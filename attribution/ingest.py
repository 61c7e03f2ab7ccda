"""Input files -> Article: find the articles, read them, and refuse what is not article text.

The text is kept exactly as UTF-8 decodes it, the same string as
``open(path, encoding="utf-8", newline="").read()``: Windows line endings (CRLF) stay, and a
UTF-8 byte-order mark stays as the character U+FEFF at offset 0.  Every offset in a report
therefore indexes that string, so a span can be cut back out of the file without knowing what
the reader changed.  (The parser skips the mark; see :func:`attribution.parse.paragraph_spans`.)

A saved web page (``.html``/``.htm``, or markup given on stdin) is different: its main text,
title, date and site are extracted with trafilatura (:func:`article_from_html`), menus,
scripts, cookie banners and link lists left behind, and the offsets index that extracted text.
Other encodings are not guessed: a text file that is not plain UTF-8 is refused with an
:class:`IngestError` that says what to do.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from .results import Article

# A news article is 2-50 KB; 2 MB is a book, or several articles pasted together, and would
# take minutes to parse.  Callers can raise it (the CLI's --max-size).
DEFAULT_MAX_BYTES = 2_000_000
BOM = "\ufeff"

# Saved web pages are read for their main text (trafilatura), not refused as markup.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# A saved news page with its scripts and styles inlined is 0.2-3 MB; the size limit for
# articles (--max-size) applies to the text extracted from it, this one to the page itself.
MAX_PAGE_BYTES = 20_000_000
# The article metadata a web page gives, in Article.metadata and the report's "article".
PAGE_FIELDS = ("url", "title", "date", "site")

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


# What a folder stands for, for every command: these files at any depth.
ARTICLE_SUFFIXES = (".txt", *HTML_SUFFIXES)


def folder_files(folder: Path) -> list[Path]:
    """The articles in a folder: its ``.txt`` and ``.html``/``.htm`` files at any depth, sorted
    by path; hidden files and folders (``.journal``, ``.git``) are skipped, a folder linked more
    than once (a symlink loop) is walked once, and unreadable ones are skipped."""
    found = []
    visited: set[tuple[int, int]] = set()
    for current, dirs, files in os.walk(folder, followlinks=True):
        try:
            info = os.stat(current)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            candidate = Path(current) / name
            if name.startswith(".") or candidate.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            try:
                if candidate.is_file():
                    found.append(candidate)
            except OSError:  # a link loop or an unreadable entry
                continue
    return sorted(found)


def expand_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files to read: files as given, folders replaced by :func:`folder_files`.

    A folder holding no article file is passed through, so that reading it reports the
    problem in its place in the batch.  A file named twice is read once.  The paths-only form
    of :func:`attribution.inputs.expand`, which every command uses.
    """
    from .inputs import expand  # here: inputs builds on this module

    return (Path(item) for item in expand([Path(p) for p in paths]))


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
            raise IngestError(path, "a folder with no .txt or .html files in it",
                              "give .txt or .html files or a folder of them")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise IngestError(path, "not a regular file (a pipe, socket or device)", "give the article as a file")
        page = path.suffix.lower() in HTML_SUFFIXES
        size = info.st_size
        if page and size > MAX_PAGE_BYTES:
            raise IngestError(path, f"too large for a web page: {size:,} bytes, the limit is {MAX_PAGE_BYTES:,}",
                              "save the article's page alone, or copy its text into a .txt file")
        if not page and size > max_bytes:
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
    if page:
        if made_by_attribution(data):
            raise IngestError(path, "a page made by attribution (one of its reports), not an article",
                              "leave it out of the inputs, or write reports to a folder outside them")
        return article_from_html(data, path.stem, str(path), source=path, max_bytes=max_bytes)
    return Article(path.stem, decode_text(path, data), str(path))


# Every page this tool writes names it in its head (render/templates/base.html.j2), so a
# report left in an input folder is not read back as an article (and counted twice).
_OWN_PAGE = re.compile(rb'<meta\s+name="generator"\s+content="attribution[\s"]', re.IGNORECASE)
_HEAD_BYTES = 4096


def made_by_attribution(data: bytes) -> bool:
    """Whether a saved page is one of this tool's own (a report, a comparison, an exercise)."""
    return _OWN_PAGE.search(data[:_HEAD_BYTES]) is not None


def is_own_page(path: Path | str) -> bool:
    """Whether the file is a page this tool wrote (read from its first few kilobytes)."""
    if Path(path).suffix.lower() not in HTML_SUFFIXES:
        return False
    try:
        with open(path, "rb") as fh:
            return made_by_attribution(fh.read(_HEAD_BYTES))
    except (OSError, ValueError):
        return False  # reading it later reports the problem


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
                          "name the file .html to have its article text extracted, or save the text as .txt")
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


def looks_like_html(data: bytes) -> bool:
    """Whether bytes of unknown kind (stdin) are a web page rather than plain text."""
    try:
        text = data[:_SAMPLE_BYTES].decode("utf-8", errors="replace")
    except ValueError:
        return False
    return _looks_like_html(text)


def article_from_html(data: bytes | str, name: str, path: str | None, *, url: str | None = None,
                      source: Path | str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article in a web page: its main text, with the page's URL, title, date and site.

    trafilatura finds the main text (menus, scripts, cookie banners, "Related" lists and
    footers are left out); paragraphs become lines.  The Article's text is that extracted
    text, so every offset in the report indexes it, not the markup.

    Args:
        data: the page as sent or saved (bytes are decoded by the page's own declaration).
        name: the article's name (its reports' file name).
        path: where it came from, for the report (a file path or the URL).
        url: the page's address, if known (helps with relative metadata, kept in the report).
        source: what to name in errors (default: ``url`` or ``path``).
        max_bytes: refuse an extracted text longer than this.

    Raises:
        IngestError: no article text found in the page, or too long.
    """
    import trafilatura  # here: loading it (lxml, date parsers) takes a while and plain text needs none of it

    where = source or url or path or name
    if not data:
        raise IngestError(where, "empty page", "give the page of one article")
    document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False)
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        raise IngestError(where, "no article text found in the page",
                          "give the page of one article (not a front page or a list), or copy its text into a .txt file")
    text += "\n"
    if len(text.encode("utf-8")) > max_bytes:
        raise IngestError(where, f"the article text is larger than {max_bytes:,} bytes",
                          "split it into articles, or raise the limit with --max-size")
    found = {"url": url or getattr(document, "url", None), "title": getattr(document, "title", None),
             "date": getattr(document, "date", None),
             "site": getattr(document, "sitename", None) or _host(url or getattr(document, "url", None))}
    metadata = tuple((key, " ".join(str(found[key]).split())) for key in PAGE_FIELDS if found.get(key))
    return Article(name, text, path, metadata)


def name_for_url(url: str) -> str:
    """A file name for a URL's reports: the last part of its path without the extension
    ("2024/05/council-vote.html" -> "council-vote"), else its host; only letters, digits, - and _."""
    parts = urlsplit(url)
    last = next((p for p in reversed(parts.path.split("/")) if p), "")
    stem = last.rsplit(".", 1)[0] if "." in last else last
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", stem or parts.hostname or "page").strip("-_")
    return name[:80] or "page"


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
