"""Load time, size on disk and parsing speed of a model set (default: the bundled models).

    python benchmarks/model_speed.py                 # one thread, the bundled models
    python benchmarks/model_speed.py --threads 2 --models official

Text: the UD English EWT test sentences from ../shared/treebanks when present (as in our
training notes), else the seed articles in seeds/.  Words/s counts the words stanza produced,
timing each processor inside one pipeline run, after a warm-up pass.
Targets (issue 2): load <= 5 s, whole pipeline >= 1,000 words/s on one core, size <= 60 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def benchmark_text() -> tuple[str, str]:
    ewt = SHARED / "treebanks" / "ewt" / "en_ewt-ud-test.conllu"
    if ewt.exists():
        lines = [ln[len("# text = "):] for ln in ewt.read_text(encoding="utf-8").splitlines()
                 if ln.startswith("# text = ")]
        # One paragraph per 8 sentences, like short news paragraphs.
        paras = [" ".join(lines[i:i + 8]) for i in range(0, len(lines), 8)]
        return "\n\n".join(paras), "EWT test sentences (../shared/treebanks/ewt)"
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8") for p in seeds), "seed articles (seeds/)"


def load_seconds(models: str, threads: int) -> float:
    """Time a cold load in a fresh interpreter, as a user's first command would pay it."""
    code = ("import time,torch; torch.set_num_threads(%d); t=time.perf_counter(); "
            "from attribution.parse import load_parser; load_parser(%r); print(time.perf_counter()-t)"
            % (threads, models))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=REPO)
    return float(out.stdout.strip().splitlines()[-1])


def _timed(process: Callable[..., Any], name: str, seconds: dict[str, float]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return process(*args, **kwargs)
        finally:
            seconds[name] += time.perf_counter() - start
    return timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default="bundled")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    import stanza
    import torch

    from attribution.models import resolve
    from attribution.parse import load_parser

    torch.set_num_threads(args.threads)
    models = resolve(args.models)
    cold = load_seconds(args.models, args.threads)
    parser = load_parser(args.models)
    pipeline = parser._pipeline  # noqa: SLF001 - timing each processor needs the pipeline itself
    text, source = benchmark_text()
    pipeline(text[:2000])  # warm-up
    stage_seconds: dict[str, float] = {}
    for name, processor in pipeline.processors.items():
        stage_seconds[name] = 0.0
        processor.process = _timed(processor.process, name, stage_seconds)
    doc = pipeline(text)
    words = doc.num_words
    total = sum(stage_seconds.values())  # the processors' own time, without pipeline overhead
    result = {
        "models": models.name,
        "directory": str(models.directory),
        "size_mb": round(models.size_bytes() / 1e6, 1),
        "load_seconds_cold": round(cold, 2),
        "threads": args.threads,
        "text": source,
        "words": words,
        "words_per_second": round(words / total),
        "words_per_second_by_stage": {k: round(words / v) for k, v in stage_seconds.items()},
        "torch": torch.__version__,
        "stanza": stanza.__version__,
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
