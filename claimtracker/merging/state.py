"""What one merge holds while it runs, and the writing every part of it shares: journal entries
copied or made under the other side's analysts, conflicts, this side's unique names and texts.

The parts of a merge build on it: :mod:`~claimtracker.merging.additions` (records new to this
side, references), :mod:`~claimtracker.merging.pairs` (records both sides hold, field by field),
:mod:`~claimtracker.merging.engine` (the whole merge).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claimtracker import bulk
from claimtracker.journal.actions import CHANGED
from claimtracker.journal.analyst import analyst_name
from claimtracker.journal.changes import sqlite_execute
from claimtracker.journal.entries import decode, encode
from claimtracker.merging.ancestry import Ancestor
from claimtracker.merging.kinds import KindSpec
from claimtracker.merging.peer import Peer
from claimtracker.merging.records import SideRecords
from claimtracker.merging.summary import MergeSummary
from claimtracker.merging.trails import MERGED_KINDS, Entry, Trail, comparable
from claimtracker.merging.writer import MergeWriter
from claimtracker.store.dbapi import DbConnection, dialect_of

#: Called with (steps done, steps in all); False cancels the merge.
Progress = Callable[[int, int], bool]


def same(a: Any, b: Any) -> bool:
    return bool(comparable(a) == comparable(b))


class MergeState:
    """One merge of ``peer`` into the project on ``connection`` (inside its transaction)."""

    def __init__(
        self, connection: DbConnection, peer: Peer, *, progress: Progress | None = None
    ) -> None:
        self.connection = connection
        self.peer = peer
        self.progress = progress
        self.dialect = dialect_of(connection)
        self.mine = SideRecords(sqlite_execute(connection), self.dialect, lock=True)
        self.theirs = SideRecords(peer.execute, peer.dialect)
        self.now = bulk.timestamp()
        self.analyst = analyst_name()
        self.writer = MergeWriter(connection, now=self.now)
        self.summary = MergeSummary(peer=peer.name)
        self.note = f"merged from {peer.name}"
        #: Their UUID → this side's id, for records matched by content (same text, name ...).
        self.matched: dict[str, dict[str, int]] = {kind: {} for kind in MERGED_KINDS}
        self.replaced: list[int] = []
        self.reanchor: dict[int, str] = {}
        self.run_id = 0
        #: Records to move in or out of the trash with the pair's other updates.
        self.pending_trash: dict[int, Any] = {}
        #: The conflicts this merge holds (kind, record id, field): each counted once.
        self.held: set[tuple[str, int, str]] = set()
        #: Set when the merge starts (:meth:`~claimtracker.merging.engine.Merger.run`).
        self.ancestor = Ancestor(0, 0, related=False, previous=None)
        self.their_trails: dict[str, dict[int, Trail]] = {}
        self.my_trails: dict[str, dict[int, Trail]] = {}
        self.actor_names: dict[str, int] = {}
        self.my_link_ends: set[str] = set()
        self.their_link_ends: set[str] = set()
        #: (kind, record id, field) → (the other side's value,) of the newest conflict on it.
        self.conflict_bases: dict[tuple[str, int, str], tuple[Any]] = {}

    def _load_conflict_bases(self) -> None:
        """The newest conflict of each field: what the other side had when they last met."""
        for kind, record_id, name, theirs in self.mine.execute(
            "SELECT kind, record_id, field, theirs_value FROM merge_conflict WHERE id IN"
            " (SELECT max(id) FROM merge_conflict GROUP BY kind, record_id, field)",
            (),
        ):
            self.conflict_bases[(str(kind), int(record_id), str(name))] = (decode(theirs),)

    def _max_id(self, table: str) -> int:
        return int(self.mine.execute(f"SELECT coalesce(max(id), 0) FROM {table}", ())[0][0])

    def _entry_value(self, spec: KindSpec, name: str | None, text: str | None) -> str | None:
        """A copied journal value, its record ids made this side's."""
        if name is None or name not in spec.references or text is None:
            return text
        value = decode(text)
        if not isinstance(value, int):
            return text
        uuid = self.theirs.uuid_of(spec.references[name], value)
        target = spec.references[name]
        mine = (self.mine.id_of(target, uuid) or self.matched[target].get(uuid)) if uuid else None
        return encode(mine)

    def _copy(self, spec: KindSpec, my_id: int, entries: list[Entry]) -> None:
        for entry in entries:
            self.writer.entry(
                changed_at=entry.changed_at,
                analyst=entry.analyst,
                kind=spec.kind,
                record_id=my_id,
                action=entry.action,
                field=entry.field,
                old=self._entry_value(spec, entry.field, entry.old_value),
                new=self._entry_value(spec, entry.field, entry.new_value),
                encoded=True,
                note=f"{self.note}: {entry.note}" if entry.note else self.note,
                origin=entry.origin or self.peer.identity,
            )

    def _changed_entry(
        self, last: Entry | None, kind: str, record_id: int, name: str, old: Any, new: Any
    ) -> None:
        """A field change the merge makes, under the analyst (and time) who last changed it on
        the other side (``last``), else this one's."""
        self.writer.entry(
            changed_at=last.changed_at if last else self.now,
            analyst=last.analyst if last else self.analyst,
            kind=kind,
            record_id=record_id,
            action=CHANGED,
            field=name,
            old=old,
            new=new,
            note=self.note,
            origin=(last.origin if last else None) or self.peer.identity,
        )

    def _conflict(
        self,
        kind: str,
        my_id: int,
        name: str,
        *,
        mine: Any,
        theirs: Any,
        entry: Entry | None,
        note: str | None = None,
    ) -> None:
        if (kind, my_id, name) in self.held:
            return
        self.held.add((kind, my_id, name))
        self.replaced += self.writer.conflict(
            run_id=self.run_id,
            kind=kind,
            record_id=my_id,
            field=name,
            mine=mine,
            theirs=theirs,
            theirs_analyst=entry.analyst if entry else None,
            theirs_changed_at=entry.changed_at if entry else None,
            peer_name=self.peer.name,
            note=note,
        )
        self.summary.conflicts += 1

    def _actor_name_taken(self, name: str) -> bool:
        return (
            self.mine.find(
                "SELECT 1 FROM actor WHERE name = ? UNION ALL SELECT 1 FROM actor_alias WHERE alias = ?",
                (name, name),
            )
            is not None
        )

    def _sha_taken(self, sha: str) -> bool:
        return self.mine.find("SELECT 1 FROM source WHERE sha256 = ?", (sha,)) is not None
