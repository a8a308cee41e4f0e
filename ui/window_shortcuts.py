"""Window commands that work from any field: Ctrl+E exports even while the search box has focus.

A text field claims some keys for itself before shortcuts see them (on Linux, Ctrl+E moves to
the end of the line and Ctrl+D deletes a character), so a window's command on the same keys did
nothing while the analyst was typing. The commands given here win over the fields of their
window; every other key stays the field's.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


class WindowShortcuts(QObject):
    """Lets ``actions``' shortcuts through the text fields of ``window``."""

    def __init__(self, window: QWidget, actions: Iterable[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._keys = {
            shortcut.toString()
            for action in actions
            for shortcut in action.shortcuts()
            if not shortcut.isEmpty()
        }
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        # Not delivered, so not accepted by the field: the shortcut runs.
        return QKeySequence(event.keyCombination()).toString() in self._keys
