"""The command line: options -> one call into attribution.api -> files written.

Each command's docstring is its --help.  Errors are one line on stderr, ``error: ...``, saying
what to do; the exit status is 1 when anything failed and 2 for usage errors.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__, api, batch, corpus, inputs, safe_files, story
from .cache import ParseCache
from .console import ArticleProgress, is_terminal
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
from .render import story as render_story
from .render import summary as render_summary
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
    click.echo(safe_files.one_line(f"error: {message}"), err=True)
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


def _cache_dir_option(help_text: str) -> Callable[[F], F]:
    return click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="ATTRIBUTION_CACHE_DIR",
                        show_envvar=True, metavar="DIR", help=f"{help_text} [default: ~/.cache/attribution/parses].")


def _cache_options(command: F) -> F:
    command = click.option("--no-cache", is_flag=True,
                           help="Parse everything afresh and keep no parses (the cache is read and filled by default).")(command)
    return _cache_dir_option("Where parses are kept between runs, so re-running a report never re-parses")(command)


_max_size_option = click.option(
    "--max-size", metavar="SIZE", default=str(DEFAULT_MAX_BYTES), show_default=True, callback=_byte_size,
    help="Refuse input files larger than this many bytes (500KB, 2MB also work).")


def _cache(cache_dir: Path | None, no_cache: bool) -> ParseCache | None:
    return None if no_cache else ParseCache(cache_dir)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attribution")
@_models_option(BUNDLED, envvar="ATTRIBUTION_MODELS")
def cli(models: str) -> None:
    """Who says what in news articles: direct quotes, reported speech, "according to"
    phrases and anonymous sources, with character offsets into the text.

    Runs offline on compact bundled English models.  --models may be given here or after
    any command.

    Every command reads its inputs the same way: FILE is a .txt file (UTF-8 text), a saved
    web page (.html, .htm: its main text is extracted), a URL (fetched; http or https) or -
    (the article on standard input); a folder stands for its .txt and .html files at any
    depth, hidden ones skipped.

    Example:

    \b
        attribution analyze https://example.com/news/story.html
        attribution analyze seeds/ -o reports/
        cat story.txt | attribution analyze - -o - | jq .score
    """
    _show_warnings()


class _WarningLine(logging.Handler):
    """The library's warnings (a damaged cache entry or journal line, dropped and redone) as
    one line each on stderr, the way errors are shown."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        click.echo(safe_files.one_line(message if message.startswith("warning: ") else f"warning: {message}"), err=True)


def _show_warnings() -> None:
    logger = logging.getLogger("attribution")
    if not any(isinstance(h, _WarningLine) for h in logger.handlers):
        handler = _WarningLine(logging.WARNING)
        logger.addHandler(handler)


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


def _workers(ctx: click.Context, param: click.Parameter, value: str) -> int:
    if value == "auto":
        return batch.auto_workers()
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise click.BadParameter(f"{value!r}: give a number of processes (1, 2, ...) or auto", ctx, param)
    return count


_workers_option = click.option(
    "-j", "--workers", default="1", show_default=True, callback=_workers, metavar="N|auto",
    help="Articles analysed at once, each in its own process (auto: one per CPU core, as many as "
         "memory allows at about 1 GB each).")
# Inputs are plain strings, not click.Path: a URL must keep its "//", and "-" is stdin.
_inputs_argument = click.argument("files", nargs=-1, required=True, metavar="FILE|FOLDER|URL|-...")


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file, so an interrupted run never leaves half a report.

    Raises:
        safe_files.WriteError: one line naming the file, the reason and what to do.
    """
    safe_files.write_text(path, text)


@cli.command()
@_inputs_argument
@click.option("-o", "--output-dir", "outdir", default="reports", show_default=True, metavar="DIR|-",
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the reports (created if needed); - writes the JSON reports to stdout instead, "
                   "one per line.")
@click.option("--format", "formats", multiple=True, default=("json",), show_default=True, callback=_formats,
              metavar="json|md|html", help="Report format: json, md (Markdown) or html (a self-contained page); "
              "repeat the option or give a comma list for several.")
@click.option("--summary/--quiet", "summary", default=None,
              help="Print a short summary of each article (score, weakest parts, sources, anonymous sources, "
                   "files written)  [default: --summary on a terminal, --quiet in a pipe or log].")
@_workers_option
@_max_size_option
@_cache_options
@_models_option(None)
@click.pass_context
def analyze(ctx: click.Context, files: tuple[str, ...], outdir: Path, formats: tuple[str, ...], summary: bool | None,
            workers: int, max_size: int, cache_dir: Path | None, no_cache: bool, models: str | None) -> None:
    """Find who says what in articles, profile the sources and score the sourcing; prints a
    summary of each and writes one report per article and format.

    Each FILE is a .txt file, a saved web page (.html), a URL (the page is fetched and its
    main text, title, date and site extracted) or - for standard input; a folder stands for
    its .txt and .html files at any depth.  Each report is written to
    DIR/<name>.<format>, the name being the file's without its extension, the URL's last
    part, or "stdin": .json (attributions, source profiles, score and readability), .md or
    .html (the article with every attribution highlighted, for reading, projecting or
    printing).  With -o -, the JSON reports go to standard output, one per line, and
    nothing is written.  An input that cannot be analysed (missing, not fetched, empty,
    binary, not UTF-8, too large) is reported on stderr and the others still run; the exit
    status is then 1.

    Example:

    \b
        attribution analyze https://example.com/news/story.html
        attribution analyze seeds/ -o reports/ --format json,md,html --workers 2
        curl -s https://example.com/story.html | attribution analyze - -o - > story.json
    """
    to_stdout = str(outdir) == "-"
    if to_stdout and formats != ("json",):
        raise click.UsageError("-o - writes JSON reports to stdout; give -o DIR for md or html", ctx)
    # With the JSON on stdout, the summary goes to stderr.
    show_summary = summary if summary is not None else is_terminal(sys.stderr if to_stdout else sys.stdout)
    todo, failed = [], 0
    claimed: dict[str, str] = {}
    given_all = inputs.expand(files)
    plan = safe_files.OutputPlan(_local_files(given_all))  # no report may replace an article of the run
    for given in given_all:
        # Case-folded, as two names differing in case are one file on macOS and Windows.
        name = inputs.name_of(given)
        first = claimed.setdefault(name.lower(), given)
        problem = None if to_stdout else next(
            filter(None, (plan.conflict(outdir / f"{name}.{fmt}") for fmt in formats)), None)
        if (first == given or to_stdout) and not problem:
            todo.append(given)
        else:
            failed += 1
            click.echo(safe_files.one_line(f"error: {problem}" if problem else f"error: {given}: its report would "
                       f"overwrite that of {first} (rename one, or analyze them into separate -o folders)"), err=True)
    if not to_stdout:
        _make_folder(ctx, outdir)
    written = 0
    show_progress = _stderr_is_terminal()
    try:
        for number, result in enumerate(api.analyze_files(
                todo, models=_selected_models(ctx, models), max_bytes=max_size, cache=_cache(cache_dir, no_cache),
                workers=workers, progress=ArticleProgress(show_progress, verb="reading")), 1):
            if result.report is None:
                failed += 1
                click.echo(safe_files.one_line(f"error: {result.error}"), err=True)
                continue
            targets: list[Path] = []
            if to_stdout:
                click.echo(json.dumps(result.report.to_dict(), ensure_ascii=False, sort_keys=True))
            else:
                targets = [outdir / f"{result.name}.{fmt}" for fmt in formats]
                try:
                    for fmt, target in zip(formats, targets):
                        _write_atomically(target, _FORMATS[fmt](result.report))
                except safe_files.WriteError as err:
                    failed += 1
                    click.echo(safe_files.one_line(f"error: {err}"), err=True)
                    continue
            written += 1
            if show_summary:
                click.echo(render_summary.text(result.report, targets, label=result.label), err=to_stdout)
            elif show_progress:
                click.echo(f"[{number}/{len(todo)}] {result.label} -> {', '.join(map(str, targets)) or 'stdout'} "
                           f"({len(result.report.attributions)} attributions)", err=True)
    except ModelsNotFound as err:
        _fail(ctx, str(err))
    except KeyboardInterrupt:
        # Ctrl-C: every report written so far is whole (safe_files writes through a temporary
        # file and a rename, and removes the temporary), and nothing half-written is left.
        where = "standard output" if to_stdout else str(outdir)
        click.echo(f"\nerror: interrupted: {written} of {len(todo)} report{'s' if len(todo) != 1 else ''} written "
                   f"to {where}, each whole (run the same command again for the rest)", err=True)
        ctx.exit(130)
    where = "standard output" if to_stdout else str(outdir)
    click.echo(f"{written} report{'s' if written != 1 else ''} written to {where}"
               + (f"; {failed} file{'s' if failed != 1 else ''} failed" if failed else ""), err=True)
    if failed:
        ctx.exit(1)


@cli.command()
@_inputs_argument
@click.option("-o", "--output-dir", "outdir", default="exercises", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the pages (created if needed).")
@click.option("--level", default=exercise_levels.AUTO, show_default=True,
              type=click.Choice([exercise_levels.AUTO, *exercise_levels.names()]),
              help="Age group the wording is written for; auto picks it from the article's reading grade.")
@click.option("--compare", is_flag=True, help="Build one exercise comparing two articles on the same story.")
@_workers_option
@_max_size_option
@_cache_options
@_models_option(None)
@click.pass_context
def exercise(ctx: click.Context, files: tuple[str, ...], outdir: Path, level: str, compare: bool, workers: int,
             max_size: int, cache_dir: Path | None, no_cache: bool, models: str | None) -> None:
    """Make classroom sourcing exercises: a student worksheet and a teacher's answer key per article.

    FILE is read as by `attribution analyze`: a .txt or .html file, a URL, - for standard
    input, or a folder of them.  Each page is self-contained HTML that prints cleanly.  The worksheet shows the article
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
    paths = inputs.expand(files)
    if compare and len(paths) != 2:
        raise click.UsageError(f"--compare needs exactly two articles, not {len(paths)}", ctx)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        _fail(ctx, f"cannot create the output folder {outdir}: {err.strerror or err}")
    reports, failed = [], 0
    sources: list[tuple[str, object]] = []
    try:
        for result in api.analyze_files(paths, models=_selected_models(ctx, models), max_bytes=max_size,
                                        cache=_cache(cache_dir, no_cache), workers=workers,
                                        progress=ArticleProgress(_stderr_is_terminal(), verb="reading")):
            if result.report is None:
                failed += 1
                click.echo(safe_files.one_line(f"error: {result.error}"), err=True)
            else:
                reports.append((result.name, result.report))
                sources.append((result.source, result.report))
    except ModelsNotFound as err:
        _fail(ctx, str(err))
    if compare:
        if len(reports) != 2:
            _fail(ctx, "--compare needs both articles analysed; see the errors above")
        built = [(f"{reports[0][0]}_vs_{reports[1][0]}",
                  exercise_compare.build(reports[0][1], reports[1][1], level))]
    else:
        built = [(name, exercise_questions.build(report, level)) for name, report in reports]
    plan = safe_files.OutputPlan(_local_files(paths))  # two articles named alike must not share one pair of pages
    owners = [source for source, _ in sources] if not compare else [sources[0][0]]
    written = 0
    for (stem, made), owner in zip(built, owners):
        pages = [(outdir / f"{stem}.{made.level}.{page}.html", render)
                 for page, render in (("worksheet", exercise_render.worksheet), ("key", exercise_render.key))]
        try:
            for target, _ in pages:
                plan.claim(target, owner)
            for target, render in pages:
                _write_atomically(target, render(made))
        except (safe_files.OutputCollision, safe_files.WriteError) as err:
            failed += 1
            click.echo(safe_files.one_line(f"error: {err}"), err=True)
            continue
        written += 1
    click.echo(f"{written} exercise{'s' if written != 1 else ''} (worksheet and key) written to {outdir}"
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


# ---------------------------------------------------------------- compare
_STORY_FORMATS: dict[str, Callable[[story.StoryComparison], str]] = {
    "json": render_story.json, "md": render_story.markdown, "html": render_story.html}


def _story_formats(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    chosen = _formats(ctx, param, value) if value else ()
    return chosen


@cli.command()
@click.argument("inputs_given", nargs=-1, required=True, metavar="INPUT...")
@click.option("--by", default=None, metavar="outlet|story|COLUMN",
              help="What to compare: outlet (the default for a corpus), story (the default for exactly two "
                   "articles: what sources and quotes they share) or a manifest column such as date.")
@click.option("-o", "--output-dir", "outdir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the tables, charts and page [default: comparison; a story comparison is "
                   "printed and written only when this is given].")
@click.option("--format", "formats", multiple=True, callback=_story_formats, metavar="json|md|html",
              help="Story comparison files to write into OUTDIR [default: json,md,html].")
@_workers_option
@click.option("--fresh", is_flag=True, help="Ignore the rows of an earlier, interrupted run in OUTDIR.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Folder a manifest's paths must lie in [default: the manifest's own folder]; a row "
                   "naming a file elsewhere is refused.")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Run the articles on a Dask cluster (tcp://host:8786) instead of local workers; "
                   'needs pip install "attribution[dask]".')
@_max_size_option
@_cache_options
@_models_option(None)
@click.pass_context
def compare(ctx: click.Context, inputs_given: tuple[str, ...], by: str | None, outdir: Path | None,
            formats: tuple[str, ...], workers: int, fresh: bool, root: Path | None, dask_address: str | None,
            max_size: int, cache_dir: Path | None, no_cache: bool, models: str | None) -> None:
    """Compare outlets across many articles, or two articles on the same story.

    INPUT is article files (.txt or saved .html pages), URLs, - (standard input), folders
    (their .txt and .html files, at any depth) or a manifest: a CSV with a path column and
    optionally outlet, date and title (other columns are kept).  Without a manifest, an
    article's outlet is its web page's site name, else the one its text states (a dateline
    like "WASHINGTON (AP) —", or a site name heading the page), else its folder's name.
    --by date sorts the dates; a page's own date is used where the manifest gives none.

    For a corpus, OUTDIR gets articles.csv (one row per article), outlets.csv and
    outlets.json (one per outlet), outlets.md (the table), charts/*.png and *.svg (attribution
    types, named vs anonymous share, sources per article, scores, readability vs score) and
    index.html, one offline page with every chart and table.  Parses are cached, and finished rows are kept in
    OUTDIR/.journal.jsonl, so an interrupted run picks up where it stopped; an article that
    fails is reported and skipped.

    For two articles on one story (--by story, the default for exactly two files), it
    prints which sources and quotes both carry and which each adds; with -o it also writes
    <A>_vs_<B>.story.json, .md and .html.

    Example:

    \b
        attribution compare corpus/ -o comparison/ --workers 2
        attribution compare manifest.csv --by outlet -o comparison/
        attribution compare seeds/001_d19f47592ba6ce0b.txt seeds/004_e22b176ff2ef0cb8.txt
    """
    chosen_models = _selected_models(ctx, models)
    cache = _cache(cache_dir, no_cache)
    with tempfile.TemporaryDirectory(prefix="attribution-stdin-") as scratch:
        # Standard input is read once, here, and kept in a file for the worker processes.
        given = [_stdin_to_file(ctx, Path(scratch), max_size) if g == inputs.STDIN else g for g in inputs_given]
        try:
            items = batch.collect(given, root)
        except batch.ManifestError as err:
            _fail(ctx, str(err))
        mode = by or ("story" if len(items) == 2 and not any(
            Path(g).suffix.lower() in batch.MANIFEST_SUFFIXES for g in given if not inputs.is_url(g)) else "outlet")
        if mode == "story":
            _compare_story(ctx, items, outdir, formats, max_size, cache, chosen_models)
        else:
            _check_grouping(ctx, items, mode)
            _compare_corpus(ctx, items, mode, outdir or Path("comparison"), workers, fresh, dask_address, max_size,
                            cache, chosen_models)


def _stdin_to_file(ctx: click.Context, folder: Path, max_size: int) -> str:
    data = sys.stdin.buffer.read(max_size + 1)
    if len(data) > max_size:
        _fail(ctx, f"-: more than {max_size:,} bytes on standard input (raise the limit with --max-size)")
    from .ingest import looks_like_html

    target = folder / ("stdin.html" if looks_like_html(data) else "stdin.txt")
    target.write_bytes(data)
    return str(target)


def _check_grouping(ctx: click.Context, items: list[batch.Item], by: str) -> None:
    """A --by column that no input has is an error naming the columns there are."""
    if by == "outlet":
        return
    columns = {"path"} | {name for name in ("outlet", "date", "title") if any(getattr(i, name) for i in items)}
    columns |= {key for i in items for key, _ in i.extra}
    pages = any(inputs.is_url(i.path) or Path(i.path).suffix.lower() in (".html", ".htm", ".xhtml") for i in items)
    if by in columns or (by == "date" and pages):
        return
    listed = ", ".join(sorted(columns))
    _fail(ctx, f"--by {by}: no input has a {by!r} column (the columns there are: {listed}); "
               "give a manifest CSV with that column, or --by outlet")


def _compare_story(ctx: click.Context, items: list[batch.Item], outdir: Path | None, formats: tuple[str, ...],
                   max_size: int, cache: ParseCache | None, models: str) -> None:
    if len(items) != 2:
        raise click.UsageError(f"--by story compares exactly two articles, not {len(items)}", ctx)
    reports = []
    try:
        for result in api.analyze_files([i.path for i in items], models=models, max_bytes=max_size,
                                        cache=cache, progress=ArticleProgress(_stderr_is_terminal(), verb="reading")):
            if result.report is None:
                click.echo(safe_files.one_line(f"error: {result.error}"), err=True)
            else:
                reports.append(result.report)
    except ModelsNotFound as err:
        _fail(ctx, str(err))
    if len(reports) != 2:
        _fail(ctx, "a story comparison needs both articles analysed; see the error above")
    comparison = story.compare(reports[0], reports[1])
    click.echo(render_story.text(comparison), nl=False)
    if outdir is not None:
        _make_folder(ctx, outdir)
        stem = f"{inputs.name_of(items[0].path)}_vs_{inputs.name_of(items[1].path)}"
        targets = [outdir / f"{stem}.story.{fmt}" for fmt in formats or ("json", "md", "html")]
        plan = safe_files.OutputPlan(Path(i.path) for i in items if not inputs.is_url(i.path))
        try:
            for target in targets:
                plan.claim(target)
            for target in targets:
                _write_atomically(target, _STORY_FORMATS[target.suffix[1:]](comparison))
        except (safe_files.OutputCollision, safe_files.WriteError) as err:
            _fail(ctx, str(err))
        click.echo(f"written: {', '.join(map(str, targets))}", err=True)


def _local_files(given: list[str]) -> list[str]:
    """The inputs that are files on this machine (not URLs or standard input)."""
    return [g for g in given if not inputs.is_url(g) and g != inputs.STDIN]


def _make_folder(ctx: click.Context, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        _fail(ctx, f"cannot create the output folder {folder}: {err.strerror or err}")


class _Progress:
    """A progress bar with rate and ETA on a terminal; silent otherwise (logs, pipes, CI)."""

    def __init__(self, total: int) -> None:
        self.bar: Any = None
        self.failed = 0
        self.resumed = 0
        if _stderr_is_terminal() and total > 1:
            from tqdm import tqdm  # type: ignore[import-untyped]

            self.bar = tqdm(total=total, unit="article", desc="analysing", dynamic_ncols=True, smoothing=0.1)

    def __call__(self, row: corpus.ArticleSummary, resumed: bool) -> None:
        if row.error:
            self.failed += 1
            message = safe_files.one_line(f"error: {row.error}")
            if self.bar is not None:
                self.bar.write(message, file=sys.stderr)
            else:
                click.echo(message, err=True)
        self.resumed += resumed
        if self.bar is not None:
            self.bar.update(1)
            if self.failed:
                self.bar.set_postfix(failed=self.failed, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _compare_corpus(ctx: click.Context, items: list[batch.Item], by: str, outdir: Path, workers: int, fresh: bool,
                    dask_address: str | None, max_size: int, cache: ParseCache | None, models: str) -> None:
    from .render import charts as render_charts
    from .render import corpus_page

    if not items:
        _fail(ctx, "no articles found in the inputs")
    journal = outdir / ".journal.jsonl"
    # Refused before anything is analysed or written: an output that would replace an input
    # (a manifest named articles.csv in OUTDIR, an article named index.html).
    plan = safe_files.OutputPlan([Path(i.path) for i in items if not inputs.is_url(i.path)]
                                 + [Path(g) for g in _local_files([str(g) for g in ctx.params.get("inputs_given") or ()])])
    try:
        for target in _corpus_outputs(outdir, render_charts.CHARTS):
            plan.claim(target)
    except safe_files.OutputCollision as err:
        _fail(ctx, str(err))
    _make_folder(ctx, outdir)
    if fresh:
        journal.unlink(missing_ok=True)
    progress = _Progress(len(items))
    if progress.bar is not None:
        progress.bar.write("each worker loads the parsing models first (10-20 s)", file=sys.stderr)
    try:
        if dask_address:
            from . import distributed

            try:
                client = distributed.client_for(dask_address)
            except (distributed.DaskMissing, OSError) as err:
                _fail(ctx, f"{err}")
            rows = distributed.run(items, client, models, str(cache.directory) if cache else None, max_size, progress)
        else:
            rows = batch.run(items, models, cache, workers, max_size, journal, progress)
    except (ModelsNotFound, safe_files.WriteError) as err:
        _fail(ctx, str(err))
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"\nerror: interrupted: the finished rows are kept in {journal} (run the same command again "
                   "to go on)", err=True)
        ctx.exit(130)
    finally:
        progress.close()
    comparison = corpus.compare(rows, by, models)
    try:
        _write_table(outdir / "articles.csv", [r.to_dict() for r in rows])
        _write_table(outdir / "outlets.csv", [g.to_row() for g in comparison.groups])
        _write_atomically(outdir / "outlets.json", json.dumps(comparison.to_dict(), indent=2, sort_keys=True,
                                                              ensure_ascii=False) + "\n")
        svgs = render_charts.write(comparison, outdir / "charts")
        _write_atomically(outdir / "index.html", corpus_page.html(comparison, svgs))
        _write_atomically(outdir / "outlets.md", corpus_page.markdown(comparison))
    except safe_files.WriteError as err:
        _fail(ctx, f"{err.path}: cannot write: {err.reason} ({err.advice}; the finished rows are kept in "
                   f"{journal}, so a rerun only writes the tables)")
    analysed = len(rows) - len(comparison.failed)
    click.echo(f"{analysed} article{'s' if analysed != 1 else ''} in {len(comparison.groups)} "
               f"group{'s' if len(comparison.groups) != 1 else ''} by {by}"
               + (f" ({progress.resumed} from the earlier run)" if progress.resumed else "")
               + (f"; {len(comparison.failed)} failed" if comparison.failed else "")
               + f"; open {outdir / 'index.html'}", err=True)
    if comparison.failed:
        ctx.exit(1)


def _corpus_outputs(outdir: Path, charts: Any) -> list[Path]:
    """Every file a corpus comparison writes."""
    names = ["articles.csv", "outlets.csv", "outlets.json", "index.html", "outlets.md", ".journal.jsonl"]
    names += [f"charts/{name}.{ext}" for name in charts for ext in ("png", "svg")]
    return [outdir / name for name in names]


def _write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    """A CSV with every key any row has, in first-seen order (manifest columns come last).

    Text cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading
    ``'`` (see :func:`safe_files.csv_cell`); numbers and the JSON files are unchanged.
    """
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[safe_files.csv_cell(c) for c in columns], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({safe_files.csv_cell(k): "" if v is None else safe_files.csv_cell(v) for k, v in row.items()})
    _write_atomically(path, buffer.getvalue())


# ---------------------------------------------------------------- cache
@cli.group("cache")
def cache_group() -> None:
    """Show or empty the parse cache.

    Example:

    \b
        attribution cache info
    """


@cache_group.command("info")
@_cache_dir_option("The cache folder")
def cache_info(cache_dir: Path | None) -> None:
    """Print the cache folder, how many parses it holds and their size.

    Example:

    \b
        attribution cache info
    """
    stats = ParseCache(cache_dir).stats()
    click.echo(f"folder: {stats.directory}\nparses: {stats.entries}\nsize: {stats.size_bytes / 1e6:.1f} MB")


@cache_group.command("clear")
@_cache_dir_option("The cache folder")
def cache_clear(cache_dir: Path | None) -> None:
    """Delete every cached parse (they are made again as needed).

    Example:

    \b
        attribution cache clear
    """
    cache = ParseCache(cache_dir)
    removed = cache.clear()
    click.echo(f"removed {removed} parse{'s' if removed != 1 else ''} from {cache.directory}")
