"""How likely a word is an attribution cue, from its lemma, part of speech and syntactic frame.

Three data files back this:

* ``lexicons/reporting_verbs_tier{1,2,3}.txt``: a hand-made tiered lexicon.  Tier 1: verbs of saying
  ("say", "tell", "warn"); tier 2: verbs of thought, belief, intention and evidence ("believe",
  "plan", "show"); tier 3: verbs that are cues only next to a direct quote ("read", "continue").
* ``lexicons/cue_words.tsv``: counts learned from PolNeAR's training split (how often a word
  form occurs, and how often inside an annotated cue), built by ``scripts/build_cue_lexicon.py``.
  Counts, not text.  :func:`rate` weights the form's rate by the syntactic frame.
* ``lexicons/prepositional_cues.txt``: verb-preposition pairs ("talk about", "call for") whose
  prepositional object is the content (frame "prep", see :func:`prep_object`).

The learned rate decides where it has enough evidence; the hand tiers fill in for lemmas the
training data never saw, so unseen news with a rare reporting verb still gets a cue.
"""

from __future__ import annotations

from functools import lru_cache

from ..lexicons import load_lexicon, load_table
from ..results import Word
from .tree import Tree

# Frames, most specific first; `frame()` returns the first that applies.
FRAMES = ("according", "ccomp", "parataxis_of", "parataxis", "xcomp", "obj", "prep", "obl", "none")
# Frames whose rate comes from the word alone (for a verb next to a quote; "prep" needs its
# preposition, see prep_object).
WORD_FRAMES = tuple(f for f in FRAMES if f != "prep")
# Prior rate for a hand-tier lemma the counts have not seen in this frame.
_TIER_PRIOR = {1: 0.6, 2: 0.3, 3: 0.1}
# Rate of a verb with a preposition from lexicons/prepositional_cues.txt.
_PREP_PRIOR = 0.5
# Pseudo-count that pulls a rare lemma's learned rate towards its prior.
_SMOOTHING = 3.0


def frame(tree: Tree, w: Word) -> str:
    """The syntactic frame of a possible cue: which complement it has, or how it attaches."""
    if w.text.lower() == "according":
        return "according"
    rels = {k.deprel.split(":")[0] for k in tree.children(w)
            if not is_speaker_relative(tree, w, k) and not is_speaker_appositive(tree, w, k)}
    if "ccomp" in rels or noun_clause(tree, w) is not None or that_clause(tree, w) is not None \
            or advcl_clause(tree, w) is not None:
        return "ccomp"
    if w.deprel.split(":")[0] == "parataxis":
        return "parataxis_of"
    if "parataxis" in rels:
        return "parataxis"
    if "xcomp" in rels:
        return "xcomp"
    if any(not is_temporal(k) for k in tree.children(w, "obj")):
        return "obj"
    if prep_object(tree, w) is not None:
        return "prep"
    if "obl" in rels or "nmod" in rels:
        return "obl"
    return "none"


_TEMPORAL = {"today", "yesterday", "tomorrow", "tonight", "week", "month", "year", "day", "night",
             "morning", "afternoon", "evening", "weekend", "monday", "tuesday", "wednesday", "thursday",
             "friday", "saturday", "sunday", "time"}
# How far after a verb a "that" may open its complement when the parser attached it elsewhere.
_THAT_WINDOW = 8


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec."}


def is_temporal(w: Word) -> bool:
    """A time word parsed as an object ("said Friday that ...") or subject ("Last May said")."""
    return w.lemma.lower() in _TEMPORAL or w.deprel in ("obl:tmod", "obl:npmod") or \
        w.text.lower() in _MONTHS and w.upos in ("PROPN", "NOUN")


def that_clause(tree: Tree, w: Word) -> Word | None:
    """The head of a "that" clause right after verb ``w`` ("said Friday that X"), wherever the
    parser attached it; None when no such clause follows before another verb."""
    if w.upos not in ("VERB", "AUX"):
        return None
    for x in tree.words[w.id:w.id + _THAT_WINDOW]:
        if x.upos in ("VERB", "AUX") or x.text in (".", ";", ":", "\u201c", '"'):
            return None
        if x.text.lower() == "that" and x.deprel == "mark":
            head = tree.head(x)
            if head is not None and head.id > x.id and head.id != w.id:
                return head
            return None
    return None


# Subordinators that make an adverbial clause, not a reported one.
_CLAUSE_MARKS = {"that"}


def advcl_clause(tree: Tree, w: Word) -> Word | None:
    """A complement clause the parser labelled adverbial: "says [the world is watching]" with
    "watching" as an advcl of "says".  Only for hand-tier verbs, only a clause after the verb
    with its own subject or a finite verb, and no subordinator but "that" ("because", "if",
    "when" make a real adverbial)."""
    if w.upos != "VERB" or tiers().get(w.lemma.lower()) not in (1, 2):
        return None
    for k in tree.children(w, "advcl"):
        if k.id < w.id or k.upos not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN"):
            continue
        marks = [m.lemma.lower() for m in tree.children(k, "mark")]
        if any(m not in _CLAUSE_MARKS for m in marks):
            continue
        subject = tree.child(k, "nsubj", "expl", "csubj") is not None
        finite = "VerbForm=Fin" in k.feats or any("VerbForm=Fin" in a.feats for a in tree.children(k, "aux", "cop"))
        if (subject and (finite or marks)) or (finite and marks):
            return k
    return None


# How far after the verb its preposition may stand ("talked at length about", "spoke out against").
_PREP_WINDOW = 3


def prep_object(tree: Tree, w: Word) -> Word | None:
    """The object of the preposition a prepositional cue verb takes ("referred to [the
    convention]", lexicon ``prepositional_cues``): the verb's own oblique with that case marker,
    or, where the parser hung the phrase elsewhere, the noun the preposition right after the
    verb (only adverbs and particles between) belongs to."""
    if w.upos != "VERB":
        return None
    pairs = load_lexicon("prepositional_cues")
    lemma = w.lemma.lower()
    for k in tree.children(w, "obl"):
        for c in tree.children(k, "case"):
            if w.id < c.id < k.id and f"{lemma} {c.lemma.lower()}" in pairs:
                return k
    for x in tree.words[w.id:w.id + _PREP_WINDOW]:
        if x.upos == "ADP" and f"{lemma} {x.lemma.lower()}" in pairs:
            head = tree.head(x)
            if head is not None and head.id > x.id and head.upos in ("NOUN", "PROPN", "PRON", "NUM", "VERB", "ADJ"):
                return head
            return None
        if x.upos not in ("ADV", "ADP", "PART"):
            return None
    return None


def noun_clause(tree: Tree, w: Word) -> Word | None:
    """The "that" clause of a noun ("the claim that ..."), UD acl with a marker."""
    if w.upos != "NOUN":
        return None
    for k in tree.children(w, "acl"):
        if k.deprel == "acl" and any(m.lemma.lower() in ("that", "whether", "if") for m in tree.children(k, "mark")):
            return k
    return None


@lru_cache(maxsize=1)
def tiers() -> dict[str, int]:
    """Hand tier per lemma (1 speech, 2 thought/intention/evidence, 3 only with a quote)."""
    out: dict[str, int] = {}
    for tier in (3, 2, 1):
        for lemma in load_lexicon(f"reporting_verbs_tier{tier}"):
            out[lemma] = tier
    return out


@lru_cache(maxsize=1)
def _counts() -> dict[str, tuple[int, int]]:
    rows = load_table("cue_words")
    return {row[0]: (int(row[1]), int(row[2])) for row in rows[1:]}


# How much a frame raises or lowers a word's overall cue rate: a clausal complement is the
# typical shape of reported speech; a bare object or oblique much less so.
FRAME_WEIGHT = {"ccomp": 1.5, "parataxis_of": 1.5, "parataxis": 1.3, "xcomp": 1.0, "obj": 0.9, "prep": 1.0, "obl": 0.6,
                "none": 0.0, "according": 1.0}
# The frame in which a word alone rates highest: the bound may_reach tests against.
_STRONGEST_WORD_FRAME = max(WORD_FRAMES, key=FRAME_WEIGHT.__getitem__)


def may_reach(w: Word, threshold: float) -> bool:
    """Whether ``w`` could rate ``threshold`` in some frame: a cheap test that spares the frame
    analysis for the many words that can never be cues ("the", "missiles")."""
    if w.upos == "VERB" and w.lemma.lower() in _prep_verbs():
        return True
    return rate(w, _STRONGEST_WORD_FRAME) >= threshold


@lru_cache(maxsize=None)
def _prep_verbs() -> frozenset[str]:
    return frozenset(pair.split()[0] for pair in load_lexicon("prepositional_cues"))


def rate(w: Word, frm: str) -> float:
    """Estimated probability that word ``w`` in frame ``frm`` is an attribution cue.

    The word form's cue rate in PolNeAR train (smoothed towards the hand tier's prior; the
    lemma's own form stands in for an inflection never seen), weighted by the frame.
    """
    lemma = w.lemma.lower()
    tier = tiers().get(lemma) if w.upos in ("VERB", "AUX") else None
    prior = _TIER_PRIOR[tier] if tier else 0.0
    counts = _counts()
    seen, cue = counts.get(w.text.lower(), counts.get(lemma, (0, 0)))
    base = (cue + _SMOOTHING * prior) / (seen + _SMOOTHING)
    if frm == "prep":
        # The verb-preposition pair is itself the evidence ("talk about", "call for").
        return max(_PREP_PRIOR, min(1.0, base * FRAME_WEIGHT["prep"]))
    return min(1.0, base * FRAME_WEIGHT.get(frm, 0.0))


def is_speaker_relative(tree: Tree, cue: Word, clause: Word) -> bool:
    """``clause``, a clause the parser hung on ``cue``, is a relative clause on the speaker after
    the cue (", said Lane, who was ..."): it opens with "who" or "which" as its subject, right
    after a comma that follows the cue's subject."""
    if clause.head != cue.id or clause.id < cue.id or \
            clause.deprel.split(":")[0] not in ("ccomp", "parataxis", "conj", "advcl"):
        return False
    first = next(x for x in tree.subtree(clause) if x.upos != "PUNCT")
    if first.text.lower() not in ("who", "which") or first.head != clause.id or \
            not first.deprel.startswith("nsubj") or first.id < 3 or tree.word(first.id - 1).text != ",":
        return False
    return _ends_subject_after(tree, cue, first)


def is_speaker_appositive(tree: Tree, cue: Word, clause: Word) -> bool:
    """``clause``, a noun the parser hung on ``cue`` as its complement, is an appositive on the
    speaker after the cue (", said Douglas Hart, a former adviser to the governor"): a bare noun
    phrase, with no subject or copula of its own, right after a comma that follows the cue's
    subject."""
    if clause.head != cue.id or clause.id < cue.id or clause.upos != "NOUN" or \
            clause.deprel.split(":")[0] not in ("ccomp", "parataxis", "conj", "obj", "appos", "nsubj"):
        return False
    if tree.child(clause, "nsubj", "nsubj:pass", "cop", "expl", "csubj") is not None:
        return False
    first = next(x for x in tree.subtree(clause) if x.upos != "PUNCT")
    if first.upos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or first.id < 3 or tree.word(first.id - 1).text != ",":
        return False
    return _ends_subject_after(tree, cue, first)


def _ends_subject_after(tree: Tree, cue: Word, first: Word) -> bool:
    """The word two before ``first`` (a comma between) belongs to a subject of ``cue`` after it."""
    before = tree.word(first.id - 2)
    return any(before.id == x.id for k in tree.children(cue, "nsubj") if k.id > cue.id and k.id != first.head
               for x in tree.subtree(k))
