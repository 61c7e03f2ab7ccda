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

from . import source_types
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

    Each attribution's source is typed by the guide (:mod:`attribution.source_types`), then
    mentions of one source are merged: a short name, a title or a pronoun into the full name
    ("Mr. Kirby", "he" -> "John Kirby"), a description into the named person it describes
    ("the spokesman" -> "spokesman John Kirby"), "the individuals" into the unnamed source
    they refer back to, "the Post" into "The New York Post".

    Args:
        attributions: an article's attributions (from :func:`attribution.extract.attributions`).
        document: the parse they index; its text is where outlet names are read.

    Returns:
        Profiles with ids "s1", "s2", ...; every attribution belongs to exactly one.
    """
    text = document.text
    typer = source_types.Typer(document)
    typed = _types(attributions, typer)
    persons = _person_names(attributions, typed, typer)
    builders: list[_Builder] = []
    by_key: dict[tuple[str, str], _Builder] = {}
    by_attribution: dict[str, _Builder] = {}
    for a, t in typed:
        builder = by_attribution.get(a.continues or "") if a.kind == "floating" else None
        if builder is not None and a.source is not None and t.label not in (builder.label, "unresolved"):
            builder = None  # a floating quote whose own speaker reads as someone else
        if builder is None and t.basis.startswith("pronoun -> a"):
            builder = by_attribution.get(t.basis.removeprefix("pronoun -> "))
        if builder is None:
            kind, key, name = _identity(a, t, text, persons, builders)
            if kind == "anonymous" and _is_anaphor(name):
                builder = next((b for b in reversed(builders) if b.type == "anonymous"
                                and b.label == t.label and _same_head(b, t)), None)
            if builder is None and kind == "person" and key.startswith("@"):
                builder = next((b for b in builders if b.type == "person" and b.name.lower() == key[1:]), None)
                key = key[1:]
            if builder is None:
                builder = by_key.get((kind, key))
            if builder is None and kind in ("organisation", "outlet") and _is_definite(a.source.text if a.source else ""):
                # "the air force" after "the Ukrainian Air Force": the same body, named again.
                builder = next((b for (k, other), b in reversed(by_key.items())
                                if k == kind and other.endswith(" " + key)), None)
            if builder is None:
                builder = _Builder(kind, name, t.label)
                builders.append(builder)
                by_key[(kind, key)] = builder
        builder.add(a, t)
        by_attribution[a.id] = builder
    return tuple(b.build(f"s{i}") for i, b in enumerate(builders, 1))


def _types(attributions: Sequence[Attribution], typer: source_types.Typer
           ) -> list[tuple[Attribution, source_types.SourceType]]:
    """Each attribution with its source's type; a floating quote keeps its speaker's."""
    typed: list[tuple[Attribution, source_types.SourceType]] = []
    by_id: dict[str, source_types.SourceType] = {}
    for a in attributions:
        if a.kind == "floating" and a.continues in by_id and a.source is None:
            t = by_id[a.continues or ""]
        else:
            t = typer.type(a, typed)
        by_id[a.id] = t
        typed.append((a, t))
    return _delayed_identification(typed)


def _delayed_identification(typed: list[tuple[Attribution, source_types.SourceType]]
                            ) -> list[tuple[Attribution, source_types.SourceType]]:
    """A lede's "A former party chairman says ..." names its speaker in the next sentence or
    two ("..., said Don Fowler, who helmed the party"): the description is that named person
    (SOURCE-TYPES.md rule 1, reading forward), not an anonymous source.  Only in the article's
    first sentences, only for an indefinite singular description whose head is no anonymous
    source's noun ("official", "aide", "source" stay anonymous), and only when the next
    attribution's speaker is a full name not met before."""
    out = list(typed)
    for i, (a, t) in enumerate(typed):
        if t.label != "unnamed_individual" or a.sentence > 2 or a.source is None or t.definite:
            continue
        words = a.source.text.lower().split()
        if len(words) < 2 or words[0] not in ("a", "an") or t.head in source_types.ANONYMOUS_CORE:
            continue
        later = [(b, u) for b, u in typed[i + 1:] if 0 < b.sentence - a.sentence <= 2]
        if not later:
            continue
        b, u = later[0]
        name = _clean(b.canonical_source or "")
        if u.label != "named_person" or b.source_type != "named" or len(name.split()) < 2 or \
                any(c.source and name.split()[-1] in c.source.text for c, _ in typed[:i]):
            continue
        out[i] = (a, source_types.SourceType("named_person", None, "described: " + name, t.head, t.entity,
                                             t.definite, name))
    return out


@dataclass
class _Builder:
    type: str
    name: str
    label: str
    members: list[Attribution] = field(default_factory=list)
    types: list[source_types.SourceType] = field(default_factory=list)

    def add(self, a: Attribution, t: source_types.SourceType) -> None:
        self.members.append(a)
        self.types.append(t)

    def build(self, ident: str) -> SourceProfile:
        mentions = tuple(dict.fromkeys(_clean(a.source.text) for a in self.members if a.source))
        role, affiliation = self._role_affiliation(mentions)
        anonymous = self.label == "unnamed_individual"
        # Unnamed groups show as "Anonymous or unnamed" too, with their count and description.
        unnamed = self.type == "anonymous"
        count = next((a.speaker_count for a in self.members if a.speaker_count), None)
        reason = next((_clean(a.anonymity_reason.text) for a in self.members if a.anonymity_reason), None)
        specificity = _specificity(self.name, mentions) if unnamed else None
        side = None if self.type in ("outlet", "unresolved") else side_of(self.name, affiliation, *mentions)
        denials = tuple(a.id for a in self.members if a.cue_lemma.lower() in load_lexicon("denial_cues"))
        informant = any(t.informant for t in self.types) if anonymous else (
            False if self.label == "unnamed_group" else None)
        return SourceProfile(
            id=ident, name=self.name, type=self.type, attributions=tuple(a.id for a in self.members),
            mentions=mentions, role=role, affiliation=affiliation, side=side,
            count=count if unnamed else None, specificity=specificity,
            anonymity_reason=reason if unnamed else None,
            direct_quotes=sum(a.kind in QUOTE_KINDS for a in self.members), denials=denials,
            label=self.label, informant=informant)

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


# Document nouns that name one thing in turn ("the ad", "the clip", "the 30-second spot").
_DOCUMENT_FAMILIES = {"ad": "ad", "clip": "ad", "spot": "ad", "video": "ad", "commercial": "ad", "narrator": "ad",
                      "advertisement": "ad", "poll": "poll", "survey": "poll", "report": "report", "study": "report",
                      "statement": "statement", "release": "statement", "slide": "slide", "presentation": "slide"}

# Profile type (the report's display category) of each guide label.
_PROFILE_TYPE = {"named_person": "person", "named_organization": "organisation", "unnamed_individual": "anonymous",
                 "unnamed_group": "anonymous", "document": "document", "unresolved": "unresolved"}


def _same_head(b: _Builder, t: source_types.SourceType) -> bool:
    """An anaphor ("the sources", "the official") refers back to a source with its head noun,
    or to any unnamed source when its head is as general as "individuals" or "people"."""
    if t.head in ("individual", "people", "person", "source", "official") or not t.head:
        return True
    return any(x.head == t.head for x in b.types)


def _identity(a: Attribution, t: source_types.SourceType, text: str, persons: dict[str, str],
              builders: list[_Builder]) -> tuple[str, str, str]:
    """(profile type, merge key, display name) of one attribution's source.

    A key starting with "@" asks for the person profile of that name if there is one."""
    label = t.label
    if label == "unresolved" or a.source is None:
        return _unresolved(a)
    written = _clean(a.source.text)
    if label == "named_organization":
        outlet = _outlet(a, text)
        if outlet:
            return "outlet", _key(outlet), outlet
        name = _org_name(a, t, written)
        if not t.name and t.definite and not any(w[:1].isupper() for w in written.split()[1:]):
            # "the bank" after "Wells Fargo": the body the article last named, preferring one
            # whose name holds the noun ("the department" -> "the State Department").
            named = [b for b in builders if b.type == "organisation" and b.name[:1].isupper()]
            holding = [b for b in named if t.head and t.head in b.name.lower()]
            plain = [b for b in named[-1:] if not any(w in load_lexicon("institution_words") for w in b.name.lower().split())]
            if holding or plain:
                target = (holding or plain)[-1]
                return "organisation", _alias_key(target.name), target.name
        return "organisation", _alias_key(name), _alias_name(name)
    if label == "document":
        if t.basis.startswith("a document noun right after"):
            following = re.match(r"\s+[A-Za-z]+", text[a.source.end:a.source.end + 40])
            written = _clean(text[a.source.start:a.source.end + (following.end() if following else 0)])
        if t.definite or written.lower().split()[0] in ("another", "one", "the", "this", "that"):
            # "the clip" after "the ad", "another slide" after "a slide": the same document.
            family = _DOCUMENT_FAMILIES.get(t.head, t.head)
            earlier = next((b for b in reversed(builders) if b.type == "document"
                            and any(_DOCUMENT_FAMILIES.get(x.head, x.head) == family for x in b.types)), None)
            if earlier is not None:
                return "document", _key(earlier.name), earlier.name
        return "document", _key(written), _sentence_case(written)
    if label == "unnamed_group" and t.head:
        # "experts", "some experts", "labor-policy experts": one group, by its head noun.
        return "anonymous", "group:" + t.head, written
    if label == "named_person" and t.basis.startswith("described: "):
        full_name = _person_name(a, t.basis.removeprefix("described: "), persons)
        return "person", "@" + full_name.lower(), full_name
    if label == "named_person":
        name = _person_name(a, written, persons)
        if name:
            return "person", name.lower(), name
        # A description of a named person ("the spokesman"): the person whose mentions hold it.
        described = _described_person(t, builders, persons, written)
        if described:
            return "person", "@" + described.lower(), described
        return "person", _key(written), written
    if label == "unnamed_individual" and t.definite:
        described = _described_person(t, builders, persons, written)
        if described:
            return "person", "@" + described.lower(), described
    return "anonymous", _key(written), written


def _org_name(a: Attribution, t: source_types.SourceType, written: str) -> str:
    """The organisation's name: the tagger's named mention at the phrase's head ("White
    House" in "Last May, the White House"), else extraction's canonical name when it is inside
    the span, else the span."""
    if t.name:
        lead = "the " if re.search(rf"(?i)\bthe\s+{re.escape(t.name)}", written) else ""
        return lead + t.name
    canonical = _clean(a.canonical_source or "")
    if canonical and canonical.lower() in written.lower():
        return canonical
    return written


def _person_name(a: Attribution, written: str, persons: dict[str, str]) -> str:
    """The full name of a named person's mention: "Mr. Kirby" -> "John Kirby"."""
    lead = _strip_titles(re.split(r"\s+(?:and|&)\s+|\s+\(|,", written)[0])
    candidates = [written, a.canonical_source or ""] if len(lead.split()) >= 2 else [a.canonical_source or "", written]
    for c in candidates:
        # A list's first member; "(R-Utah)" cut (a parenthesis after a space: one inside a word is part of it).
        c = re.split(r"\s+(?:and|&)\s+|\s+\(|,", c)[0]
        name = _after_titles(_strip_titles(_clean(c))).strip()
        if not name or not name[:1].isupper():
            continue
        words = name.split()
        if len(words) == 1 or words[0].lower() in _HONORIFICS:
            return persons.get(_surname(name), name)
        full = persons.get(_surname(name))
        if full and (full.endswith(name) or name.endswith(" " + full)):
            return full
        return name
    return ""


def _described_person(t: source_types.SourceType, builders: list[_Builder], persons: dict[str, str],
                      written: str) -> str | None:
    """The named person a description refers to: the latest person profile that has the
    description's head as its title ("the spokesman" after "spokesman John Kirby")."""
    head = t.head
    if not head:
        return None
    for b in reversed(builders):
        if b.type != "person" or b.label != "named_person" or len(b.name.split()) < 2:
            continue
        for m in b.members:
            if m.source and re.search(rf"(?i)\b{re.escape(head)}\b", m.source.text) and \
                    m.source.text.lower().strip() != written.lower().strip():
                return b.name
    return None


def _unresolved(a: Attribution) -> tuple[str, str, str]:
    if a.source is None:
        return "unresolved", "", "No source named"
    written = _clean(a.source.text)
    return "unresolved", written.lower(), written


def _person_names(attributions: Iterable[Attribution], typed: list[tuple[Attribution, source_types.SourceType]],
                  typer: source_types.Typer) -> dict[str, str]:
    """Surname -> the fullest name of a named person with that surname in the article: from the
    named-person sources, and from every person the entity tagger names in the sentences
    with a source (so "Mr. Kirby" finds "John Kirby" named only in passing)."""
    out: dict[str, str] = {}

    def offer(name: str) -> None:
        name = _after_titles(_strip_titles(_clean(re.split(r"\s+(?:and|&)\s+|\s*\(", name)[0])).split(",")[0].strip())
        if name and not _organisation_like(name) and name[:1].isupper():
            last = _surname(name)
            if len(name.split()) > len(out.get(last, "").split()):
                out[last] = name

    for a, t in typed:
        if t.label == "named_person" and a.canonical_source and a.source_type == "named":
            offer(a.canonical_source)
    for sentence in typer.document.sentences:
        for m in typer.mentions(sentence):
            if m.type == "person" and len(m.text.split()) >= 2:
                offer(_POSSESSIVE.sub("", m.text))
    return out


def _surname(name: str) -> str:
    """The key a short name is matched on: the last word, lower case, without "Jr." or "III"
    and with one kind of apostrophe ("O\u2019Neill" = "O'Neill")."""
    words = [w for w in name.replace("\u2019", "'").split() if w.lower().strip(".,") not in ("jr", "sr", "ii", "iii", "iv")]
    return words[-1].lower().strip(".,") if words else ""


def _after_titles(name: str) -> str:
    """The name after its last title, role or organisation word: "CIA Director William Burns"
    -> "William Burns"."""
    words = name.split()
    cut = 0
    for i, w in enumerate(words[:-1]):
        bare = w.lower().strip(".,")
        if bare in _role_words() or bare in _HONORIFICS or bare in load_lexicon("institution_words"):
            cut = i + 1
    return " ".join(words[cut:])


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
