""":func:`split_clauses`: a sentence as one clause, or as two where a leading subject asserts twice
("X said A and suggested B", "X said A, adding that B").
"""

from __future__ import annotations

import re

from claimtracker.assistant.attribution.results import Attribution, Clause
from claimtracker.assistant.attribution.tokens import strip_span
from claimtracker.assistant.cues import words

_SECOND_CLAUSE_VERBS = words(
    """
    said added suggested warned insisted claimed denied rejected dismissed argued accused
    stressed noted alleged admitted acknowledged confirmed vowed promised predicted estimated
    says adds warns insists claims denies rejects argues accuses
    """
)
#: "X said A and suggested B", "X said A, adding that B": where a second assertion starts.
_SECOND_CLAUSE = re.compile(
    r"(?=[,\s])"  # what a match starts with: the regex engine skips ahead to it
    r"(,?\s+(?:and|but)\s+(?:also\s+)?|,\s+)("
    + "|".join(sorted(_SECOND_CLAUSE_VERBS))
    + r"|adding)\b"
)


def split_clauses(
    text: str, start: int, end: int, masked: str, found: Attribution | None
) -> list[Clause]:
    """The sentence as one clause, or as two where a leading subject asserts twice:
    "X said A and suggested B" / "X said A, adding that B"."""
    if found is None or found.pattern not in ("leading", "trailing", "colon"):
        return [Clause(start, end, found)]
    search_from = found.descriptor_end - start if found.pattern != "trailing" else 0
    for match in _SECOND_CLAUSE.finditer(masked, search_from):
        verb = match.group(2)
        if match.group(1).strip() == "," and verb not in ("adding",):
            continue
        if found.pattern == "trailing" and verb != "adding":
            continue
        cut = match.start()
        first_end = start + strip_span(masked, 0, cut)[1]
        second_start = start + match.start(2)
        if first_end - start < 10:
            continue
        return [
            Clause(start, first_end, found),
            Clause(second_start, end, found, continuation=True),
        ]
    return [Clause(start, end, found)]
