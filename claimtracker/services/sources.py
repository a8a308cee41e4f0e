"""Sources: the documents claims come from, kept verbatim and identified by their SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from claimtracker.journal import entries as history
from claimtracker.models import Source, utcnow
from claimtracker.schemas import SourceCreate, SourceUpdate
from claimtracker.services.actors import resolve_actor
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
from claimtracker.services.reanchoring import reanchor_claims
from claimtracker.vocabulary import MARKINGS

if TYPE_CHECKING:
    from claimtracker.articles import ParsedArticle


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _marking(value: str | None) -> str | None:
    return MARKINGS.parse(value, field="tlp") if value else None


def find_source_by_text(*, session: Session, text: str) -> Source | None:
    return session.exec(select(Source).where(Source.sha256 == text_sha256(text))).first()


def _text_less_source_at(session: Session, url: str | None) -> Source | None:
    if not url:
        return None
    statement = select(Source).where(Source.url == url, col(Source.sha256).is_(None))
    return session.exec(statement).first()


def create_source(*, session: Session, source_in: SourceCreate) -> tuple[Source, bool]:
    """The source for ``source_in``; False as second item when it already existed.

    The same text always gives the same source (a source in the trash comes back). A source
    known so far only by its URL (from a CSV report) receives the text when it arrives.
    """
    values = source_in.model_dump(exclude={"uuid"})
    values["title"] = clean_text(values["title"], field="title") or ""
    values["tlp"] = _marking(values.get("tlp"))
    text = source_in.text
    if text:
        existing = find_source_by_text(session=session, text=text)
        if existing is not None:
            if existing.deleted_at is not None:
                existing.deleted_at = None
                touch(existing)
                history.record(session, "source", existing.id, history.RESTORED)
            return existing, False
        waiting = _text_less_source_at(session, source_in.url)
        if waiting is not None:
            assert waiting.id is not None
            reanchor_claims(session=session, source_id=waiting.id, text=text)
            waiting.text = text
            # The text itself is not copied into the history: its SHA-256 names it.
            arrived = {"sha256": (waiting.sha256, text_sha256(text))}
            waiting.sha256 = text_sha256(text)
            for field in ("format", "language", "origin", "byline", "published_on"):
                if getattr(waiting, field) in (None, "", "text") and values.get(field):
                    arrived[field] = (getattr(waiting, field), values[field])
                    setattr(waiting, field, values[field])
            touch(waiting)
            session.flush()
            history.record(session, "source", waiting.id, history.CHANGED, arrived)
            return waiting, False
    else:
        waiting = _text_less_source_at(session, source_in.url)
        if waiting is not None:
            return waiting, False
    source = Source(**values, sha256=text_sha256(text) if text else None)
    if source_in.uuid:
        source.uuid = checked_uuid(source_in.uuid)
    session.add(source)
    session.flush()
    history.record(session, "source", source.id, history.CREATED)
    return source, True


def import_article(
    *, session: Session, article: ParsedArticle, origin: str | Path | None = None
) -> tuple[Source, bool]:
    """Store an article read by :mod:`claimtracker.articles`; its outlet becomes an actor."""
    outlet_id = None
    if article.outlet:
        outlet_id = resolve_actor(session=session, name=article.outlet, kind="media_outlet").id
    title = article.title or (Path(origin).stem if origin else "")
    return create_source(
        session=session,
        source_in=SourceCreate(
            text=article.text,
            title=title,
            outlet_id=outlet_id,
            byline=article.byline,
            url=article.url,
            published_on=article.published_on,
            retrieved_at=utcnow(),
            language=article.language,
            format=article.format,
            origin=Path(origin).name if origin else None,
        ),
    )


def update_source(
    *,
    session: Session,
    source_id: int,
    changes: SourceUpdate,
    expected_version: int | None = None,
) -> tuple[Source, Changes]:
    """Correct a source's metadata (its text is fixed: a corrected text is a new import)."""
    source = get_record(session, Source, source_id, what="source", lock=True)
    check_version(source, expected_version, what=f"source #{source_id}")
    values = changes.model_dump(exclude_unset=True)
    if "title" in values:
        values["title"] = clean_text(values["title"], field="title") or ""
    if "tlp" in values:
        values["tlp"] = _marking(values["tlp"])
    if values.get("outlet_id") is not None:
        from claimtracker.models import Actor

        get_record(session, Actor, values["outlet_id"], what="actor")
    applied = apply_changes(source, values)
    if applied:
        touch(source)
        history.record(session, "source", source_id, history.CHANGED, applied)
    return source, applied


def delete_source(*, session: Session, source_id: int) -> Source:
    """Move a source to the trash; its claims stay, still pointing at it."""
    return move_to_trash(session, Source, source_id, what="source")


def restore_source(*, session: Session, source_id: int) -> Source:
    """Bring a source back from the trash."""
    return take_from_trash(session, Source, source_id, what="source")
