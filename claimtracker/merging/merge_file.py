"""Merging another project file into this one: checked, backed up, one transaction.

The other file is checked first (:func:`~claimtracker.merging.peer.open_peer_file`): bad input
is one clear line and nothing changes. The merge itself runs in one transaction of this
project: a kill or a failure half-way leaves the project as it was. When there is something to
merge, a verified backup is taken while the transaction is still open, so it holds the project
exactly as before the merge, and only then is the merge committed. A dry run does everything
and rolls it back.

The other side may be a team server (a URL: :mod:`~claimtracker.merging.server_peer`), and this
side may be one: the merge then runs in one server transaction, holding the project's row
lock so that two analysts' merges into it run one after the other. Backups of a server are
its administrator's (pg_dump), so none is made there.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlmodel import Session

from claimtracker.journal.changes import ChangeSet, read_changes, sqlite_execute
from claimtracker.journal.deferred import write_pending
from claimtracker.journal.entries import noted
from claimtracker.merging.engine import Merger, Progress
from claimtracker.merging.identity import take_merge_turn
from claimtracker.merging.peer import Peer, open_peer_file
from claimtracker.merging.summary import MergeSummary
from claimtracker.store import Store
from claimtracker.store.dbapi import DbConnection, ServerConnection

#: Said where a file would name its backup: a server's backups are its administrator's.
SERVER_BACKUP = "none made here: backups of a server are its administrator's (pg_dump)"


class _RollBack(Exception):
    """Ends a dry run's (or an empty merge's) transaction without saving anything."""


def merge_file(
    store: Store,
    other: str | Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> MergeSummary:
    """Merge the project file (or server URL) ``other`` into ``store``; says what it did."""
    from claimtracker.merging.server_peer import is_server_url, open_peer_server

    if is_server_url(str(other)):
        with open_peer_server(str(other)) as peer:
            if peer.identity == _identity_of(store):
                from claimtracker.errors import MergeInputError

                raise MergeInputError(
                    f"cannot merge {peer.name}: it is this project itself; nothing was changed"
                )
            return merge_peer(store, peer, dry_run=dry_run, progress=progress)
    with open_peer_file(Path(other), mine=store.path) as peer:
        return merge_peer(store, peer, dry_run=dry_run, progress=progress)


def _identity_of(store: Store) -> str:
    from claimtracker.merging.identity import project_identity
    from claimtracker.store.dbapi import dialect_of

    with store.raw() as connection:
        return project_identity(sqlite_execute(connection), dialect_of(connection))


def merge_peer(
    store: Store,
    peer: Peer,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    backup: bool = True,
    keep_empty: bool = False,
) -> MergeSummary:
    """Merge ``peer`` (any other side read through plain SQL) into ``store``. ``backup``
    False: no backup (a new file has nothing to lose); ``keep_empty``: the marks are noted
    even when nothing was new (a checkout of an empty project)."""
    summary: MergeSummary | None = None
    try:
        with store.change() as transaction:
            summary, changes = _merge_in(transaction.session, peer, progress)
            if dry_run or (summary.nothing_new and not keep_empty):
                raise _RollBack
            if store.path is not None and backup:
                from claimtracker.safety.backup import make_backup

                summary.backup = str(make_backup(store, reason="before-merge").path)
            elif not store.is_sqlite:
                summary.backup = SERVER_BACKUP
        summary.changes = changes
    except _RollBack:
        assert summary is not None
        summary.dry_run = dry_run
        summary.run_id = None
    return summary


def _this_side(session: Session) -> DbConnection:
    """The session's own DB-API connection, in its transaction: this side is written through
    it. On a server the project's one row is locked first, so merges into it take turns."""
    driver = session.connection().connection.driver_connection
    if isinstance(driver, sqlite3.Connection):
        return driver
    server = ServerConnection(driver)  # type: ignore[arg-type]
    take_merge_turn(server)
    return server


def _merge_in(
    session: Session, peer: Peer, progress: Progress | None
) -> tuple[MergeSummary, ChangeSet]:
    """The merge in the session's transaction; what it wrote, read from the journal (on a
    server its entries, and the re-anchoring's, are written last: ``journal.deferred``)."""
    connection = _this_side(session)
    merger = Merger(connection, peer, progress=progress)
    summary = merger.run()
    if merger.reanchor:
        from claimtracker.services.reanchoring import reanchor_claims

        with noted(session, merger.note):
            for source_id, text in merger.reanchor.items():
                reanchor_claims(session=session, source_id=source_id, text=text)
        session.flush()
    merger.write_journal()
    write_pending(session)
    merger.close_marks()
    merger.finish_run()
    return summary, read_changes(sqlite_execute(connection), merger.started)
