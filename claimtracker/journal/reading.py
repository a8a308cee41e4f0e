"""Reading the journal for the analyst: a record's history, a claim's with its links', one entry.

The app's history view and the CLI's ``history`` command show these :class:`Change` values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from claimtracker.errors import NotFoundError, ValidationError
from claimtracker.fields import KINDS, RESTORABLE
from claimtracker.journal.entries import CHANGED, decode
from claimtracker.models import HistoryEntry, Link, Opinion
from claimtracker.store.dbapi import DbConnection


@dataclass(frozen=True, slots=True)
class Change:
    """One history entry as the app and the CLI show it (values decoded from JSON)."""

    id: int
    changed_at: datetime
    analyst: str
    kind: str
    record_id: int
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    note: str | None

    @property
    def restorable(self) -> bool:
        return self.action == CHANGED and self.field in RESTORABLE.get(self.kind, ())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"restorable": self.restorable}


def _change(entry: HistoryEntry) -> Change:
    assert entry.id is not None
    return Change(
        id=entry.id,
        changed_at=entry.changed_at,
        analyst=entry.analyst,
        kind=entry.kind,
        record_id=entry.record_id,
        action=entry.action,
        field=entry.field,
        old_value=decode(entry.old_value),
        new_value=decode(entry.new_value),
        note=entry.note,
    )


def history_of(*, session: Session, kind: str, record_id: int) -> list[Change]:
    """Every recorded change of one record, oldest first."""
    if kind not in KINDS:
        raise ValidationError(f"{kind!r} has no history (one of: {', '.join(KINDS)})")
    statement = (
        select(HistoryEntry)
        .where(HistoryEntry.kind == kind, HistoryEntry.record_id == record_id)
        .order_by(col(HistoryEntry.id))
    )
    return [_change(entry) for entry in session.exec(statement)]


def claim_history(*, session: Session, claim_id: int, with_links: bool = True) -> list[Change]:
    """A claim's history, oldest first; with ``with_links``, that of its links and of the
    analysts' opinions of it too (each opinion's entries name the analyst who changed it)."""
    conditions = [and_(col(HistoryEntry.kind) == "claim", col(HistoryEntry.record_id) == claim_id)]
    if with_links:
        link_ids = select(Link.id).where(
            or_(col(Link.claim_a_id) == claim_id, col(Link.claim_b_id) == claim_id)
        )
        opinion_ids = select(Opinion.id).where(col(Opinion.claim_id) == claim_id)
        conditions += [
            and_(col(HistoryEntry.kind) == "link", col(HistoryEntry.record_id).in_(link_ids)),
            and_(col(HistoryEntry.kind) == "opinion", col(HistoryEntry.record_id).in_(opinion_ids)),
        ]
    statement = select(HistoryEntry).where(or_(*conditions)).order_by(col(HistoryEntry.id))
    return [_change(entry) for entry in session.exec(statement)]


def get_change(*, session: Session, change_id: int) -> Change:
    entry = session.get(HistoryEntry, change_id)
    if entry is None:
        raise NotFoundError(f"There is no history entry #{change_id}")
    return _change(entry)


def last_change_id(connection: DbConnection) -> int:
    """The newest history entry's id (0 for none): it grows with every recorded change."""
    return int(connection.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0])
