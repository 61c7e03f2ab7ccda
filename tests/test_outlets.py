"""Outlet detection: datelines and site-name lines, never the body; folders; unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import outlets

BODY = "The senator said on Tuesday that the bill would pass.\nCritics disagreed.\n"


@pytest.mark.parametrize(("text", "name"), [
    ("Headline here\nWASHINGTON (AP) \u2014 The senator said on Tuesday that the bill would pass.\n", "AP"),
    ("Headline\nNEW YORK, Nov. 19 (UPI) \u2014 A former official said the plan failed.\n", "UPI"),
    ("Dec 29 (Reuters) - A candidate said on Tuesday she would run.\n", "Reuters"),
    ("(CNN) \u2014 The governor said the storm had passed.\n", "CNN"),
    ("Politics | CNN\nThe governor said the storm had passed.\n", "CNN"),
    ("Senate passes the bill - The Washington Post\n" + BODY, "The Washington Post"),
    (BODY + "\u00a9 2024 Reuters. All rights reserved\n".replace(". All rights reserved", ""), "Reuters"),
    (BODY + "Copyright 2016 The Associated Press\n", "AP"),
    ("POLITICO\n" + BODY, "Politico"),
])
def test_the_text_states_its_outlet(text: str, name: str) -> None:
    found = outlets.from_text(text)
    assert found is not None and found.name == name and found.origin == "text"


@pytest.mark.parametrize("text", [
    BODY,
    "Trump attacks the press\nThe candidate told Fox News on Sunday that he would win.\n" + BODY,
    "CNN: the president is wrong, says the senator\n" + BODY,      # a headline citing an outlet
    "Headline\nThe report (AP) says nothing about datelines.\n" + "x\n" * 30 + "WASHINGTON (AP) \u2014 late\n",
    "ap\n" + BODY,                                                 # capitals-only spellings match in capitals
])
def test_an_outlet_named_elsewhere_is_not_the_publisher(text: str) -> None:
    assert outlets.from_text(text) is None


def test_folder_then_unknown(tmp_path: Path) -> None:
    assert outlets.detect(BODY, tmp_path / "guardian" / "a.txt") == outlets.Outlet("guardian", "folder", "guardian")
    assert outlets.detect(BODY, tmp_path / "articles" / "a.txt").name == "unknown"
    assert outlets.detect("WASHINGTON (AP) \u2014 Text.\n", tmp_path / "guardian" / "a.txt").name == "AP"


def test_the_first_listed_outlet_wins_when_two_fit_one_line() -> None:
    # "AP | Reuters" reads as AP's site name with a section, and as a title ending "| Reuters".
    found = outlets.from_text("AP | Reuters\n" + BODY)
    assert found is not None and found.name == "AP"
    found = outlets.from_text("Reuters | AP\n" + BODY)
    assert found is not None and found.name == "AP"
