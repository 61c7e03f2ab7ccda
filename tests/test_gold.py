"""Gold files: the seeds' JSON, Markdown and HTML reports, end to end with the bundled models.

Catches unintended changes anywhere from parsing to rendering.  Volatile text (the version,
the model's name or folder) is scrubbed, and the JSON gold leaves out the words of the parse
(sentence spans stay) so a diff shows what changed in the attributions, profiles and score.
On a mismatch the test prints a diff and writes the new output to the git-ignored
tests/actual/.  After an intended change (new models, extraction or scoring), regenerate:

    ATTRIBUTION_REGEN_GOLD=1 python -m pytest tests/test_gold.py

(tests/gold/README.md says more).  ``ATTRIBUTION_MODELS`` selects other models, as for the CLI.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from attribution import __version__, api
from attribution.render import html as render_html
from attribution.render import json as render_json
from attribution.render import markdown as render_markdown
from attribution.report import ArticleReport
from attribution.results import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
ACTUAL = ROOT / "tests" / "actual"
REGENERATE = os.environ.get("ATTRIBUTION_REGEN_GOLD") == "1"
MODELS = os.environ.get("ATTRIBUTION_MODELS", "bundled")
NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def scrub(text: str, model: str) -> str:
    """Remove what changes without the output changing: version and model name."""
    text = text.replace(f"attribution {__version__}", "attribution VERSION")
    if model:
        text = text.replace(json.dumps(model)[1:-1], "MODEL").replace(model, "MODEL")
    return re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S*", "DATETIME", text)


def gold_json(report: ArticleReport) -> str:
    data = report.to_dict()
    data["sentences"] = [{"index": s["index"], "start": s["start"], "end": s["end"], "words": len(s["words"])}
                         for s in data["sentences"]]
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"json": gold_json, "md": render_markdown.dumps, "html": render_html.dumps}


@pytest.fixture(scope="module")
def reports() -> dict[str, ArticleReport]:
    """The seeds analysed once per run (the parser is cached, so other end-to-end tests share it)."""
    out = {}
    for name in NAMES:
        with open(SEEDS / f"{name}.txt", encoding="utf-8", newline="") as fh:
            text = fh.read()
        out[name] = api.analyze(Article(name, text, f"seeds/{name}.txt"), MODELS)
    return out


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("name", NAMES)
def test_gold(reports: dict[str, ArticleReport], name: str, fmt: str) -> None:
    report = reports[name]
    actual = scrub(RENDERERS[fmt](report), report.document.model)
    path = GOLD / name / f"report.{fmt}"
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"no gold file {path}; make it with ATTRIBUTION_REGEN_GOLD=1 python -m pytest tests/test_gold.py"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        out = ACTUAL / name / f"report.{fmt}"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(actual, encoding="utf-8", newline="\n")
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), str(path), str(out), lineterm="", n=2)
        shown = "\n".join(list(diff)[:120])
        pytest.fail(f"{name} report.{fmt} differs from the gold file (new output in {out}; if the change is "
                    f"intended, regenerate: ATTRIBUTION_REGEN_GOLD=1 python -m pytest tests/test_gold.py)\n{shown}",
                    pytrace=False)


def test_json_report_keeps_the_contract(reports: dict[str, ArticleReport]) -> None:
    schema = json.loads((resources.files("attribution") / "schema" / "attribution-1.schema.json")
                        .read_text(encoding="utf-8"))
    for report in reports.values():
        data = json.loads(render_json.dumps(report))
        jsonschema.validate(data, schema)
        assert data["schema"] == "attribution/1"
        for a in data["attributions"]:
            assert {"id", "kind", "cue", "source", "content", "source_type", "canonical_source", "anonymous"} <= set(a)
        assert {"profiles", "score", "readability"} <= set(data)


def test_seed_scores_differ_and_say_why(reports: dict[str, ArticleReport]) -> None:
    scores = {name: r.score for name, r in reports.items()}
    assert all(s is not None for s in scores.values())
    totals = [s.total for s in scores.values() if s is not None]
    assert len(set(totals)) > 1, f"the seeds all score alike: {totals}"
    for s in scores.values():
        assert s is not None and all(c.explanation for c in s.components)
