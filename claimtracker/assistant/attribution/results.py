"""What the finders return: an :class:`Attribution` (one sentence's speaker phrase, cue and
content, by absolute offsets) and a :class:`Clause` (a stretch of a sentence that carries one
assertion, with its attribution if any).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution found in a sentence; offsets are absolute."""

    speaker_start: int
    speaker_end: int
    descriptor_start: int
    descriptor_end: int
    cue: str
    pattern: (
        str  # according | trailing | leading | parenthetical | who | name-colon | as | back | colon
    )
    content_start: int
    content_end: int
    statement: bool = False  # "said in a statement", "in a press release"


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence that carries one assertion, with its attribution if any."""

    start: int
    end: int
    attribution: Attribution | None
    continuation: bool = False  # the clause goes on from the one before ("and suggested ...")
