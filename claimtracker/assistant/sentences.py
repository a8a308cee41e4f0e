"""Prose and its sentences, as offsets into the stored text.

Articles are stored verbatim, Markdown and all, so the first job is to tell prose from furniture:
headings, bold captions, images, bylines, date lines, link lines and "Original url:" footers are
skipped. A paragraph that a converter cut in two ("...by the threat" / blank line / "and suggested
...") is joined again, so that a sentence spans both parts, blank lines included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimtracker.assistant import cues, quote_tails
from claimtracker.assistant.cues import words
from claimtracker.assistant.quotes import QuoteSpan, find_quotes


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]``; ``paragraph`` counts prose paragraphs from 0."""

    start: int
    end: int
    paragraph: int
    quotes: tuple[QuoteSpan, ...]


_BLANK_SPLIT = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_IMAGE_OR_LINK_ONLY = re.compile(r"^\s*(?:!?\[[^\]]*\]\([^)]*\)\s*)+$|^\s*<?https?://\S+>?\s*$")
_EMPHASIS_ONLY = re.compile(r"^\s*(\*\*|__|\*|_)(?=\S)(?:(?!\1).)+(?<=\S)\1\s*$", re.DOTALL)
_RULE_OR_TABLE = re.compile(r"^\s*(?:[-*_=]{3,}|\|.*\|)\s*$")
# Used with pattern.match(text, pos): no "^", which would only match at the start of the text.
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")
_BLOCKQUOTE = re.compile(r"[ \t]*>[ \t]?")
#: A sentence's end, closing marks after it; "“" too, typed for "”" at the end of a paragraph
#: ('... he said. "They see that. “').
_TERMINAL = re.compile(r"[.!?…:][\"'”’»)\]*_\s]*$|[.!?…]\s?“\s*$")
_STARTS_LOWER = re.compile(r"^[\s\"“«'‘(]*[a-zа-яё]")

#: A paragraph in brackets that is prose, not a credit line: it ends a sentence inside the
#: bracket ("(Hale denied it, his aide said.)"), and no credit words come before.
_BRACKETED_PROSE = re.compile(
    r"^\((?![^)]*\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Cc]ompiled|[Cc]ontributed)\b)"
    r"[^()]*\w[^()]*[.!?…][\"'”’»]*\)$"
)
_MIN_BRACKETED_WORDS = 6

#: A paragraph that ends in a colon introduces what follows only when it is a real sentence.
_MIN_WORDS_BEFORE_COLON = 4

_ABBREVIATIONS = words(
    """
    mr mrs ms dr st gen lt col sgt capt cpt sen rep gov prof jr sr inc corp ltd co no vs etc e.g
    i.e jan feb mar apr jun jul aug sep sept oct nov dec adm gov maj rev fig approx est dept
    univ mt ft ave blvd pp vol nos. г гг ул им тыс млн млрд руб
    """
)

#: Words that start a sentence after an acronym such as "U.S.", where a split is right.
_SENTENCE_STARTERS = words(
    """
    The A An He She It They We I But And In On At This That These Those There His Her Their Its
    However Meanwhile Still Yet So Some Many Most One Two Three Asked According Earlier Later
    """
)

_NOT_SPACE = re.compile(r"\S")
_NEXT_WORD = re.compile(r"[\w'’]+")
_CANDIDATE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")


def _is_prose(block: str) -> bool:
    stripped = block.strip()
    if not stripped:
        return False
    first_line = stripped.split("\n", 1)[0]
    if _HEADING.match(first_line) or _IMAGE_OR_LINK_ONLY.match(stripped):
        return False
    if _EMPHASIS_ONLY.match(stripped) or _RULE_OR_TABLE.match(stripped):
        return False
    if (
        stripped.startswith("(")
        and stripped.endswith(")")
        and (len(stripped.split()) < _MIN_BRACKETED_WORDS or not _BRACKETED_PROSE.search(stripped))
    ):
        return False  # (Reporting by ...; Editing by ...), (AP Photo/Ada Kowal.)
    if not _ends_at_terminal(stripped):
        return False  # headlines, bylines, date lines, "Updated 6:42 PM"
    if stripped.endswith(":") and len(stripped.split()) < _MIN_WORDS_BEFORE_COLON:
        # "Original url:" is furniture; "Mrs Doe said:" introduces the quote that follows.
        return any(
            w in cues.REPORTING_VERBS or w in cues.RUSSIAN_REPORTING_VERBS
            for w in stripped.rstrip(":").split()
        )
    return True


def _ends_sentence(block: str) -> bool:
    return _ends_at_terminal(block.rstrip())


#: What may follow a block's terminal mark (both forms of ``_TERMINAL``).
_AFTER_TERMINAL = re.compile(r"[\"'”’»)\]*_\s“]*")
_TERMINAL_TAIL = 40


def _ends_at_terminal(block: str) -> bool:
    """``_TERMINAL.search(block)``, looking only at the block's tail (a search of the whole
    block tried every full stop in it): a match that starts before the tail leaves nothing
    but closing marks and spaces in the tail, and then the whole block is searched."""
    pos = max(0, len(block) - _TERMINAL_TAIL)
    if pos and _AFTER_TERMINAL.fullmatch(block, pos):
        pos = 0
    return _TERMINAL.search(block, pos) is not None


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs separated by blank lines, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BLANK_SPLIT.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    trimmed: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def prose_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of prose paragraphs; a paragraph cut by blank lines mid-sentence comes back whole."""
    blocks = _blocks(text)
    result: list[tuple[int, int]] = []
    i = 0
    while i < len(blocks):
        start, end = blocks[i]
        block = text[start:end]
        # Join the following blocks while this one stops mid-sentence and the next goes on in
        # lower case: "...by the threat" + "and suggested ...".
        while (
            i + 1 < len(blocks)
            and not _ends_sentence(text[start:end])
            and not _HEADING.match(block)
            and _STARTS_LOWER.match(text[blocks[i + 1][0] : blocks[i + 1][1]])
        ):
            i += 1
            end = blocks[i][1]
        if _is_prose(text[start:end]):
            result.append((start, end))
        i += 1
    return result


def _skip_line_markers(text: str, start: int, end: int) -> int:
    """The offset after a list bullet or blockquote marker at ``start``."""
    for pattern in (_LIST_MARKER, _BLOCKQUOTE):
        match = pattern.match(text, start, end)
        if match:
            start = match.end()
    return start


def _word_before(text: str, pos: int, floor: int) -> str:
    """The token that ends just before ``pos`` (the full stop itself excluded)."""
    k = pos
    while k > floor and not text[k - 1].isspace() and text[k - 1] not in "(\"“«'‘":
        k -= 1
    return text[k:pos]


def is_abbreviation(token: str, next_word: str) -> bool:
    bare = token.rstrip(".").lower()
    if not bare:
        return False
    if bare in _ABBREVIATIONS:
        return True
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "John F. Kennedy"
    if "." in bare and all(len(part) <= 2 for part in bare.split(".")):
        # U.S., U.K., a.m.: a sentence ends here only if a sentence plainly starts next.
        return next_word not in _SENTENCE_STARTERS
    return False


def _is_acronym(token: str) -> bool:
    """ "U.S.", "U.K.", "a.m.": letters with full stops, not a title or an initial."""
    bare = token.rstrip(".")
    return "." in bare and all(len(part) <= 2 for part in bare.split("."))


def split_sentences(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    """Sentences of the prose paragraph ``text[start:end]``; quoted sentences are not split."""
    quotes = find_quotes(text, start, end)
    sentences: list[Sentence] = []
    sent_start = _skip_line_markers(text, start, end)
    for match in _CANDIDATE_END.finditer(text, start, end):
        stop = match.end()
        mark = match.start()
        if any(span.start <= mark and span.end >= stop for span in quotes):
            continue  # a full stop inside a quote that goes on: "There is no U-turn. The ..."
        # Where the rest of the paragraph starts, without copying it (that was quadratic).
        rest = _NOT_SPACE.search(text, stop, end)
        if rest is None:
            continue
        first = text[rest.start()]
        if not (first.isupper() or first.isdigit() or first in "\"“«'‘(—–-*"):
            continue
        if quote_tails.attribution_follows(text, mark, stop, rest.start(), end):
            continue  # '“Is that you?” Smith asked.': the quote's attribution follows
        next_word = _NEXT_WORD.match(
            text, rest.start() + 1 if first in "\"“«'‘(" else rest.start(), end
        )
        token = _word_before(text, match.start() + 1, sent_start)
        line_break = "\n" in text[stop : rest.start()]
        if (
            text[match.start()] == "."
            and is_abbreviation(token, next_word.group(0) if next_word else "")
            and not (line_break and _is_acronym(token))
        ):
            continue  # "U.S." ends a sentence at a line break: "... into the U.S.\nChris Christie"
        if stop > sent_start:
            sentences.append(_make(text, sent_start, stop, paragraph, quotes))
        sent_start = stop
        while sent_start < end and text[sent_start].isspace():
            sent_start += 1
        sent_start = _skip_line_markers(text, sent_start, end)
    if sent_start < end:
        sentences.append(_make(text, sent_start, end, paragraph, quotes))
    return sentences


def _make(text: str, start: int, end: int, paragraph: int, quotes: list[QuoteSpan]) -> Sentence:
    while end > start and text[end - 1].isspace():
        end -= 1
    inner = tuple(q for q in quotes if q.start < end and q.end > start)
    return Sentence(start, end, paragraph, inner)


def sentences(text: str) -> list[Sentence]:
    """All prose sentences of an article, in document order."""
    result: list[Sentence] = []
    for number, (start, end) in enumerate(prose_paragraphs(text)):
        result.extend(split_sentences(text, start, end, number))
    return result
