"""The status bar: how many claims match, and the progress of background work with Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ui.runtime.ops import Runner, WriteOp


class TaskProgress(QWidget):
    """A label, a progress bar and Cancel, shown while a background task runs."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(runner.cancel_all)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        runner.started.connect(self._on_started)
        runner.progressed.connect(self._on_progress)
        runner.busyChanged.connect(self._on_busy)
        self.hide()

    def _on_started(self, task: WriteOp) -> None:
        self.label.setText(task.title)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text:
            self.label.setText(text)

    def _on_busy(self, busy: bool) -> None:
        self.setVisible(busy)
        if busy and self._runner.current is not None:
            self.label.setText(self._runner.current.title)


class StatusBar(QStatusBar):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.matches = QLabel()
        self.matches.setObjectName("MatchCount")
        self.database = QLabel()
        self.database.setObjectName("FieldHint")
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = TaskProgress(runner, self)
        self.addWidget(self.matches)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.database)

    def show_matches(self, shown: int, total: int | None, *, loading: bool, trash: bool) -> None:
        noun = "claim" if shown == 1 else "claims"
        where = " in the trash" if trash else ""
        if loading:
            text = f"{shown:,}+ {noun}{where} so far…"
        elif total is not None and total != shown and not trash:
            text = f"{shown:,} of {total:,} claims match"
        else:
            text = f"{shown:,} {noun}{where}"
        self.matches.setText(text)
