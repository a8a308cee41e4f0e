"""Conflicts side by side: this project's value beside the other side's, field by field.

One record at a time (claims first), stepped through with Previous and Next: for each field
in conflict, "Mine" (the value that stands here) beside "Theirs" (who changed it there, when,
in which file), and Keep mine, Take theirs, Edit… under them. The window only shows and asks;
settling is an undo step made by :class:`~ui.merging.features.MergeFeatures`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.screen_fit import fit_on_screen
from ui.icons import icon

if TYPE_CHECKING:
    from claimtracker.merging.conflicts import Conflict, ConflictedRecord

log = logging.getLogger(__name__)

#: Asked to settle: (conflict, how — "mine", "theirs" or "edit", this side's value now).
Settle = Callable[["Conflict", str, Any], object]


def _value_box(text: str, *, mine: bool) -> QLabel:
    box = QLabel(text)
    box.setObjectName("ConflictValue")  # styled like the stale-edit question's values
    box.setProperty("mine", mine)
    box.setWordWrap(True)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setMinimumWidth(260)
    box.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return box


class ConflictsWindow(QWidget):
    #: Select this claim in the main window's table.
    claimRequested = Signal(int)
    #: Load the records in conflict again (the owner answers with :meth:`show_records`).
    refreshRequested = Signal()

    def __init__(self, settle: Settle, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ConflictsWindow")
        self.setWindowTitle("Conflicts side by side — ClaimTracker")
        fit_on_screen(self, 1040, 620)
        self._settle = settle
        self._records: list[ConflictedRecord] = []
        self._index = 0

        self.previous_button = QToolButton(self)
        self.previous_button.setIcon(icon("previous"))
        self.previous_button.setToolTip("Previous record in conflict")
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QToolButton(self)
        self.next_button.setIcon(icon("next"))
        self.next_button.setToolTip("Next record in conflict")
        self.next_button.clicked.connect(self.next)
        self.position = QLabel(self)
        self.title = QLabel(self)
        self.title.setObjectName("CardClaim")
        self.title.setWordWrap(True)
        self.show_button = QPushButton("Show in Table", self)
        self.show_button.clicked.connect(self._show_in_table)
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addWidget(self.position)
        top.addSpacing(12)
        top.addWidget(self.title, 1)
        top.addWidget(self.show_button)

        self.fields, self.grid = self._new_grid()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.fields)
        self.empty = QLabel("No conflicts to settle: every merge is settled.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.explanation = QLabel(
            "Both sides changed these fields since they last shared their work. Your value "
            "stands until you settle each one: keep yours, take theirs, or write your own.",
            self,
        )
        self.explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.empty, 1)
        self._scroll = scroll
        #: Buttons per conflict id: (keep mine, take theirs, edit), for tests and shortcuts.
        self.buttons: dict[int, tuple[QPushButton, QPushButton, QPushButton]] = {}

    # -- what is shown --------------------------------------------------------------------

    @property
    def records(self) -> list[ConflictedRecord]:
        return self._records

    @property
    def record(self) -> ConflictedRecord | None:
        return self._records[self._index] if self._records else None

    def show_records(
        self, records: list[ConflictedRecord], *, keep: tuple[str, int] | None = None
    ) -> None:
        """Show ``records``, staying on the record ``keep`` (kind, id) when it is still there."""
        current = self.record
        wanted = keep or ((current.kind, current.record_id) if current else None)
        self._records = records
        self._index = next(
            (i for i, r in enumerate(records) if (r.kind, r.record_id) == wanted),
            min(self._index, max(len(records) - 1, 0)),
        )
        self._fill()

    def next(self) -> None:
        if self._index + 1 < len(self._records):
            self._index += 1
            self._fill()

    def previous(self) -> None:
        if self._index > 0:
            self._index -= 1
            self._fill()

    @staticmethod
    def _new_grid() -> tuple[QWidget, QGridLayout]:
        fields = QWidget()
        grid = QGridLayout(fields)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        return fields, grid

    def _clear(self) -> None:
        """A fresh grid (the scroll area deletes the old one with its widgets and layouts)."""
        self.fields, self.grid = self._new_grid()
        self._scroll.setWidget(self.fields)
        self.buttons = {}

    def _fill(self) -> None:
        self._clear()
        record = self.record
        has = record is not None
        self._scroll.setVisible(has)
        self.empty.setVisible(not has)
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index + 1 < len(self._records))
        self.show_button.setEnabled(has and record is not None and record.kind == "claim")
        if record is None:
            self.position.setText("")
            self.title.setText("No conflicts")
            return
        self.position.setText(f"{self._index + 1} of {len(self._records)}")
        self.title.setText(record.label)
        peer = record.conflicts[0].peer_name
        for column, text in enumerate(("Field", "Mine — stands here", f"Theirs — from {peer}")):
            heading = QLabel(text)
            heading.setObjectName("SectionTitle")
            self.grid.addWidget(heading, 0, column)
        row = 1
        for conflict in record.conflicts:
            mine_text, theirs_text = record.texts[conflict.field]
            if row > 1:
                line = QFrame()
                line.setObjectName("Separator")
                line.setFrameShape(QFrame.Shape.HLine)
                self.grid.addWidget(line, row, 0, 1, 3)
                row += 1
            label = QLabel(conflict.label)
            label.setObjectName("FieldLabel")
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            when = str(conflict.theirs_changed_at or "")[:16]
            who = " · ".join(part for part in (conflict.theirs_analyst, when) if part)
            theirs = _value_box(theirs_text + (f"\n\n— {who}" if who else ""), mine=False)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(_value_box(mine_text, mine=True), row, 1)
            self.grid.addWidget(theirs, row, 2)
            row += 1
            if conflict.note:
                note = QLabel(conflict.note.capitalize() + ".")
                note.setWordWrap(True)
                self.grid.addWidget(note, row, 1, 1, 2)
                row += 1
            keep, take = self._actions(conflict, record.current.get(conflict.field))
            self.grid.addLayout(keep, row, 1)
            self.grid.addLayout(take, row, 2)
            row += 1
        self.grid.setRowStretch(row, 1)

    def _actions(self, conflict: Conflict, current: Any) -> tuple[QHBoxLayout, QHBoxLayout]:
        """Keep Mine and Edit… under this side's value, Take Theirs under the other's."""
        alias = conflict.field == "alias"
        keep = QPushButton("Keep Two Actors" if alias else "Keep Mine")
        take = QPushButton("Same Actor: Make an Alias" if alias else "Take Theirs")
        edit = QPushButton("Edit…")
        edit.setVisible(conflict.editable)
        keep.setToolTip("Your value stands; the conflict is settled")
        take.setToolTip("The other side's value replaces yours")
        edit.setToolTip("Settle it with a value of your own")
        keep.clicked.connect(lambda: self._settle(conflict, "mine", current))
        take.clicked.connect(lambda: self._settle(conflict, "theirs", current))
        edit.clicked.connect(lambda: self._settle(conflict, "edit", current))
        self.buttons[conflict.id] = (keep, take, edit)
        mine_side, theirs_side = QHBoxLayout(), QHBoxLayout()
        mine_side.addWidget(keep)
        mine_side.addWidget(edit)
        mine_side.addStretch(1)
        theirs_side.addWidget(take)
        theirs_side.addStretch(1)
        return mine_side, theirs_side

    def _show_in_table(self) -> None:
        record = self.record
        if record is not None and record.kind == "claim":
            self.claimRequested.emit(record.record_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._records = []
        self._clear()
        super().closeEvent(event)
