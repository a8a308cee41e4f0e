"""The bar above the table while it shows the trash: what the trash holds, Restore, Empty.

The trash is one place, the sidebar's Trash (as in Zotero): the table lists the trashed claims
to search, read and restore, and this bar says what else is in the trash — links, sources and
actors, which are not claims — and restores those from a list of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from ui.common.choice_popup import ChoicePopup, Entry
from ui.common.flow_layout import FlowLayout
from ui.icons import icon
from ui.safety.trash.emptying import describe_counts
from ui.safety.trash.kinds import deleted_text, item_title

if TYPE_CHECKING:
    from claimtracker.services.trash import TrashItem


def _tool_button(parent: QWidget, action: QAction | None = None) -> QToolButton:
    button = QToolButton(parent)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(False)
    if action is not None:
        button.setDefaultAction(action)
    return button


class TrashBar(QFrame):
    #: Bring these items (links, sources, actors: ``TrashItem``) back.
    restoreRequested = Signal(list)

    def __init__(
        self, restore_action: QAction, empty_action: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TrashBar")
        self._counts: dict[str, int] = {}
        self._others: list[TrashItem] = []
        self.summary = QLabel(self)
        self.summary.setObjectName("TrashSummary")
        self.summary.setWordWrap(True)
        self.hint = QLabel(
            "Select claims in the table to restore them. Emptying deletes everything in the "
            "trash for good; its history is kept.",
            self,
        )
        self.hint.setObjectName("FieldHint")
        self.hint.setWordWrap(True)
        self.restore_button = _tool_button(self, restore_action)
        self.others_button = _tool_button(self)
        self.others_button.setIcon(icon("restore"))
        self.others_button.setToolTip("Restore a link, source or actor from the trash")
        self.others_button.clicked.connect(self.open_others)
        self.empty_button = _tool_button(self, empty_action)
        self.popup: ChoicePopup | None = None

        # The buttons wrap in a narrow centre instead of widening it (which took the room from
        # the sidebar, cutting its names, at 1024 px).
        buttons = FlowLayout(spacing=6)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.others_button)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.show_contents({}, [])

    # -- what the trash holds -------------------------------------------------------------

    def show_contents(self, counts: dict[str, int], others: list[TrashItem]) -> None:
        """The trash's counts by kind, and its links, sources and actors (newest first)."""
        self._counts = dict(counts)
        self._others = list(others)
        held = describe_counts(self._counts)
        self.summary.setText(
            "The trash is empty." if held == "nothing" else f"In the trash: {held}."
        )
        self.others_button.setText(f"Links, Sources, Actors ({len(self._others):,})…")
        self.others_button.setEnabled(bool(self._others))
        if self.popup is not None and self.popup.isVisible():
            self.popup.reload()

    @property
    def others(self) -> list[TrashItem]:
        return list(self._others)

    # -- restoring the other kinds --------------------------------------------------------

    def _entries(self, text: str) -> list[Entry]:
        folded = text.casefold()
        entries = []
        for item in self._others:
            label = f"{item_title(item)}: {item.label}" if item.kind != "link" else item_title(item)
            if not folded or folded in label.casefold():
                entries.append(Entry(item, label, f"deleted {deleted_text(item)}"))
        return entries

    def open_others(self) -> ChoicePopup:
        if self.popup is None:
            self.popup = ChoicePopup(
                "Links, sources and actors", fetch=self._entries, multi=False, parent=self
            )
            self.popup.chosen.connect(lambda entry: self.restoreRequested.emit([entry.key]))
            self.popup.list.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
            self.popup.list.setToolTip("Click one to restore it (Undo puts it back)")
        self.popup.show_below(self.others_button)
        return self.popup
