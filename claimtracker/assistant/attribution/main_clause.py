"""The subject of a sentence's main clause, for forms whose speaker is not next to the cue
(participle first, infinitives, embedded verbs): finite verbs, adverbs, the length of a subject,
the last clause boundary before a verb, a name at the end of a phrase; and whether the words
before a verb are only its subject and asides about it ("Hale, who runs the ferry, said ..."),
which keeps the trailing form from reading the verb's object as a speaker.
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues, subjects
from claimtracker.assistant.attribution.phrases import (
    is_adverbial,
    is_name_chunk,
    looks_like_subject,
)
from claimtracker.assistant.attribution.subject import is_title_apposition
from claimtracker.assistant.attribution.tokens import (
    ALL_REPORTING_VERBS,
    Token,
    _chunks,
    _tokens,
    _words,
    strip_span,
)
from claimtracker.assistant.attribution.vocabulary import (
    APPOSITION_STARTS,
    FINITE_NON_REPORTING,
    IRREGULAR_PAST,
    LEADING_CONNECTIVES,
    MAIN_CLAUSE_ADVERBS,
    NAME_RUN_STOP,
    NOUN_MARKERS,
    RELATIVE_STARTERS,
    SUBJECT_PRONOUNS,
)
from claimtracker.assistant.cues import words

_CONJUNCTION_BEFORE = re.compile(r"\s(?:and|but|а|и)\s+$")


def antecedent_in_main_clause(
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
        is_name_chunk(text, *main[:2])
        and first not in SUBJECT_PRONOUNS
        and first not in _NOT_NAMES
        and first not in LEADING_CONNECTIVES
    ):
        return main[0], main[1], subject[0]
    return subject


_NOT_NAMES = words("that this these those there here it and then")
_CLAUSE_BOUNDARY = re.compile(r"(?:[;:(]|\s--?\s|[—–]|,\s+(?:and|but|while|as)\s)")


def last_clause_boundary(masked: str, end: int) -> int | None:
    last = None
    for match in _CLAUSE_BOUNDARY.finditer(masked, 0, end):
        last = match.end()
    return last


_DEFINITE_ARTICLES = words("the a an one both many some several his her their its our my")
_MAX_MAIN_SUBJECT_WORDS = 8
_MAX_POSSESSED_WORDS = 3


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
            tokens[0].lower in LEADING_CONNECTIVES
            or (tokens[0].text.islower() and tokens[0].lower in MAIN_CLAUSE_ADVERBS)
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
            after = [t for t in after if not is_adverb(t)]
            if after and _finite_at(after, 0):
                if is_name_chunk(text, *chunks[i + 1]):
                    # "The French minister of energy, Ada Royal, alluded": the name.
                    name = strip_span(masked, *chunks[i + 1])
                    return name[0], name[1], tokens[0].start
                run = (
                    trailing_name(masked, *chunks[i + 1])
                    if tokens[0].lower in _DEFINITE_ARTICLES
                    else None
                )
                if run is not None:
                    # "the other candidate, former Mayor Ada Kowal, drew": the name.
                    return run[0], run[1], tokens[0].start
                return tokens[0].start, tokens[-1].end, tokens[0].start
    return subjects.main_subject(masked, limit)


def trailing_name(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The run of two or more capitalised words that ends a chunk ("former Mayor Ada Kowal")."""
    tokens = [t for t in _tokens(masked[:end]) if t.start >= start]
    k = len(tokens)
    while k > 0 and tokens[k - 1].text[:1].isupper():
        k -= 1
    if len(tokens) - k < 2 or k == 0 or tokens[k - 1].lower in NAME_RUN_STOP:
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
        first in APPOSITION_STARTS
        or first in RELATIVE_STARTERS
        or first in ("former", "then", "now", "also")
        or is_name_chunk(text, *chunk)
        or is_title_apposition(words)
    )


def is_adverb(token: Token) -> bool:
    return token.text.islower() and (
        token.lower.endswith("ly") or token.lower in MAIN_CLAUSE_ADVERBS
    )


def _subject_length(tokens: list[Token]) -> int:
    """How many tokens the subject takes at the start of ``tokens`` (0: none there)."""
    if not tokens:
        return 0
    first = tokens[0]
    if first.lower in SUBJECT_PRONOUNS:
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


def _finite_at(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is a verb in the past or an auxiliary; "released" only with its
    object ("The town released a statement"), not as in "a report released Monday"; a verb in
    the present only before its object ("Hale rips the deal")."""
    with_object = k + 1 < len(tokens) and tokens[k + 1].lower in NOUN_MARKERS
    return (
        _past_or_auxiliary(tokens[k].text)
        or (tokens[k].lower in cues.DESCRIPTIVE_PARTICIPLES and with_object)
        or (
            with_object
            and tokens[k].text.islower()
            and _plural(tokens[k].lower)
            and tokens[k].lower not in ALL_REPORTING_VERBS
        )
    )


def _plural(word: str) -> bool:
    return (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
    )


def _subject_of_chunk(tokens: list[Token]) -> tuple[int, int, int] | None:
    k = _subject_length(tokens)
    if k == 0 or k >= len(tokens) or k > _MAX_MAIN_SUBJECT_WORDS:
        return None
    verb = k
    while verb < len(tokens) - 1 and is_adverb(tokens[verb]):
        verb += 1  # "Mr. Trump even echoed", "Albright recently urged"
    if is_adverb(tokens[verb]):
        return None
    if not _finite_at(tokens, verb):
        return None
    return tokens[0].start, tokens[k - 1].end, tokens[0].start


def _past_or_auxiliary(word: str) -> bool:
    if not word.islower():
        return False
    return (
        (word.endswith("ed") and word not in cues.DESCRIPTIVE_PARTICIPLES)
        or word in IRREGULAR_PAST
        or word in cues.AUXILIARIES
        or word in FINITE_NON_REPORTING
    )


def drop_conjunction(masked: str, verb_start: int) -> int:
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


#: Words that open an aside about the subject other than an apposition: "Ada Kowal, 30, of
#: Dover", "Ms. Hale, along with two aides", "economists, like their rivals", "X, and Y".
_ASIDE_STARTS = words("of from at along like unlike including and together both each")


def subject_then_asides(masked: str, text: str, verb_start: int) -> bool:
    """Whether the words before a verb are its subject and then asides about it: appositions,
    relative clauses or adverbials ("Ada Kowal, a ferry mechanic who runs the night boat,
    said the fares rose", "Hale, in a grey suit, said little"). The verb then has its subject
    before it; what follows it is no speaker, however the commas read."""
    if "_" in masked[:verb_start]:
        return False  # a quote before the verb: '"...," said X'
    chunks = _chunks(masked, 0, verb_start, text)
    while chunks and is_adverbial(masked, *chunks[0]):
        chunks = chunks[1:]  # "In her speech, Hale, who ..., warned"
    if len(chunks) < 2 or not looks_like_subject(masked, *chunks[0]):
        return False
    tokens = [t for t in _tokens(masked[: chunks[0][1]]) if t.start >= chunks[0][0]]
    if len(tokens) > _MAX_MAIN_SUBJECT_WORDS or any(is_adverb(t) for t in tokens[1:]):
        return False  # "Cruz also lacks support from ...": a clause, not a subject
    return all(_aside(masked, text, chunk) for chunk in chunks[1:])


def _aside(masked: str, text: str, chunk: tuple[int, int]) -> bool:
    words = _words(masked, *chunk)
    return bool(words) and (
        _describes(masked, text, chunk)
        or is_adverbial(masked, *chunk)
        or words[0].lower() in _ASIDE_STARTS
        or words[0].isdigit()
    )
