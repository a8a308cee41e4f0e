"""Engines for a claim database: an SQLite file, with the settings that keep work safe, or a
PostgreSQL server (``postgresql+psycopg://user@host/dbname``, psycopg 3 from the ``server`` extra).

On every SQLite connection: WAL journal (readers never block the writer), ``synchronous=FULL``
(a commit is on disk when it returns), foreign keys enforced, and a busy timeout so that two
programs on one file wait for each other instead of failing. Transactions that write begin
``IMMEDIATE`` so that they take the write lock up front and never fail half-way with
"database is locked".
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

from claimtracker.errors import UnsupportedDatabaseError
from claimtracker.paths import is_url
from claimtracker.safety.live_files import TrackedConnection
from claimtracker.safety.pragmas import configure_sqlite_connection

log = logging.getLogger(__name__)

#: The execution option that makes a transaction begin IMMEDIATE (see :func:`writing`).
BEGIN_OPTION = "claimtracker_begin"


#: How long connecting to a server may take before it counts as down (seconds).
SERVER_CONNECT_TIMEOUT = 10

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def database_url(target: str) -> str:
    """An SQLAlchemy URL for ``target``, which is a URL already or a path to an SQLite file.

    A bare ``postgresql://`` (or ``postgres://``) URL means psycopg 3, the driver ClaimTracker
    installs, rather than SQLAlchemy's default psycopg2.
    """
    if is_url(target):
        for scheme in _POSTGRES_SCHEMES:
            if target.startswith(scheme):
                return "postgresql+psycopg://" + target[len(scheme) :]
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def shown_url(url: str) -> str:
    """``url`` as it may be shown to a user: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return f"{url.split('://', 1)[0]}://…"


def make_engine(target: str, **engine_args: Any) -> Engine:
    """An engine for ``target``; a URL no installed driver can serve, or a server URL that
    names no database, is a one-line :class:`UnsupportedDatabaseError`, not a traceback."""
    url = database_url(target)
    if url.startswith("postgresql") and not _database_of(url):
        raise UnsupportedDatabaseError(
            f"{shown_url(url)} names no database: add its name at the end of the URL, as in "
            "postgresql+psycopg://user@host/claims"
        )
    try:
        return _make_engine(url, **engine_args)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise UnsupportedDatabaseError(_no_driver(url, exc)) from exc


def _database_of(url: str) -> str | None:
    try:
        return make_url(url).database
    except ArgumentError:
        return None


def _no_driver(url: str, exc: BaseException) -> str:
    scheme = url.split("://", 1)[0]
    shown = shown_url(url)
    if isinstance(exc, ImportError) and scheme.startswith("postgresql"):
        return (
            f"{shown} cannot be opened: the PostgreSQL driver (psycopg) is not installed; "
            "install it with: pip install 'claimtracker[server]'"
        )
    if isinstance(exc, ImportError):
        missing = exc.name or str(exc)
        why = f"its driver ({missing}) is not installed"
    elif isinstance(exc, NoSuchModuleError):
        why = f"no database driver knows the scheme {scheme!r}"
    else:
        why = "it is not a database URL"
    return (
        f"{shown} cannot be opened: {why}. ClaimTracker keeps its work in SQLite files or on "
        "a PostgreSQL server: give a file path (or sqlite:///path/to/file.db) or a server URL "
        "(postgresql+psycopg://user@host/database)."
    )


def _make_engine(url: str, **engine_args: Any) -> Engine:
    if url.startswith("sqlite"):
        # Counted while open, so that nothing reads the file with ordinary calls meanwhile.
        connect_args = {"factory": TrackedConnection, **engine_args.pop("connect_args", {})}
        engine_args["connect_args"] = connect_args
    elif url.startswith("postgresql"):
        server_args: dict[str, Any] = {
            "connect_timeout": SERVER_CONNECT_TIMEOUT,
            # Every statement planned for its own values: psycopg prepares a statement run five
            # times, and a generic plan would not know a search's words (it would guess their
            # frequency, and compute the tsquery for every row: claimtracker.query.server_search).
            # A streamed query (a server-side cursor: ``ServerConnection.stream``) is planned
            # for its first rows: the first page of a sorted table, not all million; and no
            # JIT compiling (tens of ms) for a query costed by all the rows it could read.
            "options": (
                "-c plan_cache_mode=force_custom_plan -c cursor_tuple_fraction=0.001 -c jit=off"
            ),
        }
        engine_args["connect_args"] = {**server_args, **engine_args.pop("connect_args", {})}
        # A server restarts or drops idle connections: test a pooled one before handing it out,
        # every time. (Skipping the test for a connection used within the last second saved a
        # round trip per save, but let a save retried the moment the server came back take a
        # connection the restart had dropped: the kept edit then failed again and stayed kept.)
        engine_args.setdefault("pool_pre_ping", True)
    engine = create_engine(url, **engine_args)
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine)
    return engine


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # Let us issue BEGIN ourselves (pysqlite's own transaction handling is too late and
        # always DEFERRED).
        dbapi_connection.isolation_level = None
        configure_sqlite_connection(dbapi_connection)  # type: ignore[arg-type]

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def writing(engine: Engine) -> Engine:
    """The same engine, whose transactions begin IMMEDIATE (take the write lock at once)."""
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
