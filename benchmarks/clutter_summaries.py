"""How often the summary-box rule (attribution/clutter.py) fires on clean article text.

PolNeAR's articles are body text with no site summaries, so every line the rule marks there
is a false positive.  The rule's thresholds were checked on the train split (and seed 000,
whose summary paragraph and "Quick Read" bullets it must find); dev was run once after.

    python benchmarks/clutter_summaries.py --split train
    python benchmarks/clutter_summaries.py --split dev

Prints the number of articles and lines marked as "summary" or "summary heading" (no article
text is printed unless --show is given, for looking at them by hand).  Needs ../shared.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from attribution import clutter

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEFAULT_ROOT = Path("/work/shared/polnear") if not (SHARED / "polnear").exists() else SHARED / "polnear"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--show", action="store_true", help="print the start of each marked line")
    args = parser.parse_args(argv)
    paths = sorted((args.polnear / args.split / "text").glob("*.txt"))
    if not paths:
        print(f"no PolNeAR texts under {args.polnear / args.split}", file=sys.stderr)
        return 1
    marked_articles = marked_lines = lines = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines += sum(1 for line in text.splitlines() if line.strip())
        marked = [c for c in clutter.find(text) if c.reason.startswith("summary")]
        marked_articles += bool(marked)
        marked_lines += len(marked)
        if args.show:
            for c in marked:
                print(f"  {path.name}: {c.reason}: {c.text[:80]}")
    print(f"{args.split}: {len(paths)} articles, {marked_articles} with a line marked as a summary; "
          f"{marked_lines} of {lines:,} lines marked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
