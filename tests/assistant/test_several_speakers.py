"""A sentence that reports two speakers side by side gives one suggestion for each, with its own
speaker, cue, category and quote; on short passages written for these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "The mayor said the bridge would open in May, while the council said it would stay "
            "shut until autumn.",
            ("The mayor said the bridge would open in May", "The mayor", "said"),
            ("the council said it would stay shut until autumn.", "the council", "said"),
        ),
        (
            "Critics argue that the tax hurts farmers, but Senator Ada Kowal insisted it would "
            "raise wages.",
            ("Critics argue that the tax hurts farmers", "Critics", "argue"),
            ("Senator Ada Kowal insisted it would raise wages.", "Ada Kowal", "insisted"),
        ),
        (
            "Critics argue that the tax hurts farmers, though Senator Ada Kowal said it would "
            "raise wages.",
            ("Critics argue that the tax hurts farmers", "Critics", "argue"),
            ("Senator Ada Kowal said it would raise wages.", "Ada Kowal", "said"),
        ),
        (
            "Riders held white roses aloft, the Gazette reported, while at the pier the ferry "
            "began with a moment of silence, the Harbor Times reported.",
            ("Riders held white roses aloft, the Gazette reported", "the Gazette", "reported"),
            (
                "at the pier the ferry began with a moment of silence, the Harbor Times reported.",
                "the Harbor Times",
                "reported",
            ),
        ),
        (
            "While critics argue that the tax hurts farmers, Kowal has said it will raise wages.",
            ("While critics argue that the tax hurts farmers", "critics", "argue"),
            ("Kowal has said it will raise wages.", "Kowal", "said"),
        ),
        (
            "But even as Kowal claimed on Tuesday that the audit was a sham, one of the auditors "
            "said the two reports were different.",
            (
                "But even as Kowal claimed on Tuesday that the audit was a sham",
                "Kowal",
                "claimed",
            ),
            (
                "one of the auditors said the two reports were different.",
                "one of the auditors",
                "said",
            ),
        ),
        (
            # The comma closing the first clause is inside the quote.
            'Even as Kowal claimed on Tuesday that "the audit was a sham," one of the auditors '
            "said the two reports were different.",
            (
                'Even as Kowal claimed on Tuesday that "the audit was a sham,"',
                "Kowal",
                "claimed",
            ),
            (
                "one of the auditors said the two reports were different.",
                "one of the auditors",
                "said",
            ),
        ),
        (
            "Kowal said the tax is fair; Hale said it is not.",
            ("Kowal said the tax is fair", "Kowal", "said"),
            ("Hale said it is not.", "Hale", "said"),
        ),
        (
            "While one firm says there are 2,400 mills in the state, another says there are "
            "about 1,800.",
            ("While one firm says there are 2,400 mills in the state", "one firm", "says"),
            ("another says there are about 1,800.", "another", "says"),
        ),
    ],
)
def test_each_speaker_gets_a_suggestion_of_its_own(
    text: str, first: tuple[str, str, str], second: tuple[str, str, str]
) -> None:
    found = [(s.text, s.speaker, s.cue) for s in suggest(text)]
    assert found == [first, second]


def test_each_side_keeps_its_own_category_and_quote() -> None:
    text = '"The plan is dead," Ada Kowal said, but critics say it could still pass next year.'
    kowal, critics = suggest(text)
    assert (kowal.speaker, kowal.attribution, kowal.quote) == (
        "Ada Kowal",
        "on_record",
        "The plan is dead",
    )
    assert (critics.speaker, critics.attribution, critics.quote) == ("critics", "anonymous", None)
    assert (
        text[kowal.start : kowal.end] == kowal.text
        and text[critics.start : critics.end] == critics.text
    )


@pytest.mark.parametrize(
    "text",
    [
        # One speaker: what follows "while" or "and" is part of what was said.
        "Ada Kowal said that prices rose in May while wages fell for the third month.",
        "Ada Kowal said her team and the auditors found errors in the books last year.",
        # A trailing source at the end speaks for the whole sentence.
        "Most voters say prices are too high, but few trust either party, according to the poll.",
    ],
)
def test_one_speaker_keeps_the_sentence_whole(text: str) -> None:
    assert [s.text for s in suggest(text)] == [text]


def test_a_verb_inside_what_was_said_names_no_second_speaker() -> None:
    text = "Ada Kowal admitted that she erred but noted that experts say the rule is unclear."
    assert {s.speaker for s in suggest(text)} == {"Ada Kowal"}


def test_a_closing_relative_clause_with_its_own_speaker_is_that_speakers_claim() -> None:
    text = (
        "The council approved the new parking fees on Monday, which local traders said would "
        "drive shoppers away from the old town."
    )
    found = [(s.text, s.speaker, s.cue) for s in suggest(text)]
    assert (
        "which local traders said would drive shoppers away from the old town.",
        "local traders",
        "said",
    ) in found
    # The council's vote is the writer's report, not the traders' claim.
    assert all(not (t.startswith("The council") and s == "local traders") for t, s, _ in found)


def test_a_claim_another_speaker_disputes_gets_a_suggestion_of_its_own() -> None:
    text = (
        "Ada Kowal says she was dismissed for taking sick leave, a claim that the mayor's office "
        "strongly disputes."
    )
    kowal, office = suggest(text)
    assert (kowal.text, kowal.speaker, kowal.cue) == (
        "Ada Kowal says she was dismissed for taking sick leave",
        "Ada Kowal",
        "says",
    )
    assert (office.text, office.speaker, office.cue) == (
        "a claim that the mayor's office strongly disputes.",
        "the mayor's office",
        "disputes",
    )


@pytest.mark.parametrize(
    "text",
    [
        # The pronoun is the first clause's subject: one speaker.
        "Ada Kowal praised the harbour deal, which she said would lower fares for everyone.",
        # "it" is the ministry named before, not a speaker of its own.
        "Ada Kowal said the ministry released new figures, which it said showed growth in the "
        "north.",
        # The relative clause does not close the sentence: the sentence goes on after it.
        "The new ferry rules, which officials said will take effect in May, will not apply to "
        "fishing boats.",
        # Not a subject and a verb of saying: a clause of its own.
        "Ada Kowal said the rule lets her stay, which allows her to keep her options open and "
        "deny any blame.",
    ],
)
def test_a_relative_clause_without_a_second_speaker_keeps_the_sentence_whole(text: str) -> None:
    assert [s.text for s in suggest(text)] == [text]
