"""Benchmark: attribution extraction on PolNeAR, scored by ../shared/eval/score.py.

    python benchmarks/polnear_extraction.py [--split dev|train] [--models bundled] [-o OUTDIR]

Parses every article of the split with the chosen stanza models (through the same parse
cache as `attribution analyze`, ~/.cache/attribution/parses, so only the first run is slow),
runs clutter removal and extraction exactly as `attribution analyze` does, writes one
contract-format JSON per article to OUTDIR and prints the scorer's table.

PolNeAR's texts are copyrighted: they are read from ../shared and never copied into the repo.
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution import clutter, extract  # noqa: E402
from attribution.api import parse_article  # noqa: E402
from attribution.cache import ParseCache  # noqa: E402
from attribution.models import resolve  # noqa: E402
from attribution.results import SCHEMA_VERSION, Clutter, ParsedDocument  # noqa: E402

SHARED = Path(os.environ.get("ATTRIBUTION_SHARED", ROOT.parent / "shared"))
# The same parse cache as `attribution analyze|compare` ($ATTRIBUTION_CACHE_DIR or
# ~/.cache/attribution/parses), so a compare run over PolNeAR fills it for this benchmark too.
CACHE = ParseCache()


def cached_parse(text: str, found: tuple[Clutter, ...], models: str) -> ParsedDocument:
    """The parse of the article's non-clutter regions, exactly as `attribution analyze` makes it."""
    return parse_article(text, clutter.keep(text, found), models, CACHE)


def is_cached(text: str, found: tuple[Clutter, ...], models: str) -> bool:
    return CACHE.get(text, clutter.keep(text, found), resolve(models).cache_key) is not None


def analyze_text(doc: ParsedDocument, found: tuple[Clutter, ...]) -> dict[str, object]:
    attributions = extract.attributions(doc, found)
    return {"schema": SCHEMA_VERSION, "attributions": [a.to_dict() for a in attributions],
            "clutter": [c.to_dict() for c in found]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--models", default="bundled", help="bundled, official or a model folder")
    ap.add_argument("-o", "--out", default=None, help="prediction folder (default: /tmp/polnear-<split>)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--sample", type=int, default=0,
                    help="only N articles drawn at random (seed 0), spread over the outlets")
    ap.add_argument("--parse-only", action="store_true", help="fill the parse cache and stop")
    ap.add_argument("--cached-only", action="store_true",
                    help="skip articles not parsed yet (the score then counts them as missed)")
    args = ap.parse_args(argv)

    split_dir = SHARED / "polnear" / args.split
    scorer = SHARED / "eval" / "score.py"
    if not split_dir.is_dir() or not scorer.exists():
        print(f"skipped: {split_dir} or {scorer} not found (the benchmark needs ../shared)")
        return 0
    out = Path(args.out or f"/tmp/polnear-{args.split}")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    texts = sorted((split_dir / "text").glob("*.txt"))
    if args.sample:
        texts = sorted(random.Random(0).sample(texts, min(args.sample, len(texts))))
    if args.limit:
        texts = texts[: args.limit]
    started = time.time()
    for number, path in enumerate(texts, 1):
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        found = clutter.find(text)
        if args.cached_only and not is_cached(text, found, args.models):
            continue
        doc = cached_parse(text, found, args.models)
        if args.parse_only:
            if number % 20 == 0:
                print(f"parsed {number}/{len(texts)} in {time.time() - started:.0f}s", flush=True)
            continue
        result = analyze_text(doc, found)
        (out / f"{path.stem}.json").write_text(json.dumps(result, indent=1, sort_keys=True), encoding="utf-8")
    if args.parse_only:
        return 0
    if not (args.sample or args.limit):
        cmd = [sys.executable, str(scorer), "--gold", str(split_dir), "--pred", str(out)]
        print("$", " ".join(cmd), flush=True)
        return subprocess.call(cmd)
    # A sample is scored against its own articles only (the scorer counts every gold article
    # without a prediction file as missed, which would make recall meaningless).
    with tempfile.TemporaryDirectory() as tmp:
        gold = _gold_subset(split_dir, [p.stem for p in texts], Path(tmp))
        cmd = [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(out)]
        print("$", " ".join(cmd), f"  # the {len(texts)} sampled articles of {split_dir}", flush=True)
        return subprocess.call(cmd)


def _gold_subset(split_dir: Path, stems: list[str], tmp: Path) -> Path:
    """A split folder under ``tmp`` linking only the given articles' text and annotations."""
    gold = tmp / split_dir.name
    for sub in ("text", "attributions"):
        (gold / sub).mkdir(parents=True)
    wanted = set(stems)
    for stem in stems:
        (gold / "text" / f"{stem}.txt").symlink_to(split_dir / "text" / f"{stem}.txt")
    for ann in (split_dir / "attributions").iterdir():
        if ann.name.rsplit("_", 1)[0] in wanted:
            (gold / "attributions" / ann.name).symlink_to(ann)
    metadata = split_dir.parent / "metadata.tsv"
    if metadata.exists():
        (tmp / "metadata.tsv").symlink_to(metadata)
    return gold


if __name__ == "__main__":
    sys.exit(main())
