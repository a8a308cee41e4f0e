"""Windows that open within the screen, whatever its size and scaling."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: The share of the screen's free area a window may take when it first opens.
SHARE = 0.92


def fit_on_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Give ``widget`` its preferred size, shrunk to fit the screen it opens on, centred there.

    The screen is the parent window's, else the one under the mouse, else the primary one.
    Returns the size given.
    """
    parent = widget.parentWidget()
    screen = (
        parent.screen()
        if parent is not None
        else QGuiApplication.screenAt(widget.cursor().pos()) or QGuiApplication.primaryScreen()
    )
    if screen is None:
        widget.resize(width, height)
        return widget.size()
    free = screen.availableGeometry()
    size = QSize(min(width, int(free.width() * SHARE)), min(height, int(free.height() * SHARE)))
    size = size.expandedTo(widget.minimumSizeHint().boundedTo(free.size()))
    widget.resize(size)
    frame = widget.frameGeometry()
    frame.moveCenter(free.center())
    widget.move(frame.topLeft())
    return size
