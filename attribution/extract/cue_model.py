"""The trained cue classifier: how likely a candidate word, in its syntactic frame, is an
attribution cue whose complement is reported content.

Every verb, noun, adjective or auxiliary of a sentence that takes a complement (see
:func:`.cues.frame`) is a candidate.  :func:`features` describes it by what generalises past the
words seen in training: its frame and the relation it hangs by, the kind of its subject, the
shape of its complement ("that"-clause, finite, own subject), quote marks around it, the verb
it depends on ("wanted to deny": "deny" under "want"), how often its lemma was a cue in
PolNeAR train, and a few dimensions of its word vector (the bundled stanza pretrain vectors,
projected).  A LightGBM model (``data/cue_classifier.txt``) turns that into a probability;
``data/cue_classifier.npz`` holds the lemma counts, the vector projection and the threshold.

Both files are built by ``training/train_extraction.py`` (see ``MODEL_CARD.md`` beside this
module).  Without them (a source checkout whose model was deleted) :func:`available` is false
and extraction falls back to the counted rates of :mod:`.cues`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..lexicons import load_lexicon
from ..results import Word
from . import cues
from .quotes import QuoteIndex
from .tree import Tree

MODEL_NAME = "cue-classifier-1"

UPOS = ("VERB", "NOUN", "ADJ", "AUX")
FRAMES = ("ccomp", "parataxis_of", "parataxis", "xcomp", "obj", "prep", "obl")
DEPRELS = ("root", "ccomp", "xcomp", "conj", "advcl", "acl", "acl:relcl", "parataxis", "nsubj", "obj", "obl",
           "nmod", "amod", "csubj", "appos", "advmod", "other")
HEAD_UPOS = ("none", "VERB", "NOUN", "ADJ", "AUX", "PROPN", "other")
SUBJECT_KINDS = ("none", "person_pronoun", "other_pronoun", "name", "person_noun", "other_noun", "relative", "other")
VERB_FORMS = ("Fin", "Inf", "Part", "Ger", "none")
# The preposition of the first phrase after the candidate ("allegations of", "support for",
# "concerns about", "attacks on"): for nouns it is most of what says whether they report.
PREPOSITIONS = ("none", "about", "on", "of", "for", "against", "over", "with", "to", "in", "at", "from", "by",
                "that", "as", "other")

# Categorical features, then numbers; vector dimensions come last (see `features`).
CATEGORICAL = ("upos", "frame", "deprel", "head_upos", "subject_kind", "verb_form", "tier", "head_tier",
               "preposition")
NUMERIC = ("lemma_rate", "lemma_seen", "frame_rate", "frame_seen", "form_rate", "head_rate", "child_rate", "has_that", "comp_finite",
           "comp_subject", "comp_words", "quote_in_sentence", "quote_gap_after", "quote_gap_before",
           "colon_after", "negated", "modal", "passive", "first_sentence", "sentence_words", "position",
           "prep_pair", "has_obj", "has_iobj", "obl_count", "under_speech_verb", "first_person_subject",
           "comp_question", "capitalised", "possessor", "determiner", "object_rate")
VECTOR_DIMS = int(__import__("os").environ.get("CUE_VECTOR_DIMS", "24"))
FEATURE_NAMES = CATEGORICAL + NUMERIC + tuple(f"vec{i}" for i in range(VECTOR_DIMS))

_PERSON_PRONOUNS = {"he", "she", "they", "we", "i", "you", "who"}
_MODALS = {"will", "would", "could", "can", "may", "might", "should", "must", "shall"}
_QUOTE_CHARS = '"\u201c\u201d\u00ab\u00bb'
# Counts smoothing: a lemma seen n times, c of them as a cue, rates (c + 0.1) / (n + 1.1).
_RATE_PRIOR = 0.1


def _code(value: str, table: Sequence[str]) -> int:
    return table.index(value) if value in table else len(table) - 1


def count_key(w: Word) -> str:
    """The key lemma counts are kept under: lower-cased lemma and coarse part of speech."""
    pos = "V" if w.upos in ("VERB", "AUX") else w.upos[:1]
    return f"{w.lemma.lower()}|{pos}"


@dataclass(frozen=True)
class Counts:
    """How often each lemma (and form) occurred in training, and how often as a cue."""

    lemmas: dict[str, tuple[int, int]]
    forms: dict[str, tuple[int, int]]
    frames: dict[str, tuple[int, int]]

    def lemma_rate(self, w: Word) -> tuple[float, float]:
        seen, cue = self.lemmas.get(count_key(w), (0, 0))
        return (cue + _RATE_PRIOR) / (seen + 1 + _RATE_PRIOR), math.log1p(seen)

    def frame_rate(self, w: Word, frm: str) -> tuple[float, float]:
        """The lemma's cue rate among the candidates with this frame ("show" + clause is a cue far
        more often than "show" + object)."""
        seen, cue = self.frames.get(f"{count_key(w)}|{frm}", (0, 0))
        return (cue + _RATE_PRIOR) / (seen + 1 + _RATE_PRIOR), math.log1p(seen)

    def form_rate(self, w: Word) -> float:
        seen, cue = self.forms.get(w.text.lower(), (0, 0))
        return (cue + _RATE_PRIOR) / (seen + 1 + _RATE_PRIOR)


class Vectors:
    """Word vectors projected to a few dimensions, looked up by lower-cased form, then lemma."""

    def __init__(self, words: Sequence[str], matrix: Any, scale: float) -> None:
        self.index = {w: i for i, w in enumerate(words)}
        self.matrix = matrix
        self.scale = scale

    def of(self, w: Word) -> list[float]:
        i = self.index.get(w.lemma.lower(), self.index.get(w.text.lower()))
        if i is None:
            return [0.0] * VECTOR_DIMS
        return [float(x) * self.scale for x in self.matrix[i][:VECTOR_DIMS]]


def _subject_kind(tree: Tree, w: Word) -> tuple[str, bool]:
    from .speech import source_of  # speech imports this module

    subj = source_of(tree, w)
    if subj is None:
        return "none", False
    lemma = subj.lemma.lower()
    first = subj.text.lower() in ("i", "we")
    if subj.text.lower() in ("who", "which", "that"):
        return "relative", first
    if subj.upos == "PRON":
        return ("person_pronoun" if subj.text.lower() in _PERSON_PRONOUNS else "other_pronoun"), first
    if subj.upos == "PROPN":
        return "name", first
    if subj.upos == "NOUN":
        people = any(lemma in load_lexicon(n) for n in ("people_nouns", "roles", "institution_words",
                                                         "anonymous_heads", "document_words"))
        return ("person_noun" if people else "other_noun"), first
    return "other", first


def _complement(tree: Tree, w: Word, frm: str) -> Word | None:
    if frm == "ccomp":
        after = [k for k in tree.children(w, "ccomp") if k.id > w.id]
        return (after[0] if after else tree.child(w, "ccomp")) or cues.noun_clause(tree, w) or \
            cues.that_clause(tree, w) or cues.advcl_clause(tree, w)
    if frm == "xcomp":
        return tree.child(w, "xcomp")
    if frm == "parataxis":
        return tree.child(w, "parataxis")
    if frm == "parataxis_of":
        return tree.head(w)
    if frm == "obj":
        return tree.child(w, "obj")
    return None


def features(tree: Tree, w: Word, frm: str, quotes: QuoteIndex, counts: Counts,
             vectors: Vectors | None) -> list[float]:
    """The feature row of candidate cue ``w`` in frame ``frm`` (order: FEATURE_NAMES)."""
    text = tree.article_text
    sent = tree.sentence
    head = tree.head(w)
    tiers = cues.tiers()
    tier = tiers.get(w.lemma.lower(), 0) if w.upos in ("VERB", "AUX") else 0
    head_tier = tiers.get(head.lemma.lower(), 0) if head is not None and head.upos == "VERB" else 0
    kind, first_person = _subject_kind(tree, w)
    comp = _complement(tree, w, frm)
    comp_marks = [m.lemma.lower() for m in tree.children(comp, "mark")] if comp is not None else []
    comp_words = len(tree.subtree(comp)) if comp is not None and frm != "parataxis_of" else 0
    comp_finite = comp is not None and ("VerbForm=Fin" in comp.feats or any(
        "VerbForm=Fin" in a.feats for a in tree.children(comp, "aux", "cop")))
    comp_subject = comp is not None and tree.child(comp, "nsubj", "csubj", "expl") is not None
    child = tree.child(w, "xcomp") or (comp if frm == "ccomp" else None)
    lemma_rate, lemma_seen = counts.lemma_rate(w)
    head_rate = counts.lemma_rate(head)[0] if head is not None else 0.0
    child_rate = counts.lemma_rate(child)[0] if child is not None else 0.0
    sentence_text = text[sent.start:sent.end]
    quote_in_sentence = any(ch in sentence_text for ch in _QUOTE_CHARS) or "''" in sentence_text
    gap_after = quotes.gap_after(w.end, sent.end + 2)
    gap_before = quotes.gap_before(w.start, sent.start - 2)
    nxt = tree.words[w.id] if w.id < len(tree.words) else None
    colon_after = nxt is not None and nxt.text == ":"
    negated = any(k.lemma.lower() in ("not", "never", "n't") for k in tree.children(w, "advmod"))
    modal = any(k.lemma.lower() in _MODALS for k in tree.children(w, "aux"))
    passive = tree.child(w, "aux:pass", "nsubj:pass") is not None
    verb_form = next((f.split("=")[1] for f in w.feats.split("|") if f.startswith("VerbForm=")), "none")
    pairs = load_lexicon("prepositional_cues")
    prep_pair = any(f"{w.lemma.lower()} {c.lemma.lower()}" in pairs
                    for k in tree.children(w, "obl") for c in tree.children(k, "case"))
    under_speech = any(tiers.get(a.lemma.lower()) == 1 for a in tree.ancestors(w) if a.upos == "VERB")
    comp_question = "whether" in comp_marks or "if" in comp_marks or \
        (comp is not None and any(k.lemma.lower() in ("what", "how", "why", "who", "when", "where")
                                  for k in tree.children(comp)))
    # "expressed concern", "drew criticism", "cast doubt on": a light verb whose object is a noun
    # of saying or thinking.
    obj = next((k for k in tree.children(w) if k.id > w.id and k.deprel.split(":")[0] in ("obj", "obl", "nmod")
                and k.upos == "NOUN"), None)
    object_rate = counts.lemma_rate(obj)[0] if obj is not None else 0.0
    possessor = tree.child(w, "nmod:poss")
    determiner = tree.child(w, "det")
    row: list[float] = [
        _code(w.upos, UPOS), _code(frm, FRAMES), _code(w.deprel if w.deprel in DEPRELS else w.deprel.split(":")[0],
                                                       DEPRELS),
        _code(head.upos if head is not None else "none", HEAD_UPOS), _code(kind, SUBJECT_KINDS),
        _code(verb_form, VERB_FORMS), tier, head_tier, _code(_preposition(tree, w), PREPOSITIONS),
        lemma_rate, lemma_seen, *counts.frame_rate(w, frm), counts.form_rate(w), head_rate, child_rate, float("that" in comp_marks),
        float(comp_finite), float(comp_subject), min(comp_words, 60), float(quote_in_sentence),
        gap_after, gap_before, float(colon_after), float(negated), float(modal),
        float(passive), float(sent.index == 0), min(len(tree.words), 80), w.id / max(1, len(tree.words)),
        float(prep_pair), float(tree.child(w, "obj") is not None), float(tree.child(w, "iobj") is not None),
        len(tree.children(w, "obl")), float(under_speech), float(first_person), float(comp_question),
        float(w.text[:1].isupper() and w.id > 1),
        # "his remarks", "Trump's comments": a noun with its possessor names who spoke.
        _possessor_kind(possessor),
        float(determiner is not None and determiner.lemma.lower() in ("the", "this", "that", "these", "those")),
        object_rate,
    ]
    row.extend(vectors.of(w) if vectors is not None else [0.0] * VECTOR_DIMS)
    return row


def _preposition(tree: Tree, w: Word) -> str:
    """The case marker of the first oblique or nominal modifier after ``w`` ("that" for a
    noun's that-clause), or "none"."""
    for k in tree.children(w):
        if k.id < w.id:
            continue
        rel = k.deprel.split(":")[0]
        if rel in ("obl", "nmod"):
            case = next((c for c in tree.children(k, "case") if c.id < k.id), None)
            if case is not None and case.id < len(tree.words) and tree.word(case.id + 1).upos == "NUM":
                # "seizing about 500 square miles": an approximate number, not a preposition.
                continue
            if case is not None:
                lemma = case.lemma.lower()
                return lemma if lemma in PREPOSITIONS else "other"
        if rel == "acl" and any(m.lemma.lower() == "that" for m in tree.children(k, "mark")):
            return "that"
    return "none"


def _possessor_kind(possessor: Word | None) -> float:
    """0 no possessor, 1 a pronoun ("his"), 2 a name ("Trump's"), 3 another noun."""
    if possessor is None:
        return 0.0
    return 1.0 if possessor.upos == "PRON" else 2.0 if possessor.upos == "PROPN" else 3.0


@dataclass(frozen=True)
class Decision:
    """Why a candidate was taken: its frame, the classifier's probability and the features that
    pushed it up most."""

    frame: str
    score: float
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"model": MODEL_NAME, "frame": self.frame, "score": round(self.score, 3),
                "reasons": list(self.reasons)}


_REASON_TEXT = {
    "frame": "its frame", "lemma_rate": "how often its lemma is a cue in training",
    "form_rate": "how often this word form is a cue in training",
    "frame_rate": "how often its lemma is a cue in this frame in training", "frame_seen": "how common its lemma is in this frame", "lemma_seen": "how common its lemma is",
    "subject_kind": "the kind of its subject", "deprel": "how it attaches to the sentence",
    "head_rate": "the word it depends on", "child_rate": "the verb of its complement",
    "has_that": "a that-clause", "comp_finite": "a finite complement clause", "comp_subject":
    "a complement with its own subject", "quote_gap_after": "a quote right after it",
    "quote_gap_before": "a quote right before it", "quote_in_sentence": "quote marks in the sentence",
    "tier": "the hand lexicon of reporting verbs",
    "under_speech_verb": "a verb of saying above it", "colon_after": "a colon after it",
    "modal": "a modal auxiliary", "negated": "a negation", "upos": "its part of speech",
    "preposition": "the preposition after it", "object_rate": "how often its object is a cue in training", "possessor": "a possessor naming who spoke",
}


# How a frame reads in a sentence of a report ("why was this taken as a cue?").
FRAME_TEXT = {
    "ccomp": "a clause after it", "parataxis_of": "it interrupts the clause it reports",
    "parataxis": "a clause set beside it", "xcomp": "an infinitive or predicate after it",
    "obj": "a direct object", "prep": "a prepositional object", "obl": "an oblique phrase",
}


def explain(evidence: dict[str, Any] | None) -> str:
    """One line saying why a cue was taken, from an attribution's ``cue_evidence``: "cue
    classifier 0.93: a clause after it; its frame, a that-clause".  "" without evidence."""
    if not evidence:
        return ""
    frame = FRAME_TEXT.get(str(evidence.get("frame", "")), str(evidence.get("frame", "")))
    reasons = [str(r) for r in evidence.get("reasons", ())]
    line = f"cue classifier {float(evidence.get('score', 0.0)):.2f}"
    if frame:
        line += f": {frame}"
    if reasons:
        line += "; raised by " + ", ".join(reasons)
    return line


class CueClassifier:
    """The shipped LightGBM cue model with its counts, vectors and threshold."""

    def __init__(self, booster: Any, counts: Counts, vectors: Vectors | None, threshold: float) -> None:
        self.booster = booster
        self.counts = counts
        self.vectors = vectors
        self.threshold = threshold

    def rows(self, tree: Tree, items: Sequence[tuple[Word, str]], quotes: QuoteIndex) -> list[list[float]]:
        return [features(tree, w, frm, quotes, self.counts, self.vectors) for w, frm in items]

    def scores(self, rows: list[list[float]]) -> list[float]:
        if not rows:
            return []
        import numpy as np

        return [float(p) for p in self.booster.predict(np.asarray(rows, dtype=np.float64))]

    def reasons(self, row: list[float], top: int = 3) -> tuple[str, ...]:
        """The features that raised this candidate's score most (LightGBM contributions)."""
        return self.reasons_many([row], top)[0]

    def reasons_many(self, rows: list[list[float]], top: int = 3) -> list[tuple[str, ...]]:
        if not rows:
            return []
        import numpy as np

        contribs = self.booster.predict(np.asarray(rows, dtype=np.float64), pred_contrib=True)
        return [_top_reasons(list(c[:-1]), top) for c in contribs]


def _top_reasons(contrib: list[float], top: int) -> tuple[str, ...]:
    """Readable names of the features with the largest positive contributions."""
    out: list[str] = []
    for i in sorted(range(len(contrib)), key=lambda i: -contrib[i]):
        if contrib[i] <= 0 or len(out) >= top:
            break
        name = FEATURE_NAMES[i]
        label = _REASON_TEXT.get(name, "its word vector" if name.startswith("vec") else name)
        if label not in out:
            out.append(label)
    return tuple(out)


def _data(name: str) -> Any:
    return resources.files("attribution.extract").joinpath("data").joinpath(name)


# A model set by `use` (the training recipe trying settings) instead of the shipped one.
_OVERRIDE: dict[str, CueClassifier | None] = {}


def use(model: CueClassifier | None) -> None:
    """Make extraction use ``model`` (None: the counted rates) until :func:`use_shipped`."""
    _OVERRIDE["model"] = model


def use_shipped() -> None:
    _OVERRIDE.clear()


def load() -> CueClassifier | None:
    """The classifier extraction uses: the shipped one, or None when its files are missing."""
    if "model" in _OVERRIDE:
        return _OVERRIDE["model"]
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> CueClassifier | None:
    return _read(_data("cue_classifier.txt"), _data("cue_classifier.npz"))


def load_from(folder: Any) -> CueClassifier | None:
    """The classifier written to ``folder`` (``training/train_extraction.py --keep-fit``)."""
    from pathlib import Path

    return _read(Path(folder) / "cue_classifier.txt", Path(folder) / "cue_classifier.npz")


def _read(model_file: Any, table_file: Any) -> CueClassifier | None:
    if not model_file.is_file() or not table_file.is_file():
        return None
    import io

    import lightgbm
    import numpy as np

    booster = lightgbm.Booster(model_str=model_file.read_text(encoding="utf-8"))
    with np.load(io.BytesIO(table_file.read_bytes()), allow_pickle=False) as z:
        counts = Counts(_table(z["lemma_keys"], z["lemma_counts"]), _table(z["form_keys"], z["form_counts"]),
                        _table(z["frame_keys"], z["frame_counts"]))
        vectors = Vectors([str(w) for w in z["vector_words"]], z["vectors"], float(z["vector_scale"]))
        threshold = float(z["threshold"])
    return CueClassifier(booster, counts, vectors, threshold)


def _table(keys: Any, values: Any) -> dict[str, tuple[int, int]]:
    return {str(k): (int(v[0]), int(v[1])) for k, v in zip(keys, values)}


def available() -> bool:
    return _shipped() is not None
