"""Speaker phrases cut back to the noun phrase that names the speaker: no auxiliary, negation,
adverb or clause before the reporting verb stays in the speaker; on short passages written for
these tests."""

from __future__ import annotations

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.phrase_cut import cut_speaker_phrase

_OPENING = "The ferry vote was close. "


@pytest.mark.parametrize(
    ("sentence", "speaker", "code"),
    [
        (
            "Harbor Democrats also don’t believe the levy will pass.",
            "Harbor Democrats",
            "anonymous",
        ),
        (
            "The town's ferry riders can't quite say why the fares rose so fast.",
            "The town's ferry riders",
            "anonymous",
        ),
    ],
)
def test_no_auxiliary_or_adverb_stays_in_the_speaker(
    sentence: str, speaker: str, code: str
) -> None:
    found = suggest(_OPENING + sentence)[-1]
    assert (found.speaker, found.attribution) == (speaker, code)


@pytest.mark.parametrize(
    ("phrase", "cut"),
    [
        ("Harbor Democrats don’t", "Harbor Democrats"),
        ("the extra money would", "the extra money"),
        ("The candidates briefly", "The candidates"),
        (
            "The Harbor Ferry Company released a statement on Monday evening in full",
            "The Harbor Ferry Company",
        ),
        # a personal pronoun is the whole subject; a pronoun joined to others is not
        ("he all but", "he"),
        ("She often speaks of the levy by name", "She"),
        ("she and her aides", "she and her aides"),
        # a day after a name is no part of it; a day after a document or in a name is
        ("Kowal later Thursday", "Kowal"),
        ("Ada Kowal on Monday", "Ada Kowal"),
        ("a ferry poll released Thursday", "a ferry poll released Thursday"),
        ("USA TODAY", "USA TODAY"),
        # a relative clause, a noun that ends like an adverb and a plain name stay whole
        ("an aide who has worked for both", "an aide who has worked for both"),
        ("the foundation's tally", "the foundation's tally"),
        ("Mayor Ada Kowal", "Mayor Ada Kowal"),
        (
            "It involved keeping tabs on the ferry budgets for years",
            "It involved keeping tabs on the ferry budgets for years",
        ),
    ],
)
def test_cut_speaker_phrase(phrase: str, cut: str) -> None:
    assert cut_speaker_phrase(phrase) == cut


def test_an_adverb_after_the_verb_is_no_speaker() -> None:
    found = suggest(
        _OPENING + '"It was never about the ferry," Tom Hale, a retired mechanic, said dryly.'
    )[-1]
    assert (found.speaker, found.attribution) == ("Tom Hale", "on_record")


def test_a_month_after_a_document_is_no_owner() -> None:
    found = suggest(
        _OPENING + "Riders favour a second boat, according to a Harbor Gazette poll in February."
    )[-1]
    assert found.speaker != "February"
    assert found.attribution == "secondhand"
