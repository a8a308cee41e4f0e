"""What the network and the timeline share: they follow the table's filter and load off the GUI
thread (``ui.tasks``); a result that arrives after a newer request is dropped."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from claimtracker.query import ClaimFilter
from ui.errors import show_error
from ui.project import Project
from ui.tasks import Task, TaskContext, TaskRunner

log = logging.getLogger(__name__)

ProjectGetter = Callable[[], Project | None]


class LoadingPanel(QWidget):
    """A view of the claims the filter matches, loaded in the background."""

    #: The view finished loading (for tests and screenshots).
    loaded = Signal()

    def __init__(
        self, tasks: TaskRunner, project: ProjectGetter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._project = project
        self.claim_filter = ClaimFilter()
        self._generation = 0
        self._shown: object = None
        self.loading = False
        self.summary = QLabel()
        self.summary.setObjectName("FieldHint")

    def set_filter(self, claim_filter: ClaimFilter) -> None:
        self.claim_filter = claim_filter
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        project = self._project()
        if project is None:
            self.clear()
            return
        self._generation += 1
        generation = self._generation
        self.loading = True
        self.summary.setText("Loading…")
        work = self.work(project)

        def run(context: TaskContext) -> Any:
            return work(context)

        task = Task(self.task_title, run)
        task.signals.succeeded.connect(lambda result: self._done(generation, result))
        task.signals.failed.connect(lambda error: self._failed(generation, error))
        task.signals.cancelled.connect(lambda: self._failed(generation, None))
        self.tasks.start(task)

    def _done(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._shown = result
        self.show_result(result)
        self.loaded.emit()

    def _failed(self, generation: int, error: object) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.summary.setText("Not loaded")
        if isinstance(error, BaseException):
            show_error(self, error, action=self.task_title)

    # -- defined by each view -------------------------------------------------------------

    task_title: str
    #: The background work for the current filter and options (runs on a worker thread).
    work: Callable[[Project], Callable[[TaskContext], object]]
    #: Show what the work returned (on the GUI thread).
    show_result: Callable[[object], None]
    #: Show nothing (no project).
    clear: Callable[[], None]

    # -- helpers --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._shown is not None:
            self.show_result(self._shown)  # drawn again in the new theme's colours

    def forget(self) -> None:
        """Drop what is shown (the project closed)."""
        self._generation += 1
        self._shown = None
        self.loading = False
        self.clear()

    def ask_path(self, title: str, name: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, name, filters)
        return path

    def run_in_background(
        self, title: str, work: Callable[[TaskContext], object], done: Callable[[object], None]
    ) -> None:
        task = Task(title, work)
        task.signals.succeeded.connect(done)
        task.signals.failed.connect(lambda error: show_error(self, error, action=title))
        self.tasks.start(task)
