"""Background work: imports, exports and other long jobs off the GUI thread.

A :class:`Task` is a ``QRunnable`` on a thread pool. The work function gets a
:class:`TaskContext` to report progress and to learn that the user pressed Cancel; results come
back through queued signals, so widgets are only ever touched on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a task's work when the user asked to cancel."""


class TaskContext:
    """What a task's work function sees: progress reporting and cancellation."""

    def __init__(self, signals: TaskSignals) -> None:
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


class TaskSignals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()


class Task(QRunnable):
    """``work(context)`` on a worker thread; its return value arrives in ``succeeded``.

    ``if_cancelled`` tells the user what a cancel keeps and what it drops (asked when the
    window closes while the task runs).
    """

    def __init__(
        self, title: str, work: Callable[[TaskContext], Any], *, if_cancelled: str = ""
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.title = title
        self.if_cancelled = if_cancelled
        self.signals = TaskSignals()
        self.context = TaskContext(self.signals)
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


class TaskRunner(QObject):
    """Starts tasks on a pool and keeps them alive until they finish.

    ``busyChanged`` and ``progressed`` drive the status bar's progress bar and Cancel button.
    """

    started = Signal(object)
    progressed = Signal(int, int, str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def current(self) -> Task | None:
        return self._running[-1] if self._running else None

    def start(self, task: Task, *, after: Callable[[], None] | None = None) -> Task:
        """Run ``task``; ``after`` is called once it is over and the runner no longer counts it
        (e.g. to open a project, which waits for running tasks)."""
        self._running.append(task)
        task.signals.progressed.connect(self.progressed)
        task.signals.finished.connect(lambda: self._finished(task, after))
        self._pool.start(task)
        self.started.emit(task)
        if len(self._running) == 1:
            self.busyChanged.emit(True)
        return task

    def _finished(self, task: Task, after: Callable[[], None] | None) -> None:
        if task in self._running:
            self._running.remove(task)
        if not self._running:
            self.busyChanged.emit(False)
        if after is not None:
            after()

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def running(self) -> list[Task]:
        return list(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the pool's work (used when closing a project and in tests)."""
        return self._pool.waitForDone(msecs)
