"""English side clauses that hand a sentence to someone named inside them.

"As X said": the writer takes a view over from someone and names them.

"As the report notes, turnout fell." and "Turnout fell, as the report notes." both attribute
"turnout fell" to the report. Only a clause whose verb reports speech or writing counts, and only
when nothing but a short time or place phrase follows the verb: "as the company reported losses"
(an "as" of time) is no attribution.

The sentence is matched with its quoted words blanked out (see :func:`quotes.quote_mask`), so a
quote after the clause ('As Ada Kowal said, "..."') is content, never part of the clause.

"Noting that ..., X said": a leading participle clause is the view of the main clause's subject
("After saying he would stay, Kowal left" too).

"... than aides say he deserves", "the place officials say the town might ...": a plural source
noun and "say" inside a clause speak the rest of the sentence.

"With X saying ...": a poll share or a group speaks in an absolute clause ("Turnout fell, with 30
percent of voters saying they would stay home"); what follows the participle is theirs.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimtracker.assistant.cues import DESCRIBED_SOURCE_HEADS

#: Verbs of an "as" clause, in the forms news copy uses; "put it" stands for "as one analyst put it".
_VERBS = (
    "said|says|wrote|writes|noted|notes|reported|reports|explained|explains|argued|argues"
    "|observed|observes|pointed out|points out|put it|puts it|told|tells|warned|warns"
    "|claimed|claims|predicted|stated|states|recalled|recalls|acknowledged|acknowledges"
    "|admitted|admits|emphasized|emphasised|stressed|stresses|concluded|concludes"
    "|reminded|remarked|indicated|suggested|suggests|documented|detailed|revealed|tweeted"
    # plural subjects: "as critics say", "as supporters point out", "as analysts put it"
    "|say|write|note|report|explain|argue|observe|point out|put it|tell|warn|claim|state"
    "|recall|acknowledge|admit|stress|conclude|suggest|contend|contends|insist|insists"
)
#: Words that may stand between the subject and the verb: "as she has often said".
_BETWEEN = (
    r"(?:(?:has|have|had|once|also|previously|recently|later|first|often|repeatedly|rightly"
    r"|famously|memorably|correctly|accurately|aptly|herself|himself|itself|themselves"
    r"|first|already|so|well)\s+){0,3}"
)
#: What may follow the verb: a time or place phrase, or the hearer of "told".
_AFTER_VERB = (
    r"(?:\s+(?:me|us|him|her|them|reporters|journalists|[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}))?"
    r"(?:\s+(?:in|on|at|last|this|earlier|before|after|during|to|with|for|when|via)\b"
    r"[^,:;_]{0,60}?)?"
)
#: A subject: a pronoun, a capitalised name or title, or a noun phrase after a determiner.
_SUBJECT = (
    r"(?P<speaker>(?:he|she|they|we|I|you"
    r"|(?:(?:the|a|an|his|her|their|its|our|one|many|some|most|several|other)\s+)"
    r"(?:[\w.'’\-]+\s+){0,5}?[\w.'’\-]+"
    r"|[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|of|de|van|von|al|bin))*?(?:'s|’s)?"
    r"(?:\s+[a-z][\w\-]*){0,2}?))"
)
_CLAUSE = (
    r"(?P<as>[Aa]s)\s+" + _SUBJECT + r"\s+" + _BETWEEN + r"(?P<cue>" + _VERBS + r")\b" + _AFTER_VERB
)
_LEADING = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|Indeed|Now|Again)\s*,?\s+)?" + _CLAUSE + r"\s*[,:]\s*"
)
_TRAILING = re.compile(r"\s*,\s+" + _CLAUSE + r"\s*[.!?]?[\"”’']?\s*$")
#: What every match of ``_TRAILING`` holds; a literal comma first, so it is a fast scan.
_TRAILING_AS = re.compile(r",\s+[Aa]s\s")
_WITH = re.compile(
    r"(?:^|[\s,;—–\-])with\s+(?P<speaker>(?:\d[\d.,]*|half|most|many|some|several|a majority|majorities|nearly|about|almost|only|just|the|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|[A-Z][\w.'’\-]*)(?:\s+[\w.'’%\-]+){0,7}?)\s+"
    r"(?P<cue>saying|arguing|predicting|insisting|claiming|warning|noting|reporting|complaining"
    r"|tweeting|writing|telling)\b"
)
#: A share of a poll's respondents saying something, with or without "with": "... left 62
#: percent of voters saying race relations are worse", "the share of members saying ...".
_SHARE = re.compile(
    r"(?:^|(?<=[\s,;—–(]))(?P<speaker>(?:\d[\d.,]*\s*(?:percent|per\s+cent|%)"
    r"|(?:[Aa]|[Tt]he)\s+(?:majority|share|proportion|plurality|number)|most|half|a\s+third"
    r"|a\s+quarter|two-thirds|three-quarters)\s+of\s+(?:[\w'’\-]+\s+){0,4}?[\w'’\-]+)\s+"
    r"(?P<cue>saying)\b"
)
#: A sign, a message or a shirt "that said" a quote: "... by a message that said, "..."".
_THAT_SAID = re.compile(
    r"(?<![\w'’])(?P<speaker>(?:(?:a|an|the|one|two|three|their|his|her|its)\s+)?"
    r"(?:[\w'’\-]+\s+){0,2}[a-z][\w'’\-]*)\s+that\s+(?P<cue>said|says|read|reads)\s*[,:]?\s*"
    r"(?=[\"“‘'«]_)"
)
_NOT_A_NOUN_PHRASE = frozenset(
    "out up off by of in on at to from with for into onto over under about".split()
)
_LEADING_PARTICIPLE = re.compile(
    r"\s*(?:(?:After|While|Since|In|By|Before|Having|When|Even|Though|Although)\s+)?"
    r"(?P<cue>[Nn]oting|[Dd]eclaring|[Ss]aying|[Aa]rguing|[Ii]nsisting|[Ww]arning|[Cc]laiming"
    r"|[Aa]cknowledging|[Ss]tressing|[Aa]nnounc(?:ing|ed)|[Aa]sserting|[Pp]redicting|[Ee]xplaining"
    r"|[Cc]harging|[Cc]ontending|[Ss]uggesting|[Cc]omplaining|[Cc]onceding|[Aa]dmitting"
    r"|[Pp]romising|[Vv]owing|[Pp]ledging|[Rr]ecalling|[Rr]eiterating|[Ee]mphasi[sz]ing"
    r"|[Tt]elling\s+(?:reporters|supporters|voters|the\s+\w+|[a-z]+))\b"
)
_EMBEDDED_SAY = re.compile(
    r"(?<=[a-z,] )(?P<speaker>(?:(?:many|some|most|other|former|senior|top|[A-Z][\w.'’\-]*)\s+)"
    r"{0,3}(?P<head>[a-z]+))\s+(?P<cue>say|said|believe|contend|insist|estimate|predict)\s+"
    r"(?!that\b|so\b|no\b|yes\b)"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d.,]*|_+")
_MIN_CONTENT_WORDS = 3


class SideClause(NamedTuple):
    """Offsets into the matched (masked) sentence."""

    speaker: tuple[int, int]
    descriptor: tuple[int, int]
    cue: str
    content: tuple[int, int]


def _content(masked: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and masked[start] in " \t\n,;:":
        start += 1
    while end > start and masked[end - 1] in " \t\n.!?,;:":
        end -= 1
    if "_" not in masked[start:end] and len(_WORD.findall(masked, start, end)) < _MIN_CONTENT_WORDS:
        return None
    return start, end


def _as_clause(found: re.Match[str], content: tuple[int, int]) -> SideClause:
    return SideClause(
        found.span("speaker"),
        (found.start("as"), found.end("cue")),
        found.group("cue").lower(),
        content,
    )


def find_as_clause(masked: str) -> SideClause | None:
    """The "as X said" clause that attributes the rest of ``masked``, if any."""
    leading = _LEADING.match(masked)
    if leading is not None:
        content = _content(masked, leading.end(), len(masked))
        if content is not None:
            return _as_clause(leading, content)
    if _TRAILING_AS.search(masked) is None:
        return None  # no ", as": the search below would try every offset for nothing
    for trailing in _TRAILING.finditer(masked):
        content = _content(masked, 0, trailing.start())
        if content is not None:
            return _as_clause(trailing, content)
    return None


def find_leading_participle(masked: str) -> tuple[str, int] | None:
    """The cue and where its content starts, when ``masked`` opens with a reporting participle
    ("Noting that ...", "After saying ..."); the main clause after it names the speaker."""
    found = _LEADING_PARTICIPLE.match(masked)
    if found is None:
        return None
    return found.group("cue").lower(), found.end()


def find_with_clause(masked: str) -> SideClause | None:
    """The "with X saying ..." clause of ``masked``, if any: X speaks what follows the verb; a
    poll share "saying" speaks it with or without "with"."""
    found = (_WITH.search(masked) if "with" in masked else None) or (
        _SHARE.search(masked) if "saying" in masked else None
    )
    if found is None:
        return None
    content = _content(masked, found.end(), len(masked))
    if content is None:
        return None
    return SideClause(
        found.span("speaker"),
        (found.start("speaker"), found.end("cue")),
        found.group("cue").lower(),
        content,
    )


def find_embedded_say(masked: str) -> SideClause | None:
    """A plural source noun saying the rest of the sentence from inside it ("less credit than
    aides say he deserves"); only a source noun, so "the bills say" is no speaker."""
    for found in _EMBEDDED_SAY.finditer(masked):
        if found.group("head") not in DESCRIBED_SOURCE_HEADS or not found.group("head").endswith(
            "s"
        ):
            continue
        content = _content(masked, found.end(), len(masked))
        if content is None:
            continue
        return SideClause(
            found.span("speaker"),
            (found.start("speaker"), found.end("cue")),
            found.group("cue").lower(),
            content,
        )
    return None


def find_that_said(masked: str) -> SideClause | None:
    """ "... replaced by a message that said, "..."": the thing that said the quote speaks it
    (only with the quote right after the verb, so "the plan that said little" is no speech)."""
    if " that " not in masked:
        return None
    found = _THAT_SAID.search(masked)
    if found is None:
        return None
    content = _content(masked, found.end(), len(masked))
    if content is None:
        return None
    start, end = found.span("speaker")
    for word in _WORD.finditer(masked, start, end):
        lowered = word.group().lower()
        if lowered not in _NOT_A_NOUN_PHRASE and not (lowered.endswith("ed") and word.end() < end):
            break
        start = word.end() + 1  # "handed out water bottles that said": "water bottles"
    if start >= end:
        return None
    return SideClause((start, end), (start, found.end("cue")), found.group("cue"), content)
