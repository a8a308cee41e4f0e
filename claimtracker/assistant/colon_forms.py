"""Colons that hand a quote to a source the other rules do not see.

News copy often introduces a quote with a colon and no reporting verb:

- "From the report: "..."", "More from Ada Kowal: "..."": the source follows "from";
- "Here's Kowal in May 2019: "..."": a speaker shown saying something at some time;
- "HARBOR LEVY DIVIDES THE TOWN - Ada Kowal and Bo Lund: "..."": a digest names the author
  of each quoted piece after a dash (or at the start, when the dash was read as a dateline);
- "Former harbor master Ada Kowal:"..."": a title before the name, and no space before the quote.

Each form needs a quote right after the colon (the sentence is matched with its quoted words
blanked out, see :func:`quotes.quote_mask`), so a headline's "Update: ..." or a list's "Result:
..." is never taken for speech. The match is a :class:`side_clauses.SideClause`: offsets into the
masked sentence.
"""

from __future__ import annotations

import re

from claimtracker.assistant.cues import words
from claimtracker.assistant.side_clauses import SideClause

_QUOTE_NEXT = r"\s*:\s*(?=[\"“‘'«]?_)"
_NAME = r"[A-Z][\w.'’\-]*"
_NAME_RUN = _NAME + r"(?:\s+(?:" + _NAME + r"|de|van|von|al|bin|and))*?"

_FROM = re.compile(
    r"\s*(?:More\s+from|Also\s+from|From)\s+"
    r"(?P<speaker>(?:(?:the|a|an)\s+)?[\w.'’\-]+(?:\s+[\w.'’\-]+){0,5}?)" + _QUOTE_NEXT
)
_HERE = re.compile(
    r"\s*Here(?:'s|’s|\s+is)\s+(?P<speaker>" + _NAME_RUN + r")"
    r"(?:\s+(?:in|on|at|during|last|this)\s+[^:_\"“]{1,40}?)?" + _QUOTE_NEXT
)
_AFTER_DASH = re.compile(
    r"(?:^\s*|\s(?:-|--|—|–)\s+)(?:(?:More\s+)?[Ff]rom\s+)?(?P<speaker>"
    + _NAME_RUN
    + r")"
    + _QUOTE_NEXT
)
#: Lower-case title words before the name; no preposition, so "In a note to The Gazette:" is
#: no speaker.
_TITLED = re.compile(
    r"\s*(?:(?:[Ff]ormer|[Ff]uture|[Ll]ate)\s+)?(?:(?:[a-z][\w\-]*|of)\s+){0,5}"
    r"(?P<speaker>" + _NAME + r"(?:\s+" + _NAME + r"){1,3})\s*:(?=[\"“]_)"
)
#: Words that label a page or a list, not a source, before a colon.
_LABELS = words(
    """
    update updates note editor photo video watch related read source correction clarification
    breaking exclusive analysis opinion also see transcript full partial here this that result
    results question answer q a live summary
    """
)
_PREPOSITIONS = words("in at to from on with by for after before during about into")
_MAX_SPEAKER_WORDS = 6


def _content(masked: str, start: int) -> tuple[int, int] | None:
    end = len(masked)
    while start < end and masked[start] in " \t\n:":
        start += 1
    while end > start and masked[end - 1] in " \t\n.!?":
        end -= 1
    return (start, end) if "_" in masked[start:end] else None


def _speaker_ok(phrase: str, titled_prefix: str = "") -> bool:
    lowered = [w.lower().strip(".'’") for w in phrase.split()]
    if not lowered or len(lowered) > _MAX_SPEAKER_WORDS or lowered[0] in _LABELS:
        return False
    return not any(w in _PREPOSITIONS for w in titled_prefix.lower().split())


def find_colon_form(masked: str) -> SideClause | None:
    """The source a colon hands the quote after it to (see the module's forms), if any."""
    if ":" not in masked:
        return None
    for pattern in (_FROM, _HERE, _TITLED):
        found = pattern.match(masked)
        if found is None:
            continue
        prefix = masked[found.start() : found.start("speaker")] if pattern is _TITLED else ""
        if not _speaker_ok(found.group("speaker"), prefix):
            continue
        content = _content(masked, found.end())
        if content is None:
            continue
        return SideClause(found.span("speaker"), (found.start(), found.end()), ":", content)
    for found in _AFTER_DASH.finditer(masked):
        if not _speaker_ok(found.group("speaker")):
            continue
        content = _content(masked, found.end())
        if content is not None:
            return SideClause(
                found.span("speaker"), (found.start("speaker"), found.end()), ":", content
            )
    return None
