"""Benchmark: how well source profiles merge mentions of one person or body, against GUM's
coreference annotation.

    python benchmarks/gum_profile_merging.py --split dev     # or train (checked on), test

Every GUM mention of a person or an organisation that is the subject of a clause ("John Kirby
said", "he added", "the spokesman", "the company") is made a source of its own attribution;
attribution.sources.profiles then merges them as it does an article's sources, and the merged
groups are scored against GUM's coreference ids: B-cubed precision, recall and F1, and the
number of profiles against the number of distinct entities.  Two baselines: every mention its
own profile, and mentions merged only when their text is the same.

GUM's words and gold tags stand in for our parse (GUM is copyrighted for some genres: its text
is read from ../shared only).  Exits 0 with a message when the treebank is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training" / "entities"))

import gum  # noqa: E402

from attribution import sources  # noqa: E402
from attribution.results import Attribution, ParsedDocument, Sentence, Span, Word  # noqa: E402


def as_document(doc: gum.Doc) -> tuple[ParsedDocument, list[list[tuple[int, int]]]]:
    """The document as text (words one space apart) with its parse, and each word's offsets."""
    parts: list[str] = []
    offset = 0
    sentences = []
    spans = []
    for index, words in enumerate(doc.sentences):
        start = offset
        placed = []
        out = []
        for w in words:
            placed.append((offset, offset + len(w.text)))
            out.append(Word(w.id, w.text, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel,
                            offset, offset + len(w.text)))
            parts.append(w.text)
            offset += len(w.text) + 1
        sentences.append(Sentence(index, index, start, offset - 1, tuple(out)))
        spans.append(placed)
    return ParsedDocument(" ".join(parts), tuple(sentences), "gum-gold"), spans


def source_mentions(doc: gum.Doc) -> list[gum.Mention]:
    out = []
    for m in doc.mentions:
        head = doc.sentences[m.sentence][m.head]
        if m.type in ("person", "organization") and head.deprel.startswith("nsubj") and m.length <= 12:
            out.append(m)
    return sorted(out, key=lambda m: (m.sentence, m.first))


def bcubed(gold: dict[int, str], pred: dict[int, str]) -> tuple[float, float]:
    g: dict[str, set[int]] = defaultdict(set)
    p: dict[str, set[int]] = defaultdict(set)
    for k, v in gold.items():
        g[v].add(k)
    for k, v in pred.items():
        p[v].add(k)
    precision = statistics.mean(len(g[gold[k]] & p[pred[k]]) / len(p[pred[k]]) for k in gold)
    recall = statistics.mean(len(g[gold[k]] & p[pred[k]]) / len(g[gold[k]]) for k in gold)
    return precision, recall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    args = ap.parse_args(argv)
    if not gum.DEFAULT_DIR.is_dir():
        print(f"skipped: {gum.DEFAULT_DIR} not found (the benchmark needs ../shared)")
        return 0
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    counts = {"mentions": 0, "entities": 0, "profiles": 0, "same_text": 0}
    for doc in gum.documents(args.split):
        found = source_mentions(doc)
        if len(found) < 2:
            continue
        document, offsets = as_document(doc)
        attributions = []
        for i, m in enumerate(found):
            start, end = offsets[m.sentence][m.first][0], offsets[m.sentence][m.last][1]
            head = doc.sentences[m.sentence][m.head]
            verb = next((w for w in doc.sentences[m.sentence] if w.id == head.head), None)
            cue = (offsets[m.sentence][verb.id - 1] if verb is not None else (end, end))
            attributions.append(Attribution(
                f"a{i + 1}", "indirect", Span.of(document.text, *cue), Span.of(document.text, start, end),
                (Span.of(document.text, *cue),), source_type="unknown", sentence=m.sentence,
                cue_lemma=verb.lemma if verb is not None else ""))
        profiles = sources.profiles(attributions, document)
        pred = {i: p.id for p in profiles for i, a in enumerate(attributions) if a.id in p.attributions}
        gold = {i: m.entity for i, m in enumerate(found)}
        alone = {i: str(i) for i in gold}
        same = {i: attributions[i].source.text.lower() for i in gold if attributions[i].source}  # type: ignore[union-attr]
        scores["profiles"].append(bcubed(gold, pred))
        scores["each alone"].append(bcubed(gold, alone))
        scores["same text"].append(bcubed(gold, same))
        counts["mentions"] += len(found)
        counts["entities"] += len(set(gold.values()))
        counts["profiles"] += len(profiles)
        counts["same_text"] += len(set(same.values()))
    print(f"GUM {args.split}: {counts['mentions']} subject mentions of persons and organisations, "
          f"{counts['entities']} distinct entities (per document, summed)")
    for name, values in scores.items():
        precision = statistics.mean(v[0] for v in values)
        recall = statistics.mean(v[1] for v in values)
        f1 = 2 * precision * recall / (precision + recall)
        print(f"  {name:11s} B-cubed precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    print(f"  profiles {counts['profiles']} vs entities {counts['entities']} "
          f"(ratio {counts['profiles'] / counts['entities']:.3f}); same-text groups {counts['same_text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
