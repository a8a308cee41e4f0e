"""A sentence's attribution found again after a fronted phrase taken for its speaker.

"Touring the harbor towns with her aides, Kowal said ...": the first attribution found may
take the opening phrase for the speaker and a word in it ("aides") for its head. A phrase
that opens with a preposition or a participle and holds no subject names no speaker; the
attribution is looked for again in the rest of the sentence, after the comma that closes it.
"""

from __future__ import annotations

from claimtracker.assistant import attribution as attr
from claimtracker.assistant.phrase_cut import only_fronted


def after_fronted_phrase(
    text: str, start: int, end: int, masked: str, found: attr.Attribution
) -> attr.Attribution:
    """``found``, or the attribution after the sentence's fronted phrase when ``found`` took
    that phrase for its speaker."""
    if found.speaker_start != start or not only_fronted(
        text[found.speaker_start : found.speaker_end]
    ):
        return found
    comma = masked.find(",", found.speaker_end - start)
    if comma < 0:
        return found
    rest = comma + 1
    while rest < len(masked) and masked[rest].isspace():
        rest += 1
    again = attr.find(text, start + rest, end, masked[rest:])
    if again is None or only_fronted(text[again.speaker_start : again.speaker_end]):
        return found
    return again
