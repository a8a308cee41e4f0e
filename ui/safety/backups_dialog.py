"""The Backups dialog: the project's backups, one made now, or one restored.

Restoring never loses the current file: the core renames it aside before the copy takes its
place. The window closes the project first (a restore needs the file closed) and opens it again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.screen_fit import fit_on_screen

REASONS = {
    "timer": "Every 10 minutes",
    "close": "On closing",
    "manual": "Made by hand",
    "before-import": "Before an import",
    "before-upgrade": "Before an upgrade",
}


class BackupsDialog(QDialog):
    #: Restore this backup file over the project.
    restoreRequested = Signal(object)

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        fit_on_screen(self, 720, 440)
        self.database = database
        self.where = QLabel()
        self.where.setObjectName("FieldHint")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Made", "Why", "Size"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.back_up_button = QPushButton("Back up now")
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setEnabled(False)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self._restore)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.table.selectedItems()))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.back_up_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(buttons)
        intro = QLabel(
            "ClaimTracker backs the project up every 10 minutes and on closing when something "
            "changed, and before imports and upgrades. Each backup is checked before it is kept; "
            "restoring one keeps the current file aside, so nothing is lost."
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.where)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        from claimtracker.safety.backup import backup_dir, human_size, list_backups

        backups = list_backups(self.database)
        self.table.setRowCount(len(backups))
        for number, backup in enumerate(backups):
            made = QTableWidgetItem(backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"))
            made.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            made.setToolTip(str(backup.path))
            self.table.setItem(number, 0, made)
            self.table.setItem(
                number, 1, QTableWidgetItem(REASONS.get(backup.reason, backup.reason))
            )
            size = QTableWidgetItem(human_size(backup.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(number, 2, size)
        self.table.resizeColumnToContents(0)
        self.where.setText(
            f"{len(backups)} backup{'s' if len(backups) != 1 else ''} in {backup_dir(self.database)}"
            if backups
            else f"No backups yet. They are kept in {backup_dir(self.database)}."
        )

    def back_up_now(self) -> None:
        from claimtracker.errors import ClaimTrackerError
        from claimtracker.safety.backup import make_backup

        try:
            made = make_backup(self.database, reason="manual")
        except ClaimTrackerError as error:
            QMessageBox.warning(self, "Back up now", str(error))
            return
        self.reload()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == str(made.path):
                self.table.selectRow(row)

    def selected_backup(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _restore(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        made = self.table.item(self.table.currentRow(), 0)
        when = made.text() if made is not None else backup.name
        answer = QMessageBox.question(
            self,
            "Restore a backup",
            f"Replace the project with the backup from {when}?\n\nThe current file is kept "
            "aside (renamed, not deleted), so you can go back to it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restoreRequested.emit(backup)
            self.accept()
