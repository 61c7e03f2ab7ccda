"""Benchmark: extraction time against parse time per article, and extraction's growth with length.

    python benchmarks/extraction_speed.py [--split dev] [--articles 8] [--repeat 3]

Target (issue 14): extracting attributions (the trained cue classifier included) takes at most
10% of the time the bundled parser takes on the same article.  The benchmark

1. parses ``--articles`` PolNeAR articles afresh (no cache) with the bundled models, timing
   each parse, and times ``extract.attributions`` on each (best of ``--repeat``);
2. builds one long document by repeating a parsed article 1, 4 and 16 times (offsets shifted,
   no parsing) and times extraction on each, so a step that grows faster than the article
   (as the quote test inside the word loop once did) shows as a rising time per sentence.

Without ../shared it uses the seed articles in seeds/.  Prints a table; exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution import clutter, extract  # noqa: E402
from attribution.parse import load_parser  # noqa: E402
from attribution.results import ParsedDocument, Sentence  # noqa: E402

SHARED = Path(os.environ.get("ATTRIBUTION_SHARED", ROOT.parent / "shared"))


def best_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def repeated(doc: ParsedDocument, times: int) -> ParsedDocument:
    """The article ``times`` over, one copy after another, with every offset shifted."""
    text = doc.text + "\n\n"
    sentences: list[Sentence] = []
    for k in range(times):
        shift = k * len(text)
        for s in doc.sentences:
            words = tuple(replace(w, start=w.start + shift, end=w.end + shift) for w in s.words)
            sentences.append(replace(s, index=len(sentences), paragraph=s.paragraph + k * 10_000,
                                     start=s.start + shift, end=s.end + shift, words=words))
    return ParsedDocument(text * times, tuple(sentences), doc.model)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--articles", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    folder = SHARED / "polnear" / args.split / "text"
    paths = sorted(folder.glob("*.txt"))[: args.articles] if folder.is_dir() else sorted((ROOT / "seeds").glob("*.txt"))
    parser = load_parser("bundled")
    extract.attributions(parser.parse("Kirby said the talks had failed."))  # load every model once
    total_parse = total_extract = 0.0
    docs: list[tuple[ParsedDocument, tuple[clutter.Clutter, ...]]] = []
    print(f"{'article':<28}{'words':>7}{'parse s':>9}{'extract s':>11}{'ratio':>8}")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        found = clutter.find(text)
        started = time.perf_counter()
        doc = parser.parse(text, clutter.keep(text, found))
        parse_s = time.perf_counter() - started
        extract_s = best_time(lambda: extract.attributions(doc, found), args.repeat)
        total_parse += parse_s
        total_extract += extract_s
        docs.append((doc, found))
        print(f"{path.stem[:27]:<28}{doc.num_words:>7}{parse_s:>9.2f}{extract_s:>11.3f}{extract_s / parse_s:>8.1%}")
    print(f"{'all':<28}{'':>7}{total_parse:>9.2f}{total_extract:>11.3f}{total_extract / total_parse:>8.1%}"
          f"   (target <= 10%)")
    doc, _ = max(docs, key=lambda d: len(d[0].sentences))
    print(f"\nextraction on one article repeated (offsets shifted; {len(doc.sentences)} sentences each):")
    print(f"{'copies':>7}{'sentences':>11}{'extract s':>11}{'ms/sentence':>13}")
    for times in (1, 4, 16):
        long_doc = repeated(doc, times)
        seconds = best_time(lambda: extract.attributions(long_doc), max(1, args.repeat - 1))
        print(f"{times:>7}{len(long_doc.sentences):>11}{seconds:>11.3f}{1000 * seconds / len(long_doc.sentences):>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
