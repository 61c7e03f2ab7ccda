"""Turning a tag-reading parser into one that reads no tags: which weights go, which stay."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
import drop_tag_inputs  # noqa: E402

CONFIG = {"transformed_dim": 4, "word_emb_dim": 3, "tag_emb_dim": 2, "pretrain": True, "char": True,
          "use_upos": True, "use_xpos": True, "use_ufeats": True, "second_stage": True}
WIDTH = 4 + 3 + 3 + 2 + 2 + 4  # pretrained, word, lemma, POS, POS again, characters


def _saved_parser() -> dict:
    numbered = torch.arange(WIDTH, dtype=torch.float32)  # each input column holds its own index
    model = {name: numbered.expand(5, WIDTH).clone() for name in drop_tag_inputs.FIRST_LAYER_INPUTS}
    model["drop_replacement"] = numbered.clone()
    model.update({"upos_emb.weight": torch.ones(6, 2), "xpos_emb.weight": torch.ones(9, 2),
                  "ufeats_emb.0.weight": torch.ones(3, 2), "parserlstm.lstm.0.lstm.weight_hh_l0": torch.ones(5, 5)})
    return {"model": model, "vocab": {"kept": True}, "config": dict(CONFIG)}


def test_the_pos_columns_of_the_first_layer_are_cut_and_the_rest_kept_in_order() -> None:
    result = drop_tag_inputs.drop_tag_inputs(_saved_parser())
    kept = list(range(0, 10)) + list(range(14, WIDTH))  # columns 10-13 are the two POS slots
    for name in drop_tag_inputs.FIRST_LAYER_INPUTS:
        assert result["model"][name].reshape(-1, len(kept))[0].tolist() == kept, name
    assert torch.equal(result["model"]["parserlstm.lstm.0.lstm.weight_hh_l0"], torch.ones(5, 5))


def test_tag_embeddings_go_and_the_settings_say_no_tags_and_a_fresh_first_optimizer() -> None:
    result = drop_tag_inputs.drop_tag_inputs(_saved_parser())
    assert not any(k.startswith(("upos_emb", "xpos_emb", "ufeats_emb")) for k in result["model"])
    config = result["config"]
    assert (config["use_upos"], config["use_xpos"], config["use_ufeats"], config["second_stage"]) == (False,) * 4
    assert result["vocab"] == {"kept": True}


def test_a_parser_without_tags_or_with_another_layout_is_refused() -> None:
    untagged = drop_tag_inputs.drop_tag_inputs(_saved_parser())
    with pytest.raises(ValueError, match="no tags already"):
        drop_tag_inputs.drop_tag_inputs(untagged)
    other = _saved_parser()
    other["config"]["word_emb_dim"] = 5
    with pytest.raises(ValueError, match="another layout"):
        drop_tag_inputs.drop_tag_inputs(other)


def test_the_cut_parser_parses_as_the_bundled_one_does_with_its_tag_embeddings_zeroed(tmp_path: Path) -> None:
    # Cutting the columns a zero input meets must not change a single tree: checked with
    # stanza's own pipeline on the bundled parser.
    stanza = pytest.importorskip("stanza")
    from attribution.models import BUNDLED, resolve

    models = resolve(BUNDLED)
    en = models.directory / "en"
    saved = torch.load(en / "depparse" / "default.pt", map_location="cpu", weights_only=False)
    zeroed = {**saved, "model": {k: torch.zeros_like(v) if k.startswith(drop_tag_inputs.TAG_EMBEDDINGS) else v
                                 for k, v in saved["model"].items()}}
    torch.save(zeroed, tmp_path / "zeroed.pt")
    torch.save(drop_tag_inputs.drop_tag_inputs(saved), tmp_path / "cut.pt")

    text = ("Two officials familiar with the talks said on Tuesday that the senator, who declined to "
            "comment, would not run again. \"We are not there yet,\" Kirby told reporters.")
    trees = []
    for parser in ("zeroed.pt", "cut.pt"):
        kwargs = {**models.pipeline_kwargs(), "depparse_model_path": str(tmp_path / parser)}
        nlp = stanza.Pipeline("en", dir=str(models.directory), download_method=None, logging_level="WARN",
                              processors="tokenize,mwt,pos,lemma,depparse", **kwargs)
        trees.append([(w.head, w.deprel) for s in nlp(text).sentences for w in s.words])
    assert trees[0] == trees[1]
