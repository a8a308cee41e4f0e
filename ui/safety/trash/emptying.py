"""Emptying the trash of every kind: count, confirm, then delete for good on a worker.

Nothing emptied can come back, so the undo stack is cleared afterwards: commands that would
restore those records could no longer work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from claimtracker.errors import ClaimTrackerError
from ui.errors import show_error
from ui.runtime.hub import Hub
from ui.runtime.ops import OpContext, Runner, WriteOp, call_in_background
from ui.runtime.project import Project

if TYPE_CHECKING:
    from claimtracker.services.trash import EmptiedTrash

log = logging.getLogger(__name__)

_WORDS = {"claim": "claim", "link": "link", "source": "source", "actor": "actor"}


def describe_counts(counts: dict[str, int]) -> str:
    """ "3 claims, 1 link and 2 sources" (kinds with none are left out)."""
    parts = [
        f"{count:,} {_WORDS[kind]}{'s' if count != 1 else ''}"
        for kind, count in counts.items()
        if count
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "nothing"


def _count(project: Project) -> dict[str, int]:
    from claimtracker.services.trash import trash_counts

    return project.store.reading(trash_counts)


class TrashEmptier(QObject):
    #: The trash was emptied (what was deleted, as the core describes it).
    emptied = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        project: Callable[[], Project | None],
        hub: Hub,
        tasks: Runner,
        undo_stack: QUndoStack,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._project = project
        self._hub = hub
        self._tasks = tasks
        self._undo_stack = undo_stack

    def empty(self) -> None:
        """Count what is in the trash (on a worker), ask, then empty it."""
        project = self._project()
        if project is None:
            return
        call_in_background(
            self,
            lambda: _count(project),
            lambda counts: self._confirm(project, counts),
            lambda error: show_error(self._parent, error, action="Reading the trash"),
        )

    def _confirm(self, project: Project, counts: dict[str, int]) -> None:
        if project is not self._project():
            return
        if not any(counts.values()):
            self._hub.statusMessage.emit("The trash is empty", 5000)
            return
        answer = QMessageBox.warning(
            self._parent,
            "Empty the trash",
            f"Delete the {describe_counts(counts)} in the trash for good?\n\nThis cannot be "
            "undone. Their history is kept; sources and actors that a kept claim still refers "
            "to stay in the trash.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._run(project)

    def _run(self, project: Project) -> None:
        def work(context: OpContext) -> EmptiedTrash:
            from claimtracker.services.trash import empty_trash

            context.progress(0, 0, "Emptying the trash…")
            with project.write() as session:
                return empty_trash(session=session)

        task = WriteOp("Emptying the trash…", work)
        task.signals.succeeded.connect(lambda result: self._done(project, result))
        task.signals.failed.connect(self._failed)
        self._tasks.start(task)

    def _done(self, project: Project, result: EmptiedTrash) -> None:
        if project is not self._project():
            return
        self._undo_stack.clear()
        text = result.describe()
        self._hub.statusMessage.emit(text, 10000)
        self.emptied.emit(text)

    def _failed(self, error: object) -> None:
        if isinstance(error, ClaimTrackerError):
            show_error(self._parent, error, action="Emptying the trash")
        elif isinstance(error, BaseException):
            show_error(self._parent, error)
