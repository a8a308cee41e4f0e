"""A thin bar above the reader's text that offers one action (e.g. the assistant for a newly
imported article), and can be dismissed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ui.icons import icon


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoticeBar")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.button = QToolButton()
        self.button.setObjectName("NoticeButton")
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.triggered.connect(lambda _action: self.hide())
        close = QToolButton()
        close.setIcon(icon("clear"))
        close.setAutoRaise(True)
        close.setToolTip("Not now")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 5, 8, 5)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.button)
        layout.addWidget(close)
        self.hide()

    def offer(self, text: str, action: QAction) -> None:
        """Show ``text`` with a button for ``action`` (pressing it closes the bar)."""
        self.message.setText(text)
        self.button.setDefaultAction(action)
        self.show()
