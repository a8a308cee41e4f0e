"""A whole project copied between an SQLite file and a PostgreSQL server, in either direction.

``claimtracker export-project FILE`` writes any project (a file or a server's database) to a
new SQLite project file; ``claimtracker import-project FILE --db URL`` fills an empty database
(a server's, or a new file) from one. Together they move a desk's project onto a server and
back, and give an analyst a project file to take away; a server's own backups stay its
administrator's (``pg_dump``).

Every record of every table the two schemas share is copied with its id (history, trash,
opinions and the echo index included), the id counters too, so that ids are never reused; the
search index is built on the target. Timestamps are written as SQLite writes them (microseconds,
six digits), so a project that goes to a server and comes back is the same, row for row. The
copy is one transaction on the target, and is checked before it counts: the same number of
rows in every table, and on a file SQLite's ``integrity_check`` and the index's own check. An
exported file is written beside its name and renamed into place only when checked.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtracker import bulk
from claimtracker.errors import ClaimTrackerError, ValidationError
from claimtracker.store.dbapi import DbConnection, ServerConnection, streamed

if TYPE_CHECKING:
    from claimtracker.store.database import Store

#: Tables that are not the project's records: the schema's revision, SQLite's full-text index
#: (built again on a file target) and counters (copied separately).
_NOT_COPIED = ("alembic_version", "sqlite_sequence")
#: Rows the migrations write into a new, empty project (its identity): replaced by the copy's, as
#: the copy is the same project (claimtracker.merging tells its copies apart by their journals).
_MADE_BY_SCHEMA = ("project_identity",)
_BATCH = 5000


class ProjectCopyError(ClaimTrackerError):
    """A project could not be copied; nothing was written."""


@dataclass(frozen=True)
class ProjectCopy:
    """What was copied: rows per table, in the order they were written."""

    source: str
    target: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def describe(self) -> str:
        claims = self.rows.get("claim", 0)
        return (
            f"Copied {claims} claim(s) and {self.total - claims} other record(s) in "
            f"{len(self.rows)} tables from {self.source} to {self.target}; counts checked"
        )


@dataclass(frozen=True)
class _Table:
    name: str
    columns: list[str]
    #: Columns holding a timestamp on a server (read back in SQLite's text form).
    timestamps: frozenset[str]
    has_id: bool


def _tables(source: Store, target: Store) -> list[_Table]:
    """The tables both schemas hold, parents before children (the target's foreign keys)."""
    import sqlalchemy as sa

    def reflected(store: Store) -> sa.MetaData:
        metadata = sa.MetaData()
        import warnings

        with warnings.catch_warnings():  # expression indexes are not reflected; not needed
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            metadata.reflect(store.engine)
        return metadata

    theirs, ours = reflected(source), reflected(target)
    tables = []
    for table in ours.sorted_tables:
        if table.name in _NOT_COPIED or table.name.startswith("claim_fts"):
            continue
        if table.name not in theirs.tables:
            continue
        other = theirs.tables[table.name]
        columns = [
            c.name
            for c in table.columns
            if c.computed is None
            and c.name in other.columns
            and other.columns[c.name].computed is None
        ]
        stamps = frozenset(
            c.name for c in other.columns if isinstance(c.type, sa.DateTime) and c.name in columns
        )
        tables.append(_Table(table.name, columns, stamps, "id" in columns))
    return tables


def _select_sql(table: _Table, server: bool) -> str:
    def column(name: str) -> str:
        if server and name in table.timestamps:
            return f"to_char(\"{name}\", 'YYYY-MM-DD HH24:MI:SS.US')"
        return f'"{name}"'

    order = '"id"' if table.has_id else ", ".join(f'"{c}"' for c in table.columns)
    return f'SELECT {", ".join(map(column, table.columns))} FROM "{table.name}" ORDER BY {order}'


def _rows(connection: DbConnection, sql: str) -> Iterator[tuple[Any, ...]]:
    cursor = streamed(connection, sql, batch=_BATCH)
    while batch := cursor.fetchmany(_BATCH):
        yield from (tuple(row) for row in batch)


def _count(connection: DbConnection, table: str) -> int:
    return int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def _last_ids(connection: DbConnection, tables: list[_Table]) -> dict[str, int]:
    """The id each table's counter last handed out (ids above it are new)."""
    found: dict[str, int] = {}
    if isinstance(connection, ServerConnection):
        for table in tables:
            if not table.has_id:
                continue
            row = connection.execute(
                "SELECT pg_get_serial_sequence(?, 'id')", (table.name,)
            ).fetchone()
            if row and row[0]:
                counter = connection.execute(f"SELECT last_value, is_called FROM {row[0]}")
                value, called = tuple(counter.fetchone() or (0, False))
                found[table.name] = int(value) if called else int(value) - 1
    elif connection.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone():
        found = {
            name: int(seq)
            for name, seq in connection.execute("SELECT name, seq FROM sqlite_sequence")
        }
    for table in tables:  # a counter below the highest id would hand it out again
        if table.has_id:
            highest = connection.execute(f'SELECT max(id) FROM "{table.name}"').fetchone()[0]
            found[table.name] = max(found.get(table.name, 0), int(highest or 0))
    return found


def _set_last_ids(connection: DbConnection, last: dict[str, int]) -> None:
    if isinstance(connection, ServerConnection):
        for name, value in last.items():
            row = connection.execute("SELECT pg_get_serial_sequence(?, 'id')", (name,)).fetchone()
            sequence = row[0] if row else None
            if sequence:
                connection.execute("SELECT setval(?, ?, ?)", (sequence, max(value, 1), value > 0))
        return
    autoincrement = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'"
        )
    }
    for name, value in last.items():
        if name not in autoincrement or value <= 0:
            continue
        connection.execute("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
        connection.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, value))


def _empty_or_refuse(connection: DbConnection, tables: list[_Table], where: str) -> None:
    for table in tables:
        count = 0 if table.name in _MADE_BY_SCHEMA else _count(connection, table.name)
        if count:
            raise ValidationError(
                f"{where} is not empty ({count} row(s) in {table.name}); a project is copied "
                "into an empty database only",
                field="db",
            )


def copy_project(source: Store, target: Store) -> ProjectCopy:
    """Copy every record of ``source`` into ``target`` (empty, at the same schema revision)."""
    tables = _tables(source, target)
    from_server = not source.is_sqlite
    copied: dict[str, int] = {}
    with source.raw() as reading, target.raw(write=True) as writing:
        _empty_or_refuse(writing, tables, target.display_name)
        for table in tables:
            if table.name in _MADE_BY_SCHEMA:
                writing.execute(f'DELETE FROM "{table.name}"')
        last = _last_ids(reading, tables)
        on_file = isinstance(writing, sqlite3.Connection)
        # A file's search index is built once at the end, not row by row.
        with bulk.fts_triggers_suspended(writing) if on_file else nullcontext():  # type: ignore[arg-type]
            for table in tables:
                rows = _rows(reading, _select_sql(table, from_server))
                bulk.insert_rows(writing, table.name, table.columns, rows)
        if on_file:
            bulk.rebuild_index(writing)
        _set_last_ids(writing, last)
        for table in tables:
            expected, written = _count(reading, table.name), _count(writing, table.name)
            if expected != written:
                raise ProjectCopyError(
                    f"{table.name}: {written} row(s) written but {expected} read; nothing was "
                    "copied"
                )
            copied[table.name] = written
        if isinstance(writing, sqlite3.Connection):
            problems = [r[0] for r in writing.execute("PRAGMA integrity_check").fetchall()]
            if problems != ["ok"] or not bulk.check_index(writing):
                raise ProjectCopyError(
                    f"{target.display_name} failed its check ({problems[0]}); nothing was copied"
                )
    return ProjectCopy(source.display_name, target.display_name, copied)


def export_project(source: Store, path: Path) -> ProjectCopy:
    """Write the project ``source`` holds to a new SQLite project file ``path``, checked."""
    from claimtracker.store.database import Store

    path = path.expanduser()
    if path.exists():
        raise ValidationError(
            f"{path} already exists; export a project to a new file name", field="file"
        )
    if not path.parent.is_dir():
        raise ValidationError(f"There is no folder {path.parent}", field="file")
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with Store.open(partial) as target:
            copied = copy_project(source, target)
        partial.replace(path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return ProjectCopy(copied.source, str(path), copied.rows)


def import_project(target: Store, path: Path) -> ProjectCopy:
    """Fill the empty database ``target`` holds with the project file ``path``."""
    from claimtracker.store.database import Store

    path = path.expanduser()
    if not path.is_file():
        raise ValidationError(f"There is no project file {path}", field="file")
    with Store.open(path) as source:
        return copy_project(source, target)
