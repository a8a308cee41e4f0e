""" "according to X" anywhere in the sentence, and Russian "по словам X", "по данным X" and "по его
словам".
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.phrases import is_name_chunk
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import statement_in, strip_span
from claimtracker.assistant.sentences import is_abbreviation

_RUSSIAN_POSSESSIVE_ACCORDING = re.compile(
    r"(?<!\w)по\s+(его|ее|её|их)\s+(?:словам|мнению|данным|оценке|оценкам|информации|сведениям)(?!\w)",
    re.IGNORECASE,
)


_ACCORDING = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in cues.ACCORDING_TO) + r")(?!\w)"
)


#: A dash that opens an aside after the source: "according to the tax office - half of ...".
_DASH_ASIDE = re.compile(r" (?:--?|[—–]) ")


def _abbreviation_at(masked: str, start: int, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation inside the source ("according to
    U.S. Census data", "according to Dr. Hale") and a word follows it."""
    word = masked[start:stop].rsplit(None, 1)[-1] if masked[start:stop].strip() else ""
    after = masked[stop + 1 :].split(None, 1)
    return bool(word and after) and is_abbreviation(word + ".", after[0])


def according(text: str, base: int, masked: str) -> Attribution | None:
    lowered = masked.lower()
    # "п" is the one letter the Russian form must hold (no other letter folds to it): most
    # sentences skip the search.
    pronoun = _RUSSIAN_POSSESSIVE_ACCORDING.search(masked) if "п" in lowered else None
    if pronoun is not None:
        at_start = not masked[: pronoun.start()].strip()
        content = (pronoun.end(), len(masked)) if at_start else (0, pronoun.start())
        c_start, c_end = strip_span(masked, *content, " \t\n,.!?")
        return Attribution(
            speaker_start=base + pronoun.start(1),
            speaker_end=base + pronoun.end(1),
            descriptor_start=base + pronoun.start(),
            descriptor_end=base + pronoun.end(),
            cue=text[base + pronoun.start() : base + pronoun.end()],
            pattern="according",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    if not any(phrase in lowered for phrase in cues.ACCORDING_TO):
        return None  # the common case: no "according to" to look for
    for match in _ACCORDING.finditer(lowered):
        np_start = match.end()
        stop = len(masked)
        for k in range(np_start, len(masked)):
            if (
                masked[k] in ",;"
                or (
                    masked[k] in ".!?"
                    and masked[k + 1 : k + 2] in ("", " ", "\n")
                    and not _abbreviation_at(masked, np_start, k)
                )
                or _DASH_ASIDE.match(masked, k)
            ):
                stop = k
                break
        np_start, np_end = strip_span(masked, np_start, stop)
        if np_end <= np_start:
            continue
        at_start = not masked[: match.start()].strip(' \t\n"“«')
        descriptor_end = np_end
        speaker_end = np_end
        if not at_start:
            # Trailing: the descriptor runs to the end, relative clause included; a name in
            # apposition ("the publisher, Harbour Books.") is the speaker.
            tail_start, tail_end = strip_span(masked, np_end, len(masked), ' \t\n,;.!?"”»')
            if tail_end > tail_start and is_name_chunk(text, base + tail_start, base + tail_end):
                speaker_end = tail_end
            descriptor_end = strip_span(masked, np_start, len(masked), " \t\n,;.!?")[1]
        content = (stop + 1, len(masked)) if at_start else (0, match.start())
        c_start, c_end = strip_span(masked, *content)
        return Attribution(
            speaker_start=base + np_start,
            speaker_end=base + speaker_end,
            descriptor_start=base + match.start(),
            descriptor_end=base + descriptor_end,
            cue=text[base + match.start() : base + match.end()],
            pattern="according",
            content_start=base + c_start,
            content_end=base + c_end,
            statement=statement_in(masked, 0, len(masked)),
        )
    return None
