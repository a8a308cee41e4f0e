"""The speaker beside the words first taken for it.

"Sen. Ada Kowal (D-Harbor), a member of the ferry board, said ...": when the words found before
the reporting verb are only the apposition ("a member of the ferry board"), the speaker is the
name it describes, written just before it. "Most riders back the levy, and three-fourths say
...": when they are a whole clause and another subject stands between "and" and the verb, that
subject is the speaker.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimtracker.assistant.attribution import Attribution
from claimtracker.assistant.cues import words
from claimtracker.assistant.phrase_cut import only_fronted
from claimtracker.assistant.speakers import NameIndex, person_name

#: A name (titles and a party tag allowed) and an age, closed by a comma, at the end of ``before``.
_NAME_BEFORE = re.compile(
    r"(?P<name>(?:[A-Z][\w.'’\-]*\s+)*[A-Z][\w.'’\-]*(?:\s+\([A-Z][\w.,\-\s]{0,16}\))?)"
    r"(?:,\s*\d{1,3})?,\s*$"
)
_PARTY_TAG = re.compile(r"\s*\([^()]*\)$")
#: Lower-case words that start no apposition: a pronoun, a relative, a verb's adverb.
_NOT_APPOSITIONS = words("he she they we i it who which that whose what meanwhile however too")
#: Words that may open the sentence before the name: "But Sen. Kowal, ...", "As Ada Kowal, ...".
_CONNECTIVES = words("but and or as so yet still also then meanwhile however")
_NOT_ROLES = "|".join(("with", "by", "like", "for", "from", "of", "at", "in", "on", "about"))
#: What may stand before the name: the sentence start and connectives ("But", "Or, as"), or a
#: quote, colon, semicolon or dash that closes what came before; not a comma or a preposition,
#: after which a name is more often an object ("with hosts Ada Kowal and Tom Hale, the ...").
_CLAUSE_START = re.compile(
    r"(?:^(?:(?:but|and|or|as|so|yet|still|then),?\s+)*|[;:”\"—–]\s*|,''\s*)"
    r"(?:(?:state|former|retired|acting|late)\s+)?"
    # a role before the name after a closing quote: '"...," the historian Ada Kowal, a ...'
    r"(?:(?<=[”\"'] )the\s+(?!(?:" + _NOT_ROLES + r")\b)[a-z]+\s+)?$",
    re.I,
)


def _opens_clause(opening: str) -> bool:
    """Whether a name after ``opening`` starts its clause: after the sentence start, a
    connective or a closing quote (``_CLAUSE_START``), or after a fronted phrase and its comma
    ("In their new book, Ada Kowal and ...", "Friday on the radio, Sen. Ada Kowal ...")."""
    if _CLAUSE_START.search(opening):
        return True
    fronted = opening.rstrip()
    return fronted.endswith(",") and "," not in fronted[:-1] and only_fronted(fronted[:-1])


def _is_person(name: str, index: NameIndex) -> bool:
    found = person_name(name.split())
    if found is None:
        return False
    return len(name.split()) >= 2 or index.person(found) is not None


def named_speaker(text: str, start: int, found: Attribution, index: NameIndex) -> Attribution:
    """``found`` with its speaker moved from an apposition to the name it describes, when the
    sentence (starting at ``start``) writes that name beside it; else ``found`` itself."""
    found = _name_after_quote(text, found, index)
    phrase = text[found.speaker_start : found.speaker_end]
    first = phrase.split()[0] if phrase.split() else ""
    # ", a member of the board, said": the apposition is closed by a comma before the verb
    closed = "," in text[found.speaker_end : found.descriptor_end]
    # "a member of the board", "the fund's lawyer", "executive director of X": lower case
    if first.islower() and first not in _NOT_APPOSITIONS:
        before = text[start : found.speaker_start]
        match = _NAME_BEFORE.search(before)
        # "Sen. Ada Kowal (D-Harbor), a supporter of the levy told": after a party tag, an
        # apposition with "a" describes the senator even when its closing comma is missing.
        if match is not None and (closed or ("(" in match.group("name") and first in ("a", "an"))):
            name_words = match.group("name").split()
            while name_words and name_words[0].lower() in _CONNECTIVES:
                name_words = name_words[1:]
            name = " ".join(name_words)
            name_start = start + match.start("name") + match.group("name").find(name)
            name = _PARTY_TAG.sub("", name)  # "Sen. Ada Kowal (D-Harbor)": the party is no name
            opening = text[start:name_start]
            if name and _opens_clause(opening) and _is_person(name, index):
                name_end = name_start + len(name)
                return replace(
                    found,
                    speaker_start=name_start,
                    speaker_end=name_end,
                    descriptor_start=min(found.descriptor_start, name_start),
                )
    return _name_before_place(text, start, found, index)


#: A quote closed by its comma inside the words taken for the speaker: 'The plan "is a start,"
#: Ada Kowal, ...'; what follows it starts the speaker's own phrase.
_QUOTE_THEN_NAME = re.compile(r"[,?!][\"”’']{1,2}\s+(?=[A-Z])")


def _name_after_quote(text: str, found: Attribution, index: NameIndex) -> Attribution:
    """'The new fares "are a start," Ada Kowal, director for ports, ferries, and harbors,
    said': when the words taken for the speaker run over a quote into the name after it, the
    speaker is that name; else ``found`` itself."""
    phrase = text[found.speaker_start : found.speaker_end]
    quotes = list(_QUOTE_THEN_NAME.finditer(phrase))
    if not quotes:
        return found
    last = quotes[-1]
    name = phrase[last.end() :]
    person = person_name(name.split())
    if person is None or not name.endswith(person) or not _is_person(name, index):
        return found
    return replace(found, speaker_start=found.speaker_start + last.end())


#: "of Dover, " / "of the University of Delaware, ": the first half of a place written with a
#: comma, at the end of the words before the speaker phrase.
_PLACE_BEFORE = re.compile(
    r"\s+of\s+(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+(?:of\s+)?[A-Z][\w.'’\-]*){0,5},\s*$"
)
#: People named before the place: "Ada Kowal", "Ada Kowal and Tom Hale", "Tom Hale, 30,".
_NAMES_BEFORE = re.compile(
    r"(?P<name>(?:[A-Z][\w.'’\-]*\s+)*[A-Z][\w.'’\-]*"
    r"(?:\s+and\s+(?:[A-Z][\w.'’\-]*\s+)*[A-Z][\w.'’\-]*)?)(?:,\s*\d{1,3},)?$"
)
_MAX_PLACE_WORDS = 2


def _name_before_place(text: str, start: int, found: Attribution, index: NameIndex) -> Attribution:
    """ "Tom Hale, 52, of Dover, Del., who ..., said", "Ada Kowal and Tom Hale of the University
    of Delaware, Newark suggest": when the words taken for the speaker are the second half of a
    place ("Del.", "Newark"), the speaker is the person named before that place."""
    phrase = text[found.speaker_start : found.speaker_end].split()
    if not phrase or len(phrase) > _MAX_PLACE_WORDS or not all(w[:1].isupper() for w in phrase):
        return found
    before = text[start : found.speaker_start]
    place = _PLACE_BEFORE.search(before)
    if place is None:
        return found
    match = _NAMES_BEFORE.search(before, 0, place.start())
    if match is None:
        return found
    name = match.group("name")
    name_start = start + match.start("name")
    opening = text[start:name_start]
    if not _opens_clause(opening) or not _is_person(name.split(" and ")[0], index):
        return found
    return replace(
        found,
        speaker_start=name_start,
        speaker_end=name_start + len(name),
        descriptor_start=min(found.descriptor_start, name_start),
    )


#: ", and three-fourths say": a subject of its own between "and" and the reporting verb.
_AND_SUBJECT = re.compile(r",?\s+and\s+(?P<subject>[^,;:\"“”]+?)\s+$")
_MAX_AND_SUBJECT_WORDS = 4
#: What the words after "and" are when they are no subject: "and have said", "and also says".
_NOT_SUBJECT_WORDS = words(
    "has have had will would can could may might should must also then later again now still"
    " who which that what whose whom"
)


def subject_after_and(text: str, found: Attribution) -> Attribution:
    """``found`` with its speaker moved to the subject between "and" and the verb, when the words
    first taken for the speaker are a clause of their own; else ``found`` itself."""
    cue_start = text.rfind(found.cue, found.speaker_end, found.descriptor_end)
    if cue_start < 0:
        return found
    match = _AND_SUBJECT.match(text, found.speaker_end, cue_start)
    if match is None or match.end() != cue_start:
        return found
    subject = match.group("subject").split()
    if len(subject) > _MAX_AND_SUBJECT_WORDS or subject[0].lower() in _NOT_SUBJECT_WORDS:
        return found
    return replace(found, speaker_start=match.start("subject"), speaker_end=match.end("subject"))


#: ", Tom Hale, said" / ", Tom Hale of Harbor College, said": a name in apposition after a role,
#: closed by a comma right before the reporting verb.
_NAME_AFTER_ROLE = re.compile(
    r",\s+(?P<name>(?:(?:former|state|then)\s+)?[A-Z][\w.'’\-]*(?:\s+(?:of\s+)?[A-Z][\w.'’\-]*){1,5}?)"
    r"(?:\s+(?:of|from|in|at)\s+(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+(?:(?:of|in)\s+)?[A-Z][\w.'’\-]*){0,5})?"
    r",\s+(?=[a-z])"
)
#: How a role that a name follows opens: "Another pollster, ...", "His campaign manager, ...".
_ROLE_OPENINGS = words("a an another the his her their its one one's our my")


def name_after_role(text: str, found: Attribution, index: NameIndex) -> Attribution:
    """ "Another pollster, Tom Hale of Harbor College, said", "the other candidate on the
    stage, former Mayor Ada Kowal, drew a contrast, saying": when the words taken for the
    speaker are a role (a determiner and a common noun) and a person's name stands in
    apposition after it, before the verb, the speaker is that name; else ``found`` itself."""
    phrase = text[found.speaker_start : found.speaker_end].split()
    if len(phrase) < 2 or phrase[0].lower() not in _ROLE_OPENINGS or not phrase[1].islower():
        return found
    cue_start = text.find(found.cue, found.speaker_end, found.descriptor_end)
    if cue_start < 0:
        return found
    match = _NAME_AFTER_ROLE.match(text, found.speaker_end)
    if match is None or match.end() > cue_start:
        return found
    name_words = match.group("name").split()
    person = person_name(name_words)
    if person is None or not match.group("name").endswith(person):
        return found
    if not _is_person(person, index):
        return found
    name_end = match.end("name")
    return replace(found, speaker_start=name_end - len(person), speaker_end=name_end)
