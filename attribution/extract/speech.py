"""Reported speech and thought on the UD tree: a cue word, its complement and its subject.

"The United States has informed allies that it believes ...", "Kirby told reporters ...",
"..., said spokesman Sean Savett", "The Ukrainian Air Force said in a statement that ...".
A word is a cue when :func:`.cues.rate` (learned lemma/frame counts backed by the hand tiers)
says so; its content is its clausal complement (ccomp, parataxis, xcomp, obj) or, for an
inverted "..., he said", the clause it interrupts; its source is its subject, the agent of a
passive, or the subject it shares with the verb it is coordinated with or subordinate to.

Does not pair quote marks (see :mod:`.direct`) and does not resolve pronouns (see :mod:`.coref`).
"""

from __future__ import annotations

from ..lexicons import load_lexicon
from ..results import Word
from . import cues
from .candidate import Candidate, Piece
from .quotes import Quote
from .tree import Tree, contiguous_runs, trim

# Accept a cue at or above this rate (tuned on PolNeAR train for detection F1).
THRESHOLD = 0.5
_SUBJECT_RELS = ("nsubj", "csubj")
# Relations along which a verb without a subject borrows its head's subject.
_SHARED_SUBJECT = ("conj", "xcomp", "advcl", "ccomp")


def _inside_quote(w: Word, quotes: tuple[Quote, ...]) -> bool:
    return any(q.contains(w.start, w.end) for q in quotes)


def find(tree: Tree, quotes: tuple[Quote, ...], threshold: float = THRESHOLD) -> list[Candidate]:
    """Verb (and noun) cues of one sentence with their content and source."""
    out: list[Candidate] = []
    for w in tree.words:
        if w.upos not in ("VERB", "NOUN", "ADJ", "AUX") or _inside_quote(w, quotes):
            continue
        frm = cues.frame(tree, w)
        if frm in ("according", "none"):
            continue
        score = cues.rate(w.lemma, w.upos, frm)
        if score < threshold:
            continue
        cand = build(tree, w, frm, quotes, score)
        if cand is not None:
            out.append(cand)
    return out


def build(tree: Tree, w: Word, frm: str, quotes: tuple[Quote, ...], score: float) -> Candidate | None:
    """The candidate for cue word ``w`` in frame ``frm``, or None when it has no content."""
    source_word = source_of(tree, w)
    source_words = source_phrase(tree, source_word, w) if source_word is not None else []
    content_words = content_of(tree, w, frm, source_words)
    if not content_words:
        return None
    pieces = to_pieces(content_words)
    if not pieces:
        return None
    source = (source_words[0].start, source_words[-1].end) if source_words else None
    return Candidate(kind="indirect", cue=(w.start, w.end), source=source, content=tuple(pieces),
                     sentence=tree.sentence.index, cue_lemma=w.lemma.lower(), score=score,
                     source_head=(tree.sentence.index, source_word.id) if source_word is not None and source_words else None,
                     hedged=is_hedged(tree, w))


def content_of(tree: Tree, w: Word, frm: str, source_words: list[Word]) -> list[Word]:
    """The words of the attributed content for cue ``w``."""
    banned = {x.id for x in source_words} | {w.id}
    if frm == "ccomp":
        comp = tree.child(w, "ccomp") or cues.noun_clause(tree, w) or cues.that_clause(tree, w)
        words = tree.subtree(comp) if comp else []
    elif frm == "parataxis_of":
        head = tree.head(w)
        words = tree.subtree(head, exclude=[w]) if head else []
    elif frm == "parataxis":
        words = [x for k in tree.children(w, "parataxis") for x in tree.subtree(k)]
    elif frm == "xcomp":
        comp = tree.child(w, "xcomp")
        words = tree.subtree(comp) if comp else []
        obj = tree.child(w, "obj")
        if obj is not None and comp is not None and obj.id < comp.id:
            # "calling it a disaster": object and predicate together.
            words = tree.subtree(obj) + words
    elif frm == "obj":
        objs = [k for k in tree.children(w, "obj") if not cues.is_temporal(k)]
        words = tree.subtree(objs[0]) if objs else []
    elif frm == "obl":
        obls = [k for k in tree.children(w, "obl", "nmod") if k.id > w.id]
        words = tree.subtree(obls[0]) if obls else []
    else:
        words = []
    words = [x for x in words if x.id not in banned]
    return sorted(words, key=lambda x: x.id)


def to_pieces(words: list[Word]) -> list[Piece]:
    """Contiguous runs of words as trimmed character spans."""
    pieces = []
    for run in contiguous_runs(words):
        run = trim(run)
        if run and any(x.upos != "PUNCT" for x in run):
            pieces.append((run[0].start, run[-1].end))
    return pieces


def source_of(tree: Tree, w: Word) -> Word | None:
    """The head word of the speaker of cue ``w``, if the sentence says who."""
    seen: set[int] = set()
    cur: Word | None = w
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        subj = tree.child(cur, *_SUBJECT_RELS)
        if subj is not None and not subj.deprel.endswith(":pass"):
            return subj
        agent = [k for k in tree.children(cur, "obl") if k.deprel == "obl:agent"
                 or any(c.lemma == "by" for c in tree.children(k, "case"))]
        if tree.child(cur, "nsubj:pass", "aux:pass") is not None and agent:
            return agent[0]
        if cur.upos == "NOUN":
            poss = tree.child(cur, "nmod:poss")
            if poss is not None:
                return poss
        rel = cur.deprel.split(":")[0]
        head = tree.head(cur)
        if head is None:
            return None
        if cur.deprel == "acl:relcl" or rel == "acl":
            # "officials who said ...", "a person briefed on the talks": the noun itself.
            return head
        if rel in _SHARED_SUBJECT or (cur.upos == "NOUN" and rel in ("obj", "nsubj")):
            if rel == "ccomp" and cur is w:
                return None
            cur = head
            continue
        return None
    return None


def source_phrase(tree: Tree, head: Word, cue: Word) -> list[Word]:
    """The speaker's whole noun phrase (title, appositive, relative clause), as one run."""
    words = tree.subtree(head, exclude=[cue] if tree.dominates(head, cue) else [])
    if head.id < cue.id:
        words = [x for x in words if x.id < cue.id]
    else:
        words = [x for x in words if x.id > cue.id]
    # Keep the contiguous run around the head, without the preposition of an agent or the
    # "according to" case marker.
    for run in contiguous_runs(words):
        if any(x.id == head.id for x in run):
            run = [x for x in run if not (x.head == head.id and x.deprel in ("case", "mark"))
                   or x.id > head.id]
            return trim(run)
    return []


def is_hedged(tree: Tree, w: Word) -> bool:
    """The cue hedges its claim ("reportedly", "allegedly", "is believed to")."""
    hedges = load_lexicon("hedges")
    if any(k.lemma.lower() in hedges for k in tree.children(w, "advmod")):
        return True
    return tree.child(w, "aux:pass") is not None and source_of(tree, w) is None
