"""A team server as the other side of a merge, and as the side a merge writes into.

:func:`open_server_store` opens a server's project for merging without changing its schema
(a database without ClaimTracker's schema, or of another schema than this program's, is one
clear line); :func:`open_peer_server` reads it as a :class:`~claimtracker.merging.peer.Peer` in
one snapshot (a repeatable-read, read-only transaction), the same seam a project file is read
through. Failures of the server itself (down, wrong password, no such database) come out as
the store's one-line messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from claimtracker.errors import MergeInputError
from claimtracker.journal.changes import sqlite_execute
from claimtracker.merging.identity import project_identity
from claimtracker.merging.peer import Peer
from claimtracker.paths import database_target, is_url, sqlite_path_of
from claimtracker.server.enforcement import REFUSED_BY_ROLE
from claimtracker.store import Store
from claimtracker.store.dbapi import POSTGRESQL
from claimtracker.store.engine import database_url, make_engine, shown_url
from claimtracker.store.errors import storage_error
from claimtracker.store.migrate import schema_revision
from claimtracker.store.version import SCHEMA_HEAD

#: SQLSTATE of an action beyond one's role: the server's (insufficient_privilege) and the one
#: the team project's own checks raise (``server init``'s triggers: a verdict by an analyst).
_REFUSED = ("42501", REFUSED_BY_ROLE)


def server_refusal(exc: BaseException) -> str | None:
    """The server's reason when it refused something for the analyst's role, else None."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlstate", None) in _REFUSED:
            return str(current).splitlines()[0]
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return None


def _unreadable(where: str, reason: str) -> MergeInputError:
    return MergeInputError(
        f"cannot read the project on {where}: the server refused ({reason}); ask its lead for "
        "a role that may read it; nothing was changed"
    )


def is_server_url(target: str) -> bool:
    """Whether ``target`` names a server (a URL) rather than a project file."""
    return is_url(str(target)) and sqlite_path_of(database_target(str(target))) is None


def url_without_password(url: str) -> str:
    """``url`` as a file may keep it and a person reads it: the password left out (it stays in
    ~/.pgpass), the driver too (a bare postgresql:// URL means psycopg 3 here)."""
    plain = make_url(database_url(url)).set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False)


def open_server_store(url: str) -> Store:
    """The project on the server ``url``, its schema checked but never changed."""
    resolved = database_target(url)
    shown = shown_url(database_url(resolved))
    engine = make_engine(resolved)
    try:
        with engine.connect() as connection:
            revision = schema_revision(connection)
    except Exception as exc:
        engine.dispose()
        error = storage_error(exc, shown)
        if error is not None:
            raise error from exc
        reason = server_refusal(exc)
        if reason is None:
            raise
        raise _unreadable(shown, reason) from exc
    problem = None
    if revision is None:
        problem = "it holds no ClaimTracker project (run `claimtracker server init` there)"
    elif revision > SCHEMA_HEAD:
        problem = f"it was made by a newer ClaimTracker (schema {revision}); update first"
    elif revision < SCHEMA_HEAD:
        problem = (
            f"it holds an older ClaimTracker schema ({revision}); its administrator upgrades "
            "it by opening it once with this version"
        )
    if problem is not None:
        engine.dispose()
        raise MergeInputError(f"cannot use the server {shown}: {problem}; nothing was changed")
    return Store(resolved, engine)


@contextmanager
def open_peer_server(url: str) -> Iterator[Peer]:
    """The project on the server ``url`` as the other side of a merge, read in one snapshot."""
    store = open_server_store(url)
    name = url_without_password(url)
    try:
        with store.raw() as connection:
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            execute = sqlite_execute(connection)
            yield Peer(
                execute=execute,
                name=name,
                identity=project_identity(execute, POSTGRESQL),
                has_origin=True,
                dialect=POSTGRESQL,
            )
    except Exception as exc:
        reason = server_refusal(exc)
        if reason is None:
            raise
        raise _unreadable(name, reason) from exc
    finally:
        store.close()
