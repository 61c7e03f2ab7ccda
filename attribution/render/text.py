"""Plain-text views for the terminal."""

from __future__ import annotations

from ..api import ModelsInfo
from ..models import BUNDLED

# GUM test metrics in the order the CoNLL 2018 evaluation prints them.
_METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")


def models_info(info: ModelsInfo) -> str:
    """``attribution models info``: which models, where, how big, and how well they parse."""
    models = info.models
    lines = [f"models:    {models.name}",
             f"directory: {models.directory}",
             f"size:      {_size(info.size_bytes)}"]
    for path in sorted(models.directory.rglob("*.pt")):
        lines.append(f"  {path.relative_to(models.directory)}  {_size(path.stat().st_size)}")
    lines += _scores(info)
    return "\n".join(lines) + "\n"


def _scores(info: ModelsInfo) -> list[str]:
    if info.models.name != BUNDLED:
        return ["scores:    not recorded for these models (the bundled models' are, in their training.json)"]
    scores = info.training.get("gum_test_scores") or {}
    if not scores:
        return ["scores:    not recorded (training.json is missing or has no GUM test scores)"]
    profile = info.training.get("profile", "?")
    line = "  ".join(f"{m} {scores[m]}" for m in _METRICS if m in scores)
    out = [f"GUM test, end to end from raw text, F1 % (training profile {profile}, "
           f"evaluated {scores.get('evaluated', '?')}):", f"  {line}"]
    ewt = scores.get("ewt_test") or {}
    if ewt:
        out += ["EWT test (web text), end to end from raw text, F1 %:",
                "  " + "  ".join(f"{m} {ewt[m]}" for m in _METRICS if m in ewt)]
    if "words_per_second_2_threads" in scores:
        out.append(f"speed:     {scores['words_per_second_2_threads']:,} words/s on 2 CPU threads")
    return out


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} KB"
