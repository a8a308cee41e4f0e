"""Reading one record's history for the app, on a worker: frozen rows ready to show.

A claim's history includes its links' entries (the core's ``claim_history``); a source's and an
actor's are their own (``history_of``). Ids in values (a speaker, a source, an outlet) are shown
with the name of the record they point at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimtracker.journal.actions import undone_or_redone
from claimtracker.vocabulary import RELATIONS
from ui.common.local_time import local_time
from ui.safety.history.values import (
    shortened,
    value_text,
    what_was_done,
)

if TYPE_CHECKING:
    from claimtracker.journal.reading import Change
    from claimtracker.services.records import RecordFacts
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
    from claimtracker.services.records import record_history

    history = store.reading(record_history, kind=kind, record_id=record_id)
    record, links = history.record, history.links
    names = {key: record_name(facts) for key, facts in history.named.items()}
    versions = {
        (facts.kind, facts.id): facts.version for facts in [record, *links.values()] if facts
    }
    live = {
        (facts.kind, facts.id) for facts in [record, *links.values()] if facts and not facts.deleted
    }
    rows = tuple(
        _row(change, names, _subject(change, record_id, links, history.opinions), live)
        for change in reversed(history.changes)
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
        what=what_was_done(change.kind, change.action, change.field, change.note),
        old_text=shortened(old_full) if change.action == "changed" else "",
        new_text=shortened(new_full) if change.action == "changed" else "",
        old_full=old_full if change.action == "changed" else "",
        new_full=new_full if change.action == "changed" else "",
        # An undo's or a redo's note is already the start of what the entry says it did.
        note="" if undone_or_redone(change.note) else change.note or "",
        kind=change.kind,
        record_id=change.record_id,
        field=change.field,
        restorable=not because,
        not_restorable_because=because,
    )


def record_name(facts: RecordFacts) -> str:
    """A record in a few words: a claim's text, a source's title, an actor's name."""
    if facts.kind == "claim":
        return shortened(facts.text, 120)
    if facts.kind == "source":
        return shortened(facts.text or f"Source #{facts.id}", 120)
    if facts.kind == "actor":
        return facts.text
    claim_a, claim_b = facts.ends or (0, 0)
    return f"#{claim_b} {RELATIONS.label(facts.relation or '').lower()} #{claim_a}"


def _subject(
    change: Change,
    claim_id: int,
    links: Mapping[int, RecordFacts],
    opinions: Mapping[int, RecordFacts],
) -> str:
    """For a link's or an opinion's entry in a claim's history: which one."""
    if change.kind == "opinion":
        opinion = opinions.get(change.record_id)
        return f"Opinion of {opinion.text}" if opinion else f"Opinion #{change.record_id}"
    if change.kind != "link":
        return ""
    link = links.get(change.record_id)
    if link is None or link.ends is None:
        return f"Link #{change.record_id}"
    claim_a, claim_b = link.ends
    other = claim_a if claim_b == claim_id else claim_b
    return f"Link with #{other} ({RELATIONS.label(link.relation or '').lower()})"


def _titles(kind: str, record_id: int, record: RecordFacts | None) -> tuple[str, str]:
    title = f"{KIND_TITLES.get(kind, kind.capitalize())} #{record_id}"
    if record is None:
        return title, "Deleted for good; its history is kept."
    if record.deleted:
        title += " (in the trash)"
    return title, record_name(record)
