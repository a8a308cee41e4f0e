"""What one side changed since the ancestor, per record, read from its journal.

A :class:`Trail` holds, for one record, whether it was created after the mark, its moves in and
out of the trash, and for each field the value it had at the mark (the first entry's old value)
with the entries that changed it — the entries a merge copies into the other side's journal so
that each analyst's changes keep their names and times. Whether a field *is* changed is decided
against the record's current value (:meth:`Trail.changed`): a field changed and changed back, or
a merge and its undo, change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from claimtracker.journal.actions import CHANGED, CREATED, DELETED, PURGED, RESTORED
from claimtracker.journal.changes import Execute
from claimtracker.journal.entries import decode

if TYPE_CHECKING:
    from claimtracker.merging.peer import Peer

#: The kinds a merge reconciles, referenced ones first.
MERGED_KINDS = ("actor", "source", "claim", "link", "opinion")


@dataclass(frozen=True, slots=True)
class Entry:
    """One journal row, as read (values still JSON)."""

    id: int
    changed_at: str
    analyst: str
    kind: str
    record_id: int
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    note: str | None
    origin: str | None


@dataclass
class Trail:
    created: bool = False
    #: The entries that moved it in or out of the trash (deleted, restored).
    trash: list[Entry] = field(default_factory=list)
    #: Field → the entries that changed it, oldest first.
    fields: dict[str, list[Entry]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def value_at_mark(self, name: str) -> Any:
        return decode(self.fields[name][0].old_value)

    def changed(self, name: str, current: Any) -> bool:
        """Whether ``name`` differs now from its value at the mark (every field of a record
        created since counts as changed: there was no value at the mark)."""
        if self.created:
            return True
        if name not in self.fields:
            return False
        return comparable(self.value_at_mark(name)) != comparable(current)

    def trash_changed(self, deleted_now: bool) -> bool:
        if self.created:
            return deleted_now
        if not self.trash:
            return False
        was_deleted = self.trash[0].action != DELETED
        return was_deleted != deleted_now

    def last_entry(self) -> Entry | None:
        """The record's last entry (who last touched it there, and when)."""
        return self.entries[-1] if self.entries else None

    def last_entry_of(self, name: str) -> Entry | None:
        entries = self.fields.get(name)
        return entries[-1] if entries else None


def comparable(value: Any) -> Any:
    """A value in one form whichever road wrote it (a tag list sorted, a time without 'T')."""
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(sorted(str(item).casefold() for item in value))
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in "T ":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return moment.replace(tzinfo=None).isoformat(sep=" ")
    if value == "":
        return None
    return value


def merged_from(peer: Peer, identity: str) -> list[tuple[int, int]]:
    """The journal entries (first, last) the other side's merges from the project ``identity``
    wrote: that project's own work, or work it passed on (a team server passes one analyst's
    changes to the next) — never news to it."""
    if not peer.has_origin:
        return []
    return [
        (int(after) + 1, int(last))
        for after, last in peer.execute(
            "SELECT after_entry, last_entry FROM merge_run"
            " WHERE peer_uuid = ? AND undone_at IS NULL AND last_entry > after_entry",
            (identity,),
        )
    ]


def read_trails(
    execute: Execute,
    after: int,
    *,
    has_origin: bool = True,
    skip_origin: str | None = None,
    skip_ranges: Sequence[tuple[int, int]] = (),
) -> dict[str, dict[int, Trail]]:
    """Each record's trail from the journal entries after ``after``; entries first made in the
    project ``skip_origin`` (this side's own changes, come back through the other), and those
    in ``skip_ranges`` (what merges from this side wrote there), are left out."""
    origin = "origin" if has_origin else "NULL"
    rows = execute(
        "SELECT id, changed_at, analyst, kind, record_id, action, field, old_value, new_value,"
        f" note, {origin} FROM history WHERE id > ? ORDER BY id",
        (after,),
    )

    def kept(row: Sequence[Any]) -> bool:
        if skip_origin is not None and row[10] == skip_origin:
            return False
        return not any(first <= row[0] <= last for first, last in skip_ranges)

    return trails_of(Entry(*row) for row in rows if kept(row))


def trails_of(entries: Iterable[Entry]) -> dict[str, dict[int, Trail]]:
    trails: dict[str, dict[int, Trail]] = {kind: {} for kind in MERGED_KINDS}
    for entry in entries:
        if entry.kind not in trails:
            continue
        trail = trails[entry.kind].setdefault(entry.record_id, Trail())
        trail.entries.append(entry)
        if entry.action == CREATED:
            trail.created = True
        elif entry.action in (DELETED, RESTORED):
            trail.trash.append(entry)
        elif entry.action == CHANGED and entry.field:
            trail.fields.setdefault(entry.field, []).append(entry)
        elif entry.action == PURGED:
            trails[entry.kind].pop(entry.record_id, None)
    return trails
