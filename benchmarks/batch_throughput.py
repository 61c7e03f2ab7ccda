"""Benchmark: `attribution compare` over PolNeAR's train and dev articles (924), from one run.

    python benchmarks/batch_throughput.py [--limit N] [--models bundled] [-o benchmarks/RESULTS.md]

Runs, each as its own process on the same texts, timed by wall clock with the peak memory of
the whole process tree sampled from /proc:

1. bare stanza: ``stanza.Pipeline`` over the same models, ``nlp(text)`` on every article, nothing
   else (the floor any tool built on stanza pays), with the same parser batch size and tree
   search (``attribution.tree_decoding``) as ours;
2. ours, cold: ``attribution compare MANIFEST --by outlet`` with one worker and an empty parse
   cache: reading, clutter, parsing, extraction, scoring, readability, tables and charts;
3. ours, cached: the same command again (``--fresh``, so every article is analysed again, from
   the parses cached by run 2);
4. ours, 2 workers: run 2 with ``--workers 2`` and another empty cache.

and writes a Markdown table of the figures against the targets of issue 5, with the machine.
The manifest comes from ``../shared/polnear/metadata.tsv`` (outlet = publisher) and is written
to a temporary folder: PolNeAR's texts and titles are never copied into the repository.
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from attribution.cache import ParseCache  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ATTRIBUTION_SHARED", ROOT.parent / "shared"))

BARE_STANZA = """
import sys, time
from pathlib import Path
import stanza
from attribution.models import resolve
from attribution.parse import DEPPARSE_BATCH_WORDS  # the same pipeline settings as ours
from attribution import tree_decoding
tree_decoding.install()  # and the same tree search, so that the difference is our own work
models = resolve(sys.argv[1])
kwargs = models.pipeline_kwargs()
processors = "tokenize,mwt,pos,lemma,depparse" if ("mwt_model_path" in kwargs or not kwargs) else "tokenize,pos,lemma,depparse"
nlp = stanza.Pipeline("en", dir=str(models.directory), processors=processors, download_method=None,
                      logging_level="WARN", use_gpu=False, depparse_batch_size=DEPPARSE_BATCH_WORDS, **kwargs)
words = 0
for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines():
    doc = nlp(Path(line).read_text(encoding="utf-8"))
    words += doc.num_words
print(words)
"""


@dataclass(frozen=True)
class Run:
    label: str
    seconds: float
    peak_bytes: int
    output: str


def _tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm", encoding="utf-8") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def timed(label: str, command: list[str], ok: tuple[int, ...] = (0, 1)) -> Run:
    shown = " ".join("<script>" if "\n" in part else part for part in command)
    print(f"[{time.strftime('%H:%M:%S')}] {label}: {shown}", flush=True)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=os.environ.copy())
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(process.pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode not in ok:  # compare exits 1 when some article failed
        sys.exit(f"{label} failed with exit status {process.returncode}:\n{output[-3000:]}")
    print(f"    {seconds:.1f} s, peak {peak / 1e9:.2f} GB", flush=True)
    return Run(label, seconds, peak, output)


def write_manifest(folder: Path, limit: int) -> tuple[Path, Path, int]:
    """The manifest (path, outlet, date, title) and a plain list of the files, for the bare run."""
    meta = {}
    with open(SHARED / "polnear" / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    files = sorted((SHARED / "polnear" / "train" / "text").glob("*.txt")) + \
        sorted((SHARED / "polnear" / "dev" / "text").glob("*.txt"))
    if limit:
        files = files[::max(1, len(files) // limit)][:limit]
    manifest, listing = folder / "polnear.csv", folder / "files.txt"
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["path", "outlet", "date", "title", "wire"])
        for path in files:
            row = meta.get(path.stem, {})
            writer.writerow([str(path), row.get("publisher", ""), row.get("publication_date", ""),
                             row.get("title", ""), row.get("wire", "")])
    listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
    return manifest, listing, len(files)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import stanza
    import torch

    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, no GPU used; Linux {platform.release()}; "
            f"Python {platform.python_version()}, torch {torch.__version__}, stanza {stanza.__version__}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only N articles, spread over the corpus (a quick look)")
    ap.add_argument("--models", default="bundled")
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    ap.add_argument("--keep", type=Path, default=None,
                    help="keep the comparison folder of the cold run here (charts, tables, page)")
    args = ap.parse_args(argv)
    if not (SHARED / "polnear" / "metadata.tsv").exists():
        print(f"skipped: {SHARED / 'polnear'} not found (the benchmark needs ../shared)")
        return 0

    work = Path(tempfile.mkdtemp(prefix="attribution-bench-"))
    try:
        manifest, listing, count = write_manifest(work, args.limit)
        compare = [sys.executable, "-m", "attribution", "--models", args.models, "compare", str(manifest),
                   "--by", "outlet"]
        bare = timed("bare stanza", [sys.executable, "-c", BARE_STANZA, args.models, str(listing)], ok=(0,))
        words = int(bare.output.strip().splitlines()[-1])
        cold = timed("ours, 1 worker, cold cache",
                     compare + ["-o", str(work / "one"), "--cache-dir", str(work / "cache1"), "--workers", "1"])
        cached = timed("ours, 1 worker, cached parses",
                       compare + ["-o", str(work / "one"), "--cache-dir", str(work / "cache1"), "--workers", "1",
                                  "--fresh"])
        two = timed("ours, 2 workers, cold cache",
                    compare + ["-o", str(work / "two"), "--cache-dir", str(work / "cache2"), "--workers", "2"])
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(work / "one", args.keep)
        # Keep the cold run's parses in the user's cache, for polnear_extraction.py and compare.
        shutil.copytree(work / "cache1", ParseCache().directory, dirs_exist_ok=True)
        summary = cold.output.strip().splitlines()[-1] if cold.output.strip() else ""
    finally:
        shutil.rmtree(work, ignore_errors=True)

    overhead = cold.seconds / bare.seconds - 1
    cached_speedup = cold.seconds / cached.seconds
    worker_speedup = cold.seconds / two.seconds
    peak = max(r.peak_bytes for r in (cold, cached, two))
    rows = [
        ("Words per second, end to end (1 worker, cold)", f"{words / cold.seconds:,.0f}", "",
         f"{words:,} words in {cold.seconds:.0f} s"),
        ("Our time over bare stanza's on the same texts", f"+{overhead:.1%}" if overhead >= 0 else f"{overhead:.1%}",
         "<= +10%", f"{cold.seconds:.0f} s vs {bare.seconds:.0f} s"),
        ("Cached re-run speed-up", f"{cached_speedup:.1f}x", ">= 20x", f"{cached.seconds:.1f} s"),
        ("Speed-up with 2 workers", f"{worker_speedup:.2f}x", ">= 1.7x", f"{two.seconds:.0f} s"),
        ("Peak memory (all processes)", f"{peak / 1e9:.2f} GB", "<= 2 GB",
         f"bare stanza: {bare.peak_bytes / 1e9:.2f} GB"),
    ]
    lines = [
        "# Batch throughput on PolNeAR",
        "",
        f"`python benchmarks/batch_throughput.py{' --limit ' + str(args.limit) if args.limit else ''}`, "
        f"{time.strftime('%Y-%m-%d')}: `attribution compare` over {count} PolNeAR articles "
        f"(train and dev, {words:,} words as stanza counts them), models `{args.models}`.",
        "",
        f"Machine: {machine()}.",
        "",
        "| Measure | Result | Target | Detail |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        "Runs (each a fresh process, wall clock, model loading included):",
        "",
        f"1. bare stanza, `nlp(text)` per article, same models: {bare.seconds:.1f} s;",
        f"2. `attribution compare MANIFEST --by outlet --workers 1`, empty parse cache: {cold.seconds:.1f} s;",
        f"3. the same again with `--fresh` (every article re-analysed from cached parses): {cached.seconds:.1f} s;",
        f"4. as 2 with `--workers 2` and another empty cache: {two.seconds:.1f} s.",
        "",
        f"Run 2 ended: `{summary}`",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
