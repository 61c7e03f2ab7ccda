"""Build attribution/lexicons/cue_frames.tsv from PolNeAR's training split.

    python scripts/build_cue_lexicon.py [--models bundled]

For every word of every parsed training article it counts (lemma, POS, frame) and how many of
those words head an annotated cue (the cue word whose syntactic head lies outside the cue).
Only counts are written, never text.  Rows are kept for lemmas that were a cue at least twice
or that are in the hand tiers (their zero counts are evidence too).  Uses the benchmark's parse
cache, so run benchmarks/polnear_extraction.py --split train --parse-only first.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from polnear_extraction import SHARED, cache_path, cached_parse  # noqa: E402

from attribution import clutter  # noqa: E402
from attribution.extract import cues  # noqa: E402
from attribution.extract.tree import Tree  # noqa: E402
from attribution.parse import load_parser  # noqa: E402

HEADER = """# Cue counts learned from PolNeAR v1.0.0, train split ({articles} of its 840 articles; Newell,
# Margolin and Ruths, LREC 2018), built by scripts/build_cue_lexicon.py with models {models}.
# seen: words with this lemma, POS and frame (attribution.extract.cues.frame); cue: how many
# of them head an annotated attribution cue.  Counts only; no article text.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default="bundled")
    ap.add_argument("--min-cue", type=int, default=2)
    ap.add_argument("--cached-only", action="store_true", help="count only articles already parsed")
    ap.add_argument("-o", "--out", default=str(ROOT / "attribution" / "lexicons" / "cue_frames.tsv"))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import polnear  # type: ignore[import-not-found]

    key = load_parser(args.models).models.cache_key
    seen: collections.Counter[tuple[str, str, str]] = collections.Counter()
    cue: collections.Counter[tuple[str, str, str]] = collections.Counter()
    articles = 0
    for record in polnear.load_split(str(SHARED / "polnear" / "train")):
        text = record["text"]
        if args.cached_only and not cache_path(text, key).exists():
            continue
        articles += 1
        doc = cached_parse(text, args.models, key)
        banned = [(c.start, c.end) for c in clutter.find(text)]
        cue_spans = [[tuple(p) for p in a["cue"]] for a in record["attributions"] if a["cue"]]
        for sentence in doc.sentences:
            if any(s <= sentence.start < e for s, e in banned):
                continue
            tree = Tree(sentence)
            heads = _cue_heads(tree, cue_spans)
            for w in tree.words:
                if w.upos == "PUNCT":
                    continue
                k = (w.lemma.lower(), w.upos, cues.frame(tree, w))
                seen[k] += 1
                cue[k] += w.id in heads
    lemma_cues: collections.Counter[str] = collections.Counter()
    for (lemma, _, _), n in cue.items():
        lemma_cues[lemma] += n
    tiers = cues.tiers()
    rows = [k for k in seen if lemma_cues[k[0]] >= args.min_cue or k[0] in tiers]
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(articles=articles, models=args.models))
        fh.write("lemma\tupos\tframe\tseen\tcue\n")
        for k in sorted(rows):
            fh.write(f"{k[0]}\t{k[1]}\t{k[2]}\t{seen[k]}\t{cue[k]}\n")
    print(f"wrote {len(rows)} rows from {articles} articles to {args.out}")
    return 0


def _cue_heads(tree: Tree, cues_: list[list[tuple[int, int]]]) -> set[int]:
    """Ids of the words that head a gold cue (its pieces together) inside this sentence."""
    out: set[int] = set()
    for pieces in cues_:
        inside = [w for w in tree.words if w.upos != "PUNCT" and any(w.start < e and s < w.end for s, e in pieces)]
        ids = {w.id for w in inside}
        for w in inside:
            if w.head not in ids:
                out.add(w.id)
                break
    return out


if __name__ == "__main__":
    sys.exit(main())
