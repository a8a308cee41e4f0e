"""The subject that ends right before a reporting verb, with what surrounds it: adverbial chunks in
front ("In a statement Saturday, X said"), relative clauses after it, appositions ("Y's foreign
minister, Yván Gómez, dismissed"), titles and places joined to a name; and the subject of a side
clause that the verb closes ("Weeks ago, as the Gazette reported, ...", "The list, which the
campaign says includes ...").
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.nouns import lowercase_subject_ok
from claimtracker.assistant.attribution.phrases import (
    is_adverbial,
    is_name_chunk,
    is_participle,
    is_relative,
    is_title_chunk,
    looks_like_subject,
)
from claimtracker.assistant.attribution.tokens import (
    WORD,
    _chunks,
    _words,
    is_quoted_only,
    strip_span,
    without_connective,
    word_at,
)
from claimtracker.assistant.attribution.vocabulary import (
    APPOSITION_STARTS,
    LEADING_CONNECTIVES,
    MAIN_CLAUSE_ADVERBS,
    MAX_ADVERBIAL_WORDS,
)
from claimtracker.assistant.cues import words

_LAST_WORD = re.compile(r"([^\W\d_][\w'’]*)\s*$")
#: What a ``_LAST_WORD`` match is made of: a tail of only these may hold a match that starts
#: before it.
_WORD_OR_SPACE = re.compile(r"[\w'’\s]*")
_LAST_WORD_TAIL = 48


def _last_word(masked: str, start: int, end: int) -> re.Match[str] | None:
    """``_LAST_WORD.search(masked, start, end)``, tried on the last characters only (a search
    of the whole span tried every word in it), on the whole span when the tail is one run of
    word characters and spaces."""
    pos = max(start, end - _LAST_WORD_TAIL)
    if pos > start and _WORD_OR_SPACE.fullmatch(masked, pos, end):
        pos = start
    return _LAST_WORD.search(masked, pos, end)


_MAX_HEAD_WORDS = 8
#: "Kevin McCarthy, R-Calif., said": a party and state after a name, like an age.
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,12}")
_MAX_PLACE_WORDS = 3
_PREPOSITIONS = words("in at on from during after before with without under over into through")


#: Words that open a subject of its own, never an apposition: "Mrs. Kowal, these people said".
_NEW_SUBJECT_STARTS = words(
    """
    these those some many most several both all few other others he she they we i it
    """
)


#: The comma that closes an apposition before the verb, inside a closing quote or not:
#: 'Ada Kowal, host of "Morning Talk," said'.
_CLOSING_COMMA = re.compile(r",[\"”’'»]?\s*$")


def _closed(text: str, chunk: tuple[int, int], verb_start: int) -> bool:
    """Whether a comma closes ``chunk`` before the verb (an apposition's end), also where a
    relative clause or an adverbial between them has been set aside."""
    return (
        "," in text[chunk[1] : verb_start]
        or _CLOSING_COMMA.search(text, chunk[0], verb_start) is not None
        # "X, the editor who wrote ...": the verb is in a relative clause inside the apposition.
        or _ENDS_IN_RELATIVE.search(text, chunk[0], chunk[1]) is not None
    )


_ENDS_IN_RELATIVE = re.compile(r"\b(?:who|which|that|whose)\s*$", re.IGNORECASE)


#: Words that open a clause whose own subject reports: "which the campaign says includes".
_OBJECT_RELATIVES = words("which that")
_COMMA_NEXT = re.compile(r"[\w'’]*\s*[,;:.!?]")
_TIME_ENDS = words("ago later earlier week month year weekend morning night")


def _ends_in_time(masked: str, start: int, end: int) -> bool:
    """ "Just a few weeks ago", "Earlier this year": a time, not a subject."""
    words = _words(masked, start, end)
    return bool(words) and words[-1].lower() in _TIME_ENDS


def _clause_subject_before_verb(
    masked: str, chunks: list[tuple[int, int]], verb_start: int
) -> tuple[int, int, int] | None:
    """The subject of a side clause that the verb closes, when that clause is the last chunk
    before the verb: "Weeks ago, as the Gazette reported, ..." (only adverbials before it) and
    "The list, which the campaign says includes ..." (the clause goes on after the verb)."""
    words = _words(masked, *chunks[-1])
    if len(words) < 2 or not masked[chunks[-1][0]].islower():
        return None
    first = words[0].lower()
    if first == "as":
        if not all(is_adverbial(masked, *c) or _ends_in_time(masked, *c) for c in chunks[:-1]):
            return None  # "Kowal, as the chairwoman, said": the name speaks
    elif first in _OBJECT_RELATIVES:
        if _COMMA_NEXT.match(masked, verb_start):
            return None  # "The plan, which the board cited, failed": the clause ends there
    else:
        return None
    start = WORD.search(masked, chunks[-1][0]).end()  # type: ignore[union-attr]
    start, end = strip_span(masked, start, chunks[-1][1])
    rest = _words(masked, start, end)
    if not rest or not (rest[0][0].isupper() or lowercase_subject_ok(rest[0].lower(), rest)):
        return None
    if not looks_like_subject(masked, start, end):
        return None
    return start, end, chunks[-1][0]


def _subject_before(
    masked: str, text: str, floor: int, verb_start: int
) -> tuple[int, int, int] | None:
    """(speaker start, speaker end, descriptor start) of the subject that ends at ``verb_start``.

    Handles adverbial chunks in front ("In a statement Saturday, X said"), relative clauses after
    ("X, who spoke on condition of anonymity, said") and appositions ("Y's foreign minister, Yván
    Gómez, dismissed"; "Sir Edward Hale, the chairman of the 1922 Committee, said").
    """
    end = verb_start
    # Auxiliaries and adverbs between the subject and the verb: "has said", "also denied".
    while True:
        a, b = strip_span(masked, floor, end)
        match = _last_word(masked, a, b)
        if match and (
            # "has said", not the name in "Will wrote"
            (match.group(1).lower() in cues.AUXILIARIES and match.group(1) not in ("Will", "May"))
            or (
                (match.group(1).endswith("ly") or match.group(1) in MAIN_CLAUSE_ADVERBS)
                and match.group(1).islower()
                and match.start(1) > a
            )
        ):
            end = match.start(1)  # "has also said", "officials subsequently told"
            continue
        break
    chunks = _chunks(masked, floor, end, text)
    if not chunks:
        return None
    # Quoted titles and ages in apposition: 'The book, "Inside the Storm," says', 'X, 45, said'.
    chunks = [
        c
        for c in chunks
        if not is_quoted_only(masked, *c)
        and not masked[c[0] : c[1]].strip().isdigit()
        and not _PARTY_STATE.fullmatch(masked[c[0] : c[1]].strip())
    ]
    chunks = _with_places_joined(masked, text, chunks)
    # From the sentence's start only: "..., as some had said." after a verb of the sentence's
    # own leaves the sentence to that verb.
    inside = _clause_subject_before_verb(masked, chunks, end) if chunks and floor == 0 else None
    if inside is not None:
        return inside
    # Relative clauses, participle phrases and short adverbials right before the verb belong
    # to the subject: "X, who ..., said", "X, for example, said", "X, in a statement, said".
    while len(chunks) > 1 and (
        is_relative(masked, *chunks[-1])
        or is_participle(masked, *chunks[-1])
        or (
            len(_words(masked, *chunks[-1])) <= MAX_ADVERBIAL_WORDS
            and is_adverbial(masked, *chunks[-1])
            and masked[chunks[-1][0]].islower()
        )
    ):
        chunks.pop()
    if not chunks:
        return None
    subject = chunks[-1]
    descriptor_start = subject[0]
    lead = chunks[:-1]
    if lead and is_name_chunk(text, *without_connective(masked, *lead[-1])):
        lead[-1] = without_connective(masked, *lead[-1])  # "And North Carolina's Ada Fisher"
    if lead and not is_adverbial(masked, *lead[-1]):
        previous = lead[-1]
        if (
            is_name_chunk(text, *subject)
            and looks_like_subject(masked, *previous)
            and not (is_name_chunk(text, *previous) and is_title_chunk(masked, *subject))
        ):
            # "Venezuela's foreign minister, Yván Gómez," → the name; not "Sam Jacobs, Time's
            # Managing Editor,".
            descriptor_start = previous[0]
            lead = lead[:-1]
        elif (
            is_name_chunk(text, *previous)
            and looks_like_subject(masked, *subject)
            and word_at(masked, subject[0]) not in _NEW_SUBJECT_STARTS
            # An apposition closes with a comma before the verb; "Mr. Obama, officials said,"
            # has none: no apposition (a list or a date goes on as before).
            and (
                _closed(text, subject, end)
                or " and " in masked[subject[0] : subject[1]]
                or masked[subject[0]].isdigit()
            )
        ):
            # "Sir Edward Hale, the chairman of the 1922 Committee," → the name.
            subject = previous
            descriptor_start = previous[0]
            lead = lead[:-1]
    if (
        lead
        and not _closed(text, subject, end)
        and not (is_name_chunk(text, *subject) and is_name_chunk(text, *lead[-1]))
        and looks_like_subject(masked, *subject)
    ):
        # No comma closes the last chunk before the verb, so it is no apposition: the chunks
        # before it are fronted ("Early Tuesday, the State Department said", "The plan, an
        # inside source said, is ...").
        lead = []
    if any(not is_adverbial(masked, *c) for c in lead):
        head = _head_before_appositions(masked, text, chunks)
        if head is None:
            return None
        subject, descriptor_start = chunks[head], chunks[head][0]
        if any(not is_adverbial(masked, *c) for c in chunks[:head]):
            return None
    if not looks_like_subject(masked, *subject):
        return None
    s_start, s_end = subject
    s_start, s_end = strip_span(masked, s_start, s_end)
    lead_word = WORD.match(masked, s_start)
    if lead_word and lead_word.group().lower() in LEADING_CONNECTIVES and lead_word.end() < s_end:
        # "While only 7 percent said", "But most Clinton allies say": the connective is no part
        # of the speaker.
        s_start = strip_span(masked, lead_word.end(), s_end)[0]
        descriptor_start = max(descriptor_start, s_start)
    words = _words(masked, s_start, s_end)
    if not words or (words[0][0].islower() and not lowercase_subject_ok(words[0].lower(), words)):
        return None
    if len(words) == 1 and words[0].lower() in ("there", "here"):
        return None  # "There have been telling responses"
    if (
        len(words) > 1
        and words[0].lower() in _PREPOSITIONS
        and words[1].lower() not in ("least", "most")
    ):
        return None  # "In a video posted to her page": an adverbial, not who speaks
    return s_start, s_end, descriptor_start


_TITLE_OF = words("of for at with")


def is_title_apposition(words: list[str]) -> bool:
    """ "president of the Harbor Institute", "communications director for X": a title in lower
    case, then whose it is."""
    if not words[0][0].islower():
        return False
    for k, word in enumerate(words[:4]):
        if word in _TITLE_OF:
            return k > 0 and words[k - 1] in cues.TITLE_WORDS
    return False


_ENDS_IN_PLACE = re.compile(
    r"\b(?:in|at|from|of|near)[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)?$"
)


def _with_places_joined(
    masked: str, text: str, chunks: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """ "X, during a town hall in Dayton, Ohio, said": the state after the town belongs to the
    phrase in lower case before it, not to the subject."""
    joined = chunks[:1]
    for chunk in chunks[1:]:
        a, b = joined[-1]
        if (
            masked[a].islower()
            and _ENDS_IN_PLACE.search(masked, a, b)
            and is_name_chunk(text, *chunk)
            and len(_words(masked, *chunk)) <= _MAX_PLACE_WORDS
        ):
            joined[-1] = (a, chunk[1])
        else:
            joined.append(chunk)
    return joined


def _head_before_appositions(masked: str, text: str, chunks: list[tuple[int, int]]) -> int | None:
    """ "Rep. Lee Zeldin of New York, a Trump supporter, said", "Rachel Berg, a philanthropist
    from Monsey, New York, said": the index of the named head that the chunks after it describe
    (an apposition with an article, a place, an age)."""
    k = len(chunks) - 1
    seen_apposition = False
    while k > 0:
        words = _words(masked, *chunks[k])
        if not words:
            return None
        first = words[0].lower()
        if (
            first in APPOSITION_STARTS
            or is_title_apposition(words)
            or (
                # "Jane Roe, 41, of Dayton, Ohio, says": a home town in apposition.
                first in ("of", "from")
                and 1 < len(words) <= _MAX_PLACE_WORDS + 1
                and is_name_chunk(
                    text, strip_span(masked, *chunks[k])[0] + len(words[0]), chunks[k][1]
                )
            )
        ):
            seen_apposition = True
        elif not (
            masked[chunks[k][0] : chunks[k][1]].strip().isdigit()
            or (is_name_chunk(text, *chunks[k]) and len(words) <= _MAX_PLACE_WORDS)
        ):
            break
        k -= 1
    if not seen_apposition or k == len(chunks) - 1:
        return None
    if (
        k > 0
        and _words(masked, *chunks[k])[0].lower() in cues.TITLE_WORDS
        and is_name_chunk(text, *chunks[k - 1])
        and looks_like_subject(masked, *chunks[k])
    ):
        k -= 1  # "Bob Lee, head of Acme, a Boston firm, said": the name before the title
    if is_adverbial(masked, *chunks[k]) and k + 1 < len(chunks) - 1:
        k += 1  # "Last month, the Harbor Gazette, a local paper, revealed": the name after
    start, end = chunks[k]
    words = _words(masked, start, end)
    named = bool(words) and (
        words[0][0].isupper() or (words[0] == "the" and len(words) > 1 and words[1][0].isupper())
    )
    if not named or len(words) > _MAX_HEAD_WORDS:
        return None
    return k if looks_like_subject(masked, start, end) else None
