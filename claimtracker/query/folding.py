"""How a team server folds words, so that the words a search found are marked as it found them.

A file's index folds case and Latin accents (:func:`claimtracker.query.word_forms.fold`). A
server folds with ``claimtracker_fold`` (migration 0007): ``lower(unaccent(…))``, whose rules
(the server's ``tsearch_data/unaccent.rules``) also fold Cyrillic ё to е, ß to ss, ł to l, æ to
ae and more; a search for "елка" finds "ёлка" there. To mark that word the app folds the text
the same way: :func:`server_folding` asks the server once how it folds every character past
ASCII (one statement of every character, ~130,000, answered in one value) and keeps those it
folds otherwise than Python's ``lower`` — the rules file may differ from server to server, and
the client has no copy of it. Folding a word is then ``str.translate`` in the client, nothing per
page of rows (``bench/server_highlight.py`` measures both ways).

ASCII is folded by lower case alone on both (the rules hold no ASCII character), so ASCII text
keeps the quick paths of :class:`~claimtracker.query.explain.Highlighter`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from claimtracker.store.dbapi import POSTGRESQL, DbConnection, dialect_of

#: How many folded words are remembered.
_REMEMBERED = 65536
#: Separates the characters in the one value sent (the rules leave it as it is).
_SEPARATOR = "\n"


@dataclass(frozen=True)
class Folding:
    """The characters a server folds otherwise than Python's ``lower``: (code point, folded)."""

    changes: tuple[tuple[int, str], ...] = ()

    @cached_property
    def _table(self) -> dict[int, str]:
        return dict(self.changes)

    @cached_property
    def _folded(self) -> dict[str, str]:
        """Words folded before (a table's cells are marked again at every paint)."""
        return {}

    def fold(self, word: str) -> str:
        """``word`` as the server's index holds it."""
        folded = self._folded.get(word)
        if folded is None:
            if len(self._folded) >= _REMEMBERED:
                self._folded.clear()
            folded = self._folded[word] = word.translate(self._table).lower()
        return folded


@cache
def _asked() -> tuple[str, ...]:
    """The characters asked about: all past ASCII in the first two planes (the rules end
    before U+1F200), without the surrogates, which are no characters."""
    return tuple(chr(n) for n in range(0x80, 0x20000) if not 0xD800 <= n <= 0xDFFF)


def server_folding(connection: DbConnection) -> Folding:
    """How the server ``connection`` reaches folds words (one statement)."""
    asked = _asked()
    row = connection.execute("SELECT claimtracker_fold(?)", (_SEPARATOR.join(asked),)).fetchone()
    folded = str(row[0]).split(_SEPARATOR)
    if len(folded) != len(asked):  # a rule that makes or eats the separator: fold no more
        return Folding()
    return Folding(
        tuple(
            (ord(char), server)
            for char, server in zip(asked, folded, strict=True)
            if server != char.lower()
        )
    )


def folding_of(connection: DbConnection) -> Folding | None:
    """How the database ``connection`` reaches folds words: a server's (one statement), or None
    for a file, whose index folds as :func:`~claimtracker.query.word_forms.fold`."""
    return server_folding(connection) if dialect_of(connection) == POSTGRESQL else None
