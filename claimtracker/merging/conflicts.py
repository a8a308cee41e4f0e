"""Conflicts a merge holds, listed and settled field by field: keep mine, take theirs, edit.

Until a conflict is settled this side's value stands and the record is marked (a claim shows
it in the claims table and the side-by-side view). Settling writes through the services, so it
is validated and journaled like any edit, and says what it changed (a change set).

Two conflicts are not about a field's value: ``deleted`` (a deletion met an edit: taking theirs
moves the record into or out of the trash as the other side has it) and ``alias`` (an actor the
other side added may be one of this side's: taking theirs makes its name an alias of this
side's actor and moves its claims and sources there; keeping mine keeps two actors).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from claimtracker import fields, services
from claimtracker.errors import NotFoundError, ValidationError
from claimtracker.journal import entries as history
from claimtracker.journal.analyst import analyst_name
from claimtracker.journal.changes import ChangeSet
from claimtracker.journal.deferred import session_changes, session_mark
from claimtracker.merging.kinds import ALIAS, TRASH
from claimtracker.models import Actor, Claim, Link, MergeConflict, Opinion, Source, utcnow
from claimtracker.services.common import apply_changes, get_record, touch
from claimtracker.services.records import field_value
from claimtracker.services.restoring import set_field_value

#: How a conflict is settled.
KEEP_MINE, TAKE_THEIRS, EDIT = "mine", "theirs", "edit"
HOWS = (KEEP_MINE, TAKE_THEIRS, EDIT)


@dataclass(frozen=True, slots=True)
class Conflict:
    id: int
    kind: str
    record_id: int
    field: str
    label: str
    mine: Any
    theirs: Any
    theirs_analyst: str | None
    theirs_changed_at: datetime | None
    peer_name: str
    note: str | None
    created_at: datetime

    @property
    def editable(self) -> bool:
        """Whether a value of one's own can settle it (not a deletion, not an alias)."""
        return self.field not in (TRASH, ALIAS)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        """One line: "#3 claim #12 Status: mine 'verified', theirs 'false' (ana, file.db)"."""
        who = ", ".join(part for part in (self.theirs_analyst, self.peer_name) if part)
        return (
            f"#{self.id} {self.kind} #{self.record_id} {self.label}: "
            f"mine {shown(self, self.mine)}, theirs {shown(self, self.theirs)} ({who})"
        )


def field_label(kind: str, field: str) -> str:
    if field == TRASH:
        return "In the trash"
    if field == ALIAS:
        return "Same actor as"
    return fields.label(kind, field)


def shown(conflict: Conflict, value: Any, width: int = 60) -> str:
    """A value as the analyst reads it."""
    if conflict.field == TRASH:
        return "in the trash" if value else "kept"
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, str) and fields.vocabulary(conflict.kind, conflict.field):
        value = fields.value_label(conflict.kind, conflict.field, value)
    text = " ".join(str(value).split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def value_text(session: Session, conflict: Conflict, value: Any) -> str:
    """A value in words: a code by its label, a referenced record by its name, a deletion as
    "In the trash" or "Kept"."""
    if conflict.field == TRASH:
        return "In the trash" if value else "Kept (not deleted)"
    if value is None or value == "":
        return "(empty)"
    target = fields.REFERENCES.get((conflict.kind, conflict.field))
    if conflict.field == ALIAS:
        target = "actor" if isinstance(value, int) else None
    if target is not None and isinstance(value, int):
        record = session.get(_MODELS.get(target, Link), value)
        name = getattr(record, "name", None) or getattr(record, "title", None)
        return f"{name} (#{value})" if name else f"#{value}"
    if isinstance(value, str) and fields.vocabulary(conflict.kind, conflict.field):
        return fields.value_label(conflict.kind, conflict.field, value)
    return str(value)


def _conflict(row: MergeConflict) -> Conflict:
    assert row.id is not None
    return Conflict(
        id=row.id,
        kind=row.kind,
        record_id=row.record_id,
        field=row.field,
        label=field_label(row.kind, row.field),
        mine=history.decode(row.mine_value),
        theirs=history.decode(row.theirs_value),
        theirs_analyst=row.theirs_analyst,
        theirs_changed_at=row.theirs_changed_at,
        peer_name=row.peer_name,
        note=row.note,
        created_at=row.created_at,
    )


def open_conflicts(
    *, session: Session, kind: str | None = None, record_id: int | None = None
) -> list[Conflict]:
    """The conflicts not settled yet, oldest first (of one record, with ``kind`` and id)."""
    statement = select(MergeConflict).where(col(MergeConflict.settled_at).is_(None))
    if kind is not None:
        statement = statement.where(MergeConflict.kind == kind)
    if record_id is not None:
        statement = statement.where(MergeConflict.record_id == record_id)
    return [_conflict(row) for row in session.exec(statement.order_by(col(MergeConflict.id)))]


def current_value(*, session: Session, conflict: Conflict) -> Any:
    """This side's value now (it stands until the conflict is settled)."""
    if conflict.field == TRASH:
        record = session.get(_MODELS.get(conflict.kind, Link), conflict.record_id)
        return getattr(record, "deleted_at", None) if record is not None else None
    if conflict.field == ALIAS:
        return conflict.mine  # this side's actor (its id)
    return field_value(
        session=session, kind=conflict.kind, record_id=conflict.record_id, field=conflict.field
    )


_MODELS: dict[str, type[Any]] = {
    "claim": Claim,
    "actor": Actor,
    "source": Source,
    "opinion": Opinion,
}


@dataclass(frozen=True)
class ConflictedRecord:
    """A record with conflicts to settle, as the side-by-side view shows it."""

    kind: str
    record_id: int
    label: str
    conflicts: tuple[Conflict, ...]
    #: Field → this side's value now (it stands until the conflict is settled).
    current: dict[str, Any]
    #: Field → (this side's value, the other side's) as the analyst reads them.
    texts: dict[str, tuple[str, str]]


def _record_label(session: Session, kind: str, record_id: int) -> str:
    record = session.get(_MODELS.get(kind, Link), record_id)
    if record is None:
        return f"{kind.capitalize()} #{record_id} (deleted for good)"
    text = {
        "claim": lambda: record.text,
        "actor": lambda: record.name,
        "source": lambda: record.title or "(untitled source)",
        "link": lambda: f"#{record.claim_b_id} {record.relation} #{record.claim_a_id}",
        "opinion": lambda: f"{record.analyst}'s opinion of claim #{record.claim_id}",
    }[kind]()
    return f"{kind.capitalize()} #{record_id}: {' '.join(str(text).split())}"


def conflicted_records(*, session: Session) -> list[ConflictedRecord]:
    """Every record with conflicts not settled yet, claims first, oldest conflict first."""
    grouped: dict[tuple[str, int], list[Conflict]] = {}
    for conflict in open_conflicts(session=session):
        grouped.setdefault((conflict.kind, conflict.record_id), []).append(conflict)
    order = {"claim": 0, "link": 1, "source": 2, "actor": 3, "opinion": 4}
    records = []
    for (kind, record_id), conflicts in sorted(
        grouped.items(), key=lambda item: (order.get(item[0][0], 9), item[1][0].id)
    ):
        current = {c.field: current_value(session=session, conflict=c) for c in conflicts}
        texts = {
            c.field: (
                value_text(session, c, current[c.field]),
                value_text(session, c, c.theirs),
            )
            for c in conflicts
        }
        label = _record_label(session, kind, record_id)
        records.append(ConflictedRecord(kind, record_id, label, tuple(conflicts), current, texts))
    return records


def reopen_conflict(*, session: Session, conflict_id: int, value_before: Any) -> ChangeSet:
    """Take back the settling of a conflict (an undo): the field gets ``value_before`` again
    and the conflict is open again."""
    row = session.get(MergeConflict, conflict_id)
    if row is None or row.settled_at is None:
        raise NotFoundError(f"Conflict #{conflict_id} is not settled")
    conflict = _conflict(row)
    mark = session_mark(session)
    with history.noted(session, f"conflict #{conflict_id} opened again"):
        if row.settled_how in (TAKE_THEIRS, EDIT):
            if conflict.field == ALIAS:
                raise ValidationError("Making an actor an alias cannot be taken back here")
            _take(session, conflict, value_before)
    row.settled_at = row.settled_how = row.settled_by = None
    session.add(row)
    session.flush()
    return _with_record(session_changes(session, mark), conflict)


def resolve_conflict(
    *, session: Session, conflict_id: int, how: str, value: Any = None
) -> ChangeSet:
    """Settle conflict ``conflict_id``: keep this side's value, take the other's, or set
    ``value``. Returns what changed (the record, marked as settled)."""
    row = session.get(MergeConflict, conflict_id)
    if row is None:
        raise NotFoundError(f"There is no conflict #{conflict_id}")
    if row.settled_at is not None:
        raise ValidationError(f"Conflict #{conflict_id} was settled already ({row.settled_how})")
    if how not in HOWS:
        raise ValidationError(f"Settle a conflict with one of: {', '.join(HOWS)}")
    conflict = _conflict(row)
    mark = session_mark(session)
    with history.noted(session, f"conflict #{conflict_id} settled: {how}"):
        if how == TAKE_THEIRS:
            _take(session, conflict, conflict.theirs)
        elif how == EDIT:
            if not conflict.editable:
                raise ValidationError(
                    f"Conflict #{conflict_id} ({conflict.label}) is settled by keeping yours or "
                    "taking theirs, not by a value"
                )
            _take(session, conflict, value)
    row.settled_at = utcnow()
    row.settled_how = how
    row.settled_by = history.session_analyst(session) or analyst_name()
    session.add(row)
    session.flush()
    return _with_record(session_changes(session, mark), conflict)


def _with_record(changes: ChangeSet, conflict: Conflict) -> ChangeSet:
    """``changes``, naming the conflict's record as updated (its mark changed even when its
    value did not)."""
    updated = dict(changes.updated)
    record_fields = dict(updated.get(conflict.kind, {}))
    record_fields[conflict.record_id] = record_fields.get(
        conflict.record_id, frozenset()
    ) | frozenset({conflict.field})
    updated[conflict.kind] = record_fields
    return ChangeSet(
        created=changes.created,
        updated=updated,
        deleted=changes.deleted,
        link_claims=changes.link_claims,
        opinion_claims=changes.opinion_claims,
        after_entry=changes.after_entry,
        last_entry=changes.last_entry,
        entries=changes.entries,
        complete=changes.complete,
    )


def _take(session: Session, conflict: Conflict, value: Any) -> None:
    if conflict.field == TRASH:
        _set_trash(session, conflict, value is not None)
    elif conflict.field == ALIAS:
        _make_alias(session, conflict)
    elif conflict.kind == "source" and conflict.field == "text":
        if not value:
            raise ValidationError(
                f"Conflict #{conflict.id}: the other side's text is already another source here"
            )
        from claimtracker.services.revisions import replace_source_text

        replace_source_text(session=session, source_id=conflict.record_id, text=str(value))
    elif conflict.kind == "opinion":
        opinion = get_record(session, Opinion, conflict.record_id, what="opinion")
        changed = apply_changes(opinion, {conflict.field: value})
        if changed:
            touch(opinion)
            session.flush()
            history.record(session, "opinion", conflict.record_id, history.CHANGED, changed)
    else:
        set_field_value(
            session=session,
            kind=conflict.kind,
            record_id=conflict.record_id,
            field=conflict.field,
            value=value,
        )


def _set_trash(session: Session, conflict: Conflict, deleted: bool) -> None:
    from claimtracker.services.common import move_to_trash, take_from_trash

    model = _MODELS.get(conflict.kind, Link)
    move = move_to_trash if deleted else take_from_trash
    move(session, model, conflict.record_id, what=conflict.kind)


def _make_alias(session: Session, conflict: Conflict) -> None:
    """The other side's actor is this side's under another name: one actor, with an alias."""
    theirs = get_record(session, Actor, conflict.record_id, what="actor")
    mine = get_record(session, Actor, int(conflict.mine), what="actor")
    assert mine.id is not None and theirs.id is not None
    claims = session.exec(select(Claim).where(Claim.speaker_id == theirs.id)).all()
    for claim in claims:
        assert claim.id is not None
        claim.speaker_id = mine.id
        touch(claim)
        history.record(
            session, "claim", claim.id, history.CHANGED, {"speaker_id": (theirs.id, mine.id)}
        )
    for source in session.exec(select(Source).where(Source.outlet_id == theirs.id)).all():
        assert source.id is not None
        source.outlet_id = mine.id
        touch(source)
        history.record(
            session, "source", source.id, history.CHANGED, {"outlet_id": (theirs.id, mine.id)}
        )
    name = theirs.name
    # The name moves to the alias: the other side's actor keeps its history, in the trash.
    apply_changes(theirs, {"name": f"{name} (alias of #{mine.id}, {theirs.uuid[:8]})"})
    touch(theirs)
    session.flush()
    history.record(session, "actor", theirs.id, history.CHANGED, {"name": (name, theirs.name)})
    services.delete_actor(session=session, actor_id=theirs.id)
    services.add_alias(session=session, actor_id=mine.id, alias=name)
