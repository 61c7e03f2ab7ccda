"""The parse layer: character offsets into the text, and CoNLL-U out and back in."""

from __future__ import annotations

import pytest

from attribution.parse import Parser, from_conllu, paragraph_spans, to_conllu
from attribution.results import ParsedDocument, Sentence, Word

# Written for this test: multiword tokens (didn't, She's), curly and straight quotes, a
# non-ASCII name, a headline without a full stop, a blank line and indentation.
TEXT = ("Talks to resume in Geneva\n"
        "\n"
        "The minister didn't say \u201cno,\u201d Ms. M\u00fcller told reporters on Tuesday.\n"
        "   She's expected to speak again, an aide said. \"We'll see.\"\n")


@pytest.fixture(scope="module")
def document(parser: Parser) -> ParsedDocument:
    return parser.parse(TEXT)


def test_every_word_indexes_the_text(document: ParsedDocument) -> None:
    for sentence in document.sentences:
        for w in sentence.words:
            # The one allowed exception: the parts of a multiword token that do not spell it
            # out share the token's span.
            shares_a_token = any(o is not w and (o.start, o.end) == (w.start, w.end) for o in sentence.words)
            assert TEXT[w.start:w.end] == w.text or shares_a_token, w


def test_multiword_tokens_are_split_with_their_own_spans(document: ParsedDocument) -> None:
    words = [w for s in document.sentences for w in s.words]
    texts = [w.text for w in words]
    did = texts.index("did")
    assert texts[did + 1] == "n't"
    assert words[did].end == words[did + 1].start
    assert TEXT[words[did].start:words[did + 1].end] == "didn't"


def test_sentences_paragraphs_and_trees(document: ParsedDocument) -> None:
    sentences = document.sentences
    assert sentences[0].paragraph == 0
    assert TEXT[sentences[0].start:sentences[0].end] == "Talks to resume in Geneva"
    assert {s.paragraph for s in sentences} == {0, 1, 2}
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert TEXT[s.start:s.end] == TEXT[s.start:s.end].strip()
        assert [w.id for w in s.words] == list(range(1, len(s.words) + 1))
        assert all(0 <= w.head <= len(s.words) for w in s.words)
        assert sum(w.head == 0 for w in s.words) >= 1
        assert all(w.upos and w.deprel and w.lemma for w in s.words)
    assert document.model == "bundled"


def test_conllu_round_trip(document: ParsedDocument) -> None:
    conllu = to_conllu(document)
    assert conllu.startswith("# sent_id = 0\n# paragraph = 0\n# text = Talks to resume in Geneva\n")
    assert from_conllu(TEXT, conllu, "bundled") == document


def test_conllu_without_offsets_finds_the_words_in_the_text() -> None:
    text = "Kirby said so.\n"
    conllu = ("1\tKirby\tKirby\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n"
              "2\tsaid\tsay\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n"
              "3\tso\tso\tADV\tRB\t_\t2\tadvmod\t_\tSpaceAfter=No\n"
              "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n")
    doc = from_conllu(text, conllu)
    words = (Word(1, "Kirby", "Kirby", "PROPN", "NNP", "Number=Sing", 2, "nsubj", 0, 5),
             Word(2, "said", "say", "VERB", "VBD", "Tense=Past", 0, "root", 6, 10),
             Word(3, "so", "so", "ADV", "RB", "_", 2, "advmod", 11, 13),
             Word(4, ".", ".", "PUNCT", ".", "_", 2, "punct", 13, 14))
    assert doc == ParsedDocument(text, (Sentence(0, 0, 0, 14, words),))
    assert from_conllu(text, to_conllu(doc)) == doc


def test_parse_of_nothing() -> None:
    assert to_conllu(ParsedDocument("", ())) == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("One.\n\n  Two  \n", [(0, 4), (8, 11)]),
    ("\ufeffOne.\r\nTwo.\r\n", [(1, 5), (7, 11)]),
    ("\ufeff", []),
])
def test_paragraphs_skip_a_bom_and_carriage_returns(text: str, expected: list[tuple[int, int]]) -> None:
    assert paragraph_spans(text) == expected
