"""Attribution codes (see ``VOCABULARY.md``) from what is known about the speaker and the cue."""

from __future__ import annotations

import re

from claimtracker.assistant import cues
from claimtracker.assistant.cues import words
from claimtracker.assistant.speakers import Speaker

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_NUMBER = re.compile(r"\d")
_WORD = re.compile(r"[^\W_][\w'’%$-]*")

#: An unattributed sentence shorter than this is a fragment (a dateline, a caption), not a claim.
_MIN_CLAIM_WORDS = 5


def attribution_code(speaker: Speaker | None, cue: str | None, statement: bool = False) -> str:
    """One of on_record, official_statement, anonymous, secondhand, unattributed.

    ``statement`` says the words came in an issued statement ("said in a statement"): what a body
    or an unidentified speaker issues is an official statement; a named person stays on record.
    """
    if speaker is None or (
        speaker.name is None and speaker.pronoun is None and not speaker.anonymous
    ):
        return "unattributed"
    if cue is not None and cue.lower() in cues.ANONYMOUS_SOURCING_VERBS:
        return "anonymous"
    if speaker.document or speaker.kind == "media_outlet":
        return "secondhand"
    if speaker.anonymous or speaker.kind == "described_group":
        return "anonymous"
    if speaker.spokesperson or speaker.kind in ("government_body", "organisation"):
        return "official_statement"
    if statement and speaker.kind != "person":
        return "official_statement"
    return "on_record"


def is_checkable(sentence: str) -> bool:
    """Whether an unattributed sentence asserts something worth tagging: a figure, an estimate,
    an allegation or a hedge ("are estimated to number", "had allegedly been used")."""
    stripped = sentence.rstrip()
    if stripped.endswith("?"):
        return False
    lowered = stripped.lower()
    if any(phrase in lowered for phrase in cues.NO_COMMENT_PHRASES):
        return False  # "declined to comment" asserts nothing
    words = _WORD.findall(sentence)
    if len(words) < _MIN_CLAIM_WORDS:
        return False
    for word in words:
        lowered = word.lower()
        if lowered in cues.HEDGES or lowered in cues.QUANTITY_WORDS:
            return True
        if _NUMBER.search(word) and not _YEAR.match(word) and not _is_day_of_month(word, words):
            return True
    return False


_MONTHS = words(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december января февраля марта апреля мая июня июля августа
    сентября октября ноября декабря
    """
)


def _is_day_of_month(word: str, words: list[str]) -> bool:
    if not word.isdigit() or len(word) > 2:
        return False
    k = words.index(word)
    neighbours = words[max(0, k - 1) : k] + words[k + 1 : k + 2]
    return any(n.lower().rstrip(".") in _MONTHS for n in neighbours)
