"""Whom "he" and "she" stand for, on short invented news sentences."""

from __future__ import annotations

from claimtracker.assistant import suggest


def test_a_middle_initial_is_part_of_the_name_she_stands_for():
    found = suggest(
        'Ada B. Kowal opened the clinic in Lakeside on Monday. "We need more nurses," she said.\n'
    )
    assert found[-1].speaker == "Ada Kowal"


def test_a_surname_alone_is_the_full_name_given_with_a_middle_initial():
    found = suggest(
        "Ada B. Kowal opened the clinic in Lakeside on Monday. Kowal said the clinic needs "
        "more nurses.\n"
    )
    assert found[-1].speaker == "Ada Kowal"
