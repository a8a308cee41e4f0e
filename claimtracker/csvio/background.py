"""Writes that run while the importer reads on: one batch at a time, in order, on a server.

A server import spends most of its time waiting for the server to store a batch of claims,
while the importer's own work (reading, checking and matching the next batch) waits for it.
:class:`BackgroundWrites` runs each batch's writes on one helper thread, so that the two
overlap: psycopg releases the interpreter while it waits, and serialises statements on the
connection (the reads the importer makes meanwhile simply queue behind the batch's).

Batches stay in order (a batch is handed over only once the one before is written), and an
error in a batch is raised where the importer next waits (:meth:`wait`), or when the block
ends, in place of the confusing one a later statement would then meet (a transaction already
aborted). On an SQLite file the writes run at once on the calling thread: the sqlite3
connection is not serialised between threads.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from claimtracker.store.dbapi import SQLITE, DbConnection, dialect_of


class BackgroundWrites:
    """Use as a context manager; :meth:`submit` a batch's writes, :meth:`wait` before any
    other write on the connection."""

    def __init__(self, connection: DbConnection) -> None:
        self._executor = (
            None
            if dialect_of(connection) == SQLITE
            else ThreadPoolExecutor(max_workers=1, thread_name_prefix="csv-import-writes")
        )
        self._running: Future[None] | None = None

    def __enter__(self) -> BackgroundWrites:
        return self

    def submit(self, writes: Callable[[], None]) -> None:
        """Run ``writes`` after the batch before it (whose error, if any, is raised here)."""
        self.wait()
        if self._executor is None:
            writes()
        else:
            self._running = self._executor.submit(writes)

    def wait(self) -> None:
        """Until the batch handed over last is written; raises its error."""
        running, self._running = self._running, None
        if running is not None:
            running.result()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        running, self._running = self._running, None
        try:
            if running is not None:
                failure = running.exception()  # waits: the connection is ours again
                if failure is not None:
                    # The batch's own error explains a later statement's failure.
                    raise failure from error
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
