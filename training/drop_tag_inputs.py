"""Turn a trained stanza parser that reads POS tags into one that does not, keeping its other weights.

Our parser lost 4.3 LAS points on GUM dev between gold tags and our tagger's (83.3 vs 78.9),
all of it through UPOS/XPOS: with gold UPOS/XPOS and predicted features it scored 83.3, with
predicted UPOS/XPOS and gold features 78.9.  (stanza 1.15's parser never reads the features
embedding: its `embed()` appends the POS embedding a second time in its place.)  A parser
that reads words, lemmas and characters only cannot be misled by a wrong tag.  Training one
from scratch costs as much as the first parser did; this starts it from the tagged parser
instead, cutting the tag slots out of the first layer's input weights, so training only has
to re-learn what the tags were telling it.

stanza concatenates the parser's inputs as [pretrained vectors, word, lemma, POS, POS again,
characters]; the POS slots (2 x tag_emb_dim columns) are the ones removed.  Columns of a
linear layer that a zero input would meet contribute nothing, so this is the same network
as the old one given all-zero tag embeddings.

    python training/drop_tag_inputs.py models/depparse.pt models/depparse.untagged_start.pt
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import torch

# Parameters whose last dimension is the concatenated input of the parser's first LSTM layer.
FIRST_LAYER_INPUTS = ("drop_replacement", "parserlstm.lstm.0.lstm.weight_ih_l0",
                      "parserlstm.lstm.0.lstm.weight_ih_l0_reverse", "parserlstm.highway.0.weight",
                      "parserlstm.gate.0.weight")
TAG_EMBEDDINGS = ("upos_emb.", "xpos_emb.", "ufeats_emb.")


def tag_columns(config: dict[str, Any]) -> tuple[int, int]:
    """[start, end) of the POS slots in the first layer's input, from the model's settings."""
    start = (config["transformed_dim"] if config.get("pretrain", True) else 0) + 2 * config["word_emb_dim"]
    slots = int(config.get("use_upos", True) or config.get("use_xpos", True)) + int(config.get("use_ufeats", True))
    return start, start + slots * config["tag_emb_dim"]


def reads_tags(config: dict[str, Any]) -> bool:
    """Whether a parser with these saved settings takes POS tags (or features) as input."""
    return config.get("tag_emb_dim", 0) > 0 and any(config.get(k, True) for k in ("use_upos", "use_xpos", "use_ufeats"))


def drop_tag_inputs(saved: dict[str, Any]) -> dict[str, Any]:
    config = dict(saved["config"])
    if not reads_tags(config):
        raise ValueError("this parser reads no tags already")
    if config.get("charlm") or config.get("bert_model"):
        raise ValueError("only parsers without a character language model or transformer are handled")
    start, end = tag_columns(config)
    model: dict[str, torch.Tensor] = {}
    for key, value in saved["model"].items():
        if key.startswith(TAG_EMBEDDINGS):
            continue
        if key in FIRST_LAYER_INPUTS:
            width = value.shape[-1]
            expected = end + (config["transformed_dim"] if config.get("char", True) else 0)
            if width != expected:
                raise ValueError(f"{key} has {width} inputs, the settings say {expected}: another layout")
            value = torch.cat([value[..., :start], value[..., end:]], dim=-1).contiguous()
        model[key] = value
    # A changed network starts over with the first optimizer (stanza would otherwise go on with
    # the second, low-rate one that the saved model had reached).
    config.update(use_upos=False, use_xpos=False, use_ufeats=False, second_stage=False)
    return {**saved, "model": model, "config": config}


def write_without_tags(source: Path, dest: Path) -> None:
    saved = torch.load(source, map_location="cpu", weights_only=False)
    torch.save(drop_tag_inputs(saved), dest, _use_new_zipfile_serialization=False)  # as stanza writes models


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, dest = map(Path, args)
    try:
        write_without_tags(source, dest)
    except (OSError, ValueError, KeyError) as err:
        print(f"drop_tag_inputs: {source}: {err}", file=sys.stderr)
        return 1
    print(f"{dest}: {source} without its tag inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
