"""Searching finds a word's other forms (English and Russian), and says why a claim matched."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtracker.csvio import export_csv
from claimtracker.query import ClaimFilter, search_rows
from claimtracker.query.explain import Highlighter, highlighter, match_reasons
from claimtracker.store import Store
from tests.core.helpers import add_claim, add_source


def _texts(store: Store, text: str, *, prefix_last: bool = False) -> set[str]:
    with store.raw() as connection:
        found = search_rows(connection, ClaimFilter(text=text, prefix_last=prefix_last))
    return {row.text for row in found}


@pytest.fixture
def seeded(store: Store) -> Store:
    for text in (
        "Провокация готовится в Идлибе",
        "Министерство предупредило о провокации",
        "Они готовят провокацию с химическим оружием",
        "The ministry warns of a staged attack",
        "A warning came from the embassy",
        "Officials warned that talks had failed",
        "The ward was evacuated after the war began",
    ):
        add_claim(store, text=text)
    return store


def test_a_russian_word_finds_its_other_cases(seeded: Store) -> None:
    expected = {
        "Провокация готовится в Идлибе",
        "Министерство предупредило о провокации",
        "Они готовят провокацию с химическим оружием",
    }
    assert _texts(seeded, "провокации") == expected
    assert _texts(seeded, "ПРОВОКАЦИЮ") == expected


def test_an_english_word_finds_its_other_forms(seeded: Store) -> None:
    expected = {
        "The ministry warns of a staged attack",
        "A warning came from the embassy",
        "Officials warned that talks had failed",
    }
    assert _texts(seeded, "warns") == expected
    assert _texts(seeded, "warning") == expected


def test_forms_stay_within_the_word(seeded: Store) -> None:
    # "war" and "ward" share letters with "warn", not its stem.
    assert _texts(seeded, "war") == {"The ward was evacuated after the war began"}
    assert _texts(seeded, "wars") == {"The ward was evacuated after the war began"}


def test_phrases_prefixes_and_exclusions_keep_their_meaning(seeded: Store) -> None:
    assert _texts(seeded, '"warns of"') == {"The ministry warns of a staged attack"}
    assert _texts(seeded, "warne*") == {"Officials warned that talks had failed"}
    # Excluding a word excludes its forms too.
    assert _texts(seeded, "ministry -warning") == set()
    assert _texts(seeded, "embassy OR evacuated") == {
        "A warning came from the embassy",
        "The ward was evacuated after the war began",
    }


def test_search_as_you_type_finds_prefixes_and_forms(seeded: Store) -> None:
    assert _texts(seeded, "warni", prefix_last=True) == {"A warning came from the embassy"}
    assert _texts(seeded, "провокации", prefix_last=True) == _texts(seeded, "провокации")


def test_the_csv_report_of_a_search_holds_the_same_claims(seeded: Store, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    with seeded.raw() as connection:
        export_csv(connection, out, claim_filter=ClaimFilter(text="провокации"))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        exported = {row["claim"] for row in csv.DictReader(handle)}
    assert exported == _texts(seeded, "провокации")


def test_highlights_cover_the_matched_words_as_written() -> None:
    marks = Highlighter(frozenset({"warning", "geneve"}), ("provoc",), (("people", "familiar"),))
    text = "WARNING in Genève: provocations, said people familiar with it; people were familiar"
    assert [text[a:b] for a, b in marks.spans(text)] == [
        "WARNING",
        "Genève",
        "provocations",
        "people familiar",
    ]
    assert Highlighter().spans(text) == []


def test_the_highlighter_follows_the_search() -> None:
    marks = highlighter('warns -embassy "staged attack"')
    text = "Officials warned of a staged attack; the embassy warns"
    assert [text[a:b] for a, b in marks.spans(text)] == ["warned", "staged attack", "warns"]


def test_reasons_name_the_field_that_matched(store: Store) -> None:
    source = add_source(store, "Body text.", title="Kremlin warns Washington")
    in_title = add_claim(store, text="Talks resume on Monday", source_id=source)
    in_text = add_claim(store, text="He warned of strikes", notes="warning repeated twice")
    with store.raw() as connection:
        marks = highlighter("warn")
        reasons = match_reasons(connection, [in_title, in_text], marks)
        found = {row.id for row in search_rows(connection, ClaimFilter(text="warn"))}
    assert found == {in_title, in_text}
    assert reasons == {in_title: ("source title",), in_text: ("claim", "notes")}


_WORDS = ["warn", "warned", "Warning", "WARNS", "chem", "chemical", "u.s.", "of", "x_y", "ab12"]
_GAPS = [" ", ". ", ", ", "-", "_", "'", "\n", "  "]


@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=12),
    gaps=st.lists(st.sampled_from(_GAPS), min_size=12, max_size=12),
    search=st.sampled_from(["warn", "warns", "chem", "chemical", "of", "u.s.", "x_y", "ab -warn"]),
    prefix_last=st.booleans(),
)
def test_the_quick_look_at_ascii_text_marks_what_the_word_by_word_look_marks(
    words: list[str], gaps: list[str], search: str, prefix_last: bool
) -> None:
    """The table marks ASCII text with one expression; it must find exactly the words that
    splitting the text into words and comparing each one finds."""
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    quick = highlighter(search, prefix_last=prefix_last)
    word_by_word = highlighter(search, prefix_last=prefix_last)
    word_by_word.__dict__["_ascii_pattern"] = None  # the expression left out
    assert quick.spans(text) == word_by_word.spans(text)
    assert quick.matches(text) == word_by_word.matches(text)


def test_odd_prefixes_are_looked_at_like_words() -> None:
    marks = Highlighter(frozenset({"u.s.", "провокация"}), ("", "a-b"), ())
    # An empty prefix begins every word; "a-b" begins none (a word has no hyphen).
    assert marks.spans("U.S. said a-b") == [(0, 1), (2, 3), (5, 11), (12, 13)]
    assert not Highlighter(frozenset({"u.s."})).matches("the U.S. said")
