"""Changes the database could not take (disk full, read-only, busy), kept to be tried again.

Nothing was written for them: the core rolls a failed transaction back. The commands are kept
here with what the user typed; the editor leaves the typed value where it is, and the bar above
the claim says what happened and offers "Try again" (once space is free) or "Discard".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from claimtracker.errors import ClaimTrackerError
from ui.claims.commands import EditClaimCommand, SetSpeakerCommand
from ui.claims.editing import Editing
from ui.errors import user_message
from ui.icons import icon
from ui.runtime.commands import ProjectCommand
from ui.runtime.hub import Hub

log = logging.getLogger(__name__)


class PendingChanges(QObject):
    """The kept commands, oldest first, and the last reason they could not be saved."""

    #: The list changed (kept, saved or discarded).
    changed = Signal()

    def __init__(self, editing: Editing, hub: Hub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editing = editing
        self._hub = hub
        self._commands: list[ProjectCommand] = []
        self.error: ClaimTrackerError | None = None
        self._retrying = False

    @property
    def commands(self) -> list[ProjectCommand]:
        return list(self._commands)

    def __len__(self) -> int:
        return len(self._commands)

    def keep(self, command: ProjectCommand, error: ClaimTrackerError) -> None:
        """Keep ``command`` (refused for ``error``) to be tried again; typing merges into one."""
        self.error = error
        if command not in self._commands:
            last = self._commands[-1] if self._commands else None
            merged = (
                isinstance(last, EditClaimCommand)
                and isinstance(command, EditClaimCommand)
                and last.mergeWith(command)
            )
            if not merged:
                self._commands.append(command)
        log.info("Kept to try again (%s): %s", error, command.text())
        self.changed.emit()

    @Slot()
    def try_again(self) -> bool:
        """Apply the kept changes in order; True once all are saved."""
        if self._retrying:
            return False
        self._retrying = True
        try:
            while self._commands:
                command = self._commands[0]
                if self._editing.run(command):
                    self._commands.pop(0)
                elif self._editing.last_failure_kept:
                    break  # still cannot be written: the rest waits too
                else:
                    self._commands.pop(0)  # refused for another reason, already reported
        finally:
            self._retrying = False
        if not self._commands:
            self.error = None
        self.changed.emit()
        return not self._commands

    @Slot()
    def discard(self) -> None:
        """Forget the kept changes; the views show what is saved again."""
        claims = [
            command.claim_id
            for command in self._commands
            if isinstance(command, EditClaimCommand | SetSpeakerCommand)
        ]
        self._commands.clear()
        self.error = None
        self.changed.emit()
        if claims:
            from claimtracker.journal.changes import ChangeSet

            self._hub.announce(ChangeSet.records("claim", sorted(set(claims))))

    def clear(self) -> None:
        """The project closed: its kept changes cannot be applied any more."""
        self._commands.clear()
        self.error = None
        self.changed.emit()


class SaveProblemBar(QFrame):
    """ "Not saved: <what happened>", with Try again and Discard; hidden while nothing waits."""

    def __init__(self, pending: PendingChanges, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SaveProblemBar")
        self.pending = pending
        self.icon = QLabel()
        self.icon.setPixmap(icon("info").pixmap(18, 18))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel()
        self.heading.setObjectName("SaveProblemHeading")
        self.heading.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.try_again_button = QPushButton("Try again")
        self.try_again_button.setDefault(True)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip("Forget the changes that were not saved")
        self.try_again_button.clicked.connect(pending.try_again)
        self.discard_button.clicked.connect(pending.discard)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.heading)
        text.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.try_again_button)
        text.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        layout.addWidget(self.icon)
        layout.addLayout(text, 1)
        pending.changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        count = len(self.pending)
        self.setVisible(bool(count))
        if not count:
            return
        what = self.pending.commands[0].text() if count == 1 else f"{count} changes"
        self.heading.setText(f"<b>Not saved:</b> {_escaped(what)}")
        reason = user_message(self.pending.error) if self.pending.error else ""
        self.message.setText(
            f"{reason}\nYour change is kept as you made it; press Try again once the problem "
            "is solved."
        )


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
