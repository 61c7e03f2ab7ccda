"""Train the BiLSTM entity tagger (attribution/data/entity_lstm.pt) on GUM train, one command:

    OMP_NUM_THREADS=1 python training/entities/train_entity_lstm.py [--epochs 12]

Same data and labels as the CRF recipe (train_entity_model.py): GUM train documents only, gold
words and tags; the epoch with the best GUM dev F1 (person+organization+place) is kept; scores
on dev, test and GENTLE go to training/entities/lstm_scores.json.  The word vectors are the
bundled parser's (attribution/stanza_models/en/pretrain), read at load time, so the model file
holds only the small layers (stored in half precision).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import gum  # noqa: E402
import torch  # noqa: E402

from attribution import entities, entity_lstm  # noqa: E402

TARGET = ("person", "organization", "place")


def data(split: str) -> list[tuple[list, list[str]]]:
    out = []
    for doc in gum.documents(split):
        for words, labels in zip(doc.sentences, gum.bio(doc)):
            out.append((list(words), labels))
    return out


def vocabularies(train: list[tuple[list, list[str]]], pretrain_words: set[str]) -> dict[str, dict[str, int]]:
    vocab: dict[str, dict[str, int]] = {}
    counts: dict[str, dict[str, int]] = {}
    for words, _ in train:
        for k, seq in entity_lstm.symbols(words).items():
            for s in seq:
                counts.setdefault(k, {}).setdefault(s, 0)
                counts[k][s] += 1
    for k, c in counts.items():
        keep = sorted(s for s, n in c.items() if n >= 2 or (k == "word" and s in pretrain_words))
        if k == "word":
            keep = sorted(set(keep) | (pretrain_words & set(c)))
        vocab[k] = {"<pad>": 0, "<unk>": 1, **{s: i + 2 for i, s in enumerate(keep)}}
    return vocab


def batches(items: list, size: int):  # type: ignore[no-untyped-def]
    for i in range(0, len(items), size):
        yield items[i:i + size]


def tensorise(chunk: list, vocab: dict, tag_ids: dict) -> tuple[dict, torch.Tensor]:
    longest = max(len(w) for w, _ in chunk)
    inputs = {k: torch.zeros(len(chunk), longest, dtype=torch.long) for k in vocab}
    gold = torch.full((len(chunk), longest), -100, dtype=torch.long)
    for row, (words, labels) in enumerate(chunk):
        for k, ids in entity_lstm.encode(words, vocab).items():
            inputs[k][row, :len(ids)] = torch.tensor(ids)
        gold[row, :len(labels)] = torch.tensor([tag_ids[t] for t in labels])
    return inputs, gold


def evaluate(model, items: list, vocab: dict, tags: list[str]) -> dict:  # type: ignore[no-untyped-def]
    model.eval()
    counts: dict[str, list[int]] = {}
    with torch.no_grad():
        for chunk in batches(items, 64):
            inputs, _ = tensorise(chunk, vocab, {t: i for i, t in enumerate(tags)})
            best = model(inputs).argmax(dim=-1).tolist()
            for (words, gold), row in zip(chunk, best):
                pred = entity_lstm.repair([tags[i] for i in row[:len(words)]])
                g, p = set(entities.spans(gold)), set(entities.spans(pred))
                for kind in {t for *_, t in g | p}:
                    c = counts.setdefault(kind, [0, 0, 0])
                    c[0] += sum(1 for s in p & g if s[2] == kind)
                    c[1] += sum(s[2] == kind for s in p)
                    c[2] += sum(s[2] == kind for s in g)
    model.train()

    def prf(tp: int, npred: int, ngold: int) -> dict:
        pr = tp / npred if npred else 0.0
        rc = tp / ngold if ngold else 0.0
        return {"precision": round(pr, 4), "recall": round(rc, 4),
                "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0, "gold": ngold}

    out = {k: prf(*c) for k, c in sorted(counts.items())}
    for name, kinds in (("person+organization+place", TARGET), ("all", tuple(counts))):
        out[name] = prf(*[sum(counts.get(k, [0, 0, 0])[i] for k in kinds) for i in range(3)])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(1)
    started = time.time()
    splits = {s: data(s) for s in ("train", "dev", "test", "test2")}
    pretrain = torch.load(REPO / "attribution" / "stanza_models" / "en" / "pretrain" / "default.pt",
                          map_location="cpu", weights_only=False)
    vocab = vocabularies(splits["train"], set(pretrain["vocab"]["_unit2id"]))
    tags = sorted({t for _, labels in splits["train"] for t in labels})
    tag_ids = {t: i for i, t in enumerate(tags)}
    emb = entity_lstm._embeddings(pretrain, vocab["word"])
    model = entity_lstm.build_model({k: len(v) for k, v in vocab.items()}, emb, len(tags), args.hidden)
    optimiser = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=2e-3)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    train = sorted(splits["train"], key=lambda x: len(x[0]))
    chunks = list(batches(train, 32))
    best = (-1.0, None, 0)
    history = []
    for epoch in range(1, args.epochs + 1):
        random.shuffle(chunks)
        t0 = time.time()
        for chunk in chunks:
            inputs, gold = tensorise(chunk, vocab, tag_ids)
            optimiser.zero_grad()
            loss = loss_fn(model(inputs).reshape(-1, len(tags)), gold.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
        dev = evaluate(model, splits["dev"], vocab, tags)["person+organization+place"]["f1"]
        history.append({"epoch": epoch, "dev_f1": dev, "seconds": round(time.time() - t0)})
        print(history[-1], flush=True)
        if dev > best[0]:
            best = (dev, {k: v.clone() for k, v in model.state_dict().items() if k != "words.weight"}, epoch)
    assert best[1] is not None
    model.load_state_dict(best[1], strict=False)
    path = REPO / "attribution" / "data" / entity_lstm.MODEL_FILE
    torch.save({"state": {k: v.half() for k, v in best[1].items()}, "vocab": vocab, "tags": tags,
                "hidden": args.hidden}, path)
    scores = {"trained_on": f"GUM train ({len(splits['train'])} sentences), gold words and tags",
              "best_epoch": best[2], "history": history, "size_bytes": path.stat().st_size,
              "dev": evaluate(model, splits["dev"], vocab, tags), "test": evaluate(model, splits["test"], vocab, tags),
              "gentle": evaluate(model, splits["test2"], vocab, tags), "seconds": round(time.time() - started)}
    (HERE / "lstm_scores.json").write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    for split in ("dev", "test", "gentle"):
        print(split, scores[split]["person+organization+place"], scores[split]["all"])


if __name__ == "__main__":
    main()
