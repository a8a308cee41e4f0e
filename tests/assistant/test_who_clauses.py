"""Relative clauses that carry their own attribution ("..., who said ..."): the person the
clause hangs on speaks; on short passages written for these tests."""

from __future__ import annotations

from tests.assistant.helpers import only


def test_the_name_before_an_apposition_speaks_its_relative_clause() -> None:
    # The name right before ", who" closes the apposition ("the director of ..."): the person
    # named before the apposition speaks, not the body it names.
    found = only(
        "The plan drew praise from Ada Kowal, the executive director of the Harbor Alliance for "
        "Fair Fares, who also said that the two parties must do more for riders."
    )
    assert found.speaker == "Ada Kowal"
    assert found.cue == "said"


def test_a_name_after_a_preposition_in_an_apposition_is_still_the_named_person() -> None:
    found = only(
        "The board thanked Ada Kowal, a lawyer at Hale Partners, who said the fares would rise "
        "next year."
    )
    assert found.speaker == "Ada Kowal"


def test_a_plain_name_before_who_still_speaks() -> None:
    found = only("The levy was backed by Tom Hale, who said the fares would rise next year.")
    assert found.speaker == "Tom Hale"
