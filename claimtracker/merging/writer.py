"""Writing a merge into this side: records, fields, tags, journal entries and conflicts.

Plain DB-API on the connection of the merge's one transaction. Journal entries copied from the
other side keep their analysts and times and say where the change was first made (``origin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimtracker.journal.entries import ROW_COLUMNS, encode
from claimtracker.store.dbapi import DbConnection, dialect_of, insert_ignoring

#: Columns of ``history`` a merge writes, in order: the journal's own, and where the change was
#: first made.
ENTRY_COLUMNS = (*ROW_COLUMNS, "origin")
_CONFLICT_COLUMNS = (
    "run_id",
    "kind",
    "record_id",
    "field",
    "mine_value",
    "theirs_value",
    "theirs_analyst",
    "theirs_changed_at",
    "peer_name",
    "note",
    "created_at",
)


def returned_id(connection: DbConnection, insert: str, values: Sequence[Any]) -> int:
    """Run ``insert`` (one row) and return the new row's id, on either database."""
    row = connection.execute(f"{insert} RETURNING id", values).fetchone()
    return int(row[0])


class MergeWriter:
    def __init__(self, connection: DbConnection, *, now: str) -> None:
        self.connection = connection
        self.dialect = dialect_of(connection)
        self.now = now
        self.entries: list[tuple[object, ...]] = []

    def insert(self, kind: str, values: dict[str, Any]) -> int:
        names = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" for _ in values)
        return returned_id(
            self.connection,
            f'INSERT INTO "{kind}" ({names}) VALUES ({marks})',
            tuple(values.values()),
        )

    def update(self, kind: str, record_id: int, values: dict[str, Any]) -> None:
        """Set ``values`` and count it as an edit of the record (version, time)."""
        settings = "".join(f'"{name}" = ?, ' for name in values)
        self.connection.execute(
            f'UPDATE "{kind}" SET {settings}updated_at = ?, version = version + 1 WHERE id = ?',
            (*values.values(), self.now, record_id),
        )

    def set_tags(self, claim_id: int, names: Sequence[str]) -> None:
        """Give a claim exactly the tags ``names`` (new tag names are created)."""
        self.connection.execute("DELETE FROM claim_tag WHERE claim_id = ?", (claim_id,))
        for name in names:
            self.connection.execute(
                insert_ignoring("INSERT INTO tag (name) VALUES (?)", self.dialect), (name,)
            )
            self.connection.execute(
                insert_ignoring(
                    "INSERT INTO claim_tag (claim_id, tag_id) SELECT ?, id FROM tag WHERE name = ?",
                    self.dialect,
                ),
                (claim_id, name),
            )

    def entry(
        self,
        *,
        changed_at: str,
        analyst: str,
        kind: str,
        record_id: int,
        action: str,
        field: str | None = None,
        old: Any = None,
        new: Any = None,
        encoded: bool = False,
        note: str | None,
        origin: str | None,
    ) -> None:
        if not encoded and field is not None:
            old, new = encode(old), encode(new)
        self.entries.append(
            (changed_at, analyst, kind, record_id, action, field, old, new, note, origin)
        )

    def flush_entries(self) -> None:
        if self.entries:
            names = ", ".join(ENTRY_COLUMNS)
            marks = ", ".join("?" for _ in ENTRY_COLUMNS)
            self.connection.executemany(
                f"INSERT INTO history ({names}) VALUES ({marks})", self.entries
            )
            self.entries = []

    def conflict(
        self,
        *,
        run_id: int,
        kind: str,
        record_id: int,
        field: str,
        mine: Any,
        theirs: Any,
        theirs_analyst: str | None,
        theirs_changed_at: str | None,
        peer_name: str,
        note: str | None = None,
    ) -> list[int]:
        """Hold a conflict; an open one on the same field is replaced. Returns the ids of the
        conflicts it replaced (an undo opens them again)."""
        replaced = [
            int(row[0])
            for row in self.connection.execute(
                "SELECT id FROM merge_conflict WHERE kind = ? AND record_id = ? AND field = ?"
                " AND settled_at IS NULL",
                (kind, record_id, field),
            )
        ]
        if replaced:
            marks = ", ".join("?" for _ in replaced)
            self.connection.execute(
                "UPDATE merge_conflict SET settled_at = ?, settled_how = 'replaced'"
                f" WHERE id IN ({marks})",
                (self.now, *replaced),
            )
        values = (
            run_id,
            kind,
            record_id,
            field,
            encode(mine),
            encode(theirs),
            theirs_analyst,
            theirs_changed_at,
            peer_name,
            note,
            self.now,
        )
        marks = ", ".join("?" for _ in _CONFLICT_COLUMNS)
        self.connection.execute(
            f"INSERT INTO merge_conflict ({', '.join(_CONFLICT_COLUMNS)}) VALUES ({marks})",
            values,
        )
        return replaced
