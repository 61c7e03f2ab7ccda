"""Benchmark: time and peak memory of one long article, by length (issue 19).

    python benchmarks/long_inputs.py                       # 1k, 10k, 100k and 300k words
    python benchmarks/long_inputs.py --sizes 1000,10000    # a quick run
    python benchmarks/long_inputs.py --threads 2 --stages
    python benchmarks/long_inputs.py --sizes 10000,300000 --parse-only

Each size runs in a fresh process (so its peak RSS is its own), with ``torch`` limited to
``--threads`` threads and no parse cache: reading, clutter, parsing, extraction, profiles,
scoring and readability, as ``attribution analyze`` does (``api.analyze``).  With ``--stages``
the parse and the rest (extraction, profiles, score, readability) are timed apart, which tells
the parser's share (attribution/parse.py) from extraction's (attribution/extract/).

The article is made of sentences written for this benchmark (news-like paragraphs with direct
quotes, reported speech, "according to" and anonymous sources), numbered so no two paragraphs
are alike; no PolNeAR or other copyrighted text.  Prints one line per size: words, bytes,
seconds, seconds per 1,000 words (wall clock, and CPU time of all threads, which a busy shared
machine inflates less), peak RSS, and the ratio of seconds per 1,000 words to the 10k-word
run's (the target: at most 1.5 at 300k words).

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


def measure(words: int, threads: int, stages: bool, parse_only: bool = False) -> dict[str, float]:
    """Run one size in this process and return its figures."""
    import torch

    torch.set_num_threads(threads)
    sys.path.insert(0, str(ROOT))
    from attribution import api, clutter, extract
    from attribution.parse import load_parser
    from attribution.report import ArticleReport
    from attribution.results import Article

    text = article(words)
    load_parser("bundled")
    # Loading the models, lexicons and textstat's dictionary is not part of the article's time.
    api.analyze(Article("warm-up", article(60)), "bundled", None)
    start = time.perf_counter()
    cpu_start = _cpu_seconds()
    figures: dict[str, float] = {}
    if parse_only:
        found = clutter.find(text)
        document = api.parse_article(text, clutter.keep(text, found), "bundled", None)
        seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
        return {"words": document.num_words, "bytes": len(text.encode("utf-8")), "seconds": seconds, "cpu_s": cpu,
                "parse_s": seconds, "extract_s": float("nan"), "assess_s": float("nan"), "attributions": -1,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if stages:
        found = clutter.find(text)
        document = api.parse_article(text, clutter.keep(text, found), "bundled", None)
        parsed = time.perf_counter()
        attributions = extract.attributions(document, found)
        extracted = time.perf_counter()
        report = api.assess(ArticleReport(Article("long", text), document, attributions, found), None)
        figures.update(parse_s=parsed - start, extract_s=extracted - parsed,
                       assess_s=time.perf_counter() - extracted)
    else:
        report = api.analyze(Article("long", text), "bundled", None)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000,300000",
                        help="comma-separated article lengths in words [default: %(default)s]")
    parser.add_argument("--threads", type=int, default=2, help="torch threads [default: 2]")
    parser.add_argument("--stages", action="store_true", help="time parsing and the rest apart")
    parser.add_argument("--parse-only", action="store_true",
                        help="stop after clutter and parsing (the parser's share alone)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.threads, args.stages or args.parse_only, args.parse_only)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), PYTHONPATH=str(ROOT))
    print(f"{'words':>8} {'bytes':>10} {'seconds':>9} {'s/1k words':>10} {'CPU s/1k':>9} {'peak RSS':>9} {'vs 10k':>7}"
          + ("   parse / extract / assess s" if args.stages or args.parse_only else ""), flush=True)
    per_1k: dict[int, float] = {}
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size), "--threads", str(args.threads)]
        if args.stages or args.parse_only:
            command.append("--stages")
        if args.parse_only:
            command.append("--parse-only")
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            print(f"{size:>8} failed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        f = json.loads(done.stdout.strip().splitlines()[-1])
        rate = f["seconds"] / (f["words"] / 1000)
        per_1k[size] = rate
        ratio = f"{rate / per_1k[10000]:.2f}" if 10000 in per_1k else "-"
        cpu_rate = f["cpu_s"] / (f["words"] / 1000)
        line = (f"{int(f['words']):>8} {int(f['bytes']):>10} {f['seconds']:>9.1f} {rate:>10.2f} {cpu_rate:>9.2f} "
                f"{f['peak_rss_mb']:>7.0f}MB {ratio:>7}")
        if args.stages or args.parse_only:
            line += f"   {f['parse_s']:.1f} / {f['extract_s']:.1f} / {f['assess_s']:.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
