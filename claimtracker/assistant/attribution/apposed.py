"""A name and its apposition before a reporting verb: the verb's subject.

"Tom Hale, a ferry mechanic, said the pier was unsafe": the comma before "said" does not make
the words after it an inverted speaker ("..., said Tom Hale"); the name before speaks.
"""

from __future__ import annotations

from claimtracker.assistant.attribution.phrases import is_name_chunk
from claimtracker.assistant.attribution.tokens import _chunks
from claimtracker.assistant.cues import words

#: Words that open an apposition after a name: "Tom Hale, a ferry mechanic, said ...".
_APPOSITION_OPENERS = words("a an the his her their its whose who one another")
_MAX_APPOSITION_CHUNKS = 3


def apposed_subject(masked: str, text: str, verb_start: int) -> bool:
    """Whether the words before a reporting verb are a name and its apposition ("Tom Hale, a
    ferry mechanic, said", "Ada Kowal, 41, who runs the dock, told"): the verb's subject, so the
    words after the verb are what was said, not an inverted speaker."""
    chunks = _chunks(masked, 0, verb_start, text)
    if not 2 <= len(chunks) <= _MAX_APPOSITION_CHUNKS or not is_name_chunk(text, *chunks[0]):
        return False
    rest = chunks[1:]
    if len(rest) == 2 and text[rest[0][0] : rest[0][1]].isdigit():
        rest = rest[1:]  # the age: "Tom Hale, 30, a ferry mechanic,"
    if len(rest) != 1:
        return False
    first = text[rest[0][0] : rest[0][1]].split()[0]
    return first in _APPOSITION_OPENERS
