"""Reading one record's history for the app, on a worker: frozen rows ready to show.

A claim's history includes its links' entries (the core's ``claim_history``); a source's and an
actor's are their own (``history_of``). Ids in values (a speaker, a source, an outlet) are shown
with the name of the record they point at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimtracker.vocabulary import RELATIONS
from ui.history.values import (
    references_in,
    shortened,
    value_text,
    what_was_done,
)
from ui.local_time import local_time

if TYPE_CHECKING:
    from sqlmodel import Session

    from claimtracker.safety.history import Change
    from claimtracker.store import Store

KIND_TITLES = {"claim": "Claim", "link": "Link", "source": "Source", "actor": "Actor"}


@dataclass(frozen=True)
class HistoryRow:
    """One entry as the history table shows it."""

    change_id: int
    when: str
    analyst: str
    #: What the entry is about when it is not the record itself ("Link with #7 (denies)").
    subject: str
    what: str
    old_text: str
    new_text: str
    #: The whole values, for the entry's details.
    old_full: str
    new_full: str
    note: str
    kind: str
    record_id: int
    field: str | None
    restorable: bool
    #: Why the earlier value cannot be put back ("" when it can).
    not_restorable_because: str = ""


@dataclass(frozen=True)
class HistoryPage:
    """A record's history (newest first) and what restoring needs to know about it."""

    kind: str
    record_id: int
    title: str
    subtitle: str
    rows: tuple[HistoryRow, ...]
    #: Current version of the record and of each of its links, by (kind, id); absent if gone.
    versions: Mapping[tuple[str, int], int] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return (self.kind, self.record_id) in self.versions


def load_history(store: Store, kind: str, record_id: int) -> HistoryPage:
    """The history of one claim (with its links), source or actor. Runs on a worker."""
    from claimtracker.safety.history import claim_history, history_of

    with store.read() as session:
        if kind == "claim":
            changes = claim_history(session=session, claim_id=record_id)
        else:
            changes = history_of(session=session, kind=kind, record_id=record_id)
        record = _record(session, kind, record_id)
        names = _names(session, changes)
        links = {
            change.record_id: _record(session, "link", change.record_id)
            for change in changes
            if change.kind == "link"
        }
        opinions = {
            change.record_id: _record(session, "opinion", change.record_id)
            for change in changes
            if change.kind == "opinion"
        }
        versions: dict[tuple[str, int], int] = {}
        live: set[tuple[str, int]] = set()
        for (key_kind, key_id), found in [((kind, record_id), record)] + [
            (("link", link_id), link) for link_id, link in links.items()
        ]:
            if found is not None:
                versions[(key_kind, key_id)] = int(found.version)
                if found.deleted_at is None:
                    live.add((key_kind, key_id))
        rows = tuple(
            _row(change, names, _subject(change, record_id, links, opinions), live)
            for change in reversed(changes)
        )
        title, subtitle = _titles(kind, record_id, record)
    return HistoryPage(kind, record_id, title, subtitle, rows, versions)


def _row(
    change: Change,
    names: Mapping[tuple[str, int], str],
    subject: str,
    live: set[tuple[str, int]],
) -> HistoryRow:
    old_full = value_text(change.kind, change.field, change.old_value, names)
    new_full = value_text(change.kind, change.field, change.new_value, names)
    because = ""
    if not change.restorable:
        because = (
            "Only a changed field can be put back."
            if change.action != "changed"
            else "An opinion is its analyst's own: they change it themselves."
            if change.kind == "opinion"
            else "This field follows from the others (restore the quote or the source instead)."
        )
    elif (change.kind, change.record_id) not in live:
        because = f"The {change.kind} is in the trash or no longer exists."
    return HistoryRow(
        change_id=change.id,
        when=local_time(change.changed_at),
        analyst=change.analyst,
        subject=subject,
        what=what_was_done(change.kind, change.action, change.field),
        old_text=shortened(old_full) if change.action == "changed" else "",
        new_text=shortened(new_full) if change.action == "changed" else "",
        old_full=old_full if change.action == "changed" else "",
        new_full=new_full if change.action == "changed" else "",
        note=change.note or "",
        kind=change.kind,
        record_id=change.record_id,
        field=change.field,
        restorable=not because,
        not_restorable_because=because,
    )


def _model(kind: str) -> Any:
    from claimtracker.models import Actor, Claim, Link, Opinion, Source

    return {"claim": Claim, "link": Link, "source": Source, "actor": Actor, "opinion": Opinion}[
        kind
    ]


def _record(session: Session, kind: str, record_id: int) -> Any:
    return session.get(_model(kind), record_id)


def _names(session: Session, changes: list[Change]) -> dict[tuple[str, int], str]:
    wanted: set[tuple[str, int]] = set()
    for change in changes:
        wanted.update(references_in(change.kind, change.field, change.old_value, change.new_value))
    names: dict[tuple[str, int], str] = {}
    for kind, record_id in wanted:
        record = _record(session, kind, record_id)
        if record is not None:
            names[(kind, record_id)] = record_name(kind, record)
    return names


def record_name(kind: str, record: Any) -> str:
    """A record in a few words: a claim's text, a source's title, an actor's name."""
    if kind == "claim":
        return shortened(record.text, 120)
    if kind == "source":
        return shortened(record.title or record.url or f"Source #{record.id}", 120)
    if kind == "actor":
        return str(record.name)
    return f"#{record.claim_b_id} {RELATIONS.label(record.relation).lower()} #{record.claim_a_id}"


def _subject(
    change: Change, claim_id: int, links: Mapping[int, Any], opinions: Mapping[int, Any]
) -> str:
    """For a link's or an opinion's entry in a claim's history: which one."""
    if change.kind == "opinion":
        opinion = opinions.get(change.record_id)
        return f"Opinion of {opinion.analyst}" if opinion else f"Opinion #{change.record_id}"
    if change.kind != "link":
        return ""
    link = links.get(change.record_id)
    if link is None:
        return f"Link #{change.record_id}"
    other = link.claim_a_id if link.claim_b_id == claim_id else link.claim_b_id
    return f"Link with #{other} ({RELATIONS.label(link.relation).lower()})"


def _titles(kind: str, record_id: int, record: Any) -> tuple[str, str]:
    title = f"{KIND_TITLES.get(kind, kind.capitalize())} #{record_id}"
    if record is None:
        return title, "Deleted for good; its history is kept."
    subtitle = record_name(kind, record)
    if record.deleted_at is not None:
        title += " (in the trash)"
    return title, subtitle
