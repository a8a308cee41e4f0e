"""What callers hand to the services: the fields of a new record, or the fields to change.

Update schemas have every field optional; only the fields a caller actually sets are changed
(``model_dump(exclude_unset=True)``), so ``ClaimUpdate(notes=None)`` clears the notes while
``ClaimUpdate()`` changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class ActorCreate(SQLModel):
    name: str
    kind: str = "unknown"
    affiliation: str | None = None
    country: str | None = None
    reliability: str | None = None
    notes: str | None = None
    aliases: list[str] = Field(default_factory=list)
    uuid: str | None = None


class ActorUpdate(SQLModel):
    name: str | None = None
    kind: str | None = None
    affiliation: str | None = None
    country: str | None = None
    reliability: str | None = None
    notes: str | None = None


class SourceCreate(SQLModel):
    text: str = ""
    title: str = ""
    outlet_id: int | None = None
    byline: str | None = None
    url: str | None = None
    published_on: date | None = None
    retrieved_at: datetime | None = None
    language: str | None = None
    format: str = "text"
    origin: str | None = None
    tlp: str | None = None
    uuid: str | None = None


class SourceUpdate(SQLModel):
    title: str | None = None
    outlet_id: int | None = None
    byline: str | None = None
    url: str | None = None
    published_on: date | None = None
    retrieved_at: datetime | None = None
    language: str | None = None
    tlp: str | None = None


class ClaimFields(SQLModel):
    """The fields of a claim an analyst sets (everything but identity, anchor text and times)."""

    text: str | None = None
    quote: str | None = None
    source_id: int | None = None
    anchor_start: int | None = None
    anchor_end: int | None = None
    speaker_id: int | None = None
    attribution: str | None = None
    descriptor: str | None = None
    source_count: int | None = None
    status: str | None = None
    credibility: int | None = None
    likelihood: str | None = None
    confidence: str | None = None
    said_on: date | None = None
    reported_on: date | None = None
    event_on: date | None = None
    notes: str | None = None
    tlp: str | None = None
    tags: list[str] | None = None


class ClaimCreate(ClaimFields):
    """A new claim. ``text`` defaults to the quote; the anchor is found from the quote when no
    offsets are given; ``reported_on`` defaults to the source's publication date."""

    uuid: str | None = None


class ClaimUpdate(ClaimFields):
    pass


class LinkCreate(SQLModel):
    """ "B <relation> A", as in VOCABULARY.md: e.g. B denies A."""

    claim_a_id: int
    claim_b_id: int
    relation: str
    note: str | None = None
    uuid: str | None = None
