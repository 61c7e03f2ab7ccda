"""How much the parser loses to tagging errors: GUM dev with gold tokens, gold tags vs ours.

    python benchmarks/tag_gap.py [--models bundled] [--split dev]

Parses the GUM documents of the split (from the training work files of
`training/train_models.py`, or rebuilt by its `prepare` stage) twice, both times on the gold
words and sentences: once with the treebank's gold UPOS, XPOS and features, once with the
bundled tagger's (and lemmatizer's).  The difference in LAS is what the parser pays for the tagger's errors: it
is why the recipe trains the parser on predicted tags (MODEL_CARD.md).  Two more rows mix
them, to show which of the parser's inputs the loss comes through: our UPOS and XPOS with gold
features and lemmas, and our features and lemmas with gold UPOS and XPOS.  GUM dev is for
model selection: this reads no test document unless asked to.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "attribution-training" / "full"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default="bundled", help="bundled or a model folder")
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--work", type=Path, default=WORK, help="training work folder (default %(default)s)")
    args = ap.parse_args(argv)
    gold = args.work / "data" / f"{args.split}.conllu"
    if not gold.exists():
        print(f"skipped: {gold} not found; run `python training/train_models.py prepare` first")
        return 0

    import torch
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    from attribution.models import resolve
    from attribution.parse import Parser

    torch.set_num_threads(1)
    pipeline = Parser(resolve(args.models))._pipeline  # the product's pipeline, as it runs
    ours = CoNLL.conll2doc(str(gold))
    for processor in ("pos", "lemma"):
        pipeline.processors[processor].process(ours)
    our_words = [w for sentence in ours.sentences for w in sentence.words]
    rows = {"gold tags": (), "our UPOS, XPOS": ("upos", "xpos"), "our feats, lemmas": ("feats", "lemma"),
            "our tags": ("upos", "xpos", "feats", "lemma")}
    scores = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, ours_taken) in enumerate(rows.items()):
            doc = CoNLL.conll2doc(str(gold))
            for word, our_word in zip((w for sentence in doc.sentences for w in sentence.words), our_words):
                for field in ours_taken:
                    setattr(word, field, getattr(our_word, field))
            pipeline.processors["depparse"].process(doc)
            CoNLL.write_doc2conll(doc, f"{tmp}/{i}.conllu")
            scores[name] = ud_scores(str(gold), f"{tmp}/{i}.conllu")
    print(f"GUM {args.split}, gold words and sentences, models {args.models}")
    print("tags               UPOS   UFeats  UAS    LAS")
    for name, result in scores.items():
        print(f"{name:<18} " + "  ".join(f"{100 * result[m].f1:5.2f}" for m in ("UPOS", "UFeats", "UAS", "LAS")))
    gap = 100 * (scores["gold tags"]["LAS"].f1 - scores["our tags"]["LAS"].f1)
    print(f"LAS lost to tagging: {gap:.2f} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
