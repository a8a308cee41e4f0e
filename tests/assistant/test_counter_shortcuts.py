"""Counter-claim detection's shortcuts answer exactly as the plain searches they stand for.

``counters.py`` finds words with an ASCII-only pattern in ASCII text, searches the phrases that
may make a counter-claim once over all of an article's claims, reuses a claim's lower-case words
for its stems and splits at a condition word only where one occurs. A shortcut that drifted
from its plain search would silently change which claims counter which; these tests compare
them on strings made of the characters that matter.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimtracker.assistant.counters import (
    _CONDITION,
    _GATE_PHRASES,
    _WORD,
    _before_condition,
    _content_stems,
    _holding_phrase,
    _stems_of,
    _words,
)

_PIECES = ["ab", "Cd", "Z", " ", "\n", "'", "’", "1", "_", "-", ",", ".", "é", "Д", "ж", "K", "İ"]
_ASCII_PIECES = ["ab", "Cd", "Z", " ", "'", "1", "_", "-", ",", ".", "ies", "ing", "s's", "ed"]
_PHRASE_PIECES = ["no", " ", "evidence", "n'", "t", "fake", "lie", "s", "a ", "ло", "жь", "\x00"]
_CONDITION_PIECES = ["if", "IF", "If", "unless", "Whether", "until", " ", "x", "-", "_", "ı", "К"]


def _text(pieces: list[str], size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=size).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_text(_PIECES))
def test_words_are_those_of_the_unicode_pattern(text: str) -> None:
    assert _words(text) == _WORD.findall(text)
    assert _words(text.lower()) == _WORD.findall(text.lower())


@settings(max_examples=1000, deadline=None)
@given(st.lists(_text(_PHRASE_PIECES + [p for p in _GATE_PHRASES if " " in p], 12), max_size=8))
def test_one_search_over_all_claims_finds_each_claim_that_holds_a_phrase(texts: list[str]) -> None:
    expected = {k for k, text in enumerate(texts) if any(p in text for p in _GATE_PHRASES)}
    assert _holding_phrase(texts) == expected


def test_a_phrase_cut_between_two_claims_is_found_in_neither() -> None:
    assert _holding_phrase(["there is no", "evidence", "it was fake"]) == {2}
    assert _holding_phrase(["they didn", "'t"]) == set()


@settings(max_examples=1500, deadline=None)
@given(_text(_ASCII_PIECES))
def test_stems_from_lower_case_words_are_those_of_the_text(text: str) -> None:
    assert _stems_of(_words(text.lower())) == _content_stems(text)


@settings(max_examples=1500, deadline=None)
@given(_text(_CONDITION_PIECES))
def test_the_condition_split_is_skipped_only_where_it_splits_nothing(text: str) -> None:
    assert _before_condition(text, text.lower()) == _CONDITION.split(text, maxsplit=1)[0]
