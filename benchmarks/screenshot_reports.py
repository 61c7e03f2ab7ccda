"""Render HTML reports with headless Chromium: a PNG screenshot (and a PDF print) of each.

Shows that the self-contained reports render offline, and lets a person look at them:

    python benchmarks/screenshot_reports.py                 # reports/*.html -> out/screenshots/
    python benchmarks/screenshot_reports.py --pdf tests/gold/*/report.html

Chromium runs with no network, a fresh profile and no GPU; on Debian, ``apt-get install
chromium``.  Exit status 1 when Chromium is missing or a page fails to render.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio", "--proxy-server=127.0.0.1:9", "--disable-extensions"]


def chromium() -> str | None:
    """The Chromium binary on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(binary: str, page: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory(prefix="attribution-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        return subprocess.run(command, capture_output=True, timeout=timeout, check=False)


def screenshot(page: Path, png: Path, width: int = 1400, height: int = 2200, binary: str | None = None) -> Path:
    """Screenshot one HTML file to ``png`` (the top ``height`` pixels of the page)."""
    binary = binary or chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium)")
    png.parent.mkdir(parents=True, exist_ok=True)
    done = _run(binary, page, f"--window-size={width},{height}", f"--screenshot={png.resolve()}")
    if not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium made no screenshot of {page}: {done.stderr.decode(errors='replace')[-500:]}")
    return png


def print_pdf(page: Path, pdf: Path, binary: str | None = None) -> Path:
    """Print one HTML file to PDF with the page's print styles."""
    binary = binary or chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium)")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    done = _run(binary, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf.resolve()}")
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium printed no PDF of {page}: {done.stderr.decode(errors='replace')[-500:]}")
    return pdf


def rendered_dom(page: Path, binary: str | None = None) -> str:
    """The page's DOM after Chromium has loaded it (to check what a browser sees)."""
    binary = binary or chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium)")
    return _run(binary, page, "--dump-dom").stdout.decode("utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="HTML files (default: reports/*.html)")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "out" / "screenshots", help="folder for the PNGs")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2200)
    parser.add_argument("--pdf", action="store_true", help="also print each page to PDF")
    args = parser.parse_args(argv)
    pages = args.pages or sorted((ROOT / "reports").glob("*.html"))
    if not pages:
        print("no HTML reports found; run `attribution analyze seeds/ -o reports/ --format json,md,html`",
              file=sys.stderr)
        return 1
    if chromium() is None:
        print("chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    for page in pages:
        stem = page.stem if page.stem != "report" else page.parent.name
        png = screenshot(page, args.out / f"{stem}.png", args.width, args.height)
        print(f"{page} -> {png}")
        if args.pdf:
            print(f"{page} -> {print_pdf(page, args.out / f'{stem}.pdf')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
