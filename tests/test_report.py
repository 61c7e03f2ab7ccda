"""The JSON report: its shape, stable text, and the published schema (no model needed)."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from attribution.parse import from_conllu
from attribution.render import json as render_json
from attribution.report import ArticleReport
from attribution.results import SCHEMA_VERSION, Article, Attribution, Clutter, Span

TEXT = "\ufeffKirby said “no.”\r\nHome > News\r\n"
CONLLU = ("1\tKirby\tKirby\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n"
          "2\tsaid\tsay\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n"
          "3\t“\t“\tPUNCT\t``\t_\t4\tpunct\t_\t_\n"
          "4\tno\tno\tINTJ\tUH\t_\t2\tccomp\t_\t_\n"
          "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
          "6\t”\t”\tPUNCT\t''\t_\t2\tpunct\t_\t_\n")


def report() -> ArticleReport:
    document = from_conllu(TEXT, CONLLU, "bundled")
    said = Attribution("a1", "direct", Span.of(TEXT, 7, 11), Span.of(TEXT, 1, 6), (Span.of(TEXT, 12, 17),),
                       source_type="named", canonical_source="Kirby", sentence=0, cue_lemma="say")
    menu = Clutter(19, 30, "Home > News", "navigation")
    return ArticleReport(Article("kirby", TEXT, "in/kirby.txt"), document, (said,), (menu,))


def test_shape() -> None:
    data = report().to_dict()
    assert list(data) == ["schema", "article", "model", "sentences", "attributions", "clutter",
                          "profiles", "score", "readability"]
    assert data["schema"] == SCHEMA_VERSION == "attribution/1"
    assert data["article"] == {"name": "kirby", "path": "in/kirby.txt", "chars": len(TEXT)}
    assert data["model"] == "bundled"
    assert data["sentences"][0]["words"][0] == {
        "id": 1, "text": "Kirby", "lemma": "Kirby", "upos": "PROPN", "xpos": "NNP", "feats": "Number=Sing",
        "head": 2, "deprel": "nsubj", "start": 1, "end": 6}
    assert data["attributions"][0]["source"] == {"start": 1, "end": 6, "text": "Kirby"}
    assert data["clutter"] == [{"start": 19, "end": 30, "text": "Home > News", "reason": "navigation"}]
    assert "text" not in data, "reports carry offsets, not the article"


def test_json_text_is_stable_and_readable() -> None:
    text = render_json.dumps(report())
    assert text.endswith("}\n")
    assert text == render_json.dumps(report())
    assert "“no.”" in text, "non-ASCII written as is"
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data == json.loads(json.dumps(report().to_dict()))


def test_spans_cut_back_out_of_the_text() -> None:
    data = json.loads(render_json.dumps(report()))
    for a in data["attributions"]:
        for span in [a["cue"], a["source"], *a["content"]]:
            assert TEXT[span["start"]:span["end"]] == span["text"]
    for region in data["clutter"]:
        assert TEXT[region["start"]:region["end"]] == region["text"]


def test_matches_the_published_schema() -> None:
    schema = json.loads((resources.files("attribution") / "schema" / "attribution-1.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(render_json.dumps(report())), schema)
