"""Background work: progress in the status bar, Cancel that stops the work, nothing frozen."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.runtime.ops import OpContext, WriteOp


def test_progress_is_shown_and_cancel_stops_the_work(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    started = threading.Event()
    steps: list[int] = []

    def work(context: OpContext) -> str:
        for step in range(10_000):
            started.set()
            context.progress(step, 10_000, f"Step {step}")
            context.check()
            steps.append(step)
            threading.Event().wait(0.002)
        return "finished"

    task = WriteOp("Counting slowly…", work)
    results: list[str] = []
    cancelled: list[bool] = []
    task.signals.succeeded.connect(results.append)
    task.signals.cancelled.connect(lambda: cancelled.append(True))
    window.ops.start(task)
    progress = window.status.progress
    qtbot.waitUntil(lambda: progress.isVisible() and progress.bar.maximum() == 10_000)
    assert not window.act.import_articles.isEnabled()  # no second import while one runs
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.ops.busy)
    assert cancelled == [True] and results == []
    assert len(steps) < 10_000
    assert not progress.isVisible()
    assert window.act.import_articles.isEnabled()
