"""What an empty view says: why it is empty and what to do next, with buttons to do it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.icons import icon

#: The gap between the explanation and the buttons.
BUTTON_GAP = 8


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self)
        self.title.setObjectName("EmptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setObjectName("EmptyText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self._layout = layout
        layout.addStretch(1)
        layout.addWidget(self.picture)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(BUTTON_GAP)
        layout.addLayout(self._buttons)
        layout.addStretch(2)

    def show_message(
        self,
        icon_name: str,
        title: str,
        text: str,
        actions: list[tuple[str, Callable[[], None]]] | None = None,
    ) -> None:
        self.picture.setPixmap(icon(icon_name).pixmap(QSize(40, 40), self.devicePixelRatioF()))
        self.title.setText(title)
        self.text.setText(text)
        while self._buttons.count() > 2:
            item = self._buttons.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for position, (label, callback) in enumerate(actions or [], start=1):
            button = QPushButton(label, self)
            button.clicked.connect(callback)
            if position == 1:
                button.setDefault(True)
                button.setObjectName("PrimaryButton")
            self._buttons.insertWidget(position, button)
        self._fit(self.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size())

    def _fit(self, size: QSize) -> None:
        """In a short pane (the reader open below the table on a small screen) show what
        fits: the title, then the buttons, then the explanation, then the picture — never
        labels squeezed over each other. What is left out is in the tooltip."""
        margins = self._layout.contentsMargins()
        spacing = self._layout.spacing()
        # The fixed gap above the buttons and the spacing beside the two stretches are there
        # whatever is shown.
        room = size.height() - margins.top() - margins.bottom() - BUTTON_GAP - 2 * spacing
        width = max(1, size.width() - margins.left() - margins.right())
        buttons = [
            widget
            for index in range(self._buttons.count())
            if (item := self._buttons.itemAt(index)) is not None
            and (widget := item.widget()) is not None
        ]
        parts: list[tuple[list[QWidget], int]] = [
            ([self.title], self.title.heightForWidth(width)),
            (buttons, max((b.sizeHint().height() for b in buttons), default=0)),
            ([self.text], self.text.heightForWidth(width)),
            ([self.picture], self.picture.sizeHint().height()),
        ]
        used = 0
        for widgets, height in parts:
            # Nothing without the title; after it, each part that still fits.
            fits = bool(widgets) and used + height <= room and (used > 0 or widgets == [self.title])
            if fits:
                used += height + spacing
            for widget in widgets:
                widget.setVisible(fits)
        left_out = [
            label.text() for label in (self.title, self.text) if not label.isVisibleTo(self)
        ]
        self.setToolTip("\n".join(left_out))
