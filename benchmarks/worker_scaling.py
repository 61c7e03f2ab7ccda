"""Benchmark: how much two worker processes can gain over one on this machine.

    python benchmarks/worker_scaling.py [--articles 12]

`attribution compare --workers 1` parses in one process with torch's default threads (one per
core), so one worker already uses both cores of a 2-core machine for part of the work; two
workers run one thread each.  This script parses the same PolNeAR train articles

1. in one process with one thread,
2. in one process with two threads (what --workers 1 does here),
3. in two one-thread processes side by side (what --workers 2 does), each on all the articles,

and prints the times and the ceiling they put on the 2-worker speed-up that
`benchmarks/batch_throughput.py` measures: 2 x time(2 threads) / time(two side by side).
Model loading is not timed.  Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ATTRIBUTION_SHARED", ROOT.parent / "shared"))

WORKER = """
import sys, time
from pathlib import Path
from attribution.parse import load_parser
threads = int(sys.argv[1])
parser = load_parser("bundled", threads)  # sets torch's thread count
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
parser.parse(texts[0][:500])  # warm-up
start = time.perf_counter()
for text in texts:
    parser.parse(text)
print(time.perf_counter() - start)
"""


def _start(threads: int, files: list[Path]) -> subprocess.Popen[str]:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", WORKER, str(threads), *map(str, files)],
                            stdout=subprocess.PIPE, text=True, env=env)


def _seconds(process: subprocess.Popen[str]) -> float:
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"a parsing process failed (exit {process.returncode})")
    return float(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=12, help="PolNeAR train articles to parse (default 12)")
    args = ap.parse_args()
    folder = SHARED / "polnear" / "train" / "text"
    if not folder.is_dir():
        print(f"{folder} not found: this benchmark needs ../shared (PolNeAR); nothing measured")
        return 0
    files = sorted(folder.glob("*.txt"))[: args.articles]
    one_thread = _seconds(_start(1, files))
    two_threads = _seconds(_start(2, files))
    pair = [_start(1, files), _start(1, files)]
    side_by_side = max(_seconds(p) for p in pair)
    print(f"{len(files)} articles")
    print(f"1 process, 1 thread:             {one_thread:6.1f} s")
    print(f"1 process, 2 threads:            {two_threads:6.1f} s  ({one_thread / two_threads:.2f}x one thread)")
    print(f"2 processes side by side, each:  {side_by_side:6.1f} s  "
          f"(hardware scaling {2 * one_thread / side_by_side:.2f}x of 2)")
    print(f"ceiling for --workers 2 over --workers 1: {2 * two_threads / side_by_side:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
