"""Every HTML page, rendered with hostile text in every field: the article's title, a source's
name, the outlet, the file name, a quote, a manifest's outlet and an error message.

Each page must come out of its template with all of it escaped: no element or attribute the
text tried to inject, the text itself shown as written, and the page's policy forbidding
scripts and network requests.  No model is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from attribution import api, corpus, story
from attribution.exercise import compare as exercise_compare
from attribution.exercise import questions as exercise_questions
from attribution.exercise import render as exercise_render
from attribution.render import corpus_page
from attribution.render import html as render_html
from attribution.render import story as render_story
from attribution.render import templating
from attribution.report import ArticleReport
from attribution.results import Article
from handmade import attribution, document

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TITLE = f'Council {EVIL} & "votes" \u2019today\u2019'
SITE = f"<b>Herald</b>{EVIL}"
NAME = "<i>page</i>\"'&amp;"
SOURCE = f"Maria {EVIL} Okafor"
QUOTE = f'"We will not {EVIL} pay for it now,"'
TEXT = (f"{QUOTE} said {SOURCE} on Tuesday.\n"
        f"Two officials familiar with the talks, who were not authorized to speak, said the vote {EVIL} would fail.\n"
        "The bridge has been closed to lorries since the spring and many shops nearby have lost trade.\n")
# The elements the pages are made of; anything else was injected.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "article", "aside", "section",
                "footer", "div", "p", "span", "a", "h1", "h2", "h3", "ol", "ul", "li", "dl", "dt", "dd", "table",
                "thead", "tbody", "tr", "th", "td", "strong", "blockquote", "figure", "figcaption", "svg", "g",
                "path", "text", "defs", "rect", "line", "clippath", "use", "polyline", "circle", "tspan"}


def hostile_report(name: str = NAME) -> ArticleReport:
    found = (attribution(TEXT, "a1", source=SOURCE, cue="said", content=QUOTE, kind="direct", canonical=SOURCE),
             attribution(TEXT, "a2", source="Two officials familiar with the talks", cue="said",
                         content=f"the vote {EVIL} would fail", source_type="anonymous", anonymous=True,
                         speaker_count=2, after=TEXT.index("Two officials")))
    metadata = (("url", f"https://example.com/{EVIL}"), ("title", TITLE), ("date", f"2024-05-14{EVIL}"),
                ("site", SITE))
    return api.assess(ArticleReport(Article(name, TEXT, f"in/{name}.html", metadata), document(TEXT), found))


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _pages() -> dict[str, Callable[[], str]]:
    first, second = hostile_report(), hostile_report(name=f"second {NAME}")
    rows = [corpus.summarise(first, outlet=SITE, date=f"2024{EVIL}", title=TITLE),
            corpus.failed(f"in/{NAME}.txt", NAME, f"in/{NAME}.txt: not UTF-8 {EVIL} (re-save it)", outlet=SITE)]
    single = exercise_questions.build(first, "high")
    pair = exercise_compare.build(first, replace(second, article=replace(second.article, metadata=(
        ("site", f"Other {EVIL}"),))), "high")
    return {
        "report": lambda: render_html.dumps(first),
        "story": lambda: render_story.html(story.compare(first, second)),
        "corpus": lambda: corpus_page.html(corpus.compare(rows), {}),
        "worksheet": lambda: exercise_render.worksheet(single),
        "key": lambda: exercise_render.key(single),
        "pair worksheet": lambda: exercise_render.worksheet(pair),
        "pair key": lambda: exercise_render.key(pair),
    }


@pytest.mark.parametrize("page_name", list(_pages()))
def test_every_page_escapes_hostile_text_in_every_field(page_name: str) -> None:
    page = _pages()[page_name]()
    parsed = _Page()
    parsed.feed(page)
    assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
    assert not {a for a in parsed.attributes if a.startswith("on")}, "no event handler attributes"
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "nothing is loaded"
    shown = "".join(parsed.text)
    assert EVIL in shown, "the hostile text is shown as written"


@pytest.mark.parametrize(("page_name", "fields"), [
    ("report", [TITLE, SITE, NAME, SOURCE, QUOTE.strip('"')]),
    # Two outlets side by side are named in at most 32 characters.
    ("story", [TITLE, SITE[:31], NAME, SOURCE]),
    ("corpus", [SITE, NAME]),
    ("worksheet", [TITLE, SITE, QUOTE.strip('"')]),
    ("key", [TITLE, SITE, NAME, SOURCE]),
    ("pair worksheet", [TITLE, SITE[:31], "Other "]),
    ("pair key", [TITLE, SITE[:31], NAME]),
])
def test_every_field_reaches_its_page(page_name: str, fields: list[str]) -> None:
    parsed = _Page()
    parsed.feed(_pages()[page_name]())
    shown = " ".join("".join(parsed.text).split())
    for field in fields:
        assert " ".join(field.split()) in shown, (page_name, field)


def test_autoescaping_is_on_for_every_template() -> None:
    env = templating.environment()
    names = env.list_templates(extensions=["j2"])
    assert {"report.html.j2", "story.html.j2", "corpus.html.j2", "worksheet.html.j2", "key.html.j2"} <= set(names)
    assert env.autoescape is True, "on whatever a template's name"
    assert env.from_string("{{ x }}").render(x="<b>&") == "&lt;b&gt;&amp;"
    with pytest.raises(Exception, match="undefined"):
        env.from_string("{{ missing.field }}").render()
