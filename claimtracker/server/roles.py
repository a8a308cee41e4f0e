"""The roles on a team server, and what each may do.

An analyst connects as their own login role (``postgresql+psycopg://anna@host/claims``), which
is a member of one of three group roles that ``claimtracker server init`` creates for the
database:

* **viewer** — reads everything;
* **analyst** — also writes claims, sources, links, tags, actors and opinions, and moves them to
  the trash and back;
* **lead** — also sets a claim's status to verified or false (or away from them), empties the
  trash, manages the analysts and rebuilds an index the server stopped using (Check Database).

The **owner** (the role that owns the schema's tables, or a superuser) can do everything, and
is the one who runs ``server init`` and upgrades the schema. A project in an SQLite file has
only its owner.

The server enforces all of this itself (GRANTs and triggers, :mod:`claimtracker.server.setup`);
:func:`allowed` lets the app and the command line say so before trying, with the same reason
the server's refusal is translated into.

Group role names
----------------
Several projects can share one server, each in its own database, so the groups carry the
database's name: ``claimtracker_viewer_<database>``, ``claimtracker_analyst_<database>`` and
``claimtracker_lead_<database>`` (:func:`group_names`). A name longer than PostgreSQL's 63 bytes
keeps the start of the database's name and ends with a short hash of the whole of it.
"""

from __future__ import annotations

import hashlib
from typing import Literal, NamedTuple

from claimtracker.store.dbapi import POSTGRESQL, DbConnection, dialect_of

#: The statuses only a lead may set, or change a claim away from (the server enforces it).
VERDICTS = ("verified", "false")

Role = Literal["viewer", "analyst", "lead", "owner"]

#: The roles an analyst can be given, from the least to the most allowed.
GROUP_ROLES: tuple[Role, ...] = ("viewer", "analyst", "lead")
ROLES: tuple[Role, ...] = (*GROUP_ROLES, "owner")

#: PostgreSQL's longest identifier, in bytes.
MAX_IDENTIFIER = 63

#: What a role may be asked to do, and the least role that may.
ACTIONS: dict[str, Role] = {
    "read": "viewer",
    "edit_claims": "analyst",
    "set_verdict": "lead",
    "empty_trash": "lead",
    "manage_analysts": "lead",
    "repair_indexes": "lead",
    "set_up_server": "owner",
}

#: Why a role below the least one may not: said after "You are a viewer on this project: ".
_WHY_NOT = {
    "read": "only its analysts can read it",
    "edit_claims": "only analysts and leads can change claims",
    "set_verdict": (
        "only a lead can set a claim's status to verified or false, or change it from them"
    ),
    "empty_trash": "only a lead can empty the trash",
    "manage_analysts": "only a lead can add, change or remove analysts",
    "repair_indexes": "only a lead can rebuild the server's indexes",
    "set_up_server": "only its owner can set up the server or upgrade the schema",
}


class GroupNames(NamedTuple):
    viewer: str
    analyst: str
    lead: str

    def of(self, role: str) -> str:
        return str(getattr(self, role))


def group_name(role: str, database: str) -> str:
    """The group role of ``role`` for the database called ``database``."""
    name = f"claimtracker_{role}_{database}"
    if len(name.encode()) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha1(database.encode()).hexdigest()[:8]
    head = f"claimtracker_{role}_"
    room = MAX_IDENTIFIER - len(head) - len(digest) - 1
    kept = database.encode()[:room].decode(errors="ignore")
    return f"{head}{kept}_{digest}"


def group_names(database: str) -> GroupNames:
    return GroupNames(*(group_name(role, database) for role in GROUP_ROLES))


def rank(role: Role) -> int:
    return ROLES.index(role)


def article(role: str) -> str:
    return "an" if role[0] in "aeiou" else "a"


def allowed(role: Role, action: str) -> tuple[bool, str]:
    """Whether ``role`` may do ``action`` (one of :data:`ACTIONS`), and if not, why, in one
    line the app can show beside a disabled control."""
    try:
        least = ACTIONS[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}; known: {', '.join(ACTIONS)}") from None
    if rank(role) >= rank(least):
        return True, ""
    return False, f"You are {article(role)} {role} on this project: {_WHY_NOT[action]}."


def role_of(connection: DbConnection) -> Role:
    """The role of the analyst a connection belongs to: ``owner`` on an SQLite file, and on a
    server for a superuser or the owner of the schema; else the highest group they are in
    (``viewer`` when in none: such a login reads at most what the server lets anyone read)."""
    if dialect_of(connection) != POSTGRESQL:
        return "owner"
    names = group_names(current_database(connection))
    row = connection.execute(
        "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
        " OR coalesce(pg_has_role(session_user,"
        " (SELECT relowner FROM pg_class WHERE oid = to_regclass('claim')), 'MEMBER'), false),"
        " EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?"
        "   AND pg_has_role(session_user, oid, 'MEMBER')),"
        " EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?"
        "   AND pg_has_role(session_user, oid, 'MEMBER'))",
        (names.lead, names.analyst),
    ).fetchone()
    owner, lead, analyst = (bool(value) for value in row)
    if owner:
        return "owner"
    if lead:
        return "lead"
    return "analyst" if analyst else "viewer"


def current_database(connection: DbConnection) -> str:
    return str(connection.execute("SELECT current_database()").fetchone()[0])


def login_of(connection: DbConnection) -> str:
    """The login role a server connection works as (the name its history entries carry)."""
    return str(connection.execute("SELECT session_user").fetchone()[0])
