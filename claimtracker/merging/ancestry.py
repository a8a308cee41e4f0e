"""The common ancestor of a merge: how far each side's journal stood when they last met.

Every change is in the journal (``history``), numbered in the order it was made. What one side
has changed since the two last shared their work is therefore its journal after a mark, and the
state both shared is each record's state at that mark. The marks come from:

- ``merge_peer``: at the end of each merge this side notes, for the other project, how far the
  other side's journal (``their_mark``) and its own (``my_mark``) stood — the common ancestor of
  the next merge with it;
- for a first merge of two copies of one project file (the same project identity), the history
  they share: the longest run of identical journal entries from the first, found by halving
  (a copy starts with its original's whole journal, and entries are never rewritten);
- two projects begun apart share nothing (both marks 0): everything the other side holds is
  new here, and a record both hold (the same UUID) has no known ancestor.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtracker.journal.changes import Execute

_ENTRY = (
    "SELECT id, changed_at, analyst, kind, record_id, action, field, old_value, new_value"
    " FROM history WHERE id <= ? ORDER BY id DESC LIMIT 1"
)


@dataclass(frozen=True)
class Ancestor:
    #: The other side's journal entries after this are its changes since the ancestor.
    their_mark: int
    #: This side's journal entries after this are its changes since the ancestor.
    my_mark: int
    #: Both hold the same project (a record both hold shares its history up to the marks).
    related: bool
    #: The marks ``merge_peer`` held before this merge (None: the first merge with that peer).
    previous: tuple[int, int] | None


def last_entry(execute: Execute) -> int:
    return int(execute("SELECT coalesce(max(id), 0) FROM history", ())[0][0])


def _entry(execute: Execute, entry_id: int) -> tuple[object, ...] | None:
    rows = execute(_ENTRY, (entry_id,))
    return tuple(rows[0]) if rows else None


def shared_journal(mine: Execute, theirs: Execute) -> int:
    """The last journal entry two copies of a project share (0: none)."""
    low, high = 0, min(last_entry(mine), last_entry(theirs))
    while low < high:
        middle = (low + high + 1) // 2
        ours = _entry(mine, middle)
        if ours is not None and ours == _entry(theirs, middle):
            low = middle
        else:
            high = middle - 1
    return low


def find_ancestor(
    mine: Execute, theirs: Execute, *, my_identity: str, their_identity: str
) -> Ancestor:
    rows = mine("SELECT their_mark, my_mark FROM merge_peer WHERE peer_uuid = ?", (their_identity,))
    previous = (int(rows[0][0]), int(rows[0][1])) if rows else None
    related = my_identity == their_identity
    if previous is not None and last_entry(theirs) >= previous[0]:
        return Ancestor(previous[0], previous[1], related=True, previous=previous)
    if related:
        shared = shared_journal(mine, theirs)
        return Ancestor(shared, shared, related=True, previous=previous)
    return Ancestor(0, 0, related=False, previous=previous)
