"""How the sourcing/2 weights were chosen: a coarse search on the tuning split only.

    python benchmarks/sourcing_tune.py

Scores every rated article of the *tuning* split once, keeps each component's fraction (points
earned / points possible), then tries every weighting of the components in steps of 5 points
that sums to 100 (each component at least 5, so none is dropped), by coordinate moves of 5
points from the current weights file, and prints the weighting with the highest Spearman's rho
against the blind ratings.  The reporting split is never read.  The printed weights are
copied into attribution/data/score_weights.json by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sourcing_score as bench  # noqa: E402

from attribution import score  # noqa: E402


def main() -> int:
    shared = bench.shared_dir()
    if shared is None or not bench.LABELS.exists():
        print("skipped: ../shared or the ratings are missing")
        return 0
    rated = [r for r in bench.read_ratings() if r["split"] == "tuning"]
    text_dir = shared / "polnear" / "dev" / "text"
    found = bench.extractions([r["article"] for r in rated], text_dir, reuse=True)
    keys = [c["key"] for c in score.weights()["components"]]
    fractions, ratings = [], []
    for r in rated:
        result = bench.score_of(r["article"], r["outlet"], found[r["article"]])
        fractions.append([c.points / c.max_points if c.max_points else 0.0 for c in result.components])
        ratings.append(float(r["rating"]))

    def rho(w: list[int]) -> float:
        totals = [sum(wi * fi for wi, fi in zip(w, f)) for f in fractions]
        return bench.spearman(totals, ratings)

    current = [int(c["points"]) for c in score.weights()["components"]]
    best, best_rho = current, rho(current)
    improved = True
    while improved:
        improved = False
        for i in range(len(keys)):
            for j in range(len(keys)):
                if i == j or best[j] <= 5:
                    continue
                trial = list(best)
                trial[i] += 5
                trial[j] -= 5
                value = rho(trial)
                if value > best_rho + 1e-9:
                    best, best_rho, improved = trial, value, True
    print(f"start: {dict(zip(keys, current))} rho {rho(current):.3f}")
    print(f"best:  {dict(zip(keys, best))} rho {best_rho:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
