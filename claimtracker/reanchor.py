"""Finding an anchor again in a corrected text, or saying honestly that it is lost.

When a source's text is replaced by a corrected version, each claim's TextQuoteSelector
(exact words plus the context either side) is looked for in the new text:

1. the exact words, where exactly one occurrence has the old context (or there is only one);
2. the same words with different spacing or line breaks;
3. a slightly corrected version of the words (a fixed typo), but only between the old prefix
   and suffix, both found unambiguously, and very similar to the old words.

Anything less certain is an orphan: the claim keeps its quote and the analyst places it. An
anchor is never moved to a lookalike passage elsewhere in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from claimtracker.anchors import Anchor, anchor_at, occurrences

#: How similar corrected words must be to the old ones to follow them (difflib ratio).
MIN_SIMILARITY = 0.85
#: Context characters that must agree for an occurrence to count as "the" place.
MIN_CONTEXT = 8


@dataclass(frozen=True, slots=True)
class Relocation:
    anchor: Anchor | None
    how: str  # "exact", "spacing", "corrected", or "orphan"
    reason: str = ""


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _exact(text: str, exact: str, prefix: str, suffix: str) -> Relocation | None:
    places = occurrences(text, exact)
    if not places:
        return None
    if len(places) == 1:
        start = places[0]
        return Relocation(anchor_at(text, start, start + len(exact)), "exact")
    scores = sorted(
        ((_context_score(text, p, p + len(exact), prefix, suffix), p) for p in places), reverse=True
    )
    (best, start), (second, _) = scores[0], scores[1]
    if best >= MIN_CONTEXT and best > second:
        return Relocation(anchor_at(text, start, start + len(exact)), "exact")
    return Relocation(
        None, "orphan", f"the words occur {len(places)} times and the context does not tell which"
    )


def _spacing_pattern(exact: str) -> re.Pattern[str]:
    words = exact.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def _spacing(text: str, exact: str, prefix: str, suffix: str) -> Relocation | None:
    if not exact.split():
        return None
    matches = list(_spacing_pattern(exact).finditer(text))
    if len(matches) == 1:
        match = matches[0]
        return Relocation(anchor_at(text, match.start(), match.end()), "spacing")
    if len(matches) > 1:
        scored = sorted(
            (
                (_context_score(text, m.start(), m.end(), prefix, suffix), m.start(), m.end())
                for m in matches
            ),
            reverse=True,
        )
        if scored[0][0] >= MIN_CONTEXT and scored[0][0] > scored[1][0]:
            return Relocation(anchor_at(text, scored[0][1], scored[0][2]), "spacing")
    return None


def _unique(text: str, needle: str) -> int | None:
    places = occurrences(text, needle) if needle else []
    return places[0] if len(places) == 1 else None


def _corrected(text: str, exact: str, prefix: str, suffix: str) -> Relocation | None:
    """The words between the old prefix and suffix, if both are found and the words changed a little."""
    if len(prefix) < MIN_CONTEXT or len(suffix) < MIN_CONTEXT:
        return None
    before = _unique(text, prefix)
    if before is None:
        return None
    start = before + len(prefix)
    after = text.find(suffix, start)
    if after == -1 or _unique(text[start:], suffix) is None:
        return None
    candidate = text[start:after]
    if not candidate.strip() or len(candidate) > 2 * len(exact) + 20:
        return None
    if SequenceMatcher(None, exact, candidate, autojunk=False).ratio() < MIN_SIMILARITY:
        return None
    return Relocation(anchor_at(text, start, after), "corrected")


def relocate(new_text: str, exact: str, prefix: str = "", suffix: str = "") -> Relocation:
    """Where the anchored words ``exact`` are in ``new_text``, or an orphan with the reason."""
    if not exact:
        return Relocation(None, "orphan", "the claim had no anchored words")
    found = _exact(new_text, exact, prefix, suffix)
    if found is not None and found.anchor is not None:
        return found
    if found is None:
        found = _spacing(new_text, exact, prefix, suffix) or _corrected(
            new_text, exact, prefix, suffix
        )
        if found is not None:
            return found
        return Relocation(None, "orphan", "the words are no longer in the text")
    return found
