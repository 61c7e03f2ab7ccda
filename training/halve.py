"""Store a trained stanza model compactly: float weights in half precision.

stanza's trainers load weights with `load_state_dict`, which casts them back to the model's
float32 parameters, so halving the stored tensors halves the file at no cost at load time.
The pretrained word-vector file is the exception: stanza builds its embedding layer straight
from that tensor, so it stays float32 and is shrunk by keeping the most frequent words instead
(the tagger and parser index it through its own vocabulary, so truncation stays consistent).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch


def _halve(obj: Any) -> Any:
    if isinstance(obj, torch.Tensor):
        return obj.half() if obj.is_floating_point() and obj.dtype == torch.float32 else obj
    if isinstance(obj, dict):
        return {k: _halve(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_halve(v) for v in obj]
    return obj


def halve_model(src: Path, dest: Path, max_pretrain_vocab: int | None = None) -> None:
    data = torch.load(src, map_location="cpu", weights_only=False)
    if isinstance(data, dict) and "emb" in data and "vocab" in data:
        if max_pretrain_vocab is not None:
            from stanza.models.common.pretrain import PretrainedWordVocab
            from stanza.models.common.vocab import VOCAB_PREFIX

            vocab = PretrainedWordVocab.load_state_dict(data["vocab"])
            keep = len(VOCAB_PREFIX) + max_pretrain_vocab
            if len(vocab) > keep:
                words = [vocab.id2unit(i) for i in range(len(VOCAB_PREFIX), keep)]
                data = {"vocab": PretrainedWordVocab(words, lang=vocab.lang, idx=vocab.idx,
                                                     cutoff=vocab.cutoff, lower=vocab.lower).state_dict(),
                        "emb": data["emb"][:keep].clone()}
        torch.save(data, dest, _use_new_zipfile_serialization=False)
        return
    for key in ("optimizer", "optimizer_state", "scheduler"):
        if isinstance(data, dict):
            data.pop(key, None)
    torch.save(_halve(data), dest)
