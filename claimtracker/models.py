"""The domain model as SQLModel tables.

The schema itself is created and upgraded by the Alembic migrations in
``claimtracker/migrations``; ``tests/test_migrations.py`` checks that these classes and the
migrated database agree. The full-text index (``claim_fts``) and its triggers exist only in the
migrations because SQLAlchemy has no notion of FTS5.

Conventions: ids are integer primary keys (cheap key-range paging over a million rows), every
record also carries a stable UUID for exchange with other databases, timestamps are UTC (stored without offset by SQLite),
vocabulary values are stored as their lower-case codes (see ``vocabulary.py``), and deleting
sets ``deleted_at`` (the trash) instead of removing the row.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import CITEXT
from sqlmodel import Field, SQLModel

#: Text that compares and stays unique regardless of case: SQLite's NOCASE collation, or
#: citext on PostgreSQL (migration 0001 says why).
NOCASE = String(collation="NOCASE").with_variant(CITEXT(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class Tracked(SQLModel):
    """Columns every record shares: identity for exchange, timestamps, edit version, trash."""

    uuid: str = Field(default_factory=new_uuid, max_length=36, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)
    deleted_at: datetime | None = Field(default=None)


class Actor(Tracked, table=True):
    __tablename__ = "actor"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=NOCASE, unique=True)
    kind: str = Field(default="unknown")
    affiliation: str | None = Field(default=None)
    country: str | None = Field(default=None)
    reliability: str | None = Field(default=None, max_length=1)
    notes: str | None = Field(default=None, sa_type=Text)


class ActorAlias(SQLModel, table=True):
    __tablename__ = "actor_alias"

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("actor.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    alias: str = Field(sa_type=NOCASE, unique=True)


class Source(Tracked, table=True):
    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="")
    outlet_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("actor.id", ondelete="SET NULL"), index=True),
    )
    byline: str | None = Field(default=None)
    url: str | None = Field(default=None)
    published_on: date | None = Field(default=None)
    retrieved_at: datetime | None = Field(default=None)
    language: str | None = Field(default=None, max_length=16)
    format: str = Field(default="text", max_length=16)
    origin: str | None = Field(default=None, description="the file name it was imported from")
    # Empty, with no sha256, for a source known only by title and URL (e.g. from a CSV report)
    # until its article is imported.
    text: str = Field(default="", sa_type=Text)
    sha256: str | None = Field(default=None, max_length=64, unique=True)
    #: Who may see it: a TLP 2.0 code (``vocabulary.MARKINGS``); None is unmarked (CLEAR).
    tlp: str | None = Field(default=None, max_length=16)


class Claim(Tracked, table=True):
    __tablename__ = "claim"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_type=Text, description="the claim as the analyst phrases it")
    quote: str | None = Field(default=None, sa_type=Text, description="the verbatim words")
    source_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("source.id", ondelete="SET NULL"), index=True),
    )
    # W3C Web Annotation: TextPositionSelector (start, end) and TextQuoteSelector
    # (exact, prefix, suffix). anchor_status is "orphan" when a corrected source text no
    # longer holds the quote with confidence.
    anchor_start: int | None = Field(default=None)
    anchor_end: int | None = Field(default=None)
    anchor_exact: str | None = Field(default=None, sa_type=Text)
    anchor_prefix: str | None = Field(default=None)
    anchor_suffix: str | None = Field(default=None)
    anchor_status: str | None = Field(default=None, max_length=16)
    speaker_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("actor.id", ondelete="SET NULL"), index=True),
    )
    attribution: str = Field(default="unknown", index=True)
    descriptor: str | None = Field(default=None)
    source_count: int | None = Field(default=None)
    status: str = Field(default="unstarted", index=True)
    credibility: int | None = Field(default=None, index=True)
    likelihood: str | None = Field(default=None)
    confidence: str | None = Field(default=None)
    said_on: date | None = Field(default=None, index=True)
    reported_on: date | None = Field(default=None, index=True)
    event_on: date | None = Field(default=None, index=True)
    notes: str | None = Field(default=None, sa_type=Text)
    #: The claim's own marking; the one in force is the higher of this and its source's.
    tlp: str | None = Field(default=None, max_length=16)
    #: The row id a foreign dataset gave it, kept from an import.
    external_id: str | None = Field(default=None)


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=NOCASE, unique=True)


class ClaimTag(SQLModel, table=True):
    __tablename__ = "claim_tag"

    claim_id: int = Field(
        sa_column=Column(Integer, ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True)
    )
    tag_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class Link(Tracked, table=True):
    """A typed relation between two claims, read as in VOCABULARY.md: "B <relation> A".

    For example (A = "a chemical attack is planned", B = "no chemical weapons were used",
    relation = denies) reads "B denies A". Symmetric relations (contradicts, repeats) are
    stored with the smaller claim id as A, so each pair is stored once and reads the same from
    both ends.
    """

    __tablename__ = "link"
    __table_args__ = (
        UniqueConstraint("claim_a_id", "claim_b_id", "relation", name="uq_link_pair"),
        CheckConstraint("claim_a_id <> claim_b_id", name="ck_link_not_self"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_a_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("claim.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    claim_b_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("claim.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    relation: str
    note: str | None = Field(default=None, sa_type=Text)


class HistoryEntry(SQLModel, table=True):
    """One recorded change to a claim, link, source or actor: who, when, what, before, after.

    Written in the same transaction as the change it records (see ``claimtracker.journal.entries``)
    and never deleted, not even when the trash is emptied. ``field``, ``old_value`` and
    ``new_value`` are set for a changed field (the values as JSON); creating, moving to the trash,
    restoring and deleting for good are recorded by ``action`` alone.
    """

    __tablename__ = "history"
    __table_args__ = (
        Index("ix_history_record", "kind", "record_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    changed_at: datetime = Field(default_factory=utcnow)
    analyst: str
    kind: str = Field(description="claim, link, source or actor")
    record_id: int
    action: str = Field(description="created, changed, deleted, restored or purged")
    field: str | None = Field(default=None)
    old_value: str | None = Field(default=None, sa_type=Text)
    new_value: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, description="e.g. the file of a CSV import")


class Opinion(Tracked, table=True):
    """An analyst's opinion of a claim (STIX 2.1 ``opinion-enum``), one per analyst and claim."""

    __tablename__ = "opinion"
    __table_args__ = (
        UniqueConstraint("claim_id", "analyst", name="uq_opinion_analyst"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("claim.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    analyst: str
    opinion: str
    note: str | None = Field(default=None, sa_type=Text)


class EchoSigned(SQLModel, table=True):
    """Which version of a claim its echo keys were computed from (derived data)."""

    __tablename__ = "echo_signed"

    claim_id: int = Field(
        sa_column=Column(Integer, ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True)
    )
    version: int


class EchoKey(SQLModel, table=True):
    """One MinHash band key of a claim: claims that share a key are candidate echoes."""

    __tablename__ = "echo_key"
    __table_args__ = {"sqlite_with_rowid": False}

    key: int = Field(sa_column=Column(BigInteger, primary_key=True))
    claim_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("claim.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        )
    )
