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
flushed: nobody holding the journal lock ever waits for a row.

**Bulk writers** (a CSV import, the undo or redo of an import or a merge, a merge or sync into
the server) work on a plain connection (``Store.raw(write=True)``, or a session's own) and write
their entries with ``INSERT`` statements of their own. They keep the same order:

1. They lock the rows they will change before they read what they compare or journal
   (:func:`lock_records`, or ``FOR NO KEY UPDATE`` in their own reads): a colleague's save
   that holds one of them is waited for, and its entries are then in the journal they read
   and its values in the rows they read, so their refusals ("changed since") and old values are
   exact; a save that comes later waits for them and then finds a newer version (stale).
2. Only once every row change is made do they take their turn at the journal
   (:func:`journal_turn`): the lock, then the mark (the newest entry's id), then their
   entries, then the commit. Nothing between the lock and the commit waits for a row.

Why this is exact. Each statement of a transaction on the server sees what was committed
when it began (READ COMMITTED), so the statement after a wait for a row sees the save it waited
for. Their change set is "the entries after the mark" (``read_changes``): the mark is read
while holding the lock, every writer before them has committed (or rolled back) and no other
can draw an id until they commit, so the ids after the mark are exactly theirs — what they
write before their turn are rows only, never entries. And "id > last seen" still misses
nothing for every reader: they draw their ids while holding the lock, as saves do, so the
argument above holds for them unchanged (the trigger would take the lock at their first entry
anyway; taking it a statement earlier only makes the mark theirs). Records a bulk writer
created are found by id and ``xmin`` (``entries.record_created_after``), less those it found
already there. No cycle of waits runs through the journal lock any more: two writers can still
wait for each other's rows, which the server refuses after a second as a clash to try again.

**Why stale edits stay exact.** Without the journal lock around the whole transaction, the
services lock the record they change when they read it (``services.common.get_record(lock=
True)``): a second editor waits for the first to commit and then reads the new version, so its
version check refuses a stale edit, and the old values in the journal are the ones replaced.

On an SQLite file nothing is deferred: one writer holds the file's write lock for the whole
transaction, and the entries are added to the session as they are made.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    sqlite_execute,
)
from claimtracker.models import HistoryEntry
from claimtracker.store.dbapi import POSTGRESQL, DbConnection, dialect_of

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


def journal_turn(connection: DbConnection) -> int:
    """A bulk writer's turn at the journal: on a server, the journal's lock (held until the
    transaction ends); the newest entry's id, after which the writer's own entries follow.

    Call it once every row change is made: from here to the commit nothing may wait for a row
    (see the module). On a file the transaction holds the write lock from its start already.
    """
    if dialect_of(connection) == POSTGRESQL:
        from claimtracker.server.live import LOCK_JOURNAL

        connection.execute(LOCK_JOURNAL)
    return journal_mark(sqlite_execute(connection))


#: How many rows one locking statement names at most.
_LOCK_CHUNK = 1000


def lock_records(
    connection: DbConnection, kind: str, ids: Iterable[int], *, for_delete: bool = False
) -> None:
    """On a server, lock the ``kind`` records ``ids`` for this transaction (in id order, so
    that two bulk writers never hold each other's rows), waiting for a save that holds one;
    ``for_delete``: also against a save that would refer to one (a new link to a claim). On a
    file the transaction's write lock holds everything already."""
    if dialect_of(connection) != POSTGRESQL:
        return
    wanted = sorted(set(ids))
    strength = "UPDATE" if for_delete else "NO KEY UPDATE"
    for start in range(0, len(wanted), _LOCK_CHUNK):
        connection.execute(
            f'SELECT id FROM "{kind}" WHERE id = ANY(?) ORDER BY id FOR {strength}',
            (wanted[start : start + _LOCK_CHUNK],),
        ).fetchall()


@event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    write_pending(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_the_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # committed or rolled back: nothing waits any more
        session.info.pop(PENDING_KEY, None)
        session.info.pop(WRITTEN_KEY, None)
