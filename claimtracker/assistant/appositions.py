"""The name beside a speaker's apposition is the speaker.

"Sen. Ada Kowal (D-Harbor), a member of the ferry board, said ...": when the words found before
the reporting verb are only the apposition ("a member of the ferry board"), the speaker is the
name it describes, written just before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimtracker.assistant.attribution import Attribution
from claimtracker.assistant.cues import words
from claimtracker.assistant.speakers import NameIndex, person_name

#: A name (titles and a party tag allowed) and an age, closed by a comma, at the end of ``before``.
_NAME_BEFORE = re.compile(
    r"(?P<name>(?:[A-Z][\w.'’\-]*\s+)*[A-Z][\w.'’\-]*(?:\s+\([A-Z][\w.,\-\s]{0,16}\))?)"
    r"(?:,\s*\d{1,3})?,\s*$"
)
#: Lower-case words that start no apposition: a pronoun, a relative, a verb's adverb.
_NOT_APPOSITIONS = words("he she they we i it who which that whose what meanwhile however too")
#: Words that may open the sentence before the name: "But Sen. Kowal, ...", "As Ada Kowal, ...".
_CONNECTIVES = words("but and or as so yet still also then meanwhile however")
#: What may stand before the name: the sentence start and connectives ("But", "Or, as"), or a
#: quote, colon, semicolon or dash that closes what came before; not a comma or a preposition,
#: after which a name is more often an object ("with hosts Ada Kowal and Tom Hale, the ...").
_CLAUSE_START = re.compile(
    r"(?:^(?:(?:but|and|or|as|so|yet|still|then),?\s+)*|[;:”\"—–]\s*)"
    r"(?:(?:state|former|retired|acting|late)\s+)?$",
    re.I,
)


def _is_person(name: str, index: NameIndex) -> bool:
    found = person_name(name.split())
    if found is None:
        return False
    return len(name.split()) >= 2 or index.person(found) is not None


def named_speaker(text: str, start: int, found: Attribution, index: NameIndex) -> Attribution:
    """``found`` with its speaker moved from an apposition to the name it describes, when the
    sentence (starting at ``start``) writes that name beside it; else ``found`` itself."""
    phrase = text[found.speaker_start : found.speaker_end]
    first = phrase.split()[0] if phrase.split() else ""
    # ", a member of the board, said": the apposition is closed by a comma before the verb
    closed = "," in text[found.speaker_end : found.descriptor_end]
    # "a member of the board", "the fund's lawyer", "executive director of X": lower case
    if first.islower() and first not in _NOT_APPOSITIONS and closed:
        before = text[start : found.speaker_start]
        match = _NAME_BEFORE.search(before)
        if match is not None:
            name_words = match.group("name").split()
            while name_words and name_words[0].lower() in _CONNECTIVES:
                name_words = name_words[1:]
            name = " ".join(name_words)
            name_start = start + match.start("name") + match.group("name").find(name)
            opening = text[start:name_start]
            if name and _CLAUSE_START.search(opening) and _is_person(name, index):
                name_end = name_start + len(name)
                return replace(
                    found,
                    speaker_start=name_start,
                    speaker_end=name_end,
                    descriptor_start=min(found.descriptor_start, name_start),
                )
    return found
