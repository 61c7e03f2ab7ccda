"""Checkpoint averaging for the training recipe: the mean of one run's saved weights."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
import average_models  # noqa: E402


def _model(weight: float, steps: int = 0, dtype: torch.dtype = torch.float32) -> dict[str, torch.Tensor]:
    return {"layer.weight": torch.full((2, 3), weight, dtype=dtype), "steps": torch.tensor(steps)}


def test_floating_point_weights_are_averaged_and_counters_come_from_the_last_model() -> None:
    averaged = average_models.average_weights([_model(1.0, steps=5), _model(2.0, steps=6), _model(6.0, steps=7)])
    assert torch.equal(averaged["layer.weight"], torch.full((2, 3), 3.0))
    assert averaged["steps"].item() == 7


def test_half_precision_weights_are_averaged_in_full_precision_and_stay_half() -> None:
    # 60000 + 60000 overflows float16 (max 65504): summing in float16 would give inf.
    averaged = average_models.average_weights([_model(60000.0, dtype=torch.float16)] * 2)
    assert averaged["layer.weight"].dtype == torch.float16
    assert torch.isfinite(averaged["layer.weight"]).all()


@pytest.mark.parametrize("other", [
    {"layer.weight": torch.zeros(3, 2), "steps": torch.tensor(0)},  # another shape
    {"layer.bias": torch.zeros(2, 3), "steps": torch.tensor(0)},    # another parameter
])
def test_models_of_different_runs_are_refused(other: dict[str, torch.Tensor]) -> None:
    with pytest.raises(ValueError, match="same run"):
        average_models.average_weights([_model(1.0), other])


def test_a_model_file_keeps_the_last_inputs_vocabulary_and_drops_optimizer_state(tmp_path: Path) -> None:
    inputs = []
    for i, weight in enumerate((1.0, 3.0)):
        path = tmp_path / f"in{i}.pt"
        torch.save({"model": _model(weight), "vocab": {"run": i}, "config": {"hidden_dim": 4},
                    "optimizer": {"state": i}}, path)
        inputs.append(path)
    out = tmp_path / "averaged" / "out.pt"
    assert average_models.main([str(out), *map(str, inputs)]) == 0
    saved = torch.load(out, weights_only=False)
    assert torch.equal(saved["model"]["layer.weight"], torch.full((2, 3), 2.0))
    assert saved["vocab"] == {"run": 1} and "optimizer" not in saved


def test_a_file_that_is_not_a_stanza_model_gives_a_message_not_a_traceback(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.pt", tmp_path / "bad.pt"
    torch.save({"model": _model(1.0)}, good)
    torch.save([1, 2, 3], bad)
    assert average_models.main([str(tmp_path / "out.pt"), str(good), str(bad)]) == 1
    assert "bad.pt is not a stanza model file" in capsys.readouterr().err
