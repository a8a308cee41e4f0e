"""Small jobs off the GUI thread whose result goes back to the widget that asked for it.

:class:`BackgroundCall` runs a function on the global thread pool and calls back on the GUI
thread — unless the owner (a dialog, say) is gone by then, in which case the result is dropped.
:func:`wait_with_progress` runs one while a modal progress dialog keeps the window painted, for
the rare step the user has to wait for (restoring a backup before the project can open).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    released = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
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


#: Jobs stay referenced until their thread is done with them (Python owns them).
_alive: set[_Job] = set()


class BackgroundCall(QObject):
    """``work()`` on a worker; ``on_done(result)`` or ``on_failed(error)`` on the GUI thread."""

    def __init__(
        self,
        owner: QObject,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(owner)
        self._on_done = on_done
        self._on_failed = on_failed
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        job = _Job(work, self._signals)
        _alive.add(job)
        self._signals.released.connect(lambda: _alive.discard(job))
        QThreadPool.globalInstance().start(job)

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

    BackgroundCall(
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
