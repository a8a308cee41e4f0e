"""Helpers shared by the assistant's tests."""

from __future__ import annotations

from claimtracker.assistant import Suggestion, suggest


def only(text: str) -> Suggestion:
    """The one suggestion for ``text``; fails naming every suggestion when there is not one."""
    found = suggest(text)
    assert len(found) == 1, [(s.text, s.speaker) for s in found]
    return found[0]
