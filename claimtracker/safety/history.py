"""The history of every claim, link, source and actor: who changed what, when, from what to what.

The services call :func:`record` in the transaction of the change they make, so a change and its
history are saved together or not at all; the CSV importer writes the same rows in bulk
(:func:`record_rows`). :func:`claim_history` lists what the app shows for a claim, and
:func:`restore_value` puts an earlier value back through the services, which record that too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from claimtracker import bulk
from claimtracker.errors import NotFoundError, ValidationError
from claimtracker.models import HistoryEntry, Link, Opinion, utcnow
from claimtracker.query.chunks import MARKS, select_in
from claimtracker.safety.preferences import analyst_name

KINDS = ("claim", "link", "source", "actor")
CREATED, CHANGED, DELETED, RESTORED, PURGED = "created", "changed", "deleted", "restored", "purged"

#: session.info keys: who is working (looked up once per session), and why (e.g. an import).
ANALYST_KEY = "claimtracker.analyst"
NOTE_KEY = "claimtracker.history_note"

#: Fields whose earlier value can be put back, per kind; the others follow from these (a
#: claim's anchor follows its quote and source) or change only through their own action.
RESTORABLE = {
    "claim": frozenset(
        {
            "text",
            "quote",
            "source_id",
            "speaker_id",
            "attribution",
            "descriptor",
            "source_count",
            "status",
            "credibility",
            "likelihood",
            "confidence",
            "said_on",
            "reported_on",
            "event_on",
            "notes",
            "tlp",
            "tags",
        }
    ),
    "actor": frozenset({"name", "kind", "affiliation", "country", "reliability", "notes"}),
    "source": frozenset(
        {
            "title",
            "outlet_id",
            "byline",
            "url",
            "published_on",
            "retrieved_at",
            "language",
            "tlp",
        }
    ),
    "link": frozenset({"relation", "note"}),
}


def encode(value: Any) -> str:
    """A field's value as stored in the history (JSON; dates as ISO 8601)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _json_default(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def session_analyst(session: Session) -> str:
    analyst = session.info.get(ANALYST_KEY)
    if not analyst:
        analyst = session.info[ANALYST_KEY] = analyst_name()
    return str(analyst)


@contextmanager
def noted(session: Session, note: str) -> Iterator[None]:
    """Attach ``note`` (why: "restored from change #12") to what is recorded in the block."""
    before = session.info.get(NOTE_KEY)
    session.info[NOTE_KEY] = note
    try:
        yield
    finally:
        if before is None:
            session.info.pop(NOTE_KEY, None)
        else:
            session.info[NOTE_KEY] = before


def record(
    session: Session,
    kind: str,
    record_id: int | None,
    action: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    """Record an action on a record; for ``changed``, one entry per changed field."""
    if record_id is None:
        raise ValueError(f"Record a {kind}'s history only once it has an id (flush first)")
    analyst = session_analyst(session)
    note = session.info.get(NOTE_KEY)
    now = utcnow()

    def entry(field: str | None = None, old: str | None = None, new: str | None = None) -> None:
        session.add(
            HistoryEntry(
                changed_at=now,
                analyst=analyst,
                kind=kind,
                record_id=record_id,
                action=action,
                field=field,
                old_value=old,
                new_value=new,
                note=note,
            )
        )

    if action != CHANGED:
        entry()
        return
    for field, (old, new) in (changes or {}).items():
        entry(field, encode(old), encode(new))


#: Columns of ``history`` written by :func:`record_rows`, in order.
ROW_COLUMNS = (
    "changed_at",
    "analyst",
    "kind",
    "record_id",
    "action",
    "field",
    "old_value",
    "new_value",
    "note",
)


def record_rows(connection: sqlite3.Connection, rows: Iterable[Sequence[object]]) -> None:
    """Bulk path: history rows laid out as :data:`ROW_COLUMNS` (values already encoded)."""
    marks = ", ".join("?" for _ in ROW_COLUMNS)
    connection.executemany(f"INSERT INTO history ({', '.join(ROW_COLUMNS)}) VALUES ({marks})", rows)


def record_created_after(
    connection: sqlite3.Connection,
    kind: str,
    last_id_before: int,
    *,
    changed_at: str,
    analyst: str,
    note: str | None,
) -> None:
    """Bulk path: a ``created`` entry for every ``kind`` record with an id above the given one."""
    if kind not in KINDS:
        raise ValueError(kind)
    connection.execute(
        f"INSERT INTO history (changed_at, analyst, kind, record_id, action, note)"
        f" SELECT ?, ?, '{kind}', id, '{CREATED}', ? FROM {kind} WHERE id > ?",
        (changed_at, analyst, note, last_id_before),
    )


class BulkJournal:
    """The history of a bulk operation on a plain sqlite3 connection (the CSV import).

    Records created during the operation are found by id at the end (ids only grow), so creating
    costs one statement per kind however many rows arrive; changed fields are collected and
    written together. Call :meth:`finish` inside the operation's transaction.
    """

    def __init__(
        self, connection: sqlite3.Connection, *, note: str | None, analyst: str | None = None
    ) -> None:
        self.connection = connection
        self.note = note
        self.analyst = analyst or analyst_name()
        self.changed_at = bulk.timestamp()
        self.last_ids = {
            kind: int(connection.execute(f"SELECT coalesce(max(id), 0) FROM {kind}").fetchone()[0])
            for kind in KINDS
        }
        self.rows: list[tuple[object, ...]] = []

    def changed(self, kind: str, record_id: int, changes: dict[str, tuple[Any, Any]]) -> None:
        for field, (old, new) in changes.items():
            self.rows.append(
                (
                    self.changed_at,
                    self.analyst,
                    kind,
                    record_id,
                    CHANGED,
                    field,
                    encode(old),
                    encode(new),
                    self.note,
                )
            )

    def finish(self) -> None:
        for kind in KINDS:
            record_created_after(
                self.connection,
                kind,
                self.last_ids[kind],
                changed_at=self.changed_at,
                analyst=self.analyst,
                note=self.note,
            )
        record_rows(self.connection, self.rows)
        self.rows = []


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


def last_change_id(connection: sqlite3.Connection) -> int:
    """The newest history entry's id (0 for none): it grows with every recorded change."""
    return int(connection.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0])


@dataclass(frozen=True)
class RecentChanges:
    """What the history says changed after a known entry (for a window to refresh what it shows).

    Per kind: ``changed`` holds the records whose fields changed; ``added`` those created or
    restored and ``removed`` those moved to the trash or deleted for good, as their last such
    entry says. ``link_claims`` are the claims at either end of the links named anywhere here.
    ``complete`` is False when there were more entries than asked for: the caller then reloads
    everything (after a bulk import, say).
    """

    last_id: int
    entries: int
    complete: bool
    changed: dict[str, frozenset[int]]
    added: dict[str, frozenset[int]]
    removed: dict[str, frozenset[int]]
    link_claims: frozenset[int]

    def ids(self, kind: str) -> frozenset[int]:
        """Every record of ``kind`` named by the entries."""
        empty: frozenset[int] = frozenset()
        return (
            self.changed.get(kind, empty)
            | self.added.get(kind, empty)
            | self.removed.get(kind, empty)
        )


def changes_since(
    connection: sqlite3.Connection, after_id: int, *, limit: int = 1000
) -> RecentChanges:
    """The records changed by history entries newer than ``after_id`` (plain sqlite3, no ORM)."""
    rows = connection.execute(
        "SELECT id, kind, record_id, action FROM history WHERE id > ? ORDER BY id LIMIT ?",
        (after_id, limit + 1),
    ).fetchall()
    complete = len(rows) <= limit
    rows = rows[:limit]
    changed: dict[str, set[int]] = {}
    presence: dict[tuple[str, int], bool] = {}  # the last created/restored (True) or removal
    for _id, kind, record_id, action in rows:
        if action == CHANGED:
            changed.setdefault(kind, set()).add(record_id)
        else:
            presence[(kind, record_id)] = action in (CREATED, RESTORED)
    added: dict[str, set[int]] = {}
    removed: dict[str, set[int]] = {}
    for (kind, record_id), present in presence.items():
        (added if present else removed).setdefault(kind, set()).add(record_id)
    link_ids = sorted(
        changed.get("link", set()) | added.get("link", set()) | removed.get("link", set())
    )
    link_claims: set[int] = set()
    for ends in select_in(
        connection, f"SELECT claim_a_id, claim_b_id FROM link WHERE id IN ({MARKS})", link_ids
    ):
        link_claims.update(ends)

    def frozen(groups: dict[str, set[int]]) -> dict[str, frozenset[int]]:
        return {kind: frozenset(ids) for kind, ids in groups.items()}

    return RecentChanges(
        last_id=int(rows[-1][0]) if rows else after_id,
        entries=len(rows),
        complete=complete,
        changed=frozen(changed),
        added=frozen(added),
        removed=frozen(removed),
        link_claims=frozenset(link_claims),
    )


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
    from claimtracker import schemas, services

    field, value = change.field, change.old_value
    assert field is not None
    if change.kind == "claim":
        services.update_claim(
            session=session,
            claim_id=change.record_id,
            changes=schemas.ClaimUpdate.model_validate({field: value}),
            expected_version=expected_version,
        )
    elif change.kind == "actor":
        services.update_actor(
            session=session,
            actor_id=change.record_id,
            changes=schemas.ActorUpdate.model_validate({field: value}),
            expected_version=expected_version,
        )
    elif change.kind == "source":
        services.update_source(
            session=session,
            source_id=change.record_id,
            changes=schemas.SourceUpdate.model_validate({field: value}),
            expected_version=expected_version,
        )
    elif field == "relation":
        services.update_link(
            session=session,
            link_id=change.record_id,
            relation=value,
            expected_version=expected_version,
        )
    else:
        services.update_link(
            session=session,
            link_id=change.record_id,
            note=value,
            clear_note=value is None,
            expected_version=expected_version,
        )
