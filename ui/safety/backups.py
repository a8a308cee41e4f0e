"""Backups while the app runs: on a timer and on close when something changed (the core's
verified, rotated backups in the user's data folder), and the Backups dialog's actions."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from claimtracker.errors import ClaimTrackerError
from ui.runtime.ops import OpContext, Runner, WriteOp
from ui.runtime.project import Project

log = logging.getLogger(__name__)

#: How often the open project is backed up if it changed (milliseconds).
BACKUP_INTERVAL_MS = 10 * 60 * 1000


class Backups(QObject):
    #: A backup was made (its file name) or failed (a message).
    backedUp = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        tasks: Runner,
        project: Callable[[], Project | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._project = project
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.back_up_if_changed("timer"))

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def back_up_if_changed(self, reason: str) -> None:
        """A quiet backup on a worker, if anything changed since the newest one."""
        project = self._project()
        if project is None or project.path is None or self._running:
            return  # a team server is backed up by its administrator
        path = project.path
        self._running = True

        def work(_context: OpContext) -> str:
            from claimtracker.safety.backup import backup_if_changed

            made = backup_if_changed(path, reason=reason)
            return made.name if made is not None else ""

        task = WriteOp("Backing up…", work)
        task.signals.succeeded.connect(self._made)
        task.signals.failed.connect(lambda error: self.failed.emit(str(error)))
        task.signals.finished.connect(self._done)
        self._tasks.start(task)

    def _made(self, name: object) -> None:
        if name:
            self.backedUp.emit(str(name))

    def _done(self) -> None:
        self._running = False

    def back_up_now_blocking(self, reason: str) -> str | None:
        """On close: back up (if anything changed) before the window goes away."""
        project = self._project()
        if project is None or project.path is None:
            return None
        from claimtracker.safety.backup import backup_if_changed

        try:
            made = backup_if_changed(project.path, reason=reason)
        except ClaimTrackerError as error:
            log.warning("No backup on close: %s", error)
            self.failed.emit(str(error))
            return None
        return made.name if made is not None else None
