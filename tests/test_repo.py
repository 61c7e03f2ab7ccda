"""The repository's promises to a newcomer: README's commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Setup", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+)\n```", setup)


def test_readme_gives_exactly_two_setup_commands() -> None:
    install, tests = readme_commands()
    assert install.endswith("attribution analyze seeds/ -o reports/ --format json,md,html")
    assert "pip install torch==2.13.0 && " in install
    assert tests.startswith(". .venv/bin/activate && pip install -e \".[test]\" && ")


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = readme_commands()
    pytest_command = tests.rsplit(" && ", 1)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == pytest_command
    assert 'pip install -e ".[test]"' in ci
    torch_install = next(part for part in readme_commands()[0].split(" && ") if part.startswith("pip install torch"))
    assert torch_install in ci


def test_seeds_are_the_sample_articles() -> None:
    assert sorted(p.name for p in (ROOT / "seeds").glob("*.txt")) == [
        "000_239b92d30b189cc7.txt", "001_d19f47592ba6ce0b.txt", "004_e22b176ff2ef0cb8.txt"]
