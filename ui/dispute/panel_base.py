"""What the network and the timeline share: a drawing of the claims the table's filter matches,
loaded off the GUI thread (``ui.runtime.tasks``) — a result that arrives after a newer request is
dropped — with a bar of options above it, Fit and Image… buttons, and click / double-click on a
claim."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.dispute.graph import DEFAULT_LIMIT
from claimtracker.query import ClaimFilter
from ui.dispute.network_scene import ClaimItem
from ui.dispute.zoom_view import ZoomView
from ui.errors import show_error
from ui.runtime.ops import OpContext, Runner, WriteOp
from ui.runtime.project import Project

log = logging.getLogger(__name__)

ProjectGetter = Callable[[], Project | None]
IMAGE_FILTERS = "PNG image (*.png);;SVG drawing (*.svg)"


def choice_box(choices: tuple[tuple[str, str], ...]) -> QComboBox:
    """A combo box of (code, label) choices; ``currentData()`` is the code."""
    box = QComboBox()
    for code, label in choices:
        box.addItem(label, code)
    return box


class LoadingPanel(QWidget):
    """A drawing of the claims the filter matches, loaded in the background."""

    claimClicked = Signal(int)
    claimDoubleClicked = Signal(int)
    #: The view finished loading (for tests and screenshots).
    loaded = Signal()

    def __init__(
        self,
        tasks: Runner,
        project: ProjectGetter,
        parent: QWidget | None = None,
        *,
        view: type[ZoomView] = ZoomView,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._project = project
        self.limit = limit
        self.claim_filter = ClaimFilter()
        self._generation = 0
        self._shown: object = None
        self.loading = False
        self.items: dict[int, ClaimItem] = {}
        self.summary = QLabel()
        self.summary.setObjectName("FieldHint")
        self.scene = QGraphicsScene(self)
        self.view = view(self.scene)
        self.fit_button = QPushButton("Fit")
        self.fit_button.setToolTip("Show the whole drawing")
        self.image_button = QPushButton("Image…")
        self.image_button.setToolTip("Save the drawing as PNG or SVG")
        self.fit_button.clicked.connect(self.view.fit)
        self.image_button.clicked.connect(lambda: self.export_image())
        self.view.claimClicked.connect(self.claimClicked)
        self.view.claimDoubleClicked.connect(self.claimDoubleClicked)

    def lay_out(self, options: list[QWidget], buttons: list[QWidget], footer: QWidget) -> None:
        """The options bar (options, Fit, the summary, buttons, Image…), the drawing, a footer."""
        bar = QHBoxLayout()
        bar.setSpacing(8)
        for widget in options:
            bar.addWidget(widget)
        bar.addWidget(self.fit_button)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.image_button)
        for widget in buttons:
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(footer)
        self.update_buttons()

    def set_filter(self, claim_filter: ClaimFilter) -> None:
        self.claim_filter = claim_filter
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        project = self._project()
        if project is None:
            self.forget()
            return
        self._generation += 1
        generation = self._generation
        self.loading = True
        self.summary.setText("Loading…")
        work = self.work(project)

        def run(context: OpContext) -> Any:
            return work(context)

        task = WriteOp(self.task_title, run)
        task.signals.succeeded.connect(lambda result: self._done(generation, result))
        task.signals.failed.connect(lambda error: self._failed(generation, error))
        task.signals.cancelled.connect(lambda: self._failed(generation, None))
        self.tasks.start(task)

    def _done(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._shown = result
        self.draw(result)
        self.loaded.emit()

    def _failed(self, generation: int, error: object) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.summary.setText("Not loaded")
        if isinstance(error, BaseException):
            show_error(self, error, action=self.task_title)

    def draw(self, result: object) -> None:
        self.items = self.show_result(result)
        self.view.fit()
        self.update_buttons()

    def forget(self) -> None:
        """Drop what is shown (the project closed)."""
        self._generation += 1
        self._shown = None
        self.loading = False
        self.items = {}
        self.scene.clear()
        self.summary.setText("")
        self.clear()
        self.update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._shown is not None:
            self.draw(self._shown)  # drawn again in the new theme's colours

    def show_claim(self, claim_id: int) -> bool:
        """Select and centre the claim if it is drawn."""
        return self.view.center_on_claim(claim_id)

    def update_buttons(self) -> None:
        has = bool(self.items)
        self.fit_button.setEnabled(has)
        self.image_button.setEnabled(has)

    def export_image(self, path: str | None = None) -> None:
        chosen = path or self.ask_path("Save as an image", self.image_name, IMAGE_FILTERS)
        if chosen:
            self.view.export_image(Path(chosen))
            self.summary.setText(
                f"{self.summary.text().split(' · Saved')[0]} · Saved {Path(chosen).name}"
            )

    # -- defined by each view -------------------------------------------------------------

    task_title: str
    image_name: str
    #: The background work for the current filter and options (runs on a worker thread).
    work: Callable[[Project], Callable[[OpContext], object]]
    #: Draw what the work returned into the scene (on the GUI thread); returns the claims drawn.
    show_result: Callable[[object], dict[int, ClaimItem]]
    #: Forget the view's own data (no project).
    clear: Callable[[], None]

    # -- helpers --------------------------------------------------------------------------

    def ask_path(self, title: str, name: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, name, filters)
        return path

    def run_in_background(
        self, title: str, work: Callable[[OpContext], object], done: Callable[[object], None]
    ) -> None:
        task = WriteOp(title, work)
        task.signals.succeeded.connect(done)
        task.signals.failed.connect(lambda error: show_error(self, error, action=title))
        self.tasks.start(task)
