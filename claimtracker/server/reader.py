"""The app's read connection to a team server: what a view reads through, as on a file.

A :class:`ServerReader` is the seam's :class:`~claimtracker.store.dbapi.ServerConnection` over
its own psycopg connection (no SQLAlchemy: the first rows are painted before it is imported),
with what the app's reader does on a file:

* it only reads, one statement at a time (autocommit, ``default_transaction_read_only``): it
  never sits idle in a transaction holding locks while the analyst looks at the screen;
* :meth:`interrupt` stops the running statement (a superseded search), as sqlite3's does,
  without making the caller wait for the server;
* a long result (:meth:`stream`) comes in chunks as it is read, without a transaction;
* a statement budget (:meth:`set_progress_handler` with a handler that has ``budget_ms``) is
  the server's ``statement_timeout``;
* when the server went away and is back, the next read reconnects by itself (reads are safe to
  repeat). Failures come out as :class:`ServerReadError` (a stopped statement as
  :class:`ServerReadInterrupted`), which the app catches beside sqlite3's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from claimtracker.server.address import TeamAddress
from claimtracker.store.dbapi import ServerConnection

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

#: How long connecting may take before the server counts as not answering (seconds).
CONNECT_TIMEOUT = 5
#: How long a cancel request may take before it is given up (seconds).
CANCEL_TIMEOUT = 2
#: The first libpq that sends a result in chunks of many rows (before it: one row at a time).
CHUNKED_ROWS_LIBPQ = 170000
#: TCP keepalives, so that a vanished network is noticed in seconds rather than hours.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
}


class ServerReadError(Exception):
    """A read on the team server failed (it went away, or refused the statement)."""


class ServerReadInterrupted(ServerReadError):
    """The statement was stopped (interrupted, or over its time budget)."""


def connect(address: TeamAddress, password: str | None, **options: Any) -> psycopg.Connection[Any]:
    """A psycopg connection to ``address``; ``password`` None lets libpq look in ~/.pgpass."""
    import psycopg

    extra: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT, **options}
    if not address.is_socket:
        extra.update(KEEPALIVES)
    if password is not None:
        extra["password"] = password
    extra.setdefault("application_name", "ClaimTracker")
    return psycopg.connect(address.libpq_uri(), **extra)


def _read_error(exc: Exception) -> ServerReadError:
    """What a failed read is to the app: stopped (interrupted, over budget), or failed."""
    import psycopg

    if isinstance(exc, psycopg.errors.QueryCanceled):
        return ServerReadInterrupted(str(exc).strip())
    return ServerReadError(str(exc).strip())


class StreamedRows:
    """A result read as it is used, with a cursor's reading methods (what the query layer
    reads a long result through); failures come out as :class:`ServerReadError`."""

    arraysize = 2000
    rowcount = -1

    def __init__(self, cursor: psycopg.Cursor[Any], rows: Iterator[Any]) -> None:
        self._cursor = cursor
        self._rows = rows

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        import psycopg

        try:
            return next(self._rows)
        except psycopg.Error as exc:
            raise _read_error(exc) from exc

    def fetchone(self) -> Any:
        return next(self, None)

    def fetchmany(self, size: int = 0, /) -> list[Any]:
        return list(islice(self, size or self.arraysize))

    def fetchall(self) -> list[Any]:
        return list(self)

    def close(self) -> None:
        """Stop reading: a statement still sending rows is cancelled, the connection stays."""
        close = getattr(self._rows, "close", None)
        if close is not None:
            close()
        self._cursor.close()


class ServerReader(ServerConnection):
    """A read-only connection to a team server for views (see the module's docstring)."""

    def __init__(self, address: TeamAddress, password: str | None) -> None:
        self.address = address
        self._password = password
        self._budget_ms = 0
        self._cancel_lock = threading.Lock()
        self._cancelling: threading.Thread | None = None
        super().__init__(self._connect())

    def _connect(self) -> psycopg.Connection[Any]:
        connection = connect(self.address, self._password, autocommit=True)
        connection.execute("SET default_transaction_read_only = on")
        return connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        import psycopg

        self._cancelled_first()
        try:
            if self.psycopg.closed:
                self._reconnect()
            return super().execute(sql, parameters)
        except psycopg.OperationalError as exc:
            if not self.psycopg.closed or isinstance(exc, psycopg.errors.QueryCanceled):
                raise _read_error(exc) from exc
            # The server went away since the last read: once more on a new connection.
            try:
                self._reconnect()
                return super().execute(sql, parameters)
            except psycopg.Error as again:
                raise _read_error(again) from again
        except psycopg.Error as exc:
            raise _read_error(exc) from exc

    def stream(  # type: ignore[override]
        self, sql: str, parameters: Sequence[Any] = (), /, *, batch: int = 2000
    ) -> StreamedRows:
        """All the rows, read from the server ``batch`` at a time as they are used (libpq's
        chunked rows): the client never holds a million-row result at once, and no transaction
        is needed (a server-side cursor would need one, which this reader never keeps open)."""
        import psycopg

        self._cancelled_first()
        try:
            if self.psycopg.closed:
                self._reconnect()
            cursor = self._cursor()
        except psycopg.Error as exc:
            raise _read_error(exc) from exc
        size = batch if psycopg.pq.version() >= CHUNKED_ROWS_LIBPQ else 1
        rows = cursor.stream(*self._statement(sql, parameters), size=size)
        return StreamedRows(cursor, rows)

    def _reconnect(self) -> None:
        log.info("Reconnecting the reader to %s", self.address.describe())
        self.psycopg = self._connect()
        if self._budget_ms:
            self.psycopg.execute(f"SET statement_timeout = {int(self._budget_ms)}")

    def interrupt(self) -> None:
        """Stop the statement running now (from another thread), without waiting.

        A cancel request is a connection of its own to the server (a round trip or more): the
        app's GUI thread, which interrupts a superseded search, must not wait for it. The next
        statement on this reader waits instead, so that a late request cannot stop it."""
        from psycopg.pq import TransactionStatus

        if self.psycopg.closed or self.psycopg.info.transaction_status != TransactionStatus.ACTIVE:
            return  # no statement runs: a request would cost a connection for nothing
        with self._cancel_lock:
            if self._cancelling is not None and self._cancelling.is_alive():
                return  # one request stops the statement running now
            self._cancelling = threading.Thread(
                target=self._cancel, name="claimtracker-read-cancel", daemon=True
            )
            self._cancelling.start()

    def _cancel(self) -> None:
        try:
            self.psycopg.cancel_safe(timeout=CANCEL_TIMEOUT)
        except Exception as exc:  # the statement ends anyway when its connection goes
            log.debug("Could not interrupt a read: %s", exc)

    def _cancelled_first(self) -> None:
        """Wait for a cancel request still on its way (it is meant for the statement before)."""
        cancelling = self._cancelling
        if cancelling is not None:
            cancelling.join(CANCEL_TIMEOUT)

    def set_progress_handler(self, handler: object, _every: int) -> None:
        """A time budget for the next statements: ``handler.budget_ms`` (None: no budget)."""
        budget = int(getattr(handler, "budget_ms", 0) or 0) if handler is not None else 0
        if budget == self._budget_ms or self.psycopg.closed:
            return
        self._budget_ms = budget
        self.psycopg.execute(f"SET statement_timeout = {budget}")

    @property
    def in_transaction(self) -> bool:
        return False
