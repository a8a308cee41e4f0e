"""A popup to pick one or several entries from a list that may be long (speakers, sources, tags).

With a ``fetch`` function the list comes from the database as the user types (bounded lists:
the query layer adds a LIMIT); a fixed list is filtered in place. Checked entries stay checked
while the search text changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon


@dataclass(frozen=True)
class Entry:
    key: object
    label: str
    detail: str = ""


class ChoicePopup(QFrame):
    """Pick entries; ``multi`` shows check boxes, otherwise a click chooses and closes."""

    #: Multi-select: the checked entries changed (list of Entry).
    checkedChanged = Signal(list)
    #: Single-select: an entry was chosen.
    chosen = Signal(object)

    def __init__(
        self,
        title: str,
        *,
        entries: list[Entry] | None = None,
        fetch: Callable[[str], list[Entry]] | None = None,
        multi: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("ChoicePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._fixed = entries
        self._fetch = fetch
        self._multi = multi
        self._checked: dict[object, Entry] = {}
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"Find {title.lower()}…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumWidth(300)
        self.list.setMinimumHeight(120)
        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setVisible(multi)
        self.clear_button.clicked.connect(self.clear)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("FieldHint")
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        heading = QLabel(title, self)
        heading.setObjectName("PopupTitle")
        layout.addWidget(heading)
        if fetch is not None or (entries is not None and len(entries) > 10):
            layout.addWidget(self.search)
        else:
            self.search.hide()
        layout.addWidget(self.list)
        layout.addLayout(footer)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(60)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.itemClicked.connect(self._on_item_clicked)

    # -- state ----------------------------------------------------------------------------

    def checked(self) -> list[Entry]:
        return list(self._checked.values())

    def set_checked(self, entries: list[Entry]) -> None:
        self._checked = {entry.key: entry for entry in entries}
        self._sync_checks()

    def clear(self) -> None:
        if self._checked:
            self._checked.clear()
            self._sync_checks()
            self.checkedChanged.emit([])

    # -- showing --------------------------------------------------------------------------

    def show_below(self, anchor: QWidget) -> None:
        self.search.clear()
        self.reload()
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height() + 2)))
        self.show()
        (self.search if self.search.isVisible() else self.list).setFocus()

    def reload(self) -> None:
        text = self.search.text().strip()
        if self._fetch is not None:
            entries = self._fetch(text)
        else:
            folded = text.casefold()
            entries = [e for e in self._fixed or [] if not folded or folded in e.label.casefold()]
        # Checked entries first, so a choice stays visible whatever is typed.
        keys = {entry.key for entry in entries}
        shown = [e for e in self._checked.values() if e.key not in keys and not text] + entries
        self.list.blockSignals(True)
        self.list.clear()
        for entry in shown:
            item = QListWidgetItem(
                entry.label if not entry.detail else f"{entry.label}   ·  {entry.detail}"
            )
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(entry.label)
            if self._multi:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = entry.key in self._checked
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if shown and not self._multi:
            self.list.setCurrentRow(0)
        self.count_label.setText(
            "No matches"
            if not shown
            else f"{len(shown)} shown"
            + (f" · {len(self._checked)} chosen" if self._checked else "")
        )

    def _sync_checks(self) -> None:
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            entry = item.data(Qt.ItemDataRole.UserRole)
            checked = entry.key in self._checked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    # -- user input -----------------------------------------------------------------------

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        entry: Entry = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._checked[entry.key] = entry
        else:
            self._checked.pop(entry.key, None)
        self.checkedChanged.emit(self.checked())
        self.count_label.setText(
            f"{self.list.count()} shown"
            + (f" · {len(self._checked)} chosen" if self._checked else "")
        )

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        if not self._multi:
            self._on_item_activated(item)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        entry: Entry = item.data(Qt.ItemDataRole.UserRole)
        if self._multi:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        else:
            self.hide()
            self.chosen.emit(entry)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.search.hasFocus():
            self.list.setFocus()
            self.list.keyPressEvent(event)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.list.currentItem()
            if item is not None:
                self._on_item_activated(item)
                return
        super().keyPressEvent(event)
