"""Helpers shared by the services: lookups, version checks, applying changes."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from claimtracker.errors import ConflictError, NotFoundError, ValidationError
from claimtracker.journal import entries as history
from claimtracker.models import Tracked, utcnow
from claimtracker.store.dbapi import POSTGRESQL

T = TypeVar("T", bound=SQLModel)

#: A field's change as (old value, new value).
Changes = dict[str, tuple[Any, Any]]


def get_record(
    session: Session, model: type[T], record_id: int, *, what: str, lock: bool = False
) -> T:
    """The record ``record_id``; with ``lock``, one this transaction is about to change.

    On a team server a locked record stays locked until the transaction ends (``FOR NO KEY
    UPDATE``): another analyst's edit of it waits, and then reads the version this one saved,
    so a stale edit is refused and the journal's old values are exact
    (``claimtracker.journal.deferred``). On a file the transaction holds the write lock already.
    """
    locked = lock and session.get_bind().dialect.name == POSTGRESQL
    record = session.get(model, record_id, with_for_update={"key_share": True} if locked else None)
    if record is None:
        raise NotFoundError(f"There is no {what} #{record_id}")
    return record


def get_live(
    session: Session, model: type[T], record_id: int, *, what: str, lock: bool = False
) -> T:
    """Like :func:`get_record`, but a record in the trash counts as missing."""
    record = get_record(session, model, record_id, what=what, lock=lock)
    if getattr(record, "deleted_at", None) is not None:
        raise NotFoundError(f"{what.capitalize()} #{record_id} is in the trash")
    return record


def check_version(record: Tracked, expected: int | None, *, what: str) -> None:
    """Refuse a stale edit: the record changed since the caller loaded version ``expected``."""
    if expected is not None and record.version != expected:
        raise ConflictError(
            f"{what.capitalize()} was changed elsewhere since you loaded it "
            f"(your version {expected}, now {record.version}); reload it and apply your edit again",
            current_version=record.version,
        )


def apply_changes(record: SQLModel, values: dict[str, Any]) -> Changes:
    """Set ``values`` on ``record``; return what actually changed."""
    changes: Changes = {}
    for field, new in values.items():
        old = getattr(record, field)
        if old != new:
            setattr(record, field, new)
            changes[field] = (old, new)
    return changes


def touch(record: Tracked) -> None:
    record.updated_at = utcnow()
    record.version += 1


TrackedT = TypeVar("TrackedT", bound=Tracked)


def move_to_trash(
    session: Session, model: type[TrackedT], record_id: int, *, what: str
) -> TrackedT:
    """Put a record in the trash (``deleted_at``), recorded in its history; idempotent."""
    record = get_record(session, model, record_id, what=what, lock=True)
    if record.deleted_at is None:
        record.deleted_at = utcnow()
        touch(record)
        history.record(session, what, record_id, history.DELETED)
    return record


def take_from_trash(
    session: Session, model: type[TrackedT], record_id: int, *, what: str
) -> TrackedT:
    """Bring a record back from the trash, recorded in its history; idempotent."""
    record = get_record(session, model, record_id, what=what, lock=True)
    if record.deleted_at is not None:
        record.deleted_at = None
        touch(record)
        history.record(session, what, record_id, history.RESTORED)
    return record


def checked_uuid(value: str) -> str:
    """``value`` as a canonical lower-case UUID; raises ValidationError if it is not one."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError):
        raise ValidationError(f"{value!r} is not a UUID", field="uuid") from None


def clean_text(value: str | None, *, field: str, required: bool = False) -> str | None:
    """Strip surrounding whitespace; empty becomes None (or an error when ``required``)."""
    if value is None or not value.strip():
        if required:
            raise ValidationError(f"The {field} must not be empty", field=field)
        return None
    return value.strip()
