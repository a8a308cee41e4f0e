"""The functions and triggers through which the server enforces what GRANTs cannot say.

Installed (and replaced, so that running ``server init`` again updates them) by
:mod:`claimtracker.server.setup`:

* ``claimtracker_guard_verdict`` (triggers on ``claim``): a claim's status is set to verified
  or false, or changed from them, by a lead or the owner only; anyone else gets SQLSTATE
  ``CT403`` with the action ``set_verdict`` as its DETAIL;
* ``claimtracker_stamp_analyst`` (triggers on ``history`` and ``opinion``): what an analyst
  writes carries their login role (``session_user``) whatever the client sent; the owner's
  rows are kept as given, so that a project restored by its owner keeps who did what;
* ``claimtracker_guard_opinion`` (trigger on ``opinion``): an opinion is changed only by the
  analyst who holds it (or the owner), and stays theirs;
* ``claimtracker_add_analyst`` / ``_set_role`` / ``_remove_analyst``: managing analysts, with
  the rights of the functions' owner (who may create roles), after checking that the caller
  is a lead or the owner (``CT403``, ``manage_analysts``); a request that cannot be done is
  ``CT400`` with a one-line message;
* ``claimtracker_repair_indexes()``: ``REINDEX`` of the schema's indexes the server does not
  use (Check Database's repair), with the rights of the tables' owner (only an index's owner may
  rebuild it), for a lead or the owner (``CT403``, ``repair_indexes``); returns their names;
* ``claimtracker_role()``: the caller's role, for psql users and other programs.
"""

from __future__ import annotations

from claimtracker.server.roles import GROUP_ROLES, VERDICTS, GroupNames
from claimtracker.store.dbapi import DbConnection

#: SQLSTATEs raised by the functions below: a refusal by role, a request that cannot be done.
REFUSED_BY_ROLE = "CT403"
BAD_REQUEST = "CT400"

#: Statuses only a lead may set, or change a claim from.


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def install_functions(connection: DbConnection, names: GroupNames) -> None:
    """Create or replace the functions and triggers, and who may call which."""
    viewer = quote_ident(names.viewer)
    groups: dict[str, str] = {role: quote_literal(names.of(role)) for role in GROUP_ROLES}
    for statement in _function_sql(groups):
        connection.execute(statement)
    for function in ("claimtracker_role()", *_MANAGEMENT):
        connection.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        connection.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {viewer}")
    owner = connection.execute(
        "SELECT relowner FROM pg_class WHERE oid = to_regclass('claim')"
    ).fetchone()[0]
    for table, statement in _TRIGGERS:
        # A project set up at an older schema gets a table's trigger once it has the table.
        if connection.execute("SELECT to_regclass(?) IS NOT NULL", (table,)).fetchone()[0]:
            connection.execute(statement.replace("{owner}", str(int(owner))))


_MANAGEMENT = (
    "claimtracker_add_analyst(text, text, text)",
    "claimtracker_set_role(text, text)",
    "claimtracker_remove_analyst(text)",
    "claimtracker_repair_indexes()",
)

#: The indexes of this schema that the server does not use (or keep up to date): a build that
#: failed half-way (``CREATE INDEX CONCURRENTLY``) or an index marked invalid.
INVALID_INDEXES = """
    SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND NOT (i.indisvalid AND i.indisready)
    ORDER BY 1
"""
#: The same, in the project's schema, for a function whose search_path starts at the catalog.
_INVALID_IN_PUBLIC = INVALID_INDEXES.replace("current_schema()", "'public'")

_VERDICTS = ", ".join(quote_literal(status) for status in VERDICTS)

# Checked by the trigger itself, without calling a function of ours: rows that already name the
# login (all of ClaimTracker's own), and the owner's (superusers are members of every role),
# cost next to nothing, even in a bulk import. {owner} is the tables' owner's oid.
_NOT_THE_LOGIN = (
    "NEW.analyst IS DISTINCT FROM session_user::text"
    " AND NOT pg_has_role(session_user, {owner}::oid, 'MEMBER')"
)

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
        " FOR EACH ROW WHEN (" + _NOT_THE_LOGIN + ") EXECUTE FUNCTION claimtracker_stamp_analyst()",
    ),
    (
        "opinion",
        "CREATE OR REPLACE TRIGGER claimtracker_opinion_analyst BEFORE INSERT ON opinion"
        " FOR EACH ROW WHEN (" + _NOT_THE_LOGIN + ") EXECUTE FUNCTION claimtracker_stamp_analyst()",
    ),
    (
        "opinion",
        "CREATE OR REPLACE TRIGGER claimtracker_opinion_own BEFORE UPDATE ON opinion"
        " FOR EACH ROW WHEN ((OLD.analyst IS DISTINCT FROM session_user::text"
        " OR NEW.analyst IS DISTINCT FROM session_user::text)"
        " AND NOT pg_has_role(session_user, {owner}::oid, 'MEMBER'))"
        " EXECUTE FUNCTION claimtracker_guard_opinion()",
    ),
)


def _function_sql(groups: dict[str, str]) -> list[str]:
    viewer, analyst, lead = groups["viewer"], groups["analyst"], groups["lead"]
    refused, bad = quote_literal(REFUSED_BY_ROLE), quote_literal(BAD_REQUEST)
    # pg_catalog first and the session's temporary schema last (unlisted, it would be searched
    # first): no temporary table an analyst makes can shadow the catalog these read, some of
    # them with their owner's rights.
    path = "SET search_path = pg_catalog, public, pg_temp"
    made_here = "'Made by ClaimTracker for the project ' || current_database()"
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
    RAISE EXCEPTION 'Only a lead can set a claim''s status to verified or false, or change '
      'it from them (claim #%: % is % %)', NEW.id, session_user,
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
  NEW.analyst := session_user;
  RETURN NEW;
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION claimtracker_guard_opinion() RETURNS trigger
LANGUAGE plpgsql {path} AS $$
BEGIN
  RAISE EXCEPTION 'An opinion is its analyst''s own: % cannot change the opinion of % on '
    'claim #%', session_user, OLD.analyst, OLD.claim_id USING ERRCODE = {bad};
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
  ELSE
    IF verifier IS NULL THEN
      EXECUTE format('CREATE ROLE %I LOGIN', who);
    ELSE
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', who, verifier);
    END IF;
    EXECUTE format('COMMENT ON ROLE %I IS %L', who, {made_here});
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
  -- A login this project made, and which belongs to no other group (another project's),
  -- goes with its last role; a login the server had before stays.
  IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
             WHERE r.rolname = who)
     OR shobj_description((SELECT oid FROM pg_roles WHERE rolname = who), 'pg_authid')
        IS DISTINCT FROM {made_here} THEN
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
        f"""
CREATE OR REPLACE FUNCTION claimtracker_repair_indexes() RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
  found_index text;
BEGIN
  IF claimtracker_role() NOT IN ('lead', 'owner') THEN
    RAISE EXCEPTION 'Only a lead can rebuild the server''s indexes (% is not one)',
      session_user USING ERRCODE = {refused}, DETAIL = 'repair_indexes';
  END IF;
  FOR found_index IN {_INVALID_IN_PUBLIC} LOOP
    EXECUTE format('REINDEX INDEX public.%I', found_index);
    RETURN NEXT found_index;
  END LOOP;
END
$$""",
    ]
