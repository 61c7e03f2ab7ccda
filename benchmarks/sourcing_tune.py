"""How the sourcing score's weights and rating cut points are checked and chosen: on the fit split only.

    python benchmarks/sourcing_tune.py [--ratings PATH ...]

The fit split is everything that may be tuned on: the blind train ratings and the tuning half
of the dev ratings (``sourcing_score.py --split fit``).  The reporting half is never read.

It scores every fit article once, keeps each component's fraction (points earned / points
possible) and then prints:

* Spearman's rho of the weights file's total on fit, train and tuning;
* cross-validation by outlet (seven folds: each outlet's articles are scored with weights
  and cut points chosen on the other six outlets' articles) for three ways of choosing the
  weights: the weights file as it stands (nothing fitted), a ridge regression of the rating
  on the fractions (non-negative, shrunk towards the weights file's, so few articles cannot
  move a weight far), and the coarse search of rho in steps of 5 points that sourcing/2 was
  first tuned with.  Out-of-fold rho and miscalls say which generalises; on the fit articles
  the search wins in-sample and loses out of fold, which is why the file is not set by it;
* the rating cut points the fit articles support for the file's weights: "strong" from the
  score that minimises 2 x (the share of articles rated 1-2 at or above it) + (the share of
  those rated 4-5 below it), and "adequate" from the score minimising 2 x (the share rated
  4-5 below it) + (the share rated 1-2 at or above it): each cut point guards first against
  the miscall it exists to prevent.

The printed weights and cut points are copied into attribution/data/score_weights.json by
hand, rounded (weights to 5 points), and only when they beat the file out of fold.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sourcing_score as bench  # noqa: E402

from attribution import score  # noqa: E402

Article = dict[str, object]
Weights = list[float]


def fit_articles(paths: list[Path] | None) -> tuple[list[str], list[Article]]:
    """The component keys, and each fit article's outlet, split, rating and fractions."""
    shared = bench.shared_dir()
    if shared is None:
        return [], []
    rated = bench.rated_articles("fit", shared, paths)
    assert all(r["split"] in ("train", "tuning") for r in rated), "the reporting half is never tuned on"
    found = bench.extractions([r["text"] for r in rated], reuse=True)
    keys = [c["key"] for c in score.weights()["components"]]
    out: list[Article] = []
    for r in rated:
        result = bench.score_of(r["outlet"], found[r["text"]])
        out.append({"outlet": r["outlet"], "split": r["split"], "rating": float(r["rating"]),
                    "fractions": [c.points / c.max_points if c.max_points else 0.0 for c in result.components]})
    return keys, out


def totals(articles: list[Article], w: Weights) -> list[float]:
    scale = 100 / (sum(w) or 1)
    return [scale * sum(wi * fi for wi, fi in zip(w, a["fractions"])) for a in articles]  # type: ignore[arg-type]


def ratings(articles: list[Article]) -> list[float]:
    return [float(a["rating"]) for a in articles]  # type: ignore[arg-type]


def ridge(articles: list[Article], prior: Weights, strength: float = 10.0) -> Weights:
    """rating ~ intercept + sum(b_i x fraction_i), b_i >= 0, penalty strength x sum((b_i - p_i)^2),
    where p is ``prior`` in rating units (100 points = the 4 steps from 1 to 5); by coordinate
    descent.  Returns the b scaled to 100 points."""
    xs = [list(a["fractions"]) for a in articles]  # type: ignore[call-overload]
    ys = ratings(articles)
    p = [4 * v / (sum(prior) or 1) for v in prior]
    b = list(p)
    k = len(p)
    for _ in range(100):
        intercept = statistics.fmean(y - sum(bj * x[j] for j, bj in enumerate(b)) for x, y in zip(xs, ys))
        for j in range(k):
            residual = [y - intercept - sum(b[m] * x[m] for m in range(k) if m != j) for x, y in zip(xs, ys)]
            num = sum(x[j] * r for x, r in zip(xs, residual)) + strength * p[j]
            den = sum(x[j] ** 2 for x in xs) + strength
            b[j] = max(0.0, num / den)
    return [100 * v / (sum(b) or 1) for v in b]


def coarse_search(articles: list[Article], start: Weights) -> Weights:
    """sourcing/2's first tuning: coordinate moves of 5 points (each weight at least 5) while
    rho on ``articles`` rises."""
    ys = ratings(articles)
    best = [float(round(v / 5) * 5) for v in start]
    best_rho = bench.spearman(totals(articles, best), ys)
    improved = True
    while improved:
        improved = False
        for i in range(len(best)):
            for j in range(len(best)):
                if i == j or best[j] <= 5:
                    continue
                trial = list(best)
                trial[i] += 5
                trial[j] -= 5
                value = bench.spearman(totals(articles, trial), ys)
                if value > best_rho + 1e-9:
                    best, best_rho, improved = trial, value, True
    return best


def cut_ranges(scores: list[float], rated: list[float]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The lowest and highest best cut point for "strong" and for "adequate" (see the module's
    docstring); several are often equally good."""
    def best(cost: Callable[[int], float]) -> tuple[int, int]:
        costs = {c: cost(c) for c in range(0, 101)}
        tied = [c for c, v in costs.items() if v == min(costs.values())]
        return tied[0], tied[-1]

    weak = [s for s, r in zip(scores, rated) if r <= 2]
    strong = [s for s, r in zip(scores, rated) if r >= 4]
    # Shares, not counts, of each group: the cut points should not move with how many weak
    # and strong articles a sample happens to hold.
    def share(hits: int, group: list[float]) -> float:
        return hits / (len(group) or 1)

    return (best(lambda c: 2 * share(sum(s >= c for s in weak), weak) + share(sum(s < c for s in strong), strong)),
            best(lambda c: 2 * share(sum(s < c for s in strong), strong) + share(sum(s >= c for s in weak), weak)))


def cut_points(scores: list[float], rated: list[float]) -> tuple[float, float]:
    """(strong from, adequate from): the middle of each range of best cut points."""
    (s_lo, s_hi), (a_lo, a_hi) = cut_ranges(scores, rated)
    strong_from = float(round((s_lo + s_hi) / 2))
    return strong_from, min(float(round((a_lo + a_hi) / 2)), strong_from)


def miscalls(scores: list[float], rated: list[float], cuts: tuple[float, float]) -> tuple[int, int]:
    strong_from, adequate_from = cuts
    return (sum(1 for s, r in zip(scores, rated) if r <= 2 and s >= strong_from),
            sum(1 for s, r in zip(scores, rated) if r >= 4 and s < adequate_from))


def by_outlet(articles: list[Article], choose: Callable[[list[Article]], Weights]) -> dict[str, object]:
    """Out-of-fold totals and miscalls, each outlet scored with what the other six chose."""
    outlets = sorted({str(a["outlet"]) for a in articles})
    scored: list[tuple[float, float]] = []
    called_strong = called_weak = 0
    for outlet in outlets:
        train = [a for a in articles if a["outlet"] != outlet]
        test = [a for a in articles if a["outlet"] == outlet]
        w = choose(train)
        cuts = cut_points(totals(train, w), ratings(train))
        t = totals(test, w)
        s, wk = miscalls(t, ratings(test), cuts)
        called_strong, called_weak = called_strong + s, called_weak + wk
        scored += list(zip(t, ratings(test)))
    return {"rho": bench.spearman([s for s, _ in scored], [r for _, r in scored]),
            "weak_called_strong": called_strong, "strong_called_weak": called_weak}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ratings", type=Path, action="append",
                    help="a ratings file (repeatable; default: the dev ratings and, if present, the train ratings)")
    args = ap.parse_args(argv)
    keys, articles = fit_articles(args.ratings)
    if not articles:
        print("skipped: ../shared or the ratings are missing")
        return 0
    current = [float(c["points"]) for c in score.weights()["components"]]
    n_weak = sum(1 for r in ratings(articles) if r <= 2)
    n_strong = sum(1 for r in ratings(articles) if r >= 4)
    print(f"fit split: {len(articles)} rated articles ({sum(a['split'] == 'train' for a in articles)} train, "
          f"{sum(a['split'] == 'tuning' for a in articles)} tuning); {n_weak} rated 1-2, {n_strong} rated 4-5")
    for split in ("fit", "train", "tuning"):
        part = [a for a in articles if split == "fit" or a["split"] == split]
        if part:
            print(f"weights file, {split}: rho {bench.spearman(totals(part, current), ratings(part)):.3f}")
    print("cross-validated by outlet (out of fold):")
    choices: dict[str, Callable[[list[Article]], Weights]] = {
        "weights file (nothing fitted)": lambda train: current,
        "ridge towards the file": lambda train: ridge(train, current),
        "coarse rho search": lambda train: coarse_search(train, current),
    }
    for name, choose in choices.items():
        found = by_outlet(articles, choose)
        print(f"  {name:32} rho {found['rho']:.3f}; rated 1-2 called strong {found['weak_called_strong']} of "
              f"{n_weak}, rated 4-5 called weak {found['strong_called_weak']} of {n_strong}")
    fitted = ridge(articles, current)
    print("ridge on all fit articles:", {k: round(v, 1) for k, v in zip(keys, fitted)},
          f"rho {bench.spearman(totals(articles, fitted), ratings(articles)):.3f}")
    searched = coarse_search(articles, current)
    print("coarse search on all fit articles:", dict(zip(keys, searched)),
          f"rho {bench.spearman(totals(articles, searched), ratings(articles)):.3f} (in sample)")
    (s_lo, s_hi), (a_lo, a_hi) = cut_ranges(totals(articles, current), ratings(articles))
    print(f"best cut points for the weights file's totals: strong from {s_lo}-{s_hi}, adequate from {a_lo}-{a_hi}")
    cuts = {c["rating"]: float(c["from"]) for c in score.weights()["ratings"]}
    s, w = miscalls(totals(articles, current), ratings(articles), (cuts["strong"], cuts["adequate"]))
    print(f"the file's cut points, strong from {cuts['strong']:g} and adequate from {cuts['adequate']:g}: "
          f"{s} of {n_weak} rated 1-2 called strong, {w} of {n_strong} rated 4-5 called weak (fit, in sample)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
