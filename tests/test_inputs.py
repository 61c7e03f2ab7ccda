"""Inputs from anywhere: URLs served by a local HTTP server (127.0.0.1, started here; never the
internet), saved .html pages, stdin, and folders read alike by every command.

The pages are written for these tests.  No model is needed: the analysis is stubbed where the
CLI is run, so only reading, fetching and extraction are exercised.
"""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribution import api, fetch, inputs
from attribution.cli import cli
from attribution.ingest import IngestError, article_from_html
from attribution.report import ArticleReport
from attribution.results import Article
from handmade import attribution, document

BODY = [
    "The city council on Tuesday postponed a vote on repairs to the Mill Street bridge, saying it needed "
    "more time to review the costs.",
    '"We cannot spend money we have not yet found," said Council President Maria Okafor, who asked the '
    "engineers for a second estimate.",
    "According to a report by the state transportation department, the bridge has been rated structurally "
    "deficient since 2019.",
    "An official familiar with the budget, who spoke on condition of anonymity because the talks were "
    "private, said the repairs could cost twice the earlier figure.",
]
NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council delays vote on bridge repairs | The Valley Herald</title>
<meta property="og:site_name" content="The Valley Herald">
<meta property="og:title" content="Council delays vote on bridge repairs">
<meta property="article:published_time" content="2024-05-14T09:30:00Z">
<script>var tracker = "SCRIPTTEXT"; document.write("Subscribe today");</script>
<style>.banner {{ color: red }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience on our site.
<button>Accept all cookies</button></div>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>Council delays vote on bridge repairs</h1>
<p class="byline">By Dana Whitfield</p>
{"".join(f"<p>{p}</p>" for p in BODY)}
</article></main>
<aside><h2>Related</h2><ul><li><a href="/a">School board elects a new chair</a></li>
<li><a href="/b">Storm knocks out power across the valley</a></li></ul></aside>
<footer>© 2024 The Valley Herald. All rights reserved. <a href="/privacy">Privacy</a></footer>
<script>console.log("MORESCRIPT")</script>
</body></html>
"""
PLAIN = "Officials said the bridge would reopen in June, according to a statement from the city.\n"


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/news/council-vote.html":
            self._send(200, "text/html; charset=utf-8", NEWS_PAGE.encode("utf-8"))
        elif self.path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/news/council-vote.html")
            self.end_headers()
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not a page")
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, "text/html", NEWS_PAGE.encode("utf-8"))
        elif self.path == "/plain.txt":
            self._send(200, "text/plain; charset=utf-8", PLAIN.encode("utf-8"))
        else:
            self._send(404, "text/html", b"<html><body>Not here</body></html>")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def stub_analyze(article: Article, models: str = "bundled", cache: object = None,
                 on_load: object = None) -> ArticleReport:
    """The analysis without a model: a hand-built parse and one attribution when it fits."""
    text = article.text
    found = ()
    if "said Council President Maria Okafor" in text:
        found = (attribution(text, "a1", source="Council President Maria Okafor", cue="said",
                             content="We cannot spend money we have not yet found", kind="direct",
                             canonical="Maria Okafor"),)
    return api.assess(ArticleReport(article, document(text), found))


@pytest.fixture()
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "analyze", stub_analyze)


# ---------------------------------------------------------------- fetching and extraction

def test_a_news_page_is_reduced_to_its_article(site: str) -> None:
    article = inputs.read(f"{site}/news/council-vote.html")
    for paragraph in BODY:
        assert paragraph in article.text
    for clutter in ("cookies", "Home", "Weather", "SCRIPTTEXT", "MORESCRIPT", "Subscribe", "Storm knocks",
                    "All rights reserved", "<"):
        assert clutter not in article.text
    assert article.name == "council-vote"
    page = dict(article.metadata)
    assert page == {"url": f"{site}/news/council-vote.html", "title": "Council delays vote on bridge repairs",
                    "date": "2024-05-14", "site": "The Valley Herald"}


def test_a_redirect_is_followed_and_the_final_address_kept(site: str) -> None:
    article = inputs.read(f"{site}/old-address")
    assert dict(article.metadata)["url"] == f"{site}/news/council-vote.html"
    assert BODY[0] in article.text


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", r"HTTP 404 Not Found \(check the address in a browser, or save the page"),
    ("/report.pdf", r"the server sent application/pdf, not a web page \(give the address"),
])
def test_a_failed_fetch_is_one_line_with_advice(site: str, path: str, reason: str) -> None:
    with pytest.raises(IngestError, match=rf"^{site}{path}: {reason}") as caught:
        inputs.read(site + path)
    assert "\n" not in str(caught.value) and str(caught.value).endswith(")")


def test_a_slow_server_times_out(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"/slow: no answer within 0.3 s \(try again later"):
        inputs.read(f"{site}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.9


def test_a_plain_text_response_is_read_as_text(site: str) -> None:
    article = inputs.read(f"{site}/plain.txt")
    assert article.text == PLAIN and dict(article.metadata) == {"url": f"{site}/plain.txt"}


def test_a_saved_page_reads_as_the_served_one(tmp_path: Path, site: str) -> None:
    saved = tmp_path / "bridge.html"
    saved.write_text(NEWS_PAGE, encoding="utf-8")
    from_file = inputs.read(str(saved))
    served = inputs.read(f"{site}/news/council-vote.html")
    assert from_file.text == served.text, "the same however often the page is read"
    assert from_file.name == "bridge" and from_file.path == str(saved)
    assert dict(from_file.metadata)["site"] == "The Valley Herald"


def test_a_page_without_article_text_is_refused() -> None:
    with pytest.raises(IngestError, match=r"page\.html: no article text found in the page \(give the page"):
        article_from_html(b"<html><head><script>go()</script></head><body><div></div></body></html>", "page", "page.html")


def test_stdin_plain_text_and_markup() -> None:
    plain = inputs.read("-", stdin=io.BytesIO(PLAIN.encode("utf-8")))
    assert (plain.name, plain.text, plain.path) == ("stdin", PLAIN, None)
    page = inputs.read("-", stdin=io.BytesIO(NEWS_PAGE.encode("utf-8")))
    assert BODY[1] in page.text and "cookies" not in page.text
    with pytest.raises(IngestError, match=r"^stdin: empty file"):
        inputs.read("-", stdin=io.BytesIO(b""))


def test_urls_keep_their_slashes_and_folders_read_alike(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PLAIN)
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "b.html").write_text(NEWS_PAGE)
    (tmp_path / "notes.md").write_text(PLAIN)
    url = "https://example.com/2024/05/bridge-vote.html"
    expanded = inputs.expand([url, str(tmp_path), "-", url])
    assert expanded == [url, str(tmp_path / "a.txt"), str(tmp_path / "deep" / "er" / "b.html"), "-"]
    assert [inputs.name_of(x) for x in expanded] == ["bridge-vote", "a", "b", "stdin"]
    from attribution import batch

    assert [i.path for i in batch.collect([url, tmp_path])] == expanded[:3]


def test_nothing_is_fetched_unless_a_url_is_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    (tmp_path / "a.txt").write_text(PLAIN)
    (tmp_path / "b.html").write_text(NEWS_PAGE)
    for given in inputs.expand([tmp_path]):
        inputs.read(given)
    with pytest.raises(AssertionError, match="network"):
        fetch.get("http://127.0.0.1:9/")


# ---------------------------------------------------------------- the commands

def test_analyze_a_url_and_a_404_goes_on(site: str, tmp_path: Path, stubbed: None) -> None:
    out = tmp_path / "out"
    good, bad = f"{site}/news/council-vote.html", f"{site}/missing"
    result = CliRunner().invoke(cli, ["analyze", bad, good, "-o", str(out), "--summary"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"error: {bad}: HTTP 404 Not Found (")
    report = json.loads((out / "council-vote.json").read_text(encoding="utf-8"))
    assert report["article"]["url"] == good and report["article"]["site"] == "The Valley Herald"
    assert report["article"]["date"] == "2024-05-14"
    assert "Council delays vote on bridge repairs" in result.stdout
    assert "The Valley Herald · 2024-05-14" in result.stdout
    assert "Sourcing strength:" in result.stdout and "Maria Okafor (President, Council; 1 attribution, 1 quoted)" in result.stdout
    assert f"Written: {out / 'council-vote.json'}" in result.stdout


def test_stdin_in_json_out(stubbed: None) -> None:
    text = 'The bridge will close, an official said. "We cannot spend money we have not yet found," ' \
           "said Council President Maria Okafor.\n"
    result = CliRunner().invoke(cli, ["analyze", "-", "-o", "-"], input=text)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["article"]["name"] == "stdin" and report["article"]["chars"] == len(text)
    assert [a["id"] for a in report["attributions"]] == ["a1"]
    assert "written to standard output" in result.stderr


def test_o_dash_is_json_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "-", "-o", "-", "--format", "html"], input=PLAIN)
    assert result.exit_code == 2 and "-o - writes JSON reports to stdout" in result.stderr
    assert not Path("-").exists()


def test_compare_by_a_missing_column_names_the_columns(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PLAIN)
    (tmp_path / "b.txt").write_text(PLAIN.replace("June", "July"))
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,outlet,section\na.txt,AP,local\nb.txt,NPR,local\n")
    result = CliRunner().invoke(cli, ["compare", str(manifest), "--by", "date", "-o", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("error: --by date: no input has a 'date' column (the columns there are: "
                                     "outlet, path, section); give a manifest CSV with that column, or --by outlet")


def test_exercise_and_compare_take_urls_and_stdin(site: str, tmp_path: Path, stubbed: None) -> None:
    url = f"{site}/news/council-vote.html"
    out = tmp_path / "ex"
    result = CliRunner().invoke(cli, ["exercise", url, "-o", str(out), "--level", "high"])
    assert result.exit_code == 0, result.stderr
    sheet = (out / "council-vote.high.worksheet.html").read_text(encoding="utf-8")
    assert "The Valley Herald" in sheet and "Council delays vote on bridge repairs" in sheet
    stdin_text = "\n".join(BODY) + "\n"
    result = CliRunner().invoke(cli, ["compare", url, "-", "-o", str(tmp_path / "story")], input=stdin_text)
    assert result.exit_code == 0, result.stderr
    assert "The Valley Herald" in result.stdout
    assert (tmp_path / "story" / "council-vote_vs_stdin.story.html").exists()


def test_a_saved_page_larger_than_max_size_is_judged_by_its_text(tmp_path: Path) -> None:
    saved = tmp_path / "heavy.html"
    padding = "<script>var x = '" + "x" * 50_000 + "';</script>"
    saved.write_text(NEWS_PAGE.replace("</head>", padding + "</head>"), encoding="utf-8")
    article = inputs.read(str(saved), max_bytes=5_000)
    assert BODY[0] in article.text
    with pytest.raises(IngestError, match=r"heavy\.html: the article text is larger than 100 bytes"):
        inputs.read(str(saved), max_bytes=100)
