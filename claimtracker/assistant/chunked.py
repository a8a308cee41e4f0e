"""The assistant on a text of any size: in paragraph-aligned chunks, with progress and cancel.

:func:`~claimtracker.assistant.engine.suggest` looks at a whole article at once (names met
earlier, counter-claims over the whole list), and its time grows faster than the text: a
100,000-character text takes seconds, a few hundred thousand take minutes. An article fits in
one chunk and gets exactly what ``suggest`` gives; a longer text (a book, a transcript dump) is
cut at paragraph ends into chunks of about :data:`CHUNK_CHARS`, each read on its own, so the
time grows with the length, progress can be shown and a cancel is honoured between chunks.
What is lost across a chunk boundary: a speaker named only in an earlier chunk, and a counter
link between suggestions of different chunks.

Above :data:`MAX_CHARS` the assistant declines (:class:`TextTooLong`). Two million characters
read in chunks take some seconds (0.2–0.4 MB/s, ``bench/assistant_long_text.py``) and give some
25,000 suggestions, already more than an analyst reviews in one panel; a text of tens of MB is
a dump rather than an article, would take minutes and give hundreds of thousands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from claimtracker.assistant.engine import suggest
from claimtracker.assistant.suggestion import Suggestion
from claimtracker.errors import ClaimTrackerError

#: About this many characters per chunk (a long feature article is 30,000).
CHUNK_CHARS = 40_000
#: Texts longer than this are declined (about 330,000 words).
MAX_CHARS = 2_000_000

#: ``progress(done, total)`` in characters; returns False to stop (as the core's callbacks do).
Progress = Callable[[int, int], bool]

_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_LINE_END = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s")
_SPACE = re.compile(r"\s")


class TextTooLong(ClaimTrackerError):
    """The text is longer than the assistant reads."""


class SuggestCancelled(Exception):
    """``progress`` returned False: the caller asked to stop."""


def too_long_message(length: int) -> str:
    return (
        f"This text has {length:,} characters; the assistant reads texts of up to "
        f"{MAX_CHARS:,} characters (about {round(MAX_CHARS / 6, -4):,.0f} words). Split it "
        "into articles, or make its claims by hand."
    )


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each chunk: ends at a paragraph end where there is one in the
    second half of the chunk, else at a line end, a sentence end or a space."""
    start, length = 0, len(text)
    while start < length:
        end = start + size
        if end >= length:
            yield start, length
            return
        end = _cut(text, start + size // 2, end)
        yield start, end
        start = end


def _cut(text: str, earliest: int, latest: int) -> int:
    for pattern in (_PARAGRAPH_END, _LINE_END, _SENTENCE_END, _SPACE):
        last = None
        for match in pattern.finditer(text, earliest, latest):
            last = match
        if last is not None:
            return last.end()
    return latest


def suggest_in_chunks(
    text: str,
    progress: Progress | None = None,
    *,
    chunk_chars: int = CHUNK_CHARS,
    max_chars: int = MAX_CHARS,
) -> list[Suggestion]:
    """:func:`suggest` over chunks of ``text``; offsets and counter links point into ``text``.

    Raises :class:`TextTooLong` above ``max_chars`` and :class:`SuggestCancelled` when
    ``progress`` returns False (it is called before each chunk and at the end).
    """
    if len(text) > max_chars:
        raise TextTooLong(too_long_message(len(text)))
    found: list[Suggestion] = []
    total = len(text)
    for start, end in chunk_bounds(text, chunk_chars):
        if progress is not None and not progress(start, total):
            raise SuggestCancelled
        base = len(found)
        for item in suggest(text[start:end]):
            found.append(
                replace(
                    item,
                    start=item.start + start,
                    end=item.end + start,
                    counter_to=tuple(index + base for index in item.counter_to),
                )
            )
    if progress is not None and not progress(total, total):
        raise SuggestCancelled
    return found
