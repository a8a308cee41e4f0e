"""Work off the GUI thread, one way: read ops and write ops on a runner, with progress, Cancel
and errors reported back on the GUI thread.

- A :class:`QueryOp` reads: ``work(connection)`` on a fresh read-only connection. Submitted
  under a key, it supersedes the previous op with that key: its statement is interrupted and its
  result dropped, so a fast typist never sees a stale answer.
- A :class:`WriteOp` does a longer job (an import, an export, emptying the trash):
  ``work(context)`` reports progress and learns that the user pressed Cancel through its
  :class:`OpContext`; its result, error or cancellation arrives through queued signals. Changes
  to the database go through the project's single write path, which announces them.
- :meth:`Runner.call` runs a small one-off function and calls back, unless its owner (a
  dialog) is gone by then; :func:`wait_with_progress` waits for one behind a modal progress
  dialog (the rare step a user must wait for).

Each window has one :class:`Runner` (reads on a small pool of their own, so that a slow count
never waits behind an import; writes and calls on the application's pool); widgets are only
ever touched on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from claimtracker.query.opening import Connection

log = logging.getLogger(__name__)

Connect = Callable[[], Connection]


class Cancelled(Exception):
    """Raised inside a write op's work when the user asked to cancel."""


# -- write ops ------------------------------------------------------------------------------


class OpSignals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()


class OpContext:
    """What a write op's work function sees: progress reporting and cancellation."""

    def __init__(self, signals: OpSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        #: The last progress reported: (done, total, text).
        self.last_progress: tuple[int, int, str] = (0, 0, "")

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> bool:
        """Report progress; returns False once the user asked to cancel (for core callbacks)."""
        self.last_progress = (int(done), int(total), text)
        self._signals.progressed.emit(int(done), int(total), text)
        return not self._cancel.is_set()


class WriteOp(QRunnable):
    """``work(context)`` on a worker thread; its return value arrives in ``succeeded``.

    ``if_cancelled`` tells the user what a cancel keeps and what it drops (asked when the
    window closes while the op runs).
    """

    def __init__(
        self, title: str, work: Callable[[OpContext], Any], *, if_cancelled: str = ""
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.title = title
        self.if_cancelled = if_cancelled
        self.signals = OpSignals()
        self.context = OpContext(self.signals)
        self._work = work

    def cancel(self) -> None:
        self.context.cancel()

    def run(self) -> None:
        try:
            result = self._work(self.context)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:
            if self.context.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(exc)  # with its __traceback__, for the error dialog
        else:
            if self.context.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


# -- read ops -------------------------------------------------------------------------------


class InterruptibleJob(QRunnable):
    """Work on a worker thread whose running SQL the GUI thread can stop.

    ``cancel`` marks the job and interrupts the statement on the connection the job is
    ``using`` at that moment; the job checks ``cancelled`` before it reports anything.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._lock = threading.Lock()
        self._connection: Connection | None = None
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
    def using(self, connection: Connection) -> Iterator[Connection]:
        """The block's statements on ``connection`` are the ones ``cancel`` interrupts."""
        with self._lock:
            self._connection = connection
        try:
            yield connection
        finally:
            with self._lock:
                self._connection = None


class _QuerySignals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    released = Signal(object)


class QueryOp(InterruptibleJob):
    """``work(connection)`` on a fresh read connection; reported under its ticket."""

    def __init__(
        self,
        ticket: int,
        connect: Connect,
        work: Callable[[Connection], Any],
        signals: _QuerySignals,
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


# -- one-off calls --------------------------------------------------------------------------


class _CallSignals(QObject):
    done = Signal(object)
    failed = Signal(object)
    released = Signal()


class _CallJob(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _CallSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # handed to the GUI thread with its traceback
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)
        finally:
            self._signals.released.emit()


class _Call(QObject):
    """One call's answer, delivered on the GUI thread while its owner lives."""

    def __init__(
        self,
        owner: QObject,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__(owner)
        self._on_done = on_done
        self._on_failed = on_failed
        self.signals = _CallSignals()
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)

    @Slot(object)
    def _done(self, result: object) -> None:
        self.deleteLater()
        self._on_done(result)

    @Slot(object)
    def _failed(self, error: object) -> None:
        self.deleteLater()
        if self._on_failed is not None and isinstance(error, BaseException):
            self._on_failed(error)
        else:
            log.warning("Background work failed: %s", error)


# -- the runner -----------------------------------------------------------------------------


class Runner(QObject):
    """Runs read ops, write ops and one-off calls, and keeps them alive until they finish.

    ``busyChanged`` and ``progressed`` (of write ops) drive the status bar's progress bar and
    Cancel button.
    """

    started = Signal(object)
    progressed = Signal(int, int, str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, read_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._running: list[WriteOp] = []
        self._read_pool = QThreadPool(self)
        self._read_pool.setMaxThreadCount(read_threads)
        self._query_signals = _QuerySignals(self)
        self._query_signals.done.connect(self._on_query_done)
        self._query_signals.failed.connect(self._on_query_failed)
        # Jobs stay referenced until their thread is done with them (Python owns them).
        self._alive: set[QRunnable] = set()
        self._query_signals.released.connect(self._alive.discard)
        self._next_ticket = 0
        self._queries: dict[
            int, tuple[str, QueryOp, Callable[[Any], None], Callable[[BaseException], None] | None]
        ] = {}
        self._latest: dict[str, int] = {}

    # -- write ops --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a write op is running."""
        return bool(self._running)

    @property
    def current(self) -> WriteOp | None:
        return self._running[-1] if self._running else None

    def start(self, op: WriteOp, *, after: Callable[[], None] | None = None) -> WriteOp:
        """Run ``op``; ``after`` is called once it is over and the runner no longer counts it
        (e.g. to open a project, which waits for running ops)."""
        self._running.append(op)
        op.signals.progressed.connect(self.progressed)
        op.signals.finished.connect(lambda: self._finished(op, after))
        self._pool.start(op)
        self.started.emit(op)
        if len(self._running) == 1:
            self.busyChanged.emit(True)
        return op

    def _finished(self, op: WriteOp, after: Callable[[], None] | None) -> None:
        if op in self._running:
            self._running.remove(op)
        if not self._running:
            self.busyChanged.emit(False)
        if after is not None:
            after()

    def cancel_all(self) -> None:
        """Cancel the running write ops (reads: :meth:`cancel_queries`)."""
        for op in self._running:
            op.cancel()

    def running(self) -> list[WriteOp]:
        return list(self._running)

    # -- read ops ---------------------------------------------------------------------------

    def submit(
        self,
        key: str,
        connect: Connect,
        work: Callable[[Connection], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Read ``work(connection)`` off the GUI thread; a newer read under ``key`` wins."""
        previous = self._latest.get(key)
        if previous is not None and previous in self._queries:
            self._queries[previous][1].cancel()
        self._next_ticket += 1
        ticket = self._next_ticket
        op = QueryOp(ticket, connect, work, self._query_signals)
        self._queries[ticket] = (key, op, on_result, on_error)
        self._latest[key] = ticket
        self._alive.add(op)
        self._read_pool.start(op)

    def _on_query_done(self, ticket: int, result: object) -> None:
        entry = self._queries.pop(ticket, None)
        if entry is None:
            return
        key, op, on_result, _ = entry
        if self._latest.get(key) == ticket and not op.cancelled:
            on_result(result)

    def _on_query_failed(self, ticket: int, error: object) -> None:
        entry = self._queries.pop(ticket, None)
        if entry is None:
            return
        key, op, _, on_error = entry
        if self._latest.get(key) != ticket or op.cancelled:
            return
        if on_error is not None:
            on_error(error)  # type: ignore[arg-type]
        else:
            log.warning("Background query %r failed: %s", key, error)

    @property
    def reading(self) -> bool:
        """Whether a read op is still running (or waiting for a thread)."""
        return any(isinstance(job, QueryOp) for job in self._alive)

    def wait_for_reads(self, msecs: int = 30_000) -> bool:
        return self._read_pool.waitForDone(msecs)

    def cancel_queries(self) -> None:
        for _key, op, _r, _e in self._queries.values():
            op.cancel()
        self._queries.clear()
        self._latest.clear()

    # -- one-off calls ----------------------------------------------------------------------

    def call(
        self,
        owner: QObject,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``work()`` on a worker; ``on_done(result)`` or ``on_failed(error)`` on the GUI
        thread — unless ``owner`` is gone by then."""
        call_in_background(owner, work, on_done, on_failed)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the runner's work (used when closing a project and in tests)."""
        return self._read_pool.waitForDone(msecs) and self._pool.waitForDone(msecs)


#: One-off jobs stay referenced until their thread is done with them (Python owns them).
_calls_alive: set[_CallJob] = set()


def call_in_background(
    owner: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None] | None = None,
) -> None:
    """``work()`` on the application's pool, answered on the GUI thread while ``owner`` lives
    (for dialogs that have no runner of their own)."""
    call = _Call(owner, on_done, on_failed)
    job = _CallJob(work, call.signals)
    _calls_alive.add(job)
    call.signals.released.connect(lambda: _calls_alive.discard(job))
    QThreadPool.globalInstance().start(job)


def wait_with_progress(parent: QWidget | None, text: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` on a worker while a modal progress dialog shows ``text``; its result or
    its exception comes back here. The window keeps painting meanwhile."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setWindowTitle("ClaimTracker")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    owner = QObject()

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    call_in_background(
        owner, work, lambda result: finish("result", result), lambda error: finish("error", error)
    )
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if not outcome:
            loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        dialog.reset()
        dialog.deleteLater()
        owner.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
