"""Site clutter in pasted article text: menus, link lists, rating prompts, photo captions.

Text copied from a news page carries the page around the article: navigation ("Menu",
"Home > News"), "Related"/"Ranking"/"Recommended" headline lists, "Previous Article" links,
star-rating and share prompts, bylines and timestamps, and photo captions ending in a credit
such as "(AP Photo/Jane Doe)" or "(Getty Images)".  :func:`find` marks those lines so that they
are neither parsed nor mined for attributions; it never edits the text, so every offset into
the rest of the article stays exact.

Site summaries are clutter too: a "Quick Read" or "Key points" box of bullets, or a summary
paragraph set above the story, says again what the body says, and analysing both would count
every attribution in them twice.  The rule is general, not a list of box names: a line is a
repetition when most of its content words come back in one single later line of the text
(:func:`repeats`); a run of bullets most of which repeat the body is a summary list, and the
short heading above it goes with it.

The rules are generic line shapes (the phrases live in ``lexicons/clutter_*.txt``), not the
strings of particular sites.  Known limits: a caption without a credit or a "FILE" tag reads as
an ordinary paragraph; an inline "Read more" link inside a paragraph is not cut out.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable, Iterator

from .lexicons import load_lexicon
from .parse import paragraph_spans
from .results import Clutter

# A photo credit closing a line: "(AP Photo/Evan Vucci)", "(Drew Angerer/Getty Images)",
# "(Reuters)", "(Photo by X/AFP via Getty Images)", "Photo: X/Reuters".
_CREDIT = re.compile(
    r"""(\(\s*(?:[^()]{0,80}/)?\s*(?:AP|AFP|Getty\s+Images|Reuters|EPA|Bloomberg|Shutterstock|
         Xinhua|UPI|Pool|File|[^()]{0,60}\bPhoto(?:s|graph)?\b[^()]{0,60})\s*(?:,\s*File)?\s*\)
         |\b(?:Photo|Image|Credit)\s*(?:credit)?\s*:\s*[^.]{0,80})\s*\.?\s*$""",
    re.X | re.I)
_FILE_CAPTION = re.compile(r"^\s*(?:FILE|IN\s+THIS\s+PHOTO|PHOTO)\s*[\u2013\u2014:-]", re.I)
_BREADCRUMB = re.compile(r"^(?:[\w&:'. -]{1,30}\s*[>\u00bb\u203a]\s*)+\S")
# A line that is only a date or a time, perhaps labelled ("Date:2025-04-07 06:19:27").
_TIMESTAMP = re.compile(
    r"^\s*(?:(?:Date|Published|Updated|Posted|Last\s+updated)\s*:?\s*)?"
    r"(?:\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?|\d\d?:\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\.?|"
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+\w+\.?\s+\d\d?,?\s+\d{4}.{0,25})\s*$", re.I)
_DATE_PREFIX = re.compile(r"^\s*(?:Date|Published|Updated|Posted|Last\s+updated)\s*:", re.I)
# "veryGood! (76)", "Average rating 4.5 / 5. Vote count: 12": short lines only.
_RATING = re.compile(r"^\s*\w+!?\s*\(\d+\)\s*$|\b\d+(?:\.\d+)?\s*/\s*5\b|\bvote count\s*:", re.I)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*(?:,|and)\s*.*)?$")
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this )?(?:report|reporting|story)\b", re.I)
# Several capitalised words run together with no space ("NewsPoliticsTop Story"): a menu.
_RUN_TOGETHER = re.compile(r"^(?:[A-Z][a-z]+){3,}")
_SENTENCE = re.compile(r"[.!?][\"\u201d')\]]*\s*$")

# A wire dateline opening the first paragraph: "WASHINGTON (AP) — ", "Dec 29 (Reuters) - ",
# "NEW YORK, Nov. 19 (UPI) — ", "(CNN) — ", "WASHINGTON — ".  Cut off before parsing, or the
# parser reads the place as the subject of the first sentence and the dash as a speech cue.
_WIRE = r"AP|Reuters|AFP|UPI|CNN|Bloomberg|Xinhua|TASS|dpa|ANSA|PA|EFE|Kyodo|Yonhap|Interfax|CNS|RNS|JTA"
_DATELINE = re.compile(
    rf"""^(?:[A-Z][\w.'’-]*(?:[ ,]+[\w.'’-]+){{0,5}}\s*)?\(\s*(?:{_WIRE})\s*\)\s*(?:--|[—–-])\s*
        |^[A-Z]{{3,}}[A-Z.'’-]*(?:[ ,]+[A-Z][A-Z.'’-]+){{0,4}}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+){{0,2}})?
         (?:,\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?\s*(?:--|[—–])\s*(?=[A-Z"“‘'])""", re.X)

# A headline list item is shorter than this; a list ends at the first longer line.
_MAX_ITEM = 200

# A repetition of later text: a bullet of at least this many content words, of which at least
# this share come back in one later line; a run of two or more bullets goes as a whole when at
# least half of them repeat.  (A single sentence repeated is not enough: a headline ending in a
# full stop, or a live blog's recurring line, says again what the body says and is kept.)
_MIN_REPEAT_WORDS = 6
_BULLET_REPEAT_SHARE = 0.6
# A summary paragraph retells the story in a few sentences, each taken from a different part of
# the body: at least three sentences, three in four of them repeating (at this share) one
# later line, and not all the same line (a lede restated once stays body text).
_SUMMARY_SENTENCES = 3
_SUMMARY_SENTENCE_SHARE = 0.6
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"\u201d\u2019')]*\s+(?=[\"\u201c\u2018'(]?[A-Z])")
_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2219*\u2013\u2014-]|\d{1,2}[.)])\s+\S")
_SUMMARY_HEADING_CHARS = 40
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# Words too common to show that two lines say the same thing.
_STOPWORDS = frozenset("""a an the and or but if of to in on at by for with from as into about over after
before than that this these those it its is are was were be been being has have had do does did will would
can could may might must shall should not no so such their there they them he she his her we our you your i
who whom which what when where why how also more most very just said says say""".split())


def _normal(line: str) -> str:
    return re.sub(r"[^\w ]+", "", line).strip().lower()


def _is_list_heading(line: str) -> bool:
    return _normal(line) in load_lexicon("clutter_list_headings")


def _line_reason(line: str) -> str | None:
    """Why a single line is clutter on its own, or None."""
    norm = _normal(line)
    if not norm:
        return "symbols"
    if norm in load_lexicon("clutter_lines"):
        return "navigation"
    if len(line) < 160 and any(norm == prefix or norm.startswith(prefix + " ")
                               for prefix in load_lexicon("clutter_prefixes")):
        return "prompt"
    if _CREDIT.search(line) or _FILE_CAPTION.match(line):
        return "photo caption"
    if _BREADCRUMB.search(line):
        return "breadcrumb"
    if _TIMESTAMP.match(line) or _DATE_PREFIX.match(line):
        return "timestamp"
    if _RATING.search(line) and len(line) < 80:
        return "rating"
    if _BYLINE.match(line) or (_CONTRIBUTED.search(line) and len(line) < 200):
        return "byline"
    if _RUN_TOGETHER.match(line.strip()) and len(line.split()) <= 4:
        return "navigation"
    return None


def _content_words(line: str) -> set[str]:
    """Lower-cased words of a line, common words left out and a plural -s cut, so "missiles"
    and "missile" count as one."""
    words = set()
    for word in _WORD.findall(line.lower().replace("\u2019", "'")):
        word = word.removesuffix("'s")
        if word in _STOPWORDS or len(word) < 2:
            continue
        words.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return words


def repeats(line: str, later: Iterable[str]) -> float:
    """The largest share of ``line``'s content words that one of the ``later`` lines holds
    (0 for a line of fewer than six content words)."""
    return _best(line, list(later))[0]


def _best(line: str, later: list[str]) -> tuple[float, int]:
    """(share, index) of the later line holding most of ``line``'s content words."""
    words = _content_words(line)
    if len(words) < _MIN_REPEAT_WORDS or not later:
        return 0.0, -1
    shares = [len(words & _content_words(other)) / len(words) for other in later]
    best = max(range(len(shares)), key=shares.__getitem__)
    return shares[best], best


def is_summary_paragraph(line: str, later: list[str]) -> bool:
    """A paragraph of several sentences that each come back, in different later lines."""
    return _retells(line, lambda x: _best(x, later))


def _retells(line: str, best: Callable[[str], tuple[float, int]]) -> bool:
    sentences = [x for x in _SENTENCE_SPLIT.split(line) if x.strip()]
    if len(sentences) < _SUMMARY_SENTENCES:
        return False
    found = [best(x) for x in sentences]
    hits = [index for share, index in found if share >= _SUMMARY_SENTENCE_SHARE]
    return 4 * len(hits) >= 3 * len(sentences) and len(set(hits)) > 1


class _LaterLines:
    """The lines a line may repeat, indexed by content word, so that finding the later line
    holding most of a line's words looks only at lines sharing its rarest words.

    :func:`_best` over every later line grew with the square of the number of lines (27 s at
    100,000 words, most of a 2 MB article's budget).  Here, for a share of at least ``t`` a
    later line must hold at least ``k`` of the line's ``n`` words, so it holds one of its
    ``n - k + 1`` rarest words (prefix filtering, as in set-similarity joins); those lines are
    read in order, and the first that holds every word ends the search.  The answer is
    :func:`_best`'s whenever its share reaches ``t``; below ``t`` only "below" is told.
    """

    def __init__(self, texts: list[str], eligible: list[int]) -> None:
        self._words: dict[int, set[str]] = {j: _content_words(texts[j]) for j in eligible}
        self._lines: dict[str, list[int]] = {}
        for j in eligible:  # ascending, so each word's list is sorted
            for word in self._words[j]:
                self._lines.setdefault(word, []).append(j)

    def best(self, line: str, after: int, share: float) -> tuple[float, int]:
        """(share, line number) of the line after ``after`` holding most of ``line``'s content
        words (the first such line), when that share is at least ``share``; else (0.0, -1)."""
        words = _content_words(line)
        n = len(words)
        if n < _MIN_REPEAT_WORDS:
            return 0.0, -1
        k = next(m for m in range(n + 1) if m / n >= share or m == n)
        rarest = sorted(words, key=lambda w: (len(self._lines.get(w, ())), w))[:n - k + 1]
        best_share, best_line = 0.0, -1
        for j in _merged(self._after(w, after) for w in rarest):
            held = len(words & self._words[j]) / n
            if held > best_share:
                best_share, best_line = held, j
                if held >= 1.0:
                    break
        return (best_share, best_line) if best_share >= share else (0.0, -1)

    def _after(self, word: str, after: int) -> Iterator[int]:
        lines = self._lines.get(word, [])
        return (lines[i] for i in range(bisect.bisect_right(lines, after), len(lines)))


def _merged(streams: Iterable[Iterator[int]]) -> Iterator[int]:
    """Ascending line numbers from several ascending streams, each once."""
    last = -1
    for j in heapq.merge(*streams):
        if j != last:
            last = j
            yield j


def _summaries(text: str, lines: list[tuple[int, int]], taken: set[int]) -> dict[int, str]:
    """Line number -> reason, for the lines that repeat later text: summary paragraphs,
    summary bullets, and the heading of a summary list."""
    texts = [text[start:end] for start, end in lines]
    found: dict[int, str] = {}
    bullets = [i for i, line in enumerate(texts) if _BULLET.match(line)]
    bullet_set = set(bullets)
    later = _LaterLines(texts, [j for j in range(len(texts)) if j not in taken and j not in bullet_set])
    for i, line in enumerate(texts):
        if i in taken:
            continue
        if i in bullet_set:
            if later.best(line, i, _BULLET_REPEAT_SHARE)[0] >= _BULLET_REPEAT_SHARE:
                found[i] = "summary"
        elif _SENTENCE.search(line) and _retells(line, lambda x: later.best(x, i, _SUMMARY_SENTENCE_SHARE)):
            found[i] = "summary"
    # Runs of consecutive bullets: a run most of which repeats the body is a summary list.
    runs: list[list[int]] = []
    for i in bullets:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if len(run) >= 2 and 2 * sum(i in found for i in run) >= len(run):
            for i in run:
                found[i] = "summary"
            head = run[0] - 1
            if head >= 0 and head not in taken and len(texts[head]) <= _SUMMARY_HEADING_CHARS \
                    and not _SENTENCE.search(texts[head]):
                found[head] = "summary heading"
        else:
            for i in run:
                found.pop(i, None)
    return found


def find(text: str, paragraphs: Iterable[tuple[int, int]] | None = None) -> tuple[Clutter, ...]:
    """The clutter regions of ``text``, one per line (or run of list lines), in text order.

    Args:
        text: the article text as read.
        paragraphs: the line spans to judge (default: every non-blank line, trimmed).

    Returns:
        :class:`~attribution.results.Clutter` regions; ``text[c.start:c.end] == c.text``.
    """
    lines = list(paragraphs) if paragraphs is not None else paragraph_spans(text)
    out: list[Clutter] = []
    in_list: str | None = None
    reasons = [_line_reason(text[start:end]) for start, end in lines]
    summaries = _summaries(text, lines, {i for i, r in enumerate(reasons) if r is not None})
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        reason = reasons[number] or summaries.get(number)
        if reason is None and _is_list_heading(line):
            in_list = _normal(line)
            reason = "list heading"
        elif reason is None and in_list is not None:
            if len(line) <= _MAX_ITEM:
                reason = f"{in_list} list"
            else:
                in_list = None
        elif reason is None:
            in_list = None
        if reason is None and number > 0 and _normal(text[slice(*lines[number - 1])]) in \
                load_lexicon("clutter_link_labels") and len(line) <= _MAX_ITEM and not _SENTENCE.search(line):
            reason = "link"
        if reason is not None:
            out.append(Clutter(start, end, line, reason))
        elif (dateline := _DATELINE.match(line)) and dateline.end() < len(line):
            out.append(Clutter(start, start + dateline.end(), dateline.group(), "dateline"))
    return tuple(out)


def keep(text: str, clutter: Iterable[Clutter], paragraphs: Iterable[tuple[int, int]] | None = None
         ) -> tuple[tuple[int, int], ...]:
    """The paragraph spans that are not clutter: what to parse.

    A line that only starts with clutter (a dateline) keeps the rest of it.
    """
    found = list(clutter)
    dropped = {(c.start, c.end) for c in found}
    openings = {c.start: c.end for c in found}
    lines = list(paragraphs) if paragraphs is not None else paragraph_spans(text)
    kept = []
    for start, end in lines:
        if (start, end) in dropped:
            continue
        if start in openings and openings[start] < end:
            start = openings[start]
        kept.append((start, end))
    return tuple(kept)
