"""Run stanza's parser trainer so that a warm start keeps the vocabulary of the model it starts from.

`stanza.models.parser --continue_from MODEL` loads MODEL's weights but builds the data's
vocabulary afresh from --train_file.  With the same training file the two agree; with a
retagged one (stage "retag") the tag and feature vocabularies come out in another order, so
the loaded tag embeddings would be looked up with the wrong indices (and unseen feature
combinations run past the table's end).  With PARSER_VOCAB_FROM=<model.pt>, the training data
is indexed with that model's vocabulary instead; values it lacks map to its unknown entry.
With PARSER_SAVE_EACH=<dir>, each checkpoint stanza writes (every eval_interval steps) is
also kept as a plain model, <dir>/depparse_<step>.pt, for checkpoint averaging
(average_models.py); stanza's tagger has --save_each for this, its parser has not.
Everything else is stanza's own training code, unchanged.

    PARSER_VOCAB_FROM=models/depparse.warm_start.pt python training/parser_warm_start.py --mode train ...
"""

from __future__ import annotations

import os
import sys
from typing import Any

import torch
import stanza.models.parser as parser
from stanza.models.depparse.trainer import Trainer
from stanza.models.pos.vocab import MultiVocab

_StanzaDataLoader = parser.DataLoader


class _FixedVocabDataLoader(_StanzaDataLoader):  # type: ignore[misc, valid-type]
    def __init__(self, *args: Any, vocab: Any = None, **kwargs: Any) -> None:
        source = os.environ.get("PARSER_VOCAB_FROM")
        if vocab is None and source:
            saved = torch.load(source, map_location="cpu", weights_only=False)
            vocab = MultiVocab.load_state_dict(saved["vocab"])
            print(f"parser vocabulary from {source}", file=sys.stderr)
        super().__init__(*args, vocab=vocab, **kwargs)


_stanza_save = Trainer.save


def _save_and_keep_snapshot(self: Any, filename: str, skip_modules: bool = True, save_optimizer: bool = False) -> None:
    _stanza_save(self, filename, skip_modules=skip_modules, save_optimizer=save_optimizer)
    snapshots = os.environ.get("PARSER_SAVE_EACH")
    if save_optimizer and snapshots:  # stanza saves with the optimizer only to its checkpoint
        os.makedirs(snapshots, exist_ok=True)
        _stanza_save(self, os.path.join(snapshots, f"depparse_{self.global_step:05d}.pt"), skip_modules=skip_modules)


parser.DataLoader = _FixedVocabDataLoader
Trainer.save = _save_and_keep_snapshot

if __name__ == "__main__":
    parser.main(sys.argv[1:])
