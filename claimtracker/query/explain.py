"""Why a claim matched a search: the words to highlight, and the fields they were found in.

A search reaches six fields (claim, quote, attribution descriptor, notes, speaker, source title),
so a claim can match through a field the table does not show ("warn" in the source's title).
``Highlighter`` marks the matched words in any text the way the index saw them (case and Latin
accents folded, other word forms included); ``match_reasons`` names the fields of each claim
that hold them, so that a view can say "in the source title".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from claimtracker.query.chunks import select_in
from claimtracker.query.folding import Folding
from claimtracker.query.fulltext import FIELDS, parse_query
from claimtracker.query.word_forms import fold, word_forms
from claimtracker.store.dbapi import DbConnection

#: The searched fields in the order they are named, with the words an analyst reads.
FIELD_LABELS = {
    "text": "claim",
    "quote": "quote",
    "descriptor": "attribution",
    "notes": "notes",
    "speaker": "speaker",
    "source_title": "source title",
}
assert set(FIELD_LABELS) == set(FIELDS.values())

Span = tuple[int, int]
#: How many first letters of each term the quick look searches for.
_NEEDLE = 4


#: A word as the index splits text: a run of letters and digits (``str.isalnum``; ``\w``
#: without the underscore).
_WORD = re.compile(r"[^\W_]+")


def _tokens(text: str, folding: Folding | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``text``, as the index splits it (a file's,
    or with ``folding`` a server's)."""
    if text.isascii():
        # Lower case is the whole folding of ASCII: one call for the text, not one a word.
        for match in _WORD.finditer(text.lower()):
            yield match.start(), match.end(), match.group()
        return
    folded = fold if folding is None else folding.fold
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), folded(match.group())


@dataclass(frozen=True)
class Highlighter:
    """The folded words, prefixes and phrases a search asked for (its excluded ones left out),
    and how the index that found them folds (None: a file's)."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    folding: Folding | None = None

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.phrases)

    def _word_matches(self, word: str) -> bool:
        return word in self.words or any(word.startswith(prefix) for prefix in self.prefixes)

    @cached_property
    def _needles(self) -> frozenset[str]:
        """Short strings one of which any matching text holds (each term's first letters)."""
        terms = (*self.words, *self.prefixes, *(phrase[0] for phrase in self.phrases))
        return frozenset(term[:_NEEDLE] for term in terms)

    def could_match(self, text: str) -> bool:
        """False when ``text`` certainly holds none of the terms (a quick look, C-speed).

        Exact for ASCII text, where lower case is the index's folding; other text may hold a
        folded form (Genève for geneve) and is always looked at word by word."""
        if not text.isascii():
            return True
        lowered = text.lower()
        return any(needle in lowered for needle in self._needles)

    @cached_property
    def _ascii_pattern(self) -> re.Pattern[str] | None:
        """The words and prefixes as one expression over lower-cased ASCII text (C-speed), or
        None when the search has phrases. A word found by it is exactly a word of
        :func:`_tokens` that :meth:`_word_matches`: only plain ASCII words can equal a word of
        ASCII text, only plain ASCII prefixes begin one."""
        if self.phrases:
            return None
        plain = [re.escape(w) for w in sorted(self.words) if w.isascii() and _WORD.fullmatch(w)]
        starts = [
            re.escape(p) + r"[^\W_]*" if p else r"[^\W_]+"
            for p in self.prefixes
            if p.isascii() and (not p or _WORD.fullmatch(p))
        ]
        if not plain and not starts:
            return re.compile(r"(?!)")  # nothing can match
        return re.compile(r"(?<![^\W_])(?:" + "|".join(plain + starts) + r")(?![^\W_])")

    def matches(self, text: str) -> bool:
        """True when ``text`` holds one of the words (stops at the first: quicker than spans)."""
        if not self or not text or not self.could_match(text):
            return False
        pattern = self._ascii_pattern if text.isascii() else None
        if pattern is not None:
            return pattern.search(text.lower()) is not None
        if self.phrases:
            return bool(self.spans(text))
        return any(self._word_matches(word) for _, _, word in _tokens(text, self.folding))

    def spans(self, text: str) -> list[Span]:
        """Character ranges of ``text`` to highlight, in order and not overlapping."""
        if not self or not text or not self.could_match(text):
            return []
        pattern = self._ascii_pattern if text.isascii() else None
        if pattern is not None:
            return _joined(text, ((m.start(), m.end()) for m in pattern.finditer(text.lower())))
        tokens = list(_tokens(text, self.folding))
        marked = [self._word_matches(word) for _, _, word in tokens]
        folded = [word for _, _, word in tokens]
        for phrase in self.phrases:
            size = len(phrase)
            for first in range(len(tokens) - size + 1):
                if tuple(folded[first : first + size]) == phrase:
                    marked[first : first + size] = [True] * size
        return _joined(
            text,
            ((start, end) for (start, end, _), mark in zip(tokens, marked, strict=True) if mark),
        )


def _joined(text: str, found: Iterable[Span]) -> list[Span]:
    """The found words' spans, those with only spaces between them joined into one."""
    spans: list[Span] = []
    for start, end in found:
        if spans and text[spans[-1][1] : start].isspace():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def highlighter(
    user_text: str, *, prefix_last: bool = False, folding: Folding | None = None
) -> Highlighter:
    """What to highlight for the search ``user_text``: its words with their forms, folded as
    the index that searched folds (a file's, or with ``folding`` a server's)."""
    words: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    again = (lambda word: word) if folding is None else folding.fold
    for term in parse_query(user_text, prefix_last=prefix_last):
        if term.joined_by == "NOT":
            continue
        if term.phrase:
            phrase = tuple(word for _, _, word in _tokens(term.text, folding))
            if len(phrase) == 1:
                words.add(phrase[0])
            elif phrase:
                phrases.append(phrase)
            continue
        folded = again(fold(term.text))
        if term.prefix or term.typing:
            prefixes.append(folded)
        if term.prefix:
            continue
        words.update(again(form) for form in word_forms(term.text))
    return Highlighter(frozenset(words), tuple(prefixes), tuple(phrases), folding)


class Searched(Protocol):
    """The searched fields of a claim, by the names of :data:`FIELD_LABELS` (a ``ClaimRow``)."""

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def quote(self) -> str | None: ...
    @property
    def descriptor(self) -> str | None: ...
    @property
    def notes(self) -> str | None: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def source_title(self) -> str | None: ...


def field_reasons(
    values: Sequence[str | None], marks: Highlighter, *, every_field: bool = True
) -> tuple[str, ...]:
    """The labels of the fields (values in :data:`FIELD_LABELS` order) that hold a highlighted
    word. Without ``every_field``, a claim whose own text holds one is told as ``("claim",)``
    without looking further (all a table needs to know)."""
    labels = tuple(FIELD_LABELS.values())
    if not every_field and marks.matches(values[0] or ""):
        return labels[:1]
    return tuple(
        label for label, value in zip(labels, values, strict=True) if marks.matches(value or "")
    )


def row_reasons(
    rows: Iterable[Searched], marks: Highlighter, *, every_field: bool = True
) -> dict[int, tuple[str, ...]]:
    """:func:`field_reasons` for rows already read (a table's page): no second query."""
    names = tuple(FIELD_LABELS)
    return {
        row.id: field_reasons(
            [getattr(row, name) for name in names], marks, every_field=every_field
        )
        for row in rows
    }


_FIELDS_SQL = (
    "SELECT c.id, c.text, c.quote, c.descriptor, c.notes, a.name, s.title FROM claim c "
    "LEFT JOIN actor a ON a.id = c.speaker_id LEFT JOIN source s ON s.id = c.source_id "
    "WHERE c.id IN ({marks})"
)


def match_reasons(
    connection: DbConnection,
    claim_ids: Iterable[int],
    marks: Highlighter,
    *,
    every_field: bool = True,
) -> dict[int, tuple[str, ...]]:
    """For each claim, the labels of the fields that hold a highlighted word, in field order.

    A claim that matched only through a word form or an excluded-word rule the highlighter
    cannot see gets an empty tuple. See :func:`field_reasons` for ``every_field``.
    """
    return {
        int(row[0]): field_reasons(row[1:], marks, every_field=every_field)
        for row in select_in(connection, _FIELDS_SQL, list(claim_ids))
    }
