"""How history entries read in the app: field names, values with their labels, what was done.

Pure functions over the core's :class:`~claimtracker.journal.entries.Change` values, so they can
run on a worker and be tested without a window.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimtracker import fields
from claimtracker.journal.actions import undone_or_redone

#: What a history row shows when a field had no value.
NO_VALUE = "—"
#: How much of a long value the table shows (the whole value is in the entry's details).
SHORT_LENGTH = 80

ACTION_LABELS = {
    "created": "Created",
    "deleted": "Moved to the trash",
    "restored": "Restored from the trash",
    "purged": "Deleted for good",
}

#: Fields holding the id of another record, and the kind of that record.
REFERENCES = fields.REFERENCES

KIND_NAMES = {"claim": "claim", "link": "link", "source": "source", "actor": "actor"}


def field_label(kind: str, field: str | None) -> str:
    return fields.label(kind, field)


def what_was_done(kind: str, action: str, field: str | None, note: str | None = None) -> str:
    """ "Status", "Created", "Moved to the trash": the entry in a few words.

    An entry written by an undo or a redo says so first ("Undid: move #4 to the trash ·
    restored from the trash"): the bare action would read as if the analyst had done it."""
    done = field_label(kind, field) if action == "changed" else ACTION_LABELS.get(action, action)
    if note and undone_or_redone(note):
        return f"{note} · {done[:1].lower()}{done[1:]}"
    return done[:1].upper() + done[1:]


def value_text(
    kind: str,
    field: str | None,
    value: Any,
    names: Mapping[tuple[str, int], str] | None = None,
) -> str:
    """A stored value as the analyst reads it: labels for codes, names for referenced records."""
    if value is None or value == "" or value == []:
        return NO_VALUE
    if field is None:
        return str(value)
    if fields.vocabulary(kind, field) is not None:
        return fields.value_label(kind, field, str(value))
    referenced = REFERENCES.get((kind, field))
    if referenced is not None and isinstance(value, int):
        name = (names or {}).get((referenced, value))
        return f"{name} (#{value})" if name else f"{referenced.capitalize()} #{value}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str) and field.endswith(("_on", "_at")) and "T" in value:
        return value[:19].replace("T", " ")  # a timestamp: to the second
    return str(value)


def shortened(text: str, limit: int = SHORT_LENGTH) -> str:
    """One line of at most ``limit`` characters (whitespace folded)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
