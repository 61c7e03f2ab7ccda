"""Benchmark: each reading the sourcing score rests on, against what the blind raters recorded.

    python benchmarks/sourcing_components.py [--split fit|train|tuning|reporting|all] [--reuse]
                                             [--misses COLUMN]

The blind raters recorded for every rated article, beside its 1-5 rating, what they saw
(benchmarks/labels/README.md): ``distinct_sources``, ``anonymous_sources``,
``central_claim_attributed`` (yes/partly/no), ``relies_on_other_outlet`` (yes/no) and ``wire``
(yes/no).  The score reads the same things off the text (:func:`attribution.score.signals`).
For each column this prints how well the tool's reading agrees with the rater's:

* distinct sources and anonymous sources: Spearman's rho of the counts, the median ratio
  tool / rater (over articles the rater gave at least one), and for anonymous sources the
  precision and recall of "has any";
* other-outlet reliance and wire: precision and recall of the tool's flag, with the counts;
* central claim attributed: the yes/partly/no table and the share of exact agreement;
* and, for scale, the rho of each rater column with the rating: how much each column
  matters to the reader.

It is the evidence of which component to fix first.  ``--misses COLUMN`` lists the articles
where the tool and the rater disagree on that column (ids and the two readings only, never
text).  Splits as in ``sourcing_score.py``; use ``fit`` while working (the reporting half is
read once, at the end).  Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sourcing_score as bench  # noqa: E402

from attribution import score, sources  # noqa: E402

COLUMNS = ("distinct_sources", "anonymous_sources", "relies_on_other_outlet", "wire", "central_claim_attributed")
CLAIM_ORDER = {"no": 0, "partly": 1, "yes": 2}


def readings(rated: list[dict[str, str]], reuse: bool) -> list[dict[str, object]]:
    """Each rated article's rater columns beside the tool's readings."""
    found = bench.extractions([r["text"] for r in rated], reuse)
    out = []
    for r in rated:
        document, attributions, lines = found[r["text"]]
        got = score.signals(attributions, sources.profiles(attributions, document), document, lines,
                            bench.OUTLETS.get(r["outlet"], r["outlet"]))
        out.append({"article": r["article"], "rating": int(r["rating"]), "rater": r, "tool": got})
    return out


def precision_recall(pairs: list[tuple[bool, bool]]) -> str:
    """pairs: (tool says yes, rater says yes)."""
    tp = sum(1 for t, g in pairs if t and g)
    fp = sum(1 for t, g in pairs if t and not g)
    fn = sum(1 for t, g in pairs if g and not t)
    p = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"
    r = f"{tp / (tp + fn):.2f}" if tp + fn else "n/a"
    return f"precision {p} ({tp} of {tp + fp} flagged), recall {r} ({tp} of {tp + fn} rated yes)"


def count_line(name: str, tool: list[int], rater: list[int]) -> str:
    ratios = [t / g for t, g in zip(tool, rater) if g > 0]
    median_ratio = f"{statistics.median(ratios):.2f}" if ratios else "n/a"
    return (f"{name}: rho {bench.spearman([float(t) for t in tool], [float(g) for g in rater]):.2f}, "
            f"median tool/rater {median_ratio}, rater median {statistics.median(rater):g}, "
            f"tool median {statistics.median(tool):g}")


def yes(value: str) -> bool:
    return value.strip().lower() == "yes"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="fit", choices=sorted(bench.SPLITS))
    ap.add_argument("--reuse", action="store_true", help=f"keep extractions in {bench.REUSE} between runs")
    ap.add_argument("--misses", choices=COLUMNS, help="list the articles where tool and rater disagree on a column")
    args = ap.parse_args(argv)

    shared = bench.shared_dir()
    if shared is None:
        print("skipped: ../shared/polnear/dev/text not found (the benchmark needs ../shared)")
        return 0
    rated = [r for r in bench.rated_articles(args.split, shared)
             if all((r.get(c) or "").strip() for c in COLUMNS)]
    if not rated:
        print(f"skipped: no rated article of split {args.split!r} with every column filled")
        return 0
    rows = readings(rated, args.reuse)
    tool = [row["tool"] for row in rows]
    rater = [row["rater"] for row in rows]
    print(f"split: {args.split}, {len(rows)} rated articles, method {score.weights()['method']}")
    print(count_line("distinct sources", [t.distinct_sources for t in tool],  # type: ignore[attr-defined]
                     [int(g["distinct_sources"]) for g in rater]))
    print(count_line("  named on record only (tool) vs distinct", [t.named_sources for t in tool],  # type: ignore[attr-defined]
                     [int(g["distinct_sources"]) for g in rater]))
    anon_tool = [t.anonymous_sources for t in tool]  # type: ignore[attr-defined]
    anon_rater = [int(g["anonymous_sources"]) for g in rater]
    print(count_line("anonymous sources", anon_tool, anon_rater))
    print("  has any anonymous source: " + precision_recall([(t > 0, g > 0) for t, g in zip(anon_tool, anon_rater)]))
    print("relies on another outlet: " + precision_recall(
        [(t.relies_on_other_outlet, yes(g["relies_on_other_outlet"])) for t, g in zip(tool, rater)]))  # type: ignore[attr-defined]
    print("wire: " + precision_recall([(bool(t.wire), yes(g["wire"])) for t, g in zip(tool, rater)]))  # type: ignore[attr-defined]
    claims = [(t.central_claim, g["central_claim_attributed"].strip().lower()) for t, g in zip(tool, rater)]  # type: ignore[attr-defined]
    agree = sum(1 for t, g in claims if t == g)
    print(f"central claim attributed: exact agreement {agree / len(claims):.2f} ({agree} of {len(claims)}), rho "
          f"{bench.spearman([float(CLAIM_ORDER[t]) for t, _ in claims], [float(CLAIM_ORDER.get(g, 1)) for _, g in claims]):.2f}")
    print("  | rater \\ tool | yes | partly | no |")
    print("  |---|---|---|---|")
    for g in ("yes", "partly", "no"):
        print(f"  | {g} | " + " | ".join(str(sum(1 for t, h in claims if h == g and t == c))
                                         for c in ("yes", "partly", "no")) + " |")
    ratings = [float(row["rating"]) for row in rows]  # type: ignore[arg-type]
    scale = {
        "distinct_sources": [float(g["distinct_sources"]) for g in rater],
        "anonymous_sources": [float(g["anonymous_sources"]) for g in rater],
        "relies_on_other_outlet": [float(yes(g["relies_on_other_outlet"])) for g in rater],
        "wire": [float(yes(g["wire"])) for g in rater],
        "central_claim_attributed": [float(CLAIM_ORDER.get(g["central_claim_attributed"].strip().lower(), 1))
                                     for g in rater],
    }
    print("rho of each rater column with the rating: "
          + ", ".join(f"{k} {bench.spearman(v, ratings):+.2f}" for k, v in scale.items()))
    if args.misses:
        print(f"misses on {args.misses} (rating, article, tool, rater):")
        for row in rows:
            t, g = row["tool"], row["rater"]
            got = {"distinct_sources": t.distinct_sources, "anonymous_sources": t.anonymous_sources,  # type: ignore[attr-defined]
                   "relies_on_other_outlet": "yes" if t.relies_on_other_outlet else "no",  # type: ignore[attr-defined]
                   "wire": "yes" if t.wire else "no", "central_claim_attributed": t.central_claim}[args.misses]  # type: ignore[attr-defined]
            want = g[args.misses].strip().lower()  # type: ignore[index]
            if str(got) != want:
                extra = f" outlets={list(t.other_outlets)} wire={list(t.wire)}"  # type: ignore[attr-defined]
                print(f"  {row['rating']} {row['article'][:55]:55} tool={got} rater={want}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
