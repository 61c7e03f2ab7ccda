"""Benchmark: time and peak memory of one long article, by length (issue 19).

    python benchmarks/long_inputs.py                       # 1k, 10k, 100k and 300k words
    python benchmarks/long_inputs.py --sizes 1000,10000    # a quick run
    python benchmarks/long_inputs.py --threads 1 --stages --cache ~/.cache/attribution/parses
    python benchmarks/long_inputs.py --sizes 2MB --threads 2   # the default file-size limit
    python benchmarks/long_inputs.py --sizes 10000,300000 --parse-only

Each size runs in a fresh process (so its peak RSS is its own), with ``torch`` limited to
``--threads`` threads and, unless ``--cache`` is given, no parse cache: reading, clutter,
parsing, extraction, profiles, scoring and readability, as ``attribution analyze`` does
(``api.analyze``).  With ``--stages`` each stage is timed apart: clutter and parsing, extraction
(attribution/extract/), source profiles, the score, readability, rendering the JSON, Markdown
and HTML reports, and the summaries (the terminal summary and the corpus row), which tells
the parser's share from the rest's.  With ``--cache DIR`` the first run of a size parses and
stores its parse; later runs read it back, so they time the stages after parsing alone
(the "post-parse" columns) in a few seconds instead of minutes.

The article is made of sentences written for this benchmark (news-like paragraphs with direct
quotes, reported speech, "according to" and anonymous sources), numbered so no two paragraphs
are alike; no PolNeAR or other copyrighted text.  A size is words ("300000"), or bytes with
a B or MB suffix ("2MB": whole paragraphs up to 2,000,000 bytes, the default limit).  Prints
one line per size: words, bytes, seconds, seconds per 1,000 words (wall clock, and CPU time of
all threads, which a busy shared machine inflates less), peak RSS, and the ratio of seconds
per 1,000 words to the 10k-word run's (the target: at most 1.5 at 300k words); with
``--stages``, the same for the stages after parsing (wall clock, then CPU), and each stage's
CPU seconds.

Targets (issue 19): a 2 MB article (about 330k words of this text) in under 10 minutes on
2 cores and under 2 GB; seconds per 1,000 words at 300k at most 1.5x that at 10k.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# One paragraph per line; {n} makes every copy different (clutter detection drops repeated lines).
PARAGRAPHS = (
    '"We are deeply concerned about the situation in district {n}," said Maria Lopez, a spokeswoman '
    "for the regional council, on Tuesday.",
    "Two officials familiar with the talks, who spoke on condition of anonymity because they were not "
    "authorised to discuss them, said the negotiations over road {n} had stalled.",
    "According to a report published by the transport ministry, about {n} buses were late last month, "
    "and the number has grown every year since the new timetable began.",
    "The mayor, John Carter, told reporters that the city would not raise fares this year. "
    '"People have paid enough," he said. "We will find the money elsewhere."',
    "Critics said the plan for site {n} was too vague. A union leader, Sam Okafor, argued that workers "
    "had not been consulted and warned of a strike if nothing changed.",
    "Residents interviewed near station {n} were divided: some welcomed the new line, while others "
    "said the works had made their street impossible to cross for months.",
    'The council\'s statement called the delay "regrettable but necessary" and promised an update '
    "before the end of week {n}.",
    "Police said a man had been arrested after the protest near bridge {n}, but gave no further details.",
)


def article(words: int) -> str:
    """About ``words`` words of text, one paragraph per line."""
    lines: list[str] = []
    count = 0
    n = 0
    while count < words:
        line = PARAGRAPHS[n % len(PARAGRAPHS)].format(n=n + 1)
        lines.append(line)
        count += len(line.split())
        n += 1
    return "\n\n".join(lines) + "\n"


STAGES = ("parse", "extract", "profiles", "score", "readability", "render", "summary")


def measure(words: int, threads: int, stages: bool, parse_only: bool = False,
            cache_dir: str | None = None) -> dict[str, float]:
    """Run one size in this process and return its figures."""
    import torch

    torch.set_num_threads(threads)
    sys.path.insert(0, str(ROOT))
    from attribution import api, clutter, corpus, extract, score, sources
    from attribution.cache import ParseCache
    from attribution.parse import load_parser
    from attribution.render import html as render_html, json as render_json, markdown as render_markdown
    from attribution.render import summary as render_summary
    from attribution.report import ArticleReport
    from attribution.results import Article

    text = article_of_size(words)
    cache = ParseCache(cache_dir) if cache_dir else None
    load_parser("bundled")
    # Loading the models, lexicons and textstat's dictionary is not part of the article's time.
    warm = api.analyze(Article("warm-up", article(60)), "bundled", None)
    for render in (render_json.dumps, render_markdown.dumps, render_html.dumps):
        render(warm)
    start = time.perf_counter()
    cpu_start = _cpu_seconds()
    figures: dict[str, float] = {}
    if parse_only:
        found = clutter.find(text)
        document = api.parse_article(text, clutter.keep(text, found), "bundled", cache)
        seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
        return {"words": document.num_words, "bytes": len(text.encode("utf-8")), "seconds": seconds, "cpu_s": cpu,
                "parse_s": seconds, "attributions": -1,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if stages:
        # The steps of api.analyze, then what `analyze --format json,md,html` and `compare` do
        # with the report, each timed on its own, in wall-clock and in CPU seconds (this
        # process's; the stages after parsing run in one thread, so their CPU time is their
        # work, which other users of a shared machine do not inflate).
        marks = [time.perf_counter()]
        cpu_marks = [_cpu_seconds()]

        def mark() -> None:
            marks.append(time.perf_counter())
            cpu_marks.append(_cpu_seconds())
        found = clutter.find(text)
        document = api.parse_article(text, clutter.keep(text, found), "bundled", cache)
        mark()
        attributions = extract.attributions(document, found)
        mark()
        profiles = sources.profiles(attributions, document)
        mark()
        sourcing = score.sourcing(attributions, profiles, document, found, None)
        mark()
        report = ArticleReport(Article("long", text), document, attributions, found)
        report = replace(report, profiles=profiles, score=sourcing, readability=api._readability(report, None))
        mark()
        for render in (render_json.dumps, render_markdown.dumps, render_html.dumps):
            render(report)
        mark()
        render_summary.text(report)
        corpus.summarise(report)
        mark()
        for name, (a, b), (ca, cb) in zip(STAGES, zip(marks, marks[1:]), zip(cpu_marks, cpu_marks[1:])):
            figures[f"{name}_s"] = b - a
            figures[f"{name}_cpu_s"] = cb - ca
    else:
        report = api.analyze(Article("long", text), "bundled", cache)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_start
    counted = report.document.num_words
    figures.update(words=counted, bytes=len(text.encode("utf-8")), seconds=seconds, cpu_s=cpu,
                   attributions=len(report.attributions),
                   peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def _cpu_seconds() -> float:
    """CPU time of this process (all threads): on a shared machine it grows with the work
    done, while wall time grows with the other users' load too."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def size_of(token: str) -> int:
    """A --sizes entry: words ("10000"), or bytes of text ("2MB", "2000000B": up to that many
    bytes, as the file-size limit counts them)."""
    token = token.strip().upper()
    if token.endswith("MB"):
        return -int(float(token[:-2]) * 1_000_000)
    if token.endswith("B"):
        return -int(token[:-1])
    return int(token)


def article_of_size(size: int) -> str:
    """``size`` words, or (a negative size) at most ``-size`` bytes of whole paragraphs."""
    if size >= 0:
        return article(size)
    limit = -size
    text = article(limit // 6)  # about 6 bytes a word: more than enough, then cut
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    return cut[:cut.rfind("\n\n")].rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000,300000",
                        help="comma-separated article lengths in words, or in bytes with a B or MB suffix "
                             "(2MB: the default file-size limit) [default: %(default)s]")
    parser.add_argument("--threads", type=int, default=2, help="torch threads [default: 2]")
    parser.add_argument("--stages", action="store_true",
                        help="time each stage apart: " + ", ".join(STAGES))
    parser.add_argument("--parse-only", action="store_true",
                        help="stop after clutter and parsing (the parser's share alone)")
    parser.add_argument("--cache", metavar="DIR",
                        help="parse through this parse cache: the first run of a size parses and stores, "
                             "later runs read the parse back and time only the stages after it")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.threads, args.stages or args.parse_only, args.parse_only,
                                 args.cache)))
        return
    sizes = [size_of(s) for s in args.sizes.split(",") if s.strip()]
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), PYTHONPATH=str(ROOT))
    staged = args.stages and not args.parse_only
    print(f"{'words':>8} {'bytes':>10} {'seconds':>9} {'s/1k words':>10} {'CPU s/1k':>9} {'peak RSS':>9} {'vs 10k':>7}"
          + (f" {'post-parse s/1k':>15} {'vs 10k':>7} {'CPU':>6} {'vs 10k':>7}   " + " / ".join(STAGES)
             + " CPU s" if staged else "")
          + ("   parse s" if args.parse_only else ""), flush=True)
    per_1k: dict[int, float] = {}
    after_per_1k: dict[int, float] = {}
    after_cpu_per_1k: dict[int, float] = {}
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size), "--threads", str(args.threads)]
        if args.stages or args.parse_only:
            command.append("--stages")
        if args.parse_only:
            command.append("--parse-only")
        if args.cache:
            command += ["--cache", args.cache]
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            print(f"{size:>8} failed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        f = json.loads(done.stdout.strip().splitlines()[-1])
        thousands = f["words"] / 1000
        rate = f["seconds"] / thousands
        per_1k[size] = rate
        ratio = f"{rate / per_1k[10000]:.2f}" if 10000 in per_1k else "-"
        cpu_rate = f["cpu_s"] / thousands
        line = (f"{int(f['words']):>8} {int(f['bytes']):>10} {f['seconds']:>9.1f} {rate:>10.2f} {cpu_rate:>9.2f} "
                f"{f['peak_rss_mb']:>7.0f}MB {ratio:>7}")
        if staged:
            after = sum(f[f"{name}_s"] for name in STAGES[1:]) / thousands
            after_per_1k[size] = after
            after_ratio = f"{after / after_per_1k[10000]:.2f}" if 10000 in after_per_1k else "-"
            after_cpu = sum(f[f"{name}_cpu_s"] for name in STAGES[1:]) / thousands
            after_cpu_per_1k[size] = after_cpu
            cpu_ratio = f"{after_cpu / after_cpu_per_1k[10000]:.2f}" if 10000 in after_cpu_per_1k else "-"
            line += (f" {after:>15.3f} {after_ratio:>7} {after_cpu:>6.3f} {cpu_ratio:>7}   "
                     + " / ".join(f"{f[f'{n}_cpu_s']:.2f}" for n in STAGES))
        if args.parse_only:
            line += f"   {f['parse_s']:.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
