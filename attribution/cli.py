"""The command line: options -> one call into attribution.api -> files written.

Each command's docstring is its --help.  Errors are one line on stderr, ``error: ...``, saying
what to do; the exit status is 1 when anything failed and 2 for usage errors.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__, api
from .exercise import compare as exercise_compare
from .exercise import levels as exercise_levels
from .exercise import questions as exercise_questions
from .exercise import render as exercise_render
from .ingest import DEFAULT_MAX_BYTES
from .models import BUNDLED, ModelsNotFound, bundled_directory
from .report import ArticleReport
from .render import html as render_html
from .render import json as render_json
from .render import markdown as render_markdown
from .render import text as render_text

F = TypeVar("F", bound=Callable[..., Any])

_MODELS_HELP = ("Parsing models: bundled (compact, offline; the default), official (stanza's own, "
                "after `attribution models download`) or a model folder.")


def _models_option(default: str | None, envvar: str | None = None) -> Callable[[F], F]:
    return click.option("--models", default=default, envvar=envvar, show_envvar=envvar is not None,
                        metavar="official|bundled|PATH", help=_MODELS_HELP)


def _selected_models(ctx: click.Context, models: str | None) -> str:
    """A command's own --models wins over the one given before the command."""
    if models:
        return models
    chosen: str = ctx.find_root().params.get("models") or BUNDLED
    return chosen


def _fail(ctx: click.Context, message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    ctx.exit(1)


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*")
_SIZE_UNITS = {"": 1, "B": 1, "K": 1_000, "KB": 1_000, "M": 1_000_000, "MB": 1_000_000}


def _byte_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Read a size like 2000000, 500KB or 2MB (decimal units)."""
    match = _SIZE.fullmatch(value)
    unit = match.group(2).upper() if match else ""
    if not match or unit not in _SIZE_UNITS:
        raise click.BadParameter(f"{value!r} is not a size; write e.g. 2000000, 500KB or 2MB", ctx, param)
    return int(float(match.group(1)) * _SIZE_UNITS[unit])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attribution")
@_models_option(BUNDLED, envvar="ATTRIBUTION_MODELS")
def cli(models: str) -> None:
    """Who says what in news articles: direct quotes, reported speech, "according to"
    phrases and anonymous sources, with character offsets into the text.

    Runs offline on compact bundled English models.  --models may be given here or after
    any command.

    Example:

    \b
        attribution analyze seeds/ -o reports/
    """


# Report formats: file extension -> renderer.
_FORMATS: dict[str, Callable[[ArticleReport], str]] = {
    "json": render_json.dumps, "md": render_markdown.dumps, "html": render_html.dumps}


def _formats(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """Read --format given once or more, each a name or a comma list ("json,md,html")."""
    chosen: list[str] = []
    for item in value:
        for name in item.split(","):
            name = name.strip().lower()
            if name and name not in _FORMATS:
                raise click.BadParameter(f"{name!r} is not a report format; choose from json, md, html "
                                         "(several: --format json,md,html)", ctx, param)
            if name and name not in chosen:
                chosen.append(name)
    return tuple(chosen) or ("json",)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file, so an interrupted run never leaves half a report."""
    # open() rather than tempfile.mkstemp, whose files are private (0600) whatever the umask.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", "outdir", default="reports", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the reports (created if needed).")
@click.option("--format", "formats", multiple=True, default=("json",), show_default=True, callback=_formats,
              metavar="json|md|html", help="Report format: json, md (Markdown) or html (a self-contained page); "
              "repeat the option or give a comma list for several.")
@click.option("--max-size", metavar="SIZE", default=str(DEFAULT_MAX_BYTES), show_default=True, callback=_byte_size,
              help="Refuse input files larger than this many bytes (500KB, 2MB also work).")
@_models_option(None)
@click.pass_context
def analyze(ctx: click.Context, files: tuple[Path, ...], outdir: Path, formats: tuple[str, ...], max_size: int,
            models: str | None) -> None:
    """Find who says what in article files, profile the sources and score the sourcing;
    writes one report per file and format.

    Each FILE is an article in UTF-8 plain text; a folder stands for the .txt files in it.  Each report is written to
    OUTDIR/<file name without .txt>.<format>: .json (attributions, source profiles, score and
    readability), .md or .html (the article with every attribution highlighted, for reading,
    projecting or printing).  A file that cannot be analysed (empty, binary, not UTF-8, HTML,
    too large) is reported on stderr and the others still run; the exit status is then 1.

    Example:

    \b
        attribution analyze seeds/ -o reports/ --format json,md,html
    """
    batch, failed = [], 0
    claimed: dict[str, Path] = {}
    for path in api.expand_paths(files):
        # Case-folded, as two names differing in case are one file on macOS and Windows.
        first = claimed.setdefault(path.stem.lower(), path)
        if first == path:
            batch.append(path)
        else:
            failed += 1
            click.echo(f"error: {path}: its report would overwrite that of {first} "
                       "(rename one, or analyze them into separate -o folders)", err=True)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        _fail(ctx, f"cannot create the output folder {outdir}: {err.strerror or err}")
    written = 0
    show_progress = _stderr_is_terminal()
    try:
        for number, result in enumerate(
                api.analyze_files(batch, models=_selected_models(ctx, models), max_bytes=max_size), 1):
            if result.report is None:
                failed += 1
                click.echo(f"error: {result.error}", err=True)
                continue
            targets = [outdir / f"{result.path.stem}.{fmt}" for fmt in formats]
            for fmt, target in zip(formats, targets):
                _write_atomically(target, _FORMATS[fmt](result.report))
            written += 1
            if show_progress:
                click.echo(f"[{number}/{len(batch)}] {result.path} -> {', '.join(map(str, targets))} "
                           f"({len(result.report.attributions)} attributions)", err=True)
    except ModelsNotFound as err:
        _fail(ctx, str(err))
    click.echo(f"{written} report{'s' if written != 1 else ''} written to {outdir}"
               + (f"; {failed} file{'s' if failed != 1 else ''} failed" if failed else ""), err=True)
    if failed:
        ctx.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", "outdir", default="exercises", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the pages (created if needed).")
@click.option("--level", default=exercise_levels.AUTO, show_default=True,
              type=click.Choice([exercise_levels.AUTO, *exercise_levels.names()]),
              help="Age group the wording is written for; auto picks it from the article's reading grade.")
@click.option("--compare", is_flag=True, help="Build one exercise comparing two articles on the same story.")
@click.option("--max-size", metavar="SIZE", default=str(DEFAULT_MAX_BYTES), show_default=True, callback=_byte_size,
              help="Refuse input files larger than this many bytes (500KB, 2MB also work).")
@_models_option(None)
@click.pass_context
def exercise(ctx: click.Context, files: tuple[Path, ...], outdir: Path, level: str, compare: bool, max_size: int,
             models: str | None) -> None:
    """Make classroom sourcing exercises: a student worksheet and a teacher's answer key per article.

    Each page is self-contained HTML that prints cleanly.  The worksheet shows the article
    with numbered paragraphs and asks who says what, what kind of source it is, why a
    source is anonymous, which sentences have no source, which voices and sides are heard,
    and an open judgement; only attributions the tool is sure of are asked about.  The key
    quotes the sentence and source behind each answer and the sourcing score's breakdown.
    Files: OUTDIR/<name>.<level>.worksheet.html and .key.html; with --compare (two files),
    OUTDIR/<A>_vs_<B>.<level>.worksheet.html and .key.html.

    Example:

    \b
        attribution exercise seeds/001.txt -o exercises/ --level middle
        attribution exercise a.txt b.txt --compare -o exercises/
    """
    paths = list(api.expand_paths(files))
    if compare and len(paths) != 2:
        raise click.UsageError(f"--compare needs exactly two articles, not {len(paths)}", ctx)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        _fail(ctx, f"cannot create the output folder {outdir}: {err.strerror or err}")
    reports, failed = [], 0
    try:
        for result in api.analyze_files(paths, models=_selected_models(ctx, models), max_bytes=max_size):
            if result.report is None:
                failed += 1
                click.echo(f"error: {result.error}", err=True)
            else:
                reports.append((result.path, result.report))
    except ModelsNotFound as err:
        _fail(ctx, str(err))
    if compare:
        if len(reports) != 2:
            _fail(ctx, "--compare needs both articles analysed; see the errors above")
        built = [(f"{reports[0][0].stem}_vs_{reports[1][0].stem}",
                  exercise_compare.build(reports[0][1], reports[1][1], level))]
    else:
        built = [(path.stem, exercise_questions.build(report, level)) for path, report in reports]
    for stem, made in built:
        for page, render in (("worksheet", exercise_render.worksheet), ("key", exercise_render.key)):
            _write_atomically(outdir / f"{stem}.{made.level}.{page}.html", render(made))
    click.echo(f"{len(built)} exercise{'s' if len(built) != 1 else ''} (worksheet and key) written to {outdir}"
               + (f"; {failed} file{'s' if failed != 1 else ''} failed" if failed else ""), err=True)
    if failed:
        ctx.exit(1)


@cli.group("models")
def models_group() -> None:
    """Show, locate or download the parsing models.

    Example:

    \b
        attribution models info
    """


@models_group.command("info")
@_models_option(None)
@click.pass_context
def models_info(ctx: click.Context, models: str | None) -> None:
    """Show which models --models selects: folder, size and parsing scores.

    The bundled models' scores are end-to-end F1 on the GUM test documents, from their
    training record (stanza_models/training.json).

    Example:

    \b
        attribution --models official models info
    """
    try:
        info = api.models_info(_selected_models(ctx, models))
    except ModelsNotFound as err:
        _fail(ctx, str(err))
    click.echo(render_text.models_info(info), nl=False)


@models_group.command("download")
@click.pass_context
def models_download(ctx: click.Context) -> None:
    """Download stanza's official English models (needs internet).

    They go to $STANZA_RESOURCES_DIR or ~/stanza_resources and are used with
    --models official.  Nothing is ever downloaded without this command.

    Example:

    \b
        attribution models download && attribution --models official analyze seeds/
    """
    try:
        directory = api.download_models()
    except api.DownloadFailed as err:
        _fail(ctx, str(err))
    click.echo(f"stanza's English models are in {directory}; use them with --models official")


@models_group.command("path")
def models_path() -> None:
    """Print the folder of the bundled models, and nothing else.

    Example:

    \b
        ls "$(attribution models path)"
    """
    click.echo(str(bundled_directory()))
