"""The Trash window: every deleted claim, link, source and actor; restore some, or empty it.

The table of claims can show the trashed claims too (the sidebar's Trash); this window is where
the other kinds are seen and brought back. Restoring is an undoable command run by the main
window's editing; emptying deletes every kind for good after a confirmation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ui.common.screen_fit import fit_on_screen
from ui.common.snapshot_view import read_only_table
from ui.icons import icon
from ui.runtime.ops import call_in_background
from ui.safety.trash.trash_model import DELETED, ITEM, KIND, KIND_PLURALS, KINDS, TrashModel

if TYPE_CHECKING:
    from claimtracker.services.trash import TrashItem
    from ui.runtime.project import Project


def _read_trash(project: Project) -> list[TrashItem]:
    from claimtracker.services.trash import trash_items

    return project.store.reading(trash_items)


class TrashDialog(QDialog):
    #: Bring these items back (list of ``TrashItem``).
    restoreRequested = Signal(list)
    #: Delete everything in the trash for good (after the window's confirmation).
    emptyRequested = Signal()
    #: The trash was read (for tests).
    loaded = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrashDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Trash")
        fit_on_screen(self, 760, 500)
        self.project = project
        self._loading = False
        self._reload_pending = False

        title = QLabel("Trash")
        title.setObjectName("PaneTitle")
        intro = QLabel(
            "Deleted claims, links, sources and actors wait here until the trash is emptied. "
            "Restoring brings them back where they were; emptying deletes them for good "
            "(their history is kept)."
        )
        intro.setObjectName("FieldHint")
        intro.setWordWrap(True)
        self.tabs = QTabBar()
        self.tabs.setObjectName("TrashTabs")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self._tab_kinds: list[str | None] = [None, *KINDS]
        for _kind in self._tab_kinds:
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(self._on_tab)

        self.model = TrashModel(self)
        self.table = read_only_table(
            self.model,
            name="TrashTable",
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DELETED, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("Reading the trash…")
        self.empty.setObjectName("FieldHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.restore_button = QPushButton(icon("restore"), "Restore")
        self.restore_button.setToolTip("Bring the selected items back (undo moves them back)")
        self.restore_button.setEnabled(False)
        self.empty_button = QPushButton(icon("trash"), "Empty Trash…")
        self.empty_button.setToolTip("Delete everything in the trash for good")
        self.restore_button.clicked.connect(self._restore)
        self.empty_button.clicked.connect(self.emptyRequested)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.empty_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)

        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self._restore())
        self._update_tabs()
        self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        project = self.project
        call_in_background(self, lambda: _read_trash(project), self._show_items, self._show_failure)

    def _show_items(self, items: object) -> None:
        assert isinstance(items, list)
        self._loading = False
        self.model.set_items(items)
        self._update_tabs()
        self._update_empty()
        if self._reload_pending:
            self._reload_pending = False
            self.reload()
        self.loaded.emit()

    def _show_failure(self, error: BaseException) -> None:
        self._loading = False
        self.empty.setText(f"The trash cannot be read: {error}")
        self.empty.show()

    def _update_tabs(self) -> None:
        counts = self.model.counts()
        for number, kind in enumerate(self._tab_kinds):
            count = self.model.total() if kind is None else counts.get(kind, 0)
            label = "Everything" if kind is None else KIND_PLURALS[kind]
            self.tabs.setTabText(number, f"{label} ({count:,})")
        self.empty_button.setEnabled(self.model.total() > 0)

    def _update_empty(self) -> None:
        kind = self.model.kind
        if kind is None or not self.model.total():
            self.empty.setText("The trash is empty.")
        else:
            self.empty.setText(f"There are no {KIND_PLURALS[kind].lower()} in the trash.")
        self.empty.setVisible(self.model.rowCount() == 0)
        self._on_selection(QItemSelection(), QItemSelection())

    # -- choosing and restoring -----------------------------------------------------------

    def show_kind(self, kind: str | None) -> None:
        self.tabs.setCurrentIndex(self._tab_kinds.index(kind))

    @Slot(int)
    def _on_tab(self, number: int) -> None:
        self.model.set_kind(self._tab_kinds[number])
        self._update_empty()

    def selected_items(self) -> list[TrashItem]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [item for item in (self.model.item(row) for row in rows) if item is not None]

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        count = len(self.selected_items())
        self.restore_button.setEnabled(bool(count))
        self.restore_button.setText(f"Restore {count:,} Items" if count > 1 else "Restore")

    def _restore(self) -> None:
        items = self.selected_items()
        if items:
            self.restoreRequested.emit(items)
