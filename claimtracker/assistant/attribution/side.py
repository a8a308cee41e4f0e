"""Attributions from the side clauses that :mod:`side_clauses` finds: "As the report notes, ...",
"..., with 30 percent of voters saying ...", "Noting that ..., X called for ...", "... than aides
say he deserves".
"""

from __future__ import annotations

from claimtracker.assistant.attribution.main_clause import _main_subject
from claimtracker.assistant.attribution.phrases import looks_like_subject
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import _words, strip_span
from claimtracker.assistant.attribution.verbs import Verb
from claimtracker.assistant.attribution.vocabulary import MIN_WHO_CONTENT_WORDS
from claimtracker.assistant.colon_forms import find_colon_form
from claimtracker.assistant.side_clauses import (
    SideClause,
    find_as_clause,
    find_embedded_say,
    find_leading_participle,
    find_that_said,
    find_with_clause,
)


def participle_first(text: str, base: int, masked: str) -> Attribution | None:
    """ "Noting that the levy failed, Kowal called for ...": the main clause's subject speaks
    the participle's content (see :mod:`side_clauses`)."""
    found = find_leading_participle(masked)
    if found is None:
        return None
    cue, content_start = found
    subject = _main_subject(masked, text[base : base + len(masked)], len(masked))
    if subject is None or subject[2] <= content_start:
        return None
    c_start, c_end = strip_span(masked, content_start, subject[2])
    if len(_words(masked, c_start, c_end)) < MIN_WHO_CONTENT_WORDS:
        return None
    return Attribution(
        speaker_start=base + subject[0],
        speaker_end=base + subject[1],
        descriptor_start=base + subject[2],
        descriptor_end=base + subject[1],
        cue=cue,
        pattern="leading",
        content_start=base + c_start,
        content_end=base + c_end,
    )


def embedded_say(base: int, masked: str) -> Attribution | None:
    """ "... than aides say he deserves" (see :mod:`side_clauses`)."""
    found = find_embedded_say(masked)
    return None if found is None else _side_attribution(base, found)


def with_saying(base: int, masked: str) -> Attribution | None:
    """ "..., with 30 percent of voters saying ..." (see :mod:`side_clauses`)."""
    found = find_with_clause(masked)
    if found is None or not looks_like_subject(masked, *found.speaker):
        return None
    return _side_attribution(base, found)


def english_as(base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """ "As the report notes, ..." and "..., as Ada Kowal said." (see :mod:`side_clauses`).

    A trailing clause after a reporting verb of the sentence's own ("X said ..., as some had
    suggested") leaves the sentence to that verb.
    """
    found = find_as_clause(masked)
    if found is None or not looks_like_subject(masked, *found.speaker):
        return None
    trailing = found.content[0] < found.descriptor[0]
    if trailing and any(v.start < found.descriptor[0] for v in verbs):
        return None
    return _side_attribution(base, found)


def _side_attribution(base: int, found: SideClause) -> Attribution:
    return Attribution(
        speaker_start=base + found.speaker[0],
        speaker_end=base + found.speaker[1],
        descriptor_start=base + found.descriptor[0],
        descriptor_end=base + found.descriptor[1],
        cue=found.cue,
        pattern="as",
        content_start=base + found.content[0],
        content_end=base + found.content[1],
    )


def colon_form(base: int, masked: str) -> Attribution | None:
    """ "From the report: "..."", "Here's X in May: "..."" (see :mod:`colon_forms`)."""
    found = find_colon_form(masked)
    if found is None or not looks_like_subject(masked, *found.speaker):
        return None
    return _side_attribution(base, found)


def that_said(base: int, masked: str) -> Attribution | None:
    """ "... a message that said, "..."" (see :mod:`side_clauses`)."""
    found = find_that_said(masked)
    if found is None or not looks_like_subject(masked, *found.speaker):
        return None
    return _side_attribution(base, found)
