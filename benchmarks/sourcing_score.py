"""Benchmark: the sourcing score against the team's blind ratings of PolNeAR dev articles.

    python benchmarks/sourcing_score.py [--split tuning|reporting|all] [--articles] [--reuse]

Reads the ratings (benchmarks/labels/polnear-dev-ratings.tsv, 1-5 by
../shared/labels/SOURCING-RUBRIC.md) and the articles' text from ../shared (or
$ATTRIBUTION_SHARED), analyses each rated article of the chosen split exactly as
`attribution analyze` does (through the shared parse cache, so only the first run parses),
with the article's outlet given as a manifest would give it, and prints

* Spearman's rho of score vs rating;
* the rating table: rating, articles, median score, range;
* how many articles rated 1-2 the tool calls "strong", and how many rated 4-5 it calls "weak";
* the gap between the median scores of the articles rated 1-2 and those rated 4-5.

Targets (issue 16), on the reporting split: rho >= 0.75; no 1-2 called strong and no 4-5
called weak; the 1-2 median at least 30 points below the 4-5 median.  Tune on ``tuning``
only; the reporting figures are computed once, for the record.

``--reuse`` keeps each article's extraction in /tmp/sourcing-score-extractions.pickle, so
that re-scoring after a change of weights takes a second; drop it after changing extraction.
PolNeAR's texts are copyrighted: they are read from ../shared and never copied into the repo.
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution import clutter, extract, score, sources  # noqa: E402
from attribution.api import parse_article  # noqa: E402
from attribution.cache import ParseCache  # noqa: E402
from attribution.results import Attribution, Clutter, ParsedDocument  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "polnear-dev-ratings.tsv"
REUSE = Path("/tmp/sourcing-score-extractions.pickle")
# The outlets of PolNeAR's file names, as a manifest would name them (so that "told The
# Times" in a Times story is read as the Times' own interview).
OUTLETS = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times", "politico": "Politico",
           "usa-today": "USA Today", "wash-post": "The Washington Post", "west-journal": "The Western Journal"}


def shared_dir() -> Path | None:
    """../shared beside the repository, or beside its parent (a worktree), or $ATTRIBUTION_SHARED."""
    candidates = [Path(os.environ["ATTRIBUTION_SHARED"])] if os.environ.get("ATTRIBUTION_SHARED") else []
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((c for c in candidates if (c / "polnear" / "dev" / "text").is_dir()), None)


def read_ratings(path: Path = LABELS) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


Extraction = tuple[ParsedDocument, tuple[Attribution, ...], tuple[Clutter, ...]]


def extractions(stems: list[str], text_dir: Path, reuse: bool) -> dict[str, Extraction]:
    """Each article's parse, attributions and clutter (parses come from the shared cache)."""
    stored: dict[str, Extraction] = {}
    if reuse and REUSE.exists():
        with open(REUSE, "rb") as fh:
            stored = pickle.load(fh)
    cache = ParseCache()
    missing = [s for s in stems if s not in stored]
    for stem in missing:
        with open(text_dir / f"{stem}.txt", encoding="utf-8", newline="") as fh:
            text = fh.read()
        found = clutter.find(text)
        document = parse_article(text, clutter.keep(text, found), cache=cache)
        stored[stem] = (document, extract.attributions(document, found), found)
    if reuse and missing:
        with open(REUSE, "wb") as fh:
            pickle.dump(stored, fh)
    return stored


def score_of(stem: str, outlet: str, found: Extraction):  # type: ignore[no-untyped-def]
    document, attributions, lines = found
    return score.sourcing(attributions, sources.profiles(attributions, document), document, lines,
                          OUTLETS.get(outlet, outlet))


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rho: Pearson's r of the ranks, ties given their average rank."""
    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda i: values[i])
        out = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return out

    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def figures(rows: list[tuple[int, int, str]]) -> dict[str, object]:
    """rows: (rating, score, tool's rating word)."""
    weak_rated = [s for r, s, _ in rows if r <= 2]
    strong_rated = [s for r, s, _ in rows if r >= 4]
    return {
        "n": len(rows),
        "rho": spearman([float(s) for _, s, _ in rows], [float(r) for r, _, _ in rows]),
        "weak_called_strong": sum(1 for r, _, w in rows if r <= 2 and w == "strong"),
        "weak_rated": len(weak_rated),
        "strong_called_weak": sum(1 for r, _, w in rows if r >= 4 and w == "weak"),
        "strong_rated": len(strong_rated),
        "gap": (statistics.median(strong_rated) - statistics.median(weak_rated)) if weak_rated and strong_rated else None,
        "table": [(rating, [s for r, s, _ in rows if r == rating]) for rating in range(1, 6)],
    }


NAMES = {1: "1 very weak", 2: "2 weak", 3: "3 adequate", 4: "4 strong", 5: "5 very strong"}


def print_figures(found: dict[str, object], split: str) -> None:
    print(f"split: {split}, {found['n']} rated articles, method {score.weights()['method']}")
    print("| blind rating | articles | median score | range |")
    print("|---|---|---|---|")
    for rating, scores in found["table"]:  # type: ignore[attr-defined]
        if scores:
            print(f"| {NAMES[rating]} | {len(scores)} | {statistics.median(scores):g} | {min(scores)}-{max(scores)} |")
        else:
            print(f"| {NAMES[rating]} | 0 | - | - |")
    print(f"Spearman's rho: {found['rho']:.2f} (target >= 0.75)")
    print(f"rated 1-2 called strong: {found['weak_called_strong']} of {found['weak_rated']} (target 0)")
    print(f"rated 4-5 called weak: {found['strong_called_weak']} of {found['strong_rated']} (target 0)")
    gap = found["gap"]
    print(f"median of 4-5 minus median of 1-2: {gap:g} points (target >= 30)" if gap is not None else "gap: n/a")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="tuning", choices=["tuning", "reporting", "all"])
    ap.add_argument("--articles", action="store_true", help="list each article: rating, score, the tool's reason")
    ap.add_argument("--reuse", action="store_true", help=f"keep extractions in {REUSE} between runs")
    args = ap.parse_args(argv)

    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared/polnear/dev/text not found (the benchmark needs ../shared)")
        return 0
    if not LABELS.exists():
        print(f"skipped: {LABELS} not found")
        return 0
    rated = [r for r in read_ratings() if args.split == "all" or r["split"] == args.split]
    text_dir = shared / "polnear" / "dev" / "text"
    rated = [r for r in rated if (text_dir / f"{r['article']}.txt").exists()]
    found = extractions([r["article"] for r in rated], text_dir, args.reuse)
    rows = []
    for r in rated:
        result = score_of(r["article"], r["outlet"], found[r["article"]])
        rows.append((int(r["rating"]), result.total, result.rating))
        if args.articles:
            parts = " ".join(f"{c.key}={c.points:.0f}" for c in result.components)
            print(f"{r['rating']} {result.total:3d} {result.rating:8} {r['article'][:50]:50} {parts}")
            print(f"      tool: {result.reason}")
            print(f"      rater: {r['reason']}")
    print_figures(figures(rows), args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
