"""What a command's inputs name, and reading each one into an Article.

Every command (``analyze``, ``exercise``, ``compare``) takes the same inputs:

* a file: ``.txt`` (UTF-8 plain text) or a saved web page ``.html``/``.htm`` (its main text,
  title, date and site extracted; see :func:`attribution.ingest.article_from_html`);
* a folder: its ``.txt`` and ``.html`` files at any depth, sorted, hidden ones skipped
  (:func:`attribution.ingest.folder_files`);
* a URL (``http://`` or ``https://``): the page is fetched (:mod:`attribution.fetch`) and read
  as a saved page would be; the report keeps the address, title, date and site;
* ``-``: the article on standard input, plain text or a web page's markup.

    for given in inputs.expand(["seeds/", "https://example.com/story.html", "-"]):
        article = inputs.read(given)        # raises IngestError with a one-line message

Nothing is fetched unless a URL is given.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from . import fetch
from .ingest import DEFAULT_MAX_BYTES, IngestError, article_from_html, decode_text, folder_files, looks_like_html
from .ingest import is_own_page, name_for_url, read_article
from .results import Article
from .safe_files import input_key

STDIN = "-"
STDIN_NAME = "stdin"

log = logging.getLogger("attribution")


def is_url(given: str | Path) -> bool:
    return isinstance(given, str) and fetch.is_url(given)


def expand(inputs: Iterable[str | Path]) -> list[str]:
    """The articles the inputs name, in order: URLs and ``-`` as given, files as given,
    folders replaced by their article files.  One named twice is taken once: the same file
    under two names is one input, two files differing only in case are two
    (:func:`attribution.safe_files.input_key`, the rule :func:`attribution.batch.collect` uses).

    A folder with no article file stays in the list, so that reading it reports the problem
    in its place.
    """
    out: list[str] = []
    seen: set[str] = set()
    for given in inputs:
        text = str(given)
        if is_url(given) or text == STDIN:
            found = [text]
        else:
            path = Path(text)
            found = [str(p) for p in article_files(path)] if path.is_dir() else []
            found = found or [text]
        for item in found:
            key = item if is_url(item) or item == STDIN else input_key(item)  # never raises, even on a link loop
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def article_files(folder: Path) -> list[Path]:
    """A folder's article files (:func:`attribution.ingest.folder_files`) less the pages this
    tool wrote there (reports written into an input folder), which are left out with one
    warning rather than read back as articles."""
    files = folder_files(folder)
    own = [f for f in files if is_own_page(f)]
    if own:
        log.warning("warning: %s: %d page%s made by attribution (its own reports, such as %s) left out",
                    folder, len(own), "s" if len(own) != 1 else "", own[0])
        skipped = set(own)
        files = [f for f in files if f not in skipped]
    return files


def name_of(given: str | Path) -> str:
    """The name an input's reports take: the file name without extension, the URL's last
    path part, or "stdin"."""
    text = str(given)
    if is_url(given):
        return name_for_url(text)
    if text == STDIN:
        return STDIN_NAME
    return Path(text).stem


def read(given: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None,
         timeout: float = fetch.DEFAULT_TIMEOUT_S) -> Article:
    """Read one input (a file, a URL or ``-``) into an Article.

    Raises:
        IngestError: the input cannot be analysed; ``str(error)`` is ``WHERE: reason (what to do)``.
    """
    text = str(given)
    if is_url(given):
        return read_url(text, max_bytes, timeout)
    if text == STDIN:
        return read_stdin(stdin or sys.stdin.buffer, max_bytes)
    return read_article(given, max_bytes)


def read_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = fetch.DEFAULT_TIMEOUT_S) -> Article:
    page = fetch.get(url, timeout=timeout)
    name = name_for_url(page.url)
    if page.is_html:
        return article_from_html(page.body, name, page.url, url=page.url, source=url, max_bytes=max_bytes)
    if len(page.body) > max_bytes:
        raise IngestError(url, f"too large: {len(page.body):,} bytes, the limit is {max_bytes:,}",
                          "raise the limit with --max-size")
    body = page.body
    if page.charset and page.charset.lower().replace("-", "") not in ("utf8", "usascii", "ascii"):
        body = body.decode(page.charset, errors="replace").encode("utf-8")
    return Article(name, decode_text(url, body), page.url, (("url", page.url),))


def read_stdin(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(STDIN, f"more than {max_bytes:,} bytes on standard input",
                          "split it into articles, or raise the limit with --max-size")
    if looks_like_html(data):
        return article_from_html(data, STDIN_NAME, None, source="stdin", max_bytes=max_bytes)
    return Article(STDIN_NAME, decode_text("stdin", data), None)
