"""Undoing a merge as one step, the way a CSV import is undone (``csvio.undo``).

A merge's journal entries say what it did; :func:`~claimtracker.csvio.undo.undo_step` puts
every field back, takes back what it moved in or out of the trash and deletes for good what it
added. The merge's conflicts go with it (those it replaced are open again) and this side's
marks for the other project are those from before it, so merging the same file again brings the
same work in again. Only the newest merge that is not undone can be undone, and not once a
record it touched has been changed since or one of its conflicts settled (that would be lost).

It runs on a file or a server alike, in one transaction of the seam (``Store.raw``): on a
server it locks the records the merge touched before it looks whether they changed since, so a
colleague's change saved before it (or under way) is seen and the undo refused, keeping that
change, and one saved after it waits for it and then finds it stale; it takes the journal's
lock only for its entries and the commit (``journal.deferred``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from claimtracker import bulk
from claimtracker.csvio.undo import ImportStep, undo_step
from claimtracker.errors import ConflictError, NotFoundError
from claimtracker.journal.changes import ChangeSet, read_changes, sqlite_execute
from claimtracker.merging.identity import take_merge_turn
from claimtracker.store import Store


@dataclass(frozen=True)
class UndoneMerge:
    run_id: int
    peer_name: str
    changes: ChangeSet

    def describe(self) -> str:
        return f"Undid merge #{self.run_id} from {self.peer_name} ({self.changes.describe()})"


def undo_last_merge(store: Store) -> UndoneMerge:
    """Undo the newest merge that is not undone yet."""
    with store.raw(write=True) as connection:
        take_merge_turn(connection)  # a merge under way is waited for: it may be the newest
        execute = sqlite_execute(connection)
        rows = execute(
            "SELECT id, peer_uuid, peer_name, after_entry, last_entry, previous_their_mark,"
            " previous_my_mark, new_tag_ids, summary FROM merge_run WHERE undone_at IS NULL"
            " ORDER BY id DESC LIMIT 1",
            (),
        )
        if not rows:
            raise NotFoundError("There is no merge to undo")
        run_id, peer, name, after, last, their_mark, my_mark, tags, summary = rows[0]
        settled = execute(
            "SELECT id FROM merge_conflict WHERE run_id = ? AND settled_at IS NOT NULL"
            " AND settled_how <> 'replaced' ORDER BY id LIMIT 1",
            (run_id,),
        )
        if settled:
            raise ConflictError(
                f"Conflict #{settled[0][0]} of the merge from {name} was settled after it; "
                "undoing the merge now would lose that (the backup made before the merge is "
                "kept: `claimtracker backups`)"
            )
        done = ImportStep(
            read_changes(execute, int(after), limit=max(int(last) - int(after), 0)),
            list(json.loads(tags)),
        )
        step = undo_step(connection, done, note=f"undo: merge from {name}", what="the merge")
        replaced = json.loads(summary).get("replaced_conflicts", [])
        connection.execute("DELETE FROM merge_conflict WHERE run_id = ?", (run_id,))
        for conflict_id in replaced:
            connection.execute(
                "UPDATE merge_conflict SET settled_at = NULL, settled_how = NULL WHERE id = ?",
                (conflict_id,),
            )
        if their_mark is None:
            connection.execute("DELETE FROM merge_peer WHERE peer_uuid = ?", (peer,))
        else:
            connection.execute(
                "UPDATE merge_peer SET their_mark = ?, my_mark = ? WHERE peer_uuid = ?",
                (their_mark, my_mark, peer),
            )
        connection.execute(
            "UPDATE merge_run SET undone_at = ? WHERE id = ?", (bulk.timestamp(), run_id)
        )
    return UndoneMerge(int(run_id), str(name), step.changes)
