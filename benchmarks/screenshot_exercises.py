"""Render the exercise pages with headless Chromium: a screen PNG, a printed PDF, and PNGs of the print.

Checks that worksheets and answer keys render offline and print cleanly:

    python benchmarks/screenshot_exercises.py             # reports/exercises/*.html -> out/exercise-screenshots/
    python benchmarks/screenshot_exercises.py some/page.worksheet.html

Each page gives ``<name>.png`` (the screen, top 2400 pixels), ``<name>.pdf`` (Chromium's print,
with the page's print styles) and, when poppler's ``pdftoppm`` is installed, ``<name>-print-<n>.png``
for the printed pages, so a person can look at the paper version too.  The DOM Chromium
loaded is checked as well: a worksheet must show numbered paragraphs and questions and no
answer, a key must show answers.  Exit status 1 when Chromium is missing or a check fails.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_reports import chromium, print_pdf, rendered_dom, screenshot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def check_dom(page: Path, dom: str) -> list[str]:
    """What is wrong with a rendered worksheet or key (empty when all is well)."""
    problems = []
    if "</html>" not in dom:
        problems.append("Chromium rendered no complete page")
    if page.name.endswith(".worksheet.html"):
        if not re.search(r'class="para"', dom) or 'class="pn"' not in dom:
            problems.append("no numbered paragraphs")
        if 'class="q ' not in dom:
            problems.append("no questions")
        if 'class="answer"' in dom or "Answer:" in dom or "☑" in dom:
            problems.append("an answer shows on the worksheet")
    elif page.name.endswith(".key.html"):
        if dom.count('class="answer"') < 3:
            problems.append("fewer than three answers in the key")
        if "Sourcing score" not in dom:
            problems.append("no score breakdown in the key")
    return problems


def pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def print_pngs(pdf: Path, first_pages: int = 2) -> list[Path]:
    """The first printed pages as PNGs (needs pdftoppm; none without it)."""
    if shutil.which("pdftoppm") is None:
        return []
    prefix = pdf.with_name(pdf.stem + "-print")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(first_pages), str(pdf), str(prefix)],
                   check=True, capture_output=True, timeout=120)
    return sorted(pdf.parent.glob(prefix.name + "-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="HTML files (default: reports/exercises/*.html)")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "out" / "exercise-screenshots")
    parser.add_argument("--print-pages", type=int, default=2, help="printed pages to save as PNG")
    args = parser.parse_args(argv)
    pages = args.pages or sorted((ROOT / "reports" / "exercises").glob("*.html"))
    if not pages:
        print("no exercise pages found; run `attribution exercise seeds/*.txt -o reports/exercises`", file=sys.stderr)
        return 1
    if chromium() is None:
        print("chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    failed = 0
    for page in pages:
        stem = page.name.removesuffix(".html")
        png = screenshot(page, args.out / f"{stem}.png", 1000, 2400)
        pdf = print_pdf(page, args.out / f"{stem}.pdf")
        prints = print_pngs(pdf, args.print_pages)
        problems = check_dom(page, rendered_dom(page))
        status = "ok" if not problems else "FAILED: " + "; ".join(problems)
        failed += bool(problems)
        print(f"{page.name}: {png.name}, {pdf.name} ({pdf_pages(pdf)} printed pages)"
              + (f", {len(prints)} print PNGs" if prints else "") + f": {status}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
