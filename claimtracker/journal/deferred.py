"""On a team server a transaction writes its journal last: its entries wait in the session and
go to the server in one statement just before the commit.

**Why last.** The journal is ordered by one lock (``claimtracker.server.live``: the statement
trigger on ``history`` takes ``pg_advisory_xact_lock`` before the statement draws its ids, and
the transaction holds it until it ends), so that entries become visible in the order of their
ids and a reader's "id > last seen" misses nothing. Every journal writer waits for that lock in
turn, so the less a transaction does while holding it the more analysts can save at once: here
it holds it for the journal's ``INSERT … RETURNING`` and the ``COMMIT``, two round trips, and
no rows are read or changed meanwhile.

**Why nothing is missed.** A transaction draws all its journal ids while holding the lock and
keeps it until it has committed or rolled back; the next writer draws its ids only once it has
the lock. So the ids of two writers never interleave, a writer's entries are visible to others
only after every entry with a smaller id that will ever be visible is, and a writer's own ids
are contiguous (``after_entry < id <= last_entry`` of its change set names exactly its own).

**Why no deadlock.** A transaction locks the rows it edits first (``SELECT … FOR NO KEY
UPDATE``, the ``UPDATE`` itself) and takes the journal lock last, after its last row change is
flushed: nobody holding the journal lock ever waits for a row. (Bulk work on a plain connection,
``Store.raw(write=True)``, still takes the journal lock first; it can meet an edit of the same
row the other way round, which the server detects and refuses, after a second, as a clash to
try again: it is rare, and no data is lost.)

**Why stale edits stay exact.** Without the journal lock around the whole transaction, the
services lock the record they change when they read it (``services.common.get_record(lock=
True)``): a second editor waits for the first to commit and then reads the new version, so its
version check refuses a stale edit, and the old values in the journal are the ones replaced.

On an SQLite file nothing is deferred: one writer holds the file's write lock for the whole
transaction, and the entries are added to the session as they are made.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

from claimtracker.journal.changes import (
    ChangeSet,
    changes_of,
    journal_mark,
    read_changes,
    session_execute,
)
from claimtracker.models import HistoryEntry
from claimtracker.store.dbapi import POSTGRESQL

#: session.info keys: the entries waiting to be written, and those this transaction wrote
#: (``(id, kind, record_id, action, field)``).
PENDING_KEY = "claimtracker.journal_pending"
WRITTEN_KEY = "claimtracker.journal_written"

_HISTORY = HistoryEntry.__table__  # type: ignore[attr-defined]
#: What the journal's ``INSERT`` returns: what :func:`changes_of` reads.
_RETURNED = tuple(_HISTORY.c[name] for name in ("id", "kind", "record_id", "action", "field"))
_INSERT = insert(_HISTORY).returning(*_RETURNED)


def defers_journal(session: Session) -> bool:
    """Whether this session's journal entries wait for the end of the transaction."""
    return session.get_bind().dialect.name == POSTGRESQL


def defer(session: Session, entry: dict[str, Any]) -> None:
    """Keep ``entry`` (the columns of a ``history`` row) to be written before the commit."""
    session.info.setdefault(PENDING_KEY, []).append(entry)


def write_pending(session: Session) -> None:
    """Flush the session's row changes, then write its waiting entries (the journal lock is
    taken here, by the server's trigger, and held to the end of the transaction)."""
    pending: list[dict[str, Any]] = session.info.pop(PENDING_KEY, None) or []
    if not pending:
        return
    session.flush()
    # One statement for up to a thousand entries (SQLAlchemy's "insertmanyvalues"; its SQL
    # compiled once and cached), returning what the change set needs.
    rows = session.connection().execute(_INSERT, pending)
    session.info.setdefault(WRITTEN_KEY, []).extend(sorted(tuple(row) for row in rows))


def session_mark(session: Session) -> int:
    """Where the journal stands for this transaction: entries it writes from now on have
    larger ids (:func:`session_changes` reads them)."""
    if not defers_journal(session):
        return journal_mark(session_execute(session))
    written = session.info.get(WRITTEN_KEY) or [(0,)]
    return int(written[-1][0])


def session_changes(session: Session, mark: int) -> ChangeSet:
    """What this transaction wrote to the journal after ``mark`` (:func:`session_mark`),
    its waiting entries written first."""
    execute = session_execute(session)
    if not defers_journal(session):
        return read_changes(execute, mark)
    write_pending(session)
    rows = [row for row in session.info.get(WRITTEN_KEY, []) if row[0] > mark]
    return changes_of(execute, rows, mark)


@event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    write_pending(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_the_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # committed or rolled back: nothing waits any more
        session.info.pop(PENDING_KEY, None)
        session.info.pop(WRITTEN_KEY, None)
