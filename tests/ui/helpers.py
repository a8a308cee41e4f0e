"""Helpers for driving the app like a user: dialogs that answer themselves, drops, waits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from ui.claims.speaker_field import SpeakerField

W = TypeVar("W", bound=QWidget)


def when_modal(kind: type[W], act: Callable[[W], None], *, timeout_ms: int = 5000) -> list[W]:
    """Call ``act`` on the next modal dialog of ``kind`` as soon as it is shown.

    Returns a list that will hold the dialog, so a test can check it was seen.
    """
    seen: list[W] = []
    waited = [0]

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            seen.append(widget)
            act(widget)
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def activate(qtbot: object, window: QWidget) -> None:
    """Make ``window`` the active one, as a window manager does when a dialog closes."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]


def drop_files(target: QWidget, paths: list[Path]) -> None:
    """Drag files from a file manager and drop them on ``target``."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)


def choose(combo: QComboBox, data: object) -> None:
    """Pick the entry whose data is ``data``, as a click in the combo's list does."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def pick_completion(qtbot: QtBot, field: SpeakerField, typed: str, line: str) -> list[str]:
    """Type ``typed`` into the speaker field and choose the completer's line ``line`` with the
    keyboard, as the analyst does; returns the lines the completer offered."""
    field.setFocus()
    field.clear()
    QTest.keyClicks(field, typed)
    completer = field.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    lines = completer.completionModel()
    offered = [str(lines.index(row, 0).data()) for row in range(lines.rowCount())]
    popup.setCurrentIndex(lines.index(offered.index(line), 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)
    return offered
