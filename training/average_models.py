"""Average the weights of several saved stanza models of one run (checkpoint averaging).

Late in training our tagger's dev score swings by a point from one evaluation to the next
(88.3, 89.0, 88.3, 87.0 at 250-step intervals): each saved model sits at a different point of
the same noisy valley.  The mean of their weights usually lands nearer its floor than any one
of them; it is the usual cheap fix (stochastic weight averaging, checkpoint averaging) and
needs no more training.  The models must come from one run, so that their weights are
comparable: snapshots that stanza's `--save_each` wrote, or a run's start and its best.

    python training/average_models.py OUT.pt IN1.pt IN2.pt [IN3.pt ...]

OUT keeps everything but the weights (vocabulary, settings) from the last input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import torch


def average_weights(states: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The element-wise mean of same-shaped floating-point tensors; other entries from the last.

    Integer entries (step counters, index buffers) have no meaningful mean, so they are
    copied from the last state.  Half-precision inputs are averaged in float32 and stored
    back in their own type.
    """
    if not states:
        raise ValueError("nothing to average")
    keys = list(states[-1])
    for i, state in enumerate(states):
        if list(state) != keys:
            raise ValueError(f"model {i + 1} has other parameters than the last one: not from the same run")
    averaged: dict[str, torch.Tensor] = {}
    for key in keys:
        last = states[-1][key]
        if not torch.is_floating_point(last):
            averaged[key] = last
            continue
        shapes = {tuple(state[key].shape) for state in states}
        if len(shapes) > 1:
            raise ValueError(f"{key} has different shapes {sorted(shapes)}: not from the same run")
        total = torch.zeros(last.shape, dtype=torch.float32)
        for state in states:
            total += state[key].float()
        averaged[key] = (total / len(states)).to(last.dtype)
    return averaged


def average_model_files(inputs: list[Path], output: Path) -> None:
    saved: list[dict[str, Any]] = [torch.load(p, map_location="cpu", weights_only=False) for p in inputs]
    for path, model in zip(inputs, saved):
        if not isinstance(model, dict) or "model" not in model:
            raise ValueError(f"{path} is not a stanza model file (no 'model' entry)")
    result = dict(saved[-1])
    result.pop("optimizer", None)  # a checkpoint's optimizer state belongs to its own weights
    result["model"] = average_weights([m["model"] for m in saved])
    output.parent.mkdir(parents=True, exist_ok=True)
    torch.save(result, output, _use_new_zipfile_serialization=False)  # as stanza writes its models


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path, help="model file to write")
    ap.add_argument("inputs", type=Path, nargs="+", help="model files of one run, at least two")
    args = ap.parse_args(argv)
    if len(args.inputs) < 2:
        ap.error("give at least two models to average")
    try:
        average_model_files(args.inputs, args.output)
    except (OSError, ValueError) as err:
        print(f"average_models: {err}", file=sys.stderr)
        return 1
    print(f"{args.output}: mean of {len(args.inputs)} models")
    return 0


if __name__ == "__main__":
    sys.exit(main())
