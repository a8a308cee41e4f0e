"""Turning a PostgreSQL server's failures into messages an analyst can act on.

psycopg reports a failed connection as one ``OperationalError`` whose text holds the server's
(or the network's) reason; these are read here, without importing psycopg, so that a machine
without the driver can still use the rest of the store.
"""

from __future__ import annotations

import re

from claimtracker.errors import (
    ClaimTrackerError,
    DatabaseBusyError,
    DiskFullError,
    PermissionDeniedError,
    StorageError,
    ValidationError,
)

_MISSING_DATABASE = re.compile(r'database "([^"]*)" does not exist')
_MISSING_ROLE = re.compile(r'role "([^"]*)" does not exist')
_BAD_PASSWORD = re.compile(r'(?:password|authentication) failed for user "([^"]*)"')
_NO_PASSWORD = "no password supplied"
_UNREACHABLE = (
    "Connection refused",
    "No such file or directory",
    "could not translate host name",
    "timeout expired",
    "Name or service not known",
    "No route to host",
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "the database system is shutting down",
    "the database system is starting up",
    "connection is closed",
    "consuming input failed",
)

# SQLSTATE classes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_DISK_FULL = "53100"
_LOCK_NOT_AVAILABLE = ("55P03", "40P01", "40001")
_INSUFFICIENT_PRIVILEGE = "42501"
# Raised by the functions and triggers of ``server init`` (claimtracker.server.setup).
_REFUSED_BY_ROLE = "CT403"
_BAD_REQUEST = "CT400"
_NO_CONNECT = re.compile(r'permission denied for database "([^"]*)"')
#: A read that locks the row it is about to change (``services.common.get_record``): a write.
_LOCKING_READ = re.compile(r"\bFOR (NO KEY )?UPDATE\b")


def _psycopg_error_of(exc: BaseException) -> BaseException | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if type(current).__module__.startswith("psycopg"):
            return current
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return None


def server_error(exc: BaseException, where: str) -> ClaimTrackerError | None:
    """The user-facing error for a server failure, or None if it is not an environmental one."""
    error = _psycopg_error_of(exc)
    if error is None:
        return None
    text = str(error)
    sqlstate = getattr(error, "sqlstate", None)
    if match := _NO_CONNECT.search(text):
        return PermissionDeniedError(
            f"{where}: the server does not let you into the project {match[1]!r}: ask its lead "
            "to add you (claimtracker server add-analyst)."
        )
    if sqlstate in (_INSUFFICIENT_PRIVILEGE, _REFUSED_BY_ROLE, _BAD_REQUEST):
        return _refusal(exc, error, sqlstate, where)
    if match := _MISSING_DATABASE.search(text):
        return StorageError(
            f"{where}: the server has no database named {match[1]!r}. Ask its administrator to "
            f"create it (createdb {match[1]}), or check the name in the URL."
        )
    if match := _MISSING_ROLE.search(text):
        return StorageError(
            f"{where}: the server knows no user named {match[1]!r}. Check the user name in the "
            "URL, or ask the server's administrator to add you."
        )
    if match := _BAD_PASSWORD.search(text):
        return StorageError(
            f"{where}: the server refused the password of {match[1]!r}. Check the password "
            "(in the URL, the keyring or ~/.pgpass)."
        )
    if _NO_PASSWORD in text:
        return StorageError(
            f"{where}: the server asks for a password and none was given. Put it in ~/.pgpass "
            "or in the URL."
        )
    if any(reason in text for reason in _UNREACHABLE):
        return StorageError(
            f"{where} cannot be reached: no PostgreSQL server answers there (is it running, and "
            "are the host and port right?). Nothing was saved from this action."
        )
    if sqlstate == _DISK_FULL:
        return DiskFullError(
            f"The server's disk holding {where} is full; nothing was saved from this action."
        )
    if sqlstate in _LOCK_NOT_AVAILABLE:
        return DatabaseBusyError(
            f"{where} is busy: another analyst's change holds what this one needs. "
            "Try again in a moment."
        )
    if text.startswith(("connection failed", "connection is bad")):
        first = text.splitlines()[0]
        return StorageError(f"{where} cannot be reached ({first}).")
    return None


def _refusal(
    exc: BaseException, error: BaseException, sqlstate: str, where: str
) -> ClaimTrackerError:
    """A write (or a way in) beyond the analyst's role; the role is filled in by the store
    (:func:`with_role`), which can ask the server who the analyst is."""
    diag = getattr(error, "diag", None)
    primary = (getattr(diag, "message_primary", None) or str(error)).splitlines()[0]
    if sqlstate == _BAD_REQUEST:
        return ValidationError(primary)
    if sqlstate == _REFUSED_BY_ROLE:
        return PermissionDeniedError(
            " ".join(primary.split()), action=getattr(diag, "message_detail", None)
        )
    statement = _statement_of(exc).lstrip().upper()
    if statement.startswith(("SELECT", "WITH")) and not _LOCKING_READ.search(statement):
        action = "read"
    elif statement.startswith("DELETE"):
        action = "empty_trash"
    else:
        action = "edit_claims"
    return PermissionDeniedError(
        f"{where}: the server refused this, as beyond your role on the project ({primary}); "
        "nothing was saved from this action.",
        action=action,
    )


def _statement_of(exc: BaseException) -> str:
    current: BaseException | None = exc
    while current is not None:
        statement = getattr(current, "statement", None)
        if isinstance(statement, str):
            return statement
        current = current.__cause__
    return ""


def with_role(error: PermissionDeniedError, role: str) -> PermissionDeniedError:
    """``error`` told in the terms of ``role``: "You are a viewer on this project: …"."""
    from claimtracker.server.roles import ROLES, allowed

    if error.action is None or error.action == "read" or role not in ROLES:
        return error
    permitted, reason = allowed(role, error.action)
    if permitted:
        return error
    return PermissionDeniedError(reason, action=error.action, role=role)
