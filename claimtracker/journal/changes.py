"""What changed, read from the journal: the change set every write returns and the app announces.

A write notes where the journal stands when its transaction begins (:func:`journal_mark`) and,
before it commits, reads the entries it wrote (:func:`read_changes`): what it created, updated
(with the fields) and deleted, per kind. Writes hold the write lock, so the entries after the
mark are exactly theirs. The app announces that change set once; its watcher for other
programs' changes reads the same journal from the last entry it saw and skips the entries this
window wrote (:class:`OwnEntries`) — the same road changes from a team server will take.

Plain DB-API: an :data:`Execute` is a plain sqlite3 connection's or a session's (see
:func:`sqlite_execute`, :func:`session_execute`), so this module needs neither the ORM nor Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimtracker.journal.actions import CHANGED, CREATED, RESTORED
from claimtracker.store.dbapi import DbConnection

if TYPE_CHECKING:
    from sqlmodel import Session

#: Runs one SQL statement with its parameters and returns its rows.
Execute = Callable[[str, Sequence[Any]], list[Any]]

#: How many ids one ``IN (...)`` lookup of link ends names at most.
_CHUNK = 500

_EMPTY: frozenset[int] = frozenset()


def sqlite_execute(connection: DbConnection) -> Execute:
    return lambda sql, params: connection.execute(sql, params).fetchall()


def session_execute(session: Session) -> Execute:
    """Runs ``?``-placeholder SQL in the session's transaction (on a server too)."""
    from claimtracker.store.dbapi import server_sql

    def execute(sql: str, params: Sequence[Any]) -> list[Any]:
        connection = session.connection()
        if connection.dialect.name == "postgresql":
            sql = server_sql(sql)
        return list(connection.exec_driver_sql(sql, tuple(params)))

    return execute


@dataclass(frozen=True)
class ChangeSet:
    """Records created, updated (with their fields) and deleted, per kind (claim, link, ...).

    ``created`` holds records created or brought back from the trash, ``deleted`` those moved to
    the trash or deleted for good (as the last such entry says); ``link_claims`` the claims at
    either end of the links named, ``opinion_claims`` the claims of the analysts' opinions named. ``complete`` is False when there was too much to list (a bulk
    change seen from elsewhere): a view then reloads everything. ``after_entry`` and
    ``last_entry`` bound the journal entries read (``after_entry < id <= last_entry``).
    """

    created: Mapping[str, frozenset[int]] = field(default_factory=dict)
    updated: Mapping[str, Mapping[int, frozenset[str]]] = field(default_factory=dict)
    deleted: Mapping[str, frozenset[int]] = field(default_factory=dict)
    link_claims: frozenset[int] = _EMPTY
    opinion_claims: frozenset[int] = _EMPTY
    after_entry: int = 0
    last_entry: int = 0
    entries: int = 0
    complete: bool = True

    @classmethod
    def everything(cls) -> ChangeSet:
        """Anything may have changed (a reload, a restored backup): every view reloads."""
        return cls(complete=False)

    @classmethod
    def records(cls, kind: str, ids: Iterable[int]) -> ChangeSet:
        """These records may differ from what the views show (a discarded edit): read again."""
        return cls(updated={kind: {record_id: frozenset() for record_id in ids}})

    def created_ids(self, kind: str) -> frozenset[int]:
        return self.created.get(kind, _EMPTY)

    def deleted_ids(self, kind: str) -> frozenset[int]:
        return self.deleted.get(kind, _EMPTY)

    def updated_ids(self, kind: str) -> frozenset[int]:
        return frozenset(self.updated.get(kind, {}))

    def fields_of(self, kind: str, record_id: int) -> frozenset[str]:
        return self.updated.get(kind, {}).get(record_id, frozenset())

    def ids(self, kind: str) -> frozenset[int]:
        """Every record of ``kind`` named."""
        return self.created_ids(kind) | self.updated_ids(kind) | self.deleted_ids(kind)

    def touches(self, kind: str) -> bool:
        """Whether records of ``kind`` may have changed (always, for an incomplete set)."""
        return not self.complete or bool(self.ids(kind))

    @property
    def empty(self) -> bool:
        return self.complete and not any(self.ids(kind) for kind in self._kinds())

    def _kinds(self) -> set[str]:
        return set(self.created) | set(self.updated) | set(self.deleted)

    def describe(self) -> str:
        """A short account, for logs and the command line ("claim: 2 created, 1 updated")."""
        if not self.complete:
            return "everything may have changed"
        parts = []
        for kind in sorted(self._kinds()):
            counts = [
                f"{len(ids)} {verb}"
                for verb, ids in (
                    ("created", self.created_ids(kind)),
                    ("updated", self.updated_ids(kind)),
                    ("deleted", self.deleted_ids(kind)),
                )
                if ids
            ]
            parts.append(f"{kind}: {', '.join(counts)}")
        return "; ".join(parts) or "nothing changed"


def journal_mark(execute: Execute) -> int:
    """The newest journal entry's id (0 for none); entries written after it have larger ids."""
    return int(execute("SELECT coalesce(max(id), 0) FROM history", ())[0][0])


def read_changes(
    execute: Execute,
    after_entry: int,
    *,
    limit: int | None = None,
    skip: Callable[[int], bool] | None = None,
) -> ChangeSet:
    """The change set of the journal entries after ``after_entry``.

    With ``limit``, at most that many entries are read (more make the set incomplete); entries
    for which ``skip`` is true (a window's own) are passed over but count as read.
    """
    sql = "SELECT id, kind, record_id, action, field FROM history WHERE id > ? ORDER BY id"
    rows = execute(
        sql + (" LIMIT ?" if limit is not None else ""),
        ((after_entry, limit + 1) if limit is not None else (after_entry,)),
    )
    complete = limit is None or len(rows) <= limit
    if limit is not None:
        rows = rows[:limit]
    last_entry = int(rows[-1][0]) if rows else after_entry
    kept = [row for row in rows if skip is None or not skip(int(row[0]))]
    return _change_set(execute, kept, after_entry, last_entry, complete)


def changes_of(execute: Execute, rows: Sequence[Sequence[Any]], mark: int) -> ChangeSet:
    """The change set of one transaction's own entries (``id, kind, record_id, action,
    field``, in id order; their ids are contiguous: ``claimtracker.journal.deferred``); with
    none, an empty set at ``mark``."""
    if not rows:
        return ChangeSet(after_entry=mark, last_entry=mark)
    return _change_set(execute, rows, int(rows[0][0]) - 1, int(rows[-1][0]), True)


def _change_set(
    execute: Execute,
    rows: Iterable[Sequence[Any]],
    after_entry: int,
    last_entry: int,
    complete: bool,
) -> ChangeSet:
    updated: dict[str, dict[int, set[str]]] = {}
    presence: dict[tuple[str, int], bool] = {}  # the last created/restored (True) or removal
    entries = 0
    for _id, kind, record_id, action, field_name in rows:
        entries += 1
        if action == CHANGED:
            updated.setdefault(kind, {}).setdefault(record_id, set()).add(field_name)
        else:
            presence[(kind, record_id)] = action in (CREATED, RESTORED)
    created: dict[str, set[int]] = {}
    deleted: dict[str, set[int]] = {}
    for (kind, record_id), present in presence.items():
        (created if present else deleted).setdefault(kind, set()).add(record_id)

    def named(kind: str) -> list[int]:
        return sorted(
            set(updated.get(kind, {})) | created.get(kind, set()) | deleted.get(kind, set())
        )

    return ChangeSet(
        created={kind: frozenset(ids) for kind, ids in created.items()},
        updated={
            kind: {record_id: frozenset(names) for record_id, names in records.items()}
            for kind, records in updated.items()
        },
        deleted={kind: frozenset(ids) for kind, ids in deleted.items()},
        link_claims=frozenset(
            _claims_of(execute, "link", ("claim_a_id", "claim_b_id"), named("link"))
        ),
        opinion_claims=frozenset(_claims_of(execute, "opinion", ("claim_id",), named("opinion"))),
        after_entry=after_entry,
        last_entry=last_entry,
        entries=entries,
        complete=complete,
    )


def _claims_of(
    execute: Execute, kind: str, columns: tuple[str, ...], record_ids: list[int]
) -> set[int]:
    """The claims the records of ``kind`` belong to (a link's two ends, an opinion's claim)."""
    claims: set[int] = set()
    for start in range(0, len(record_ids), _CHUNK):
        chunk = record_ids[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for row in execute(f"SELECT {', '.join(columns)} FROM {kind} WHERE id IN ({marks})", chunk):
            claims.update(row)
    return claims


class OwnEntries:
    """The journal entries one program wrote, so that its watcher does not announce them again."""

    def __init__(self) -> None:
        self._ranges: list[tuple[int, int]] = []

    def add(self, changes: ChangeSet) -> None:
        if changes.last_entry > changes.after_entry:
            self._ranges.append((changes.after_entry, changes.last_entry))

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, int) and any(a < entry_id <= b for a, b in self._ranges)

    def forget_through(self, entry_id: int) -> None:
        """The watcher has read up to ``entry_id``: older ranges are no longer needed."""
        self._ranges = [(a, b) for a, b in self._ranges if b > entry_id]
