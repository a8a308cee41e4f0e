"""After an export: where the file went, with Open and Show in Folder one click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class ExportedNotice(QMessageBox):
    """A window-modal notice (it does not block the app) naming the exported file."""

    def __init__(self, path: Path, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle("Export finished")
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(message)
        self.open_button: QPushButton = self.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
        self.folder_button: QPushButton = self.addButton(
            "Show in Folder", QMessageBox.ButtonRole.ActionRole
        )
        self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(QMessageBox.StandardButton.Close)
        self.open_button.clicked.connect(lambda: self._show(self.path))
        self.folder_button.clicked.connect(lambda: self._show(self.path.parent))

    @staticmethod
    def _show(path: Path) -> bool:
        """Hand ``path`` to the desktop (the spreadsheet program, the file manager)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
