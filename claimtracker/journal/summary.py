"""Who changed what, in one line, from the journal: "Anna changed the status of #12".

The app shows it in the status bar when changes made elsewhere (another analyst on a team
server, another program on a file) arrive. Plain DB-API, like the rest of the journal's readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from claimtracker.fields import phrase
from claimtracker.journal.actions import CHANGED, CREATED, DELETED, PURGED, RESTORED
from claimtracker.journal.changes import Execute

#: More entries than this are summed up without reading each ("Anna changed 600 records").
MOST_READ = 200

_DONE = {
    CREATED: "added",
    DELETED: "moved to the trash",
    RESTORED: "restored",
    PURGED: "deleted for good",
}


@dataclass(frozen=True)
class _Entry:
    analyst: str
    kind: str
    record_id: int
    action: str
    field: str | None


def who_changed_what(
    execute: Execute,
    after_entry: int,
    last_entry: int,
    *,
    skip: Callable[[int], bool] | None = None,
) -> str | None:
    """One line saying who changed what in the entries ``after_entry < id <= last_entry``
    (leaving out those ``skip`` names); None when nothing is left."""
    rows = execute(
        "SELECT id, analyst, kind, record_id, action, field FROM history "
        "WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
        (after_entry, last_entry, MOST_READ + 1),
    )
    entries = [_Entry(*row[1:]) for row in rows if skip is None or not skip(int(row[0]))]
    if not entries:
        return None
    if len(rows) > MOST_READ:
        analysts = _names(sorted({e.analyst for e in entries}))
        return f"{analysts} made many changes ({last_entry - after_entry:,} or more)"
    return summarise(entries)


def summarise(entries: Sequence[_Entry]) -> str:
    analysts = _names(list(dict.fromkeys(e.analyst for e in entries)))
    records = list(dict.fromkeys((e.kind, e.record_id) for e in entries))
    if len(records) == 1:
        kind, record_id = records[0]
        return f"{analysts} {_one_record(kind, record_id, entries)}"
    kinds = {kind for kind, _ in records}
    noun = f"{next(iter(kinds))}s" if len(kinds) == 1 else "records"
    actions = {e.action for e in entries}
    verb = _DONE.get(next(iter(actions)), "changed") if len(actions) == 1 else "changed"
    return f"{analysts} {verb} {len(records)} {noun}"


def _one_record(kind: str, record_id: int, entries: Sequence[_Entry]) -> str:
    name = f"#{record_id}" if kind == "claim" else f"{kind} #{record_id}"
    last = entries[-1].action
    if last != CHANGED:
        return f"{_DONE.get(last, 'changed')} {'claim ' if kind == 'claim' else ''}{name}"
    fields = list(dict.fromkeys(e.field for e in entries if e.field))
    if not fields:
        return f"changed {name}"
    said = [f"the {phrase(kind, f)}" for f in fields[:3]]
    if len(fields) > 3:
        said = [*said[:2], f"{len(fields) - 2} more fields"]
    return f"changed {_names(said)} of {name}"


def _names(items: Sequence[Any]) -> str:
    items = [str(item) for item in items]
    if len(items) <= 2:
        return " and ".join(items)
    if len(items) == 3:
        return f"{items[0]}, {items[1]} and {items[2]}"
    return f"{items[0]}, {items[1]} and {len(items) - 2} others"
