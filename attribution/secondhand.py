"""Information an article passes on from another outlet, and credits to wire services.

    from attribution import secondhand
    secondhand.relay_in("Trump told CNN on Sunday that ...")        # -> "CNN"
    secondhand.wire_credit("The Associated Press contributed to this report.")  # -> "The Associated Press"

A quote "told CNN" was gathered by CNN, not by the article: the article passes on someone
else's reporting.  The phrases are data (``lexicons/relay_phrases.txt``,
``lexicons/wire_credits.txt``, ``lexicons/broadcast_shows.txt``); outlet names come from the
same lists the source typing and the outlet grouping use (``news_outlets.txt``,
``outlet_names.tsv``).  An outlet's name must be written with a capital ("told CNN", not
"told cnn"), so that common words among the names ("time", "the hill") only count as names.

Does not: decide which outlet published the article (see :mod:`attribution.outlets`; the
caller says, so that "told The Times" in a Times story is the Times' own interview), or read
beyond one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from importlib import resources

from .lexicons import alternation, load_lexicon, load_table

__all__ = ["relay_in", "excerpt_intro", "excerpt_end", "bracketed_credit", "wire_credit", "same_outlet", "is_outlet", "outlets_named", "fresh_setting", "evidence_phrases"]


def relay_in(sentence: str, own_outlet: str | None = None) -> str | None:
    """The outlet (or programme) whose reporting ``sentence`` passes on, or None.

    Returns the name as written ("CNN", "Meet the Press"), or "a broadcast interview" for a
    radio or television interview that names no outlet.  A match naming ``own_outlet`` is the
    article's own reporting and is skipped.
    """
    for pattern in _relay_patterns():
        for found in pattern.finditer(sentence):
            name = _named(found)
            if name == "" or (name and (same_outlet(name, own_outlet) or not _used_as_name(found, sentence))):
                continue
            return name or "a broadcast interview"
    return None


def excerpt_intro(sentence: str, own_outlet: str | None = None) -> str | None:
    """The outlet a line introducing a pasted excerpt names ("From Bloomberg:", "The Hill
    reports:"), or None: the whole sentence must be such a line (``lexicons/excerpt_intros.txt``).
    ``own_outlet`` is left out."""
    for pattern in _excerpt_patterns()[0]:
        found = pattern.search(sentence.strip())
        if found:
            name = _named(found)
            if name and _used_as_name(found, sentence.strip()) and not same_outlet(name, own_outlet):
                return name
    return None


def excerpt_end(sentence: str) -> bool:
    """Whether ``sentence`` closes a pasted excerpt ("Read the rest of the story here.")."""
    return any(p.search(sentence.strip()) for p in _excerpt_patterns()[1])


def bracketed_credit(text: str, own_outlet: str | None = None) -> str | None:
    """The outlet a bracketed credit in ``text`` names ("... strongest territory.” [WashPost]",
    "[538]"): digests of other outlets' stories close each excerpt with one, so the paragraph
    it ends passes on that outlet's reporting.  Only a listed outlet's name, alone in the
    brackets, counts (not "[Trump]" in a quotation); ``own_outlet`` is left out."""
    for found in _bracket_credit().finditer(text):
        name = found.group("outlet")
        if name[:1].isupper() or name[:1].isdigit():
            if not same_outlet(name, own_outlet):
                return name
    return None


@lru_cache(maxsize=1)
def _bracket_credit() -> re.Pattern[str]:
    names = set(_outlet_ranks()) | set(load_lexicon("news_outlets")) | set(load_lexicon("relay_outlets"))
    return re.compile(rf"\[\s*(?:via\s+)?(?P<outlet>(?:the\s+)?{alternation(sorted(names))})\s*\.?\s*\]", re.I)


def outlets_named(text: str, own_outlet: str | None = None) -> tuple[str, ...]:
    """The other outlets ``text`` names, as written ("Politico", "The New York Post"), in order.

    Only names from the outlet lists count (not the shape of a paper's name), each word written
    with a capital, and a name that is also a common word only where it reads as the outlet:
    "Vice" not in "Vice President", "Fox" not in "Vicente Fox", "The Nation" but not "the
    nation" (``lexicons/ambiguous_outlet_names.txt``).  ``own_outlet`` is left out."""
    out = []
    for found in _listed_outlet().finditer(text):
        name = found.group("outlet")
        words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("the", "of", "and", "for", "on")]
        if not words or not all(w[:1].isupper() for w in words):
            continue
        if not _used_as_name(found, text) or same_outlet(name, own_outlet):
            continue
        out.append(name)
    return tuple(dict.fromkeys(out))


def _used_as_name(found: re.Match[str], text: str) -> bool:
    """Whether an outlet's name that is also a common word or part of other names reads as the
    outlet here: not a title ("Vice President"), not the end of a longer name ("Vicente Fox",
    "Capitol Hill", "Gold Star"), and, for the names of ``ambiguous_outlet_names.txt``, written
    after "the" ("The Hill") or all in capitals ("TIME")."""
    try:
        name = found.group("outlet")
        start, end = found.span("outlet")
    except IndexError:
        return True
    if name is None:
        return True
    if re.match(r"[\s-]+(?-i:President|Presidential|Chair|Admiral)", text[end:end + 14]):
        return False
    before = text[max(0, start - 30):start]
    if " " not in name.strip() and re.search(r"(?-i:\b(?!(?:The|A|An|On|In|To|By|With|From|For|According|Told|Said|"
                                             r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
                                             r"February|March|April|May|June|July|August|September|October|November|"
                                             r"December|Meanwhile|And|But|Then|Later|Earlier)\b)[A-Z][a-z]+)\s+$", before):
        return False
    folded = name.casefold().removeprefix("the ").strip()
    if folded in load_lexicon("ambiguous_outlet_names"):
        return bool(re.search(r"\b[Tt]he\s+$", before) or name.casefold().startswith("the ") or name.isupper())
    return True


def wire_credit(text: str, own_outlet: str | None = None) -> str | None:
    """The wire service or outlet a credit line in ``text`` names, or None."""
    for pattern in _wire_patterns():
        for found in pattern.finditer(text):
            name = _named(found)
            if name and not same_outlet(name, own_outlet):
                return name
    return None


def same_outlet(name: str, other: str | None) -> bool:
    """Whether two spellings name one outlet ("NYT" and "The New York Times")."""
    if not other:
        return False
    a, b = _canonical(name), _canonical(other)
    if (a is not None and a == b) or _folded(name) == _folded(other):
        return True
    # "The Post", "The Times": a paper's short name for itself.
    short = name.strip().casefold().removeprefix("the ").strip()
    full = (b or other).casefold()
    return " " not in short and len(short) > 3 and full.endswith(" " + short)


def fresh_setting(sentence: str) -> bool:
    """Whether ``sentence`` places its speaker somewhere the article reached itself ("in a
    statement", "at a rally", "told reporters"), ending a run of quotes passed on from an outlet."""
    return bool(_FRESH_SETTING.search(sentence))


_FRESH_SETTING = re.compile(
    r"\b(?:in\s+a\s+(?:written\s+)?statement|at\s+an?\s+(?:\w+\s+)?(?:rally|news\s+conference|press\s+conference|"
    r"briefing|hearing|speech|event|meeting|town\s+hall|forum|debate)|told\s+reporters|in\s+a\s+speech|"
    r"on\s+twitter|tweeted|in\s+a\s+tweet|wrote\s+on\s+(?:facebook|twitter)|in\s+an\s+email|"
    r"in\s+an\s+interview(?!\s+(?:\w+\s+){0,2}?with\s+(?-i:[A-Z])))", re.I)


def is_outlet(name: str) -> bool:
    """Whether ``name`` is a known outlet or news site ("PolitiFact", "The Daily Beast")."""
    return bool(name[:1].isupper()) and _canonical(name) is not None


def evidence_phrases(text: str) -> tuple[str, ...]:
    """The distinct primary-evidence phrases of ``text`` ("court records", "data show"), lower-cased."""
    return tuple(dict.fromkeys(m.group(0).lower() for m in _evidence_pattern().finditer(text)))


def _named(found: re.Match[str]) -> str | None:
    """The outlet or programme a match names; "" when the name is not written as a name
    ("told the hill"), None when the phrase names none ("on his radio show")."""
    for group in ("outlet", "show"):
        try:
            name = found.group(group)
        except IndexError:
            continue
        if name is None:
            continue
        # "the Wall Street Journal": the name is what follows a lower-case "the".
        name = re.sub(r"^the\s+", "", name)
        if not name[:1].isupper() or (len(name.replace(".", "")) <= 3 and not name.isupper()):
            return ""
        return name
    return None


def _folded(name: str) -> str:
    return name.strip().casefold().removeprefix("the ").strip()


def _canonical(name: str) -> str | None:
    folded = name.strip().casefold().removeprefix("the ").strip()
    return _outlet_ranks().get(folded)


@lru_cache(maxsize=1)
def _outlet_ranks() -> dict[str, str]:
    """Every spelling of a known outlet (folded, leading "the" dropped) -> the outlet's name."""
    ranks: dict[str, str] = {}
    for row in load_table("outlet_names")[1:]:
        name = row[0]
        spellings = {name, *(s.strip() for s in (row[1] if len(row) > 1 else "").split("|") if s.strip())}
        for spelling in spellings:
            ranks.setdefault(spelling.casefold().removeprefix("the ").strip(), name)
    for spelling in load_lexicon("news_outlets") | load_lexicon("relay_outlets"):
        ranks.setdefault(spelling.removeprefix("the ").strip(), spelling.removeprefix("the ").strip())
    return ranks


# A paper or station not in the lists, by the shape of its name: capitalised words ending in
# a word that names a news organisation ("the Texas Tribune", "The Des Moines Register").
_NEWS_NAME = (r"(?-i:(?:[A-Z][\w.'’&-]+\s+){1,3}(?:Tribune|Times|Post|News|Journal|Herald|Gazette|Chronicle|"
              r"Register|Examiner|Star|Sun|Observer|Inquirer|Dispatch|Bee|Globe|Courier|Reporter|Magazine|"
              r"Radio|Review|Daily|Weekly|Press|Telegraph|Standard|Mirror|Express|Monitor|Beacon|Caller|Wire|"
              r"Informer|Sentinel|Times-\w+|Courant|Enquirer|Bulletin|Ledger))")


@lru_cache(maxsize=1)
def _listed_outlet() -> re.Pattern[str]:
    """Any listed outlet's name as a whole word (no guesses from the shape of a name)."""
    names = set(_outlet_ranks()) | set(load_lexicon("news_outlets")) | set(load_lexicon("relay_outlets"))
    return re.compile(rf"(?<![\w-])(?P<outlet>(?:the\s+)?{alternation(sorted(names))})(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _outlet_names() -> str:
    names = set(_outlet_ranks()) | set(load_lexicon("news_outlets")) | set(load_lexicon("relay_outlets"))
    return f"(?:{alternation(sorted(names))}|{_NEWS_NAME})"


def _compile(templates: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    outlet = _outlet_names()
    show = alternation(sorted(load_lexicon("broadcast_shows")))
    out = []
    for template in templates:
        first, rest = (template.split("{outlet}", 1) + [""])[:2] if "{outlet}" in template else (template, None)
        if rest is not None:
            template = first + rf"(?P<outlet>{outlet})(?![\w-])" + rest.replace("{outlet}", rf"(?:{outlet})(?![\w-])")
        template = template.replace("{show}", rf"(?P<show>{show})(?![\w-])")
        out.append(re.compile(template, re.I))
    return tuple(out)


def _templates(filename: str) -> list[str]:
    """The regular expressions of a phrase file, as written (lexicon files lower-case their entries)."""
    raw = (resources.files("attribution") / "lexicons" / filename).read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _relay_patterns() -> tuple[re.Pattern[str], ...]:
    return _compile(_templates("relay_phrases.txt"))


@lru_cache(maxsize=1)
def _excerpt_patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """(the intro lines, naming an outlet; the closing lines, naming none)."""
    templates = _templates("excerpt_intros.txt")
    return (_compile([t for t in templates if "{outlet}" in t]),
            _compile([t for t in templates if "{outlet}" not in t]))


@lru_cache(maxsize=1)
def _wire_patterns() -> tuple[re.Pattern[str], ...]:
    return _compile(_templates("wire_credits.txt"))


@lru_cache(maxsize=1)
def _evidence_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(sorted(load_lexicon('primary_evidence')))}\b", re.I)
