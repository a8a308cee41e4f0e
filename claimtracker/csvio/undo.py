"""Undoing a CSV import as a whole, and doing it again.

An import's change set and its journal entries say everything it did: the claims, actors,
sources and links it created, and each field it changed with the value before and after. Undo
puts every changed field back and deletes the created records for good (their rows are kept in
memory, with the tags the import created, so that redo brings back the same records with the
same ids and identifiers — ids are never reused). Each step is one transaction, recorded in the
journal like any other change, and returns its own change set. On a server a step locks the
records it touches first and takes its turn at the journal last (``journal.deferred``).

A step is refused (:class:`~claimtracker.errors.ConflictError`) when a record it would touch was
changed after the step before it — by another window, say — so nothing saved since is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimtracker import bulk
from claimtracker.errors import ConflictError
from claimtracker.journal.analyst import analyst_name
from claimtracker.journal.changes import ChangeSet, read_changes, sqlite_execute
from claimtracker.journal.deferred import journal_turn, lock_records
from claimtracker.journal.entries import (
    CHANGED,
    CREATED,
    DELETED,
    PURGED,
    RESTORED,
    decode,
    encode,
    record_rows,
)
from claimtracker.store import Store
from claimtracker.store.dbapi import DbConnection, dialect_of, insert_ignoring

#: Tables of created records, in the order they are put back (referenced ones first).
_RESTORE_ORDER = ("actor", "source", "claim", "link", "opinion")
_CHUNK = 500


@dataclass
class RemovedRecords:
    """The rows an undone import had created, to put back on redo."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)


@dataclass
class ImportStep:
    """One application of an import (the import itself, an undo or a redo) and what it left."""

    changes: ChangeSet
    new_tag_ids: list[int]
    removed: RemovedRecords | None = None


def undo_import(store: Store, done: ImportStep, *, note: str) -> ImportStep:
    """Undo what ``done`` (the import, or its last redo) did; returns the undo's step."""
    with store.raw(write=True) as connection:
        return undo_step(connection, done, note=note)


def undo_step(
    connection: DbConnection, done: ImportStep, *, note: str, what: str = "the import"
) -> ImportStep:
    """Undo ``done`` (an import, a merge ...) in the transaction open on ``connection``: the
    fields it changed get their earlier values, what it moved in or out of the trash goes back,
    and what it created is deleted for good (kept in the returned step, for a redo)."""
    execute = sqlite_execute(connection)
    _lock(connection, done.changes, done.new_tag_ids)
    _refuse_if_changed_since(connection, done.changes, what=what)
    _refuse_if_used_since(connection, done, what=what)
    created = {kind: done.changes.created_ids(kind) for kind in _RESTORE_ORDER}
    fields = {
        key: values
        for key, values in _changed_fields(connection, done.changes).items()
        if key[1] not in created.get(key[0], ())
    }
    now, analyst = bulk.timestamp(), analyst_name()
    entries = _put_fields_back(connection, fields, now, analyst, note)
    entries.extend(_put_trash_back(connection, done.changes, created, now, analyst, note))
    removed = _remove_created(connection, done)
    for kind in reversed(_RESTORE_ORDER):
        entries.extend(
            (now, analyst, kind, record_id, PURGED, None, None, None, note)
            for record_id in sorted(done.changes.created_ids(kind))
        )
    mark = journal_turn(connection)
    record_rows(connection, entries)
    changes = read_changes(execute, mark)
    return ImportStep(changes, done.new_tag_ids, removed)


def _put_trash_back(
    connection: DbConnection,
    changes: ChangeSet,
    created: dict[str, frozenset[int]],
    now: str,
    analyst: str,
    note: str,
) -> list[tuple[object, ...]]:
    """Records the step moved into the trash come out again, and the reverse."""
    first: dict[tuple[str, int], str] = {}
    for kind, record_id, action in connection.execute(
        "SELECT kind, record_id, action FROM history WHERE id > ? AND id <= ?"
        " AND action IN (?, ?) ORDER BY id",
        (changes.after_entry, changes.last_entry, DELETED, RESTORED),
    ):
        if record_id not in created.get(kind, ()):
            first.setdefault((kind, record_id), action)
    entries: list[tuple[object, ...]] = []
    for (kind, record_id), action in first.items():
        was_deleted = action == RESTORED
        connection.execute(
            f'UPDATE "{kind}" SET deleted_at = ?, updated_at = ?, version = version + 1'
            " WHERE id = ?",
            (now if was_deleted else None, now, record_id),
        )
        action = DELETED if was_deleted else RESTORED
        entries.append((now, analyst, kind, record_id, action, None, None, None, note))
    return entries


def redo_import(store: Store, undone: ImportStep, *, note: str) -> ImportStep:
    """Do again what ``undone`` (an undo) took back: the same records, the same values."""
    removed = undone.removed or RemovedRecords()
    with store.raw(write=True) as connection:
        execute = sqlite_execute(connection)
        _lock(connection, undone.changes, [])
        _refuse_if_changed_since(connection, undone.changes)
        fields = _changed_fields(connection, undone.changes)
        now, analyst = bulk.timestamp(), analyst_name()
        _put_back(connection, removed)
        entries: list[tuple[object, ...]] = []
        for kind in _RESTORE_ORDER:
            columns = removed.columns.get(kind, [])
            entries.extend(
                (now, analyst, kind, row[columns.index("id")], CREATED, None, None, None, note)
                for row in removed.rows.get(kind, [])
            )
        entries.extend(_put_fields_back(connection, fields, now, analyst, note))
        mark = journal_turn(connection)
        record_rows(connection, entries)
        changes = read_changes(execute, mark)
    return ImportStep(changes, undone.new_tag_ids)


def _lock(connection: DbConnection, changes: ChangeSet, new_tag_ids: list[int]) -> None:
    """Lock the records the step touched before looking whether they changed since: a save of
    one that is under way is waited for and then seen (``journal.deferred``). What the undo
    deletes for good is locked for deleting: a save that would refer to it waits too."""
    for kind in _RESTORE_ORDER:
        created = changes.created_ids(kind)
        lock_records(connection, kind, changes.ids(kind) - created)
        lock_records(connection, kind, created, for_delete=True)
    lock_records(connection, "tag", new_tag_ids, for_delete=True)


#: What refers to a record of each kind (table, column): deleting the record for good takes
#: those rows with it (links, opinions) or empties their column (a claim's speaker, source).
_USED_BY = {
    "claim": (("link", "claim_a_id"), ("link", "claim_b_id"), ("opinion", "claim_id")),
    "actor": (("claim", "speaker_id"), ("source", "outlet_id")),
    "source": (("claim", "source_id"),),
}


def _refuse_if_used_since(connection: DbConnection, done: ImportStep, *, what: str) -> None:
    """Refuse to delete what ``done`` made when a record it did not touch refers to it now (a
    link to a new claim, a claim given a new speaker or tag since): it would be lost unseen."""
    changes = done.changes

    def refuse(used: str, user: str) -> None:
        raise ConflictError(
            f"{used} came with {what} and is used since by {user}; undoing {what} now "
            "would lose that"
        )

    for kind, users in _USED_BY.items():
        made = sorted(changes.created_ids(kind))
        for table, column in users:
            touched = changes.ids(table)  # the undo puts these back or deletes them too
            for start in range(0, len(made), _CHUNK):
                chunk = made[start : start + _CHUNK]
                marks = ", ".join("?" for _ in chunk)
                for user, used in connection.execute(
                    f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IN ({marks})'
                    " ORDER BY id",
                    chunk,
                ):
                    if user not in touched:
                        refuse(f"{kind.capitalize()} #{used}", f"{table} #{user}")
    tags = sorted(done.new_tag_ids)
    tagged = changes.ids("claim")
    for start in range(0, len(tags), _CHUNK):
        chunk = tags[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for claim_id, name in connection.execute(
            "SELECT ct.claim_id, t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
            f" WHERE ct.tag_id IN ({marks}) ORDER BY ct.claim_id",
            chunk,
        ):
            if claim_id not in tagged:
                refuse(f"Tag '{name}'", f"claim #{claim_id}")


def _refuse_if_changed_since(
    connection: DbConnection, changes: ChangeSet, *, what: str = "the import"
) -> None:
    for kind in _RESTORE_ORDER:
        ids = sorted(changes.ids(kind))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            row = connection.execute(
                f"SELECT record_id FROM history WHERE id > ? AND kind = ?"
                f" AND record_id IN ({marks}) LIMIT 1",
                (changes.last_entry, kind, *chunk),
            ).fetchone()
            if row is not None:
                raise ConflictError(
                    f"{kind.capitalize()} #{row[0]} was changed after {what}; undoing or "
                    f"redoing {what} now would lose that change"
                )


def _changed_fields(
    connection: DbConnection, changes: ChangeSet
) -> dict[tuple[str, int, str], tuple[Any, Any]]:
    """Each field the step changed, with its value (before the step, after it)."""
    fields: dict[tuple[str, int, str], tuple[Any, Any]] = {}
    for kind, record_id, name, old, new in connection.execute(
        "SELECT kind, record_id, field, old_value, new_value FROM history"
        " WHERE id > ? AND id <= ? AND action = ? ORDER BY id",
        (changes.after_entry, changes.last_entry, CHANGED),
    ):
        key = (kind, record_id, name)
        before = fields[key][0] if key in fields else decode(old)
        fields[key] = (before, decode(new))
    return fields


def _put_fields_back(
    connection: DbConnection,
    fields: dict[tuple[str, int, str], tuple[Any, Any]],
    now: str,
    analyst: str,
    note: str,
) -> list[tuple[object, ...]]:
    """Give each field its value from before the step; the journal entries that say so."""
    entries: list[tuple[object, ...]] = []
    for (kind, record_id, name), (before, after) in fields.items():
        _set_field(connection, kind, record_id, name, before, now)
        entries.append(
            (now, analyst, kind, record_id, CHANGED, name, encode(after), encode(before), note)
        )
    return entries


def _set_field(
    connection: DbConnection, kind: str, record_id: int, name: str, value: Any, now: str
) -> None:
    if kind == "claim" and name == "tags":
        set_tag_names(connection, record_id, value or [])
    elif kind == "actor" and name == "aliases":
        _set_aliases(connection, record_id, value or [])
    else:
        connection.execute(f'UPDATE "{kind}" SET "{name}" = ? WHERE id = ?', (value, record_id))
    connection.execute(
        f'UPDATE "{kind}" SET updated_at = ?, version = version + 1 WHERE id = ?', (now, record_id)
    )


def _set_aliases(connection: DbConnection, actor_id: int, names: list[str]) -> None:
    """Give an actor exactly the aliases ``names`` (its own name may be listed among them)."""
    connection.execute("DELETE FROM actor_alias WHERE actor_id = ?", (actor_id,))
    connection.executemany(
        insert_ignoring(
            "INSERT INTO actor_alias (actor_id, alias)"
            " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM actor WHERE name = ?)",
            dialect_of(connection),
        ),
        [(actor_id, name, name) for name in names],
    )


def set_tag_names(connection: DbConnection, claim_id: int, names: list[str]) -> None:
    """Give a claim exactly the tags ``names`` (new tag names are created)."""
    dialect = dialect_of(connection)
    connection.execute("DELETE FROM claim_tag WHERE claim_id = ?", (claim_id,))
    for name in names:
        connection.execute(insert_ignoring("INSERT INTO tag (name) VALUES (?)", dialect), (name,))
        connection.execute(
            insert_ignoring(
                "INSERT INTO claim_tag (claim_id, tag_id) SELECT ?, id FROM tag WHERE name = ?",
                dialect,
            ),
            (claim_id, name),
        )


def _select(
    connection: DbConnection, table: str, column: str, ids: list[int]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    columns: list[str] = []
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        cursor = connection.execute(
            f'SELECT * FROM "{table}" WHERE "{column}" IN ({marks}) ORDER BY 1', chunk
        )
        columns = [d[0] for d in cursor.description]
        rows.extend(cursor.fetchall())
    return columns, rows


def _remove_created(connection: DbConnection, done: ImportStep) -> RemovedRecords:
    removed = RemovedRecords()
    created = {kind: sorted(done.changes.created_ids(kind)) for kind in _RESTORE_ORDER}
    tables = [
        ("tag", "id", done.new_tag_ids),
        *((kind, "id", created[kind]) for kind in _RESTORE_ORDER),
        ("claim_tag", "claim_id", created["claim"]),
    ]
    for table, column, ids in tables:
        if ids:
            removed.columns[table], removed.rows[table] = _select(connection, table, column, ids)
    for table, ids in (
        ("opinion", created["opinion"]),
        ("link", created["link"]),
        ("claim", created["claim"]),  # their tags go with them (ON DELETE CASCADE)
        ("source", created["source"]),
        ("actor", created["actor"]),
        ("tag", done.new_tag_ids),
    ):
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            connection.execute(f'DELETE FROM "{table}" WHERE id IN ({marks})', chunk)
    return removed


def _put_back(connection: DbConnection, removed: RemovedRecords) -> None:
    for table in ("tag", *_RESTORE_ORDER, "claim_tag"):
        rows = removed.rows.get(table)
        if not rows:
            continue
        columns = removed.columns[table]
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
