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

from collections.abc import Callable
from dataclasses import replace

from ..lexicons import load_lexicon
from ..results import Word
from . import anonymous, cue_model, cues
from .candidate import Candidate, Piece
from .quotes import QuoteIndex
from .tree import Tree, contiguous_runs, trim

# Accept a cue at or above this rate (tuned on a PolNeAR train sample for detection F1 once weak
# cues nested in a surer attribution's content were dropped, see extract._drop_weak_nested;
# 0.17-0.25 lie within 0.01 F1 of each other, trading precision for recall).
THRESHOLD = 0.2
_SUBJECT_RELS = ("nsubj", "csubj")
# Relations along which a verb without a subject borrows its head's subject.
_SHARED_SUBJECT = ("conj", "xcomp", "advcl", "ccomp")


def candidates(tree: Tree, quotes: QuoteIndex) -> list[tuple[Word, str]]:
    """Every word of the sentence that could be a cue, with its frame: verbs, nouns, adjectives
    and auxiliaries outside quote marks that take a complement (or interrupt a clause)."""
    out: list[tuple[Word, str]] = []
    for w in tree.words:
        if w.upos not in ("VERB", "NOUN", "ADJ", "AUX") or quotes.contains(w.start, w.end):
            continue
        frm = cues.frame(tree, w)
        if frm == "none" and (inverted_content(tree, w) or as_reported(tree, w) is not None):
            frm = "parataxis_of"
        if frm in ("according", "none"):
            continue
        if w.lemma.lower() in ("speak", "talk", "ask", "request", "decline", "grant") and \
                anonymous.mentions_anonymity(tree.article_text, w.start, w.end + 40):
            # "speaking on condition of anonymity" says how, not what.
            continue
        out.append((w, frm))
    return out


def find(tree: Tree, quotes: QuoteIndex, threshold: float | None = None) -> list[Candidate]:
    """Verb (and noun) cues of one sentence with their content and source (see `find_all`)."""
    return find_all([tree], quotes, threshold)


def find_all(trees: list[Tree], quotes: QuoteIndex, threshold: float | None = None) -> list[Candidate]:
    """Verb (and noun) cues of the sentences with their content and source.

    Each candidate is rated by the trained classifier (:mod:`.cue_model`), all of an article's
    at once, and kept at or above its threshold; without the model file, by the counted rates
    of :func:`.cues.rate`.
    """
    items = [(tree, w, frm) for tree in trees for w, frm in candidates(tree, quotes)]
    if not items:
        return []
    model = cue_model.load()
    rows: list[list[float]] = []
    if model is not None:
        rows = [row for tree, w, frm in items for row in model.rows(tree, [(w, frm)], quotes)]
        scores = model.scores(rows)
        threshold = model.threshold if threshold is None else threshold
    else:
        scores = [cues.rate(w, frm) for _, w, frm in items]
        threshold = THRESHOLD if threshold is None else threshold
    built: list[tuple[int, Candidate]] = []
    for k, ((tree, w, frm), score) in enumerate(zip(items, scores)):
        if score < threshold or not reports_something(tree, w, frm, quotes):
            continue
        cand = build(tree, w, frm, quotes, score)
        if cand is not None:
            built.append((k, cand))
    reasons = model.reasons_many([rows[k] for k, _ in built]) if model is not None else [()] * len(built)
    return [replace(c, decision=cue_model.Decision(c.frame, c.score, why)) for (_, c), why in zip(built, reasons)]


# Which verbs `reports_something` tests: "narrow" (lexicons/intention_verbs.txt), "general"
# (every verb outside the tier of verbs of saying) or "off".
NO_CONTENT_FILTER = "narrow"
INFINITIVE_FILTER = True
# A quote mark this close after the cue makes its complement a quotation.
_QUOTE_NEAR = 3


_SUFFIXES = ("ing", "es", "ed", "s", "d")


def is_intention_verb(w: Word) -> bool:
    """``w`` is in lexicons/intention_verbs.txt, by its lemma or, where the lemmatizer left an
    inflection ("opposes"), by its form without the ending."""
    verbs = load_lexicon("intention_verbs")
    forms = {w.lemma.lower(), w.text.lower()}
    for form in list(forms):
        for suffix in _SUFFIXES:
            if form.endswith(suffix) and len(form) > len(suffix) + 2:
                stem = form[: -len(suffix)]
                forms |= {stem, stem + "e"}
    return bool(forms & verbs)


def reports_something(tree: Tree, w: Word, frm: str, quotes: QuoteIndex) -> bool:
    """Whether cue ``w`` reports anything: a verb of wanting or acting ("wanted to deny
    involvement", "plans to discuss the issue", "shows desperation", "are not supporting the
    rebels") states its subject's own aim or deed, unless a quote or a clause of its own follows.

    (PolNeAR's annotators often count these as attributions of intention; a reader of a
    sourcing report does not, so they are left out by rule, at a cost measured on train.)"""
    lemma = w.lemma.lower()
    if NO_CONTENT_FILTER == "off" or w.upos not in ("VERB", "AUX"):
        return True
    head = tree.head(w)
    under_intention = w.deprel == "xcomp" and head is not None and is_intention_verb(head)
    # "plans [to discuss the issue]", "is set to meet Starmer [to discuss aid]": an infinitive
    # with nothing but an object is the plan or the purpose, not something said.
    # A verb of saying ("went on air to comment on ...", "took to Twitter to say thanks") or a
    # verb-preposition pair of lexicons/prepositional_cues.txt ("came on the show to talk
    # about ...") reports what is said even as a purpose; wanting it ("plans to comment") is
    # still caught by `under_intention`.
    saying = cues.tiers().get(lemma) == 1 or frm == "prep"
    purpose = INFINITIVE_FILTER and "VerbForm=Inf" in w.feats and w.deprel in ("xcomp", "advcl") and \
        frm in ("xcomp", "obj", "obl", "prep") and any(m.lemma.lower() == "to" for m in tree.children(w, "mark")) \
        and not saying
    if NO_CONTENT_FILTER == "narrow" and not is_intention_verb(w) and not under_intention and not purpose:
        return True
    if lemma in _STANCE_VERBS and not purpose and not _negated_or_wanted(tree, w):
        # "McCain supported the measure", "voters supported Sanders": a stance someone holds,
        # which PolNeAR counts (held-aside train: 15 of the 17 such candidates the rule removed
        # were annotated cues); "make sure they are not supporting the rebels" stays out.
        return True
    if NO_CONTENT_FILTER == "general" and (cues.tiers().get(lemma) == 1 or frm not in ("xcomp", "obj")):
        return True
    if quotes.gap_after(w.end, tree.sentence.end + 1) <= _QUOTE_NEAR or \
            any(quotes.contains(x.start, x.end) for x in tree.subtree(w) if x.id > w.id):
        return True
    if lemma in _EVIDENCE_VERBS and _evidence_subject(tree, w):
        # "a poll shows Sanders leading", "the records showed a change of plan": a poll, record or
        # study is a source of evidence, what it shows is attributed to it (not "the late change
        # of coach shows desperation", an event's own deed).
        return True
    comp = tree.child(w, "ccomp")
    if comp is not None and lemma in _EVIDENCE_VERBS and \
            (tree.child(comp, "nsubj", "csubj", "expl") is not None or tree.child(comp, "mark") is not None):
        # "the poll shows [that voters are split]": evidence for a claim.
        return True
    return False


_EVIDENCE_VERBS = ("show", "demonstrate", "reflect")
# Verbs of intention-lexicon that state a stance when affirmed in their own right.
_STANCE_VERBS = ("support",)


def _negated_or_wanted(tree: Tree, w: Word) -> bool:
    """``w`` is negated, or sits inside what a verb of wanting or planning is about."""
    if any(k.lemma.lower() in ("not", "never", "n't", "no") for k in tree.children(w, "advmod")):
        return True
    return any(a.upos == "VERB" and (is_intention_verb(a) or a.lemma.lower() in ("make", "ensure"))
               for a in tree.ancestors(w))


def _evidence_subject(tree: Tree, w: Word) -> bool:
    """The subject of ``w`` (or of the verb it is joined to) is a poll, study, record or the like
    (lexicons/evidence_subjects.txt), by its lemma or its form without a plural "s"."""
    # Every subject the parser gave it: "The latest Acme/Zeta poll" can come as two.
    subjects = [x for x in [source_of(tree, w), *tree.children(w, "nsubj")] if x is not None]
    nouns = load_lexicon("evidence_subjects")
    forms = {f for x in subjects for f in (x.lemma.lower(), x.text.lower())}
    forms |= {f[:-1] for f in forms if f.endswith("s")}
    return bool(forms & nouns)


# Light verbs whose object can be a bare noun of saying: "made the remarks", "gave an assessment".
_LIGHT_VERBS = ("make", "give", "deliver", "offer", "issue")


def _only_names_what_was_said(tree: Tree, w: Word, frm: str) -> bool:
    """"Kirby made the remarks as the White House ...", "intelligence has made the assessment":
    the object only names a remark made elsewhere; nothing of what was said is here.  "made the
    assessment that ...", "gave a speech on immigration" do report it."""
    if frm != "obj" or w.lemma.lower() not in _LIGHT_VERBS:
        return False
    obj = next((k for k in tree.children(w, "obj") if k.id > w.id), None)
    if obj is None or obj.upos != "NOUN":
        return False
    for k in tree.children(obj):
        if k.deprel.split(":")[0] in ("acl", "ccomp", "appos"):
            return False
        if k.deprel.split(":")[0] == "nmod" and any(c.lemma.lower() in ("about", "on", "of", "that", "over")
                                                    for c in tree.children(k, "case")):
            return False
    return tree.child(w, "ccomp", "xcomp") is None


def build(tree: Tree, w: Word, frm: str, quotes: QuoteIndex, score: float) -> Candidate | None:
    """The candidate for cue word ``w`` in frame ``frm``, or None when it has no content."""
    if _only_names_what_was_said(tree, w, frm):
        return None
    unsaid = _passive_without_agent(tree, w)
    source_word = None if unsaid else source_of(tree, w)
    source_words = source_phrase(tree, source_word, w) if source_word is not None else []
    if source_word is None and not unsaid:
        source_words = left_phrase(tree, w)
        source_word = _head_of(source_words) if source_words else None
    if source_word is None and not unsaid and "VerbForm=Fin" not in w.feats:
        # "..., adding that ...", "..., calling it ...": a participle speaks for the subject of
        # the clause before it, however the parser attached it.
        source_word = _earlier_subject(tree, w)
        source_words = source_phrase(tree, source_word, w) if source_word is not None else []
    if source_word is not None and source_word.text.lower() in ("who", "which") and \
            source_word.id < w.id and w.deprel != "acl:relcl" and tree.word(w.id - 1).text == "," and \
            w.id - source_word.id > 2:
        # "Ann Lee, who runs the clinic, said": the parser made "who" the subject of "said";
        # the speaker is the name before it with its relative clause.
        fuller = _relative_speaker(tree, source_word, w)
        if fuller:
            source_words = fuller
            source_word = next((x for x in fuller if x.upos in ("PROPN", "NOUN")), source_word)
    if any(quotes.contains(x.start, x.end) for x in source_words) or \
            source_words and _no_speaker(source_words):
        # Quoted words are what is said, never who says it; nor is a date ("Last May, ...").
        source_words, source_word = [], None
    if source_word is None and not unsaid and ("VerbForm=Fin" in w.feats or w.deprel in ("root", "parataxis")):
        # "Kevin Brady, chairman of the committee, said" with the name hung elsewhere by the
        # parser: the noun phrase right before the cue, read off the surface.
        source_words = surface_speaker(tree, w, quotes)
        source_word = _head_of(source_words) if source_words else None
    # A passive with no agent ("two people close to the talks were told") names who heard it.
    described = [] if unsaid else _described_informants(tree, w, quotes)
    if described and [x.id for x in described] != [x.id for x in source_words]:
        # "..., a person familiar with the plan said", "A person close to the mayor said": the
        # parser makes the adjective the predicate and loses or splits the speaker.
        source_words = described
        source_word = next(x for x in described if x.upos in ("NOUN", "PROPN", "PRON", "NUM"))
    if source_word is not None and source_words and not any(x.id == source_word.id for x in source_words):
        # Tidying dropped the word the parser made the head ("Last May, the White House").
        source_word = _head_of(source_words)
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
                     hedged=is_hedged(tree, w), frame=frm)


def content_of(tree: Tree, w: Word, frm: str, source_words: list[Word]) -> list[Word]:
    """The words of the attributed content for cue ``w``."""
    banned = {x.id for x in source_words} | {w.id}
    if frm == "ccomp":
        after = [k for k in tree.children(w, "ccomp") if k.id > w.id and not cues.is_speaker_relative(tree, w, k)
                 and not cues.is_speaker_appositive(tree, w, k)]
        # A complement after the verb is what was said; one before it is an inverted quote
        # ("The talks failed, he said") or a mis-parsed subject ("Ian Read said ...").
        before = [k for k in tree.children(w, "ccomp") if k.id < w.id]
        comp = (after[0] if after else before[0] if before else None) or cues.noun_clause(tree, w) or \
            cues.that_clause(tree, w) or cues.advcl_clause(tree, w)
        that = cues.that_clause(tree, w) if after else None
        if that is not None and that.head == w.id and that.id < after[0].id:
            # "said in a statement that its defenses shot down 14 drones, noting a missile was
            # fired": the "that" clause right after the verb is what was said, though the parser
            # hung it on as adverbial and made the later clause the complement.
            comp, after = that, [that]
        words = tree.subtree(comp) if comp else []
        for more in after[1:] if comp is not None and after and comp.id == after[0].id else []:
            # A second complement after the first is the parser splitting one clause in two.
            words = words + tree.subtree(more)
        if comp is not None and words and tree.child(comp, "nsubj", "mark", "csubj") is None:
            # "said the talks had failed" parsed with "the talks" as the verb's object: a
            # complement clause without a subject takes the object right before it.
            before = [k for k in tree.children(w, "obj") if k.id < words[0].id and k.id > w.id]
            if before:
                words = tree.subtree(before[-1]) + words
        elif comp is not None and words and _said_object_first(tree, w, comp):
            # "says [the Kremlin's reliance on Iran], as well as North Korea, [shows desperation]"
            # parsed as an object and a later clause: a verb of saying has no object of its own
            # there, all that follows it is what was said.
            words = _right_of(tree, w)
    elif frm == "parataxis_of":
        head = tree.head(w)
        words = tree.subtree(head, exclude=[w]) if head else []
        if as_reported(tree, w) is None and (not words or cues.frame(tree, w) == "none"):
            # ("As the Times noted, X": the head clause X, taken above, is what was noted.)
            words = _hung_on_clause(tree, w) or inverted_content(tree, w)
        elif head is not None and head.deprel != "root" and _closes_sentence(tree, w):
            # "X voiced concern that ..., a development that would ..., an official said": the
            # parser hung the cue on the last clause, but all that comes before the speaker is
            # what was said.
            whole = inverted_content(tree, w)
            if whole and {x.id for x in words if x.upos != "PUNCT"} <= {x.id for x in whole}:
                words = whole
    elif frm == "parataxis":
        clauses = [k for k in tree.children(w, "parataxis") if k.id > w.id]
        words = [x for k in tree.children(w, "parataxis") for x in tree.subtree(k)]
        if clauses and _said_object_first(tree, w, clauses[0]):
            # The same split with the clause as parataxis ("says [the city's reliance on coal],
            # as well as gas — fuels long out of favor — [shows poor planning]").
            words = _right_of(tree, w)
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
        if cues.tiers().get(w.lemma.lower()) in (1, 2) and objs and objs[0].id > w.id and \
                w.lemma.lower() not in load_lexicon("addressee_verbs"):
            # A verb of saying or thinking rarely takes a bare object ("said the hospital was
            # full", "polls show two-thirds of voters, and 8 in 10 in Alabama, support it" are
            # clauses the parser split): take everything it governs to its right (tier 2 too:
            # held-aside content token F1 +0.001, strict +0.002; every verb: no better).
            right = _right_of(tree, w)
            # (Measured from where the object's phrase starts: "said the burgeoning partnership
            # ... is harmful" has its head four words on.)
            words = right if right and right[0].id >= tree.subtree(objs[0])[0].id - 2 else words
        if objs and w.lemma.lower() in load_lexicon("addressee_verbs"):
            # "told [a crowded hall at a hotel] that he is not giving up", "asked the counsel
            # to refer the matter": the addressee is not what was said; the clause after it is.
            said = next((x for x in tree.subtree(objs[0]) if x.deprel.split(":")[0] in ("acl", "ccomp")
                         and any(m.lemma.lower() == "that" for m in tree.children(x, "mark"))), None) or \
                tree.child(w, "xcomp")
            if said is not None and said.id > objs[0].id:
                words = tree.subtree(said)
        elif objs and objs[0].id > w.id:
            # "thanking [supporters] at a rally in Mississippi": where or when is not content.
            for k in tree.children(objs[0], "nmod", "acl", "advcl"):
                if k.id > objs[0].id and (cues.is_temporal(k) or any(
                        c.lemma.lower() in _SETTING_PREPOSITIONS - {"by", "from"} for c in tree.children(k, "case", "mark"))):
                    cut = min(x.id for x in tree.subtree(k))
                    words = [x for x in words if x.id < cut]
                    break
    elif frm == "prep":
        obj = cues.prep_object(tree, w)
        words = [x for x in tree.subtree(obj) if x.id > w.id] if obj is not None else []
        words = [x for x in words if not (x.deprel == "case" and x.head == obj.id and x.id < obj.id)] \
            if obj is not None else words
    elif frm == "obl":
        obls = [k for k in tree.children(w, "obl", "nmod") if k.id > w.id]
        # "accused [of beating his wife]", not "reported [by the Times]" or "claimed [at one
        # point]": an agent, a time or a setting is content only when nothing else is there; the
        # preposition never is.
        obls = [k for k in obls if not cues.is_temporal(k) and k.deprel != "obl:agent" and
                not any(c.lemma.lower() in _SETTING_PREPOSITIONS for c in tree.children(k, "case"))] or obls
        words = tree.subtree(obls[0]) if obls else []
        if obls:
            words = [x for x in words if not (x.deprel == "case" and x.head == obls[0].id and x.id < obls[0].id)]
        passive_subject = tree.child(w, "nsubj:pass")
        if passive_subject is not None and (not obls or _is_agent(tree, obls[0])):
            # "The meeting was first reported by Politico", "Trump has been criticized by his
            # rivals for failing to ...": the agent speaks; what it said or did is about the
            # passive subject (with a "for"/"of" phrase after the cue, if any).
            words = tree.subtree(passive_subject, exclude=[w])
            for k in obls:
                if not _is_agent(tree, k) and not cues.is_temporal(k) and not any(
                        c.lemma.lower() in _SETTING_PREPOSITIONS for c in tree.children(k, "case")):
                    words = words + tree.subtree(k)
    else:
        words = []
    words = [x for x in words if x.id not in banned]
    if EXTEND_RELS and words and frm in ("ccomp", "xcomp", "obj", "prep", "obl") and words[0].id > w.id:
        words = words + _trailing_dependents(tree, w, words, banned)
    return sorted(words, key=lambda x: x.id)


# Prepositions of an oblique that say when, where, by whom or despite what, not what was said.
_SETTING_PREPOSITIONS = {"by", "in", "at", "during", "since", "after", "before", "despite", "from", "until",
                         "within", "amid", "throughout", "while", "near", "inside", "outside"}

# Dependents of the cue after its complement that PolNeAR's annotators count as part of the
# content ("said [that X, possibly in a bid to Y]"): the parser hangs them on the verb.
EXTEND_RELS: tuple[str, ...] = ("advcl", "obl", "xcomp", "advmod", "nmod")


def _trailing_dependents(tree: Tree, w: Word, words: list[Word], banned: set[int]) -> list[Word]:
    last = max(x.id for x in words)
    extra: list[Word] = []
    for k in tree.children(w):
        # "said that X and that Y": a second "that" clause the parser joined to the verb.
        that_conj = k.deprel == "conj" and any(m.lemma.lower() in ("that", "whether") for m in tree.children(k, "mark"))
        if k.id <= last or k.id in banned or cues.is_temporal(k) or \
                k.deprel.split(":")[0] not in EXTEND_RELS and not that_conj:
            continue
        sub = tree.subtree(k)
        if any(x.id in banned for x in sub):
            continue
        extra.extend(sub)
    return extra


def _hung_on_clause(tree: Tree, w: Word) -> list[Word]:
    """"..., noting an X-22 missile was also fired": a participle the parser hung on the clause
    after it, which is what the participle reports; empty unless that clause comes after it and
    has a subject of its own."""
    head = tree.head(w)
    if w.xpos != "VBG" or head is None or head.id < w.id or head.upos not in ("VERB", "AUX", "ADJ") or \
            tree.child(head, "nsubj", "nsubj:pass", "expl", "csubj") is None:
        return []
    own = {x.id for x in tree.subtree(w)}
    return [x for x in tree.subtree(head) if x.id > w.id and x.id not in own]


def as_reported(tree: Tree, w: Word) -> Word | None:
    """For "As the Times noted, Clinton raised ...": the clause that a verb of saying under "as"
    reports (its head, after it), or None.  The verb has no complement of its own."""
    if w.upos != "VERB" or cues.tiers().get(w.lemma.lower()) != 1 or w.deprel.split(":")[0] not in ("advcl", "parataxis"):
        return None
    head = tree.head(w)
    if head is None or head.id < w.id or head.upos not in ("VERB", "AUX", "ADJ", "ADV", "NOUN", "PROPN"):
        return None
    first = tree.subtree(w)[0]
    if first.lemma.lower() != "as" or first.id >= w.id:
        return None
    if any(k.deprel.split(":")[0] in ("ccomp", "xcomp") or k.deprel == "obj" and not cues.is_temporal(k)
           for k in tree.children(w)):
        return None
    return head


def inverted_content(tree: Tree, w: Word) -> list[Word]:
    """For "The talks failed, he said." parsed with "said" as a bare root: the words before
    the comma that ends the clause ahead of the speaker and cue."""
    if cues.tiers().get(w.lemma.lower()) != 1 or "VerbForm=Inf" in w.feats:
        # An infinitive never ends a clause so ("too early to tell" reports nothing).
        return []
    before = tree.words[:w.id - 1]
    commas = [x for x in before if x.text in (",", "\u2014", "--")]
    if not commas:
        return []
    comma = commas[-1]
    between = [x for x in before if x.id > comma.id]
    if len(between) > 8 or any(x.upos == "VERB" for x in between):
        return []
    after = tree.words[w.id] if w.id < len(tree.words) else None
    if "VerbForm=Fin" in w.feats and not any(x.deprel.startswith("nsubj") for x in between) and not (
            after is not None and after.head == w.id and after.deprel.startswith("nsubj") or
            after is not None and after.upos in ("DET", "PROPN", "NOUN", "PRON") and
            any(k.deprel.startswith("nsubj") and k.id > w.id for k in tree.children(w))):
        # "Harman, now director of a center, urged the president ...": no speaker stands between
        # the comma and the cue (", he said") or right after it (", said Smith"), so the words
        # before the comma are the speaker, not what was said.
        return []
    return [x for x in before if x.id < comma.id]


def _right_of(tree: Tree, w: Word) -> list[Word]:
    """Everything cue ``w`` governs to its right: the content of a verb of saying whose
    complement the parser split."""
    return [x for x in tree.subtree(w) if x.id > w.id]


def _said_object_first(tree: Tree, w: Word, comp: Word) -> bool:
    """A verb of saying (not one with an addressee) whose object starts right after it and
    comes before its complement clause."""
    if cues.tiers().get(w.lemma.lower()) != 1 or w.lemma.lower() in load_lexicon("addressee_verbs"):
        return False
    objs = [k for k in tree.children(w, "obj") if not cues.is_temporal(k) and w.id < k.id < comp.id]
    return bool(objs) and tree.subtree(objs[0])[0].id == w.id + 1


def _closes_sentence(tree: Tree, w: Word) -> bool:
    """Only the cue's own subject and punctuation follow it (", an official said.")."""
    subject = {x.id for k in tree.children(w) if k.deprel.startswith("nsubj") for x in tree.subtree(k)}
    return all(x.upos == "PUNCT" or x.id in subject for x in tree.words[w.id:])


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
        subjects = [k for k in tree.children(cur, *_SUBJECT_RELS)
                    if not k.deprel.endswith(":pass") and not cues.is_temporal(k)]
        if len(subjects) > 1 and cur is w:
            # "The senator, who ..., fits the bill for many voters, he added": the parser hung the
            # reported clause's subject on the cue too; the speaker is the one right before it.
            near = [k for k in subjects if k.id < w.id and any(ch.isalnum() for ch in k.text) and
                    not any(x.text in (",", "\u2014", "--") for x in tree.words[k.id:w.id - 1])]
            if near:
                return near[-1]
        if subjects:
            return subjects[0]
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
        if rel == "acl" and cur.deprel != "acl:relcl" and \
                any(m.upos in ("ADP", "SCONJ") for m in tree.children(cur, "mark")):
            # "launched his campaign by talking about ...": an adverbial the parser hung on a
            # noun speaks for the clause's subject, not for the noun.
            verb = next((a for a in tree.ancestors(cur) if a.upos in ("VERB", "AUX")), None)
            if verb is None:
                return None
            cur = verb
            continue
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
    if head.deprel.split(":")[0] == "nsubj" and not head.deprel.endswith(":pass"):
        # Several subjects on one verb are one phrase the parser split ("Hugh Hill, a doctor").
        governor = tree.head(head)
        if governor is not None:
            for other in tree.children(governor, "nsubj"):
                if other.id != head.id and not other.deprel.endswith(":pass"):
                    words += tree.subtree(other, exclude=[cue])
            words = sorted({x.id: x for x in words}.values(), key=lambda x: x.id)
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
            return tidy_phrase(trim(run), head) + _misparsed_relative(tree, cue, run)
    return []


def _misparsed_relative(tree: Tree, cue: Word, run: list[Word]) -> list[Word]:
    """“...,” said Stuart Lane, who was the team's adviser": the relative clause after a speaker
    that follows its cue, where the parser made it a clause of the cue; it describes the speaker
    (PolNeAR's annotators take it into the source) and is not what was said."""
    if not run or run[0].id < cue.id:
        return []
    for clause in tree.children(cue):
        words = [x for x in tree.subtree(clause) if x.upos != "PUNCT" or x.id > clause.id]
        if (cues.is_speaker_relative(tree, cue, clause) or cues.is_speaker_appositive(tree, cue, clause)) and \
                words[0].id == run[-1].id + 2:
            return [tree.word(run[-1].id + 1)] + words
    return []


_RELATIVE = {"which", "who", "whom", "that", "whose"}
_DISCOURSE = {"meanwhile", "however", "still", "also", "instead", "separately", "earlier", "later", "now",
              "today", "yesterday", "then", "but", "and", "so", "yet", "moreover", "indeed", "again"}


def tidy_phrase(run: list[Word], head: Word | None) -> list[Word]:
    """Drop what the parser hung on a speaker phrase by mistake: a sentence adverbial before
    a comma ("Meanwhile, ...", "In recent months, ...") and a leading relative pronoun."""
    while True:
        commas = [i for i, x in enumerate(run) if x.text == ","]
        if not commas or commas[0] + 1 >= len(run):
            break
        opener = run[:commas[0]]
        if all(cues.is_temporal(x) or x.upos in ("DET", "ADJ", "NUM", "ADP") for x in opener) or \
                head is not None and not any(x.id == head.id for x in opener) or \
                opener[0].upos in ("ADP", "ADV", "SCONJ") or \
                len(opener) == 1 and opener[0].text.lower() in _DISCOURSE:
            # "The day before, at a rally in Beaumont, Mr. Trump": every opener goes.
            run = run[commas[0] + 1:]
        else:
            break
    while run and (run[0].text.lower() in _RELATIVE and len(run) > 1 or run[0].upos == "PUNCT" or
                   run[0].upos == "ADP" and len(run) > 2 and run[1].text.lower() in _RELATIVE):
        # "... in which 67 percent of voters say": the relative's preposition goes with it.
        run = run[1:]
    if head is not None:
        run = _drop_trailing_adjuncts(run, head)
    return trim(run)


def _drop_trailing_adjuncts(run: list[Word], head: Word) -> list[Word]:
    """Cut what follows the speaker but says when or how they spoke: "the campaign on
    Thursday", "Trump, speaking later at a rally", "Clinton, without naming him".  An
    appositive ("Miller, a retired worker") or relative clause stays."""
    for i, x in enumerate(run):
        if x.id <= head.id or i == 0:
            continue
        prev = run[i - 1]
        if prev.text == "," and (x.upos in ("ADP", "SCONJ") or
                                 x.upos == "VERB" and "VerbForm=Fin" not in x.feats):
            return run[:i - 1]
        if x.upos == "ADP" and i + 1 < len(run) and cues.is_temporal(run[i + 1]) and \
                all(y.upos in ("NOUN", "PROPN", "DET", "ADJ", "NUM") for y in run[i + 1:]) and \
                not (prev.upos == "VERB" and run[i + 1].head == prev.id):
            # (Not the time of a participle that describes the speaker: "a finding released in
            # June" would be left "a finding released".)
            return run[:i]
    return run


def left_phrase(tree: Tree, w: Word) -> list[Word]:
    """Words the cue governs right before it, when the tree gave it no subject ("A person
    briefed on the talks said", parsed with the participle as a clause of its own)."""
    if "VerbForm=Fin" not in w.feats and w.deprel not in ("root",):
        return []
    left = [x for x in tree.subtree(w) if x.id < w.id]
    run: list[Word] = []
    for x in reversed(left):
        if run and x.id != run[0].id - 1:
            break
        run.insert(0, x)
    run = trim([x for x in run if x.upos not in ("AUX", "PART") or x.id < run[-1].id - 2])
    if not run or run[0].id > 1 and tree.word(run[0].id - 1).upos not in ("PUNCT", "CCONJ", "SCONJ"):
        return []
    if not any(x.upos in ("NOUN", "PROPN", "PRON") for x in run) or len(run) > 12:
        return []
    while run and run[-1].upos in ("ADV", "AUX", "PART"):
        run = run[:-1]
    return tidy_phrase(run, None)


# The longest speaker phrase read back from a relative pronoun.
_RELATIVE_SPEAKER_MAX = 45


def _relative_speaker(tree: Tree, pronoun: Word, cue: Word) -> list[Word]:
    """The words from the speaker's name through its relative clause up to the cue, when
    nothing before the pronoun is a verb (so they are one noun phrase)."""
    start = pronoun.id
    for x in reversed(tree.words[:pronoun.id - 1]):
        if x.upos in ("VERB", "AUX") or x.text in (";", ":", "\u201c", "\u201d", '"'):
            break
        start = x.id
    run = [x for x in tree.words if start <= x.id < cue.id]
    before = [x for x in run if x.id < pronoun.id]
    if not any(x.upos in ("PROPN", "NOUN") for x in before) or len(run) > _RELATIVE_SPEAKER_MAX:
        return []
    return tidy_phrase(trim(run), before[-1] if before else None)


# Quantifiers that are speakers on their own ("Two in three said", "many say").
_QUANTIFIERS = {"many", "some", "most", "few", "several", "all", "both", "each", "none", "half", "others", "more"}


def _is_agent(tree: Tree, k: Word) -> bool:
    """An oblique that is the agent of a passive: "by the Times"."""
    return k.deprel == "obl:agent" or any(c.lemma.lower() == "by" for c in tree.children(k, "case"))


def _passive_without_agent(tree: Tree, w: Word) -> bool:
    """A passive cue with no "by" phrase ("Sarandon was asked whether ...", "he is expected
    to"): its subject is who was asked or expected of, and nobody in the sentence is the
    source (PolNeAR leaves it empty)."""
    if w.upos != "VERB" or tree.child(w, "nsubj:pass", "aux:pass") is None:
        return False
    if w.lemma.lower() in load_lexicon("experiencer_verbs"):
        # "She is convinced", "Leaders are worried that ...": the subject holds the view.
        return False
    return not any(_is_agent(tree, k) for k in tree.children(w, "obl", "nmod", "obj"))


def _no_speaker(words: list[Word]) -> bool:
    """A phrase that names nobody: a date ("Last May"), or only determiners, adjectives and
    prepositions; a number or quantifier ("Two in three", "most") does name a group.  Nor does a
    stray quote mark the tagger took for a word (NYT's ''' closing a nested quote)."""
    if not any(ch.isalnum() for x in words for ch in x.text):
        return True
    if not all(cues.is_temporal(x) or x.upos in ("DET", "ADJ", "NUM", "ADP", "PUNCT") for x in words):
        return False
    if any(cues.is_temporal(x) for x in words):
        return True
    return not any(x.upos == "NUM" or x.lemma.lower() in _QUANTIFIERS for x in words)


# The longest speaker phrase read off the surface before a cue.
_SURFACE_SPEAKER_MAX = 25


def surface_speaker(tree: Tree, w: Word, quotes: QuoteIndex) -> list[Word]:
    """The noun phrase right before cue ``w``, appositions included ("Kevin Brady, chairman
    of the Ways and Means Committee, said"), when the tree gave the cue no subject: words back
    to the clause's start, with no verb, subordinator or quoted word among them."""
    def clause_start(x: Word, run: list[Word]) -> bool:
        if x.upos in ("VERB", "AUX", "SCONJ") or x.text in (";", ":", "\u2014", "--"):
            return True
        # "Smith and Jones said": a conjunction between two names joins one speaker.
        return x.upos == "CCONJ" and not (run and run[0].upos == "PROPN" and x.id > 1 and
                                          tree.word(x.id - 1).upos == "PROPN")
    run = _words_back_from(tree, w, quotes, clause_start)
    run = trim(run)
    if not run or len(run) > _SURFACE_SPEAKER_MAX or not any(x.upos in ("NOUN", "PROPN", "PRON") for x in run):
        return []
    run = tidy_phrase(run, None)
    if not run or cues.is_temporal(run[-1]) or _no_speaker(run) or \
            not any(x.upos in ("NOUN", "PROPN", "PRON", "NUM") for x in run):
        return []
    return run


def _words_back_from(tree: Tree, w: Word, quotes: QuoteIndex, stops: Callable[[Word, list[Word]], bool]) -> list[Word]:
    """The words right before cue ``w``, back to (not including) the first that ``stops``
    accepts, given the run so far, or a quoted word or quote mark: what is quoted is said, never
    who says it."""
    run: list[Word] = []
    for x in reversed(tree.words[:w.id - 1]):
        if quotes.contains(x.start, x.end) or x.text in _QUOTE_MARKS or stops(x, run):
            break
        run.insert(0, x)
    return run


_QUOTE_MARKS = ('"', "\u201c", "\u201d", "''", "``")


def _described_informants(tree: Tree, w: Word, quotes: QuoteIndex) -> list[Word]:
    """The phrase right before cue ``w`` that describes unnamed informants by their access
    ("two people close to the talks", "a person briefed on the plan"; `anonymous_basis`),
    back to a comma or the clause's start; empty when there is none."""
    def clause_start(x: Word, run: list[Word]) -> bool:
        return x.text in (",", ";", ":", "\u2014", "--") or x.upos in ("SCONJ", "AUX", "CCONJ") or \
            x.upos == "VERB" and "VerbForm=Fin" in x.feats
    run = _words_back_from(tree, w, quotes, clause_start)
    run = trim(run)
    if not run or len(run) > _SURFACE_SPEAKER_MAX or run[0].upos not in ("DET", "NUM", "NOUN", "PROPN", "ADJ", "PRON"):
        return []
    lowered = [x.text.lower() for x in run]
    starts = [i for b in load_lexicon("anonymous_basis") for i in range(1, len(run))
              if lowered[i:i + len(b.split())] == b.split()]
    if not starts or not any(x.upos in ("NOUN", "PROPN", "PRON", "NUM") for x in run[:min(starts)]):
        return []
    return run


def _earlier_subject(tree: Tree, w: Word) -> Word | None:
    subjects = [x for x in tree.words if x.id < w.id and x.deprel in ("nsubj", "csubj")
                and not cues.is_temporal(x)]
    return subjects[-1] if subjects else None


def _head_of(words: list[Word]) -> Word:
    ids = {x.id for x in words}
    return next((x for x in words if x.head not in ids), words[-1])


def is_hedged(tree: Tree, w: Word) -> bool:
    """The cue hedges its claim ("reportedly", "allegedly", "is believed to")."""
    hedges = load_lexicon("hedges")
    if any(k.lemma.lower() in hedges for k in tree.children(w, "advmod")):
        return True
    return tree.child(w, "aux:pass") is not None and source_of(tree, w) is None
