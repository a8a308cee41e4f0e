"""Finding the attribution in one sentence: who is said to assert it, and with which words.

The patterns of news attribution are few, and each is tried on the sentence with its quoted words
blanked out, so that a verb inside a quote never counts:

- "according to X" anywhere (and Russian "по словам X", "по данным X");
- a trailing "..., X said on Thursday." / "..." X said. / "..., said X, a spokesman for Y." /
  Russian "«...», — сказал X.";
- a leading "X said (that) ..." with adverbials, appositions and auxiliaries around it
  ("In a separate statement Saturday, the Russian defense ministry said that ...",
  "Venezuela's foreign minister, Yván Gómez, dismissed ...");
- Russian "Как сообщили в X, ..." and "Об этом заявил X." (which attributes the sentence before).

The result names the speaker phrase by offsets; :mod:`speakers` turns it into a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from claimtracker.assistant import cues, subjects
from claimtracker.assistant.cues import words
from claimtracker.assistant.side_clauses import (
    SideClause,
    find_as_clause,
    find_embedded_say,
    find_leading_participle,
    find_with_clause,
)

_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d.,]*")
_SEPARATORS = ",;:—–"
_QUOTE_CLOSERS = "\"”’»'"

#: Words that start an adverbial chunk in front of the subject ("In a statement Saturday, ...").
ADVERBIAL_STARTERS = _ADVERBIAL_STARTERS = words(
    """
    in at on after before during speaking asked meanwhile however separately earlier later last
    this since while as when despite following responding writing by for from with without under
    overall otherwise anyway regardless
    over through amid among upon once until within across also still yet but and so then now
    today yesterday tonight overnight instead separately elsewhere nevertheless nonetheless
    ранее в на по после при однако между кроме позднее также moreover furthermore indeed
    additionally likewise similarly ultimately finally first second third notably besides
    again too though although because if unlike like even rather therefore thus hence nor
    plus offstage backstage onstage sometimes often perhaps maybe occasionally usually
    """
)
_RELATIVE_STARTERS = words(
    """
    who which whose whom that where when который которая которые которое
    """
)
_NOUN_MARKERS = words(
    """
    the a an his her their its our my your this that these those whose every each any no
    """
)
_FINITE_NON_REPORTING = words(
    """
    is are was were be been am will would could can may might should must shall has have had do
    does did
    """
)
_SECOND_CLAUSE_VERBS = words(
    """
    said added suggested warned insisted claimed denied rejected dismissed argued accused
    stressed noted alleged admitted acknowledged confirmed vowed promised predicted estimated
    says adds warns insists claims denies rejects argues accuses
    """
)
#: "X said A and suggested B", "X said A, adding that B": where a second assertion starts.
_SECOND_CLAUSE = re.compile(
    r"(,?\s+(?:and|but)\s+(?:also\s+)?|,\s+)("
    + "|".join(sorted(_SECOND_CLAUSE_VERBS))
    + r"|adding)\b"
)
_RUSSIAN_ADJUNCTS = words(
    """
    журналистам в во на понедельник вторник среду четверг пятницу субботу воскресенье интервью
    брифинге эфире телеканалу агентству изданию тасс риа новости интерфаксу своем своём
    телеграм-канале заявлении также ранее корреспонденту
    """
)
_LAST_WORD = re.compile(r"([^\W\d_][\w'’]*)\s*$")
_PREPOSITION = re.compile(r"(?:at|to|by|in|as|from|with|for)\b")
_PUNCTUATION_NEXT = re.compile(r"\s*[,:;]")
_ADJUNCT_NEXT = re.compile(
    r"\s+(?:in|on|at|during|after|before|last|this|on|to|from|with|while|when|earlier|later|"
    r"recently|previously|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    # '"...," Kowal said of the mayor': whom it was said of, never who said it.
    r"of|about|over|via|anonymously|privately|publicly)\b",
    re.IGNORECASE,
)
_RUSSIAN_PREPOSITION = re.compile(r"(?:в|во|на|у)\s+")
_THAT = re.compile(r"\s*(?:that|что|,\s*что)\b")
_CONJUNCTION_BEFORE = re.compile(r"\s(?:and|but|а|и)\s+$")
#: "called the allegations baseless", "called it a lie": the object of a characterisation.
_CHARACTERISED = words("the this that these those it them his her their its such")
_QUOTED_AS = re.compile(
    r"\s(?:is|was|were|are|has been|had been|have been)\s+(?:quoted|cited)\b[^.;:]*?\bas\s+$"
)
_MAX_SUBJECT_WORDS = 16
_MAX_ADVERBIAL_WORDS = 5
_MAX_HEAD_WORDS = 8
#: "Kevin McCarthy, R-Calif., said": a party and state after a name, like an age.
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,12}")
_MIN_WHO_CONTENT_WORDS = 3
_MAX_PLACE_WORDS = 3
_APPOSITION_STARTS = words("a an the his her their its whose one another")
_MAX_PARENTHESIS_WORDS = 8
_MAX_LOWERCASE_SUBJECT_WORDS = 4
_PLACE_OR_TIME = re.compile(r"(?:in|at|from|during|on)\b")
_ADJECTIVES_OF_NOUNS = words(
    """
    new latest recent separate joint written original other previous annual initial january
    february march april june july august september october november december weekly monthly
    """
)
#: A determiner and an order word before a noun that is also a reporting verb: "a later tweet".
_ORDERED_NOUN = re.compile(
    r"(?i)\b(?:a|an|the|his|her|their|its|one|another)\s+"
    r"(?:later|earlier|second|third|subsequent|follow-up|final|first|last)\s+$"
)
_NOUN_FORMS = words(
    """
    tweet tweets report reports comment comments claim claims promise promises pledge pledges
    show shows estimate estimates forecast forecasts find finds statement remarks
    """
)
#: "he's said", "she's predicted": a pronoun and "has", not a possessive.
_PRONOUN_HAS = words("he's he’s she's she’s it's it’s who's who’s")
_THAT_LATER = re.compile(r"[^,;:.!?]{0,60}?\bthat\b")
_RESPONDED_TO = re.compile(r"\s+to\s+[^,;:.]{0,60}[.!?]?\s*$")
_NO_ANSWER_VERBS = words("respond responded reply replied comment commented return returned")
_LEADING_CONNECTIVES = words("while when if but and so though although because since whereas even")
_SUBORDINATORS = words("after before when since until because while if although though whether")
_MAX_TAIL_WORDS = 14


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution found in a sentence; offsets are absolute."""

    speaker_start: int
    speaker_end: int
    descriptor_start: int
    descriptor_end: int
    cue: str
    pattern: (
        str  # according | trailing | leading | parenthetical | who | name-colon | as | back | colon
    )
    content_start: int
    content_end: int
    statement: bool = False  # "said in a statement", "in a press release"


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence that carries one assertion, with its attribution if any."""

    start: int
    end: int
    attribution: Attribution | None
    continuation: bool = False  # the clause goes on from the one before ("and suggested ...")


class _Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int


_new_token = tuple.__new__  # skips NamedTuple's argument handling: this runs for every word


def _tokens(masked: str) -> list[_Token]:
    result: list[_Token] = []
    for m in _WORD.finditer(masked):
        word = m.group()
        result.append(_new_token(_Token, (word, word.lower(), *m.span())))
    return result


_ALL_REPORTING_VERBS = cues.REPORTING_VERBS | cues.RUSSIAN_REPORTING_VERBS


def _strip_span(text: str, start: int, end: int, chars: str = " \t\n,;:—–-") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _chunks(masked: str, start: int, end: int, text: str | None = None) -> list[tuple[int, int]]:
    """Comma-separated chunks of ``masked[start:end]`` (quoted words are already blanked).

    A quote that ends in punctuation ('"We will respond," the ministry said') also ends a chunk;
    with ``text`` (the unmasked slice) a quoted name («Вёрстка» со ссылкой на ...) does not.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    for k in range(start, end):
        ch = masked[k]
        closes_quote = (
            ch in _QUOTE_CLOSERS
            and k > start
            and masked[k - 1] == "_"
            and (text is None or text[k - 1] in ",.!?…")
        )
        if ch == "," or closes_quote or (ch in "—–" and k + 1 < end and masked[k + 1] == " "):
            spans.append((pos, k))
            pos = k + 1
    spans.append((pos, end))
    result = []
    for a, b in spans:
        a, b = _strip_span(masked, a, b, " \t\n\"“”«»‘’'")
        if a < b:
            result.append((a, b))
    return result


#: ``text[start:end]`` without separators at either end, as offsets.
strip_span = _strip_span


def _words(masked: str, start: int, end: int) -> list[str]:
    return [m.group(0) for m in _WORD.finditer(masked, start, end)]


def _is_quoted_only(masked: str, start: int, end: int) -> bool:
    chunk = masked[start:end].strip(" \t\n,.;:!?\"“”«»‘’'—–-")
    return bool(chunk) and set(chunk) <= {"_", " "}


_FOCUS_WORDS = words("even also only")
_PREPOSITIONS = words("in at on from during after before with without under over into through")


def _is_adverbial(masked: str, start: int, end: int) -> bool:
    words = _words(masked, start, end)
    if not words:
        return True
    first = words[0].lower()
    if first in _FOCUS_WORDS and len(words) > 1 and words[1][0].isupper():
        return False  # "Even Rendell, a supporter, said": the name, with a focus word
    if first in _ADVERBIAL_STARTERS:
        return True
    if len(words) == 1 and first.endswith("ly"):
        return True  # "Separately, ...", "Notably, ..."
    # "Speaking to reporters, ...", "Alarmed by the unrest, ...", "Asked about it, ...".
    return first.endswith(("ing", "ed")) and len(words) > 1 and words[0][0].isupper()


def _is_relative(masked: str, start: int, end: int) -> bool:
    words = _words(masked, start, end)
    return bool(words) and words[0].lower() in _RELATIVE_STARTERS


def _is_name_chunk(text: str, start: int, end: int) -> bool:
    words = [w for w in _words(text, start, end) if w.lower() not in cues.NAME_PARTICLES]
    if not words or len(words) > 6:
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def _looks_like_subject(masked: str, start: int, end: int) -> bool:
    """A noun phrase, not a clause: no finite verb, not too long, no ``that``."""
    words = _words(masked, start, end)
    # A relative clause inside the chunk belongs to it: "a cardiologist at King's College London
    # who was not involved in the study".
    for k, word in enumerate(words):
        relative = word.lower() in ("who", "which", "whose", "который", "которая", "которые")
        # "the Dutch firm that dominates the market": "that" after a noun starts a relative
        # clause too, but only after the head has been named.
        if k > 1 and (relative or (word.lower() == "that" and words[k - 1].islower())):
            words = words[:k]
            break
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return False
    lowered = [w.lower() for w in words]
    if words[0][0].islower() and lowered[0] in cues.REPORTING_VERBS:
        return False
    for k in range(1, len(words)):
        # "the ministry said ...": a clause. "A report in ...", "the company's statement": nouns.
        previous = lowered[k - 1]
        if (
            words[k][0].islower()
            and lowered[k] in _ALL_REPORTING_VERBS
            and previous not in _NOUN_MARKERS
            and not previous.endswith(("'s", "’s"))
            and previous not in ("new", "latest", "recent", "separate", "joint", "written")
        ):
            return False
    for k, word in enumerate(lowered):
        if word in _FINITE_NON_REPORTING and not words[k][0].isupper():
            return False  # "Will Rogers" is a name
        if word in _SUBORDINATORS and words[k][0].islower():
            return False  # "two hours after outlets": a clause, not a subject
        if k > 0 and word in _IRREGULAR_PAST and word not in ("said", "told", "thought"):
            return False  # "The deal came with help from X": a clause, not a subject
        if word in ("that", "что") and k > 0:
            return False
        if (
            k > 0
            and word.endswith("ed")
            and "-" not in word
            and words[k][0].islower()
            and word not in cues.DESCRIPTIVE_PARTICIPLES
        ):
            return False  # "U.S. warships fired ...": a clause, not a subject
    return not (len(words) == 1 and lowered[0] in _NOUN_MARKERS)


#: Words that open a subject of its own, never an apposition: "Mrs. Kowal, these people said".
_NEW_SUBJECT_STARTS = words(
    """
    these those some many most several both all few other others he she they we i it
    """
)


def _word_at(masked: str, start: int) -> str:
    match = _WORD.search(masked, start)
    return match.group().lower() if match else ""


def _without_connective(masked: str, start: int, end: int) -> tuple[int, int]:
    """A chunk less a connective that opens it: "And North Carolina's Ada Fisher"."""
    match = _WORD.search(masked, start, end)
    if match and match.group().lower() in ("and", "but", "so", "yet") and match.end() < end:
        return _strip_span(masked, match.end(), end)[0], end
    return start, end


def _is_title_chunk(masked: str, start: int, end: int) -> bool:
    """ "Time's Assistant Managing Editor", "Harbor Club Chairman": a title, not a name."""
    words = _words(masked, start, end)
    return bool(words) and (
        any(w.endswith(("'s", "’s")) for w in words[:-1])
        or words[-1].lower().rstrip(".") in cues.TITLE_WORDS
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
        a, b = _strip_span(masked, floor, end)
        match = _LAST_WORD.search(masked, a, b)
        if match and (
            # "has said", not the name in "Will wrote"
            (match.group(1).lower() in cues.AUXILIARIES and match.group(1) not in ("Will", "May"))
            or (
                (match.group(1).endswith("ly") or match.group(1) in _MAIN_CLAUSE_ADVERBS)
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
        if not _is_quoted_only(masked, *c)
        and not masked[c[0] : c[1]].strip().isdigit()
        and not _PARTY_STATE.fullmatch(masked[c[0] : c[1]].strip())
    ]
    chunks = _with_places_joined(masked, text, chunks)
    # Relative clauses, participle phrases and short adverbials right before the verb belong
    # to the subject: "X, who ..., said", "X, for example, said", "X, in a statement, said".
    while len(chunks) > 1 and (
        _is_relative(masked, *chunks[-1])
        or _is_participle(masked, *chunks[-1])
        or (
            len(_words(masked, *chunks[-1])) <= _MAX_ADVERBIAL_WORDS
            and _is_adverbial(masked, *chunks[-1])
            and masked[chunks[-1][0]].islower()
        )
    ):
        chunks.pop()
    if not chunks:
        return None
    subject = chunks[-1]
    descriptor_start = subject[0]
    lead = chunks[:-1]
    if lead and _is_name_chunk(text, *_without_connective(masked, *lead[-1])):
        lead[-1] = _without_connective(masked, *lead[-1])  # "And North Carolina's Ada Fisher"
    if lead and not _is_adverbial(masked, *lead[-1]):
        previous = lead[-1]
        if (
            _is_name_chunk(text, *subject)
            and _looks_like_subject(masked, *previous)
            and not (_is_name_chunk(text, *previous) and _is_title_chunk(masked, *subject))
        ):
            # "Venezuela's foreign minister, Yván Gómez," → the name; not "Sam Jacobs, Time's
            # Managing Editor,".
            descriptor_start = previous[0]
            lead = lead[:-1]
        elif (
            _is_name_chunk(text, *previous)
            and _looks_like_subject(masked, *subject)
            and _word_at(masked, subject[0]) not in _NEW_SUBJECT_STARTS
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
        and not (_is_name_chunk(text, *subject) and _is_name_chunk(text, *lead[-1]))
        and _looks_like_subject(masked, *subject)
    ):
        # No comma closes the last chunk before the verb, so it is no apposition: the chunks
        # before it are fronted ("Early Tuesday, the State Department said", "The plan, an
        # inside source said, is ...").
        lead = []
    if any(not _is_adverbial(masked, *c) for c in lead):
        head = _head_before_appositions(masked, text, chunks)
        if head is None:
            return None
        subject, descriptor_start = chunks[head], chunks[head][0]
        if any(not _is_adverbial(masked, *c) for c in chunks[:head]):
            return None
    if not _looks_like_subject(masked, *subject):
        return None
    s_start, s_end = subject
    s_start, s_end = _strip_span(masked, s_start, s_end)
    lead_word = _WORD.match(masked, s_start)
    if lead_word and lead_word.group().lower() in _LEADING_CONNECTIVES and lead_word.end() < s_end:
        # "While only 7 percent said", "But most Clinton allies say": the connective is no part
        # of the speaker.
        s_start = _strip_span(masked, lead_word.end(), s_end)[0]
        descriptor_start = max(descriptor_start, s_start)
    words = _words(masked, s_start, s_end)
    if not words or (words[0][0].islower() and not _lowercase_subject_ok(words[0].lower(), words)):
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


def _is_title_apposition(words: list[str]) -> bool:
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
            and _is_name_chunk(text, *chunk)
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
            first in _APPOSITION_STARTS
            or _is_title_apposition(words)
            or (
                # "Jane Roe, 41, of Dayton, Ohio, says": a home town in apposition.
                first in ("of", "from")
                and 1 < len(words) <= _MAX_PLACE_WORDS + 1
                and _is_name_chunk(
                    text, _strip_span(masked, *chunks[k])[0] + len(words[0]), chunks[k][1]
                )
            )
        ):
            seen_apposition = True
        elif not (
            masked[chunks[k][0] : chunks[k][1]].strip().isdigit()
            or (_is_name_chunk(text, *chunks[k]) and len(words) <= _MAX_PLACE_WORDS)
        ):
            break
        k -= 1
    if not seen_apposition or k == len(chunks) - 1:
        return None
    if (
        k > 0
        and _words(masked, *chunks[k])[0].lower() in cues.TITLE_WORDS
        and _is_name_chunk(text, *chunks[k - 1])
        and _looks_like_subject(masked, *chunks[k])
    ):
        k -= 1  # "Bob Lee, head of Acme, a Boston firm, said": the name before the title
    if _is_adverbial(masked, *chunks[k]) and k + 1 < len(chunks) - 1:
        k += 1  # "Last month, the Harbor Gazette, a local paper, revealed": the name after
    start, end = chunks[k]
    words = _words(masked, start, end)
    named = bool(words) and (
        words[0][0].isupper() or (words[0] == "the" and len(words) > 1 and words[1][0].isupper())
    )
    if not named or len(words) > _MAX_HEAD_WORDS:
        return None
    return k if _looks_like_subject(masked, start, end) else None


def _lowercase_subject_ok(word: str, words: list[str] | None = None) -> bool:
    """A subject may start in lower case with a determiner, a number or a source noun, or be a
    short phrase whose head is a source, body, document or outlet noun ("political analysts")."""
    if words is not None and (_is_described_name(words) or _is_possessed_noun(words)):
        return True
    if (
        words is not None
        and len(words) <= _MAX_LOWERCASE_SUBJECT_WORDS
        and word not in _ADVERBIAL_STARTERS
    ):
        head = words[-1].lower()
        if head in cues.DESCRIBED_SOURCE_HEADS or head in cues.DOCUMENT_HEADS or head == "percent":
            return True
    return (
        word in _SUBJECT_LOWERCASE_OK
        or word in cues.DESCRIBED_SOURCE_HEADS
        or word in cues.TITLE_WORDS
        or word in cues.SPOKESPERSON_WORDS
        or word in cues.NUMBER_WORDS
        or word in cues.RUSSIAN_POSSESSIVES
    )


_AGENT_SUFFIXES = ("ist", "er", "or", "ant", "ent", "ian", "ee")
_POSSESSIVES = words("his her their its our my")


def _is_agent_noun(word: str) -> bool:
    lowered = word.lower()
    return (
        (
            lowered in cues.TITLE_WORDS
            or lowered in cues.DESCRIBED_SOURCE_HEADS
            or (lowered.endswith(_AGENT_SUFFIXES) and len(lowered) > 4)
        )
        and lowered not in _ADVERBIAL_STARTERS
        and lowered not in _SUBORDINATORS
    )


def _is_described_name(words: list[str]) -> bool:
    """ "veteran analyst Jim Doe", "Rubio supporter Scott Szlachta": a short description in
    lower case, then a name of two or more capitalised words."""
    k = 0
    while k < len(words) and not words[k][0].isupper():
        k += 1
    if not 0 < k <= 3 or len(words) - k < 2:
        return False
    if not all(w[0].isupper() for w in words[k:]):
        return False
    if words[0].lower() in _POSSESSIVES and k <= 2:
        return True  # "his nephew Omar Soheil", "her husband Tom Hale"
    return _is_agent_noun(words[k - 1]) and not any(
        w.lower() in _ADVERBIAL_STARTERS or w.lower() in cues.AUXILIARIES for w in words[:k]
    )


def _is_possessed_noun(words: list[str]) -> bool:
    """ "his brother", "her campaign manager": a possessive and a short noun phrase."""
    return (
        1 < len(words) <= 3
        and words[0].lower() in _POSSESSIVES
        and words[-1].islower()
        and not words[-1].endswith("ly")
        and words[-1] not in _ALL_REPORTING_VERBS
        and words[-1] not in _FINITE_NON_REPORTING
    )


_SUBJECT_LOWERCASE_OK = words(
    """
    he she they we it the a an one two three four five six seven eight nine ten some several
    many most both another others officials sources people analysts traders experts diplomats
    insiders residents witnesses friends aides advisers lawmakers investors economists police
    prosecutors local senior government state federal u.s more less about nearly almost just
    over roughly all half three-quarters two-thirds only just those these respondents voters
    """
)


def is_source_noun(word: str) -> bool:
    """A lower-case word that may head a subject on its own: "police", "critics", "companies"."""
    if word in _SUBJECT_LOWERCASE_OK and word not in _SUBJECT_DETERMINERS:
        return True
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word.endswith("s") and (
        _is_agent_noun(singular)
        or singular in cues.ORGANISATION_HEADS
        or singular in cues.GOVERNMENT_HEADS
    )


_SUBJECT_DETERMINERS = words(
    """
    the a an one some more less about nearly almost just over roughly all only those local
    senior government state federal u.s
    """
)


def _is_participle(masked: str, start: int, end: int) -> bool:
    """ "speaking on condition of anonymity", "based on interviews with 86 witnesses"."""
    words = _words(masked, start, end)
    if not words or words[0][0].isupper():
        return False
    first = words[0].lower()
    return first.endswith(("ing", "ed")) or first in cues.DESCRIPTIVE_PARTICIPLES


class _Verb(NamedTuple):
    """A reporting verb in a sentence, with the words on either side of it."""

    text: str
    lower: str
    start: int
    end: int
    previous: str | None  # lower case; None at the start of the sentence
    next: str | None


_QUOTED = '"'
#: Verbs that assert only with what follows them: "testified that", "boasted: ...".
_ONLY_WITH_CONTENT = words(
    """
    testified testifies boast boasts boasted brag brags bragged maintain maintains maintained
    charge charges charged
    """
)
_CONTENT_OPENERS = frozenset(":,\"“‘'_")
_NOT_SPEECH_WITH = frozenset(
    [
        ("reported", "from"),
        ("reports", "from"),
        ("agree", "on"),
        ("agreed", "on"),
        ("agree", "to"),
        ("agreed", "to"),
        ("mentioned", "as"),
        ("agrees", "on"),
        ("adding", "to"),
        ("added", "to"),
        ("adds", "to"),
        ("think", "tank"),
        ("think", "tanks"),
        ("pledged", "delegates"),
        ("pledged", "delegate"),
        ("posted", "a"),
        ("posted", "an"),
        ("posted", "its"),
        ("posted", "his"),
        ("posted", "her"),
        ("posted", "their"),
    ]
)
#: "Trump added to People": whom one spoke to, not "adding to her lead".
_ADDED_TO_NAME = re.compile(r"\s+to\s+(?:the\s+)?[A-Z]")
#: "the morning shows, about one in three ...", "shows on cable": the noun, not the verb.
_SHOWS_NOUN_NEXT = words("in on of and or about for with from at to by")


def _verbs(masked: str) -> list[_Verb]:
    """The reporting verbs of a masked sentence, in order, each with its neighbouring words."""
    verbs: list[_Verb] = []
    previous: str | None = None
    previous_end = 0
    for match in _WORD.finditer(masked):
        word = match.group()
        start, end = match.span()
        if previous is not None and "_" in masked[previous_end:start]:
            previous = _QUOTED  # 'a "raw time," said X': the quote stands between
        previous_end = end
        particles = cues.PARTICLE_VERBS.get(word)
        if particles is not None:
            # "pointed out that ...": the verb and its particle are one cue.
            particle = _WORD.match(masked, end + 1) if masked[end : end + 1] == " " else None
            if particle is None or particle.group() not in particles:
                previous = word
                continue
            end = particle.end()
        elif word not in _ALL_REPORTING_VERBS and not _written_states(masked, word, end, previous):
            previous = word
            continue
        following = _WORD.search(masked, end)
        verbs.append(
            _Verb(
                masked[start:end],
                word.lower(),
                start,
                end,
                previous.lower() if previous is not None else None,
                following.group().lower() if following is not None else None,
            )
        )
        previous = word
    return verbs


_STATES_NEXT = re.compile(r"\s*(?:[,:]|that\b)")
#: Besides documents ("the memo states"), what "states" may follow as a verb.
_BEFORE_STATES = words("it law bill constitution text page passage section clause verse sign")


def _written_states(masked: str, word: str, end: int, previous: str | None) -> bool:
    """ "The report states that ...", '"...," the memo states,': "states" as a reporting verb;
    never the noun ("five states", "the other states, ...")."""
    return (
        word == "states"
        and previous is not None
        and (previous.lower() in cues.DOCUMENT_HEADS or previous.lower() in _BEFORE_STATES)
        and _STATES_NEXT.match(masked, end) is not None
    )


_CATENATIVE = re.compile(
    r"(?i)\b(?:" + "|".join(re.escape(p) for p in cues.CATENATIVE_PHRASES) + r")\s+to\s+$"
)


def _catenative_start(masked: str, verb: _Verb) -> int | None:
    """Where "went on to" starts before "went on to say"; None without such a phrase."""
    if verb.previous != "to":
        return None
    match = _CATENATIVE.search(masked, max(0, verb.start - 40), verb.start)
    return match.start() if match else None


#: Reporting verbs that are also nouns ("a report", "his claims", "the warning").
_NOUN_LIKE = words(
    """
    report reports claim claims tweet tweets comment comments estimate estimates promise
    promises pledge pledges vow vows warning warnings remark remarks findings finding forecast
    forecasts answer answers reply replies post posts show shows find finds note notes call
    calls charge charges quote quotes point points boast boasts dispute disputes
    concern concerns response responses statement statements counter counters signal signals
    hint hints comment estimate
    """
)
_RELATIVE_MARKERS = words("that which whose")


def _only_a_verb(verb: _Verb) -> bool:
    """Whether the reporting word can only be a verb here: "said", "warn", "insisted"; not
    "report" or "claims", which are nouns as often."""
    return verb.lower not in _NOUN_LIKE and not verb.lower.endswith("ing")


_BE_ADVERB_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been)\s+(?:(?:[a-z]+ly|already|still|now|also|even)\s+)+$"
)
_BE_BEFORE_ING = re.compile(
    r"\b(?:is|are|was|were|been)\s+(?:(?:[a-z]+ly|already|still|now|also|even)\s+)*$"
)


#: '"...," Kelly charged': a quote, then the subject right before the verb.
_QUOTE_THEN_SUBJECT = re.compile(
    r"\s*[\"“‘']*_+[,?!]?[\"”’']*\s+(?:the\s+)?(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Za-z][\w.'’\-]*\s+$"
)


def _verb_ok(masked: str, verb: _Verb) -> tuple[bool, bool]:
    """(usable as a reporting verb here, is passive)."""
    if verb.start > 0 and masked[verb.start - 1] == "-":
        return False, False  # "rebel-held", "self-declared"
    if masked[verb.end : verb.end + 1] == "-":
        return False, False
    if verb.lower in ("called", "calls") and verb.next not in _CHARACTERISED:
        return False, False  # "called for a hearing", "a group called X": not "called it a lie"
    if (
        verb.lower in _ONLY_WITH_CONTENT
        and verb.next not in ("that", "about", "of")
        and (masked[verb.end : verb.end + 3].lstrip()[:1] not in _CONTENT_OPENERS)
        and not _QUOTE_THEN_SUBJECT.match(masked, 0, verb.start)
    ):
        return False, False  # "testified before the panel", "boasts a lead": no assertion
    if verb.lower in ("show", "shows") and verb.next in _SHOWS_NOUN_NEXT:
        return False, False
    if (verb.lower, verb.next) in _NOT_SPEECH_WITH and not _ADDED_TO_NAME.match(masked, verb.end):
        return False, False  # "reported from Iraq", "agree on", "mentioned as a nominee"
    previous = verb.previous
    if previous is None:
        return True, False
    after = masked[verb.end : verb.end + 4].lstrip()
    if (
        masked[: verb.start].rstrip().endswith(",")
        and verb.lower not in cues.INVERTED_VERBS
        and verb.lower not in cues.DENIAL_VERBS
        and _PREPOSITION.match(after)
        and not _THAT_LATER.match(masked, verb.end)
    ):
        # "..., estimated at 300 billion barrels": a participle; not "X, a contender, predicted
        # at the debate that ...".
        return False, False
    if verb.lower.endswith("ing") and _BE_ADVERB_BEFORE.search(
        masked, max(0, verb.start - 40), verb.start
    ):
        return True, False  # "are increasingly admitting", "is already claiming"
    if verb.lower.endswith("ing") and previous not in cues.BE_FORMS:
        # "the latest warning", "saying": a noun or a participle, not a finite verb; the trailing
        # ", adding that ..." is handled by the caller.
        return verb.lower in cues.SPEECH_PARTICIPLES and _participle_of_main(masked, verb), False
    if verb.lower.endswith("ing"):
        return True, False  # "is saying": progressive, not passive
    finite = _only_a_verb(verb)
    if previous.endswith(("'s", "’s", "s'", "s’")) and previous not in _PRONOUN_HAS and not finite:
        return (
            False,
            False,
        )  # "the company's report"; not "he's said", "a friend of the couple's, said"
    if previous in cues.BE_FORMS or previous in ("being", "getting"):
        return False, True
    if (previous in ("not", "never") or previous.endswith(("n't", "n’t"))) and (
        verb.lower in _NO_ANSWER_VERBS
    ):
        return False, False  # "did not respond", "didn't reply": no assertion
    if (
        verb.lower in _NO_ANSWER_VERBS
        and verb.next == "to"
        and _RESPONDED_TO.match(masked, verb.end)
    ):
        return False, False  # "responded to Henry's tweet.": whom, not what
    if previous in _ADJECTIVES_OF_NOUNS and not finite:
        return False, False  # "a new report", "the original tweet"; not "a poll in March found"
    if verb.lower in _NOUN_FORMS and _ORDERED_NOUN.search(
        masked, max(0, verb.start - 30), verb.start
    ):
        return False, False  # "In a later tweet", "his second post"
    if previous == "that" and masked[verb.end : verb.end + 1] == ",":
        return False, False  # "That said, ..."
    if (
        (previous == "to" and _catenative_start(masked, verb) is None)
        or (previous in _NOUN_MARKERS and not (finite and previous in _RELATIVE_MARKERS))
        or (previous in cues.NUMBER_WORDS and not finite)
    ) and not masked[: verb.start].rstrip().endswith(","):
        return False, False  # "to say", "the report", "one tweet"; not "X, for one, noted",
        # "businesses that warn", "two in three said"
    return True, False


def find(text: str, start: int, end: int, masked: str) -> Attribution | None:
    """The attribution of the sentence ``text[start:end]``.

    ``masked`` is that slice with quoted words blanked out (see :func:`quotes.quote_mask`).
    """
    found = _according(text, start, masked)
    if found is not None:
        return found
    found = _name_colon(text, start, masked)
    if found is not None:
        return found
    return find_without_colon(text, start, end, masked)


#: 'Said Comey, "The thought ..."': the cue first, then the speaker, then a quote.
_SAID_FIRST = re.compile(
    r"(?P<cue>Said|Says|Added|Adds|Wrote|Writes|Tweeted|Explained|Continued|Recalled|Stated"
    r"|Noted|Declared|Argued|Insisted|Warned)[ \t]+"
    r"(?P<speaker>(?:the[ \t]+[A-Za-z]|[A-Z])[^,:;.!?\"“”_]{1,60}?)"
    # 'Said Ada Kowal, who grew up on the harbor, "..."': an aside before the quote
    r"(?P<aside>[ \t]*,[ \t]*(?:who|a|an|the)[ \t][^:;!?\"“”_]{1,120}?)?"
    r"[ \t]*[,:][ \t]*(?=[\"“‘']?_)"
)


def _said_first(text: str, base: int, masked: str) -> Attribution | None:
    match = _SAID_FIRST.match(masked)
    if match is None or not _looks_like_subject(masked, *match.span("speaker")):
        return None
    c_start, c_end = _strip_span(masked, match.end(), len(masked), " \t\n.!?")
    return Attribution(
        speaker_start=base + match.start("speaker"),
        speaker_end=base + match.end("speaker"),
        descriptor_start=base + match.start("speaker"),
        descriptor_end=base + max(match.end("speaker"), match.end("aside")),
        cue=match.group("cue").lower(),
        pattern="leading",
        content_start=base + c_start,
        content_end=base + c_end,
    )


def find_without_colon(text: str, start: int, end: int, masked: str) -> Attribution | None:
    """:func:`find` without a leading "Name:" (the caller judged it no speaker)."""
    found = _said_first(text, start, masked)
    if found is not None:
        return found
    verbs = _verbs(masked)
    if not verbs and _is_title_case(masked):
        # A headline: "Former Pollster Says Clinton Is In Trouble".
        masked = _TITLE_VERB.sub(lambda m: m.group().lower(), masked)
        verbs = _verbs(masked)[:1]
    if not verbs:
        return (
            _english_as(start, masked, [])
            or _participle_first(text, start, masked)
            or _russian_as(text, start, masked)
            or _verb_colon_quote(text, start, masked)
        )
    return (
        _english_as(start, masked, verbs)
        or _with_saying(start, masked)
        or _participle_first(text, start, masked)
        or _trailing(text, start, masked, verbs)
        or _russian_as(text, start, masked)
        or _leading(text, start, masked, verbs)
        or _parenthetical(text, start, masked, verbs)
        or _who_said(text, start, masked, verbs)
        or _verb_colon_quote(text, start, masked)
        or _name_before_verb(text, start, masked, verbs)
        or _opening_name(text, start, masked, verbs)
        or _passive_by(text, start, masked, verbs)
        or _infinitive_report(text, start, masked, verbs)
        or _phrase_before_that(text, start, masked, verbs)
        or _group_who_says(text, start, masked, verbs)
        or _long_subject(text, start, masked, verbs)
        or _embedded_say(start, masked)
    )


def _long_subject(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """The last resort: a long or lower-case subject right before its reporting verb
    ("Indeed, proponents of the harbor bill say ...")."""
    for verb in verbs:
        ok, passive = _verb_ok(masked, verb)
        progressive = _BE_BEFORE_ING.search(masked, max(0, verb.start - 40), verb.start)
        if verb.lower.endswith("ing") and verb.previous in _PRONOUN_HAS:
            ok, passive = True, False  # "He's telling allies that ..."
        elif (
            not ok
            or passive
            or verb.previous is None
            or (verb.lower.endswith("ing") and progressive is None)
        ):
            continue
        subject = subjects.subject_before(masked, verb.start)
        if subject is not None:
            found = _leading_with_content(masked, base, subject[0], subject[1], verb)
            if found is None and "_" in masked[verb.end :]:
                # 'Hale, the board's chair, said that "the damage is done."': a quote
                found = _leading_with_content(
                    text[base : base + len(masked)], base, subject[0], subject[1], verb
                )
            if found is not None:
                return found
        subject = subjects.subject_at_end(masked, verb.start, verb.end)
        if subject is not None and len(_words(masked, 0, subject[0])) >= _MIN_NAME_RUN_CONTENT:
            # "..., records compiled by the Harbor Board show."
            return Attribution(
                speaker_start=base + subject[0],
                speaker_end=base + subject[1],
                descriptor_start=base + subject[0],
                descriptor_end=base + verb.end,
                cue=verb.text,
                pattern="trailing",
                content_start=base,
                content_end=base + _content_end_before(masked, subject[0]),
            )
    return None


_GROUP_DETERMINERS = words("the a an some many most all several other these those few")
_WHO_BEFORE = re.compile(r"\s+who(?:\s+(?:also|have|has|had|now|still|often|all))*\s+$")
_MAX_ANTECEDENT_WORDS = 4


def _group_who_says(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """ "... ammunition to Republicans who say the law is a money pit", "... 18% who say they
    would be dissatisfied": the people right before "who" speak the clause after the verb."""
    for verb in verbs:
        ok, passive = _verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing"):
            continue
        who = _WHO_BEFORE.search(masked, max(0, verb.start - 40), verb.start)
        if who is None:
            continue
        tokens = [
            _new_token(_Token, (m.group(), m.group().lower(), *m.span()))
            for m in _WORD.finditer(masked, max(0, who.start() - 80), who.start())
        ]
        if not tokens or _SEPARATOR_BETWEEN.search(masked, tokens[-1].end, who.start()):
            continue
        k = len(tokens)
        while (
            k > 0
            and len(tokens) - k < _MAX_ANTECEDENT_WORDS
            and not _SEPARATOR_BETWEEN.search(
                masked, tokens[k - 1].end, tokens[k].start if k < len(tokens) else who.start()
            )
            and (tokens[k - 1].lower not in _NAME_RUN_STOP or tokens[k - 1].lower == "of")
            and tokens[k - 1].lower not in _ALL_REPORTING_VERBS
            and tokens[k - 1].lower not in _FINITE_NON_REPORTING
        ):
            k -= 1
            if tokens[k].lower in _GROUP_DETERMINERS:
                break  # "some Democratic lawmakers who thought": the determiner opens the group
        run = tokens[k:]
        while run and (run[0].lower in ("of", "and", "or") or run[0].lower.endswith("ing")):
            run = run[1:]
        if not run:
            continue
        head = run[-1]
        if not (
            is_source_noun(head.lower)
            or masked[head.end : head.end + 1] == "%"
            or head.lower in ("percent", "people", "those", "voters")
            or head.text[:1].isupper()
        ):
            continue
        that = _THAT.match(masked, verb.end)
        content_start = that.end() if that else verb.end
        c_start, c_end = _strip_span(masked, content_start, len(masked), " \t\n.!?:,")
        if len(_words(masked, c_start, c_end)) < _MIN_NAME_RUN_CONTENT:
            continue
        return Attribution(
            speaker_start=base + run[0].start,
            speaker_end=base + head.end + (masked[head.end : head.end + 1] == "%"),
            descriptor_start=base + run[0].start,
            descriptor_end=base + verb.end,
            cue=verb.text,
            pattern="leading",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None


_MAX_FALLBACK_SUBJECT_WORDS = 12
_CLAUSE_CUT = words("who which whose whom where when that")
#: What opens the reported clause right after the verb: "showed that", "said he", a quote.
_CLAUSE_OPENERS = words("that he she they we i")


def _phrase_before_that(
    text: str, base: int, masked: str, verbs: list[_Verb]
) -> Attribution | None:
    """The very last resort: "X ... VERB that ..." is a report whatever X is, when X is a
    short phrase after the last comma: "Surveys of caucus-goers taken as they entered the
    sites showed that ..."; the phrase is cut at a relative word."""
    for verb in verbs:
        opener = masked[verb.end : verb.end + 3].lstrip(" ,:")[:1]
        if verb.next not in _CLAUSE_OPENERS and not (opener and opener in '_"“'):
            continue
        ok, passive = _verb_ok(masked, verb)
        if not ok or passive or verb.previous is None or verb.lower.endswith("ing"):
            continue
        floor = max(masked.rfind(sep, 0, verb.start) for sep in ",;:—–(")
        floor = max(floor + 1, 0)
        tokens = [
            _new_token(_Token, (m.group(), m.group().lower(), *m.span()))
            for m in _WORD.finditer(masked, floor, verb.start)
        ]
        k = len(tokens)
        while k > 0 and (
            tokens[k - 1].lower in cues.AUXILIARIES
            or (tokens[k - 1].text.islower() and _is_adverb(tokens[k - 1]))
        ):
            k -= 1
        tokens = tokens[:k]
        while tokens and (
            tokens[0].lower in _LEADING_CONNECTIVES
            or tokens[0].lower in _ADVERBIAL_STARTERS
            or tokens[0].lower.endswith("ing")
        ):
            tokens = tokens[1:]  # "including 18% who say": the share, not "including"
        for j, token in enumerate(tokens):
            if j > 0 and token.lower in _CLAUSE_CUT:
                tokens = tokens[:j]
                break
        if not tokens or len(tokens) > _MAX_FALLBACK_SUBJECT_WORDS:
            continue
        if tokens[0].lower in _NAME_RUN_STOP or tokens[0].lower in ("there", "here", "it", "this"):
            continue
        if (
            any(t.lower in _FINITE_NON_REPORTING or t.lower in _IRREGULAR_PAST for t in tokens)
            or tokens[-1].lower in _NAME_RUN_STOP
        ):
            continue  # a clause, not a subject
        if len(tokens) == 1 and tokens[0].text.islower() and not is_source_noun(tokens[0].lower):
            continue  # "one that believes that ..."
        s_start, s_end = tokens[0].start, tokens[-1].end
        if masked[s_end : s_end + 1] == "%":
            s_end += 1
        found = _leading_with_content(masked, base, s_start, s_end, verb)
        if found is not None:
            return found
    return None


def _leading_with_content(
    masked: str, base: int, s_start: int, s_end: int, verb: _Verb
) -> Attribution | None:
    """The subject ``s_start:s_end`` leads the cue ``verb``; its content is what follows the
    verb (after a "that"), or None when that is too short to be a claim."""
    that = _THAT.match(masked, verb.end)
    content_start = that.end() if that else verb.end
    c_start, c_end = _strip_span(masked, content_start, len(masked), " \t\n.!?:,")
    if len(_words(masked, c_start, c_end)) < _MIN_NAME_RUN_CONTENT:
        return None
    return Attribution(
        speaker_start=base + s_start,
        speaker_end=base + s_end,
        descriptor_start=base + s_start,
        descriptor_end=base + verb.end,
        cue=verb.text,
        pattern="leading",
        content_start=base + c_start,
        content_end=base + c_end,
        statement=_statement_in(masked, 0, len(masked)),
    )


#: Verbs that make their object speak: "the win led Priebus to declare ...".
_CAUSATIVE = words(
    """
    led leads prompted prompts pressed urged asked forced allowed caused invited encouraged
    pushed moved
    """
)
#: Words before "to" that say the speaking did not happen or is only wished for.
_NO_SPEAKING_BEFORE_TO = words(
    """
    declined declines refused refuses refusing unwilling reluctant failed fails want wants
    wanted plan plans planned hope hopes hoped expected expects expect likely unlikely able
    unable not never n't going set due ready trying tried try has have had is was are were be
    meant opportunity position bid determined soon order chance time way need needs needed
    fair safe needless suffice
    """
)
_COMPARED = words("more less most least")
#: Infinitives that report too little to stand alone: "to respond", "to write", "to show".
_WEAK_INFINITIVES = _NO_ANSWER_VERBS | words("write show describe reveal find comment admit charge")
_TO_BEFORE = re.compile(r"\bto\s+$")


def _infinitive_report(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """A reporting verb in the infinitive: its object speaks after a causative verb ("the win
    led Chairman Ada Kowal to declare ..."), else the subject of the main clause ("Hale went on
    the radio to declare ...", "X is correct to note that ..."); not "declined to say"."""
    local = text[base : base + len(masked)]
    for verb in verbs:
        if verb.previous != "to" or verb.lower.endswith("ing") or verb.lower in _WEAK_INFINITIVES:
            continue
        to = _TO_BEFORE.search(masked, max(0, verb.start - 10), verb.start)
        if to is None or _catenative_start(masked, verb) is not None:
            continue
        before = [
            _new_token(_Token, (m.group(), m.group().lower(), *m.span()))
            for m in _WORD.finditer(masked, max(0, to.start() - 80), to.start())
        ]
        # "voters were more likely to say": a poll's finding, not a wish
        compared = (
            len(before) > 1 and before[-1].lower == "likely" and before[-2].lower in _COMPARED
        )
        if not before or (
            not compared
            and any(
                t.lower in _NO_SPEAKING_BEFORE_TO or t.lower.endswith(("n't", "n’t"))
                for t in before[-4:]
            )
        ):
            continue
        k = len(before)
        while k > 0 and before[k - 1].text[:1].isupper():
            k -= 1
        subject: tuple[int, int, int] | None = None
        if k < len(before) and k > 0 and before[k - 1].lower in _CAUSATIVE:
            subject = before[k].start, before[-1].end, before[k].start
        elif not any(t.lower in _CAUSATIVE for t in before[-4:]):
            subject = _main_subject(masked, local, to.start())
        if subject is None or not _looks_like_subject(masked, subject[0], subject[1]):
            continue
        that = _THAT.match(masked, verb.end)
        content_start = that.end() if that else verb.end
        c_start, c_end = _strip_span(masked, content_start, len(masked), " \t\n.!?:,")
        if len(_words(masked, c_start, c_end)) < _MIN_NAME_RUN_CONTENT:
            continue
        return Attribution(
            speaker_start=base + subject[0],
            speaker_end=base + subject[1],
            descriptor_start=base + subject[2],
            descriptor_end=base + verb.end,
            cue=masked[to.start() : verb.end],
            pattern="leading",
            content_start=base + c_start,
            content_end=base + c_end,
            statement=_statement_in(masked, 0, len(masked)),
        )
    return None


_DEMONSTRATIVES = words("that this these those it such")


def _opening_name(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """ "Ada Kowal, who at the time was a member of the Harbor Club, a group of sailors, said
    that ...": a sentence that opens with a name set off by a comma, and whose reporting verb
    comes right after a later comma, is the name's, however long the asides between."""
    chunks = _chunks(masked, 0, len(masked), text[base : base + len(masked)])
    if len(chunks) < 3:
        return None
    first = chunks[0]
    if not _is_name_chunk(text[base : base + len(masked)], *first) or _is_adverbial(masked, *first):
        return None
    words = _words(masked, *first)
    if len(words) < 2 and not words[0].isupper():
        return None  # "Yesterday, ...": a single capitalised word may be anything
    for verb in verbs:
        ok, passive = _verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing") or verb.start < first[1]:
            continue
        between = masked[: verb.start].rstrip()
        if not between.endswith(","):
            continue
        if ";" in masked[first[1] : verb.start] or "_" in masked[first[1] : verb.start]:
            continue
        s_start, s_end = _strip_span(masked, *first)
        found = _leading_with_content(masked, base, s_start, s_end, verb)
        if found is not None:
            return found
    return None


#: "was first reported by BuzzFeed", "as described by the director": the agent speaks.
_BY_AGENT = re.compile(
    r"\s+by\s+(?P<agent>(?:the\s+)?[A-Z][^,;:.!?()_\"“”]{0,60}?)(?=\s*(?:[,;:.!?()]|$|\s+(?:on|in|at|that|who|which|to|for|as|and|but)\b))"
)


def _passive_by(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """A passive reporting verb with its agent: "The ban was first reported by BuzzFeed.",
    "the plan, as described by the director, ..."."""
    for verb in verbs:
        if verb.lower.endswith("ing") or not verb.lower.endswith(("ed", "en", "wn", "ld", "id")):
            continue
        if (
            not _BE_BEFORE.search(masked, max(0, verb.start - 40), verb.start)
            and verb.previous != "as"
        ):
            continue
        agent = _BY_AGENT.match(masked, verb.end)
        if agent is None:
            continue
        a_start, a_end = _strip_span(masked, agent.start("agent"), agent.end("agent"))
        if not _looks_like_subject(masked, a_start, a_end):
            continue
        c_start, c_end = _strip_span(masked, 0, len(masked), " \t\n.!?")
        return Attribution(
            speaker_start=base + a_start,
            speaker_end=base + a_end,
            descriptor_start=base + verb.start,
            descriptor_end=base + a_end,
            cue=verb.text,
            pattern="passive",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None


_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(?:(?:first|also|widely|later|originally|"
    r"initially|previously|recently|publicly|[a-z]+ly)\s+)*$"
)


_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’\-]*$")
_NAME_RUN_STOP = words("in of at from for to with by on into about against over under as than like")
_MAX_NAME_RUN = 5


def _name_before_verb(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """The last resort: a run of capitalised words right before a reporting verb ("..., pizza
    magnate Herman Cain revealed that ...", "when asked, President Ada Kowal said ...") is its
    subject, whatever comes before it; not a place after a preposition ("voters in New
    Hampshire said")."""
    for verb in verbs:
        ok, passive = _verb_ok(masked, verb)
        if not ok or passive or verb.previous is None or verb.lower.endswith("ing"):
            continue
        tokens = [
            _new_token(_Token, (m.group(), m.group().lower(), *m.span()))
            for m in _WORD.finditer(masked, max(0, verb.start - 120), verb.start)
        ]
        k = len(tokens)
        while k > 0 and (
            tokens[k - 1].lower in cues.AUXILIARIES
            or (tokens[k - 1].text.islower() and _is_adverb(tokens[k - 1]))
        ):
            k -= 1
        end = k
        while (
            k > 0
            and end - k < _MAX_NAME_RUN
            and (
                _CAPITALISED_WORD.match(tokens[k - 1].text)
                or (tokens[k - 1].lower in cues.NAME_PARTICLES and k < end)
            )
        ):
            k -= 1
        if k == end or end - k > _MAX_NAME_RUN - 1:
            continue
        if _SEPARATOR_BETWEEN.search(masked, tokens[end - 1].end, verb.start):
            continue
        if k > 0 and (
            tokens[k - 1].lower in _NAME_RUN_STOP
            or tokens[k - 1].lower in _NOUN_MARKERS
            or tokens[k - 1].lower.endswith(("'s", "’s"))
        ):
            continue  # "voters in New Hampshire said", "the Ohio Senate said"
        run = tokens[k:end]
        if all(t.lower in _ADVERBIAL_STARTERS or t.lower in _SUBJECT_PRONOUNS for t in run):
            continue
        s_start, s_end = run[0].start, run[-1].end
        if not _looks_like_subject(masked, s_start, s_end):
            continue
        found = _leading_with_content(masked, base, s_start, s_end, verb)
        if found is not None:
            return found
    return None


_MIN_NAME_RUN_CONTENT = 3


#: A colon and the quote it opens: 'Mr. Brandt gloated: "I told you so."'.
_COLON_THEN_QUOTE = re.compile(r":[ \t]*(?=[\"“‘'«_])")
_CUE_BEFORE_COLON = re.compile(
    r"(?<![\w'’\-])([a-z][a-z'’\-]*(?:[ \t]+(?:back|in|on|up|out|further))?)[ \t]*$"
)
#: Verbs after which a name before the colon is whom the subject addressed, not the speaker.
_ADDRESSED = words("asked asks ask told tells tell")


def _verb_colon_quote(text: str, base: int, masked: str) -> Attribution | None:
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
    if not _looks_like_subject(masked, s_start, s_end):
        return None
    verb = _CUE_BEFORE_COLON.search(masked, s_end, colon.start())
    c_start, c_end = _strip_span(masked, colon.end(), len(masked), " \t\n.!?")
    if c_end - c_start < 3:
        return None
    named = _trailing_name(masked, s_end, colon.start()) if verb is None else None
    if named is not None and not any(
        t.lower in _ALL_REPORTING_VERBS or t.lower in _ADDRESSED
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


#: What may stand between "who" and its verb: "who has repeatedly pledged", "who's argued".
_WHO_AUXILIARIES = r"(?:(?:also|later|has|had|have|long|often|already|[a-z]+ly)\s+)*"
_NAME_BEFORE_WHO = re.compile(
    r"((?:[A-Z][\w.'’\-]*\s+){0,4}[A-Z][\w.'’\-]*)(?:\s*\([^)]*\))?,\s+who(?:\s+|['’]s\s+)"
    + _WHO_AUXILIARIES
    + "$"
)


_PHRASE_BEFORE_WHO = re.compile(
    r"\b((?:a|an|one|some|many|several|other)\s+(?:[a-z][\w'’\-]*\s+){0,3}[a-z][\w'’\-]*),"
    r"\s+who(?:\s+|['’]s\s+)" + _WHO_AUXILIARIES + "$"
)


def _who_said(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """ "... with help from Labor Secretary Thomas Perez, who said he expects ...": the name
    before ", who" speaks what follows the verb."""
    for verb in verbs:
        ok, passive = _verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing"):
            continue
        name = _NAME_BEFORE_WHO.search(masked, 0, verb.start)
        if name is None:
            # "... was from a young child, who said he drove ...": a described person.
            name = _PHRASE_BEFORE_WHO.search(masked, 0, verb.start)
            if name is None or not _looks_like_subject(masked, *name.span(1)):
                continue
        c_start, c_end = _strip_span(masked, verb.end, len(masked), " \t\n.!?:,")
        that = _THAT.match(masked, c_start)
        if that:
            c_start = _strip_span(masked, that.end(), c_end)[0]
        if len(_words(masked, c_start, c_end)) < _MIN_WHO_CONTENT_WORDS:
            continue
        return Attribution(
            speaker_start=base + name.start(1),
            speaker_end=base + name.end(1),
            descriptor_start=base + name.start(1),
            descriptor_end=base + verb.end,
            cue=verb.text,
            pattern="who",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None


_PARENTHESIS_CLOSE = re.compile(r"[^,;:.!?_]{0,40}?,")


def _parenthetical(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """ "Many of the closures, he said, involved public courses": the speaker and the verb set
    off by commas inside the sentence they attribute."""
    for verb in verbs:
        ok, passive = _verb_ok(masked, verb)
        if not ok or passive or verb.lower.endswith("ing"):
            continue
        close = _PARENTHESIS_CLOSE.match(masked, verb.end)
        if close is None or len(_words(masked, verb.end, close.end())) > _MAX_ADVERBIAL_WORDS:
            continue
        open_at = masked.rfind(",", 0, verb.start)
        if open_at < 0:
            continue
        before_open = _words(masked, 0, open_at)
        if len(before_open) < 2 and not (before_open and before_open[0].lower() in _DEMONSTRATIVES):
            continue  # "That, the commission said, would help": one word will do
        if _is_adverbial(masked, *_chunks(masked, 0, open_at)[-1]):
            continue  # "In a statement, the ministry said, ...": a leading attribution
        s_start, s_end = _strip_span(masked, open_at + 1, verb.start)
        words = _words(masked, s_start, s_end)
        if not words or len(words) > _MAX_PARENTHESIS_WORDS:
            continue
        if not _looks_like_subject(masked, s_start, s_end):
            continue
        if words[0][0].islower() and not _lowercase_subject_ok(words[0].lower()):
            continue
        c_start, c_end = _strip_span(masked, 0, len(masked), " \t\n.!?")
        return Attribution(
            speaker_start=base + s_start,
            speaker_end=base + s_end,
            descriptor_start=base + s_start,
            descriptor_end=base + close.end() - 1,
            cue=verb.text,
            pattern="parenthetical",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None


#: "PENCE: We will ...", "Marco Rubio: I'm not interested ...", "Poll: Clinton leads ...":
#: a speaker of up to four capitalised words, a colon, then what they say.
_NAME_COLON = re.compile(r"(?P<speaker>[A-Z][\w.\-]*(?:[ \t]+[A-Z][\w.\-]*){0,2}):[ \t]+(?=\S)")
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


def _name_colon(text: str, base: int, masked: str) -> Attribution | None:
    match = _NAME_COLON.match(masked) or _NAME_ON_TOPIC_COLON.match(masked)
    if match is None:
        return None
    speaker = match.group("speaker")
    first = speaker.split()[0].lower().rstrip(".'’")
    if (
        first in _COLON_LABELS
        or first in _ADVERBIAL_STARTERS
        or first in _NOUN_MARKERS
        or (
            first in cues.REPORTING_VERBS
            and not (speaker.isalpha() and first in cues.DOCUMENT_HEADS)
        )
    ):
        return None  # but "Report: ..." heads a story with what a report says
    c_start, c_end = _strip_span(masked, match.end(), len(masked), " \t\n.!?")
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


def _statement_in(text: str, start: int, end: int) -> bool:
    lowered = text[start:end].lower()
    return any(marker in lowered for marker in cues.STATEMENT_MARKERS)


_RUSSIAN_POSSESSIVE_ACCORDING = re.compile(
    r"(?<!\w)по\s+(его|ее|её|их)\s+(?:словам|мнению|данным|оценке|оценкам|информации|сведениям)(?!\w)",
    re.IGNORECASE,
)


_ACCORDING = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in cues.ACCORDING_TO) + r")(?!\w)"
)


def _according(text: str, base: int, masked: str) -> Attribution | None:
    lowered = masked.lower()
    pronoun = _RUSSIAN_POSSESSIVE_ACCORDING.search(masked)
    if pronoun is not None:
        at_start = not masked[: pronoun.start()].strip()
        content = (pronoun.end(), len(masked)) if at_start else (0, pronoun.start())
        c_start, c_end = _strip_span(masked, *content, " \t\n,.!?")
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
    for match in _ACCORDING.finditer(lowered):
        np_start = match.end()
        stop = len(masked)
        for k in range(np_start, len(masked)):
            if masked[k] in ",;" or (
                masked[k] in ".!?" and masked[k + 1 : k + 2] in ("", " ", "\n")
            ):
                stop = k
                break
        np_start, np_end = _strip_span(masked, np_start, stop)
        if np_end <= np_start:
            continue
        at_start = not masked[: match.start()].strip(' \t\n"“«')
        descriptor_end = np_end
        speaker_end = np_end
        if not at_start:
            # Trailing: the descriptor runs to the end, relative clause included; a name in
            # apposition ("the publisher, Harbour Books.") is the speaker.
            tail_start, tail_end = _strip_span(masked, np_end, len(masked), ' \t\n,;.!?"”»')
            if tail_end > tail_start and _is_name_chunk(text, base + tail_start, base + tail_end):
                speaker_end = tail_end
            descriptor_end = _strip_span(masked, np_start, len(masked), " \t\n,;.!?")[1]
        content = (stop + 1, len(masked)) if at_start else (0, match.start())
        c_start, c_end = _strip_span(masked, *content)
        return Attribution(
            speaker_start=base + np_start,
            speaker_end=base + speaker_end,
            descriptor_start=base + match.start(),
            descriptor_end=base + descriptor_end,
            cue=text[base + match.start() : base + match.end()],
            pattern="according",
            content_start=base + c_start,
            content_end=base + c_end,
            statement=_statement_in(masked, 0, len(masked)),
        )
    return None


def _tail_is_adjunct(masked: str, start: int, end: int, names_quoted: bool = False) -> bool:
    """Whether the words after a trailing "X said" are adjuncts: "on Thursday", "told reporters".

    With ``names_quoted`` (the tail is the speaker itself: "пишет «Коммерсантъ»") a short quoted
    name is allowed; otherwise a quote in the tail means the verb introduces it.
    """
    words = _words(masked, start, end)
    if len(words) > _MAX_TAIL_WORDS:
        return False
    quoted = [w for w in words if set(w) == {"_"}]
    if quoted and not (names_quoted and all(len(w) <= 40 for w in quoted)):
        return False
    lowered = [w.lower() for w in words]
    if "that" in lowered or ":" in masked[start:end] or "что" in lowered:
        return False
    # "said Will Doyle", "said May Kowal": a capitalised word after the verb is a name
    return not any(w.lower() in _FINITE_NON_REPORTING and not w[0].isupper() for w in words)


_WHO = re.compile(r"\s(?:who|whose)\s")
_COMMA_QUOTE_END = re.compile(r"[,?!][\"”’']{1,2}\s*$")


def _trailing(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    end_of_sentence = _strip_span(masked, 0, len(masked), " \t\n.!?\"”»'’")[1]
    for verb in reversed(verbs):
        ok, _ = _verb_ok(masked, verb)
        if not ok:
            continue
        if verb.lower in cues.SPEECH_PARTICIPLES and _after_comma(masked, verb):
            continue  # "..., the ministry said, adding that ...": the attribution is before
        # The words after the verb: adjuncts, optionally followed by ", adding that ...".
        tail_end = end_of_sentence
        # A dash closes the attribution: "..., the budget office reported on Tuesday -- a
        # development that ...".
        for marker in (" and added", " -- ", " — ", " – "):
            idx = masked.find(marker, verb.end, end_of_sentence)
            if idx >= 0:
                tail_end = idx
                break
        participle = _PARTICIPLE_AFTER_COMMA.search(masked, verb.end, tail_end)
        if participle is not None:
            tail_end = participle.start()
        tail_end = _strip_span(masked, verb.end, tail_end)[1]
        before = masked[: verb.start].rstrip()
        inverted = before.endswith(tuple(_SEPARATORS)) or (
            # A closing quote counts only after a quote that opens the sentence ('"...," said X');
            # «Газпрома» in the middle of a sentence is a name, not a separator.
            before.endswith(tuple(_QUOTE_CLOSERS))
            and (
                not before.rstrip("".join(_QUOTE_CLOSERS)).strip(" _\"“«‘'")
                # A quote that ends the content with its comma: 'The plan "is dead," said X'.
                or _COMMA_QUOTE_END.search(text, base, base + verb.start) is not None
            )
        )
        if inverted and _PUNCTUATION_NEXT.match(masked, verb.end):
            inverted = False  # "заявили, что ...": the verb has no subject after it
        if inverted and _adverbial_after_name(masked, text[base : base + len(masked)], verb.start):
            inverted = False  # "The Harbor Gazette, for one, noted the gap": no inversion
        if (
            inverted
            and verb.next in _SUBJECT_PRONOUNS
            and verb.next == masked[verb.end :].split(maxsplit=1)[0]
        ):
            inverted = False  # "X, an audience member, said he makes ...": no inversion
        if inverted and _ADJUNCT_NEXT.match(masked, verb.end):
            # "X, the campaign manager, said in an interview": the subject is before the verb.
            inverted = False
        semicolon = masked.find(";", verb.end, tail_end)
        if semicolon >= 0:
            tail_end = _strip_span(masked, verb.end, semicolon)[1]
        checked_end = speaker_end = tail_end
        if inverted or "_" in before:
            # "said the people, who asked not to be identified because ...", "said Khaled
            # Mansour, a shopkeeper who was wounded": only the name itself must be short.
            comma = masked.find(",", verb.end, tail_end)
            checked_end = comma if comma >= 0 else tail_end
            who = _WHO.search(masked, verb.end, checked_end)
            if who is not None:
                # "said a strategist who spoke on condition ...": the relative clause describes.
                checked_end = speaker_end = who.start()
        if not _tail_is_adjunct(masked, verb.end, checked_end, names_quoted=inverted):
            if verb.previous in _RELATIVE_STARTERS:
                continue  # '"...," said X, who added that ...': the verb before speaks
            return None
        # Inverted: "..., said Wang Lin, a spokesman ..." / "«...», — сказал Волков журналистам."
        if inverted:
            if verb.lower not in cues.INVERTED_VERBS:
                return None  # ", estimated at more than 300 billion barrels": a participle
            content_end = len(before.rstrip(" ,—–-\"”»'’"))
            if content_end < 3:
                return None
            np = _speaker_after(text, base, masked, verb.end, speaker_end)
            if np is None:
                return None
            np_words = _words(masked, np[0] - base, np[1] - base)
            if (
                any(w in _IRREGULAR_PAST for w in np_words)
                or any(
                    w.islower()
                    and (w in _FINITE_NON_REPORTING or (w.endswith("ed") and "-" not in w))
                    and w not in cues.DESCRIPTIVE_PARTICIPLES
                    # "said the printed card": an adjective right after the article
                    and not (
                        k == 1 and np_words[0].lower() in ("the", "a", "an") and w.endswith("ed")
                    )
                    for k, w in enumerate(np_words[1:], start=1)
                )
            ):
                # "..., said the speeches led her to vote", "X, a staff member, said the levy
                # failed": a clause, not a name
                return None
            return Attribution(
                speaker_start=np[0],
                speaker_end=np[1],
                descriptor_start=base + verb.start,
                descriptor_end=base + tail_end,
                cue=verb.text,
                pattern="trailing",
                content_start=base,
                content_end=base + content_end,
                statement=_statement_in(masked, verb.start, len(masked)),
            )
        # Regular: "..., X said on Thursday." The subject region starts after a comma or a
        # closing quote; try the farthest of the last three first, so that an apposition
        # ("..., Nikolai Patrushev, the council secretary, said") stays whole.
        subject = None
        too_short = False
        for floor in reversed(_separators(masked, verb.start)):
            subject = _subject_before(masked, text[base : base + len(masked)], floor, verb.start)
            if subject is None:
                continue
            content_end = _strip_span(masked, 0, _content_end_before(masked, subject[2]))[1]
            too_short = len(_words(masked, 0, content_end)) < 3 and "_" not in masked[:content_end]
            if not too_short:
                break
            # "The express that ..., Sabato said.": the farthest comma left too little content;
            # a nearer one may not.
        if subject is None:
            continue  # "..., say some Democrats, who cringe as they recall": try the verb before
        if too_short:
            return None
        s_start, s_end, d_start = subject
        return Attribution(
            speaker_start=base + s_start,
            speaker_end=base + s_end,
            descriptor_start=base + d_start,
            descriptor_end=base + tail_end,
            cue=verb.text,
            pattern="trailing",
            content_start=base,
            content_end=base + content_end,
            statement=_statement_in(masked, verb.start, len(masked)),
        )
    return None


_PARTICIPLE_AFTER_COMMA = re.compile(
    r",\s+(?:" + "|".join(sorted(cues.SPEECH_PARTICIPLES)) + r")\b", re.IGNORECASE
)


_SEPARATOR_ADVERB = re.compile(r"(?:,|—|–|\s-|--)\s*(?:only|also|even|just|again|[a-z]+ly)$")


def _after_comma(masked: str, verb: _Verb) -> bool:
    """A comma or a dash before the participle: "X called for a ban, saying ...", "X flipped
    his vote – saying ..."."""
    before = masked[: verb.start].rstrip()
    if before.endswith((",", "—", "–", " -", "--")) or _SEPARATOR_ADVERB.search(before):
        return True  # "..., saying", "... - only saying"
    # 'mocked him as the "king of debt," noting ...': the comma went inside the quote
    return len(before) > 1 and before[-1] in "”\"'’" and before[-2] == "_"


#: "aside from stating that", "after saying that", "by claiming that": the main subject speaks.
_PARTICIPLE_PREPOSITIONS = words("from after before by in while when without upon")
#: "..., calling it a sham and asserting that ...": a second participle after the first.
_PARTICIPLE_BEFORE_AND = re.compile(r"[,—–]\s+[a-z]+ing\b[^,;:]*\s(?:and|but)\s+$")


_THAT_WORD = re.compile(r"\sthat\s")


def _adverbial_after_name(masked: str, text: str, verb_start: int) -> bool:
    """Whether the words before the verb are a name and then an adverbial aside ("The Harbor
    Gazette, for one,"), which makes the name the verb's subject."""
    chunks = _chunks(masked, 0, verb_start, text)
    return (
        len(chunks) == 2 and _is_adverbial(masked, *chunks[1]) and _is_name_chunk(text, *chunks[0])
    )


#: "issued a statement Wednesday saying", "posted a video saying": the issuer speaks.
_ISSUED_NOUN_BEFORE = re.compile(
    r"\b(?:statement|release|note|letter|message|tweet|post|video|email|e-mail|memo|ad|op-ed"
    r"|response|article|column|editorial|filing|complaint|lawsuit|suit|sign|signs|banner"
    r"|banners|petition|report|interview)"
    r"(?:\s+(?:to|on|in|for|with|late|early|this|last|the|a|his|her|their|its)?\s*[\w'’]+){0,3}"
    r"\s+$"
)


def _participle_of_main(masked: str, verb: _Verb) -> bool:
    return (
        _after_comma(masked, verb)
        or verb.previous in _PARTICIPLE_PREPOSITIONS
        or (
            verb.previous in ("and", "but")
            and _PARTICIPLE_BEFORE_AND.search(masked, max(0, verb.start - 150), verb.start)
            is not None
        )
        or _ISSUED_NOUN_BEFORE.search(masked, max(0, verb.start - 40), verb.start) is not None
    )


def _content_end_before(masked: str, pos: int) -> int:
    k = pos
    while k > 0 and masked[k - 1] in " \t\n,—–-":
        k -= 1
    return k


def _separators(masked: str, verb_start: int) -> list[int]:
    """Up to three offsets, nearest first, just after a comma, semicolon or closing quote."""
    found: list[int] = []
    k = verb_start
    while k > 0 and len(found) < 3:
        k -= 1
        ch = masked[k]
        if ch in ",;" or (ch in _QUOTE_CLOSERS and k > 0 and masked[k - 1] in ",.!?_"):
            found.append(k + 1)
    return found


def _speaker_after(
    text: str, base: int, masked: str, start: int, end: int
) -> tuple[int, int] | None:
    """The speaker phrase after an inverted verb: "said Wang Lin, a spokesman for ...", "сказал
    Волков журналистам", "заявил ... пресс-секретарь президента Андрей Зорин"."""
    start, end = _strip_span(masked, start, end, " \t\n,;.!?")
    if end <= start:
        return None
    # Words, and quoted names as single tokens: "пишет «Коммерсантъ» со ссылкой на ...".
    tokens = [
        _Token(m.group(), m.group().lower(), m.start(), m.end())
        for m in _NAME_TOKEN.finditer(masked, start, end)
    ]
    if not tokens:
        return None
    # Drop Russian adjuncts around the name ("журналистам", "в пятницу") and the outlet that was
    # told ("сообщили РБК в пресс-службе министерства").
    words = [t for t in tokens if t.lower not in _RUSSIAN_ADJUNCTS]
    while len(words) > 1 and words[0].text.isupper() and _is_cyrillic_word(words[0].text):
        words = words[1:]
    if not words:
        return None
    if words[0].lower in ("by",):
        words = words[1:]
    first = words[0]
    chunks = _chunks(masked, first.start, end, text[base : base + len(masked)])
    if not chunks:
        return None
    c_start, c_end = chunks[0]
    c_end = min(c_end, end)
    inner = [t for t in words if t.end > c_start and t.start < c_end]
    if not inner:
        return None
    # Trailing adjuncts after the name: "Волков журналистам".
    while len(inner) > 1 and inner[-1].lower in _RUSSIAN_ADJUNCTS:
        inner.pop()
    return base + inner[0].start, base + inner[-1].end


_NAME_TOKEN = re.compile(r"[«\"“‘']_+[»\"”’']|[^\W\d_][\w'’\-]*|\d[\d.,]*")
_RUSSIAN_AS = re.compile(r"\s*(?P<as>[Кк]ак)\s+([а-яё]+)\s+([^,]+),")
_RUSSIAN_BACK = re.compile(
    r"\s*(?:"
    + "|".join(re.escape(p) for p in cues.RUSSIAN_BACK_REFERENCE)
    + r")\s+(?:\w+\s+){0,3}?([а-яё]+)\b",
    re.IGNORECASE,
)


def _is_cyrillic_word(word: str) -> bool:
    return any("а" <= ch.lower() <= "я" for ch in word)


def _participle_first(text: str, base: int, masked: str) -> Attribution | None:
    """ "Noting that the levy failed, Kowal called for ...": the main clause's subject speaks
    the participle's content (see :mod:`side_clauses`)."""
    found = find_leading_participle(masked)
    if found is None:
        return None
    cue, content_start = found
    subject = _main_subject(masked, text[base : base + len(masked)], len(masked))
    if subject is None or subject[2] <= content_start:
        return None
    c_start, c_end = _strip_span(masked, content_start, subject[2])
    if len(_words(masked, c_start, c_end)) < _MIN_WHO_CONTENT_WORDS:
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


def _embedded_say(base: int, masked: str) -> Attribution | None:
    """ "... than aides say he deserves" (see :mod:`side_clauses`)."""
    found = find_embedded_say(masked)
    return None if found is None else _side_attribution(base, found)


def _with_saying(base: int, masked: str) -> Attribution | None:
    """ "..., with 30 percent of voters saying ..." (see :mod:`side_clauses`)."""
    found = find_with_clause(masked)
    if found is None or not _looks_like_subject(masked, *found.speaker):
        return None
    return _side_attribution(base, found)


def _english_as(base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    """ "As the report notes, ..." and "..., as Ada Kowal said." (see :mod:`side_clauses`).

    A trailing clause after a reporting verb of the sentence's own ("X said ..., as some had
    suggested") leaves the sentence to that verb.
    """
    found = find_as_clause(masked)
    if found is None or not _looks_like_subject(masked, *found.speaker):
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


def _russian_as(text: str, base: int, masked: str) -> Attribution | None:
    """ "Как сообщили в Министерстве обороны России, ..." and "Об этом заявил ... X." """
    match = _RUSSIAN_AS.match(masked)
    if match and match.group(2) in cues.RUSSIAN_REPORTING_VERBS:
        np_start, np_end = match.start(3), match.end(3)
        inner = _RUSSIAN_PREPOSITION.match(masked[np_start:np_end])
        if inner:
            np_start += inner.end()
        content_start, content_end = _strip_span(masked, match.end(), len(masked), " \t\n.!?")
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
        end = _strip_span(masked, back.end(1), len(masked), " \t\n.!?")[1]
        np = _speaker_after(text, base, masked, back.end(1), end)
        if np is None:
            return None
        return Attribution(
            speaker_start=np[0],
            speaker_end=np[1],
            descriptor_start=base + _strip_span(masked, 0, len(masked))[0],
            descriptor_end=base + end,
            cue=back.group(1),
            pattern="back",
            content_start=base,
            content_end=base,
            statement=_statement_in(masked, 0, len(masked)),
        )
    return None


def _leading(text: str, base: int, masked: str, verbs: list[_Verb]) -> Attribution | None:
    local = text[base : base + len(masked)]
    for token in verbs:
        ok, passive = _verb_ok(masked, token)
        quoted = _QUOTED_AS.search(masked, 0, token.start) if token.lower == "saying" else None
        if quoted is not None:
            # "The minister was quoted by TASS as saying that ...": the subject is before "was".
            ok, passive, cut = True, False, quoted.start()
        else:
            cut = _catenative_start(masked, token) or token.start
        if passive or not ok or token.previous is None:
            continue  # a verb that opens the sentence has no subject before it
        if token.lower.endswith("ing") and token.previous in cues.BE_FORMS:
            cut = _LAST_WORD_START.search(masked, 0, token.start).start()  # type: ignore[union-attr]
        # "X declined to comment ... but said": allow the subject to stop before the first verb.
        if token.lower in cues.SPEECH_PARTICIPLES and _participle_of_main(masked, token):
            # "Trump called for a ban, saying ...": the subject of the main clause speaks.
            subject = _main_subject(masked, local, token.start)
        else:
            subject = _subject_before(masked, local, 0, _drop_conjunction(masked, cut))
            if subject is not None and _THAT_WORD.search(masked, subject[0], subject[1]):
                # "The hearing grew so tense that Gov. X said": the clause after "that" speaks.
                subject = _embedded_subject(masked, cut) or subject
            if (
                subject is None
                and _AND_BEFORE.search(masked, 0, token.start)
                and not token.lower.endswith("ing")
            ):
                # "Obama met survivors on Thursday and said ...": the main clause's subject.
                subject = _main_subject(masked, local, token.start)
            if subject is None:
                # A new clause after a dash, colon, semicolon or ", and": "Carson seems to know
                # it — he told the AP that ...", "..., and more than 4 in 10 said ...".
                boundary = _last_clause_boundary(masked, cut)
                if boundary is not None:
                    subject = _subject_before(masked, local, boundary, cut)
        if subject is None and not token.lower.endswith("ing") and token.next not in ("to", "for"):
            # "which he said were", not "he promised to bridge", "he declared for president".
            subject = _embedded_subject(masked, cut)
            if subject is not None:
                subject = _antecedent_in_main_clause(masked, local, subject)
        if subject is None:
            if len(_words(masked, 0, token.start)) > _MAX_SUBJECT_WORDS + 10:
                return None
            continue
        s_start, s_end, d_start = subject
        content_start = token.end
        after = masked[token.end :]
        that = _THAT.match(after)
        if that:
            content_start = token.end + that.end()
        colon = after.lstrip().startswith(":")
        c_start, c_end = _strip_span(masked, content_start, len(masked), " \t\n.!?:,")
        descriptor_start = d_start
        if d_start > 0 and _statement_in(masked, 0, d_start):
            descriptor_start = _strip_span(masked, 0, d_start)[0]
        descriptor_end = token.end
        if (
            not that
            and not colon
            and _PLACE_OR_TIME.match(after.lstrip())
            and _tail_is_adjunct(masked, token.end, c_end)
        ):
            # "Trump said to a crowd of about 500.": the sentence only says who spoke; what
            # was said is the quote before it.
            descriptor_end = c_end
            c_start = c_end
        return Attribution(
            speaker_start=base + s_start,
            speaker_end=base + s_end,
            descriptor_start=base + descriptor_start,
            descriptor_end=base + descriptor_end,
            cue=token.text,
            pattern="colon" if colon else "leading",
            content_start=base + c_start,
            content_end=base + c_end,
            statement=_statement_in(masked, 0, len(masked)),
        )
    return None


#: Words that open a subordinate or relative clause: "so heated that Gov. X said", "in which he
#: said", "what she said is".
_EMBEDDING = words(
    """
    that because when although though after before while since as where whether if until which
    who whom what how why once
    """
)
_MAX_EMBEDDED_NAME_WORDS = 5
_EMBEDDED_WINDOW = 120  # characters before the verb that can hold its clause's subject


def _embedded_subject(masked: str, verb_start: int) -> tuple[int, int, int] | None:
    """The subject of a reporting verb inside a subordinate or relative clause: a pronoun right
    before the verb ("the daughters, who he said were ..."), or a name right after the word that
    opens the clause ("grew so heated that Gov. Chris Christie said")."""
    window = max(0, verb_start - _EMBEDDED_WINDOW)
    tokens = [
        _new_token(_Token, (m.group(), m.group().lower(), *m.span()))
        for m in _WORD.finditer(masked, window, verb_start)
    ][1 if window else 0 :]  # the first word may be cut by the window
    k = len(tokens)
    while k > 0 and (
        tokens[k - 1].lower in cues.AUXILIARIES
        or (tokens[k - 1].text.islower() and _is_adverb(tokens[k - 1]))
    ):
        k -= 1  # "she has also said"
    if k == 0 or _SEPARATOR_BETWEEN.search(masked, tokens[k - 1].end, verb_start):
        return None
    last = tokens[k - 1]
    if last.lower in _SUBJECT_PRONOUNS and last.lower != "it":
        return last.start, last.end, last.start
    first = k
    while (
        first > 0 and k - first < _MAX_EMBEDDED_NAME_WORDS and tokens[first - 1].text[0].isupper()
    ):
        first -= 1
    if first == k or first == 0 or tokens[first - 1].lower not in _EMBEDDING:
        return _embedded_noun_phrase(masked, tokens[:k])
    if _SEPARATOR_BETWEEN.search(masked, tokens[first - 1].end, tokens[first].start):
        return None
    return tokens[first].start, last.end, tokens[first].start


_NOUN_PHRASE_EMBEDDING = words(
    "although though because while since as if whether when after before where that which"
)


def _embedded_noun_phrase(masked: str, tokens: list[_Token]) -> tuple[int, int, int] | None:
    """A short noun phrase of sources after a conjunction: "although his advisers say", "because
    exit polls in Iowa indicated"."""
    for j in range(len(tokens) - 2, max(len(tokens) - 2 - _MAX_EMBEDDED_NAME_WORDS, -1), -1):
        if tokens[j].lower not in _NOUN_PHRASE_EMBEDDING:
            continue
        phrase = tokens[j + 1 :]
        start, end = phrase[0].start, phrase[-1].end
        if _SEPARATOR_BETWEEN.search(masked, tokens[j].end, end):
            return None
        words = [t.text for t in phrase]
        if not _lowercase_subject_ok(words[0].lower(), words) or not _looks_like_subject(
            masked, start, end
        ):
            return None
        return start, end, start
    return None


def _antecedent_in_main_clause(
    masked: str, text: str, subject: tuple[int, int, int]
) -> tuple[int, int, int]:
    """ "Trump has blasted the system, which he said ...": "he" is the main clause's subject
    when that is a name or the same pronoun."""
    pronoun = masked[subject[0] : subject[1]].lower()
    if pronoun not in ("he", "she"):
        return subject
    main = _main_subject(masked, text, subject[0])
    if main is None or main[1] > subject[0]:
        return subject
    head = masked[main[0] : main[1]]
    first = head.split()[0].lower()
    if head.lower() == pronoun or (
        _is_name_chunk(text, *main[:2])
        and first not in _SUBJECT_PRONOUNS
        and first not in _NOT_NAMES
        and first not in _LEADING_CONNECTIVES
    ):
        return main[0], main[1], subject[0]
    return subject


_NOT_NAMES = words("that this these those there here it and then")
_SEPARATOR_BETWEEN = re.compile(r"[,;:\"“”«»()_—–]")
_CLAUSE_BOUNDARY = re.compile(r"(?:[;:(]|\s--?\s|[—–]|,\s+(?:and|but|while|as)\s)")


def _last_clause_boundary(masked: str, end: int) -> int | None:
    last = None
    for match in _CLAUSE_BOUNDARY.finditer(masked, 0, end):
        last = match.end()
    return last


_LAST_WORD_START = re.compile(r"\S+\s*$")
_AND_BEFORE = re.compile(r"\s(?:and|but)\s+(?:(?:also|then|later|again)\s+)?$")
_SUBJECT_PRONOUNS = words("he she they we i it")
_DEFINITE_ARTICLES = words("the a an one both many some several his her their its our my")
#: Past tenses without "-ed" that open a main clause: "Trump took aim at ..., saying".
_IRREGULAR_PAST = words(
    """
    made took gave went came spoke wrote sent held met left led ran won lost put set kept brought
    thought stood sought fought struck drew threw hit cut began became told said
    """
)
_MAX_MAIN_SUBJECT_WORDS = 8
_MAX_POSSESSED_WORDS = 3
_MAIN_CLAUSE_ADVERBS = words("even also then again later still already once first just never")


def _main_subject(masked: str, text: str, limit: int) -> tuple[int, int, int] | None:
    """The subject of the sentence's main clause, when it is a name, a pronoun or a short noun
    phrase with "the" right before a verb in the past tense or with an auxiliary."""
    # The first chunk that opens with a subject and its verb: adverbials come before it ("Back
    # in 1999, Mr. Trump expressed ..."); appositions and relative clauses may stand between
    # the subject and its verb ("Rahm Emanuel, his chief of staff, urged ...").
    chunks = _chunks(masked, 0, limit, text)
    for i, chunk in enumerate(chunks):
        tokens = [t for t in _tokens(masked[: chunk[1]]) if t.start >= chunk[0]]
        while len(tokens) > 1 and (
            tokens[0].lower in _LEADING_CONNECTIVES
            or (tokens[0].text.islower() and tokens[0].lower in _MAIN_CLAUSE_ADVERBS)
        ):
            tokens = tokens[1:]  # "But the other candidate, X, drew", "And then Hale went"
        found = _subject_of_chunk(tokens)
        if found is not None:
            return found
        k = _subject_length(tokens)
        if k == 0 or k != len(tokens):
            continue
        j = i + 1
        while j < len(chunks) and _describes(masked, text, chunks[j]):
            j += 1
        if i + 1 < j < len(chunks):
            after = [t for t in _tokens(masked[: chunks[j][1]]) if t.start >= chunks[j][0]]
            after = [t for t in after if not _is_adverb(t)]
            if after and _finite_at(after, 0):
                if _is_name_chunk(text, *chunks[i + 1]):
                    # "The French minister of energy, Ada Royal, alluded": the name.
                    name = _strip_span(masked, *chunks[i + 1])
                    return name[0], name[1], tokens[0].start
                run = (
                    _trailing_name(masked, *chunks[i + 1])
                    if tokens[0].lower in _DEFINITE_ARTICLES
                    else None
                )
                if run is not None:
                    # "the other candidate, former Mayor Ada Kowal, drew": the name.
                    return run[0], run[1], tokens[0].start
                return tokens[0].start, tokens[-1].end, tokens[0].start
    return subjects.main_subject(masked, limit)


def _trailing_name(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The run of two or more capitalised words that ends a chunk ("former Mayor Ada Kowal")."""
    tokens = [t for t in _tokens(masked[:end]) if t.start >= start]
    k = len(tokens)
    while k > 0 and tokens[k - 1].text[:1].isupper():
        k -= 1
    if len(tokens) - k < 2 or k == 0 or tokens[k - 1].lower in _NAME_RUN_STOP:
        return None
    while k < len(tokens) and tokens[k].lower.rstrip(".") in cues.TITLE_WORDS:
        k += 1
    if len(tokens) - k < 2:
        return None
    return tokens[k].start, tokens[-1].end


def _describes(masked: str, text: str, chunk: tuple[int, int]) -> bool:
    """An apposition, a relative clause or a name in apposition ("his chief of staff", "who
    currently hold a majority", "former Secretary of State Hillary Clinton")."""
    words = _words(masked, *chunk)
    if not words:
        return False
    first = words[0].lower()
    return (
        first in _APPOSITION_STARTS
        or first in _RELATIVE_STARTERS
        or first in ("former", "then", "now", "also")
        or _is_name_chunk(text, *chunk)
        or _is_title_apposition(words)
    )


def _is_adverb(token: _Token) -> bool:
    return token.text.islower() and (
        token.lower.endswith("ly") or token.lower in _MAIN_CLAUSE_ADVERBS
    )


def _subject_length(tokens: list[_Token]) -> int:
    """How many tokens the subject takes at the start of ``tokens`` (0: none there)."""
    if not tokens:
        return 0
    first = tokens[0]
    if first.lower in _SUBJECT_PRONOUNS:
        return 1
    if first.lower in _DEFINITE_ARTICLES:
        k = 1
        # "The retired surgeon has": the word after the article is no verb
        while k < len(tokens) and (k == 1 or not _finite_at(tokens, k)):
            k += 1
        return k
    k = 0
    while k < len(tokens) and (
        tokens[k].text[0].isupper()
        or tokens[k].lower in cues.NAME_PARTICLES
        or (  # "Secretary of State Madeleine Albright"
            tokens[k].lower == "of"
            and k > 0
            and k + 1 < len(tokens)
            and tokens[k + 1].text[0].isupper()
        )
    ):
        k += 1
    if 0 < k < len(tokens) and tokens[k - 1].lower.endswith(("'s", "’s")):
        # "Schilling's son", "Clinton's campaign manager"
        noun = k
        while noun < len(tokens) and noun - k < _MAX_POSSESSED_WORDS:
            if _past_or_auxiliary(tokens[noun].text):
                return noun
            noun += 1
    return k


def _finite_at(tokens: list[_Token], k: int) -> bool:
    """Whether ``tokens[k]`` is a verb in the past or an auxiliary; "released" only with its
    object ("The town released a statement"), not as in "a report released Monday"; a verb in
    the present only before its object ("Hale rips the deal")."""
    with_object = k + 1 < len(tokens) and tokens[k + 1].lower in _NOUN_MARKERS
    return (
        _past_or_auxiliary(tokens[k].text)
        or (tokens[k].lower in cues.DESCRIPTIVE_PARTICIPLES and with_object)
        or (
            with_object
            and tokens[k].text.islower()
            and _plural(tokens[k].lower)
            and tokens[k].lower not in _ALL_REPORTING_VERBS
        )
    )


def _plural(word: str) -> bool:
    return (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
    )


def _subject_of_chunk(tokens: list[_Token]) -> tuple[int, int, int] | None:
    k = _subject_length(tokens)
    if k == 0 or k >= len(tokens) or k > _MAX_MAIN_SUBJECT_WORDS:
        return None
    verb = k
    while verb < len(tokens) - 1 and _is_adverb(tokens[verb]):
        verb += 1  # "Mr. Trump even echoed", "Albright recently urged"
    if _is_adverb(tokens[verb]):
        return None
    if not _finite_at(tokens, verb):
        return None
    return tokens[0].start, tokens[k - 1].end, tokens[0].start


def _past_or_auxiliary(word: str) -> bool:
    if not word.islower():
        return False
    return (
        (word.endswith("ed") and word not in cues.DESCRIPTIVE_PARTICIPLES)
        or word in _IRREGULAR_PAST
        or word in cues.AUXILIARIES
        or word in _FINITE_NON_REPORTING
    )


def _drop_conjunction(masked: str, verb_start: int) -> int:
    """The subject of "X declined to comment but said" ends before "declined"; drop "but"."""
    match = _CONJUNCTION_BEFORE.search(masked, 0, verb_start)
    if match is None:
        return verb_start
    before = masked[: match.start()]
    tokens = _tokens(before)
    for token in tokens:
        word = token.lower
        if (
            word.endswith("ed")
            and word not in cues.DESCRIPTIVE_PARTICIPLES
            and not token.text[0].isupper()
        ):
            return token.start
    return match.start()


def split_clauses(
    text: str, start: int, end: int, masked: str, found: Attribution | None
) -> list[Clause]:
    """The sentence as one clause, or as two where a leading subject asserts twice:
    "X said A and suggested B" / "X said A, adding that B"."""
    if found is None or found.pattern not in ("leading", "trailing", "colon"):
        return [Clause(start, end, found)]
    search_from = found.descriptor_end - start if found.pattern != "trailing" else 0
    for match in _SECOND_CLAUSE.finditer(masked, search_from):
        verb = match.group(2)
        if match.group(1).strip() == "," and verb not in ("adding",):
            continue
        if found.pattern == "trailing" and verb != "adding":
            continue
        cut = match.start()
        first_end = start + _strip_span(masked, 0, cut)[1]
        second_start = start + match.start(2)
        if first_end - start < 10:
            continue
        return [
            Clause(start, first_end, found),
            Clause(second_start, end, found, continuation=True),
        ]
    return [Clause(start, end, found)]
