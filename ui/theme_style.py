"""Fusion with check boxes and radio buttons whose edge can be seen in both palettes.

Fusion outlines these indicators in a shade of the window colour (``window.darker(140)``), which
on the dark palette is nearly the black of the box inside: "Tick all" and "Show rejected" read
as bare words. This style lets Fusion draw them, then draws the edge again in the palette's
text colour, partly transparent; the keyboard focus mark Fusion draws is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

#: The app's property that says it has this style (``apply_theme`` sets it once).
STYLE_NAME = "claimtrackerFusion"
#: The edge is the text colour at this opacity over Fusion's own edge: 4:1 or more against the
#: window and the box in both palettes.
EDGE_ALPHA = 150
_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


class ThemeStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _INDICATORS:
            return
        state = option.state
        focused = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if state & focused == focused:
            return
        group = (
            QPalette.ColorGroup.Active
            if state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled
        )
        edge = QColor(option.palette.color(group, QPalette.ColorRole.WindowText))
        edge.setAlpha(EDGE_ALPHA)
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(edge, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRect(box)
        painter.restore()
