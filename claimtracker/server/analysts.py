"""Adding, listing, re-roling and removing a project's analysts on its server.

Each change is made by the server's ``claimtracker_*`` functions (installed by ``server init``),
which run with the rights of the project's owner and first check that the caller is a lead (or
the owner): leads manage analysts without holding the server-wide right to create roles.
A password is hashed here (SCRAM, by libpq) before it is sent, so that it never appears in the
server's statements or logs.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtracker.errors import ValidationError
from claimtracker.server.roles import GROUP_ROLES, MAX_IDENTIFIER, current_database, group_names
from claimtracker.store.dbapi import DbConnection, ServerConnection


@dataclass(frozen=True)
class Analyst:
    name: str
    role: str
    can_log_in: bool


def checked_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned.encode()) > MAX_IDENTIFIER:
        raise ValidationError(
            f"An analyst's name is 1 to {MAX_IDENTIFIER} bytes long, not {name!r}", field="name"
        )
    return cleaned


def checked_role(role: str) -> str:
    if role not in GROUP_ROLES:
        raise ValidationError(
            f"There is no role {role!r}: say {', '.join(GROUP_ROLES[:-1])} or {GROUP_ROLES[-1]}",
            field="role",
        )
    return role


def add_analyst(
    connection: ServerConnection, name: str, role: str, password: str | None = None
) -> None:
    """Let ``name`` in as ``role``: a new login role (with ``password``, if given), or an
    existing login of the server (another project's analyst) given this project's role."""
    name, role = checked_name(name), checked_role(role)
    verifier = None
    if password is not None:
        if not password:
            raise ValidationError("The password is empty", field="password")
        verifier = connection.psycopg.pgconn.encrypt_password(
            password.encode(), name.encode()
        ).decode()
    connection.execute("SELECT claimtracker_add_analyst(?, ?, ?)", (name, role, verifier))


def set_role(connection: DbConnection, name: str, role: str) -> None:
    connection.execute(
        "SELECT claimtracker_set_role(?, ?)", (checked_name(name), checked_role(role))
    )


def remove_analyst(connection: DbConnection, name: str) -> bool:
    """Take ``name``'s role on this project away; True if their login was dropped too (it is
    kept while it belongs to another project or owns something on the server)."""
    row = connection.execute("SELECT claimtracker_remove_analyst(?)", (checked_name(name),))
    return bool(row.fetchone()[0])


def analysts(connection: DbConnection) -> list[Analyst]:
    """The project's analysts, by name, each with their highest role."""
    names = group_names(current_database(connection))
    rank = {names.of(role): index for index, role in enumerate(GROUP_ROLES)}
    rows = connection.execute(
        "SELECT member.rolname, grp.rolname, member.rolcanlogin"
        " FROM pg_auth_members m"
        " JOIN pg_roles grp ON grp.oid = m.roleid"
        " JOIN pg_roles member ON member.oid = m.member"
        " WHERE grp.rolname IN (?, ?, ?) AND member.rolname NOT IN (?, ?, ?)",
        (*names, *names),
    ).fetchall()
    best: dict[str, tuple[int, bool]] = {}
    for member, group, can_log_in in rows:
        level = rank[group]
        if member not in best or best[member][0] < level:
            best[member] = (level, bool(can_log_in))
    return [
        Analyst(member, GROUP_ROLES[level], can_log_in)
        for member, (level, can_log_in) in sorted(best.items(), key=lambda item: item[0].lower())
    ]
