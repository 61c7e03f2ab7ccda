"""Benchmark: source typing, anonymous (informant) sources and distinct profiles against the
team's blind labels of PolNeAR dev (benchmarks/labels/polnear-dev-sources-*.tsv).

    python benchmarks/source_typing.py --half tuning      # tune on this one only
    python benchmarks/source_typing.py --half reporting   # report on this one only
    python benchmarks/source_typing.py --split train      # the labelled train articles: tuning data too
    python benchmarks/source_typing.py --split train --labels PATH   # a labels file elsewhere

For each labelled article it runs the tool as `attribution analyze` does (clutter, the parse
from the shared parse cache, extraction, source profiles) and matches every labelled PolNeAR
Source span to the tool's attribution whose source span overlaps it most.  It prints:

- found: the share of labelled spans the tool has an attribution for at all;
- source-type accuracy: the profile's guide label against the hand label, over the found
  spans and over all spans (a span not found counts as wrong); the guide's "other" (the
  author's I/we, a generic "you") is right when the tool says unresolved;
- anonymous sources: precision, recall and F1 of the tool's anonymous sources (unnamed
  individuals who are informants) against the hand labels' unnamed_individual + informant;
  recall over all labelled spans, precision over the found ones;
- for unnamed individuals typed right: the stated count kept and the stated reason found;
- profiles: per article, the distinct tool profiles among the found spans and among all the
  tool's typed profiles, against the hand count of distinct profiles (of all labelled spans,
  and of the found ones only, which leaves extraction's misses out); and a B-cubed F1 of the
  tool's grouping of the found spans against the hand grouping.

PolNeAR's texts are read from ../shared and never copied; exits 0 with a message when it is
absent.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution import clutter, extract, sources  # noqa: E402
from attribution.api import parse_article  # noqa: E402
from attribution.cache import ParseCache  # noqa: E402
from attribution.models import resolve  # noqa: E402

SHARED = Path(os.environ.get("ATTRIBUTION_SHARED", ROOT.parent / "shared"))
if not SHARED.is_dir() and Path("/work/shared").is_dir():
    SHARED = Path("/work/shared")
LABELS = ROOT / "benchmarks" / "labels"
CACHE = ParseCache()


def labels_path(split: str, half: str) -> Path:
    """The labels file of a PolNeAR split: dev has two halves, train one file."""
    if split == "train":
        return LABELS / "polnear-train-sources.tsv"
    return LABELS / f"polnear-dev-sources-{half}.tsv"


def read_labels(half: str, path: Path | None = None) -> dict[str, list[dict[str, str]]]:
    path = path or labels_path("dev", half)
    by_article: dict[str, list[dict[str, str]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t"):
        by_article[row["article"]].append(row)
    return by_article


def text_of(article: str, split: str = "dev") -> str | None:
    found = sorted((SHARED / "polnear" / split / "text").glob(article + "*.txt"))
    if not found:
        return None
    with open(found[0], encoding="utf-8", newline="") as fh:
        return fh.read()


def analyse(text: str, models: str, cached_only: bool):  # type: ignore[no-untyped-def]
    found = clutter.find(text)
    regions = clutter.keep(text, found)
    if cached_only and CACHE.get(text, regions, resolve(models).cache_key) is None:
        return None
    document = parse_article(text, regions, models, CACHE)
    attributions = extract.attributions(document, found)
    return attributions, sources.profiles(attributions, document)


def best_match(start: int, end: int, attributions):  # type: ignore[no-untyped-def]
    best, overlap = None, 0
    for a in attributions:
        if a.source is None:
            continue
        o = min(end, a.source.end) - max(start, a.source.start)
        if o > overlap:
            best, overlap = a, o
    return best


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> float:
    """B-cubed F1 of a predicted grouping of items against the gold one."""
    if not gold:
        return 1.0
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for k, v in gold.items():
        gold_sets[v].add(k)
    for k, v in pred.items():
        pred_sets[v].add(k)
    p = statistics.mean(len(gold_sets[gold[k]] & pred_sets[pred[k]]) / len(pred_sets[pred[k]]) for k in gold)
    r = statistics.mean(len(gold_sets[gold[k]] & pred_sets[pred[k]]) / len(gold_sets[gold[k]]) for k in gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", default="tuning", choices=["tuning", "reporting"], help="dev's half (--split dev)")
    ap.add_argument("--split", default="dev", choices=["dev", "train"],
                    help="PolNeAR split the labels are of: dev (two halves) or the labelled train articles")
    ap.add_argument("--labels", type=Path, help="a labels file other than the split's default in benchmarks/labels/")
    ap.add_argument("--models", default="bundled")
    ap.add_argument("--cached-only", action="store_true", help="skip articles whose parse is not cached")
    ap.add_argument("--errors", action="store_true", help="list each mislabelled span (offsets and labels)")
    args = ap.parse_args(argv)
    if not (SHARED / "polnear" / args.split).is_dir():
        print(f"skipped: {SHARED / 'polnear' / args.split} not found (the benchmark needs ../shared)")
        return 0
    path = args.labels or labels_path(args.split, args.half)
    if not path.is_file():
        print(f"skipped: no labels file {path}")
        return 0
    labels = read_labels(args.half, path)
    total = found_n = right_found = 0
    confusion: Counter[tuple[str, str]] = Counter()
    tp = pred_pos = gold_pos = 0
    hand_counts, matched_counts, listed_counts, b3, hand_found_counts = [], [], [], [], []
    skipped = 0
    count_right = count_total = reason_right = reason_total = 0
    errors = []
    for article, rows in sorted(labels.items()):
        text = text_of(article, args.split)
        result = analyse(text, args.models, args.cached_only) if text is not None else None
        if result is None:
            skipped += 1
            continue
        attributions, profiles = result
        profile_of = {aid: p for p in profiles for aid in p.attributions}
        gold_group: dict[str, str] = {}
        pred_group: dict[str, str] = {}
        for row in rows:
            total += 1
            gold = row["label"]
            gold_anon = gold == "unnamed_individual" and row["role"] == "informant"
            gold_pos += gold_anon
            a = best_match(int(row["start"]), int(row["end"]), attributions)
            if a is None:
                confusion[(gold, "not found")] += 1
                continue
            found_n += 1
            p = profile_of[a.id]
            tool = p.label
            confusion[(gold, tool)] += 1
            right = tool == gold or (gold == "other" and tool == "unresolved")
            right_found += right
            if not right and args.errors:
                errors.append(f"{article}\t{row['source_id']}\t{row['start']}-{row['end']}\t{gold}\t{tool}\t"
                              f"{a.source.text if a.source else ''}")
            if gold == "unnamed_individual" and tool == "unnamed_individual":
                if row["count"] not in ("_", ""):
                    count_total += 1
                    count_right += p.count == int(row["count"])
                reason_total += 1
                reason_right += (p.anonymity_reason is not None) == (row["reason"] == "yes")
            pred_pos += p.anonymous_source
            tp += p.anonymous_source and gold_anon
            if args.errors and p.anonymous_source != gold_anon:
                errors.append(f"ANON {article}\t{row['source_id']}\tgold={gold}/{row['role']}\ttool={tool}/"
                              f"{p.informant}\t{a.source.text if a.source else ''}")
            gold_group[row["source_id"]] = row["profile"]
            pred_group[row["source_id"]] = p.id
        hand_counts.append(len({r["profile"] for r in rows}))
        hand_found_counts.append(len(set(gold_group.values())))
        matched_counts.append(len(set(pred_group.values())))
        listed_counts.append(sum(p.label != "unresolved" for p in profiles))
        b3.append(bcubed(gold_group, pred_group))
    if not total:
        print("no labelled article could be analysed")
        return 1
    p, r, f = prf(tp, pred_pos, gold_pos)
    print(f"{'split: train' if args.split == 'train' else 'half: ' + args.half}  articles: {len(hand_counts)} (skipped {skipped})  labelled spans: {total}")
    print(f"found: {found_n}/{total} = {found_n / total:.3f}")
    print(f"source-type accuracy: {right_found / max(found_n, 1):.3f} of found spans, {right_found / total:.3f} of all")
    print(f"anonymous sources (informants): gold {gold_pos}, tool {pred_pos}, hits {tp}: "
          f"precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print(f"unnamed individuals typed right: stated count kept {count_right}/{count_total}, "
          f"stated reason found or rightly absent {reason_right}/{reason_total}")
    rel = [abs(m - h) / h for m, h in zip(matched_counts, hand_counts) if h]
    rel_listed = [abs(m - h) / h for m, h in zip(listed_counts, hand_counts) if h]
    print(f"profiles per article: hand {sum(hand_counts) / len(hand_counts):.2f}, tool over found spans "
          f"{sum(matched_counts) / len(matched_counts):.2f} (total ratio {sum(matched_counts) / sum(hand_counts):.3f}, "
          f"median |error| {statistics.median(rel):.3f}, within 25%: {sum(e <= 0.25 for e in rel)}/{len(rel)}), "
          f"tool listed (typed profiles) {sum(listed_counts) / len(listed_counts):.2f} "
          f"(ratio {sum(listed_counts) / sum(hand_counts):.3f}, median |error| {statistics.median(rel_listed):.3f})")
    rel_found = [abs(m - h) / h for m, h in zip(matched_counts, hand_found_counts) if h]
    print(f"profiles among the found spans: tool {sum(matched_counts)}, hand {sum(hand_found_counts)} "
          f"(ratio {sum(matched_counts) / max(sum(hand_found_counts), 1):.3f}, per article median |error| "
          f"{statistics.median(rel_found):.3f}, within 25%: {sum(e <= 0.25 for e in rel_found)}/{len(rel_found)})")
    print(f"profile grouping B-cubed F1 over found spans: {statistics.mean(b3):.3f}")
    labels_seen = sorted({g for g, _ in confusion})
    tools_seen = sorted({t for _, t in confusion})
    print("confusion (rows hand label, columns tool label):")
    print("\t".join(["hand \\ tool"] + tools_seen))
    for g in labels_seen:
        print("\t".join([g] + [str(confusion[(g, t)]) for t in tools_seen]))
    for e in errors:
        print(e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
