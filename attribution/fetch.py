"""Fetching a web page for analysis: one HTTP GET, and only for a URL the user gave.

    page = fetch.get("https://example.com/2024/05/story.html")
    page.url, page.content_type, len(page.body)

Redirects are followed (the final address is kept, as the page's own).  Every failure is an
:class:`~attribution.ingest.IngestError` whose message is one line, ``URL: reason (what to
do)``: an HTTP error status, no answer within the timeout, a host that cannot be reached, a
response that is not a web page or plain text, or one too large to be an article.  Nothing
here runs unless a URL is given: the tool never goes on the network by itself.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from . import __version__
from .ingest import MAX_PAGE_BYTES, IngestError
DEFAULT_TIMEOUT_S = 20.0
# Types read as a web page, and as plain article text.
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_SAVE_ADVICE = "or save the page from the browser and give the .html file"


@dataclass(frozen=True)
class Page:
    """A fetched response.

    Attributes:
        requested: the address as given.
        url: the address the page came from, after redirects.
        content_type: the media type the server named ("text/html"), without parameters.
        charset: the charset the server named, or None.
        body: the bytes as sent.
    """

    requested: str
    url: str
    content_type: str
    charset: str | None
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES


def is_url(text: str) -> bool:
    """Whether an input names a web address (http or https) rather than a file."""
    lowered = text.strip().lower()
    return lowered.startswith(("http://", "https://"))


def get(url: str, timeout: float = DEFAULT_TIMEOUT_S, max_bytes: int = MAX_PAGE_BYTES) -> Page:
    """GET one page.

    Raises:
        IngestError: the page could not be had, or is not a web page or plain text.
    """
    request = urllib.request.Request(url, headers={
        "User-Agent": f"attribution/{__version__} (sourcing report; one page, on request)",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, see is_url
            final = response.geturl()
            media = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            if media not in HTML_TYPES + TEXT_TYPES:
                raise IngestError(url, f"the server sent {media}, not a web page",
                                  f"give the address of the article's page, {_SAVE_ADVICE}")
            body = response.read(max_bytes + 1)
    except IngestError:
        raise
    except urllib.error.HTTPError as err:
        raise IngestError(url, f"HTTP {err.code} {err.reason}",
                          f"check the address in a browser, {_SAVE_ADVICE}") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise IngestError(url, f"no answer within {timeout:g} s",
                              f"try again later, {_SAVE_ADVICE}") from None
        raise IngestError(url, f"cannot be reached: {getattr(reason, 'strerror', None) or reason}",
                          f"check the address and the connection, {_SAVE_ADVICE}") from None
    except (socket.timeout, TimeoutError):
        raise IngestError(url, f"no answer within {timeout:g} s", f"try again later, {_SAVE_ADVICE}") from None
    except (OSError, ValueError) as err:
        raise IngestError(url, f"cannot be fetched: {err}", f"check the address, {_SAVE_ADVICE}") from None
    if len(body) > max_bytes:
        raise IngestError(url, f"the page is larger than {max_bytes:,} bytes", _SAVE_ADVICE.removeprefix("or "))
    return Page(url, final, media, charset, body)
