"""The faster tree search gives stanza's trees: checked against a fresh copy of stanza's own code."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import numpy as np
import pytest

from attribution import tree_decoding

pytest.importorskip("stanza")


def _stanza_chuliu_edmonds() -> ModuleType:
    """stanza's module as shipped, untouched by ``tree_decoding.install()``."""
    import stanza.models.common.chuliu_edmonds as installed

    spec = importlib.util.spec_from_file_location("_stanza_cle_original", installed.__file__)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STANZA = _stanza_chuliu_edmonds()


def _cycle_sets(cycles: list[np.ndarray]) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(c).tolist()) for c in cycles}


@pytest.mark.parametrize("tree", [[0, 4, 4, 4, 0], [0, 2, 0, 4, 2, 2], [0, 3, 1, 2], [0, 2, 1, 4, 3, 5], [0, 0, 1, 1]])
def test_head_cycles_finds_the_cycles_stanza_finds(tree: list[int]) -> None:
    heads = np.array(tree)
    assert _cycle_sets(tree_decoding.head_cycles(heads)) == _cycle_sets(STANZA.tarjan(heads))


def test_head_cycles_on_random_head_arrays() -> None:
    rng = np.random.default_rng(7)
    for size in list(range(2, 12)) * 20 + [60, 120]:
        heads = rng.integers(0, size, size)
        heads[0] = 0
        assert _cycle_sets(tree_decoding.head_cycles(heads)) == _cycle_sets(STANZA.tarjan(heads))


def test_greedy_tree_is_taken_only_when_it_is_a_single_root_tree() -> None:
    low, high = -5.0, 0.0
    # word 1 heads the sentence, words 2 and 3 hang off it: a tree
    tree_scores = np.full((4, 4), low)
    tree_scores[1, 0] = tree_scores[2, 1] = tree_scores[3, 1] = high
    assert tree_decoding.greedy_single_root_tree(tree_scores).tolist() == [0, 0, 1, 1]
    two_roots = tree_scores.copy()
    two_roots[3, 0] = 1.0
    assert tree_decoding.greedy_single_root_tree(two_roots) is None
    cycle = tree_scores.copy()
    cycle[2, 3] = cycle[3, 2] = 1.0
    assert tree_decoding.greedy_single_root_tree(cycle) is None


@pytest.mark.parametrize("peaked", [False, True])
def test_installed_search_gives_stanza_trees(peaked: bool) -> None:
    from stanza.models.depparse import model as depparse_model

    tree_decoding.install()
    rng = np.random.default_rng(11)
    for size in list(range(2, 25)) * 8 + [50, 90]:
        scores = rng.normal(size=(size, size))
        if peaked:  # a confident parser: mostly one clear head per word, so the greedy path is taken
            # word 1 is the root; every later word's head is an earlier word
            heads = np.concatenate([[0], rng.integers(1, np.arange(2, size))]) if size > 2 else np.array([0])
            scores[np.arange(1, size), heads] += 6.0
        # The parser's scores are log-probabilities of each head; stanza's root penalty assumes so.
        scores -= np.log(np.exp(scores).sum(axis=1, keepdims=True))
        expected = STANZA.chuliu_edmonds_one_root(scores.copy())
        got = depparse_model.chuliu_edmonds_one_root(scores.copy())
        assert got.tolist() == expected.tolist()
