"""Build attribution/lexicons/cue_words.tsv from PolNeAR's training split.

    python scripts/build_cue_lexicon.py

Counts, for every lower-cased word form of the 840 training articles, how often it occurs and
how often it is part of an annotated attribution cue (cues of at most three words, so that a
long cue such as "sent out fund-raising pitches highlighting" does not teach "pitches").
Needs no parser, so it uses the whole split.  Only counts are written, never text; forms seen
as a cue fewer than --min-cue times are left out.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORD = re.compile(r"\w+(?:[\u2019']\w+)?")
# Words inside cues that carry no cue meaning of their own.
SKIP = {"the", "a", "an", "his", "her", "their", "its", "to", "has", "have", "had", "is", "was", "were",
        "are", "be", "been", "being", "will", "would", "also", "not", "n't", "he", "she", "it", "they",
        "that", "and", "of", "on", "did", "does", "do", "can", "could", "may", "might", "should", "must"}

HEADER = """# Cue word counts learned from PolNeAR v1.0.0, train split ({articles} articles; Newell,
# Margolin and Ruths, LREC 2018), built by scripts/build_cue_lexicon.py.  seen: occurrences of
# the lower-cased word form; cue: occurrences inside an annotated cue of at most three words.
# Counts only; no article text.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-cue", type=int, default=3)
    ap.add_argument("-o", "--out", default=str(ROOT / "attribution" / "lexicons" / "cue_words.tsv"))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import polnear  # type: ignore[import-not-found]

    seen: collections.Counter[str] = collections.Counter()
    cue: collections.Counter[str] = collections.Counter()
    records = polnear.load_split(str(SHARED / "polnear" / "train"))
    for record in records:
        text = record["text"]
        words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
        seen.update(w for _, _, w in words)
        for a in record["attributions"]:
            inside = [w for s, e, w in words if any(s < ce and cs < e for cs, ce in a["cue"])]
            if 0 < len(inside) <= 3:
                cue.update(w for w in inside if w not in SKIP)
    rows = sorted(w for w in cue if cue[w] >= args.min_cue)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(articles=len(records)))
        fh.write("form\tseen\tcue\n")
        for w in rows:
            fh.write(f"{w}\t{seen[w]}\t{cue[w]}\n")
    print(f"wrote {len(rows)} rows from {len(records)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
