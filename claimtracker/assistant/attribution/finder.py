"""The order in which the forms are tried on a sentence (:func:`find`,
:func:`find_without_colon`), and headlines in title case ("Former Pollster Says ...").
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.according import according
from claimtracker.assistant.attribution.colons import name_colon, verb_colon_quote
from claimtracker.assistant.attribution.infinitive import infinitive_report
from claimtracker.assistant.attribution.leading import leading, said_first
from claimtracker.assistant.attribution.loose_subjects import (
    long_subject,
    name_before_verb,
    opening_name,
    phrase_before_that,
)
from claimtracker.assistant.attribution.passive import passive_by
from claimtracker.assistant.attribution.relatives import group_who_says, parenthetical, who_said
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.russian import russian_as
from claimtracker.assistant.attribution.side import (
    colon_form,
    embedded_say,
    english_as,
    participle_first,
    that_said,
    with_saying,
)
from claimtracker.assistant.attribution.tokens import _words
from claimtracker.assistant.attribution.trailing import _trailing
from claimtracker.assistant.attribution.verbs import _verbs


def find(text: str, start: int, end: int, masked: str) -> Attribution | None:
    """The attribution of the sentence ``text[start:end]``.

    ``masked`` is that slice with quoted words blanked out (see :func:`quotes.quote_mask`).
    """
    found = according(text, start, masked)
    if found is not None:
        return reporter_around(text, start, end, masked, found) or found
    found = name_colon(text, start, masked)
    if found is not None:
        return found
    return (
        find_without_colon(text, start, end, masked)
        or colon_form(start, masked)
        or that_said(start, masked)
    )


def reporter_around(
    text: str, start: int, end: int, masked: str, found: Attribution
) -> Attribution | None:
    """ "The Gazette reported, according to two aides, that ...", "Hale said that, according to
    its analysis, ...": a source cited between a reporting verb and what it reports is the
    reporter's; the reporter speaks."""
    if not masked[: found.descriptor_start - start].strip(' \t\n"“«'):
        return None  # "According to X, ...": the cited source leads the sentence
    # The cited source goes, with the commas around it: "reported that ...".
    a, b = found.descriptor_start - start, found.speaker_end - start
    a = len(masked[:a].rstrip())
    a -= masked[a - 1 : a] == ","
    b += len(masked[b:]) - len(masked[b:].lstrip())
    b += masked[b : b + 1] == ","
    cut = masked[:a] + " " * (b - a) + masked[b:]
    outer = find_without_colon(text, start, end, cut)
    if (
        outer is None
        or outer.pattern != "leading"
        or outer.cue.lower() not in cues.REPORTING_VERBS
        # The source cited between the verb and what it reports; "X said Y, according to Z"
        # is Z's account of what X said.
        or not outer.descriptor_end <= found.descriptor_start < outer.content_start
    ):
        return None
    return outer


def find_without_colon(text: str, start: int, end: int, masked: str) -> Attribution | None:
    """:func:`find` without a leading "Name:" (the caller judged it no speaker)."""
    found = said_first(text, start, masked)
    if found is not None:
        return found
    verbs = _verbs(masked)
    if not verbs and _is_title_case(masked):
        # A headline: "Former Pollster Says Clinton Is In Trouble".
        masked = _TITLE_VERB.sub(lambda m: m.group().lower(), masked)
        verbs = _verbs(masked)[:1]
    if not verbs:
        return (
            english_as(start, masked, [])
            or participle_first(text, start, masked)
            or russian_as(text, start, masked)
            or verb_colon_quote(text, start, masked)
        )
    return (
        english_as(start, masked, verbs)
        or with_saying(start, masked)
        or participle_first(text, start, masked)
        or _trailing(text, start, masked, verbs)
        or russian_as(text, start, masked)
        or leading(text, start, masked, verbs)
        or parenthetical(text, start, masked, verbs)
        or who_said(text, start, masked, verbs)
        or verb_colon_quote(text, start, masked)
        or name_before_verb(text, start, masked, verbs)
        or opening_name(text, start, masked, verbs)
        or passive_by(text, start, masked, verbs)
        or infinitive_report(text, start, masked, verbs)
        or phrase_before_that(text, start, masked, verbs)
        or group_who_says(text, start, masked, verbs)
        or long_subject(text, start, masked, verbs)
        or embedded_say(start, masked)
    )


_TITLE_VERB = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            w.capitalize()
            for w in cues.REPORTING_VERBS
            if (w.endswith(("s", "ed")) or w in ("said", "told", "wrote")) and w != "shows"
        )
    )
    + r")\b"
)
_MIN_TITLE_WORDS = 4
_LOWERCASE_LONG_WORD = re.compile(r"(?<![\w'’])[a-z]{4,}")


def _is_title_case(masked: str) -> bool:
    """Whether every word of four letters or more starts with a capital, as in a headline."""
    if _LOWERCASE_LONG_WORD.search(masked):
        return False
    long_words = [w for w in _words(masked, 0, len(masked)) if len(w) >= 4]
    return len(long_words) >= _MIN_TITLE_WORDS and all(w[0].isupper() for w in long_words)
