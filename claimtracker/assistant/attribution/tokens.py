"""Words, tokens and comma-separated chunks of a masked sentence (its quoted words blanked out),
and the small span helpers every finder uses: stripping separators from a span, the words of a
span, whether a span holds only quoted words, whether it says "in a statement".
"""

from __future__ import annotations

import re
from itertools import islice
from typing import NamedTuple

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.vocabulary import MIN_NAME_RUN_CONTENT, THAT

WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d.,]*")
SEPARATORS = ",;:—–"
QUOTE_CLOSERS = "\"”’»'"


class Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int


new_token = tuple.__new__  # skips NamedTuple's argument handling: this runs for every word


def _tokens(masked: str) -> list[Token]:
    result: list[Token] = []
    for m in WORD.finditer(masked):
        word = m.group()
        result.append(new_token(Token, (word, word.lower(), *m.span())))
    return result


ALL_REPORTING_VERBS = cues.REPORTING_VERBS | cues.RUSSIAN_REPORTING_VERBS


def _strip_span(text: str, start: int, end: int, chars: str = " \t\n,;:—–-") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


_CHUNK_MARK = re.compile("[,—–" + re.escape(QUOTE_CLOSERS) + "]")


def _chunks(masked: str, start: int, end: int, text: str | None = None) -> list[tuple[int, int]]:
    """Comma-separated chunks of ``masked[start:end]`` (quoted words are already blanked).

    A quote that ends in punctuation ('"We will respond," the ministry said') also ends a chunk;
    with ``text`` (the unmasked slice) a quoted name («Вёрстка» со ссылкой на ...) does not.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    for mark in _CHUNK_MARK.finditer(masked, start, end):  # only the characters that can cut
        k = mark.start()
        ch = masked[k]
        closes_quote = (
            ch in QUOTE_CLOSERS
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
    words: list[str] = WORD.findall(masked, start, end)  # no groups: the whole matches
    return words


def content_after(masked: str, verb_end: int) -> tuple[int, int] | None:
    """What a cue ending at ``verb_end`` reports: the rest of the sentence (after a "that"), or
    None when that is too short to be a claim."""
    that = THAT.match(masked, verb_end)
    start, end = strip_span(masked, that.end() if that else verb_end, len(masked), " \t\n.!?:,")
    if len(_words(masked, start, end)) < MIN_NAME_RUN_CONTENT:
        return None
    return start, end


def first_words(masked: str, start: int, end: int, limit: int) -> list[str]:
    """The first ``limit`` words of ``masked[start:end]``: enough to tell a span is too long."""
    if end - start <= _SHORT_SPAN * limit:
        found: list[str] = WORD.findall(masked, start, end)  # quicker than islice when short
        return found[:limit]
    return [m.group(0) for m in islice(WORD.finditer(masked, start, end), limit)]


_SHORT_SPAN = 8  # characters a word takes on average, space included


def is_quoted_only(masked: str, start: int, end: int) -> bool:
    chunk = masked[start:end].strip(" \t\n,.;:!?\"“”«»‘’'—–-")
    return bool(chunk) and not chunk.strip("_ ")  # nothing but blanked words and spaces


def word_at(masked: str, start: int) -> str:
    match = WORD.search(masked, start)
    return match.group().lower() if match else ""


def without_connective(masked: str, start: int, end: int) -> tuple[int, int]:
    """A chunk less a connective that opens it: "And North Carolina's Ada Fisher"."""
    match = WORD.search(masked, start, end)
    if match and match.group().lower() in ("and", "but", "so", "yet") and match.end() < end:
        return _strip_span(masked, match.end(), end)[0], end
    return start, end


#: Any of the statement markers, as plain words: one search instead of one scan for each.
_STATEMENT_MARKER = re.compile("|".join(re.escape(m) for m in cues.STATEMENT_MARKERS))


def statement_in(text: str, start: int, end: int) -> bool:
    return _STATEMENT_MARKER.search(text[start:end].lower()) is not None


def content_end_before(masked: str, pos: int) -> int:
    k = pos
    while k > 0 and masked[k - 1] in " \t\n,—–-":
        k -= 1
    return k


def is_cyrillic_word(word: str) -> bool:
    return any("а" <= ch.lower() <= "я" for ch in word)
