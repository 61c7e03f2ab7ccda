"""Source profiles: one entry per distinct source of an article, its mentions merged.

    from attribution import sources
    for p in sources.profiles(report.attributions, report.document):
        print(p.id, p.type, p.name, p.role, p.affiliation, p.side, len(p.attributions))

Builds on what extraction already decided for each attribution (``source_type``,
``canonical_source``, ``anonymous``, ``speaker_count``, ``anonymity_reason``) and adds only
what needs the whole article: merging mentions of one source ("Kirby" into "John Kirby", "the
individuals" into "two sources familiar with the matter"), the categories extraction does not
make (another news outlet; a country speaking as a government), title and affiliation, the
side a source speaks for, and how specifically an anonymous source is described.

Does not: link sources across articles, tell two different people of the same surname apart,
or guess a side the text does not state (a person with no stated affiliation has none).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .assessment import SourceProfile
from .lexicons import alternation, load_lexicon, load_table
from .results import Attribution, ParsedDocument

__all__ = ["profiles", "side_of", "QUOTE_KINDS"]

# Attribution kinds that carry the source's own words in quotation marks.
QUOTE_KINDS = ("direct", "mixed", "floating")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "lord", "prof", "prof."}
_ANAPHORIC = {"the", "these", "those"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"\s+")
_ROLE_SPLIT = re.compile(r"^(?P<role>.+?)\s+(?:at|of|for|with|from)\s+(?:the\s+)?(?P<aff>[A-Z].*)$")


def profiles(attributions: Sequence[Attribution], document: ParsedDocument) -> tuple[SourceProfile, ...]:
    """One profile per distinct source, in order of each source's first attribution.

    Args:
        attributions: an article's attributions (from :func:`attribution.extract.attributions`).
        document: the parse they index; its text is where outlet names are read.

    Returns:
        Profiles with ids "s1", "s2", ...; every attribution belongs to exactly one.
    """
    text = document.text
    persons = _person_names(attributions)
    builders: list[_Builder] = []
    by_key: dict[tuple[str, str], _Builder] = {}
    by_attribution: dict[str, _Builder] = {}
    for a in attributions:
        builder = by_attribution.get(a.continues or "") if a.kind == "floating" else None
        if builder is None:
            kind, key, name = _identity(a, text, persons)
            if kind == "anonymous" and _is_anaphor(name):
                builder = next((b for b in reversed(builders) if b.type == "anonymous"), None)
            if builder is None:
                builder = by_key.get((kind, key))
            if builder is None and kind == "organisation" and _is_definite(a.canonical_source or ""):
                # "the air force" after "the Ukrainian Air Force": the same body, named again.
                builder = next((b for (k, other), b in reversed(by_key.items())
                                if k == kind and other.endswith(" " + key)), None)
            if builder is None:
                builder = _Builder(kind, name)
                builders.append(builder)
                by_key[(kind, key)] = builder
        builder.add(a)
        by_attribution[a.id] = builder
    return tuple(b.build(f"s{i}") for i, b in enumerate(builders, 1))


@dataclass
class _Builder:
    type: str
    name: str
    members: list[Attribution] = field(default_factory=list)

    def add(self, a: Attribution) -> None:
        self.members.append(a)

    def build(self, ident: str) -> SourceProfile:
        mentions = tuple(dict.fromkeys(_clean(a.source.text) for a in self.members if a.source))
        role, affiliation = self._role_affiliation(mentions)
        count = next((a.speaker_count for a in self.members if a.speaker_count), None)
        reason = next((_clean(a.anonymity_reason.text) for a in self.members if a.anonymity_reason), None)
        specificity = _specificity(self.name, mentions) if self.type == "anonymous" else None
        side = None if self.type in ("outlet", "unresolved") else side_of(self.name, affiliation, *mentions)
        denials = tuple(a.id for a in self.members if a.cue_lemma.lower() in load_lexicon("denial_cues"))
        return SourceProfile(
            id=ident, name=self.name, type=self.type, attributions=tuple(a.id for a in self.members),
            mentions=mentions, role=role, affiliation=affiliation, side=side,
            count=count if self.type == "anonymous" else None, specificity=specificity,
            anonymity_reason=reason if self.type == "anonymous" else None,
            direct_quotes=sum(a.kind in QUOTE_KINDS for a in self.members), denials=denials)

    def _role_affiliation(self, mentions: tuple[str, ...]) -> tuple[str | None, str | None]:
        role: str | None = None
        affiliation: str | None = None
        for mention in mentions:
            if self.type == "person":
                found = _person_role(mention, self.name)
            elif self.type == "document":
                found = (None, _document_owner(mention))
            elif self.type == "organisation":
                found = (None, _possessor(mention))
            elif self.type == "anonymous":
                found = (None, _anonymous_affiliation(mention))
            else:
                found = (None, None)
            role = role or found[0]
            affiliation = affiliation or found[1]
        return role, affiliation


def _identity(a: Attribution, text: str, persons: dict[str, str]) -> tuple[str, str, str]:
    """(profile type, merge key, display name) of one attribution's source."""
    outlet = _outlet(a, text)
    if outlet:
        return "outlet", _key(outlet), outlet
    written = _clean(a.canonical_source or (a.source.text if a.source else ""))
    kind = a.source_type
    if kind == "named":
        name = _strip_titles(written)
        if not name:
            # A "named" source with no name left once titles go ("a U.S. official"): if it
            # reads as an unnamed source, it is one.
            description = _clean(a.source.text) if a.source else written
            if _describes_unnamed(description):
                return "anonymous", _key(description), description
            return _unresolved(a)
        if _organisation_like(name):
            return "organisation", _alias_key(name), _alias_name(name)
        name = persons.get(name.split()[-1].lower(), name) if len(name.split()) == 1 else name
        return "person", name.lower(), name
    if kind in ("institution", "anonymous", "unnamed", "group") and written:
        # "White House spokesman John Kirby" classed as unnamed: the name of a person the
        # article quotes elsewhere is in the phrase, so it is that person.
        known = _known_person(written, persons)
        if known:
            return "person", known.lower(), known
        document = _document_after(a, text)
        if document:
            return "document", _key(document), _sentence_case(document)
    if kind == "institution" and written:
        return "organisation", _alias_key(written), _alias_name(written)
    if kind == "document" and written:
        return "document", _key(written), _sentence_case(written)
    if written and (a.anonymous or (kind in ("anonymous", "unnamed", "group") and _describes_people(written))):
        return "anonymous", _key(written), written
    return _unresolved(a)


def _known_person(phrase: str, persons: dict[str, str]) -> str | None:
    """The full name of a person of the article that ``phrase`` contains, if any."""
    for name in persons.values():
        found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", phrase) if len(name.split()) >= 2 else None
        # "spokesman John Kirby" is Kirby; "an aide to John Kirby" is not.
        if found and not re.search(r"\b(?:to|of|for|with|near|from|by|about)\b", phrase[:found.start()], re.I):
            return name
    return None


def _document_after(a: Attribution, text: str) -> str | None:
    """A source cut short before its document noun: "A U.S. intelligence" + "finding released ..."."""
    if a.source is None:
        return None
    following = re.match(r"\s+([A-Za-z]+)", text[a.source.end:a.source.end + 40])
    if not following:
        return None
    word = following.group(1).lower()
    if word in load_lexicon("document_words") or (word.endswith("s") and word[:-1] in load_lexicon("document_words")):
        return _clean(text[a.source.start:a.source.end + following.end()])
    return None


def _unresolved(a: Attribution) -> tuple[str, str, str]:
    if a.source is None:
        return "unresolved", "", "No source named"
    written = _clean(a.source.text)
    return "unresolved", written.lower(), written


def _person_names(attributions: Iterable[Attribution]) -> dict[str, str]:
    """Surname -> the fullest name of a named person with that surname in the article."""
    out: dict[str, str] = {}
    for a in attributions:
        if a.source_type != "named" or not a.canonical_source:
            continue
        name = _strip_titles(_clean(a.canonical_source))
        if name and not _organisation_like(name):
            last = name.split()[-1].lower()
            if len(name.split()) > len(out.get(last, "").split()):
                out[last] = name
    return out


def _strip_titles(name: str) -> str:
    """"Mr. Kirby" -> "Kirby"; "Kirby's" -> "Kirby"; titles and roles before the name go."""
    words = [_POSSESSIVE.sub("", w) for w in name.split()]
    roles = _role_words()
    while words and (words[0].lower() in roles or words[0].lower() in _HONORIFICS
                     or words[0].lower() in _DETERMINERS or not words[0][:1].isupper()):
        words.pop(0)
    return " ".join(words)


def _organisation_like(name: str) -> bool:
    """A "named" source that is in fact a country or body ("Iran", "the Kremlin")."""
    lowered = name.lower().removeprefix("the ")
    return (lowered in _sides() or lowered in _aliases()
            or any(w in load_lexicon("institution_words") for w in lowered.split()))


def _outlet(a: Attribution, text: str) -> str | None:
    """The news outlet named at the source's position ("The Wall Street Journal"), or None.

    Read from the article text rather than the source span alone, so a source phrase cut
    short by the parser ("The Wall Street") still finds the outlet it starts.
    """
    for candidate in ((a.source.start,) if a.source else ()):
        rest = text[candidate:candidate + 80]
        lead = re.match(r"(?i)the\s+", rest)
        skip = lead.end() if lead else 0
        best = ""
        for name in _outlets():
            chunk = rest[skip:skip + len(name)]
            after = rest[skip + len(name):skip + len(name) + 1]
            if chunk.lower() == name and not after.isalnum() and chunk[:1].isupper() and len(name) > len(best):
                if len(name.replace(".", "")) <= 3 and not chunk.isupper():
                    continue
                best = name
        if best:
            return _clean(rest[:skip + len(best)])
    canonical = (a.canonical_source or "").lower().removeprefix("the ")
    if canonical in _outlets() and (a.canonical_source or "")[:1].isupper():
        return _clean(a.canonical_source or "")
    return None


def _person_role(mention: str, name: str) -> tuple[str | None, str | None]:
    """Title and affiliation around a person's name: "CIA Director William Burns" -> ("Director", "CIA")."""
    surname = name.split()[-1]
    at = mention.find(name)
    if at < 0:
        at = mention.find(surname)
        if at < 0:
            return None, None
        name = surname
    before = mention[:at].strip(" ,")
    after = mention[at + len(name):].strip(" ,")
    for part in (before, after):
        role, affiliation = _role_in(part)
        if role or affiliation:
            return role, affiliation
    return None, None


def _role_in(phrase: str) -> tuple[str | None, str | None]:
    """Split a title phrase into role and affiliation.

    "National Security Council spokesman" -> ("spokesman", "National Security Council");
    "a spokesman for the State Department" -> ("spokesman", "State Department").
    """
    words = phrase.split()
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if not words:
        return None, None
    roles = _role_words()
    start = len(words)
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        bare = w.lower().strip(".,")
        if _POSSESSIVE.search(w) or (w[:1].isupper() and bare not in roles):
            break
        start = i
    role_words = [w for w in words[start:] if w.lower().strip(".,") not in _HONORIFICS]
    if role_words and any(w.lower().strip(".,") in roles for w in role_words):
        affiliation = " ".join(words[:start]) or None
        return " ".join(role_words), _tidy_affiliation(affiliation)
    split = _ROLE_SPLIT.match(" ".join(words))
    if split and any(w.lower() in roles for w in split.group("role").split()):
        return split.group("role"), _tidy_affiliation(split.group("aff"))
    return None, None


def _tidy_affiliation(text: str | None) -> str | None:
    if not text:
        return None
    words = text.strip(" ,").split()
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words) or None


def _possessor(mention: str) -> str | None:
    """"Iran's UN mission" -> "Iran"."""
    words = mention.split()
    for i, w in enumerate(words):
        if _POSSESSIVE.search(w) and w[:1].isupper() and i < len(words) - 1:
            return _tidy_affiliation(" ".join(words[:i + 1]))
    return None


def _document_owner(mention: str) -> str | None:
    """"a statement from Iran's UN mission" -> "Iran's UN mission"; "the Pentagon's report" -> "Pentagon"."""
    found = re.search(r"\b(?:from|by|of)\s+(?:the\s+)?([A-Z].*)$", mention)
    if found:
        return found.group(1).strip(" ,.")
    return _possessor(mention)


def _anonymous_affiliation(mention: str) -> str | None:
    """The capitalised words of an unnamed source's description: "two U.S. officials" -> "U.S."."""
    caps = [w for i, w in enumerate(mention.split()) if _proper(w, i)]
    return _tidy_affiliation(" ".join(caps)) if caps else None


def _proper(word: str, position: int) -> bool:
    """A capitalised word that names something ("U.S.", "State"); a capital at the start of a
    phrase only counts for acronyms and names of sides ("Sources said" names nothing)."""
    bare = word.strip(".,;:").lower()
    if not word[:1].isupper() or bare in _DETERMINERS:
        return False
    if position > 0:
        return True
    return word.strip(",;:").isupper() or "." in word.strip(".,;:") or side_of(word) is not None


def _specificity(name: str, mentions: tuple[str, ...]) -> str:
    """How well an unnamed source is described: its position, its basis of knowledge, both or neither."""
    descriptions = [name, *mentions]
    lowered = " ".join(descriptions).lower()
    has_basis = any(phrase in lowered for phrase in load_lexicon("anonymous_basis"))
    has_position = any(_describes_position(d) for d in descriptions)
    if has_basis and has_position:
        return "specific"
    if has_basis or has_position:
        return "partial"
    return "vague"


def _describes_position(description: str) -> bool:
    """ "U.S. officials", "a senior diplomat": the description says where the source sits."""
    generic = load_lexicon("anonymous_generic_heads")
    position_words = (load_lexicon("anonymous_heads") | _role_words()) - generic
    for i, w in enumerate(description.split()):
        bare = w.lower().strip(".,;:")
        singular = bare[:-1] if bare.endswith("s") else bare
        if bare in position_words or singular in position_words:
            return True
        if _proper(w, i):
            return True
        if bare in load_lexicon("institution_words"):
            return True
    return False


_CORE_END = re.compile(r",|\s(?:of|with|from|who|that|which|familiar|close|briefed|in|on|at|for|to|about)\s", re.I)


def _description_head(description: str) -> str | None:
    """The head noun of an unnamed phrase: its last word before a modifier ("two sources
    familiar with ..." -> "sources", "officials, who spoke ..." -> "officials")."""
    core = _CORE_END.split(description, maxsplit=1)[0].split()
    return core[-1].lower().strip(".,;:\"'\u2019\u201c\u201d") if core else None


def _head_in(head: str, nouns: frozenset[str]) -> bool:
    return head in nouns or (head.endswith("s") and head[:-1] in nouns) or \
        (head.endswith("ies") and head[:-3] + "y" in nouns)


def _describes_people(description: str) -> bool:
    """An unnamed phrase that can be a source: its head names people or a role ("two sources
    familiar with ...", "U.S. officials", "critics of the plan"), not a thing ("an overnight
    attack", "missile-related items") that a misparse put in the speaker's place."""
    head = _description_head(description)
    if head is None:
        return False
    return _head_in(head, _people_heads()) or head in ("people", "police", "staff")


@lru_cache(maxsize=None)
def _people_heads() -> frozenset[str]:
    return load_lexicon("anonymous_heads") | load_lexicon("people_nouns") | _role_words()


def _describes_unnamed(description: str) -> bool:
    """A phrase headed by a noun for an unnamed source ("a U.S. official"), where a role alone
    ("the President") is a named person the article leaves unresolved."""
    head = _description_head(description)
    return head is not None and _head_in(head, load_lexicon("anonymous_heads"))


def _is_definite(name: str) -> bool:
    return name.split()[0].lower() in _ANAPHORIC if name.split() else False


def _is_anaphor(description: str) -> bool:
    """"the individuals", "the sources": refers back to an unnamed source already introduced."""
    words = description.lower().split()
    if len(words) < 2 or words[0] not in _ANAPHORIC or any(w[:1].isdigit() for w in words):
        return False
    lowered = " ".join(words)
    return not any(phrase in lowered for phrase in load_lexicon("anonymous_basis")) and not any(
        w[:1].isupper() for w in description.split()[1:])


def side_of(*texts: str | None) -> str | None:
    """The side the first of ``texts`` that names one speaks for ("Iran's UN mission" -> "Iran").

    Within a text the earliest mention wins; short all-capital names ("US", "UN") must be
    written in capitals, so "us" the pronoun is no side.
    """
    for text in texts:
        if not text:
            continue
        best: tuple[int, int, str] | None = None
        for match in _side_pattern().finditer(text):
            phrase = match.group(0)
            if len(phrase.replace(".", "")) <= 3 and not phrase.isupper():
                continue
            side = _sides()[phrase.lower()]
            candidate = (match.start(), -len(phrase), side)
            if best is None or candidate < best:
                best = candidate
        if best:
            return best[2]
    return None


def mentions_of_sides(text: str) -> dict[str, int]:
    """How often each side is named in ``text`` (for "which sides are talked about but not heard")."""
    counts: dict[str, int] = {}
    for match in _side_pattern().finditer(text):
        phrase = match.group(0)
        if len(phrase.replace(".", "")) <= 3 and not phrase.isupper():
            continue
        side = _sides()[phrase.lower()]
        counts[side] = counts.get(side, 0) + 1
    return counts


def _clean(text: str) -> str:
    """Whitespace runs as one space; edge punctuation and list bullets ("• Iran denies") cut."""
    return _SPACE.sub(" ", text).strip(" ,;:\u2014-\u2022\u00b7*")


def _key(name: str) -> str:
    words = _clean(name).lower().split()
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words)


def _alias_key(name: str) -> str:
    key = _key(name)
    return _aliases().get(key, key).lower()


def _alias_name(name: str) -> str:
    key = _key(name)
    if key in _aliases():
        return _aliases()[key]
    return _sentence_case(_tidy_affiliation(_clean(name)) or _clean(name))


def _sentence_case(name: str) -> str:
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=None)
def _role_words() -> frozenset[str]:
    return (load_lexicon("titles") | load_lexicon("roles")) - _HONORIFICS


@lru_cache(maxsize=None)
def _outlets() -> tuple[str, ...]:
    return tuple(sorted({n.removeprefix("the ") for n in load_lexicon("news_outlets")}, key=lambda n: -len(n)))


@lru_cache(maxsize=None)
def _sides() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in load_table("sides")[1:]}


@lru_cache(maxsize=None)
def _aliases() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in load_table("source_aliases")[1:]}


@lru_cache(maxsize=None)
def _side_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<![\w.])(?:" + alternation(_sides()) + r")(?![\w])", re.I)
