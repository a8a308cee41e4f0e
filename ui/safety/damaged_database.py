"""A damaged database on open: say which file and what is wrong, and offer a way back.

"Restore the newest good backup" puts a copy of it in the file's place — the core keeps the
damaged file aside under a new name, never overwrites it — and opens the restored project.
"Open another database" shows the file dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from claimtracker.errors import ClaimTrackerError, DatabaseDamagedError
from ui.errors import show_error
from ui.runtime.ops import wait_with_progress

if TYPE_CHECKING:
    from claimtracker.safety.backup import BackupInfo, RestoredDatabase

log = logging.getLogger(__name__)

RESTORE, OPEN_OTHER = "restore", "open-other"


def backup_info(path: Path | None) -> BackupInfo | None:
    """The date and size of a backup file (None if it is not one of ours)."""
    from claimtracker.safety.backup import parse_backup_name

    return parse_backup_name(path) if path is not None else None


def describe_backup(backup: BackupInfo) -> str:
    from claimtracker.safety.backup import human_size

    made = backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{made}, {human_size(backup.size)}"


class DamagedDatabaseDialog(QDialog):
    def __init__(
        self,
        path: Path,
        problem: str,
        backup: BackupInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DamagedDatabaseDialog")
        self.setWindowTitle("Cannot open the database")
        self.setMinimumWidth(560)
        self.choice: str | None = None
        heading = QLabel(f"{path.name} cannot be opened")
        heading.setObjectName("DialogHeading")
        facts = QLabel(
            f"<table cellspacing='4'>"
            f"<tr><td><b>File</b></td><td>{_escaped(str(path))}</td></tr>"
            f"<tr><td><b>Problem</b></td><td>{_escaped(problem[:1].upper() + problem[1:])}</td></tr>"
            f"</table>"
        )
        facts.setTextFormat(Qt.TextFormat.RichText)
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        untouched = QLabel("The file was left exactly as it is.")
        untouched.setObjectName("FieldHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(facts)
        layout.addWidget(untouched)
        layout.addSpacing(6)
        self.restore_button: QCommandLinkButton | None = None
        if backup is not None:
            self.restore_button = QCommandLinkButton(
                f"Restore the newest good backup ({describe_backup(backup)})",
                "A copy of the backup takes the file's place and opens. The damaged file is "
                "kept beside it under a new name, so nothing is lost.",
            )
            self.restore_button.setObjectName("RestoreBackupButton")
            self.restore_button.clicked.connect(lambda: self._choose(RESTORE))
            layout.addWidget(self.restore_button)
        else:
            none = QLabel("There is no good backup of this file to restore.")
            none.setWordWrap(True)
            layout.addWidget(none)
        self.open_other_button = QCommandLinkButton(
            "Open another database…", "Choose a different claims database file."
        )
        self.open_other_button.clicked.connect(lambda: self._choose(OPEN_OTHER))
        layout.addWidget(self.open_other_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.restore_button or self.open_other_button).setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class DamagedDatabaseRecovery:
    """Asks what to do with a damaged file, restores the backup and opens what was chosen.

    ``choose_project`` shows the file dialog and opens the choice (True if a project is open).
    """

    def __init__(
        self,
        parent: QWidget,
        open_project: Callable[[str], bool],
        choose_project: Callable[[], bool],
        report: Callable[[str], None],
    ) -> None:
        self._parent = parent
        self._open_project = open_project
        self._choose_project = choose_project
        self._report = report

    def recover(self, error: DatabaseDamagedError, path: Path) -> bool:
        """True if a project is open afterwards (the restored one, or another)."""
        file = Path(error.path) if error.path else path
        backup = backup_info(error.backup)
        if backup is None and error.backup is None:
            backup = self._find_backup(file)
        problem = error.problem or str(error)
        dialog = DamagedDatabaseDialog(file, problem, backup, self._parent)
        try:
            dialog.exec()
            choice = dialog.choice
        finally:
            dialog.deleteLater()
        if choice == RESTORE and backup is not None:
            return self._restore(file, backup)
        if choice == OPEN_OTHER:
            return self._choose_project()
        return False

    def _find_backup(self, file: Path) -> BackupInfo | None:
        from claimtracker.safety.backup import newest_good_backup

        try:
            return wait_with_progress(
                self._parent, "Looking for a good backup…", lambda: newest_good_backup(file)
            )
        except ClaimTrackerError:
            log.warning("Cannot look for a backup of %s", file, exc_info=True)
            return None

    def _restore(self, file: Path, backup: BackupInfo) -> bool:
        from claimtracker.safety.backup import restore_backup

        try:
            restored: RestoredDatabase = wait_with_progress(
                self._parent,
                f"Restoring the backup from {describe_backup(backup)}…",
                lambda: restore_backup(file, backup.path),
            )
        except ClaimTrackerError as error:
            show_error(self._parent, error, action="Restoring the backup")
            return False
        opened = self._open_project(str(file))
        if opened:
            aside = (
                f"; the damaged file is kept as {restored.kept_aside.name}"
                if restored.kept_aside
                else ""
            )
            self._report(f"Restored the backup from {describe_backup(backup)}{aside}")
        return opened


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
