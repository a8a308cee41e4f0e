"""The assistant panel's page while an article is read: what is done, and a way to stop.

A long text is read in chunks (``claimtracker.assistant.chunked``): the bar shows how much of
it is read, Cancel stops at the next chunk, and "Suggest Again" starts over once stopped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

#: The bar counts in steps of this many characters (a QProgressBar counts in ``int``).
_STEP = 1000


class ReadingProgress(QWidget):
    #: The analyst pressed Cancel while the article is read.
    cancelRequested = Signal()
    #: The analyst asked to read the article again after stopping.
    restartRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AssistantProgress")
        self.text = QLabel()
        self.text.setObjectName("EmptyText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.button = QPushButton("Cancel")
        self.button.clicked.connect(self._on_button)
        self._stopped = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    @property
    def stopped(self) -> bool:
        return self._stopped

    def show_reading(self, done: int, total: int) -> None:
        """``done`` of ``total`` characters read (0 of 0: not started yet)."""
        self._stopped = False
        self.bar.show()
        self.bar.setRange(0, max(total // _STEP, 1) if total else 0)
        self.bar.setValue(done // _STEP)
        if total:
            self.text.setText(
                f"Reading the article ({total:,} characters), part by part. You can keep "
                "working meanwhile."
            )
        else:
            self.text.setText("Reading the article…")
        self.button.setText("Cancel")
        self.button.setToolTip("Stop reading this article")

    def show_stopped(self) -> None:
        self._stopped = True
        self.bar.hide()
        self.text.setText("Stopped before the assistant finished reading this article.")
        self.button.setText("Suggest Again")
        self.button.setToolTip("Read the article again from the start")

    @Slot()
    def _on_button(self) -> None:
        if self._stopped:
            self.restartRequested.emit()
        else:
            self.cancelRequested.emit()
