"""The command line: help, options reaching the API, files written, errors and exit codes.

Most tests replace the analysis with a stub (the parser is tested in test_api/test_parse); the
last ones run the real bundled models end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import requests
from click.testing import CliRunner, Result

from attribution import __version__, api, cli as cli_module
from attribution.cli import cli
from attribution.models import bundled_directory
from attribution.parse import Parser
from attribution.render import json as render_json
from attribution.report import ArticleReport
from attribution.results import Article, ParsedDocument

ARTICLE = '"We are concerned," John Kirby told reporters on Monday.\n'


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def stub_report(path: Path | str) -> ArticleReport:
    text = Path(path).read_text(encoding="utf-8")
    return ArticleReport(Article(Path(path).stem, text, str(path)), ParsedDocument(text, (), "stub"), ())


class AnalyzeFilesSpy:
    """Stands in for api.analyze_files: records its arguments, reads files for real, parses nothing."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, paths: Iterable[Path], models: str = "bundled", max_bytes: int = 2_000_000,
                 cache: api.ParseCache | None = None, workers: int = 1,
                 progress: object = None) -> Iterator[api.FileResult]:
        paths = [Path(p) for p in paths]
        self.calls.append({"paths": paths, "models": models, "max_bytes": max_bytes,
                           "cache": cache.directory if cache else None})
        for path in paths:
            try:
                api.read_article(path, max_bytes)
            except api.IngestError as err:
                yield api.FileResult(path, error=str(err))
                continue
            yield api.FileResult(path, report=stub_report(path))


@pytest.fixture()
def spy(monkeypatch: pytest.MonkeyPatch) -> AnalyzeFilesSpy:
    fake = AnalyzeFilesSpy()
    monkeypatch.setattr(api, "analyze_files", fake)
    return fake


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kirby.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# ---------------------------------------------------------------- help

def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield prefix, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


COMMANDS = [path for path, _ in all_commands(cli)]


def test_every_command_is_listed_here() -> None:
    assert COMMANDS == [(), ("analyze",), ("exercise",), ("models",), ("models", "info"), ("models", "download"),
                        ("models", "path"), ("compare",), ("cache",), ("cache", "info"), ("cache", "clear")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "attribution")
def test_every_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    summary = result.output.split("\n\n")[1].strip()
    assert len(summary) > 20, f"no help text for {command}"
    assert "Example:" in result.output
    example = result.output.split("Example:")[1].strip().splitlines()[0]
    assert "attribution " in example


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"attribution, version {__version__}\n"


# ---------------------------------------------------------------- analyze: options -> API

def test_analyze_passes_defaults(spy: AnalyzeFilesSpy, article: Path, tmp_path: Path) -> None:
    result = run("analyze", str(article), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert spy.calls == [{"paths": [article], "models": "bundled", "max_bytes": 2_000_000,
                          "cache": Path(os.environ["ATTRIBUTION_CACHE_DIR"])}]


def test_cache_options_reach_the_api(spy: AnalyzeFilesSpy, article: Path, tmp_path: Path) -> None:
    assert run("analyze", str(article), "-o", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c")).exit_code == 0
    assert run("analyze", str(article), "-o", str(tmp_path / "out"), "--no-cache").exit_code == 0
    assert [call["cache"] for call in spy.calls] == [tmp_path / "c", None]


@pytest.mark.parametrize(("args", "env", "models"), [
    (["--models", "official", "analyze"], None, "official"),
    (["analyze", "--models", "official"], None, "official"),
    (["--models", "official", "analyze", "--models", "/some/folder"], None, "/some/folder"),
    (["analyze"], {"ATTRIBUTION_MODELS": "official"}, "official"),
])
def test_models_option_before_or_after_the_command(spy: AnalyzeFilesSpy, article: Path, tmp_path: Path,
                                                   args: list[str], env: dict[str, str] | None,
                                                   models: str) -> None:
    result = run(*args, str(article), "-o", str(tmp_path), env=env)
    assert result.exit_code == 0, result.output
    assert spy.calls[0]["models"] == models


@pytest.mark.parametrize(("size", "max_bytes"), [("1234", 1234), ("500KB", 500_000), ("2MB", 2_000_000),
                                                 ("1.5M", 1_500_000), ("10 kb", 10_000)])
def test_max_size(spy: AnalyzeFilesSpy, article: Path, tmp_path: Path, size: str, max_bytes: int) -> None:
    result = run("analyze", "--max-size", size, str(article), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert spy.calls[0]["max_bytes"] == max_bytes


@pytest.mark.parametrize("args", [["--max-size", "lots"], ["--max-size", "2GB"], ["--format", "pdf"], []])
def test_usage_errors_exit_2(spy: AnalyzeFilesSpy, article: Path, args: list[str]) -> None:
    result = run("analyze", *args, *([str(article)] if args else []))
    assert result.exit_code == 2
    assert "Usage: " in result.stderr
    assert spy.calls == []


# ---------------------------------------------------------------- analyze: files written

def test_report_written_per_input_under_its_stem(spy: AnalyzeFilesSpy, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("one.txt", "two.txt"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "reports" / "nested"
    result = run("analyze", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["one.json", "two.json"]
    written = (out / "one.json").read_text(encoding="utf-8")
    assert written == render_json.dumps(stub_report(folder / "one.txt"))
    assert result.stdout == ""
    assert result.stderr == f"2 reports written to {out}\n"


def test_reports_are_readable_by_others_as_the_umask_says(spy: AnalyzeFilesSpy, article: Path,
                                                         tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("analyze", str(article), "-o", str(tmp_path / "out")).exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out" / "kirby.json").stat().st_mode & 0o777 == 0o644


def test_default_output_folder_is_reports(spy: AnalyzeFilesSpy, article: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("analyze", str(article))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "kirby.json").is_file()


def test_same_stem_twice_is_refused_not_overwritten(spy: AnalyzeFilesSpy, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    first, second = tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"
    result = run("analyze", str(first), str(second), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"error: {second}: its report would overwrite that of {first} (rename one" in result.stderr
    assert spy.calls[0]["paths"] == [first]


def test_progress_only_on_a_terminal(spy: AnalyzeFilesSpy, article: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("analyze", str(article), "-o", str(tmp_path))
    assert "[1/1]" not in result.stderr
    monkeypatch.setattr(cli_module, "_stderr_is_terminal", lambda: True)
    result = run("analyze", str(article), "-o", str(tmp_path))
    assert f"[1/1] {article} -> {tmp_path / 'kirby.json'} (0 attributions)\n" in result.stderr
    assert result.stdout == ""


def test_bad_inputs_fail_alone_and_the_batch_exits_1(spy: AnalyzeFilesSpy, tmp_path: Path) -> None:
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \r\n\n",
        "binary.txt": b"\x00\x01\x02abc",
        "latin1.txt": "café".encode("latin-1"),
        "page.txt": b"<html><body><p>Hi</p></body></html>",
        "huge.txt": b"word " * 500,
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    inputs = [tmp_path / name for name in bad] + [missing, good]
    out = tmp_path / "out"
    result = run("analyze", "--max-size", "2000", *map(str, inputs), "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [e.split(": ")[1] for e in errors] == [str(p) for p in inputs[:-1]]
    assert all(e.endswith(")") for e in errors), "each error says what to do"
    assert "not UTF-8: byte 0xE9 at byte offset 3" in result.stderr
    assert result.stderr.splitlines()[-1] == f"1 report written to {out}; 7 files failed"
    assert [p.name for p in out.iterdir()] == ["good.json"]
    assert "Traceback" not in result.output


def test_output_folder_that_is_a_file(spy: AnalyzeFilesSpy, article: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("analyze", str(article), "-o", str(blocker / "sub"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot create the output folder {blocker / 'sub'}: ")


# ---------------------------------------------------------------- models not found

@pytest.mark.parametrize("command", [["analyze", "ARTICLE"], ["models", "info"]])
def test_missing_model_folder_is_one_line_exit_1(command: list[str], article: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    nowhere = tmp_path / "nowhere"
    result = run("--models", str(nowhere), *[str(article) if a == "ARTICLE" else a for a in command])
    assert result.exit_code == 1
    assert result.stderr == f"error: --models {nowhere}: no such folder. Use bundled, official, or a model folder.\n"
    assert not (tmp_path / "reports" / "kirby.json").exists()


@pytest.mark.parametrize("command", [["analyze", "ARTICLE"], ["models", "info"]])
def test_missing_bundled_models_say_what_to_do(command: list[str], article: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("attribution.models.bundled_directory", lambda: tmp_path / "empty")
    args = [str(article) if a == "ARTICLE" else a for a in command]
    result = run(*args)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: the bundled models are missing from {tmp_path / 'empty'}. Reinstall")
    assert "attribution models download" in lines[0]


def test_missing_official_models_say_to_download(article: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    result = run("--models", "official", "analyze", str(article), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "Run `attribution models download` once" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# ---------------------------------------------------------------- models commands

def test_models_path_prints_only_the_folder() -> None:
    result = run("models", "path")
    assert result.exit_code == 0
    assert result.output == f"{bundled_directory()}\n"


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "attribution", "models", "path"],
                          capture_output=True, text=True, check=True)
    assert done.stdout == f"{bundled_directory()}\n"
    assert done.stderr == ""


def test_models_download_without_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stanza

    def offline(*args: Any, **kwargs: Any) -> None:
        raise requests.exceptions.ConnectionError(
            "HTTPSConnectionPool(host='raw.githubusercontent.com', port=443): Max retries exceeded\n"
            "(Caused by NameResolutionError: Failed to resolve 'raw.githubusercontent.com')")

    monkeypatch.setattr(stanza, "download", offline)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    result = run("models", "download")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: could not download stanza's English models into "
                                    f"{tmp_path / 'stanza'}: ConnectionError: HTTPSConnectionPool")
    assert result.stderr.endswith("(check the internet connection and retry; --models bundled needs no download)\n")


def test_models_download_fetches_the_official_english_pipeline(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import stanza

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(stanza, "download", lambda *a, **k: calls.append((a, k)))
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    result = run("models", "download")
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    args, kwargs = calls[0]
    assert args == ("en",)
    assert kwargs["model_dir"] == str(tmp_path / "stanza")
    assert kwargs["processors"] == "tokenize,mwt,pos,lemma,depparse"
    assert result.stdout == f"stanza's English models are in {tmp_path / 'stanza'}; use them with --models official\n"


def test_models_info_bundled(parser: Parser) -> None:
    result = run("models", "info")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "models:    bundled"
    assert lines[1] == f"directory: {bundled_directory()}"
    assert lines[2].startswith("size:      ") and lines[2].endswith(" MB")
    for processor in ("tokenize", "mwt", "pos", "lemma", "depparse"):
        assert any(line.startswith(f"  en/{processor}/default.pt  ") for line in lines), processor
    assert any(line.startswith("GUM test, end to end from raw text, F1 %") for line in lines)
    assert " LAS " in result.output and " UPOS " in result.output


def test_models_info_for_a_model_folder(tmp_path: Path) -> None:
    for processor in ("tokenize", "pos", "lemma", "depparse"):
        (tmp_path / "en" / processor).mkdir(parents=True)
        (tmp_path / "en" / processor / "default.pt").write_bytes(b"x" * 250_000)
    result = run("--models", str(tmp_path), "models", "info")
    assert result.exit_code == 0, result.output
    assert result.output == (f"models:    {tmp_path}\n"
                             f"directory: {tmp_path}\n"
                             "size:      1.0 MB\n"
                             "  en/depparse/default.pt  250 KB\n"
                             "  en/lemma/default.pt  250 KB\n"
                             "  en/pos/default.pt  250 KB\n"
                             "  en/tokenize/default.pt  250 KB\n"
                             "scores:    not recorded for these models (the bundled models' are, in their "
                             "training.json)\n")


def test_models_info_passes_the_models_option(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_info(models: str) -> api.ModelsInfo:
        seen.append(models)
        raise api.ModelsNotFound("stop here")

    monkeypatch.setattr(api, "models_info", fake_info)
    assert run("--models", "official", "models", "info").exit_code == 1
    assert run("models", "info", "--models", "/x").stderr == "error: stop here\n"
    assert seen == ["official", "/x"]


# ---------------------------------------------------------------- end to end, real models

def test_analyze_end_to_end(parser: Parser, tmp_path: Path) -> None:
    good = tmp_path / "kirby.txt"
    good.write_bytes(b"\xef\xbb\xbfHeadline\r\n\r\n" + ARTICLE.replace("\n", "\r\n").encode())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    result = run("analyze", str(empty), str(good), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: {empty}: empty file (give a file with the article's text)"
    report = json.loads((out / "kirby.json").read_text(encoding="utf-8"))
    assert report["schema"] == "attribution/1"
    assert report["model"] == "bundled"
    with open(good, encoding="utf-8", newline="") as fh:
        text = fh.read()
    assert report["article"] == {"name": "kirby", "path": str(good), "chars": len(text)}
    words = [w for s in report["sentences"] for w in s["words"]]
    assert words[0]["text"] == "Headline" and words[0]["start"] == 1
    for w in words:
        assert text[w["start"]:w["end"]] == w["text"]
        assert set(w) == {"id", "text", "lemma", "upos", "xpos", "feats", "head", "deprel", "start", "end"}
    assert isinstance(report["attributions"], list)
