"""The entity tagger's features: the document context and the GloVe clusters, on sentences
written for these tests."""

from __future__ import annotations

from attribution import entities
from attribution.results import Word


def words_of(sentence: str) -> list[Word]:
    out = []
    offset = 0
    for i, token in enumerate(sentence.split(), 1):
        out.append(Word(i, token, token.lower(), "PROPN" if token[:1].isupper() else "NOUN", "_", "_", 0, "dep",
                        offset, offset + len(token)))
        offset += len(token) + 1
    return out


def test_document_context_gathers_the_words_around_a_name_everywhere() -> None:
    context = entities.document_context([words_of("Chicago Mourns"), words_of("She lives in Chicago now")])
    assert {"dp:in", "dn:now"} <= context["chicago"]
    rows = entities.features(words_of("Chicago Mourns"), context)
    assert rows[0].get("dp:in") == 1.0 and "dp:in" not in entities.features(words_of("Chicago Mourns"))[0]


def test_the_bundled_clusters_load() -> None:
    clusters = entities.glove_clusters()
    # Towns share a fine cluster more often than a town and a weekday do.
    assert clusters["boston"][0] == clusters["chicago"][0] != clusters["monday"][0]
