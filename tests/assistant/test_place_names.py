"""A place written as two capitalised words ("North Haven") is no person a later "he" or "she"
stands for; on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.place_names import names_no_person


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale toured the ferry docks on Monday. In North Haven, he said the levy was unfair.",
        "Tom Hale runs the ferry. The boats stop at North Haven and East Dover. He said the levy "
        "was unfair.",
    ],
)
def test_he_is_not_a_place(text: str) -> None:
    assert [(s.speaker, s.attribution) for s in suggest(text)] == [("Tom Hale", "on_record")]


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("North Haven", True),
        ("El Dorado", True),
        ("New Dover", True),
        ("Ada Kowal", False),
        ("Newt Hale", False),
        ("Tom West", False),
        ("Dover", False),
    ],
)
def test_names_no_person(name: str, place: bool) -> None:
    assert names_no_person(name) is place
