"""How well the team's two blind readers agree: the ceiling the tool's targets are read against.

    python benchmarks/label_agreement.py

Compares, with no article text and no tool output involved:
- the sourcing ratings of PolNeAR dev (`labels/polnear-dev-ratings.tsv`, the reader the score is
  tuned and reported against) with a second reader's (`...-ratings-second-reader.tsv`):
  Spearman's rho, exact agreement and agreement within one point, per half;
- the source types of the spans both labelled (`...-sources-tuning.tsv` against
  `...-sources-second-annotator.tsv`, the first 10 tuning articles): label agreement, the
  anonymous-informant F1 of one against the other, and distinct sources per article.

Both readers worked blind to the tool and to each other, but they are one kind of reader using one
guide, so their agreement is an upper estimate of what two newsroom editors would reach.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from sourcing_score import spearman  # benchmarks/sourcing_score.py: the same rho the score is judged by

LABELS = Path(__file__).resolve().parent / "labels"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def rating_agreement() -> None:
    first = {r["article"]: r for r in read_tsv(LABELS / "polnear-dev-ratings.tsv")}
    second = {r["article"]: r for r in read_tsv(LABELS / "polnear-dev-ratings-second-reader.tsv")}
    print("Sourcing ratings, reader 1 against reader 2")
    print("| half | articles | Spearman rho | exact | within 1 |\n|---|---|---|---|---|")
    for half in ("tuning", "reporting", "all"):
        ids = [a for a in first if a in second and half in ("all", first[a]["split"])]
        x = [int(first[a]["rating"]) for a in ids]
        y = [int(second[a]["rating"]) for a in ids]
        exact = sum(a == b for a, b in zip(x, y)) / len(ids)
        near = sum(abs(a - b) <= 1 for a, b in zip(x, y)) / len(ids)
        print(f"| {half} | {len(ids)} | {spearman(x, y):.3f} | {exact:.2f} | {near:.2f} |")


def is_anonymous_informant(row: dict[str, str]) -> bool:
    return row["label"] == "unnamed_individual" and row["role"] == "informant"


def source_agreement() -> None:
    first = {(r["article"], r["source_id"]): r for r in read_tsv(LABELS / "polnear-dev-sources-tuning.tsv")}
    second = {(r["article"], r["source_id"]): r for r in read_tsv(LABELS / "polnear-dev-sources-second-annotator.tsv")}
    both = [k for k in second if k in first]
    same = sum(first[k]["label"] == second[k]["label"] for k in both)
    print(f"\nSource types, annotator 1 against annotator 2: {len(both)} spans in "
          f"{len({k[0] for k in both})} articles, label agreement {same / len(both):.3f}")
    for (a, b), n in Counter((first[k]["label"], second[k]["label"]) for k in both
                             if first[k]["label"] != second[k]["label"]).most_common():
        print(f"  {a} / {b}: {n}")
    in_first = sum(is_anonymous_informant(first[k]) for k in both)
    in_second = sum(is_anonymous_informant(second[k]) for k in both)
    in_both = sum(is_anonymous_informant(first[k]) and is_anonymous_informant(second[k]) for k in both)
    f1 = 2 * in_both / (in_first + in_second) if in_first + in_second else float("nan")
    print(f"  anonymous informants: {in_first} and {in_second} spans, {in_both} in both, F1 {f1:.2f}")
    gaps = []
    for article in sorted({k[0] for k in both}):
        keys = [k for k in both if k[0] == article]
        n1, n2 = len({first[k]["profile"] for k in keys}), len({second[k]["profile"] for k in keys})
        gaps.append(abs(n1 - n2) / max(n1, n2))
    print(f"  distinct sources per article: mean relative difference {sum(gaps) / len(gaps):.1%}, "
          f"largest {max(gaps):.1%}")


if __name__ == "__main__":
    rating_agreement()
    source_agreement()
