"""Print HTML pages to PDF with headless Chromium and count the paper: pages, and what the last
one holds.

    python benchmarks/print_pages.py                                  # reports/**/*.html
    python benchmarks/print_pages.py reports/exercises/*.worksheet.html

For each page: the number of printed pages (poppler's ``pdfinfo``), the words on the last page
(``pdftotext``; a last page with almost nothing on it is a wasted sheet), and whether
clutter or link lists ("Related", "Previous Article") reached the paper.  Exit status 1 when
Chromium or poppler is missing, or a page ends on a near-empty sheet.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_reports import chromium, print_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# A last page with fewer words than this is blank or holds a stray line (the credit line is
# printed at the top of the first page, so a footer never takes a sheet of its own).
MIN_LAST_PAGE_WORDS = 10
# Words of site clutter that must not be printed (seed pages carry these link lists).
CLUTTER_WORDS = ("Previous Article", "Next Article", "Click on a star", "Vote count")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(pdf: Path, first: int, last: int | None = None) -> str:
    return subprocess.run(["pdftotext", "-f", str(first), "-l", str(last or first), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="HTML files (default: reports/**/*.html)")
    args = parser.parse_args(argv)
    if chromium() is None or shutil.which("pdfinfo") is None:
        print("needs chromium and poppler-utils (Debian: apt-get install chromium poppler-utils)", file=sys.stderr)
        return 1
    chosen = args.pages or sorted((ROOT / "reports").rglob("*.html"))
    bad = 0
    with tempfile.TemporaryDirectory(prefix="attribution-print-") as scratch:
        for page in chosen:
            pdf = print_pdf(page, Path(scratch) / (page.stem + ".pdf"))
            count = pages(pdf)
            last_words = len(page_text(pdf, count).split())
            everything = page_text(pdf, 1, count)
            printed_clutter = [w for w in CLUTTER_WORDS if w in everything]
            wasted = last_words < MIN_LAST_PAGE_WORDS and count > 1
            bad += wasted or bool(printed_clutter)
            print(f"{count:3d} pages  last page {last_words:4d} words{'  NEAR-EMPTY' if wasted else ''}"
                  f"{'  clutter printed: ' + ', '.join(printed_clutter) if printed_clutter else ''}  {page}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
