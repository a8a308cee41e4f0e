"""Quotation marks: where quoted words start and end in a stretch of prose.

Handles straight double quotes, curly quotes (“ ” and ‘ ’), guillemets (« », Russian style with
„ “ inside), the doubled apostrophes of some newspapers' archives (''like this'' and ``this'') and, in a paragraph without double quotes, straight single quotes used as in British
tabloids ('We will not back down,' he said). A quote left open at the end of a paragraph runs to
its end: newspapers open every paragraph of a long quote and close only the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENING_AFTER = frozenset(" \t\n([{—–-/:;\u00a0*_")
_PAIRED = {"“": "”", "«": "»", "„": "“", "‘": "’"}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted words from ``start`` to ``end`` (without the marks); the marks sit just outside."""

    start: int
    end: int


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


_MARKS = re.compile("''|``|[\"“”«»„‘’']")
#: The marks without the apostrophes: where no quote can open with ‘ or ', an apostrophe
#: (Ashby's, don’t) neither opens nor closes one.
_MARKS_BUT_APOSTROPHES = re.compile("''|``|[\"“”«»„‘]")


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """The quoted stretches of ``text[start:end]``, in order, as absolute offsets (not nested)."""
    stop = len(text) if end is None else end
    spans: list[QuoteSpan] = []
    segment = text[start:stop]
    doubled = "''" in segment or "``" in segment
    use_single = not doubled and '"' not in segment and "“" not in segment and "«" not in segment
    open_at = -1
    closer = ""
    marks = _MARKS if use_single or "‘" in segment else _MARKS_BUT_APOSTROPHES
    for mark in marks.finditer(text, start, stop):
        i = mark.start()
        ch = mark.group()
        prev = text[i - 1] if i > start else " "
        nxt = text[mark.end()] if mark.end() < stop else " "
        if len(ch) == 2:
            # ''Doubled apostrophes'' (or ``these'') work as straight double quotes.
            if not doubled or (ch == "''" and _is_word_char(prev) and _is_word_char(nxt)):
                continue
            if open_at < 0:
                open_at = mark.end()
                closer = "''"
            elif closer == "''":
                spans.append(QuoteSpan(open_at, i))
                open_at = -1
            continue
        if open_at < 0:
            if ch == '"' or (ch in _PAIRED and (ch != "‘" or not _is_word_char(prev))):
                open_at = i + 1
                closer = '"' if ch == '"' else _PAIRED[ch]
            elif ch == "'" and use_single and prev in _OPENING_AFTER and _is_word_char(nxt):
                open_at = i + 1
                closer = "'"
        elif (
            ch == closer
            or (
                # Mixed marks in sloppy copy: “...," or "...” close all the same.
                {ch, closer} == {'"', "”"} and not _is_word_char(nxt)
            )
            or (
                # An opening mark typed for the closing one: “...,“ said X; "...review“ of.
                ch == "“"
                and closer in ('"', "”")
                and prev not in _OPENING_AFTER
                and not _is_word_char(nxt)
            )
        ):
            if closer in "'’" and _is_word_char(nxt):
                continue  # an apostrophe inside a word (don't, Ashby's), not the end of the quote
            if closer == '"' and prev in _OPENING_AFTER and _is_word_char(nxt):
                # A straight quote that opens again: the previous one was left unclosed.
                spans.append(QuoteSpan(open_at, i))
                open_at = i + 1
                continue
            spans.append(QuoteSpan(open_at, i))
            open_at = -1
    if 0 <= open_at < stop:
        spans.append(QuoteSpan(open_at, stop))
    return spans


def quote_mask(text: str, spans: list[QuoteSpan], start: int, end: int) -> str:
    """``text[start:end]`` with quoted words replaced by ``_`` so that patterns skip them."""
    chars = list(text[start:end])
    for span in spans:
        lo = max(span.start, start)
        hi = min(span.end, end)
        if lo < hi:  # every character but a line break, a run at a time
            chars[lo - start : hi - start] = "\n".join(
                "_" * len(line) for line in text[lo:hi].split("\n")
            )
    return "".join(chars)


QUOTE_MARKS = frozenset("\"“”«»„‘’'")


_CLOSING_MARKS = frozenset("\"”»’'")


def left_open(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens a quote that it does not close: a paragraph of a long
    quote, which newspapers leave open when the quote goes on in the next paragraph."""
    spans = find_quotes(text, start, end)
    if not spans or spans[-1].end < end:
        return False
    stripped = text[start:end].rstrip()
    return bool(stripped) and stripped[-1] not in _CLOSING_MARKS and stripped[-2:] != "''"


def opens_with_quote(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts with an opening quotation mark."""
    head = text[start:end].lstrip()[:2]
    return head[:1] in ('"', "“", "«") or head == "``" or head == "''"
