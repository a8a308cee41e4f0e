"""Checking a claim database on a PostgreSQL server (``claimtracker check`` on a server URL).

A server keeps its own files sound (checksums, WAL, its administrator's backups), so there is no
``integrity_check`` to run. What can still be wrong is ours: a schema at another revision, a
ClaimTracker table missing, a constraint added ``NOT VALID`` and never validated, or records
pointing at records that do not exist (possible once a foreign key was dropped or triggers
were switched off during a restore). Every foreign key the schema declares is checked by a
join, whether or not the server still holds the constraint. Reads only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from claimtracker.store.database import Store
from claimtracker.store.migrate import schema_revision
from claimtracker.store.version import SCHEMA_HEAD


@dataclass
class ServerCheckReport:
    """What ``claimtracker check`` found on a server."""

    database: str
    revision: str | None = None
    #: ClaimTracker tables the database lacks.
    missing_tables: list[str] = field(default_factory=list)
    #: Constraints the server holds but has not validated (``NOT VALID``).
    unvalidated: list[str] = field(default_factory=list)
    #: Records pointing at records that do not exist.
    foreign_keys: list[str] = field(default_factory=list)
    #: Indexes the server does not use: a build that failed half-way (``CREATE INDEX
    #: CONCURRENTLY``) or an index marked invalid. ``check --repair`` rebuilds them.
    invalid_indexes: list[str] = field(default_factory=list)

    @property
    def schema_ok(self) -> bool:
        return self.revision == SCHEMA_HEAD and not self.missing_tables

    @property
    def ok(self) -> bool:
        return (
            self.schema_ok
            and not self.unvalidated
            and not self.foreign_keys
            and not self.invalid_indexes
        )

    def lines(self) -> list[str]:
        if self.revision != SCHEMA_HEAD:
            schema = f"at revision {self.revision or 'none'}, expected {SCHEMA_HEAD}"
        elif self.missing_tables:
            schema = "tables missing: " + ", ".join(self.missing_tables)
        else:
            schema = f"ok (revision {SCHEMA_HEAD})"
        return [
            f"Checked {self.database} (PostgreSQL server):",
            f"  schema:        {schema}",
            "  constraints:   "
            + ("ok" if not self.unvalidated else "not validated: " + "; ".join(self.unvalidated)),
            "  references:    "
            + ("ok" if not self.foreign_keys else "; ".join(self.foreign_keys[:5])),
            "  indexes:       "
            + (
                "ok"
                if not self.invalid_indexes
                else "not usable: " + ", ".join(self.invalid_indexes)
            ),
        ]


#: The indexes of this schema that the server does not use (or keep up to date).
_INVALID_INDEXES = """
    SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND NOT (i.indisvalid AND i.indisready)
    ORDER BY 1
"""


def repair_indexes(store: Store) -> list[str]:
    """Rebuild the indexes the server does not use (``REINDEX``; the table's owner may);
    returns their names. The server keeps every other index in step by itself."""
    with store.engine.begin() as connection:
        names = list(connection.execute(text(_INVALID_INDEXES)).scalars())
        for name in names:
            connection.execute(text(f'REINDEX INDEX "{name}"'))
    return names


def check_server(store: Store, *, limit: int = 100) -> ServerCheckReport:
    """The check of a server database ``store`` holds open."""
    from sqlmodel import SQLModel

    import claimtracker.models  # noqa: F401  (registers the tables on SQLModel.metadata)

    report = ServerCheckReport(database=store.display_name)
    tables = SQLModel.metadata.sorted_tables
    with store.engine.connect() as connection:
        report.revision = schema_revision(connection)
        present = set(
            connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars()
        )
        report.missing_tables = [t.name for t in tables if t.name not in present]
        report.invalid_indexes = list(connection.execute(text(_INVALID_INDEXES)).scalars())
        report.unvalidated = [
            f"{table}.{name}"
            for table, name in connection.execute(
                text(
                    "SELECT conrelid::regclass::text, conname FROM pg_constraint "
                    "WHERE NOT convalidated AND connamespace = current_schema()::regnamespace "
                    "ORDER BY 1, 2"
                )
            )
        ]
        for table in tables:
            if table.name not in present:
                continue
            for key in table.foreign_keys:
                child, parent = key.parent, key.column
                if parent.table.name not in present:
                    continue
                orphans = connection.execute(
                    text(
                        f'SELECT t."{child.name}" FROM "{table.name}" t '
                        f'WHERE t."{child.name}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM '
                        f'"{parent.table.name}" p WHERE p."{parent.name}" = t."{child.name}") '
                        "LIMIT :limit"
                    ),
                    {"limit": limit - len(report.foreign_keys)},
                ).scalars()
                report.foreign_keys += [
                    f"{table.name}.{child.name} points at {parent.table.name} #{value}, "
                    "which does not exist"
                    for value in orphans
                ]
                if len(report.foreign_keys) >= limit:
                    return report
    return report
