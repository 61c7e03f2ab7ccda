"""The exercises' wording per age group (``levels.json``, package data) and picking a level.

    wording = levels.wording(levels.pick("auto", report.readability))
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..assessment import Readability

AUTO = "auto"


@lru_cache(maxsize=None)
def _levels() -> dict[str, dict[str, Any]]:
    data = json.loads((resources.files("attribution") / "exercise" / "levels.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def names() -> tuple[str, ...]:
    """The level keys, youngest first ("middle", "high")."""
    return tuple(_levels())


def wording(level: str) -> dict[str, Any]:
    """The prompts, counts and labels of one level.

    Raises:
        KeyError: no such level.
    """
    return _levels()[level]


def pick(level: str, readability: Readability | None) -> str:
    """``level`` itself, or for "auto" the youngest level written for the article's grade.

    The grade is Flesch-Kincaid's; an article with no readability gets the oldest level.
    """
    if level != AUTO:
        wording(level)
        return level
    keys = names()
    if readability is None:
        return keys[-1]
    for key in keys:
        if readability.flesch_kincaid_grade <= float(wording(key)["max_grade"]):
            return key
    return keys[-1]


def note(level: str, readability: Readability | None) -> str:
    """A line for the teacher: how the article's reading grade compares with the level's."""
    if readability is None:
        return ""
    grade = readability.flesch_kincaid_grade
    keys = names()
    ceiling = float(wording(level)["max_grade"])
    younger = keys[:keys.index(level)]
    floor = float(wording(younger[-1])["max_grade"]) if younger else 0.0
    where = ("above this level: expect to read it together or pre-teach vocabulary" if grade > ceiling else
             "below this level" if grade <= floor else "within this level")
    return (f"The article reads at US grade {grade:.1f} (Flesch-Kincaid; reading ease "
            f"{readability.flesch_reading_ease:.0f}, {readability.ease_label}): {where}.")
