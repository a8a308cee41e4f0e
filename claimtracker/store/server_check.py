"""Checking a claim database on a PostgreSQL server (``claimtracker check`` on a server URL).

A server keeps its own files sound (checksums, WAL, its administrator's backups), so there is no
``integrity_check`` to run. What can still be wrong is ours: a schema at another revision, a
ClaimTracker table missing, a constraint added ``NOT VALID`` and never validated, or records
pointing at records that do not exist (possible once a foreign key was dropped or triggers
were switched off during a restore). Every foreign key the schema declares is checked by a
join, whether or not the server still holds the constraint. Reads only, through the store's
seam (``Store.raw``), so any analyst of the project can run it; rebuilding an index is a lead's
(:func:`repair_indexes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimtracker.errors import StorageError
from claimtracker.server.enforcement import INVALID_INDEXES, quote_ident
from claimtracker.server.roles import Role, allowed, role_of
from claimtracker.store.database import Store
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
    #: The role of the analyst who checked (whether they may repair what was found).
    role: Role = "owner"

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

    @property
    def may_repair(self) -> tuple[bool, str]:
        """Whether the analyst who checked may rebuild the indexes, and if not, why."""
        return allowed(self.role, "repair_indexes")

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


def repair_indexes(store: Store) -> list[str]:
    """Rebuild the indexes the server does not use (``REINDEX``); returns their names. The
    server keeps every other index in step by itself.

    Only an index's owner may rebuild it: on a project set up by ``server init`` this goes
    through ``claimtracker_repair_indexes()``, which a lead may call (anyone else is refused in
    one line); on a server without it, the owner runs ``REINDEX`` itself."""
    with store.raw(write=True) as connection:
        if connection.execute(
            "SELECT to_regprocedure('claimtracker_repair_indexes()') IS NOT NULL"
        ).fetchone()[0]:
            return [name for (name,) in connection.execute(_REPAIR).fetchall()]
        names = [name for (name,) in connection.execute(INVALID_INDEXES).fetchall()]
        if names and role_of(connection) != "owner":
            raise StorageError(
                f"{store.display_name}: only its owner can rebuild the indexes here; the "
                "owner's `claimtracker server init` lets the project's leads do it too."
            )
        for name in names:
            connection.execute(f"REINDEX INDEX {quote_ident(name)}")
    return names


_REPAIR = "SELECT claimtracker_repair_indexes()"


def check_server(store: Store, *, limit: int = 100) -> ServerCheckReport:
    """The check of a server database ``store`` holds open (a failure, such as the server
    going away, is the store's one-line error)."""
    from sqlmodel import SQLModel

    import claimtracker.models  # noqa: F401  (registers the tables on SQLModel.metadata)

    report = ServerCheckReport(database=store.display_name)
    tables = SQLModel.metadata.sorted_tables
    with store.raw() as connection:
        report.role = role_of(connection)
        present = {
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
        }
        if "alembic_version" in present:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            report.revision = None if row is None else str(row[0])
        report.missing_tables = [t.name for t in tables if t.name not in present]
        report.invalid_indexes = [
            name for (name,) in connection.execute(INVALID_INDEXES).fetchall()
        ]
        report.unvalidated = [
            f"{table}.{name}"
            for table, name in connection.execute(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint "
                "WHERE NOT convalidated AND connamespace = current_schema()::regnamespace "
                "ORDER BY 1, 2"
            ).fetchall()
        ]
        for table in tables:
            if table.name not in present:
                continue
            for key in table.foreign_keys:
                child, parent = key.parent, key.column
                if parent.table.name not in present:
                    continue
                orphans = connection.execute(
                    f'SELECT t."{child.name}" FROM "{table.name}" t '
                    f'WHERE t."{child.name}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM '
                    f'"{parent.table.name}" p WHERE p."{parent.name}" = t."{child.name}") '
                    "LIMIT ?",
                    (limit - len(report.foreign_keys),),
                ).fetchall()
                report.foreign_keys += [
                    f"{table.name}.{child.name} points at {parent.table.name} #{value}, "
                    "which does not exist"
                    for (value,) in orphans
                ]
                if len(report.foreign_keys) >= limit:
                    return report
    return report
