"""Russian "Как сообщили в X, ..." and "Об этом заявил X." (which attributes the sentence before)."""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import statement_in, strip_span
from claimtracker.assistant.attribution.trailing import speaker_after

_RUSSIAN_PREPOSITION = re.compile(r"(?:в|во|на|у)\s+")
_RUSSIAN_AS = re.compile(r"\s*(?P<as>[Кк]ак)\s+([а-яё]+)\s+([^,]+),")
_RUSSIAN_BACK = re.compile(
    r"\s*(?:"
    + "|".join(re.escape(p) for p in cues.RUSSIAN_BACK_REFERENCE)
    + r")\s+(?:\w+\s+){0,3}?([а-яё]+)\b",
    re.IGNORECASE,
)


def russian_as(text: str, base: int, masked: str) -> Attribution | None:
    """ "Как сообщили в Министерстве обороны России, ..." and "Об этом заявил ... X." """
    match = _RUSSIAN_AS.match(masked)
    if match and match.group(2) in cues.RUSSIAN_REPORTING_VERBS:
        np_start, np_end = match.start(3), match.end(3)
        inner = _RUSSIAN_PREPOSITION.match(masked[np_start:np_end])
        if inner:
            np_start += inner.end()
        content_start, content_end = strip_span(masked, match.end(), len(masked), " \t\n.!?")
        return Attribution(
            speaker_start=base + np_start,
            speaker_end=base + np_end,
            descriptor_start=base + match.start("as"),
            descriptor_end=base + match.end(3),
            cue=match.group(2),
            pattern="as",
            content_start=base + content_start,
            content_end=base + content_end,
        )
    back = _RUSSIAN_BACK.match(masked)
    if back and back.group(1) in cues.RUSSIAN_REPORTING_VERBS:
        end = strip_span(masked, back.end(1), len(masked), " \t\n.!?")[1]
        np = speaker_after(text, base, masked, back.end(1), end)
        if np is None:
            return None
        return Attribution(
            speaker_start=np[0],
            speaker_end=np[1],
            descriptor_start=base + strip_span(masked, 0, len(masked))[0],
            descriptor_end=base + end,
            cue=back.group(1),
            pattern="back",
            content_start=base,
            content_end=base,
            statement=statement_in(masked, 0, len(masked)),
        )
    return None
