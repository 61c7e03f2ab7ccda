"""Dependency parsing: the only module that imports stanza.

Each non-blank line of an article is parsed as its own paragraph (scraped news puts one
paragraph per line, and a headline without a full stop must not run into the next line), and
every word keeps its character offsets into the original text.

Long inputs cost time and memory in proportion to their length, not more:

* the text goes to stanza in pieces of at most PIECE_CHARS characters (whole lines, and a
  longer line cut after a sentence end), each parsed and turned into our own Sentences before
  the next, so stanza's objects for only one piece are alive at a time;
* a sentence of more than MAX_SENTENCE_WORDS words (a run-on page without full stops, pages of
  nested quotes) is cut into parts of at most that many words, after a comma or the like where
  there is one, before tagging and parsing: the parser's time and memory grow with the square
  of a sentence's length (every word scores every other as its head), so one 20,000-word
  "sentence" would need gigabytes.  Real news sentences stay far below the cap.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from . import tree_decoding
from .models import BUNDLED, PROCESSORS, ModelSet, resolve
from .results import ParsedDocument, Sentence, Word
from .sentence_breaks import join_broken_sentences

_LINE = re.compile(r"[^\n]+")
# Words per parser batch.  stanza's default, 5,000, pads every sentence of a batch to the
# longest one's square: on a 2,800-word article whose longest sentence has 117 words the parser
# peaked at 2.4 GB and took 29 s; with 300-word batches, 0.7 GB and 9 s.  Over a dozen
# ordinary articles 250-400 ran fastest (about 1.5x the default); 50 was slower again.
DEPPARSE_BATCH_WORDS = 300
# Characters handed to stanza at once.  A news article (2-50 KB) is one piece, so ordinary
# articles parse exactly as before; a 2 MB file is 20 pieces.
PIECE_CHARS = 100_000
# Characters without a space in one piece at most.  stanza's tokenizer matches e-mail and URL
# patterns over each piece, in time that grows with the square of the longest run of
# non-space characters: a 20,000-character run took 26 s, so a pasted base64 image or 2 MB
# of one "word" would take hours.  A longer run (never a real word or address) is cut into
# pieces of this size.
MAX_RUN_CHARS = 1_000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
# Words in one parsed sentence at most.  The longest sentence in 43 PolNeAR articles had 117
# words; a cap of 200 touches none of them.
MAX_SENTENCE_WORDS = 200
# Where a cut sentence may end, in order of preference: after these tokens.
_CUT_AFTER = frozenset({";", ",", ":", "\u2014", "\u2013", "-", "--", ")", '"', "\u201d"})


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that holds something besides whitespace, trimmed.

    A leading byte-order mark counts as blank: it stays in the text, so that offsets index the
    file as read with ``encoding="utf-8"``, but it is not part of the first word.
    """
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # same length, so the spans still index the original
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


class Parser:
    """A loaded stanza pipeline (tokenize, mwt, pos, lemma, depparse) for one model set."""

    def __init__(self, models: ModelSet, threads: int | None = None) -> None:
        import stanza
        import torch

        if threads:
            torch.set_num_threads(threads)
        tree_decoding.install()  # same trees as stanza's search, in a quarter less time per article
        self.models = models
        kwargs: dict[str, Any] = dict(models.pipeline_kwargs())
        processors = "tokenize,mwt,pos,lemma,depparse" if ("mwt_model_path" in kwargs or not kwargs) \
            else "tokenize,pos,lemma,depparse"
        self._pipeline = stanza.Pipeline("en", dir=str(models.directory), processors=processors,
                                         download_method=None, logging_level="WARN", use_gpu=False,
                                         depparse_batch_size=DEPPARSE_BATCH_WORDS,
                                         tokenize_postprocessor=self._join_broken_sentences, **kwargs)
        # What stanza's tokenizer is given (the batch's paragraphs joined by blank lines, as its
        # bulk_process joins them), so the postprocessor can see where the lines break.
        self._tokenizing = ""
        self._lock = threading.Lock()

    def _join_broken_sentences(self, sentences: list) -> list:
        return join_broken_sentences(sentences, self._tokenizing or None)

    def parse(self, text: str, regions: Sequence[tuple[int, int]] | None = None) -> ParsedDocument:
        """Parse ``text`` (or only the given (start, end) regions of it, one paragraph each)."""
        import stanza

        spans = list(regions) if regions is not None else paragraph_spans(text)
        spans = [(s, e) for s, e in spans if text[s:e].strip()]
        if not spans:
            return ParsedDocument(text, (), self.models.name)
        sentences: list[Sentence] = []
        for batch in _batches(pieces(text, spans)):
            docs = [stanza.Document([], text=text[s:e]) for s, e, _ in batch]
            with self._lock:
                self._tokenizing = "\n\n".join(d.text for d in docs)
                docs = self._pipeline.process(docs, processors="tokenize")  # (mwt comes with it)
                docs = [cap_sentences(doc) for doc in docs]
                docs = self._pipeline.process(docs, processors="pos,lemma,depparse")
            for (offset, _, paragraph), doc in zip(batch, docs):
                for sent in doc.sentences:
                    words = tuple(_words(sent, offset))
                    if words:
                        sentences.append(Sentence(len(sentences), paragraph, words[0].start, words[-1].end, words))
        return ParsedDocument(text, tuple(sentences), self.models.name)


def pieces(text: str, spans: Sequence[tuple[int, int]], limit: int = PIECE_CHARS) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of the stretches to parse: each span, and a span longer than
    ``limit`` cut into parts of at most ``limit`` characters, after a sentence end if there is
    one in the second half of the part, else at a space, else anywhere."""
    out: list[tuple[int, int, int]] = []
    for paragraph, (start, end) in enumerate(spans):
        while end - start > limit:
            cut = _cut_point(text, start, start + limit)
            out.append((start, cut, paragraph))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if text[start:end].strip():
            out.append((start, end, paragraph))
    return [part for piece in out for part in _without_long_runs(text, *piece)]


def _without_long_runs(text: str, start: int, end: int, paragraph: int) -> list[tuple[int, int, int]]:
    """The piece, cut inside every run of more than MAX_RUN_CHARS non-space characters so
    that no part holds more than MAX_RUN_CHARS of it (ordinary text is one part, unchanged)."""
    cuts = [cut for run in _LONG_RUN.finditer(text, start, end)
            for cut in range(run.start() + MAX_RUN_CHARS, run.end(), MAX_RUN_CHARS)]
    if not cuts:
        return [(start, end, paragraph)]
    bounds = [start, *cuts, end]
    return [(a, b, paragraph) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _cut_point(text: str, start: int, limit: int) -> int:
    half = start + (limit - start) // 2
    best = max(text.rfind(mark, half, limit) for mark in (". ", "? ", "! ", ".\u201d ", '." '))
    if best >= 0:
        return text.index(" ", best) + 1
    space = text.rfind(" ", half, limit)
    return space + 1 if space >= 0 else limit


def _batches(parts: list[tuple[int, int, int]], limit: int = PIECE_CHARS) -> list[list[tuple[int, int, int]]]:
    """Consecutive parts grouped into batches of at most ``limit`` characters (one part at least)."""
    batches: list[list[tuple[int, int, int]]] = []
    size = 0
    for part in parts:
        length = part[1] - part[0]
        if not batches or size + length > limit:
            batches.append([])
            size = 0
        batches[-1].append(part)
        size += length
    return batches


def cap_sentences(doc: Any, limit: int = MAX_SENTENCE_WORDS) -> Any:
    """A tokenized stanza Document whose sentences have at most ``limit`` words each (itself
    when none is longer).  Cuts fall between tokens, never inside a multiword token."""
    import stanza

    if all(len(sent.words) <= limit for sent in doc.sentences):
        return doc
    sentences: list[list[dict[str, Any]]] = []
    for sent in doc.to_dict():
        sentences.extend(split_sentence(sent, limit))
    return stanza.Document(sentences, text=doc.text)


def split_sentence(entries: list[dict[str, Any]], limit: int = MAX_SENTENCE_WORDS) -> list[list[dict[str, Any]]]:
    """Cut one sentence (stanza's dict form, before tagging) into parts of at most ``limit``
    words, renumbered from 1.  A part ends after a comma, semicolon, dash or the like within
    its last quarter where there is one, else where it is full."""
    units: list[list[dict[str, Any]]] = []  # one token each: a word, or a multiword token and its words
    for entry in entries:
        if isinstance(entry["id"], int) and units and isinstance(units[-1][0]["id"], tuple) \
                and entry["id"] <= units[-1][0]["id"][-1]:
            units[-1].append(entry)
        else:
            units.append([entry])

    def words(unit: list[dict[str, Any]]) -> int:
        return max(1, len(unit) - 1) if isinstance(unit[0]["id"], tuple) else 1

    parts: list[list[list[dict[str, Any]]]] = []
    current: list[list[dict[str, Any]]] = []
    count = 0
    for unit in units:
        size = words(unit)
        if current and count + size > limit:
            cut = len(current)
            for back in range(len(current) - 1, max(0, len(current) - len(current) // 4) - 1, -1):
                if current[back][0].get("text") in _CUT_AFTER:
                    cut = back + 1
                    break
            parts.append(current[:cut])
            current = current[cut:]
            count = sum(words(u) for u in current)
        current.append(unit)
        count += size
    if current:
        parts.append(current)
    return [_renumbered(part) for part in parts]


def _renumbered(units: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    next_id = 1
    for unit in units:
        first = unit[0]["id"]
        shift = (first[0] if isinstance(first, tuple) else first) - next_id
        for entry in unit:
            entry = dict(entry)
            wid = entry["id"]
            entry["id"] = tuple(i - shift for i in wid) if isinstance(wid, tuple) else wid - shift
            out.append(entry)
        next_id += max(1, len(unit) - 1) if isinstance(first, tuple) else 1
    return out


def _words(sent: Any, offset: int) -> list[Word]:
    out: list[Word] = []
    for token in sent.tokens:
        start, end = token.start_char + offset, token.end_char + offset
        pieces = _split_token(token.text, [w.text for w in token.words], start, end)
        for word, (ws, we) in zip(token.words, pieces):
            out.append(Word(word.id, word.text, word.lemma or word.text, word.upos or "X", word.xpos or "_",
                            word.feats or "_", word.head or 0, word.deprel or "dep", ws, we))
    return out


def _split_token(surface: str, parts: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Give each word of a multiword token the slice it spells out ("don't" -> "do", "n't")."""
    if len(parts) == 1:
        return [(start, end)]
    spans, cursor = [], 0
    lowered = surface.lower()
    for i, part in enumerate(parts):
        found = lowered.find(part.lower(), cursor)
        if found < 0 or i == len(parts) - 1 and found + len(part) != len(surface):
            # Parts that do not spell the token out (rare): all share the whole token.
            return [(start, end)] * len(parts)
        spans.append((start + found, start + found + len(part)))
        cursor = found + len(part)
    return spans


def download_official(directory: str) -> None:
    """Fetch stanza's official English models into ``directory``; needs internet.

    Raises:
        OSError: no connection, or the download failed (requests' errors are OSErrors).
    """
    import stanza

    stanza.download("en", model_dir=directory, processors=",".join(PROCESSORS), logging_level="WARN")


@lru_cache(maxsize=4)
def load_parser(models: str = BUNDLED, threads: int | None = None) -> Parser:
    """A cached Parser for a --models value; loading takes seconds, so do it once per process."""
    logging.getLogger("stanza").setLevel(logging.WARNING)
    return Parser(resolve(models), threads)


# ---------------------------------------------------------------- CoNLL-U in and out
# Char offsets travel in MISC as start_char/end_char, the way stanza writes them, so a parse can
# be stored (tests/data/*.conllu, the parse cache) and read back without a model.

def to_conllu(doc: ParsedDocument) -> str:
    lines: list[str] = []
    for sent in doc.sentences:
        lines.append(f"# sent_id = {sent.index}")
        lines.append(f"# paragraph = {sent.paragraph}")
        lines.append("# text = " + doc.text[sent.start:sent.end].replace("\n", " "))
        for w in sent.words:
            lines.append("\t".join([str(w.id), w.text, w.lemma, w.upos, w.xpos, w.feats, str(w.head),
                                    w.deprel, "_", f"start_char={w.start}|end_char={w.end}"]))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def from_conllu(text: str, conllu: str, model: str = "") -> ParsedDocument:
    """Read a parse written by :func:`to_conllu` back (the article text supplies the spans).

    Words without start_char/end_char (a hand-written test sentence) are located by searching
    the text left to right.
    """
    sentences: list[Sentence] = []
    cursor = 0
    for block in conllu.strip().split("\n\n"):
        paragraph = len(sentences)
        words: list[Word] = []
        for line in block.splitlines():
            if line.startswith("# paragraph ="):
                paragraph = int(line.split("=", 1)[1])
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            misc = cols[9]
            if misc.startswith("start_char="):  # our own form: "start_char=N|end_char=M"
                first, _, second = misc.partition("|")
                start, end = int(first[11:]), int(second.partition("=")[2].partition("|")[0])
            elif "start_char=" in misc:
                fields = dict(kv.split("=", 1) for kv in misc.split("|") if "=" in kv)
                start, end = int(fields["start_char"]), int(fields["end_char"])
            else:
                start = text.find(cols[1], cursor)
                if start < 0:
                    raise ValueError(f"word {cols[1]!r} not found in the text after offset {cursor}")
                end = start + len(cols[1])
            cursor = max(cursor, end)
            words.append(Word(int(cols[0]), cols[1], cols[2], cols[3], cols[4], cols[5], int(cols[6]),
                              cols[7], start, end))
        if words:
            sentences.append(Sentence(len(sentences), paragraph, words[0].start, words[-1].end, tuple(words)))
    return ParsedDocument(text, tuple(sentences), model)
