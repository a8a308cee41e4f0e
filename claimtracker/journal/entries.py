"""Writing the journal: the ``history`` table, one row per change of a claim, link, source or actor.

The services call :func:`record` in the transaction of the change they make, so a change and its
entries are saved together or not at all; the CSV importer writes the same rows in bulk
(:class:`BulkJournal`). What was written is read back as a change set
(:mod:`claimtracker.journal.changes`) and listed for the analyst
(:mod:`claimtracker.journal.reading`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from claimtracker import bulk
from claimtracker.fields import KINDS, RESTORABLE
from claimtracker.journal import deferred
from claimtracker.journal.actions import CHANGED, CREATED, DELETED, PURGED, RESTORED
from claimtracker.journal.analyst import analyst_name
from claimtracker.models import HistoryEntry, utcnow
from claimtracker.store.dbapi import POSTGRESQL, DbConnection, dialect_of

__all__ = ["CHANGED", "CREATED", "DELETED", "KINDS", "PURGED", "RESTORABLE", "RESTORED"]


#: session.info keys: who is working (looked up once per session), and why (e.g. an import).
ANALYST_KEY = "claimtracker.analyst"
NOTE_KEY = "claimtracker.history_note"


def encode(value: Any) -> str:
    """A field's value as stored in the history (JSON; dates as ISO 8601)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _json_default(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def session_analyst(session: Session) -> str:
    """Who is working: on a server, the login role the session connects as (the server's
    triggers write it into the history whatever is sent); on a file, :func:`analyst_name`."""
    analyst = session.info.get(ANALYST_KEY)
    if not analyst:
        if session.get_bind().dialect.name == POSTGRESQL:
            analyst = session.execute(text("SELECT session_user")).scalar_one()
        else:
            analyst = analyst_name()
        session.info[ANALYST_KEY] = analyst
    return str(analyst)


def connection_analyst(connection: DbConnection) -> str:
    """:func:`session_analyst` for a plain connection (bulk work)."""
    if dialect_of(connection) == POSTGRESQL:
        return str(connection.execute("SELECT session_user").fetchone()[0])
    return analyst_name()


@contextmanager
def noted(session: Session, note: str) -> Iterator[None]:
    """Attach ``note`` (why: "restored from change #12") to what is recorded in the block."""
    before = session.info.get(NOTE_KEY)
    session.info[NOTE_KEY] = note
    try:
        yield
    finally:
        if before is None:
            session.info.pop(NOTE_KEY, None)
        else:
            session.info[NOTE_KEY] = before


def record(
    session: Session,
    kind: str,
    record_id: int | None,
    action: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    """Record an action on a record; for ``changed``, one entry per changed field."""
    if record_id is None:
        raise ValueError(f"Record a {kind}'s history only once it has an id (flush first)")
    analyst = session_analyst(session)
    note = session.info.get(NOTE_KEY)
    now = utcnow()
    later = deferred.defers_journal(session)  # on a server: written last, in one statement

    def entry(field: str | None = None, old: str | None = None, new: str | None = None) -> None:
        values: dict[str, Any] = {
            "changed_at": now,
            "analyst": analyst,
            "kind": kind,
            "record_id": record_id,
            "action": action,
            "field": field,
            "old_value": old,
            "new_value": new,
            "note": note,
        }
        if later:
            deferred.defer(session, values)
        else:
            session.add(HistoryEntry(**values))

    if action != CHANGED:
        entry()
        return
    for field, (old, new) in (changes or {}).items():
        entry(field, encode(old), encode(new))


#: Columns of ``history`` written by :func:`record_rows`, in order.
ROW_COLUMNS = (
    "changed_at",
    "analyst",
    "kind",
    "record_id",
    "action",
    "field",
    "old_value",
    "new_value",
    "note",
)


def record_rows(connection: DbConnection, rows: Iterable[Sequence[object]]) -> None:
    """Bulk path: history rows laid out as :data:`ROW_COLUMNS` (values already encoded)."""
    marks = ", ".join("?" for _ in ROW_COLUMNS)
    connection.executemany(f"INSERT INTO history ({', '.join(ROW_COLUMNS)}) VALUES ({marks})", rows)


def record_created_after(
    connection: DbConnection,
    kind: str,
    last_id_before: int,
    *,
    changed_at: str,
    analyst: str,
    note: str | None,
    existed: Iterable[int] = (),
) -> None:
    """Bulk path: a ``created`` entry for every ``kind`` record with an id above the given one.

    On a server, other analysts' transactions create records meanwhile (with ids above it too):
    only the rows this transaction wrote count there (their ``xmin`` is its id), less those it
    found already there (``existed``: a colleague's new record it then changed)."""
    if kind not in KINDS:
        raise ValueError(kind)
    parameters: tuple[object, ...] = (changed_at, analyst, note, last_id_before)
    ours = ""
    if dialect_of(connection) == POSTGRESQL:
        ours = " AND xmin = pg_current_xact_id()::xid AND NOT (id = ANY(?))"
        parameters += (sorted(existed),)
    connection.execute(
        f"INSERT INTO history (changed_at, analyst, kind, record_id, action, note)"
        f" SELECT ?, ?, '{kind}', id, '{CREATED}', ? FROM {kind} WHERE id > ?{ours}",
        parameters,
    )


class BulkJournal:
    """The history of a bulk operation on a plain connection (the CSV import).

    Records created during the operation are found by id at the end (ids only grow), so creating
    costs one statement per kind however many rows arrive; changed fields are collected and
    written together. Call :meth:`finish` inside the operation's transaction, at its turn at
    the journal (``deferred.journal_turn``).
    """

    def __init__(
        self, connection: DbConnection, *, note: str | None, analyst: str | None = None
    ) -> None:
        self.connection = connection
        self.note = note
        self.analyst = analyst or connection_analyst(connection)
        self.changed_at = bulk.timestamp()
        self.last_ids = {
            kind: int(connection.execute(f"SELECT coalesce(max(id), 0) FROM {kind}").fetchone()[0])
            for kind in KINDS
        }
        self.rows: list[tuple[object, ...]] = []
        #: Records above ``last_ids`` the operation found already there (not its own).
        self.found: dict[str, set[int]] = {kind: set() for kind in KINDS}

    def existed(self, kind: str, ids: Iterable[int]) -> None:
        """These records were there before the operation came to them: never "created"."""
        self.found[kind].update(i for i in ids if i > self.last_ids[kind])

    def changed(self, kind: str, record_id: int, changes: dict[str, tuple[Any, Any]]) -> None:
        for field, (old, new) in changes.items():
            self.rows.append(
                (
                    self.changed_at,
                    self.analyst,
                    kind,
                    record_id,
                    CHANGED,
                    field,
                    encode(old),
                    encode(new),
                    self.note,
                )
            )

    def finish(self) -> None:
        for kind in KINDS:
            record_created_after(
                self.connection,
                kind,
                self.last_ids[kind],
                changed_at=self.changed_at,
                analyst=self.analyst,
                note=self.note,
                existed=self.found[kind],
            )
        record_rows(self.connection, self.rows)
        self.rows = []
