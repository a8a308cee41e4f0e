"""Windows that open within the screen, whatever its size and scaling."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: The share of the screen's free area a window may take when it first opens...
SHARE = 0.92
#: ...or all of it but room for the window manager's frame and title, if that is more (a
#: small screen has no pixels to spare around a window).
FRAME = QSize(16, 40)
#: How long after a window is shown its frame is looked at (the window manager draws it).
FRAME_WAIT_MS = 100


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
    most = QSize(
        max(int(free.width() * SHARE), free.width() - FRAME.width()),
        max(int(free.height() * SHARE), free.height() - FRAME.height()),
    )
    size = QSize(min(width, most.width()), min(height, most.height()))
    size = size.expandedTo(widget.minimumSizeHint().boundedTo(free.size()))
    widget.resize(size)
    frame = widget.frameGeometry()
    frame.moveCenter(free.center())
    widget.move(frame.topLeft())
    keep_on_screen_when_shown(widget)
    return size


class _FrameWatch(QObject):
    """Once its window is shown, waits for the window manager's frame, then keeps it on the
    screen — unless the window was given another size meanwhile."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show:
            self._widget.removeEventFilter(self)
            shown = self._widget.size()
            QTimer.singleShot(FRAME_WAIT_MS, self, lambda: self._check(shown))
        return False

    def _check(self, shown: QSize) -> None:
        if self._widget.size() == shown:
            keep_on_screen(self._widget)
        self.deleteLater()


def keep_on_screen_when_shown(widget: QWidget) -> None:
    """Call :func:`keep_on_screen` once ``widget`` is next shown with its frame."""
    _FrameWatch(widget)


def keep_on_screen(widget: QWidget) -> None:
    """Once shown with the window manager's frame: shrink and move ``widget`` so that the
    frame, title bar included, is all within the free area of its screen."""
    screen = widget.screen()
    if screen is None or widget.isMaximized() or widget.isFullScreen():
        return
    free = screen.availableGeometry()
    frame = widget.frameGeometry()
    extra = QSize(max(0, frame.width() - free.width()), max(0, frame.height() - free.height()))
    if not extra.isNull():
        widget.resize(
            (widget.size() - extra).expandedTo(widget.minimumSizeHint()).boundedTo(widget.size())
        )
        frame = widget.frameGeometry()
    left = min(max(frame.left(), free.left()), max(free.left(), free.right() - frame.width() + 1))
    top = min(max(frame.top(), free.top()), max(free.top(), free.bottom() - frame.height() + 1))
    if (left, top) != (frame.left(), frame.top()):
        widget.move(left, top)
