"""A claim database: one engine, sessions per user action, migrations on open."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from claimtracker.errors import ClaimTrackerError, PermissionDeniedError, StorageError
from claimtracker.journal.changes import ChangeSet
from claimtracker.journal.deferred import session_changes, session_mark
from claimtracker.paths import database_target, sqlite_path_of
from claimtracker.safety import live_files
from claimtracker.safety.backup import backup_before_upgrade
from claimtracker.safety.integrity import check_before_open
from claimtracker.safety.pragmas import configure_sqlite_connection
from claimtracker.store import migrate
from claimtracker.store.dbapi import DbConnection, ServerConnection
from claimtracker.store.engine import database_url, make_engine, shown_url, writing
from claimtracker.store.errors import storage_error

log = logging.getLogger(__name__)

T = TypeVar("T")


class Transaction:
    """One user action's transaction: its ``session``, and once the block ends, the change set
    it wrote (``changes``, read from the journal before the commit)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.mark = session_mark(session)
        self.changes = ChangeSet()


class Store:
    """An open claim database.

    Use :meth:`read` for a session that only looks, :meth:`write` for one user action that
    changes something: it takes the write lock at once, commits when the block ends and rolls
    everything back if it fails. Database failures come out as :class:`StorageError`.
    """

    def __init__(self, target: str, engine: Engine) -> None:
        self.target = target
        self.engine = engine
        self.path: Path | None = sqlite_path_of(target)
        self._writer = writing(engine)
        #: The login role a server connection works as (looked up on the first write).
        self._server_login: str | None = None

    @classmethod
    def open(
        cls,
        target: str | Path | None = None,
        *,
        before_upgrade: Callable[[Store, str | None], None] | None = backup_before_upgrade,
    ) -> Store:
        """Open (creating if needed) the database ``target`` and upgrade its schema.

        ``target`` is a file path or an SQLAlchemy URL; None means ``$CLAIMTRACKER_DB`` or the
        default file in the user's data folder. A file is checked first (a damaged one raises
        :class:`DatabaseDamagedError` and is left alone; after an unclean shutdown SQLite's
        quick check runs), and ``before_upgrade`` runs before its schema is changed: by default
        a verified backup, so that no migration happens without one.
        """
        resolved = database_target(target)
        path = sqlite_path_of(resolved)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"Cannot create the folder for {path}: {exc.strerror}") from exc
            check_before_open(path)
        engine = make_engine(resolved)
        store = cls(resolved, engine)
        hook = (
            (lambda revision: before_upgrade(store, revision))
            if before_upgrade and path is not None
            else None
        )
        try:
            migrate.upgrade(engine, before_upgrade=hook)
            if path is None and engine.dialect.name == "postgresql":
                store._install_live_triggers()
        except ClaimTrackerError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            error = storage_error(exc, path or shown_url(database_url(resolved)))
            if error is None:
                raise
            raise error from exc
        return store

    def _install_live_triggers(self) -> None:
        """The journal's ordering and notice triggers (``claimtracker.server.live``); an
        analyst without the right to create them works on (the owner installs them)."""
        from claimtracker.server.live import install_journal_triggers, journal_triggers_installed

        with self.raw() as connection:
            if journal_triggers_installed(connection):
                return
        try:
            with self.raw(write=True) as connection:
                install_journal_triggers(connection)
        except Exception as exc:  # no right to create triggers: the app then looks regularly
            log.warning("Live change notices are not installed on %s: %s", self.display_name, exc)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _translated(self, exc: BaseException) -> BaseException:
        error = storage_error(exc, self.display_name)
        if isinstance(error, PermissionDeniedError) and error.role is None:
            return self._told_by_role(error)
        return error if error is not None else exc

    def _told_by_role(self, error: PermissionDeniedError) -> PermissionDeniedError:
        """A refusal by the server, said in the terms of the analyst's role (looked up on a
        connection of its own: the refused transaction is gone)."""
        from claimtracker.server.roles import role_of
        from claimtracker.store.server_errors import with_role

        try:
            pooled = self.engine.raw_connection()
        except DBAPIError:
            return error
        server = ServerConnection(pooled.driver_connection)  # type: ignore[arg-type]
        try:
            return with_role(error, role_of(server))
        except Exception:  # the server went away meanwhile: its first refusal still holds
            log.debug("Cannot look up the analyst's role", exc_info=True)
            return error
        finally:
            pooled.rollback()
            pooled.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking only; nothing it does is committed."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
        except DBAPIError as exc:
            raise self._translated(exc) from exc
        finally:
            session.close()

    def reading(self, read: Callable[..., T], /, **arguments: Any) -> T:
        """``read(session=..., **arguments)`` in a session that only looks (for callers that
        need no session of their own, such as the app)."""
        with self.read() as session:
            return read(session=session, **arguments)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one user action: committed at the end, rolled back on any error."""
        session = Session(self._writer, expire_on_commit=False)
        try:
            if not self.is_sqlite:
                # The login, looked up once per Store (the history's analyst). The journal's
                # lock is taken last, by its INSERT just before the commit
                # (claimtracker.journal.deferred).
                from claimtracker.journal.entries import ANALYST_KEY

                if self._server_login is None:
                    self._server_login = str(
                        session.connection().exec_driver_sql("SELECT session_user").scalar_one()
                    )
                session.info.setdefault(ANALYST_KEY, self._server_login)
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if isinstance(exc, DBAPIError | OSError):
                raise self._translated(exc) from exc
            raise
        finally:
            session.close()

    @contextmanager
    def change(self) -> Iterator[Transaction]:
        """Like :meth:`write`, and says what the block changed: ``transaction.changes``."""
        with self.write() as session:
            transaction = Transaction(session)
            yield transaction
            session.flush()
            transaction.changes = session_changes(session, transaction.mark)

    @contextmanager
    def raw(self, *, write: bool = False) -> Iterator[DbConnection]:
        """A plain DB-API connection for reading and bulk work (``claimtracker.store.dbapi``).

        On a file: an sqlite3 connection with the same safety pragmas; with ``write=True`` a
        transaction is open (BEGIN IMMEDIATE: the write lock at once). On a server: a pooled
        psycopg connection as a :class:`ServerConnection`; with ``write=True`` its ordinary
        transaction (a bulk writer takes the journal's lock itself, only for its entries and the
        commit: ``claimtracker.journal.deferred.journal_turn``). Either way a write is committed at the end and rolled back on error; a
        read is rolled back.
        """
        if not self.is_sqlite:
            with self._server_raw(write=write) as server:
                yield server
            return
        if self.path is None:
            from claimtracker.errors import UnsupportedDatabaseError

            raise UnsupportedDatabaseError("Bulk operations need an SQLite database file")
        connection = live_files.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            configure_sqlite_connection(connection)
            if write:
                connection.execute("BEGIN IMMEDIATE")
            yield connection
            if write:
                connection.execute("COMMIT")
        except BaseException as exc:
            if write and connection.in_transaction:
                connection.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error | OSError):
                raise self._translated(exc) from exc
            raise
        finally:
            connection.close()

    @contextmanager
    def _server_raw(self, *, write: bool) -> Iterator[ServerConnection]:
        try:
            pooled = self.engine.raw_connection()
        except Exception as exc:
            # The pool hands out the driver's own error when it cannot reconnect a connection
            # found dead (the server went away), not SQLAlchemy's wrapper of it.
            translated = self._translated(exc)
            if translated is exc:
                raise
            raise translated from exc
        server = ServerConnection(pooled.driver_connection)  # type: ignore[arg-type]
        try:
            yield server
            if write:
                server.commit()
            else:
                server.rollback()
        except BaseException as exc:
            server.rollback()
            translated = self._translated(exc)
            if translated is not exc:
                raise translated from exc
            raise
        finally:
            pooled.close()  # back to the pool
