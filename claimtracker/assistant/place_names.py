"""Runs of capitalised words that name a place, never a person.

"North Haven", "New Dover", "El Dorado", "Port Ellis": two capitalised words look like a first
name and a surname, and a later "he" or "she" was sent to them. A run opened by a compass word,
"New" or a Spanish article or saint names a place.
"""

from __future__ import annotations

from claimtracker.assistant.cues import words

#: First words of place names: "North Haven", "New Dover", "El Dorado", "Port Ellis",
#: "Rhode Island", "Greater Dover".
_PLACE_STARTS = words(
    "new north south east west northern southern eastern western el los las san santa puerto"
    " fort port lake mount rhode upper lower greater"
)


def names_no_person(name: str) -> bool:
    """Whether the capitalised words ``name`` name a place rather than a person."""
    parts = name.split()
    return len(parts) >= 2 and parts[0].lower() in _PLACE_STARTS
