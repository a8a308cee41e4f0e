"""The assistant's shortcuts answer exactly as the full searches they stand for.

A few searches look only at a sentence's or paragraph's tail, or skip a regex when a cheaper test
shows it cannot match; these tests compare them with the plain search on strings made of the
characters that matter, so a pattern changed on one side only is caught.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimtracker.assistant.attribution.subject import _LAST_WORD, _last_word
from claimtracker.assistant.sentences import _TERMINAL, _ends_at_terminal
from claimtracker.assistant.several_speakers import _JOIN, _JOIN_HINT
from claimtracker.assistant.side_clauses import _TRAILING, _TRAILING_AS

_PIECES = ["ab", "Cd", " ", "\n", "'", "’", "1", "_", ",", ";", "-", ".", "!", ":", "é"]
_LONG = ["x" * 30, "  \t ", '"' * 20, "”", "“", "» ", ")", "]", "*"]
_WORDS = [" but ", " while ", ", and ", ", though ", ", as ", " As ", "he said", " yet "]


def _text(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_text(_PIECES + _LONG))
def test_paragraph_end_looks_at_the_tail_only_when_that_is_the_same(block: str) -> None:
    assert _ends_at_terminal(block) == (_TERMINAL.search(block) is not None)


def test_a_full_stop_before_a_long_run_of_closing_marks_still_ends_the_paragraph() -> None:
    block = "He left." + '"' * 30 + ")" * 30 + " " * 10
    assert _ends_at_terminal(block)
    assert not _ends_at_terminal("He left" + '"' * 60)


@settings(max_examples=1500, deadline=None)
@given(_text(_PIECES + _LONG), st.integers(0, 400), st.integers(0, 400))
def test_last_word_matches_the_full_search(masked: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(masked)), min(b, len(masked))))
    fast, full = _last_word(masked, start, end), _LAST_WORD.search(masked, start, end)
    assert (fast and (fast.span(), fast.span(1))) == (full and (full.span(), full.span(1)))


def test_a_last_word_longer_than_the_tail_is_found_whole() -> None:
    masked = "the spokeswoman " + "w" * 80 + "   "
    match = _last_word(masked, 0, len(masked))
    assert match is not None and match.group(1) == "w" * 80


@settings(max_examples=1500, deadline=None)
@given(_text(_PIECES + _WORDS))
def test_the_quick_tests_never_hide_a_match(masked: str) -> None:
    if _JOIN.search(masked):
        assert _JOIN_HINT.search(masked)
    if _TRAILING.search(masked):
        assert _TRAILING_AS.search(masked)
