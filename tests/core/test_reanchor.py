"""Anchors survive a corrected text, or become orphans; never a lookalike passage."""

from __future__ import annotations

import pytest

from claimtracker.query import claim_detail
from claimtracker.reanchor import relocate
from claimtracker.services.revisions import replace_source_text
from claimtracker.store import Store
from tests.core.helpers import add_claim, add_source

OLD = (
    "Ryabkov said Russia is very concerned by the threat. Officials said talks went on. "
    "Later, officials said talks went on, and Ryabkov repeated it."
)


def test_moved_words_are_found_by_position_and_context() -> None:
    start = OLD.index("Russia is very concerned")
    exact = "Russia is very concerned"
    new = "UPDATED: " + OLD
    found = relocate(
        new, exact, OLD[start - 13 : start], OLD[start + len(exact) : start + len(exact) + 20]
    )
    assert found.how == "exact"
    assert found.anchor is not None and new[found.anchor.start : found.anchor.end] == exact


def test_a_repeated_phrase_is_told_apart_by_its_context() -> None:
    second = OLD.index("officials said talks went on", 60)
    found = relocate(
        "New lead. " + OLD, "officials said talks went on", "Later, ", ", and Ryabkov re"
    )
    assert found.anchor is not None
    assert found.anchor.start == second + len("New lead. ")


def test_an_ambiguous_phrase_without_telling_context_is_an_orphan() -> None:
    text = "They said it. They said it."
    found = relocate(text, "They said it", "", "")
    assert (found.anchor, found.how) == (None, "orphan")


def test_rewrapped_lines_are_followed() -> None:
    new = OLD.replace("very concerned by", "very\nconcerned  by")
    found = relocate(new, "very concerned by the threat", "Russia is ", ". Officials")
    assert found.how == "spacing"
    assert found.anchor is not None and found.anchor.exact == "very\nconcerned  by the threat"


def test_a_fixed_typo_between_the_same_context_is_followed() -> None:
    old_exact = "Russia is vrey concerned by the threat"
    new = OLD
    found = relocate(new, old_exact, "Ryabkov said ", ". Officials said talks")
    assert found.how == "corrected"
    assert (
        found.anchor is not None and found.anchor.exact == "Russia is very concerned by the threat"
    )


def test_words_that_are_gone_make_an_orphan_not_a_lookalike() -> None:
    new = OLD.replace("Russia is very concerned by the threat", "Moscow voiced alarm")
    found = relocate(new, "Russia is very concerned by the threat", "Ryabkov said ", ". Officials")
    assert (found.anchor, found.how) == (None, "orphan")
    lookalike = OLD + " Russia is very concerned by the weather."
    found = relocate(
        lookalike.replace("Russia is very concerned by the threat.", "Moscow voiced alarm."),
        "Russia is very concerned by the threat",
        "Ryabkov said ",
        ". Officials",
    )
    assert found.anchor is None


@pytest.fixture
def anchored(store: Store) -> tuple[int, list[int]]:
    source_id = add_source(store, OLD)
    ids = [
        add_claim(store, source_id=source_id, quote="very concerned by the threat"),
        add_claim(store, source_id=source_id, quote="Ryabkov repeated it"),
    ]
    return source_id, ids


def test_replacing_a_text_reanchors_and_flags_orphans(
    store: Store, anchored: tuple[int, list[int]]
) -> None:
    source_id, (concerned, repeated) = anchored
    corrected = "Correction appended. " + OLD.replace(
        "and Ryabkov repeated it", "and nobody repeated it"
    )
    with store.write() as session:
        report = replace_source_text(session=session, source_id=source_id, text=corrected)
    assert report.placed == {concerned: "exact"}
    assert set(report.orphans) == {repeated}
    with store.raw() as connection:
        kept = claim_detail(connection, concerned).row
        lost = claim_detail(connection, repeated)
    assert corrected[kept.anchor_start : kept.anchor_end] == "very concerned by the threat"
    assert (lost.row.anchor_status, lost.row.anchor_start, lost.anchor_exact) == (
        "orphan",
        None,
        "Ryabkov repeated it",
    )
