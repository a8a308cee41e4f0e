"""The app's read connection to a team server: what a view reads through, as on a file.

A :class:`ServerReader` is the seam's :class:`~claimtracker.store.dbapi.ServerConnection` over
its own psycopg connection (no SQLAlchemy: the first rows are painted before it is imported),
with what the app's reader does on a file:

* it only reads, one statement at a time (autocommit, ``default_transaction_read_only``): it
  never sits idle in a transaction holding locks while the analyst looks at the screen;
* :meth:`interrupt` stops the running statement (a superseded search), as sqlite3's does;
* a statement budget (:meth:`set_progress_handler` with a handler that has ``budget_ms``) is
  the server's ``statement_timeout``;
* when the server went away and is back, the next read reconnects by itself (reads are safe to
  repeat). Failures come out as :class:`ServerReadError` (a stopped statement as
  :class:`ServerReadInterrupted`), which the app catches beside sqlite3's.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from claimtracker.server.address import TeamAddress
from claimtracker.store.dbapi import ServerConnection

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

#: How long connecting may take before the server counts as not answering (seconds).
CONNECT_TIMEOUT = 5
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


class ServerReader(ServerConnection):
    """A read-only connection to a team server for views (see the module's docstring)."""

    def __init__(self, address: TeamAddress, password: str | None) -> None:
        self.address = address
        self._password = password
        self._budget_ms = 0
        super().__init__(self._connect())

    def _connect(self) -> psycopg.Connection[Any]:
        connection = connect(self.address, self._password, autocommit=True)
        connection.execute("SET default_transaction_read_only = on")
        return connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        import psycopg

        try:
            if self.psycopg.closed:
                self._reconnect()
            return super().execute(sql, parameters)
        except psycopg.errors.QueryCanceled as exc:
            raise ServerReadInterrupted(str(exc).strip()) from exc
        except psycopg.OperationalError as exc:
            if not self.psycopg.closed:
                raise ServerReadError(str(exc).strip()) from exc
            # The server went away since the last read: once more on a new connection.
            try:
                self._reconnect()
                return super().execute(sql, parameters)
            except psycopg.Error as again:
                raise ServerReadError(str(again).strip()) from again
        except psycopg.Error as exc:
            raise ServerReadError(str(exc).strip()) from exc

    def stream(  # type: ignore[override]
        self, sql: str, parameters: Sequence[Any] = (), /, *, batch: int = 2000
    ) -> psycopg.Cursor[Any]:
        """All the rows at once: a server-side cursor needs an open transaction, which this
        reader never keeps (it reads one statement at a time). The first page comes from its
        own limited query, so only the rest of a long result waits for this."""
        return self.execute(sql, parameters)

    def _reconnect(self) -> None:
        log.info("Reconnecting the reader to %s", self.address.describe())
        self.psycopg = self._connect()
        if self._budget_ms:
            self.psycopg.execute(f"SET statement_timeout = {int(self._budget_ms)}")

    def interrupt(self) -> None:
        """Stop the statement running now (from another thread)."""
        try:
            self.psycopg.cancel_safe(timeout=2)
        except Exception as exc:  # the statement ends anyway when its connection goes
            log.debug("Could not interrupt a read: %s", exc)

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
