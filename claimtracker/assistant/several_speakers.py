"""A sentence that reports two speakers, cut into one clause for each.

"The mayor said A, while the council said B", "Critics argue A, but Kowal insists B", "When the
host asked A, the candidate said B", "X said A; Y said B": one suggestion for the whole sentence
would name one speaker for both assertions. Each side is cut where a conjunction or a semicolon
starts a new clause and kept only when both sides carry an attribution of their own (found by
:func:`attribution.find` on that side alone), so "X said prices rose while wages fell" stays whole.
"""

from __future__ import annotations

import re

from claimtracker.assistant import attribution as attr

#: Where a second clause may start: ", while", " but", ", and", "; ", " whereas". A bare
#: "and" joins nouns and verbs ("his band and collaborator", "said A and hoped B") as often.
_JOIN = re.compile(
    r"(?:[,;]\s+|\s+)(?:while|but|whereas|yet)\s+(?:then\s+|also\s+)?"
    r"|[,;]\s+and\s+(?:then\s+|also\s+)?|;\s+|,\s+(?:though|although)\s+"
)
#: What every match of ``_JOIN`` holds; simpler, so a sentence without one is passed quickly.
_JOIN_HINT = re.compile(r";|\s(?:while|but|whereas|yet)\s|,\s+(?:and|though|although)\s")
#: "When the host asked A, the candidate said B": the first clause is a subordinate one.
_LEADING_SUBORDINATOR = re.compile(
    # Not a bare "as": "As reported by X, ..." speaks for the whole sentence.
    r"(?:(?:but|and|yet)\s+)?"
    r"(?:when|after|while|although|though|even\s+as|just\s+as|before|since|whereas)\s",
    re.IGNORECASE,
)
#: A comma, not "2,400"; not one inside a quote either ('"...," Hale told a TV show' ends the
#: quote the subordinate clause's speaker spoke).
_COMMA = re.compile(r",\s+")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d.,]*")
_MIN_CONTENT_WORDS = 3
_MAX_ADVERBIAL_WORDS = 4  # "on Monday, Hale said": words before the second clause's speaker
_SIDE_PATTERNS = frozenset(["leading", "trailing", "according", "parenthetical"])
_LEADING = frozenset(["leading"])
_TRAILING = frozenset(["trailing"])


def _content_words(text: str, found: attr.Attribution) -> int:
    return len(_WORD.findall(text, found.content_start, found.content_end))


def _cuts(masked: str) -> list[tuple[int, int]]:
    """(end of the first clause, start of the second) for each place a clause may start."""
    cuts = []
    if _JOIN_HINT.search(masked) is not None:  # most sentences hold no join at all
        cuts = [(m.start(), m.end()) for m in _JOIN.finditer(masked)]
    if _LEADING_SUBORDINATOR.match(masked):
        cuts.extend(m.span() for m in _COMMA.finditer(masked))
    return sorted(cuts)


def _side(
    text: str, start: int, end: int, masked: str, base: int, patterns: frozenset[str]
) -> attr.Attribution | None:
    start, end = attr.strip_span(text, start, end)
    if end - start < 2:
        return None
    found = attr.find(text, start, end, masked[start - base : end - base])
    if found is None or found.pattern not in patterns:
        return None
    if _content_words(text, found) < _MIN_CONTENT_WORDS:
        return None
    return found


def _opens_with_speaker(text: str, start: int, found: attr.Attribution) -> bool:
    """Whether the clause at ``start`` begins with its speaker, or with a short adverbial and a
    comma before it ("on Monday, Hale said"), not with a verb of a clause around it ("noted
    that experts say")."""
    before = text[start : found.speaker_start].strip()
    if not before:
        return True
    return before.endswith(",") and len(_WORD.findall(before)) <= _MAX_ADVERBIAL_WORDS


def _same_speaker(text: str, first: attr.Attribution, second: attr.Attribution) -> bool:
    one = text[first.speaker_start : first.speaker_end].lower()
    two = text[second.speaker_start : second.speaker_end].lower()
    return one == two


def split_speakers(text: str, start: int, end: int, masked: str) -> list[attr.Clause] | None:
    """The sentence ``text[start:end]`` (``masked`` its masked slice) as one clause per speaker,
    or None when it does not report two speakers side by side."""
    for cut_end, cut_start in _cuts(masked):
        first_end, second_start = start + cut_end, start + cut_start
        # The second side opens with its speaker: "..., but Hale said B". A trailing "...,
        # according to the survey" at the end of the sentence speaks for all of it.
        first = _side(text, start, first_end, masked, start, _SIDE_PATTERNS)
        second = _side(text, second_start, end, masked, start, _LEADING)
        if second is None or not _opens_with_speaker(text, second_start, second):
            # "A, KING-TV reported, while B, the Gazette reported": with a speaker on each side,
            # a trailing attribution speaks for its own clause only
            second = (
                None if first is None else _side(text, second_start, end, masked, start, _TRAILING)
            )
            if second is None:
                continue
        if first is None or _same_speaker(text, first, second):
            continue
        rest = split_speakers(text, second_start, end, masked[cut_start:])
        head = attr.Clause(*attr.strip_span(text, start, first_end), first)
        return [head, *(rest or [attr.Clause(*attr.strip_span(text, second_start, end), second)])]
    return None
