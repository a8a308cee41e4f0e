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


def test_her_after_a_name_says_nothing_of_that_persons_gender():
    found = suggest(
        "Paul Ngata met the mayor on Monday and praised her plan for the port. "
        '"The plant stays open," he said.\n'
    )
    assert found[-1].speaker == "Paul Ngata"


def test_a_name_in_a_phrase_opening_with_a_preposition_is_not_the_subject():
    found = suggest(
        '"We will open a clinic," Paul Ngata said on Sunday. "It is too late," Ada Nowak '
        "said, and she left. At Kowal Hall on Monday, Ngata cut the ribbon. "
        '"We need more nurses," he said.\n'
    )
    assert found[-1].speaker == "Paul Ngata"


def test_a_place_opening_the_sentence_before_is_not_whom_she_stands_for():
    found = suggest(
        '"We need nurses," Ada Kowal said on Monday. New Hampshire lost two clinics last '
        'year. "It is a crisis," she said.\n'
    )
    assert found[-1].speaker == "Ada Kowal"


def test_a_compound_before_a_name_is_no_part_of_the_name_she_stands_for():
    found = suggest(
        'Texas-born Ada Kowal opened the clinic on Monday. "We need more nurses," she said.\n'
    )
    assert found[-1].speaker == "Ada Kowal"
