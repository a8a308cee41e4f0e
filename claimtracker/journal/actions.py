"""What a journal entry records was done to a record (light: no ORM, for the app's first paint),
and the note an undone or redone step leaves on its entries."""

from __future__ import annotations

CREATED, CHANGED, DELETED, RESTORED, PURGED = "created", "changed", "deleted", "restored", "purged"

#: How the note of an undone or redone step begins ("Undid: move #4 to the trash").
UNDID, REDID = "Undid", "Redid"


def step_note(verb: str, step: str) -> str:
    """The note of the entries written when the step named ``step`` is undone or redone."""
    step = " ".join(step.split())
    return f"{verb}: {step[:1].lower()}{step[1:]}"


def undone_or_redone(note: str | None) -> bool:
    """True when the entry was written by undoing or redoing a step (its note says which)."""
    return bool(note) and str(note).startswith((f"{UNDID}: ", f"{REDID}: "))
