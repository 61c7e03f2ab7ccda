"""Markdown and HTML reports from a hand-built article (no model needed): content, escaping of
untrusted text, and a page that loads nothing and runs nothing."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from handmade import attribution, document

from attribution.api import assess
from attribution.render import html as render_html
from attribution.render import markdown as render_markdown
from attribution.report import ArticleReport
from attribution.results import Article

HOSTILE = ("Menu <b>Home</b>\n"
           "<script>alert(1)</script> Kirby said the talks &amp; the deal had failed badly.\n"
           "Two sources familiar with the matter said \"<img src=x onerror=alert(2)>\" was the plan all along.\n"
           "The ships were old & slow and nobody expected the talks to last.\n")


def hostile_report() -> ArticleReport:
    t = HOSTILE
    found = (
        attribution(t, "a1", source="<script>alert(1)</script> Kirby", cue="said",
                    content="the talks &amp; the deal had failed badly", canonical="<script>alert(1)</script> Kirby"),
        attribution(t, "a2", source="Two sources familiar with the matter", cue="said",
                    content="\"<img src=x onerror=alert(2)>\"", kind="direct", source_type="anonymous",
                    canonical="Two sources familiar with the matter", anonymous=True, speaker_count=2,
                    after=t.index("Two")),
    )
    doc = document(t)
    return assess(ArticleReport(Article("hostile <name>", t, "in/hostile.txt"), doc, found))


class _Collector(HTMLParser):
    """Tags seen, and the text of the article with the inserted type tags left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.article: list[str] = []
        self._depth = 0  # inside .article-text
        self._skip = 0  # inside a type tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        classes = (attributes.get("class") or "").split()
        if self._depth:
            self._depth += 1
            if "tag" in classes:
                self._skip = self._depth
        elif "article-text" in classes:
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            if self._skip == self._depth:
                self._skip = 0
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self.article.append(data)


def parsed(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_html_escapes_untrusted_text() -> None:
    page = render_html.dumps(hostile_report())
    assert "<script" not in page.lower()
    assert "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page, "an entity in the article shows as written, not decoded"
    assert "hostile &lt;name&gt;" in page
    tags = {t for t, _ in parsed(page).tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "b"}


def test_html_shows_the_article_exactly_as_written() -> None:
    page = render_html.dumps(hostile_report())
    assert "".join(parsed(page).article) == HOSTILE


def test_html_loads_nothing_and_runs_nothing() -> None:
    page = render_html.dumps(hostile_report())
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_html_total_carries_data_score_once() -> None:
    report = hostile_report()
    page = render_html.dumps(report)
    assert report.score is not None
    assert page.count("data-score=") == 1
    assert f'data-score="{report.score.total}"' in page


def test_html_tags_each_attribution_by_type_and_links_its_source() -> None:
    report = hostile_report()
    page = render_html.dumps(report)
    tags = parsed(page).tags
    anchors = {a.get("id"): a for t, a in tags if t == "a" and "tag" in (a.get("class") or "")}
    assert set(anchors) == {"a1", "a2"}
    assert "t-person" in (anchors["a1"]["class"] or "") and "t-anonymous" in (anchors["a2"]["class"] or "")
    assert ">a2 ANON<" in page and ">a1 PERSON<" in page
    ids = {a.get("id") for _, a in tags}
    for p in report.profiles:
        assert f"src-{p.id}" in ids
    for c in report.score.components if report.score else ():
        assert f"ev-{c.key}" in ids


def test_html_has_legend_panel_and_print_styles() -> None:
    page = render_html.dumps(hostile_report())
    for text in ("Legend", "Sources", "Readability", "Sides heard", "Anonymous or unnamed", "@media print",
                 "The sentences behind each component", "Hedged or distancing language"):
        assert text in page


def test_html_is_stable() -> None:
    assert render_html.dumps(hostile_report()) == render_html.dumps(hostile_report())


def test_markdown_escapes_untrusted_text() -> None:
    text = render_markdown.dumps(hostile_report())
    assert not re.search(r"(?<!\\)<(?:script|img|/script)", text), "every < is escaped"
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\&amp;" in text


def test_markdown_has_score_sources_and_evidence() -> None:
    report = hostile_report()
    text = render_markdown.dumps(report)
    assert report.score is not None
    assert f"**{report.score.total} / 100 ({report.score.rating})**" in text
    for c in report.score.components:
        assert f"### {c.label}" in text
    assert "| Two sources familiar with the matter | Anonymous or unnamed |" in text
    assert "2 people; partial description; no reason given" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_renderers_cope_without_an_assessment() -> None:
    t = "Kirby said the talks had failed.\n"
    bare = ArticleReport(Article("bare", t), document(t), ())
    assert 'data-score=""' in render_html.dumps(bare)
    assert "Not computed" in render_markdown.dumps(bare)


def test_hedging_word_marked_in_the_article() -> None:
    t = "Kirby said the talks had failed after a long night.\nIran allegedly sent the missiles to the front last year.\n"
    found = (attribution(t, "a1", source="Kirby", cue="said", content="the talks had failed after a long night",
                         canonical="Kirby"),)
    page = render_html.dumps(assess(ArticleReport(Article("hedge", t), document(t), found)))
    assert '<span class="bare hedge-mark"' in page or '<span class="hedge-mark"' in page
    assert ">allegedly</span>" in page


def test_html_says_why_a_cue_was_taken() -> None:
    t = "The mayor said the bridge would close in June.\n"
    evidence = {"model": "cue-classifier-1", "frame": "ccomp", "score": 0.934,
                "reasons": ["its frame", "a that-clause"]}
    found = (attribution(t, "a1", source="The mayor", cue="said", content="the bridge would close in June",
                         canonical="The mayor", cue_evidence=evidence),)
    page = render_html.dumps(assess(ArticleReport(Article("why", t), document(t), found)))
    why = "Why a cue: cue classifier 0.93: a clause after it; raised by its frame, a that-clause"
    tags = parsed(page).tags
    tag = next(a for n, a in tags if n == "a" and a.get("id") == "a1")
    assert why in (tag.get("title") or "")
    cue = next(a for n, a in tags if n == "span" and "cue" in (a.get("class") or "").split())
    assert why in (cue.get("title") or "")


def test_html_has_no_why_without_evidence() -> None:
    assert "Why a cue" not in render_html.dumps(hostile_report())
