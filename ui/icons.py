"""Icons drawn from the SVGs in ``resources/icons``, in the palette's text colour.

One engine draws each icon at the size and device pixel ratio asked for (sharp at any DPI) and
reads the colour at paint time, so switching between light and dark needs no reload.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ui.resources import icon_path

log = logging.getLogger(__name__)


@functools.cache
def _svg_source(name: str) -> str:
    path = icon_path(name)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.warning("Missing icon %s", path)
        return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"/>'


def _colour_for(mode: QIcon.Mode) -> str:
    palette = QApplication.palette()
    # Selected items are drawn on a light tint (the sidebar) as often as on the strong
    # highlight, so icons keep the text colour there too.
    if mode == QIcon.Mode.Disabled:
        colour = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    else:
        colour = palette.color(QPalette.ColorRole.WindowText)
    return colour.name()


class SvgIconEngine(QIconEngine):
    def __init__(self, name: str, *, recolour: bool = True) -> None:
        super().__init__()
        self._name = name
        self._recolour = recolour
        self._renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, str, float], QPixmap] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = _colour_for(mode) if self._recolour else ""
        renderer = self._renderers.get(colour)
        if renderer is None:
            source = _svg_source(self._name)
            if colour:
                source = source.replace("currentColor", colour)
            renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))
            self._renderers[colour] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        # Drawn once per size, colour and pixel ratio: item views paint icons on every repaint.
        colour = _colour_for(mode) if self._recolour else ""
        key = (size.width(), size.height(), colour, scale)
        cached = self._pixmaps.get(key)
        if cached is not None:
            return cached
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(QPoint(0, 0), size * scale))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        if len(self._pixmaps) > 32:
            self._pixmaps.clear()
        self._pixmaps[key] = pixmap
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, recolour=self._recolour)

    def key(self) -> str:
        return "claimtracker-svg"


@functools.cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (a file in ``resources/icons`` without ``.svg``)."""
    return QIcon(SvgIconEngine(name))


@functools.cache
def app_icon() -> QIcon:
    return QIcon(SvgIconEngine("claimtracker", recolour=False))
