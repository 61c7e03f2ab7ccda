"""Run stanza's tagger trainer, starting from an earlier run's best model when there is one.

stanza's parser resumes from its checkpoint, its tagger does not: a tagger run cut off by the
end of a session would start over.  With TAGGER_WARM_START=<model.pt> pointing at the best
model an earlier run saved, training continues from those weights (a fresh optimizer and step
count; train_models.py passes the remaining step budget).  The training data is then indexed
with that model's vocabulary, not one rebuilt from --train_file: the same for the same file,
and right for another (a subset of the treebanks gives the tags other indices).  Everything
else is stanza's own training code, unchanged.

    TAGGER_WARM_START=models/pos.pt python training/tagger_warm_start.py --mode train ...
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

import torch
import stanza.models.tagger as tagger
from stanza.models.pos.vocab import MultiVocab

_StanzaTrainer = tagger.Trainer


class _WarmStartTrainer(_StanzaTrainer):  # type: ignore[misc, valid-type]
    def __init__(self, *args: Any, model_file: str | None = None, **kwargs: Any) -> None:
        warm = os.environ.get("TAGGER_WARM_START")
        if model_file is None and warm and os.path.exists(warm):
            # Copy first: the run saves its own best model to the same path as it trains.
            start_from = warm + ".warm_start"
            shutil.copyfile(warm, start_from)
            kwargs.pop("vocab", None)  # the saved model carries its vocab (same training file)
            super().__init__(*args, model_file=start_from, **kwargs)
            print(f"warm start from {warm}", file=sys.stderr)
        else:
            super().__init__(*args, model_file=model_file, **kwargs)


def use_saved_vocabulary(model_file: str) -> None:
    """Index the training data with `model_file`'s vocabulary instead of one built from it."""
    saved = torch.load(model_file, map_location="cpu", weights_only=False)
    vocab = MultiVocab.load_state_dict(saved["vocab"])
    tagger.Dataset.init_vocab = staticmethod(lambda docs, args, tag_columns: vocab)


tagger.Trainer = _WarmStartTrainer

if __name__ == "__main__":
    warm_start = os.environ.get("TAGGER_WARM_START")
    if warm_start and os.path.exists(warm_start):
        use_saved_vocabulary(warm_start)
    tagger.main(sys.argv[1:])
