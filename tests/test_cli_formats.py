"""`attribution analyze --format`: json, md and html, one or several per run (analysis stubbed)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from handmade import attribution, document

from attribution import api
from attribution.cli import cli
from attribution.report import ArticleReport
from attribution.results import Article

ARTICLE = "Kirby said the talks with Iran had failed after a long night of arguments.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    def analyze_files(paths, models="bundled", max_bytes=2_000_000, cache=None, workers=1,  # type: ignore[no-untyped-def]
                      progress=None):
        for path in api.expand_paths(paths):
            text = Path(path).read_text(encoding="utf-8")
            found = (attribution(text, "a1", source="Kirby", cue="said", content="the talks with Iran had failed",
                                 canonical="Kirby"),)
            yield api.FileResult(path, report=api.assess(
                ArticleReport(Article(Path(path).stem, text, str(path)), document(text), found)))

    monkeypatch.setattr(api, "analyze_files", analyze_files)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kirby.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(("args", "written"), [
    ([], ["kirby.json"]),
    (["--format", "html"], ["kirby.html"]),
    (["--format", "md"], ["kirby.md"]),
    (["--format", "json,md,html"], ["kirby.html", "kirby.json", "kirby.md"]),
    (["--format", "md", "--format", "html"], ["kirby.html", "kirby.md"]),
    (["--format", "HTML, json"], ["kirby.html", "kirby.json"]),
])
def test_formats_written(stubbed: None, article: Path, tmp_path: Path, args: list[str], written: list[str]) -> None:
    out = tmp_path / "out"
    result = run("analyze", str(article), "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == written
    assert "1 report written" in result.stderr


def test_unknown_format_is_a_usage_error(stubbed: None, article: Path) -> None:
    result = run("analyze", str(article), "--format", "json,pdf")
    assert result.exit_code == 2
    assert "'pdf' is not a report format" in result.stderr


def test_json_adds_profiles_score_and_readability(stubbed: None, article: Path, tmp_path: Path) -> None:
    result = run("analyze", str(article), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "kirby.json").read_text(encoding="utf-8"))
    assert data["schema"] == "attribution/1"
    for key in ("id", "kind", "cue", "source", "content", "source_type", "canonical_source", "anonymous"):
        assert key in data["attributions"][0]
    assert data["profiles"][0]["name"] == "Kirby" and data["profiles"][0]["type"] == "person"
    assert data["score"]["method"] == "sourcing/6" and 0 <= data["score"]["total"] <= 100
    assert [c["key"] for c in data["score"]["components"]][0] == "named_sources"
    assert data["readability"]["words"] > 0
    schema = json.loads((resources.files("attribution") / "schema" / "attribution-1.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_html_report_carries_the_score(stubbed: None, article: Path, tmp_path: Path) -> None:
    run("analyze", str(article), "-o", str(tmp_path), "--format", "html,json")
    total = json.loads((tmp_path / "kirby.json").read_text(encoding="utf-8"))["score"]["total"]
    assert f'data-score="{total}"' in (tmp_path / "kirby.html").read_text(encoding="utf-8")
