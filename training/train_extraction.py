"""Train the cue classifier (attribution/extract/cue_model.py) on PolNeAR train.

    python training/train_extraction.py [--shared ../shared] [--no-dev] [--thresholds 0.3,0.4,0.5]

One command rebuilds ``attribution/extract/data/cue_classifier.{txt,npz}``:

1. parses the 840 training articles with the bundled models (through the parse cache that
   `attribution analyze` uses, so a second run parses nothing);
2. makes every candidate cue of every article (``speech.candidates``) and labels it by
   whether it overlaps a cue of the gold annotator (the one ../shared/eval/polnear.py picks);
3. holds aside a fifth of the articles (by a hash of the article id), trains LightGBM on the
   rest with lemma counts taken out of fold (so a rare word's count never includes its own
   label), and picks the rounds and decision threshold by end-to-end detection F1 on the
   held-aside part, scored by ../shared/eval/score.py, among the settings whose precision
   reaches issue 14's 0.82 (see MIN_PRECISION);
4. retrains on all 840 articles with those settings, writes the model, and prints the
   held-aside figures and the dev figures (dev is reported, never used to choose anything).

Only counts, a tree model and projected word vectors are written; no article text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution import clutter, extract  # noqa: E402
from attribution.api import parse_article  # noqa: E402
from attribution.cache import ParseCache  # noqa: E402
from attribution.extract import cue_model, speech  # noqa: E402
from attribution.extract.quotes import QuoteIndex  # noqa: E402
from attribution.results import SCHEMA_VERSION  # noqa: E402

DATA = ROOT / "attribution" / "extract" / "data"
FOLDS = 5
PARAMS = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 20,
          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
          "verbose": -1, "num_threads": 1, "seed": 0, "cat_smooth": 10}
ROUNDS = 300


def is_cached(text: str, cache: ParseCache) -> bool:
    from attribution.models import resolve

    return cache.get(text, clutter.keep(text, clutter.find(text)), resolve("bundled").cache_key) is not None


def held_aside(article: str) -> bool:
    """A fixed fifth of train, by article id (never by content), for choosing settings."""
    return int(hashlib.sha1(article.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def fold_of(article: str) -> int:
    return int(hashlib.sha1(("fold:" + article).encode("utf-8")).hexdigest()[:8], 16) % FOLDS


class Article:
    """One parsed article with its candidates and their gold labels."""

    def __init__(self, record: dict, cache: ParseCache) -> None:
        self.id = record["article"]
        self.record = record
        text = record["text"]
        self.clutter = clutter.find(text)
        self.document = parse_article(text, clutter.keep(text, self.clutter), "bundled", cache)
        self.trees, found = extract.prepare(self.document, self.clutter)
        self.quotes = QuoteIndex(found)
        gold_cues = sorted(tuple(p) for a in record["attributions"] for p in a["cue"])
        self.items = [(tree, speech.candidates(tree, self.quotes)) for tree in self.trees]
        self.labels = [int(any(s < w.end and w.start < e for s, e in gold_cues))
                       for _, items in self.items for w, _ in items]
        self.frames: Counter[str] = Counter()
        self.frame_cues: Counter[str] = Counter()
        label = iter(self.labels)
        for _, items in self.items:
            for w, frm in items:
                key = f"{cue_model.count_key(w)}|{frm}"
                self.frames[key] += 1
                self.frame_cues[key] += next(label)
        self.lemmas: Counter[str] = Counter()
        self.lemma_cues: Counter[str] = Counter()
        self.forms: Counter[str] = Counter()
        self.form_cues: Counter[str] = Counter()
        for tree in self.trees:
            for w in tree.words:
                if w.upos not in ("VERB", "NOUN", "ADJ", "AUX"):
                    continue
                cue = any(s < w.end and w.start < e for s, e in gold_cues)
                self.lemmas[cue_model.count_key(w)] += 1
                self.forms[w.text.lower()] += 1
                if cue:
                    self.lemma_cues[cue_model.count_key(w)] += 1
                    self.form_cues[w.text.lower()] += 1

    def rows(self, counts: cue_model.Counts, vectors: cue_model.Vectors) -> list[list[float]]:
        return [cue_model.features(tree, w, frm, self.quotes, counts, vectors)
                for tree, items in self.items for w, frm in items]


def counts_of(articles: list[Article]) -> cue_model.Counts:
    lemmas: Counter[str] = Counter()
    lemma_cues: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    form_cues: Counter[str] = Counter()
    frames: Counter[str] = Counter()
    frame_cues: Counter[str] = Counter()
    for a in articles:
        frames.update(a.frames)
        frame_cues.update(a.frame_cues)
        lemmas.update(a.lemmas)
        lemma_cues.update(a.lemma_cues)
        forms.update(a.forms)
        form_cues.update(a.form_cues)
    return cue_model.Counts({k: (n, lemma_cues[k]) for k, n in lemmas.items()},
                            {k: (n, form_cues[k]) for k, n in forms.items()},
                            {k: (n, frame_cues[k]) for k, n in frames.items()})


def vectors_from_pretrain() -> tuple[list[str], np.ndarray, float]:
    """The bundled pretrain vectors of lower-case alphabetic words, projected on their first
    principal components and stored as int8."""
    import torch

    data = torch.load(ROOT / "attribution" / "stanza_models" / "en" / "pretrain" / "default.pt",
                      map_location="cpu", weights_only=False)
    words = data["vocab"]["_id2unit"]
    emb = data["emb"].numpy().astype(np.float64)
    keep = [i for i, w in enumerate(words) if w.isalpha() and w.islower()]
    matrix = emb[keep]
    matrix = matrix - matrix.mean(axis=0)
    _, _, vt = np.linalg.svd(matrix, full_matrices=False)
    projected = matrix @ vt[: cue_model.VECTOR_DIMS].T
    scale = float(np.abs(projected).max() / 127.0)
    return [words[i] for i in keep], np.round(projected / scale).astype(np.int8), scale


def out_of_fold_rows(articles: list[Article], vectors: cue_model.Vectors) -> tuple[np.ndarray, np.ndarray]:
    rows: list[list[float]] = []
    labels: list[int] = []
    for fold in range(FOLDS):
        counts = counts_of([a for a in articles if fold_of(a.id) != fold])
        for a in articles:
            if fold_of(a.id) == fold:
                rows.extend(a.rows(counts, vectors))
                labels.extend(a.labels)
    return np.asarray(rows, dtype=np.float64), np.asarray(labels)


def train(articles: list[Article], vectors: cue_model.Vectors, rounds: int):
    import lightgbm

    x, y = out_of_fold_rows(articles, vectors)
    data = lightgbm.Dataset(x, y, feature_name=list(cue_model.FEATURE_NAMES),
                            categorical_feature=list(cue_model.CATEGORICAL), free_raw_data=False)
    return lightgbm.train(PARAMS, data, num_boost_round=rounds)


def candidate_figures(p: np.ndarray, y: np.ndarray) -> str:
    """Ranking quality (AUC) and precision/recall of the candidates alone at a few thresholds."""
    order = np.argsort(-p)
    ranks = np.empty(len(p))
    ranks[order] = np.arange(len(p), 0, -1)
    pos = y == 1
    auc = (ranks[pos].sum() - pos.sum() * (pos.sum() + 1) / 2) / max(1, pos.sum() * (~pos).sum())
    parts = [f"AUC {auc:.3f}"]
    for t in (0.3, 0.4, 0.5):
        taken = p >= t
        tp = (taken & pos).sum()
        parts.append(f"@{t}: P {tp / max(1, taken.sum()):.3f} R {tp / max(1, pos.sum()):.3f}")
    return "  ".join(parts)


def predict_split(articles: list[Article], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    for a in articles:
        found = extract.attributions(a.document, a.clutter)
        result = {"schema": SCHEMA_VERSION, "attributions": [x.to_dict() for x in found]}
        (out / f"{a.id}.json").write_text(json.dumps(result), encoding="utf-8")


def score_split(articles: list[Article], out: Path, scorer) -> dict:
    predict_split(articles, out)
    return scorer.score([a.record for a in articles], str(out))


def summary(res: dict) -> str:
    d, s, sub = res["detection"], res["source"], res["subsets"]
    return (f"overall P {d['P']:.3f} R {d['R']:.3f} F1 {d['F1']:.3f} | direct {sub['direct']['F1']:.3f} "
            f"speech {sub['speech_verb']['F1']:.3f} according {sub['according_to']['F1']:.3f} "
            f"other {sub['other']['F1']:.3f} | source {s['acc_f1_ge_0.5']:.3f} | content "
            f"{res['content_tokens']['F1']:.3f} | strict {res['strict_triple']['F1']:.3f}")


# Issue 14 asks for detection precision of at least this much: among the settings that reach
# it on the held-aside part, the best F1 is chosen; only when none does, the best F1 overall.
MIN_PRECISION = 0.82


def _selection_key(res: dict) -> float:
    """Settings are compared by held-aside detection F1, those at the precision target first
    (F1 within 0.003 across thresholds 0.35-0.45, precision rising by about 0.04)."""
    d = res["detection"]
    return d["F1"] + (1.0 if d["P"] >= MIN_PRECISION else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.environ.get("ATTRIBUTION_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--thresholds", default="0.3,0.35,0.4,0.425,0.45,0.475,0.5,0.55,0.6")
    ap.add_argument("--rounds", default="150,300", help="boosting rounds tried on the held-aside part")
    ap.add_argument("--no-dev", action="store_true", help="do not report the dev figures")
    ap.add_argument("--select-only", action="store_true", help="choose settings, write nothing")
    ap.add_argument("--articles", default=None, help="a file of article ids: train on these only (a quick try)")
    ap.add_argument("--params", default="{}", help="LightGBM settings over PARAMS, as JSON (a quick try)")
    ap.add_argument("--keep-fit", default=None,
                    help="also write the chosen model trained on the four fifths (with their counts) to this "
                         "folder, so later changes can be measured on the held-aside part honestly")
    ap.add_argument("--cached-only", action="store_true", help="use only the articles already parsed (a quick try)")
    args = ap.parse_args(argv)
    PARAMS.update(json.loads(args.params))
    shared = Path(args.shared)
    sys.path.insert(0, str(shared / "eval"))
    import polnear  # type: ignore[import-not-found]
    import score as scorer  # type: ignore[import-not-found]

    started = time.time()
    cache = ParseCache()
    cue_model.use(None)  # candidates and labels do not depend on any model
    records = polnear.load_split(str(shared / "polnear" / "train"))
    if args.cached_only:
        records = [r for r in records if is_cached(r["text"], cache)]
    if args.articles:
        wanted = set(Path(args.articles).read_text(encoding="utf-8").split())
        records = [r for r in records if r["article"] in wanted]
    articles = [Article(r, cache) for r in records]
    print(f"{len(articles)} training articles parsed and labelled in {time.time() - started:.0f}s", flush=True)
    words, matrix, scale = vectors_from_pretrain()
    vectors = cue_model.Vectors(words, matrix, scale)

    fit = [a for a in articles if not held_aside(a.id)]
    aside = [a for a in articles if held_aside(a.id)]
    aside_counts = counts_of(fit)
    tmp = Path(tempfile.mkdtemp(prefix="train-extraction-"))
    cue_model.use(None)
    print(f"held-aside ({len(aside)} articles), the counted rates of cues.rate: "
          f"{summary(score_split(aside, tmp / 'aside', scorer))}", flush=True)
    best: tuple[float, int, float, dict] | None = None
    boosters = {}
    aside_x = np.asarray([row for a in aside for row in a.rows(aside_counts, vectors)], dtype=np.float64)
    aside_y = np.asarray([y for a in aside for y in a.labels])
    for rounds in [int(r) for r in args.rounds.split(",")]:
        booster = boosters[rounds] = train(fit, vectors, rounds)
        print(f"held-aside candidates ({len(aside_y)}, {aside_y.sum()} cues), rounds {rounds}: "
              f"{candidate_figures(booster.predict(aside_x), aside_y)}", flush=True)
        for threshold in [float(t) for t in args.thresholds.split(",")]:
            cue_model.use(cue_model.CueClassifier(booster, aside_counts, vectors, threshold))
            res = score_split(aside, tmp / "aside", scorer)
            print(f"held-aside ({len(aside)} articles) rounds {rounds} threshold {threshold}: {summary(res)}",
                  flush=True)
            f1 = _selection_key(res)
            if best is None or f1 > best[0]:
                best = (f1, rounds, threshold, res)
    assert best is not None
    _, rounds, threshold, res = best
    print(f"chosen on held-aside: rounds {rounds}, threshold {threshold}: {summary(res)}", flush=True)
    if args.keep_fit:
        write_model(Path(args.keep_fit), boosters[rounds], aside_counts, words, matrix, scale, threshold)
        print(f"wrote the four-fifths model to {args.keep_fit}", flush=True)
    if args.select_only:
        return 0

    booster = train(articles, vectors, rounds)
    write_model(DATA, booster, counts_of(articles), words, matrix, scale, threshold)
    sizes = {p.name: p.stat().st_size for p in DATA.glob("cue_classifier.*")}
    print(f"wrote {sizes}", flush=True)

    if not args.no_dev:
        cue_model.use_shipped()
        cue_model._shipped.cache_clear()
        dev_records = polnear.load_split(str(shared / "polnear" / "dev"))
        dev = [Article(r, cache) for r in dev_records]
        res = score_split(dev, tmp / "dev", scorer)
        print(f"dev ({len(dev)} articles, reported only): {summary(res)}", flush=True)
    print(f"done in {time.time() - started:.0f}s", flush=True)
    return 0


def write_model(folder: Path, booster, counts: cue_model.Counts, words: list[str], matrix: np.ndarray,
                scale: float, threshold: float) -> None:
    """The model files as extraction reads them (cue_model._shipped, cue_model.load_from)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cue_classifier.txt").write_text(booster.model_to_string(), encoding="utf-8")
    lemma_keys = sorted(k for k, (n, c) in counts.lemmas.items() if n >= 2 or c)
    form_keys = sorted(k for k, (n, c) in counts.forms.items() if c)
    frame_keys = sorted(k for k, (n, c) in counts.frames.items() if n >= 2 or c)
    np.savez_compressed(
        folder / "cue_classifier.npz",
        lemma_keys=np.asarray(lemma_keys), lemma_counts=np.asarray([counts.lemmas[k] for k in lemma_keys]),
        form_keys=np.asarray(form_keys), form_counts=np.asarray([counts.forms[k] for k in form_keys]),
        frame_keys=np.asarray(frame_keys), frame_counts=np.asarray([counts.frames[k] for k in frame_keys]),
        vector_words=np.asarray(words), vectors=matrix, vector_scale=np.float64(scale),
        threshold=np.float64(threshold))


if __name__ == "__main__":
    sys.exit(main())
