"""render.corpus_page: the outlet table's figures for hand-built rows, escaping, every chart
embedded inline, failed articles listed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape
from corpus_rows import rows

from attribution import corpus
from attribution.render import charts, corpus_page


def row(outlet: str, name: str, **fields: object) -> corpus.ArticleSummary:
    return corpus.ArticleSummary(path=f"{outlet}/{name}.txt", name=name, outlet=outlet, **fields)  # type: ignore[arg-type]


@pytest.fixture
def comparison() -> corpus.CorpusComparison:
    # AP: 2 articles, 10 attributions in 2,000 words: 6 named (person 4, document 2), 3 anonymous,
    # 1 unresolved; one article with an anonymous source; sources 3 and 6 (median 4.5); scores
    # 40 and 81 (median 60.5); grades 9.0 and 12.0 (mean 10.5).
    # <Evil & "Co"> : 1 article, no attributions, no score; 1 failed article.
    return corpus.compare([
        row("AP", "a1", words=1200, kinds=(3, 2, 1, 0, 0), voices=(4, 0, 0, 2, 0, 0), sources=3,
            anonymous_sources=1, score=40, reading_grade=9.0),
        row("AP", "a2", words=800, kinds=(1, 2, 0, 1, 0), voices=(0, 0, 2, 1, 0, 1), sources=6,
            anonymous_sources=0, score=81, reading_grade=12.0),
        row('<Evil & "Co">', "e1", words=500),
        corpus.failed("<bad>/e2.txt", "e2", "UnicodeDecodeError: <script>alert(1)</script>",
                      outlet='<Evil & "Co">'),
    ], models="compact-en-1")


def test_table_rows_hold_the_figures(comparison: corpus.CorpusComparison) -> None:
    ap, evil = corpus_page.table_rows(comparison)
    assert ap == ("AP", "2", "0", "5.0", "60%", "30%", "10%", "1 of 2", "4.5", "60.5", "10.5")
    assert evil == ('<Evil & "Co">', "1", "1", "0.0", "–", "–", "–", "0 of 1", "0", "–", "–")
    assert len(ap) == len(corpus_page.COLUMNS) + 1


def test_html_table(comparison: corpus.CorpusComparison) -> None:
    page = corpus_page.html(comparison, {})
    table = page[page.index('<table class="cmp outlets">'):page.index("</table>")]
    for heading, _ in corpus_page.COLUMNS:
        assert f">{heading}</th>" in table
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", table.split("<tbody>")[1])
    assert cells[:12] == ["AP", "2", "0", "5.0", "60%", "30%", "10%", "1 of 2", "4.5", "60.5", "10.5",
                          "&lt;Evil &amp; &#34;Co&#34;&gt;"]


def test_html_escapes_everything(comparison: corpus.CorpusComparison) -> None:
    page = corpus_page.html(comparison, {n: charts.svg(c.draw(comparison)) for n, c in charts.CHARTS.items()})
    assert "<script" not in page
    assert "<Evil" not in page and "<bad>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;Evil &amp; &#34;Co&#34;&gt;" in page


def test_every_chart_is_embedded_inline(comparison: corpus.CorpusComparison) -> None:
    svgs = {n: charts.svg(c.draw(comparison)) for n, c in charts.CHARTS.items()}
    page = corpus_page.html(comparison, svgs)
    assert page.count("<svg ") == len(charts.CHARTS)
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page and "<img" not in page
    for name, chart in charts.CHARTS.items():
        assert f'id="chart-{name}"' in page
        assert str(escape(chart.how_to_read)) in page
    # Ids are unique on the page, and every reference points at one of them.
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    refs = re.findall(r'(?:href="#|url\(#)([^")]+)', page)
    assert refs and set(refs) <= set(ids)
    # Charts follow CHARTS' order whatever the dict's.
    page = corpus_page.html(comparison, dict(reversed(list(svgs.items()))))
    assert [page.index(f'id="chart-{n}"') for n in charts.CHARTS] == \
           sorted(page.index(f'id="chart-{n}"') for n in charts.CHARTS)


def test_page_is_self_contained_and_well_formed(comparison: corpus.CorpusComparison, tmp_path: Path) -> None:
    page = corpus_page.html(comparison, charts.write(comparison, tmp_path))
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in {"meta", "br", "img", "link", "input"}:
                self.open.append(tag)

        def handle_startendtag(self, tag: str, attrs: object) -> None:
            pass

        def handle_endtag(self, tag: str) -> None:
            assert self.open and self.open[-1] == tag, (tag, self.open[-3:])
            self.open.pop()

    parser = Tags()
    parser.feed(page)
    assert parser.open == []


def test_failed_articles_are_listed(comparison: corpus.CorpusComparison) -> None:
    page = corpus_page.html(comparison, {})
    assert "Failed articles (1)" in page
    assert '<span class="path">&lt;bad&gt;/e2.txt</span>' in page
    assert "UnicodeDecodeError: &lt;script&gt;" in page
    clean = corpus.compare([r for r in comparison.articles if r.ok])
    assert "every article was analysed" in corpus_page.html(clean, {})


def test_footer_names_models_and_format(comparison: corpus.CorpusComparison) -> None:
    page = corpus_page.html(comparison, {})
    foot = page[page.index('<footer class="foot">'):]
    assert "compact-en-1 models" in foot and corpus.CORPUS_FORMAT in foot


def test_markdown_table(comparison: corpus.CorpusComparison) -> None:
    text = corpus_page.markdown(comparison)
    lines = text.splitlines()
    assert lines[0] == "# Sourcing compared by outlet"
    assert "| AP | 2 | 0 | 5.0 | 60% | 30% | 10% | 1 of 2 | 4.5 | 60.5 | 10.5 |" in lines
    assert r'| \<Evil \& "Co"\> | 1 | 1 | 0.0 | – | – | – | 0 of 1 | 0 | – | – |' in lines
    header = next(line for line in lines if line.startswith("| Outlet"))
    assert header.count("|") == len(corpus_page.COLUMNS) + 2
    assert r"- \<bad\>/e2.txt (\<Evil \& \"Co\"\>): UnicodeDecodeError: \<script\>alert(1)\</script\>" \
        .replace(r"\"", '"') in lines
    assert text.endswith("corpus format corpus/1\n")


def test_many_outlets_page() -> None:
    comparison = corpus.compare(rows(13))
    page = corpus_page.html(comparison, {})
    assert page.count('<th scope="row">') == len(comparison.groups) == 15
    assert corpus_page.markdown(comparison).count("\n| ") == 15 + 1


def test_no_articles() -> None:
    empty = corpus.compare([])
    assert "No articles." in corpus_page.html(empty, {})
    assert "No articles." in corpus_page.markdown(empty)
