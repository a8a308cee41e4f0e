"""Merging another project file into this one: checked, backed up, one transaction.

The other file is checked first (:func:`~claimtracker.merging.peer.open_peer_file`): bad input
is one clear line and nothing changes. The merge itself runs in one transaction of this
project: a kill or a failure half-way leaves the project as it was. When there is something to
merge, a verified backup is taken while the transaction is still open, so it holds the project
exactly as before the merge, and only then is the merge committed. A dry run does everything
and rolls it back.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from claimtracker.journal.entries import noted
from claimtracker.merging.engine import Merger, Progress
from claimtracker.merging.peer import Peer, open_peer_file
from claimtracker.merging.summary import MergeSummary
from claimtracker.store import Store
from claimtracker.store.dbapi import require_sqlite


class _RollBack(Exception):
    """Ends a dry run's (or an empty merge's) transaction without saving anything."""


def merge_file(
    store: Store,
    other: str | Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> MergeSummary:
    """Merge the project file ``other`` into ``store``; says what it did."""
    with open_peer_file(Path(other), mine=store.path) as peer:
        return merge_peer(store, peer, dry_run=dry_run, progress=progress)


def merge_peer(
    store: Store, peer: Peer, *, dry_run: bool = False, progress: Progress | None = None
) -> MergeSummary:
    """Merge ``peer`` (any other side read through plain SQL) into ``store``."""
    summary: MergeSummary | None = None
    try:
        with store.change() as transaction:
            summary = _merge_in(transaction.session, peer, progress)
            if dry_run or summary.nothing_new:
                raise _RollBack
            if store.path is not None:
                from claimtracker.safety.backup import make_backup

                summary.backup = str(make_backup(store, reason="before-merge").path)
        summary.changes = transaction.changes
    except _RollBack:
        assert summary is not None
        summary.dry_run = dry_run
        summary.run_id = None
    return summary


def _merge_in(session: Session, peer: Peer, progress: Progress | None) -> MergeSummary:
    # This side is written through the session's own DB-API connection, in its transaction.
    connection = require_sqlite(
        session.connection().connection.dbapi_connection,  # type: ignore[arg-type]
        "Merging into a project",
    )
    merger = Merger(connection, peer, progress=progress)
    summary = merger.run()
    if merger.reanchor:
        from claimtracker.services.reanchoring import reanchor_claims

        with noted(session, merger.note):
            for source_id, text in merger.reanchor.items():
                reanchor_claims(session=session, source_id=source_id, text=text)
        session.flush()
    merger.close_marks()
    merger.finish_run()
    return summary
