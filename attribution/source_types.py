"""What kind of source each attribution's speaker is, by the guide (../shared/labels/SOURCE-TYPES.md).

    from attribution import source_types
    typer = source_types.Typer(document)
    for a in attributions:
        t = typer.type(a, earlier)      # SourceType(label="unnamed_individual", informant=True, ...)

Labels: named_person, named_organization, unnamed_individual (the anonymous sources),
unnamed_group, document, or unresolved where the program cannot tell (the guide's "other",
the author's own I/we, a generic "you", is shown as unresolved too: it is never guessed).

Reads the source phrase's head on our parse, the named mentions of the entity tagger
(:mod:`attribution.entities`: "May" is a time, "The New York Post" an organisation, a
headline's capitals no name), the word lists in lexicons/, and for pronouns the speakers
before them.  Descriptions that refer to a named person ("the spokesman", "Mr. Kirby") are
settled by :mod:`attribution.sources` when it merges mentions into profiles.

Does not: read coreference beyond the speakers of earlier attributions, or tell an informant
from a participant from anything but the head noun and the cue.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import entities
from .lexicons import load_lexicon
from .results import Attribution, ParsedDocument, Sentence, Word

__all__ = ["LABELS", "ANONYMOUS_CORE", "SourceType", "Typer"]

LABELS = ("named_person", "named_organization", "unnamed_individual", "unnamed_group", "document", "unresolved")

_FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "myself", "ourselves"}
_GENERIC = {"you", "one", "nobody", "everybody", "anyone", "anybody", "somebody", "none", "no one"}
_PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_PLURAL = {"they", "them", "their", "themselves"}
_NEUTER = {"it", "its", "itself", "this", "that"}
_QUOTES = "\"\u201c\u201d"
# Words that mark particular people as the reporter's informants (SOURCE-TYPES.md rule 3).
_INFORMANT_MARKS = re.compile(
    r"\b(?:spoke|speaking|talked)\s+(?:anonymously|on\s+(?:the\s+)?condition|on\s+background)|\bprivately\b|"
    r"\bcondition\s+of\s+anonymity\b|\bgranted\s+anonymity\b|\bnot\s+authori[sz]ed\s+to\b|"
    r"\bin\s+(?:an?\s+)?(?:interviews?|private)\b|\btold\s+(?:me|us|the\s+\w+|reporters?|[A-Z]\w+)\b|"
    r"\b(?:familiar|briefed|privy|knowledge)\b", re.I)
_HONORIFIC_TITLES = {"mr", "mrs", "ms", "miss", "dr", "rep", "sen", "gov", "gen", "lt", "col", "adm", "prof", "rev",
                     "sgt", "capt", "president", "senator", "governor", "representative", "judge", "justice"}
_ORG_NOUNS = frozenset({"panel", "group", "coalition", "company", "bank", "bloc", "journal", "country", "nation",
                        "magazine", "newspaper", "station", "channel", "outlet", "network", "union", "firm",
                        "administration", "state", "city", "county", "court", "jury", "lab", "laboratory",
                        "school", "hospital", "clinic", "airline", "manufacturer", "maker", "business",
                        "corporation", "nonprofit", "charity", "think tank", "fund", "watchdog", "regulator"})
# The heads of newsroom anonymous sources proper: never one named person's unique role.
ANONYMOUS_CORE = frozenset({"source", "official", "aide", "adviser", "advisor", "spokesman", "spokeswoman",
                             "spokesperson", "spokespeople", "staffer", "staff", "insider", "person", "individual",
                             "investigator", "operative", "diplomat", "officer", "employee", "someone"})
_TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                        "pres": "president", "sec": "secretary", "amb": "ambassador"}
_RELATIVE = {"who", "whom", "which", "that", "whose"}
# A published piece the people wrote ("in an op-ed"): its authors are no informants.
_PUBLISHED = re.compile(r"\bin\s+(?:an?|their|his|her)\s+(?:[\w-]+\s+){0,3}?(?:column|op-ed|essay|editorial|book|blog\s+post)s?\b",
                        re.I)
_INDEFINITE = {"a", "an", "another", "one", "some", "two", "three", "four", "five", "several", "many"}


@dataclass(frozen=True)
class SourceType:
    """One source mention's type.

    Attributes:
        label: one of LABELS.
        informant: whether the source is an anonymous informant of the reporter: True for an
            unnamed_individual who told, said or confirmed; False for unnamed people who are
            not (a participant in the events, SOURCE-TYPES.md rule 6, or a generic group);
            None for named sources, documents and unresolved ones.
        basis: how the label was reached, for tests and for the curious reader.
        head: the lemma of the source phrase's head word, lower case ("" when there is none).
        entity: the entity tagger's type for the head, or "".
        definite: the phrase is a singular definite description ("the spokesman").
        name: the named mention the tagger found at the head ("The New York Post"), or "".
    """

    label: str
    informant: bool | None
    basis: str
    head: str = ""
    entity: str = ""
    definite: bool = False
    name: str = ""


class Typer:
    """Types the sources of one parsed article; the entity tagger runs once per sentence used."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document
        self._mentions: dict[int, list[entities.EntityMention]] = {}
        self._surnames: frozenset[str] | None = None
        self._described: dict[str, str | None] = {}
        self._context: dict[str, frozenset[str]] | None = None
        self._sentence_starts: list[int] | None = None
        self._earlier: tuple[Sequence[tuple[Attribution, SourceType]], int, dict[int, list[int]]] | None = None
        self._sentences_sorted = True

    def sentence_of(self, start: int) -> Sentence | None:
        """The first sentence holding offset ``start`` (a binary search: scanning every sentence
        for every source grew with the square of the article's length)."""
        sentences = self.document.sentences
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in sentences]
            # Sentences in text order, not overlapping; otherwise each is tested in turn.
            self._sentences_sorted = all(a.start < b.start and a.end <= b.start
                                         for a, b in zip(sentences, sentences[1:]))
        if not self._sentences_sorted:
            return next((s for s in sentences if s.start <= start < max(s.end, s.start + 1)), None)
        i = bisect.bisect_right(self._sentence_starts, start) - 1
        if i >= 0 and start < max(sentences[i].end, sentences[i].start + 1):
            return sentences[i]
        return None

    def mentions(self, sentence: Sentence) -> list[entities.EntityMention]:
        if sentence.index not in self._mentions:
            if self._context is None:
                self._context = entities.document_context([s.words for s in self.document.sentences])
            self._mentions[sentence.index] = entities.sentence_mentions(sentence, self.document.text, self._context)
        return self._mentions[sentence.index]

    def surnames(self) -> frozenset[str]:
        """Last words of the people the tagger names with two words or more, anywhere in the article."""
        if self._surnames is None:
            found = set()
            for sentence in self.document.sentences:
                for m in self.mentions(sentence):
                    parts = m.text.replace("\u2019s", "").replace("'s", "").split()
                    if m.type == "person" and len(parts) >= 2:
                        found.add(parts[-1])
            self._surnames = frozenset(found)
        return self._surnames

    def described_person(self, role: str, affiliation: frozenset[str] = frozenset()) -> str | None:
        """The person the article names with this role word next to the name ("lawyer John
        Smith", "John Smith, the lawyer"), for a description like "the lawyer"; with an
        ``affiliation`` (the proper nouns of "a spokesman for the Jupiter police"), one of them
        must be written beside the name too."""
        key = role if not affiliation else f"{role}|{'|'.join(sorted(affiliation))}"
        if key not in self._described:
            self._described[key] = None
            for sentence in self.document.sentences:
                words = list(sentence.words)
                for m in self.mentions(sentence):
                    if m.type != "person" or len(m.text.split()) < 2:
                        continue
                    first = next(i for i, w in enumerate(words) if w.id == m.words[0])
                    last = next(i for i, w in enumerate(words) if w.id == m.words[-1])
                    near = words[max(0, first - 3):first] + words[last + 1:last + 6]
                    inside = words[first:last + 1]
                    if affiliation and not any(w.text in affiliation for w in
                                               words[max(0, first - 6):first] + words[last + 1:last + 10]):
                        continue
                    if any(lemma_of(w) == role or _TITLE_ABBREVIATIONS.get(w.text.lower().rstrip(".")) == role
                           for w in near + inside):
                        self._described[key] = m.text.replace("\u2019s", "").replace("'s", "")
                        break
                if self._described[key]:
                    break
        return self._described[key]

    def type(self, a: Attribution, earlier: Sequence[tuple[Attribution, SourceType]] = ()) -> SourceType:
        """The type of ``a``'s source; ``earlier`` holds the article's attributions before it
        with their types, where pronouns find what they refer to."""
        if a.source is None:
            return SourceType("unresolved", None, "no source in the text")
        sentence = self.sentence_of(a.source.start)
        words = [w for w in sentence.words if a.source.start <= w.start and w.end <= a.source.end] if sentence else []
        if sentence is None or not words:
            return self._from_text(a)
        return self._phrase(a, words, sentence, earlier, 0)

    def _phrase(self, a: Attribution, words: list[Word], sentence: Sentence,
                earlier: Sequence[tuple[Attribution, SourceType]], depth: int) -> SourceType:
        head = _head(words)
        lemma = lemma_of(head)
        found = self.mentions(sentence)
        entity = _entity_at(found, head)
        definite = _definite(words, head)
        start, end = words[0].start, words[-1].end
        at_head = next((m for m in found if m.start <= head.start < m.end), None)

        def done(label: str, basis: str) -> SourceType:
            informant = self._informant(a, head, words) if label == "unnamed_individual" else (
                False if label == "unnamed_group" else None)
            name = ""
            if at_head is not None and label in ("named_person", "named_organization"):
                name = self.document.text[max(start, at_head.start):min(end, at_head.end)]
            return SourceType(label, informant, basis, lemma, entity, definite, name)

        if head.text.lower() in _RELATIVE and depth < 2:
            antecedent = _antecedent(sentence, head)
            if not antecedent and head.text.lower() != "that":
                # ", said Rick Palmer, who said ...", misparsed: the noun phrase
                # right before the pronoun is what it stands for.
                antecedent = _noun_before(sentence, head)
            if antecedent:
                t = self._phrase(a, antecedent, sentence, earlier, depth + 1)
                return SourceType(t.label, t.informant, "relative pronoun -> " + t.basis, t.head, t.entity, t.definite)
        if head.text.lower() in ("those", "these") and (len(words) > 1 or self._marked(a, a.source.text if a.source else "")):
            # "those close to him", "some of those surveyed": people described, not an anaphor.
            label, basis = self._common(a, head, words, sentence, definite)
            return done(label, basis)
        if head.upos == "PRON" or (head.text.lower() in _PERSONAL | _PLURAL | _FIRST_PERSON and not head.text.isupper()):
            return self._pronoun(a, head, sentence, earlier, lemma, depth)
        if head.upos == "PROPN":
            run = " ".join(w.text for w in words if w.upos == "PROPN").lower().removeprefix("the ")
            if run in load_lexicon("places"):
                return done("named_organization", "a country or capital speaking")
        following = [w for w in sentence.words if w.start >= end][:1]
        after = _document_after(self.document.text, end) if following and following[0].upos == "NOUN" else None
        if after and head.upos not in ("PRON",) and not _person_at_head(found, head, words):
            return done("document", f"a document noun right after the phrase: {after}")
        outlet = _outlet_at(self.document.text, start)
        outlet_end = start + (self.document.text[start:start + 4].lower() == "the " and 4) + len(outlet or "")
        if outlet and not (_is_document(lemma) and head.upos == "NOUN") and head.start < outlet_end + 3:
            return done("named_organization", f"news outlet: {outlet}")
        core_document = _core_document(words)
        if core_document is not None and head.upos != "PRON":
            owner = _owner(words, core_document)
            if owner is not None and owner.upos == "NOUN" and _is_individual(lemma_of(owner)):
                return done("unnamed_individual", "document from an unnamed person")
            return done("document", "document noun at the core of the phrase")
        if lemma.rstrip(".") in _HONORIFIC_TITLES and any(
                w.head == head.id and w.upos == "PROPN" and w.deprel in ("flat", "flat:name", "appos", "compound")
                for w in words):
            return done("named_person", "a title before a name")
        name_run = max(_name_beside(head, words), _name_after(head, words), key=lambda n: len(n.split()))
        if name_run and head.upos == "NOUN" and "Number=Plur" not in head.feats and (
                len(name_run.split()) >= 2 or name_run in self.surnames()):
            return SourceType("named_person", None, f"a name beside the title: {name_run}", lemma, entity, definite,
                              name_run)
        common = _common_word(head)
        named_head = "" if common else _person_at_head(found, head, words)
        if named_head:
            return done("named_person", f"a person named at the head: {named_head}")
        closing = _name_closing(found, words, self.surnames())
        if closing:
            # "These workers, Ostrow explained": the name after the comma is the speaker.
            return SourceType("named_person", None, f"a name closes the phrase: {closing}", lemma, entity, definite,
                              closing)
        if _name_then_comma(found, words) or (
                a.source_type == "named" and a.canonical_source and _name_in(a.canonical_source, words, head)
                and not _headline(sentence) and entity not in ("organization", "place", "time", "event")):
            return done("named_person", "the name extraction found in the phrase")
        # Rule 2: a list with a named member takes its label ("X and other members").
        core = _before_relative(words)
        conj = [w for w in core if w.deprel == "conj"]
        members = {head.id} | {w.id for w in conj} | {w.head for w in conj}
        if any(w.upos == "CCONJ" for w in core):
            # "Kirby and other officials" misparsed as two subjects: both tops are members.
            ids = {w.id for w in core}
            members |= {w.id for w in core if w.head not in ids and w.upos in ("NOUN", "PROPN")}
        including = " including " in self.document.text[start:end]
        if len(members) > 1 or including:
            if any(w.id in members and w.upos == "PROPN" and w.text in self.surnames() for w in words):
                return done("named_person", "list with a named person")
            for kind in ("person", "organization"):
                if any(m.type == kind and start <= m.start < end and (including or members & set(m.words))
                       for m in found):
                    return done("named_person" if kind == "person" else "named_organization", f"list with a named {kind}")
        # "The Palestinian Authority", "the Port Authority": a role noun inside a name is the name
        # ("Authorities said" at a sentence start, "Pentagon Officials Say" in a headline are not).
        in_name = "Number=Plur" not in head.feats and not _headline(sentence) and any(
            w.head == head.id and w.id < head.id and w.text[:1].isupper() and w.upos in ("PROPN", "ADJ")
            for w in words)
        if head.upos == "PROPN" and (in_name or not common and not _common_lemma(lemma, head)):
            named = self._named(a, head, words, entity, sentence)
            if named is not None:
                return done(*named)
        label, basis = self._common(a, head, words, sentence, definite)
        if label == "unnamed_individual" and "Number=Plur" not in head.feats and head.upos == "NOUN":
            # Rule 1: a description the article names right beside it ("Pagliano's lawyer,
            # Mark MacDougall," or "Mark MacDougall, Pagliano's lawyer").
            beside = _name_in_apposition(sentence, words)
            if beside:
                return SourceType("named_person", None, f"described: {beside}", lemma, entity, definite, beside)
        if label == "unresolved" and not _headline(sentence):
            fallback = _from_extraction(a, " ".join(w.text for w in words))
            if fallback is not None:
                return done(fallback, f"extraction's speaker type ({a.source_type})")
        return done(label, basis)

    def _from_text(self, a: Attribution) -> SourceType:
        """A source span our parse does not cover (a clutter region, a misaligned span)."""
        assert a.source is not None
        first = a.source.text.split()[0].lower() if a.source.text.split() else ""
        if a.source_type == "named" and a.canonical_source:
            return SourceType("named_person", None, "extraction's name", first)
        return SourceType("unresolved", None, "source outside the parse", first)

    def _pronoun(self, a: Attribution, head: Word, sentence: Sentence,
                 earlier: Sequence[tuple[Attribution, SourceType]], lemma: str, depth: int) -> SourceType:
        pronoun = head.text.lower()
        if pronoun in _GENERIC:
            return SourceType("unresolved", None, "generic pronoun", lemma)
        if pronoun in _FIRST_PERSON and not self._inside_quote(a):
            # The author's own I/we (the guide's "other"), not a source to type.
            return SourceType("unresolved", None, "the author's I/we", lemma)
        recent = [(b, t) for b, t in self._within(earlier, a.sentence - 3, a.sentence) if t.label != "unresolved"]
        if pronoun in _PERSONAL or pronoun in _FIRST_PERSON:
            if a.source_type == "named" and a.canonical_source:
                return SourceType("named_person", None, f"pronoun -> {a.canonical_source}", lemma)
            for b, t in recent:
                if t.label in ("named_person", "unnamed_individual") and not _plural_source(b, t):
                    return SourceType(t.label, t.informant, f"pronoun -> {b.id}", lemma)
            if self._recent_person(sentence, head):
                return SourceType("named_person", None, "pronoun -> a person named just before", lemma)
            return SourceType("unresolved", None, "pronoun with no speaker before it", lemma)
        wanted = ("named_organization", "document") if pronoun in _NEUTER else \
            ("unnamed_individual", "unnamed_group", "named_organization")
        for b, t in recent:
            if t.label in wanted and (pronoun in _NEUTER or _plural_source(b, t)):
                return SourceType(t.label, t.informant, f"pronoun -> {b.id}", lemma)
        if depth < 1:
            noun = self._antecedent_noun(sentence, head, plural=pronoun not in _NEUTER)
            if noun is not None:
                phrase_sentence, phrase = noun
                t = self._phrase(a, phrase, phrase_sentence, (), depth + 1)
                if t.label in wanted or (t.label == "named_person" and pronoun not in _NEUTER):
                    return SourceType(t.label, t.informant, "pronoun -> noun before: " + t.basis, lemma)
        return SourceType("unresolved", None, "pronoun with no speaker before it", lemma)

    def _within(self, earlier: Sequence[tuple[Attribution, SourceType]], first: int,
                last: int) -> list[tuple[Attribution, SourceType]]:
        """The earlier attributions in sentences ``first``..``last``, latest first.

        ``earlier`` is the list :func:`attribution.sources.profiles` grows by one attribution
        at a time, so it is indexed by sentence as it grows (scanning all of it for every
        pronoun grew with the square of the article's length); any other sequence is indexed
        afresh."""
        if not earlier:
            return []
        known = self._earlier
        if known is None or known[0] is not earlier or known[1] > len(earlier):
            known = self._earlier = (earlier, 0, {})
        _, indexed, by_sentence = known
        for position in range(indexed, len(earlier)):
            by_sentence.setdefault(earlier[position][0].sentence, []).append(position)
        self._earlier = (earlier, len(earlier), by_sentence)
        positions = sorted((p for s in range(first, last + 1) for p in by_sentence.get(s, ())), reverse=True)
        return [earlier[p] for p in positions]

    def _before(self, sentence: Sentence, limit: int) -> list[tuple[Sentence, Word]]:
        """Words before ``limit`` in this sentence and the two before it, nearest first."""
        out: list[tuple[Sentence, Word]] = []
        for s in reversed(self.document.sentences[max(0, sentence.index - 2):sentence.index + 1]):
            out += [(s, w) for w in reversed(s.words) if w.start < limit]
        return out

    def _recent_person(self, sentence: Sentence, head: Word) -> bool:
        for s, w in self._before(sentence, head.start):
            if any(m.type == "person" and m.start <= w.start < m.end and "Number=Plur" not in w.feats
                   for m in self.mentions(s)):
                return True
        return False

    def _antecedent_noun(self, sentence: Sentence, head: Word, plural: bool) -> tuple[Sentence, list[Word]] | None:
        """The nearest subject or object noun before a pronoun that agrees in number."""
        for s, w in self._before(sentence, head.start):
            if w.upos not in ("NOUN", "PROPN") or not w.deprel.startswith(("nsubj", "obj", "obl", "conj", "appos")):
                continue
            if ("Number=Plur" in w.feats) != plural and not (not plural and w.upos == "PROPN"):
                continue
            return s, _left_phrase(s, w)
        return None

    def _inside_quote(self, a: Attribution) -> bool:
        """The source sits inside quotation marks opened earlier in its paragraph."""
        assert a.source is not None
        text = self.document.text
        line_start = text.rfind("\n", 0, a.source.start) + 1
        before = text[line_start:a.source.start]
        opened = before.count("\u201c") - before.count("\u201d")
        straight = before.count('"') % 2
        return opened > 0 or straight == 1

    def _named(self, a: Attribution, head: Word, words: list[Word], entity: str,
               sentence: Sentence) -> tuple[str, str] | None:
        """A source headed by a name: person, organisation (a place speaking is its government),
        or None when the name is no speaker ("May", a headline's capitals)."""
        lemma = lemma_of(head)
        plural = "Number=Plur" in head.feats
        if lemma in _group_nouns() or (plural and lemma.rstrip("s") in _group_nouns()) or _demonym(head):
            if self._marked(a, a.source.text if a.source else ""):
                return "unnamed_individual", "class name marked as the reporter's sources"
            return "unnamed_group", "class name (Democrats, Americans)"
        if _acronym(head.text):
            return "named_organization", "an acronym"
        name = " ".join(w.text for w in words if w.upos == "PROPN").lower().removeprefix("the ")
        if name in load_lexicon("places") or _side_name(name):
            return "named_organization", "a country or capital speaking"
        if head.text in self.surnames() and entity != "place":
            return "named_person", "surname of a person named in the article"
        if entity == "person":
            if plural and head.lemma != head.text:
                return "unnamed_group", "plural name of people"
            return "named_person", "entity model: person"
        if entity in ("organization", "place"):
            return "named_organization", f"entity model: {entity}"
        if entity in ("time", "event"):
            return None
        if entity in ("object", "abstract", "substance"):
            if _is_document(lemma):
                return "document", "document named"
            return None
        # The tagger saw no name here: a name inside a headline's capitals, or one it missed.
        if _institution_like(words):
            return "named_organization", "institution word in the name"
        if a.source_type == "named" and a.canonical_source and not _headline(sentence):
            return "named_person", "a name the tagger missed"
        return None

    def _common(self, a: Attribution, head: Word, words: list[Word], sentence: Sentence,
                definite: bool) -> tuple[str, str]:
        lemma = lemma_of(head)
        phrase = " ".join(w.text.lower() for w in words)
        plural = "Number=Plur" in head.feats or lemma in ("people", "staff", "spokespeople")
        context = self.document.text[sentence.start:sentence.end]
        # Rule 5: a document from an unnamed person is that person.
        if _is_document(lemma):
            owner = _owner(words, head)
            if owner is not None and owner.upos == "NOUN" and _is_individual(lemma_of(owner)):
                return "unnamed_individual", "document from an unnamed person"
            return "document", "document noun"
        if lemma in ("person", "individual", "someone", "somebody") and head.text.lower() != "people":
            return "unnamed_individual", "unnamed person"
        if lemma in ("people", "others", "many", "some", "few", "most", "those") or \
                head.text.lower() in ("people", "those", "these"):
            marked = self._marked(a, phrase)
            if marked or (lemma == "people" and any(w.upos == "NUM" for w in words)):
                return "unnamed_individual", "people marked as informants"
            return "unnamed_group", "people, not marked as informants"
        # Rule 1 reads the whole article: "the spokesman" is the spokesman it names, and so is
        # "a spokesman for the Jupiter police" where it names a Jupiter police spokesman.  Not
        # "a Trump adviser" (one of many), nor a description that withholds the name on purpose.
        affiliation = frozenset(w.text for w in words if w.upos == "PROPN" and w.id > head.id)
        if not plural and _person_noun(lemma) and not definite and affiliation and \
                "anonym" not in phrase and not self._marked(a, phrase):
            described = self.described_person(lemma, affiliation)
            if described:
                return "named_person", "described: " + described
        if not plural and (definite or not _determiner(words, head)):
            described = self.described_person(lemma) if definite and _person_noun(lemma) else None
            if described:
                return "named_person", "described: " + described
            if _unique_office(words, head):
                return "named_person", "description of one office holder"
        if plural and head.text.lower() in _PLURAL_ROLES:
            # "authorities said": unnamed officials; "the water authority" (one body) is not.
            return "unnamed_individual", "role noun"
        if _is_individual(lemma):
            owner = next((w for w in words if w.head == head.id and w.deprel == "nmod:poss" and w.upos == "PROPN"), None)
            if owner is not None and not plural and lemma not in ANONYMOUS_CORE and \
                    any(m.type == "person" and m.start <= owner.start < m.end for m in self.mentions(sentence)):
                # "Pagliano's lawyer": one person, fixed by a named person (rule 1).
                return "named_person", "the one person a named person's role fixes"
            return "unnamed_individual", "role noun"
        if lemma in load_lexicon("institution_words") or lemma in _ORG_NOUNS:
            if plural or (not definite and any(w.text.lower() in ("of",) for w in words)):
                return "unnamed_group", "unnamed bodies or a group of people"
            return "named_organization", "institution noun"
        if lemma == "member" and any(w.head == head.id and w.deprel in ("compound", "amod") and w.id == head.id - 1
                                     and w.text.lower() in load_lexicon("specific_bodies") for w in words):
            # "cast members", "staff members": particular people of one body, not a class.
            return "unnamed_individual", "members of one particular body"
        if lemma in _group_nouns() or lemma in load_lexicon("people_nouns") or (plural and _people_suffix(lemma)):
            if _INFORMANT_MARKS.search(context) and lemma not in ("people", "public", "everyone"):
                return "unnamed_individual", "class noun marked as the reporter's sources"
            if not plural and lemma in _participant_nouns():
                return "unnamed_individual", "one unnamed person in the events"
            if not plural and definite:
                return "named_person", "a definite description of one person"
            return "unnamed_group", "class noun"
        if lemma in ("percent", "majority", "half", "third", "quarter", "plurality", "share"):
            return "unnamed_group", "a share of people"
        if lemma in _participant_nouns() or lemma in load_lexicon("titles") or lemma in _role_nouns():
            if not plural and definite:
                return "named_person", "a definite description of one person"
            if plural and lemma not in _participant_nouns():
                return "unnamed_group", "a class of office holders"
            return "unnamed_individual", "person in a role"
        if _institution_like(words):
            return "named_organization", "institution word in the phrase"
        return "unresolved", "head names no speaker"

    def _cue_lemma(self, a: Attribution) -> str:
        """The cue's lemma on our parse ("implored" -> "implore"), else extraction's."""
        if a.cue is not None:
            sentence = self.sentence_of(a.cue.start)
            word = next((w for w in sentence.words if w.start == a.cue.start), None) if sentence else None
            if word is not None and word.upos in ("VERB", "AUX"):
                return word.lemma.lower()
        return a.cue_lemma.lower()

    def _marked(self, a: Attribution, phrase: str) -> bool:
        """The source is marked as the reporter's informants (rule 3) in its own words, or
        between them and the cue, or just after the cue: "people familiar with", "those close
        to him say", "some Democrats privately express", "told the Times"."""
        window = phrase.lower()
        if a.source is not None and a.cue is not None and a.source.end <= a.cue.start <= a.source.end + 80:
            window += " " + self.document.text[a.source.end:a.cue.end + 30].lower()
        return bool(_INFORMANT_MARKS.search(window)) or any(b in window for b in load_lexicon("anonymous_basis"))

    def _informant(self, a: Attribution, head: Word, words: list[Word]) -> bool:
        """Rule 6: the reporter's informant, unless the head or the cue says an actor in the events."""
        lemma = lemma_of(head)
        if lemma in _participant_nouns() and not _INFORMANT_MARKS.search(a.source.text if a.source else ""):
            return False
        cue = self._cue_lemma(a)
        # The lemmatiser leaves some past forms: their stems count too.
        forms = {cue} | ({cue[:-1], cue[:-2], cue[:-3]} if cue.endswith("ed") else set())  # implored, favored, begged
        if forms & load_lexicon("participant_cues"):
            return False
        sentence = self.sentence_of(a.cue.start) if a.cue is not None else None
        if a.cue is not None and sentence is not None and _PUBLISHED.search(self.document.text, sentence.start, a.cue.start):
            # "In a column, two aides urged her to ...": authors in print, not informants.
            return False
        return True


def _head(words: list[Word]) -> Word:
    """The phrase's head: its top nominal word, or, where a misparse put a verb on top ("show
    insiders" with "show" a verb), its last noun."""
    words = _before_relative(words)
    ids = {w.id for w in words}
    tops = [w for w in words if w.head not in ids]
    nominal = [w for w in tops if w.upos in ("NOUN", "PROPN", "PRON", "NUM")]
    if len(nominal) > 1:
        # A misparse with two tops ("Federal" and "officials" both subjects): the one with
        # more of the phrase under it, the later on a tie (English heads come last).
        return max(nominal, key=lambda w: (sum(x.head == w.id for x in words), w.id))
    if nominal:
        return nominal[0]
    nouns = [w for w in words if w.upos in ("NOUN", "PROPN", "PRON")]
    top_ids = {w.id for w in tops}
    subjects = [w for w in nouns if w.head in top_ids and w.deprel.startswith("nsubj")]
    if subjects:
        # "A source familiar with the ad" with "familiar" made a clause on top and "source" its
        # subject: the subject is the head, not the last noun ("ad").
        return subjects[0]
    return (nouns[-1:] or tops or words)[0]


def _noun_before(sentence: Sentence, pronoun: Word) -> list[Word]:
    """The noun phrase ending right before a relative pronoun (a comma between allowed)."""
    ordered = list(sentence.words)
    i = ordered.index(pronoun) - 1
    while i >= 0 and ordered[i].text == ",":
        i -= 1
    if i < 0 or ordered[i].upos not in ("NOUN", "PROPN"):
        return []
    last = ordered[i]
    by_id = {w.id: w for w in ordered}
    owner = by_id.get(last.head)
    if pronoun.text.lower() in ("who", "whom") and owner is not None and owner.upos in ("NOUN", "PROPN") and \
            owner.id < last.id and any(w.head == last.id and w.deprel == "case" for w in ordered):
        # "voters in Ohio, who": the people the place modifies.
        return _left_phrase(sentence, owner)
    run = [last]
    j = i - 1
    # The proper-noun run of a name ("Rick Palmer"), else the noun's own phrase.
    while last.upos == "PROPN" and j >= 0 and ordered[j].upos == "PROPN":
        run.insert(0, ordered[j])
        j -= 1
    return run if last.upos == "PROPN" else _left_phrase(sentence, last)


def _name_after(head: Word, words: list[Word]) -> str:
    """The proper-noun run that follows a singular title noun to the phrase's end ("DFA
    spokesman Neil Sroka" misparsed with the name as a second subject), or ""."""
    if head.upos != "NOUN":
        return ""
    at = words.index(head) if head in words else -1
    rest = words[at + 1:] if at >= 0 else []
    if rest and all(w.upos == "PROPN" for w in rest) and len(rest) <= 4:
        return " ".join(w.text for w in rest)
    return ""


def _name_closing(found: list[entities.EntityMention], words: list[Word], surnames: frozenset[str]) -> str:
    """A person's name after the phrase's last comma that ends it: "These workers, Ostrow"
    (the parser joined a fronted object to the speaker), "the spokesman, John Kirby"."""
    commas = [i for i, w in enumerate(words) if w.text == ","]
    if not commas or commas[-1] == 0:
        return ""
    rest = words[commas[-1] + 1:]
    if not rest or len(rest) > 4 or not all(w.upos == "PROPN" for w in rest):
        return ""
    name = " ".join(w.text for w in rest)
    tagged = any(m.type == "person" and m.start <= rest[-1].start < m.end for m in found)
    if len(rest) >= 2 and tagged or rest[-1].text in surnames:
        return name
    return ""


def _before_relative(words: list[Word]) -> list[Word]:
    """The words before a relative clause inside the phrase ("leaders who'd rather work for
    Ben Carlson" -> "leaders"): a name inside the clause is no member of the phrase."""
    for i, w in enumerate(words):
        if i > 0 and w.text.lower() in _RELATIVE - {"that"} and any(x.upos in ("NOUN", "PROPN", "PRON") for x in words[:i]):
            return [x for x in words[:i] if x.text != ","] or words[:i]
    return words


def lemma_of(w: Word) -> str:
    """The lower-case lemma, with a plural -s the lemmatiser left ("insiders") taken off."""
    lemma = w.lemma.lower()
    if "Number=Plur" in w.feats and lemma == w.text.lower() and lemma.endswith("s") and len(lemma) > 3:
        lemma = lemma[:-3] + "y" if lemma.endswith("ies") else lemma[:-1]
    return lemma


def _entity_at(found: list[entities.EntityMention], head: Word) -> str:
    for m in found:
        if m.start <= head.start < m.end:
            return m.type
    return ""


def _name_in(name: str, words: list[Word], head: Word) -> bool:
    """Extraction's name for the speaker is the phrase's head or in apposition to it
    ("spokesman Jason Miller", "Kirby, the spokesman"); not "the Trump campaign" or "an aide
    to John Kirby"."""
    if "Number=Plur" in head.feats or not name.split() or not name.split()[-1][:1].isupper():
        return False
    last = name.split()[-1]
    linked = [head] + [w for w in words if w.head == head.id and w.deprel in ("appos", "flat", "flat:name")]
    ids = {w.id for w in linked}
    linked += [w for w in words if w.head in ids and w.deprel in ("flat", "flat:name")]
    if any(w.text == last for w in linked):
        return True
    # "Megan Hester, senior associate at ...": the name opens the phrase, a comma after it.
    for i, w in enumerate(words[:5]):
        if w.text == last and i + 1 < len(words) and words[i + 1].text == "," and \
                all(x.upos in ("PROPN", "PUNCT") or x.text[:1].isupper() for x in words[:i]):
            return True
    return False


def _document_after(text: str, end: int) -> str | None:
    """A source cut short before its document noun: "A U.S. intelligence" + "finding released ..."."""
    following = re.match(r"\s+([A-Za-z]+)", text[end:end + 40])
    if not following:
        return None
    word = following.group(1).lower()
    if word in load_lexicon("document_words") or (word.endswith("s") and word[:-1] in load_lexicon("document_words")):
        return word
    return None


def _from_extraction(a: Attribution, phrase: str) -> str | None:
    """The guide label that extraction's own speaker type stands for, where the parse gave
    none: a name, an institution, a document or an unnamed source it recognised."""
    kind = a.source_type
    lowered = phrase.lower()
    if kind == "named" and a.canonical_source and a.canonical_source[:1].isupper():
        return "named_person"
    if kind == "institution":
        return "named_organization"
    if kind == "document":
        return "document"
    if kind == "anonymous" or a.anonymous:
        return "unnamed_individual"
    if kind in ("group", "unnamed"):
        words = [w.strip(".,") for w in lowered.split()]
        cut = next((i for i, w in enumerate(words) if w in ("of", "with", "close", "familiar", "to", "from", "who")),
                   len(words))
        core = words[:cut] or words
        head = core[-1]
        singular = head[:-1] if head.endswith("s") else head
        if head in ("people", "police", "staff") or singular in load_lexicon("source_individual_nouns"):
            return "unnamed_individual" if any(b in lowered for b in load_lexicon("anonymous_basis")) or \
                singular in load_lexicon("source_individual_nouns") else "unnamed_group"
        if singular in _group_nouns() or singular in load_lexicon("people_nouns"):
            return "unnamed_group"
    return None


def _side_name(name: str) -> bool:
    from .sources import side_of  # sources imports this module; side_of needs only lexicons

    return bool(name) and side_of(name) is not None and name.title() == name.title() and len(name.split()) <= 3 and \
        not any(w in name for w in ("mr", "ms", "mrs"))


def _name_then_comma(found: list[entities.EntityMention], words: list[Word]) -> bool:
    """"Donna Brazile, the interim chairwoman of ...": a person's name opens the phrase and a
    comma follows it."""
    for m in found:
        if m.type == "person" and m.start == words[0].start:
            after = [w for w in words if w.start >= m.end]
            return bool(after) and after[0].text == "," and "Number=Plur" not in words[0].feats
    run = 0
    while run < len(words) and (words[run].upos == "PROPN" or (
            words[run].text in ("-", "\u2013") and 0 < run < len(words) - 1 and words[run + 1].upos == "PROPN")):
        run += 1
    # Two proper nouns or more, then a comma and a lower-case description: a full name.
    return 2 <= run < len(words) - 1 and words[run].text == "," and words[run + 1].text[:1].islower() and \
        not any(w.text.lower() in load_lexicon("institution_words") for w in words[:run])


def _outlet_at(text: str, start: int) -> str | None:
    """The news outlet whose name starts the phrase ("The New York Post reports")."""
    rest = text[start:start + 60]
    lead = re.match(r"(?i)the\s+", rest)
    skip = lead.end() if lead else 0
    for name in _outlets():
        chunk = rest[skip:skip + len(name)]
        after = rest[skip + len(name):skip + len(name) + 1]
        if chunk.lower() == name and not after.isalnum() and chunk[:1].isupper():
            if len(name.replace(".", "")) <= 3 and not chunk.isupper():
                continue
            return chunk
    return None


@lru_cache(maxsize=None)
def _outlets() -> tuple[str, ...]:
    return tuple(sorted({n.removeprefix("the ") for n in load_lexicon("news_outlets")}, key=lambda n: -len(n)))


_DOCUMENT_NOUNS = frozenset({"remark", "comment", "speech", "account", "post", "ad", "advertisement", "op-ed", "spot",
                             "clip", "slide", "statistics", "statistic", "average", "narrator", "figure", "number",
                             "chart", "graphic", "footage", "broadcast", "editorial", "column", "headline", "story",
                             "analysis", "investigation", "database", "model", "projection", "forecast", "tally"})


def _core_document(words: list[Word]) -> Word | None:
    """The phrase's last noun before its first preposition, clause or comma, when it names a
    document ("The Reuters/Ipsos poll", "a poll released last week", "the ad's narrator")."""
    last = None
    for w in words:
        if w.upos in ("ADP", "SCONJ", "VERB", "AUX") or w.text in (",", "(", "\u2014", "which", "that", "who"):
            break
        if w.upos in ("NOUN", "PROPN"):
            last = w
    if last is not None and last.upos == "NOUN" and _is_document(lemma_of(last)):
        return last
    return None


def _name_in_apposition(sentence: Sentence, words: list[Word]) -> str:
    """A full name (two proper nouns or more) set off by a comma right after or right before
    the phrase, or ""."""
    ordered = list(sentence.words)
    first = ordered.index(words[0])
    last = ordered.index(words[-1])

    def run_from(i: int, step: int) -> list[Word]:
        out = []
        while 0 <= i < len(ordered) and ordered[i].upos == "PROPN":
            out.append(ordered[i])
            i += step
        return out if step > 0 else out[::-1]

    if last + 2 < len(ordered) and ordered[last + 1].text == ",":
        after = run_from(last + 2, 1)
        end = last + 2 + len(after)
        if len(after) >= 2 and (end >= len(ordered) or ordered[end].text in (",", ".", ";") or ordered[end].upos == "VERB"):
            return " ".join(w.text for w in after)
    if first >= 3 and ordered[first - 1].text == ",":
        before = run_from(first - 2, -1)
        start = first - 1 - len(before)
        if len(before) >= 2 and (start <= 0 or ordered[start - 1].upos in ("PUNCT", "CCONJ", "ADP", "VERB")):
            return " ".join(w.text for w in before)
    return ""


def _name_beside(head: Word, words: list[Word]) -> str:
    """The proper-noun run in apposition to a title noun ("spokesman John Kirby" parsed with
    the title on top and the name under it as flat or appos), or ""."""
    ids = {w.id for w in words}
    under = {w.id for w in words if w.head == head.id and w.upos == "PROPN" and w.deprel in ("flat", "flat:name", "appos")}
    if not under:
        return ""
    grow = True
    while grow:
        grow = False
        for w in words:
            if w.id not in under and w.head in under and w.upos == "PROPN" and w.head in ids:
                under.add(w.id)
                grow = True
    return " ".join(w.text for w in words if w.id in under)


def _person_noun(lemma: str) -> bool:
    """A noun for a person (a role, title, office or participant), not for a body or a thing."""
    return _is_individual(lemma) or lemma in load_lexicon("titles") or lemma in _role_nouns() or \
        lemma in load_lexicon("unique_office_nouns") or lemma in _participant_nouns() or \
        lemma in load_lexicon("people_nouns") or lemma in _group_nouns()


# Plural forms that are role nouns though their singular names a body ("authorities").
_PLURAL_ROLES = frozenset({"authorities"})


def _common_word(head: Word) -> bool:
    """A capitalised common noun that a parser may take for a name: "Sources said" at the
    start of a sentence, "Officials" or "Polls" in a headline."""
    if not head.text[:1].isupper() or head.text.isupper() and len(head.text) > 1:
        return False
    lower = head.text.lower()
    forms = {lower, lower[:-1] if lower.endswith("s") else lower, lower[:-3] + "y" if lower.endswith("ies") else lower}
    return any(_is_individual(f) or _is_document(f) or f in _group_nouns() or f in _PLURAL_ROLES for f in forms) and \
        head.text not in ("Post", "Times", "Journal")


def _common_lemma(lemma: str, head: Word) -> bool:
    """A capitalised common noun ("Officials said" at a sentence start, "Polls" in a headline)."""
    return _is_individual(lemma) or _is_document(lemma) or lemma in _group_nouns() and not head.text.isupper()


def _acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper() and text not in ("I",)


def _demonym(head: Word) -> bool:
    """"Democrats", "Americans", "Europeans": a plural name of a class of people."""
    text = head.text
    return "Number=Plur" in head.feats and text[:1].isupper() and text.endswith(("ans", "ians", "ers", "ists", "ese", "crats", "icans"))


def _people_suffix(lemma: str) -> bool:
    return lemma.endswith(("ist", "er", "or", "ant", "ent", "ian", "an", "ate", "ive", "ee")) and \
        lemma not in ("number", "paper", "matter", "order", "letter", "document", "report", "statement")


def _determiner(words: list[Word], head: Word) -> bool:
    return any(w.upos == "DET" or w.deprel == "nmod:poss" for w in words if w.start < head.start)


def _titled_role(lemma: str) -> bool:
    """A role written as a title before a name ("Former DNC chairman [Name]", "spokesman")."""
    return lemma in load_lexicon("unique_office_nouns")


def _antecedent(sentence: Sentence, pronoun: Word) -> list[Word]:
    """The noun phrase a relative pronoun stands for: "officials, who said" -> "officials"."""
    by_id = {w.id: w for w in sentence.words}
    verb = by_id.get(pronoun.head)
    while verb is not None and verb.deprel == "conj" and by_id.get(verb.head) is not None:
        # "admirals, most of whom signed, who added ...": the second
        # relative clause joined to the first.
        verb = by_id.get(verb.head)
    if verb is None or not verb.deprel.startswith("acl"):
        return []
    noun = by_id.get(verb.head)
    if noun is None:
        return []
    return _left_phrase(sentence, noun)


def _left_phrase(sentence: Sentence, noun: Word) -> list[Word]:
    """A noun with its dependents up to it and its 'of'/'at' modifiers, without clauses."""
    keep = {noun.id}
    changed = True
    while changed:
        changed = False
        for w in sentence.words:
            if w.id not in keep and w.head in keep and not w.deprel.startswith(("acl", "punct", "appos", "parataxis")) \
                    and (w.id < noun.id or w.deprel.startswith(("nmod", "case", "det", "amod", "compound", "flat"))
                         or w.head != noun.id):
                keep.add(w.id)
                changed = True
    return [w for w in sentence.words if w.id in keep]


def _person_at_head(found: list[entities.EntityMention], head: Word, words: list[Word]) -> str:
    """A person the tagger names at the phrase's head or in apposition to it ("spokesman John
    Kirby", "John Kirby, the spokesman"); "Clinton aides" and "an aide to Kirby" name none."""
    linked = {head.id} | {w.id for w in words if w.head == head.id and w.deprel in ("appos", "flat", "flat:name")}
    for m in found:
        if m.type == "person" and linked & set(m.words) and head.start <= m.end and \
                words[0].start <= m.start and m.end <= words[-1].end:
            if "Number=Plur" in head.feats or _demonym(head):
                continue
            return m.text
    return ""


def _definite(words: list[Word], head: Word) -> bool:
    """"the spokesman", "the party's chairman": singular and definite (or possessed)."""
    before = [w for w in words if w.start < head.start]
    if not before or "Number=Plur" in head.feats:
        return False
    first = before[0].text.lower()
    return first in ("the", "this", "that") or any(w.deprel == "nmod:poss" or w.text in ("'s", "\u2019s") for w in before)


def _unique_office(words: list[Word], head: Word) -> bool:
    lemma = head.lemma.lower()
    offices = load_lexicon("unique_office_nouns")
    if lemma in offices:
        return True
    before = " ".join(w.text.lower() for w in words if w.start < head.start).split()
    return bool(before) and f"{before[-1]} {lemma}" in offices


def _owner(words: list[Word], head: Word) -> Word | None:
    """The nmod of a document noun ("an email from a campaign aide" -> "aide")."""
    for w in words:
        if w.head == head.id and w.deprel.startswith("nmod") and w.deprel != "nmod:poss":
            return w
    return None


def _is_document(lemma: str) -> bool:
    return lemma in load_lexicon("document_words") or lemma in _DOCUMENT_NOUNS


def _is_individual(lemma: str) -> bool:
    return lemma in load_lexicon("source_individual_nouns")


def _plural_source(b: Attribution, t: SourceType) -> bool:
    text = (b.source.text if b.source else "").lower()
    return t.label in ("unnamed_group", "named_organization") or text.endswith("s") or (b.speaker_count or 1) > 1


def _institution_like(words: list[Word]) -> bool:
    institutions = load_lexicon("institution_words")
    return any(w.lemma.lower() in institutions or w.text.lower() in institutions for w in words
               if w.upos in ("PROPN", "NOUN"))


def _headline(sentence: Sentence) -> bool:
    alpha = [w for w in sentence.words if w.text[:1].isalpha()]
    return len(alpha) >= 3 and sum(w.text[:1].isupper() for w in alpha) >= 0.7 * len(alpha)


@lru_cache(maxsize=None)
def _group_nouns() -> frozenset[str]:
    return load_lexicon("source_group_nouns")


@lru_cache(maxsize=None)
def _participant_nouns() -> frozenset[str]:
    return load_lexicon("participant_nouns")


@lru_cache(maxsize=None)
def _role_nouns() -> frozenset[str]:
    return load_lexicon("roles")
