"""Site clutter is recognised line by line, and offsets of everything else stay exact."""

from __future__ import annotations

import pytest

from attribution import clutter

ARTICLE = """Home > World > Politics
By Jane Doe
Date:2024-09-01 10:00:00

The minister said on Monday that talks would resume.

A man walks past the ministry building, Sept. 2, 2024. (AP Photo/John Smith, File)
FILE \u2013 The minister speaks at a news conference.

\u201cWe will meet again,\u201d she said.
Related
- Ten things to know about the election
- Another story about something else
Previous Article
A headline of another article
How useful was this article?
Click on a star to rate it!
Average rating 4.5 / 5. Vote count: 12
No votes so far! Be the first to rate this article.
Share this
Menu
"""


def test_finds_clutter_lines() -> None:
    found = {c.text: c.reason for c in clutter.find(ARTICLE)}
    assert found["Home > World > Politics"] == "breadcrumb"
    assert found["By Jane Doe"] == "byline"
    assert found["Date:2024-09-01 10:00:00"] == "timestamp"
    assert found["A man walks past the ministry building, Sept. 2, 2024. (AP Photo/John Smith, File)"] == "photo caption"
    assert found["FILE \u2013 The minister speaks at a news conference."] == "photo caption"
    for line in ("Related", "- Ten things to know about the election", "Previous Article",
                 "A headline of another article", "How useful was this article?",
                 "Click on a star to rate it!", "Average rating 4.5 / 5. Vote count: 12",
                 "No votes so far! Be the first to rate this article.", "Share this", "Menu"):
        assert line in found, line


def test_article_text_is_kept() -> None:
    found = clutter.find(ARTICLE)
    kept = [ARTICLE[s:e] for s, e in clutter.keep(ARTICLE, found)]
    assert kept == ["The minister said on Monday that talks would resume.",
                    "\u201cWe will meet again,\u201d she said."]


def test_offsets_are_exact() -> None:
    for c in clutter.find(ARTICLE):
        assert ARTICLE[c.start:c.end] == c.text


@pytest.mark.parametrize("line", [
    "11:00 am \u2013 Police receive calls saying shots have been fired.",
    "Related charges were filed against two other men on Tuesday.",
    "Watchdog groups said the vote count was accurate.",
    "Sanders and Clinton traded the lead throughout the vote count, which was close.",
])
def test_article_sentences_are_not_clutter(line: str) -> None:
    assert clutter.find(line) == ()


@pytest.mark.parametrize(("line", "dateline"), [
    ('WASHINGTON (AP) \u2014 "We are concerned," Kirby said.', "WASHINGTON (AP) \u2014 "),
    ("Dec 29 (Reuters) - A candidate said she would run.", "Dec 29 (Reuters) - "),
    ("NEW YORK, Nov. 19 (UPI) \u2014 A former official said so.", "NEW YORK, Nov. 19 (UPI) \u2014 "),
    ("(CNN) \u2014 The governor said the storm had passed.", "(CNN) \u2014 "),
    ("KYIV, Ukraine \u2014 Officials said the attack failed.", "KYIV, Ukraine \u2014 "),
    ("Sen. Jane Smith (R-Texas) \u2014 who said so \u2014 left.", None),
    ("NATO \u2014 the alliance said \u2014 will meet.", None),
])
def test_a_dateline_is_cut_off_and_the_rest_of_its_line_parsed(line: str, dateline: str | None) -> None:
    text = "Headline\n" + line + "\n"
    found = clutter.find(text)
    if dateline is None:
        assert found == ()
        return
    [cut] = found
    assert (cut.text, cut.reason) == (dateline, "dateline") and text[cut.start:cut.end] == dateline
    assert clutter.keep(text, found) == ((0, 8), (cut.end, len(text) - 1))


# ---------------------------------------------------------------- summaries that repeat the body

BODY = [
    "The county board voted on Thursday to close the Elm Road landfill by the end of next year, ending decades "
    "of complaints from neighbours about smell and traffic.",
    "\u201cWe have listened to the families who live with the trucks every day,\u201d said board chair Helen Ortiz, "
    "who proposed the closure in March.",
    "Waste will instead go to a new transfer station near the railway yard, which the county says will cost "
    "about $12 million to build.",
    "Two haulers said the longer drive to the transfer station would raise collection fees for every household.",
    "The landfill opened in 1974 and was expanded twice.",
]


def summaries(text: str) -> list[str]:
    return [c.text for c in clutter.find(text) if c.reason.startswith("summary")]


def test_a_bulleted_summary_box_that_repeats_the_body_is_clutter() -> None:
    box = ["At a glance",
           "\u2022 The county board voted to close the Elm Road landfill by the end of next year.",
           "\u2022 Board chair Helen Ortiz said the board listened to families living with the trucks every day.",
           "\u2022 Waste will go to a new transfer station near the railway yard costing about $12 million.",
           "\u2022 Haulers say collection fees will rise."]
    text = "Landfill to close\n\n" + "\n".join(box) + "\n\n" + "\n\n".join(BODY) + "\n"
    found = summaries(text)
    assert found == box, "the heading and every bullet, even the one too short to match on its own"
    kept = [text[a:b] for a, b in clutter.keep(text, clutter.find(text))]
    assert kept == ["Landfill to close", *BODY]


def test_a_summary_paragraph_retelling_the_story_is_clutter() -> None:
    summary = ("The county board voted to close the Elm Road landfill by the end of next year after complaints "
               "about smell and traffic. Board chair Helen Ortiz said the board had listened to the families who "
               "live with the trucks. Waste will go to a new transfer station near the railway yard that will "
               "cost about $12 million to build.")
    text = "Landfill to close\n\n" + summary + "\n\n" + "\n\n".join(BODY) + "\n"
    assert summaries(text) == [summary]


def test_body_text_that_only_echoes_itself_is_kept() -> None:
    headline = "County board votes to close the Elm Road landfill by the end of next year."
    demands = ["- Close the Elm Road landfill gates to trucks before seven in the morning every weekday.",
               "- Publish monthly air quality readings from four monitors placed around the landfill site.",
               "- Pay for double glazing in the homes of the families living nearest to the access road."]
    restated = ("The vote means the Elm Road landfill will close by the end of next year, the board chair said, "
                "and the county will build a transfer station. The haulers objected. Neighbours cheered.")
    text = "\n\n".join([headline, *BODY[:2], "Residents had asked the board to:", *demands, restated, *BODY[2:]]) + "\n"
    assert summaries(text) == [], "a headline, a list of demands and a restated lede are the story itself"
