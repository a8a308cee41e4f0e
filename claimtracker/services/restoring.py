"""Putting back the value a field had before a change recorded in the journal."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from claimtracker import schemas
from claimtracker.errors import ValidationError
from claimtracker.journal.entries import CHANGED, noted
from claimtracker.journal.reading import Change, get_change
from claimtracker.services.actors import update_actor
from claimtracker.services.claims import update_claim
from claimtracker.services.links import update_link
from claimtracker.services.sources import update_source


def restore_value(
    *, session: Session, change_id: int, expected_version: int | None = None
) -> Change:
    """Put back the value a field had before history entry ``change_id``; recorded as a change.

    Returns the entry that was undone. A stale ``expected_version`` of the record is refused
    like any other edit.
    """
    change = get_change(session=session, change_id=change_id)
    if change.action != CHANGED or change.field is None:
        raise ValidationError(
            f"History entry #{change_id} records that the {change.kind} was {change.action}; "
            "only a changed field can be restored (use the trash to bring back deleted records)"
        )
    if not change.restorable:
        raise ValidationError(
            f"The {change.kind}'s {change.field} follows from its other fields and cannot be "
            "restored by itself"
            + (" (restore its quote or source instead)" if change.kind == "claim" else ""),
            field=change.field,
        )
    with noted(session, f"restored the value before change #{change_id}"):
        _apply(session, change, expected_version)
    return change


def _apply(session: Session, change: Change, expected_version: int | None) -> None:
    assert change.field is not None
    set_field_value(
        session=session,
        kind=change.kind,
        record_id=change.record_id,
        field=change.field,
        value=change.old_value,
        expected_version=expected_version,
    )


def set_field_value(
    *,
    session: Session,
    kind: str,
    record_id: int,
    field: str,
    value: Any,
    expected_version: int | None = None,
) -> None:
    """Set one field of a claim, actor, source or link through its service (validated and
    recorded like an edit in the editor)."""
    if kind == "claim":
        update_claim(
            session=session,
            claim_id=record_id,
            changes=schemas.ClaimUpdate.model_validate({field: value}),
            expected_version=expected_version,
        )
    elif kind == "actor":
        update_actor(
            session=session,
            actor_id=record_id,
            changes=schemas.ActorUpdate.model_validate({field: value}),
            expected_version=expected_version,
        )
    elif kind == "source":
        update_source(
            session=session,
            source_id=record_id,
            changes=schemas.SourceUpdate.model_validate({field: value}),
            expected_version=expected_version,
        )
    elif kind != "link":
        raise ValidationError(f"A {kind}'s {field} cannot be set here", field=field)
    elif field == "relation":
        update_link(
            session=session,
            link_id=record_id,
            relation=value,
            expected_version=expected_version,
        )
    else:
        update_link(
            session=session,
            link_id=record_id,
            note=value,
            clear_note=value is None,
            expected_version=expected_version,
        )
