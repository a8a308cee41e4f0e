"""Actors: who asserts or publishes something. Matched by name or alias, case-insensitively."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from claimtracker.errors import ValidationError
from claimtracker.journal import entries as history
from claimtracker.models import Actor, ActorAlias
from claimtracker.schemas import ActorCreate, ActorUpdate
from claimtracker.services.common import (
    Changes,
    apply_changes,
    check_version,
    checked_uuid,
    clean_text,
    get_record,
    move_to_trash,
    take_from_trash,
    touch,
)
from claimtracker.vocabulary import ACTOR_KINDS, RELIABILITY


def _validated(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if "name" in out:
        out["name"] = clean_text(out["name"], field="actor name", required=True)
    if out.get("kind") is not None:
        out["kind"] = ACTOR_KINDS.parse(str(out["kind"]), field="kind")
    if out.get("reliability") is not None:
        out["reliability"] = RELIABILITY.parse(str(out["reliability"]).upper(), field="reliability")
    for field in ("affiliation", "country", "notes"):
        if field in out:
            out[field] = clean_text(out[field], field=field)
    return out


def find_actor(*, session: Session, name: str) -> Actor | None:
    """The actor called ``name`` or known by it as an alias (trash included), if any."""
    name = name.strip()
    if not name:
        return None
    alias_owner = select(ActorAlias.actor_id).where(ActorAlias.alias == name)
    statement = select(Actor).where(or_(col(Actor.name) == name, col(Actor.id).in_(alias_owner)))
    return session.exec(statement.order_by(col(Actor.name) != name)).first()


def _check_name_free(session: Session, name: str, *, except_id: int | None = None) -> None:
    other = find_actor(session=session, name=name)
    if other is not None and other.id != except_id:
        raise ValidationError(
            f"The name {name!r} is already used by actor #{other.id} ({other.name})",
            field="name",
        )


def create_actor(*, session: Session, actor_in: ActorCreate) -> Actor:
    values = _validated(actor_in.model_dump(exclude={"aliases", "uuid"}))
    name = str(values["name"])
    _check_name_free(session, name)
    actor = Actor(**values)
    if actor_in.uuid:
        actor.uuid = checked_uuid(actor_in.uuid)
    session.add(actor)
    session.flush()
    for alias in actor_in.aliases:
        _add_alias(session, actor.id, alias)  # type: ignore[arg-type]
    history.record(session, "actor", actor.id, history.CREATED)
    return actor


def resolve_actor(*, session: Session, name: str, kind: str | None = None) -> Actor:
    """The actor called ``name`` (or with that alias), created with ``kind`` if there is none."""
    found = find_actor(session=session, name=name)
    if found is not None:
        if found.deleted_at is not None:
            found.deleted_at = None
            touch(found)
            history.record(session, "actor", found.id, history.RESTORED)
        return found
    return create_actor(session=session, actor_in=ActorCreate(name=name, kind=kind or "unknown"))


def update_actor(
    *,
    session: Session,
    actor_id: int,
    changes: ActorUpdate,
    expected_version: int | None = None,
) -> tuple[Actor, Changes]:
    actor = get_record(session, Actor, actor_id, what="actor", lock=True)
    check_version(actor, expected_version, what=f"actor #{actor_id}")
    values = _validated(changes.model_dump(exclude_unset=True))
    if "name" in values:
        _check_name_free(session, str(values["name"]), except_id=actor_id)
    applied = apply_changes(actor, values)
    if applied:
        touch(actor)
        history.record(session, "actor", actor_id, history.CHANGED, applied)
    return actor, applied


def add_alias(*, session: Session, actor_id: int, alias: str) -> None:
    """Let ``actor_id`` also be found as ``alias`` (nothing happens if it already is)."""
    get_record(session, Actor, actor_id, what="actor")
    before = aliases_of(session=session, actor_id=actor_id)
    if _add_alias(session, actor_id, alias):
        after = aliases_of(session=session, actor_id=actor_id)
        history.record(session, "actor", actor_id, history.CHANGED, {"aliases": (before, after)})


def _add_alias(session: Session, actor_id: int, alias: str) -> bool:
    """Add the alias unless the actor already has it; True if it was added."""
    text = clean_text(alias, field="alias", required=True)
    assert text is not None
    other = find_actor(session=session, name=text)
    if other is not None and other.id != actor_id:
        raise ValidationError(
            f"{text!r} already names actor #{other.id} ({other.name})", field="alias"
        )
    if other is not None:
        return False
    session.add(ActorAlias(actor_id=actor_id, alias=text))
    session.flush()
    return True


def aliases_of(*, session: Session, actor_id: int) -> list[str]:
    statement = select(ActorAlias.alias).where(ActorAlias.actor_id == actor_id)
    return list(session.exec(statement.order_by(ActorAlias.alias)))


def delete_actor(*, session: Session, actor_id: int) -> Actor:
    """Move an actor to the trash (their claims keep pointing at them)."""
    return move_to_trash(session, Actor, actor_id, what="actor")


def restore_actor(*, session: Session, actor_id: int) -> Actor:
    """Bring an actor back from the trash."""
    return take_from_trash(session, Actor, actor_id, what="actor")


def actor_names(*, session: Session) -> list[str]:
    """Every live actor's name and alias, for completion."""
    names = session.exec(select(Actor.name).where(col(Actor.deleted_at).is_(None)))
    aliases = session.exec(
        select(ActorAlias.alias).join(Actor).where(col(Actor.deleted_at).is_(None))
    )
    return sorted({*names, *aliases}, key=str.casefold)
