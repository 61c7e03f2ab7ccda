"""A small BiLSTM entity tagger over our parse: the bundled parser's word vectors (frozen), a
word's shape, suffix, UPOS and relation, one bidirectional LSTM layer and a BIO softmax.

Used by :mod:`attribution.entities` when ``attribution/data/entity_lstm.pt`` is present;
trained by ``training/entities/train_entity_lstm.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from .results import Word

MODEL_FILE = "entity_lstm.pt"
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def shape(word: str) -> str:
    s = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    return re.sub(r"(.)\1+", r"\1\1", s)[:5]


def headline(words: Sequence[Word]) -> bool:
    alpha = [w for w in words if w.text[:1].isalpha()]
    return len(alpha) >= 3 and sum(w.text[:1].isupper() for w in alpha) >= 0.7 * len(alpha)


def symbols(words: Sequence[Word]) -> dict[str, list[str]]:
    """The discrete inputs of each word, by input name."""
    head_line = "H" if headline(words) else "-"
    by_id = {w.id: w for w in words}
    return {
        "word": [w.text.lower() for w in words],
        "shape": [shape(w.text) + head_line for w in words],
        "suffix": [w.text.lower()[-3:] for w in words],
        "upos": [w.upos for w in words],
        "dep": [w.deprel.split(":")[0] + "|" + (by_id[w.head].upos if w.head in by_id else "ROOT") for w in words],
    }


def build_model(sizes: dict[str, int], emb: Any, n_tags: int, hidden: int = 128) -> Any:
    import torch
    from torch import nn

    class Tagger(nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Embedding.from_pretrained(emb, freeze=True, padding_idx=0)
            dims = {"shape": 16, "suffix": 24, "upos": 16, "dep": 16}
            self.others = nn.ModuleDict({k: nn.Embedding(sizes[k], d, padding_idx=0) for k, d in dims.items()})
            self.dropout = nn.Dropout(0.33)
            self.lstm = nn.LSTM(emb.shape[1] + sum(dims.values()), hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, n_tags)

        def forward(self, batch: dict[str, Any]) -> Any:
            x = torch.cat([self.words(batch["word"])] + [self.others[k](batch[k]) for k in self.others], dim=-1)
            h, _ = self.lstm(self.dropout(x))
            return self.out(self.dropout(h))

    return Tagger()


@lru_cache(maxsize=1)
def load() -> Any:
    """(model, vocabularies, tags), or None when no LSTM model is bundled."""
    path = resources.files("attribution") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    import torch

    saved = torch.load(str(path), map_location="cpu", weights_only=False)
    pretrain = torch.load(str(resources.files("attribution") / "stanza_models" / "en" / "pretrain" / "default.pt"),
                          map_location="cpu", weights_only=False)
    emb = _embeddings(pretrain, saved["vocab"]["word"])
    model = build_model({k: len(v) for k, v in saved["vocab"].items()}, emb, len(saved["tags"]), saved["hidden"])
    state = {k: v.float() for k, v in saved["state"].items()}
    model.load_state_dict(state, strict=False)
    model.eval()
    return model, saved["vocab"], saved["tags"]


def _embeddings(pretrain: dict[str, Any], words: dict[str, int]) -> Any:
    """The pretrain vectors in our word vocabulary's order (row 0 padding, 1 unknown)."""
    import torch

    unit2id = pretrain["vocab"]["_unit2id"]
    emb = pretrain["emb"].float()
    out = torch.zeros(len(words), emb.shape[1])
    for w, i in words.items():
        j = unit2id.get(w)
        if j is not None and i > 1:
            out[i] = emb[j]
    return out


def encode(words: Sequence[Word], vocab: dict[str, dict[str, int]]) -> dict[str, list[int]]:
    return {k: [vocab[k].get(s, 1) for s in seq] for k, seq in symbols(words).items()}


def tag(words: Sequence[Word]) -> list[str] | None:
    loaded = load()
    if loaded is None:
        return None
    import torch

    model, vocab, tags = loaded
    ids = encode(words, vocab)
    with torch.no_grad():
        batch = {k: torch.tensor([v]) for k, v in ids.items()}
        best = model(batch)[0].argmax(dim=-1).tolist()
    return repair([tags[i] for i in best])


def repair(labels: list[str]) -> list[str]:
    """An I- tag that does not continue a run of its type starts one."""
    out = []
    for i, label in enumerate(labels):
        if label.startswith("I-") and (not out or out[-1] == "O" or out[-1][2:] != label[2:]):
            label = "B-" + label[2:]
        out.append(label)
    return out
