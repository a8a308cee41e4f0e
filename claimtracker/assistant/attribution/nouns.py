"""Nouns that can speak: source nouns ("officials", "the ministry"), agent nouns ("analyst"),
described and possessed nouns ("his lawyer"); they decide whether a lower-case subject is a
speaker.
"""

from __future__ import annotations

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.tokens import ALL_REPORTING_VERBS
from claimtracker.assistant.attribution.vocabulary import (
    ADVERBIAL_STARTERS,
    FINITE_NON_REPORTING,
    SUBORDINATORS,
)
from claimtracker.assistant.cues import words

_MAX_LOWERCASE_SUBJECT_WORDS = 4


def lowercase_subject_ok(word: str, words: list[str] | None = None) -> bool:
    """A subject may start in lower case with a determiner, a number or a source noun, or be a
    short phrase whose head is a source, body, document or outlet noun ("political analysts")."""
    if words is not None and (_is_described_name(words) or _is_possessed_noun(words)):
        return True
    if (
        words is not None
        and len(words) <= _MAX_LOWERCASE_SUBJECT_WORDS
        and word not in ADVERBIAL_STARTERS
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
        and lowered not in ADVERBIAL_STARTERS
        and lowered not in SUBORDINATORS
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
        w.lower() in ADVERBIAL_STARTERS or w.lower() in cues.AUXILIARIES for w in words[:k]
    )


def _is_possessed_noun(words: list[str]) -> bool:
    """ "his brother", "her campaign manager": a possessive and a short noun phrase."""
    return (
        1 < len(words) <= 3
        and words[0].lower() in _POSSESSIVES
        and words[-1].islower()
        and not words[-1].endswith("ly")
        and words[-1] not in ALL_REPORTING_VERBS
        and words[-1] not in FINITE_NON_REPORTING
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
