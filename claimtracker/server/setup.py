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

What triggers say: a claim's status is set to verified or false, or changed from them, only by
a lead (or the owner), with SQLSTATE ``CT403``; the history and opinions written by an analyst
carry their login role (``session_user``), whatever the client sent (the owner's are kept as
given, so that a project restored by its owner keeps who did what).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimtracker.errors import StorageError, UnsupportedDatabaseError
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

#: SQLSTATEs raised by the functions below: a refusal by role, a request that cannot be done.
REFUSED_BY_ROLE = "CT403"
BAD_REQUEST = "CT400"

#: Statuses only a lead may set, or change a claim from.
VERDICTS = ("verified", "false")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


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
    _install_functions(connection, names)
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
        _install_functions(connection, names)
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


def _install_functions(connection: DbConnection, names: GroupNames) -> None:
    viewer = quote_ident(names.viewer)
    groups: dict[str, str] = {role: quote_literal(names.of(role)) for role in GROUP_ROLES}
    for statement in _function_sql(groups):
        connection.execute(statement)
    for function in ("claimtracker_role()", *_MANAGEMENT):
        connection.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        connection.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {viewer}")
    for table, statement in _TRIGGERS:
        # A project set up at an older schema gets a table's trigger once it has the table.
        if connection.execute("SELECT to_regclass(?) IS NOT NULL", (table,)).fetchone()[0]:
            connection.execute(statement)


_MANAGEMENT = (
    "claimtracker_add_analyst(text, text, text)",
    "claimtracker_set_role(text, text)",
    "claimtracker_remove_analyst(text)",
)

_VERDICTS = ", ".join(quote_literal(status) for status in VERDICTS)

#: (table, trigger on it).
_TRIGGERS = (
    (
        "claim",
        "CREATE OR REPLACE TRIGGER claimtracker_verdict_insert BEFORE INSERT ON claim"
        f" FOR EACH ROW WHEN (NEW.status IN ({_VERDICTS}))"
        " EXECUTE FUNCTION claimtracker_guard_verdict()",
    ),
    (
        "claim",
        "CREATE OR REPLACE TRIGGER claimtracker_verdict_update BEFORE UPDATE OF status ON claim"
        " FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status"
        f" AND (NEW.status IN ({_VERDICTS}) OR OLD.status IN ({_VERDICTS})))"
        " EXECUTE FUNCTION claimtracker_guard_verdict()",
    ),
    (
        "history",
        "CREATE OR REPLACE TRIGGER claimtracker_history_analyst BEFORE INSERT ON history"
        " FOR EACH ROW EXECUTE FUNCTION claimtracker_stamp_analyst()",
    ),
    (
        "opinion",
        "CREATE OR REPLACE TRIGGER claimtracker_opinion_analyst BEFORE INSERT ON opinion"
        " FOR EACH ROW EXECUTE FUNCTION claimtracker_stamp_analyst()",
    ),
)


def _function_sql(groups: dict[str, str]) -> list[str]:
    viewer, analyst, lead = groups["viewer"], groups["analyst"], groups["lead"]
    refused, bad = quote_literal(REFUSED_BY_ROLE), quote_literal(BAD_REQUEST)
    # Written with pg_catalog first in the search path, so that no table or function an
    # analyst could create shadows the ones these rely on (some run as their owner).
    path = "SET search_path = pg_catalog, public"
    return [
        f"""
CREATE OR REPLACE FUNCTION claimtracker_is_owner() RETURNS boolean
LANGUAGE sql STABLE {path} AS $$
  SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
      OR coalesce(pg_has_role(session_user,
                  (SELECT relowner FROM pg_class WHERE oid = to_regclass('public.claim')),
                  'MEMBER'), false)
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_role() RETURNS text
LANGUAGE sql STABLE {path} AS $$
  SELECT CASE
    WHEN claimtracker_is_owner() THEN 'owner'
    WHEN pg_has_role(session_user, {lead}, 'MEMBER') THEN 'lead'
    WHEN pg_has_role(session_user, {analyst}, 'MEMBER') THEN 'analyst'
    ELSE 'viewer' END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_guard_verdict() RETURNS trigger
LANGUAGE plpgsql {path} AS $$
DECLARE
  role text := claimtracker_role();
BEGIN
  IF role NOT IN ('lead', 'owner') THEN
    RAISE EXCEPTION 'Only a lead can set a claim''s status to verified or false, or change it
from them (claim #%, % is %s %s)', NEW.id, session_user,
      CASE WHEN role = 'analyst' THEN 'an' ELSE 'a' END, role
      USING ERRCODE = {refused}, DETAIL = 'set_verdict';
  END IF;
  RETURN NEW;
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_stamp_analyst() RETURNS trigger
LANGUAGE plpgsql {path} AS $$
BEGIN
  IF NEW.analyst IS DISTINCT FROM session_user::text AND NOT claimtracker_is_owner() THEN
    NEW.analyst := session_user;
  END IF;
  RETURN NEW;
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_require_lead() RETURNS void
LANGUAGE plpgsql {path} AS $$
BEGIN
  IF claimtracker_role() NOT IN ('lead', 'owner') THEN
    RAISE EXCEPTION 'Only a lead can add, change or remove analysts (% is not one)',
      session_user USING ERRCODE = {refused}, DETAIL = 'manage_analysts';
  END IF;
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_group_of(role text) RETURNS text
LANGUAGE plpgsql IMMUTABLE {path} AS $$
BEGIN
  CASE role
    WHEN 'viewer' THEN RETURN {viewer};
    WHEN 'analyst' THEN RETURN {analyst};
    WHEN 'lead' THEN RETURN {lead};
    ELSE RAISE EXCEPTION 'There is no role %: say viewer, analyst or lead', role
      USING ERRCODE = {bad};
  END CASE;
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_current_role_of(who text) RETURNS text
LANGUAGE sql STABLE {path} AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                 JOIN pg_roles r ON r.oid = m.member
                 WHERE r.rolname = who AND g.rolname = {lead}) THEN 'lead'
    WHEN EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                 JOIN pg_roles r ON r.oid = m.member
                 WHERE r.rolname = who AND g.rolname = {analyst}) THEN 'analyst'
    WHEN EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                 JOIN pg_roles r ON r.oid = m.member
                 WHERE r.rolname = who AND g.rolname = {viewer}) THEN 'viewer'
  END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_add_analyst(who text, role text, verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
  target_group text;
  existing pg_roles%ROWTYPE;
  held text;
BEGIN
  PERFORM claimtracker_require_lead();
  target_group := claimtracker_group_of(role);
  IF who IS NULL OR btrim(who) = '' OR octet_length(who) > 63 THEN
    RAISE EXCEPTION 'An analyst''s name is 1 to 63 bytes long' USING ERRCODE = {bad};
  END IF;
  SELECT * INTO existing FROM pg_roles WHERE rolname = who;
  IF FOUND THEN
    held := claimtracker_current_role_of(who);
    IF held IS NOT NULL THEN
      RAISE EXCEPTION '% is already % % on this project (server set-role changes it)', who,
        CASE WHEN held = 'analyst' THEN 'an' ELSE 'a' END, held USING ERRCODE = {bad};
    END IF;
    IF existing.rolsuper OR NOT existing.rolcanlogin OR who LIKE 'pg\\_%' THEN
      RAISE EXCEPTION '% is not a login the server lets ClaimTracker give a role to', who
        USING ERRCODE = {bad};
    END IF;
    IF verifier IS NOT NULL THEN
      RAISE EXCEPTION '% already has a login on this server: add them without a password, '
        'they sign in with the one they have', who USING ERRCODE = {bad};
    END IF;
  ELSIF verifier IS NULL THEN
    EXECUTE format('CREATE ROLE %I LOGIN', who);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', who, verifier);
  END IF;
  EXECUTE format('GRANT %I TO %I', target_group, who);
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_set_role(who text, role text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
  target_group text;
  grp text;
BEGIN
  PERFORM claimtracker_require_lead();
  target_group := claimtracker_group_of(role);
  IF claimtracker_current_role_of(who) IS NULL THEN
    RAISE EXCEPTION '% is not an analyst of this project (server analysts lists them)', who
      USING ERRCODE = {bad};
  END IF;
  FOREACH grp IN ARRAY ARRAY[{viewer}, {analyst}, {lead}] LOOP
    IF grp <> target_group THEN
      EXECUTE format('REVOKE %I FROM %I', grp, who);
    END IF;
  END LOOP;
  EXECUTE format('GRANT %I TO %I', target_group, who);
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_remove_analyst(who text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
  grp text;
BEGIN
  PERFORM claimtracker_require_lead();
  IF claimtracker_current_role_of(who) IS NULL THEN
    RAISE EXCEPTION '% is not an analyst of this project (server analysts lists them)', who
      USING ERRCODE = {bad};
  END IF;
  FOREACH grp IN ARRAY ARRAY[{viewer}, {analyst}, {lead}] LOOP
    EXECUTE format('REVOKE %I FROM %I', grp, who);
  END LOOP;
  -- A login that belongs to no other group (another project's) goes with its last role.
  IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
             WHERE r.rolname = who) THEN
    RETURN false;
  END IF;
  BEGIN
    EXECUTE format('DROP ROLE %I', who);
  EXCEPTION WHEN dependent_objects_still_exist THEN
    RETURN false;
  END;
  RETURN true;
END
$$""",
    ]


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
