"""Attribution codes that the head of the speaker phrase decides: a party's members, a people, a
plural noun for people, a quantifier, and an outlet or pollster that looks like a surname; on
short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest

_OPENING = "The ferry vote was close. "


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind", "code"),
    [
        (
            "Republicans say the levy will sink the budget this year.",
            "Republicans",
            "described_group",
            "anonymous",
        ),
        (
            "Prosecutors said the mayor had taken bribes for years.",
            "Prosecutors",
            "described_group",
            "anonymous",
        ),
        (
            "Partisans on both sides warn that the levy will sink the budget.",
            "Partisans",
            "described_group",
            "anonymous",
        ),
        (
            "The Germans announce that they will fund the new pier next year.",
            "Germans",
            "described_group",
            "anonymous",
        ),
        (
            "Both have promised to keep the ferry running through the winter.",
            "Both",
            "described_group",
            "anonymous",
        ),
        (
            "The committee chairmen wrote that the levy would sink the budget.",
            "The committee chairmen",
            "described_group",
            "anonymous",
        ),
        (
            "Critics like Kowal say the levy will sink the budget this year.",
            "Critics like Kowal",
            "described_group",
            "anonymous",
        ),
        (
            "Editorial pages across the island warned that the levy would sink the budget.",
            "Editorial pages across the island",
            "described_group",
            "anonymous",
        ),
        # a title one person holds, with "the" or a possessive, names that person
        (
            "The ferry company's chief executive said the levy would sink the budget.",
            "The ferry company's chief executive",
            "person",
            "on_record",
        ),
        (
            "A senior executive said the levy would sink the budget this year.",
            "A senior executive",
            "described_group",
            "anonymous",
        ),
        (
            "Pew found that most residents backed the levy in the spring.",
            "Pew",
            "media_outlet",
            "secondhand",
        ),
        (
            "As The Hill reported, the mayor lost by three votes in the council.",
            "The Hill",
            "media_outlet",
            "secondhand",
        ),
    ],
)
def test_category_from_the_head_of_the_speaker_phrase(
    sentence: str, speaker: str, kind: str, code: str
) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.speaker_kind, found.attribution) == (speaker, kind, code)


@pytest.mark.parametrize(
    "sentence",
    [
        # a surname that is also a word of an outlet's name is a person without "The"
        "Hill said the levy would sink the budget this year.",
        # a union whose name ends in a plural noun speaks for itself
        "Harbor Ferry Workers said the levy would sink the budget this year.",
    ],
)
def test_names_that_only_look_like_groups_or_outlets_stay_on_record(sentence: str) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert found.attribution in ("on_record", "official_statement")
