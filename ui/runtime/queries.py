"""Read-only queries off the GUI thread: counts, sidebar lists, dispute lists.

Each query runs on its own read connection on a small private pool. Submitting a query under a
key supersedes the previous one with that key: its connection is interrupted and its result is
dropped, so a fast typist never sees a stale answer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Connect = Callable[[], sqlite3.Connection]


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    released = Signal(object)


class InterruptibleJob(QRunnable):
    """Work on a worker thread whose running SQL the GUI thread can stop.

    ``cancel`` marks the job and interrupts the statement on the connection the job is
    ``using`` at that moment; the job checks ``cancelled`` before it reports anything.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._cancelled = False

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._connection is not None:
                self._connection.interrupt()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @contextmanager
    def using(self, connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """The block's statements on ``connection`` are the ones ``cancel`` interrupts."""
        with self._lock:
            self._connection = connection
        try:
            yield connection
        finally:
            with self._lock:
                self._connection = None


class QueryJob(InterruptibleJob):
    def __init__(
        self,
        ticket: int,
        connect: Connect,
        work: Callable[[sqlite3.Connection], Any],
        signals: _Signals,
    ) -> None:
        super().__init__()
        self.ticket = ticket
        self._connect = connect
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            connection = self._connect()
        except Exception as exc:
            self._signals.failed.emit(self.ticket, exc)
            self._signals.released.emit(self)
            return
        try:
            with self.using(connection):
                if self.cancelled:
                    return
                result = self._work(connection)
        except Exception as exc:
            if not self.cancelled:
                self._signals.failed.emit(self.ticket, exc)
        else:
            if not self.cancelled:
                self._signals.done.emit(self.ticket, result)
        finally:
            connection.close()
            self._signals.released.emit(self)


class QueryRunner(QObject):
    """Runs ``work(connection)`` on a worker and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        # Jobs stay referenced until their thread is done with them (Python owns them).
        self._alive: set[QueryJob] = set()
        self._signals.released.connect(self._alive.discard)
        self._next_ticket = 0
        self._jobs: dict[
            int, tuple[str, QueryJob, Callable[[Any], None], Callable[[BaseException], None] | None]
        ] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        key: str,
        connect: Connect,
        work: Callable[[sqlite3.Connection], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        previous = self._latest.get(key)
        if previous is not None and previous in self._jobs:
            self._jobs[previous][1].cancel()
        self._next_ticket += 1
        ticket = self._next_ticket
        job = QueryJob(ticket, connect, work, self._signals)
        self._jobs[ticket] = (key, job, on_result, on_error)
        self._latest[key] = ticket
        self._alive.add(job)
        self._pool.start(job)

    def _on_done(self, ticket: int, result: object) -> None:
        entry = self._jobs.pop(ticket, None)
        if entry is None:
            return
        key, job, on_result, _ = entry
        if self._latest.get(key) == ticket and not job.cancelled:
            on_result(result)

    def _on_failed(self, ticket: int, error: object) -> None:
        entry = self._jobs.pop(ticket, None)
        if entry is None:
            return
        key, job, _, on_error = entry
        if self._latest.get(key) != ticket or job.cancelled:
            return
        if on_error is not None:
            on_error(error)  # type: ignore[arg-type]
        else:
            log.warning("Background query %r failed: %s", key, error)

    @property
    def busy(self) -> bool:
        """Whether a query is still running (or waiting for a thread)."""
        return bool(self._alive)

    def cancel_all(self) -> None:
        for _key, job, _r, _e in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        self._latest.clear()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
