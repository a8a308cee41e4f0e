"""``claimtracker server init``: make a PostgreSQL database a team project.

Run as a superuser, or as the database's owner with the right to create roles (CREATEROLE):

1. the extensions the schema needs (``citext``; ``unaccent`` and ``pg_trgm`` for server search);
2. the schema, by the migrations (an older one is upgraded; another application's database is
   refused before anything is changed);
3. the three group roles of :mod:`claimtracker.server.roles` and their GRANTs;
4. the functions and triggers through which the server enforces what GRANTs cannot say.

Every step may run again: running ``server init`` twice changes nothing, and running it after
an upgrade of ClaimTracker upgrades the schema and grants on the new tables. Opening the project
as its owner re-applies the grants after a migration too (:func:`reapply_after_migration`).

What the GRANTs say, table by table (read from the catalog, so tables added by later migrations
are covered by the same rules):

* the viewer group reads every table and view, may connect and make temporary tables;
* the analyst group (a member of the viewer group) inserts and updates every table but the
  history, to which it only adds; it deletes rows of tables without a trash (a claim's tags,
  an actor's aliases, derived caches), because changing them replaces them;
* the lead group (a member of the analyst group) also deletes from the tables with a trash
  (``deleted_at``): emptying the trash is the lead's;
* nobody but the owner updates or deletes history entries: the journal only grows;
* ``PUBLIC`` loses CONNECT and TEMPORARY on the database: only the project's analysts get in.

What the server enforces beyond GRANTs is in :mod:`claimtracker.server.enforcement`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimtracker.errors import StorageError, UnsupportedDatabaseError
from claimtracker.server.enforcement import install_functions, quote_ident
from claimtracker.server.roles import (
    GROUP_ROLES,
    GroupNames,
    current_database,
    group_names,
    login_of,
)
from claimtracker.store.dbapi import DbConnection, ServerConnection

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

#: Extensions the schema uses: citext (0001); unaccent and pg_trgm (server search, 0007).
EXTENSIONS = ("citext", "unaccent", "pg_trgm")


@dataclass(frozen=True)
class SetUp:
    """What ``server init`` did."""

    database: str
    groups: GroupNames
    created_groups: tuple[str, ...]
    revision_before: str | None
    revision_after: str | None


def check_runner(connection: DbConnection) -> None:
    """Refuse, in one line, a role that cannot set up the project."""
    user, superuser, createrole, can_create = connection.execute(
        "SELECT current_user, rolsuper, rolcreaterole,"
        " has_database_privilege(current_database(), 'CREATE')"
        " FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    if superuser:
        return
    if not createrole or not can_create:
        raise StorageError(
            f"server init must run as a superuser, or as the database's owner with the right "
            f"to create roles (ALTER ROLE {quote_ident(user)} CREATEROLE); {user!r} has not "
            "those rights."
        )
    owner = connection.execute(
        "SELECT pg_get_userbyid(relowner), pg_has_role(current_user, relowner, 'MEMBER')"
        " FROM pg_class WHERE oid = to_regclass('claim')"
    ).fetchone()
    if owner is not None and not owner[1]:
        raise StorageError(
            f"server init must run as the owner of the project's tables ({owner[0]!r}) or a "
            f"superuser, not as {user!r}."
        )


def create_extensions(connection: DbConnection) -> None:
    for extension in EXTENSIONS:
        try:
            connection.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
        except Exception as exc:
            if getattr(exc, "sqlstate", None) not in ("58P01", "0A000", "22023"):
                raise
            raise StorageError(
                f"The server has no {extension} extension: install PostgreSQL's contrib "
                "package on the server (Debian and Ubuntu: postgresql-contrib), then run "
                "server init again."
            ) from exc


def apply(connection: DbConnection) -> tuple[str, ...]:
    """Create the group roles (if missing), GRANTs, functions and triggers; idempotent.
    Returns the groups it created."""
    names = group_names(current_database(connection))
    created = _create_groups(connection, names)
    _grant(connection, names)
    install_functions(connection, names)
    return created


def is_team_project(connection: DbConnection) -> bool:
    """Whether ``server init`` has set up this database (its viewer group exists)."""
    names = group_names(current_database(connection))
    row = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (names.viewer,))
    return row.fetchone() is not None


def reapply_after_migration(connection: DbConnection) -> None:
    """After the owner migrated a team project: the same grants and triggers on the new
    schema (a later migration may add tables or recreate one)."""
    if is_team_project(connection):
        names = group_names(current_database(connection))
        _grant(connection, names)
        install_functions(connection, names)
        log.info("Re-applied the team roles' grants for %s", login_of(connection))


def _create_groups(connection: DbConnection, names: GroupNames) -> tuple[str, ...]:
    created = []
    for role in GROUP_ROLES:
        name = names.of(role)
        found = connection.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = ?", (name,))
        row = found.fetchone()
        if row is None:
            connection.execute(f"CREATE ROLE {quote_ident(name)} NOLOGIN")
            created.append(name)
        elif row[0]:
            raise StorageError(
                f"The server already has a login role {name!r}, the name ClaimTracker gives "
                "this project's group role: rename or drop it, then run server init again."
            )
    viewer, analyst, lead = (quote_ident(name) for name in names)
    # Each group holds the rights of the one below it.
    connection.execute(f"GRANT {viewer} TO {analyst}")
    connection.execute(f"GRANT {analyst} TO {lead}")
    return tuple(created)


def _grant(connection: DbConnection, names: GroupNames) -> None:
    viewer, analyst, lead = (quote_ident(name) for name in names)
    database = quote_ident(current_database(connection))
    schema = quote_ident(str(connection.execute("SELECT current_schema()").fetchone()[0]))
    connection.execute(f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC")
    connection.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {viewer}")
    connection.execute(f"GRANT USAGE ON SCHEMA {schema} TO {viewer}")
    relations = connection.execute(
        "SELECT c.relname, c.relkind IN ('r', 'p'),"
        " EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
        "   AND a.attname = 'deleted_at' AND NOT a.attisdropped)"
        " FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
        " AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname"
    ).fetchall()
    for name, is_table, has_trash in relations:
        table = f"{schema}.{quote_ident(name)}"
        connection.execute(f"GRANT SELECT ON {table} TO {viewer}")
        if not is_table or name == "alembic_version":
            continue
        if name == "history":
            connection.execute(f"GRANT INSERT ON {table} TO {analyst}")
            continue
        connection.execute(f"GRANT INSERT, UPDATE ON {table} TO {analyst}")
        connection.execute(f"GRANT DELETE ON {table} TO {lead if has_trash else analyst}")
    connection.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {analyst}")


def init_server(url: str) -> SetUp:
    """Set up the database at ``url`` as a team project (see the module's docstring)."""
    from claimtracker.store import Store
    from claimtracker.store.engine import database_url, make_engine, shown_url
    from claimtracker.store.migrate import foreign_database_error

    if not database_url(url).startswith("postgresql"):
        raise UnsupportedDatabaseError(
            f"server init sets up a PostgreSQL server, and {url} is not a server URL (a "
            "project file needs no set-up: give it to --db). A server URL looks like "
            "postgresql://owner@host/claims"
        )
    engine = make_engine(url)
    where = shown_url(database_url(url))
    try:
        with _connected(engine, where) as connection:
            check_runner(connection)
            before = schema_revision_of(connection)
            if before is None and (tables := tables_of(connection)):
                raise foreign_database_error(tables)
            create_extensions(connection)
            connection.commit()
    finally:
        engine.dispose()
    store = Store.open(url, before_upgrade=None)
    try:
        with store.raw(write=True) as connection:
            created = apply(connection)
            database = current_database(connection)
            after = schema_revision_of(connection)
    finally:
        store.close()
    return SetUp(database, group_names(database), created, before, after)


@contextmanager
def _connected(engine: Engine, where: str) -> Iterator[ServerConnection]:
    """A server connection outside the store (nothing migrated yet), its failures in one line."""
    from claimtracker.store.errors import storage_error

    try:
        pooled = engine.raw_connection()
    except Exception as exc:
        error = storage_error(exc, where)
        if error is None:
            raise
        raise error from exc
    try:
        yield ServerConnection(pooled.driver_connection)  # type: ignore[arg-type]
    except Exception as exc:
        pooled.rollback()
        error = storage_error(exc, where)
        if error is None or error is exc:
            raise
        raise error from exc
    finally:
        pooled.close()


def schema_revision_of(connection: DbConnection) -> str | None:
    """The schema revision of the database, or None before the first migration."""
    if connection.execute("SELECT to_regclass('alembic_version') IS NULL").fetchone()[0]:
        return None
    found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if found is None else str(found[0])


def tables_of(connection: DbConnection) -> list[str]:
    return [
        str(name)
        for (name,) in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    ]
