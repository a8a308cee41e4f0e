"""Colon forms: a name before a colon ("Kowal: ...", a name on a topic) and a verb before a colon
and a quote ('Mr. Brandt gloated: "..."').
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.main_clause import _main_subject, trailing_name
from claimtracker.assistant.attribution.phrases import looks_like_subject
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import (
    ALL_REPORTING_VERBS,
    _tokens,
    _words,
    strip_span,
)
from claimtracker.assistant.attribution.vocabulary import ADVERBIAL_STARTERS, NOUN_MARKERS
from claimtracker.assistant.cues import words

#: A colon and the quote it opens: 'Mr. Brandt gloated: "I told you so."'.
_COLON_THEN_QUOTE = re.compile(r":[ \t]*(?=[\"“‘'«_])")
_CUE_BEFORE_COLON = re.compile(
    r"(?<![\w'’\-])([a-z][a-z'’\-]*(?:[ \t]+(?:back|in|on|up|out|further))?)[ \t]*$"
)
#: Verbs after which a name before the colon is whom the subject addressed, not the speaker.
_ADDRESSED = words("asked asks ask told tells tell")


def verb_colon_quote(text: str, base: int, masked: str) -> Attribution | None:
    """ "Mr. Brandt gloated: \"...\"", "he demurred: \"...\"", "X then leaned in and boomed:
    \"...\"": a clause whose subject and verb come before a colon that opens a quote; the
    verb need not be a reporting verb, the quote says it is speech."""
    colon = _COLON_THEN_QUOTE.search(masked)
    if colon is None or "_" not in masked[colon.end() :]:
        return None
    subject = _main_subject(masked, text[base : base + len(masked)], colon.start())
    if subject is None:
        return None
    s_start, s_end, d_start = subject
    if not looks_like_subject(masked, s_start, s_end):
        return None
    verb = _CUE_BEFORE_COLON.search(masked, s_end, colon.start())
    c_start, c_end = strip_span(masked, colon.end(), len(masked), " \t\n.!?")
    if c_end - c_start < 3:
        return None
    named = trailing_name(masked, s_end, colon.start()) if verb is None else None
    if named is not None and not any(
        t.lower in ALL_REPORTING_VERBS or t.lower in _ADDRESSED
        for t in _tokens(masked[: named[0]])
        if t.start >= s_end
    ):
        # "The surge does not surprise pollster Bob Hale: \"...\"": the name before the colon
        # speaks; the main clause only says what the quote is about.
        s_start, s_end, d_start = named[0], named[1], named[0]
    return Attribution(
        speaker_start=base + s_start,
        speaker_end=base + s_end,
        descriptor_start=base + d_start,
        descriptor_end=base + colon.start(),
        cue=verb.group(1) if verb else ":",
        pattern="leading",
        content_start=base + c_start,
        content_end=base + c_end,
    )


#: "PENCE: We will ...", "Marco Rubio: I'm not interested ...", "Poll: Clinton leads ...":
#: a speaker of up to four capitalised words, a colon, then what they say.
#: "Kowal:", "Ada Kowal:", and a side or a paper's piece after the name: "Kowal camp:".
_NAME_COLON = re.compile(
    r"(?P<speaker>[A-Z][\w.\-]*(?:[ \t]+[A-Z][\w.\-]*){0,2}"
    r"(?:[ \t]+(?:camp|campaign|team|aides|allies|editorial))?):[ \t]+(?=\S)"
)
#: Words before a colon that label the page, not a speaker.
_COLON_LABELS = words(
    """
    note update updated editor editors photo photos video watch related read source sources
    correction clarification breaking exclusive analysis opinion also plus see click sign follow
    transcript full partial here this that these there it what why how when where who q a
    warning disclosure live caption credit image graphic chart map topics tags share summary
    email e-mail phone contact remember latest stat
    """
)
_MIN_COLON_CONTENT_WORDS = 3


#: A headline that names its speaker and a topic: "Kowal on the Harbor Vote: 'We Will Win.'".
_NAME_ON_TOPIC_COLON = re.compile(
    r"(?P<speaker>[A-Z][\w.\-’']*(?:[ \t]+[A-Z][\w.\-’']*){0,3})[ \t]+"
    r"(?:on|On|to|To|at|At)[ \t]+[^:_]{3,80}?:[ \t]+(?=\S)"
)


def name_colon(text: str, base: int, masked: str) -> Attribution | None:
    if ":" not in masked:
        return None  # both forms need the colon
    match = _NAME_COLON.match(masked) or _NAME_ON_TOPIC_COLON.match(masked)
    if match is None:
        return None
    speaker = match.group("speaker")
    first = speaker.split()[0].lower().rstrip(".'’")
    if (
        first in _COLON_LABELS
        or first in ADVERBIAL_STARTERS
        or first in NOUN_MARKERS
        or (
            first in cues.REPORTING_VERBS
            and not (speaker.isalpha() and first in cues.DOCUMENT_HEADS)
        )
    ):
        return None  # but "Report: ..." heads a story with what a report says
    c_start, c_end = strip_span(masked, match.end(), len(masked), " \t\n.!?")
    if len(_words(text[base : base + len(masked)], c_start, c_end)) < _MIN_COLON_CONTENT_WORDS:
        return None
    if masked.rstrip(" \t\n\"”’'").endswith("?"):
        return None  # "Ted Cruz: Conservative or career politician?": a headline's question
    return Attribution(
        speaker_start=base + match.start("speaker"),
        speaker_end=base + match.end("speaker"),
        descriptor_start=base + match.start("speaker"),
        descriptor_end=base + match.end("speaker") + 1,
        cue=":",
        pattern="name-colon",
        content_start=base + c_start,
        content_end=base + c_end,
    )
