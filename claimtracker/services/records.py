"""Any record by its kind and id: the record, its version, a field's current value.

For callers that work across kinds (the history, restoring a value, undo commands that must
know the version their change left) without naming the ORM classes themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, SQLModel

from claimtracker.errors import ValidationError
from claimtracker.fields import REFERENCES
from claimtracker.journal.actions import CHANGED
from claimtracker.journal.reading import Change, claim_history, history_of
from claimtracker.models import Actor, Claim, Link, Opinion, Source
from claimtracker.services.claims import claim_tags

MODELS: dict[str, type[SQLModel]] = {
    "claim": Claim,
    "link": Link,
    "source": Source,
    "actor": Actor,
    "opinion": Opinion,
}


def record_of(*, session: Session, kind: str, record_id: int) -> Any:
    """The record, or None if it was deleted for good."""
    if kind not in MODELS:
        raise ValidationError(f"{kind!r} is not a kind of record ({', '.join(MODELS)})")
    return session.get(MODELS[kind], record_id)


def record_version(*, session: Session, kind: str, record_id: int) -> int | None:
    record = record_of(session=session, kind=kind, record_id=record_id)
    return int(record.version) if record is not None else None


def versions_of(*, session: Session, kind: str, record_ids: Iterable[int]) -> dict[int, int]:
    """The current version of each record that still exists."""
    versions: dict[int, int] = {}
    for record_id in record_ids:
        version = record_version(session=session, kind=kind, record_id=record_id)
        if version is not None:
            versions[record_id] = version
    return versions


def field_value(*, session: Session, kind: str, record_id: int, field: str | None) -> Any:
    """A field's value as saved now (a claim's tags as their names)."""
    if kind == "claim" and field == "tags":
        return claim_tags(session=session, claim_id=record_id)
    record = record_of(session=session, kind=kind, record_id=record_id)
    return getattr(record, field or "", None) if record is not None else None


@dataclass(frozen=True)
class RecordFacts:
    """What a history shows of a record: its words, version and whether it is in the trash.

    ``text`` is a claim's text, a source's title (or address), an actor's name, the analyst of
    an opinion; a link's ``ends`` are its claims (A, B) and ``relation`` how B relates to A.
    """

    kind: str
    id: int
    version: int
    deleted: bool
    text: str = ""
    ends: tuple[int, int] | None = None
    relation: str | None = None


@dataclass(frozen=True)
class RecordHistory:
    """One record's history (oldest first; a claim's with its links') and the records it names."""

    changes: list[Change]
    #: The record itself; None once it was deleted for good.
    record: RecordFacts | None
    #: The links and the analysts' opinions named in a claim's history, by id (absent if
    #: deleted for good).
    links: dict[int, RecordFacts]
    opinions: dict[int, RecordFacts]
    #: Records that values refer to (a speaker, a source, an outlet), by (kind, id).
    named: dict[tuple[str, int], RecordFacts]


def facts_of(*, session: Session, kind: str, record_id: int) -> RecordFacts | None:
    record = record_of(session=session, kind=kind, record_id=record_id)
    if record is None:
        return None
    text = {
        "claim": lambda: record.text,
        "source": lambda: record.title or record.url or "",
        "actor": lambda: record.name,
        "opinion": lambda: record.analyst,
        "link": lambda: "",
    }[kind]()
    link = kind == "link"
    return RecordFacts(
        kind=kind,
        id=record_id,
        version=int(record.version),
        deleted=record.deleted_at is not None,
        text=str(text or ""),
        ends=(record.claim_a_id, record.claim_b_id) if link else None,
        relation=record.relation if link else None,
    )


def record_history(*, session: Session, kind: str, record_id: int) -> RecordHistory:
    """The history of one claim (with its links), source or actor, with what it names."""
    if kind == "claim":
        changes = claim_history(session=session, claim_id=record_id)
    else:
        changes = history_of(session=session, kind=kind, record_id=record_id)
    around: dict[str, dict[int, RecordFacts]] = {"link": {}, "opinion": {}}
    for change in changes:
        found_of_kind = around.get(change.kind)
        if found_of_kind is not None and change.record_id not in found_of_kind:
            found = facts_of(session=session, kind=change.kind, record_id=change.record_id)
            if found is not None:
                found_of_kind[change.record_id] = found
    named: dict[tuple[str, int], RecordFacts] = {}
    for change in changes:
        referenced = REFERENCES.get((change.kind, change.field or ""))
        if referenced is None:
            continue
        for value in (change.old_value, change.new_value):
            if isinstance(value, int) and (referenced, value) not in named:
                found = facts_of(session=session, kind=referenced, record_id=value)
                if found is not None:
                    named[(referenced, value)] = found
    return RecordHistory(
        changes=changes,
        record=facts_of(session=session, kind=kind, record_id=record_id),
        links=around["link"],
        opinions=around["opinion"],
        named=named,
    )


def newest_field_change(
    *, session: Session, kind: str, record_id: int, field: str | None
) -> int | None:
    """The id of the newest journal entry that changed ``field`` of the record."""
    for change in reversed(history_of(session=session, kind=kind, record_id=record_id)):
        if change.action == CHANGED and change.field == field:
            return change.id
    return None
