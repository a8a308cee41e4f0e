"""Looking up many keys at once: ``WHERE x IN (?, ?, …)`` in chunks SQLite accepts."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from claimtracker.store.dbapi import DbConnection

#: Keys per statement: well under the host-parameter limit of any SQLite build (999 in old ones).
CHUNK = 500
MARKS = "{marks}"


def select_in(
    connection: DbConnection, sql: str, keys: Collection[object]
) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` for all ``keys``; ``sql`` holds ``IN ({marks})`` where they go."""
    wanted = list(keys)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        yield from connection.execute(sql.replace(MARKS, ", ".join("?" for _ in chunk)), chunk)
