"""A stale edit: the record was changed elsewhere since it was loaded. Ask, never overwrite.

:func:`describe_conflict` reads what is saved now and sets it beside what the user tried to
save; :class:`ConflictDialog` shows both and asks "Keep theirs" (reload) or "Use mine" (apply
again on the version saved now). "Use mine" also makes the command's undo go back to *their*
value, not to the one the user saw before — undo never brings back a value nobody has now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.errors import ConflictError
from claimtracker.query import fetch_row
from ui.claims.commands import EditClaimCommand, SetSpeakerCommand
from ui.claims.editing import claim_values
from ui.runtime.commands import ProjectCommand
from ui.runtime.project import Project
from ui.safety.history.values import NO_VALUE, field_label, shortened, value_text


@dataclass(frozen=True)
class ConflictingValue:
    label: str
    theirs: str
    mine: str


@dataclass
class Conflict:
    """What the question shows, and how to make "Use mine" right for the command's undo."""

    record: str
    values: list[ConflictingValue]
    last_change: str
    current_version: int | None
    #: Called when the user keeps their own value: the command's "before" becomes theirs.
    adopt_theirs_as_before: Callable[[], None] | None = None


def describe_conflict(
    project: Project, command: ProjectCommand, error: ConflictError
) -> Conflict | None:
    """Both values for the commands that edit a versioned record; None for others."""
    from ui.safety.history.restore_command import RestoreValueCommand

    if isinstance(command, EditClaimCommand | SetSpeakerCommand):
        row = fetch_row(project.reader, command.claim_id)
        if row is None:
            return None
        adopt: Callable[[], None]
        if isinstance(command, EditClaimCommand):
            now = claim_values(row)
            values = [
                ConflictingValue(
                    field_label("claim", name),
                    _shown(name, now.get(name), row.source_title),
                    _shown(name, mine, None),
                )
                for name, mine in command.after.items()
            ]
            adopt = partial(
                setattr, command, "before", {name: now.get(name) for name in command.after}
            )
        else:
            values = [
                ConflictingValue("Speaker", row.speaker or NO_VALUE, command.name or NO_VALUE)
            ]
            adopt = partial(setattr, command, "old_speaker_id", row.speaker_id)
        return Conflict(
            record=f"claim #{command.claim_id}",
            values=values,
            last_change=_last_change(project, "claim", command.claim_id),
            current_version=error.current_version,
            adopt_theirs_as_before=adopt,
        )
    if isinstance(command, RestoreValueCommand):
        kind, field = command.kind, command.field
        return Conflict(
            record=f"{kind} #{command.record_id}",
            values=[
                ConflictingValue(
                    field_label(kind, field),
                    value_text(kind, field, _jsonable(command.current_value())),
                    command.row.old_full,
                )
            ],
            last_change=_last_change(project, kind, command.record_id),
            current_version=error.current_version,
        )
    return None


def _shown(field: str, value: Any, source_title: str | None) -> str:
    if field == "source_id" and value is not None and source_title:
        return f"{source_title} (#{value})"
    return value_text("claim", field, _jsonable(value))


def _jsonable(value: Any) -> Any:
    """A model's value as the history stores it (dates as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _last_change(project: Project, kind: str, record_id: int) -> str:
    """ "by Jane on 2026-11-26 18:24": who made the newest change, as the history says."""
    from claimtracker.journal.reading import history_of
    from ui.common.local_time import local_time

    try:
        changes = project.store.reading(history_of, kind=kind, record_id=record_id)
    except Exception:  # the question is still worth asking without it
        return ""
    if not changes:
        return ""
    newest = changes[-1]
    return f"by {newest.analyst} on {local_time(newest.changed_at)}"


class ConflictDialog(QDialog):
    """ "Changed elsewhere": both values, "Keep theirs" or "Use mine"."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle("Changed elsewhere")
        self.setMinimumWidth(520)
        self.conflict = conflict
        self.use_mine_chosen = False
        heading = QLabel(f"{conflict.record.capitalize()} was changed elsewhere")
        heading.setObjectName("DialogHeading")
        since = f" ({conflict.last_change})" if conflict.last_change else ""
        explanation = QLabel(
            f"Someone changed it{since} after you loaded it — in another window or on the "
            "command line. Nothing was overwritten. Which value should it keep?"
        )
        explanation.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for column, title in enumerate(("", "Saved now (theirs)", "Yours")):
            caption = QLabel(title.upper())
            caption.setObjectName("SectionTitle")
            grid.addWidget(caption, 0, column)
        for number, value in enumerate(conflict.values, start=1):
            label = QLabel(value.label)
            label.setObjectName("FieldHint")
            label.setContentsMargins(0, 7, 0, 0)  # level with the first line of the values
            grid.addWidget(label, number, 0, Qt.AlignmentFlag.AlignTop)
            for column, text in ((1, value.theirs), (2, value.mine)):
                shown = QLabel(shortened(text, 400))
                shown.setObjectName("ConflictValue")
                shown.setProperty("mine", column == 2)
                shown.setWordWrap(True)
                shown.setTextFormat(Qt.TextFormat.PlainText)
                shown.setToolTip(text)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(shown, number, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        buttons = QDialogButtonBox()
        self.keep_theirs_button = QPushButton("Keep theirs")
        self.keep_theirs_button.setToolTip("Drop your change and show what is saved now")
        self.use_mine_button = QPushButton("Use mine")
        self.use_mine_button.setToolTip("Save your value over theirs (undo brings theirs back)")
        buttons.addButton(self.keep_theirs_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.use_mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_mine_button.setAutoDefault(False)  # Enter keeps theirs: nothing is overwritten
        self.keep_theirs_button.setDefault(True)
        self.keep_theirs_button.setFocus()
        self.use_mine_button.clicked.connect(self._use_mine)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addSpacing(4)
        layout.addWidget(buttons)

    def _use_mine(self) -> None:
        self.use_mine_chosen = True
        self.accept()
