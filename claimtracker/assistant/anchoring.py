"""The words an accepted suggestion's claim is tied to, and claims already made on them.

A claim's quote and its highlight in the reader are one and the same stretch of the source: the
quoted words where the suggestion has a quote (from the first quoted fragment to the last, so
that "a provocation" … "a lie" stays verbatim), else the suggestion's whole sentence or clause.

A suggestion repeats a claim already made when the two share most of their words: at least half
of the shorter of the two stretches (a claim made by hand on the quote inside the sentence, the
claim an earlier run of the assistant made from the same sentence, or the same suggestion
accepted before).
"""

from __future__ import annotations

from collections.abc import Mapping

from claimtracker.assistant.suggestion import Suggestion

#: Share of the shorter stretch that two stretches must have in common to be the same words.
SAME_WORDS_SHARE = 0.5

Span = tuple[int, int]


def claim_span(suggestion: Suggestion) -> Span:
    """Where the claim made from ``suggestion`` is anchored, and so what its quote holds."""
    if not suggestion.quote:
        return suggestion.start, suggestion.end
    fragments = [part.strip() for part in suggestion.quote.split("…") if part.strip()]
    first: int | None = None
    last = 0
    for fragment in fragments:
        found = suggestion.text.find(fragment, last)
        if found < 0:
            return suggestion.start, suggestion.end
        if first is None:
            first = found
        last = found + len(fragment)
    if first is None:
        return suggestion.start, suggestion.end
    return suggestion.start + first, suggestion.start + last


def same_words(a: Span, b: Span) -> bool:
    """Whether two stretches of one source share at least half of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and shared >= SAME_WORDS_SHARE * shorter


def claim_on_same_words(span: Span, claims: Mapping[Span, int]) -> int:
    """The claim (id) of ``claims`` (anchor → id) already made on ``span``'s words; 0 if none.

    An exact match wins; otherwise the claim sharing the most words.
    """
    exact = claims.get(span)
    if exact:
        return exact
    best, best_shared = 0, 0
    for anchor, claim_id in claims.items():
        if same_words(span, anchor):
            shared = min(span[1], anchor[1]) - max(span[0], anchor[0])
            if shared > best_shared:
                best, best_shared = claim_id, shared
    return best
