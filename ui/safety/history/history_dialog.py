"""The History window of one claim (with its links), source or actor.

Who changed which field from what to what, and when, newest first; the whole values of the
chosen entry below; and a button that puts the earlier value back (an undoable command run by
the main window's editing). The window reads the history on a worker and again whenever the
record changes — here or, once noticed, elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.common.screen_fit import fit_on_screen
from ui.common.snapshot_view import read_only_table
from ui.icons import icon
from ui.runtime.ops import call_in_background
from ui.safety.history.history_model import FROM, TO, WHAT, WHEN, WHO, HistoryModel
from ui.safety.history.loading import HistoryPage, HistoryRow, load_history
from ui.safety.history.values import shortened

if TYPE_CHECKING:
    from ui.runtime.project import Project


class HistoryDialog(QDialog):
    #: Put back the value from before this entry (the row, the record's version as loaded).
    restoreRequested = Signal(object, object)
    #: A page of history was shown (for tests and the status bar).
    loaded = Signal()

    def __init__(
        self, project: Project, kind: str, record_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HistoryDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"History of {kind} #{record_id}")
        fit_on_screen(self, 900, 560)
        self.project = project
        self.kind = kind
        self.record_id = record_id
        self.page: HistoryPage | None = None
        self._reload_pending = False
        self._loading = False

        self.title = QLabel(f"{kind.capitalize()} #{record_id}")
        self.title.setObjectName("PaneTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("FieldHint")
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.model = HistoryModel(self)
        self.table = read_only_table(self.model, name="HistoryTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FROM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TO, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(WHAT, 200)
        self.empty = QLabel("Loading the history…")
        self.empty.setObjectName("FieldHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.before = _value_box()
        self.after = _value_box()
        self.entry_label = QLabel()
        self.entry_label.setObjectName("FieldHint")
        self.entry_label.setWordWrap(True)
        self.entry_label.setTextFormat(Qt.TextFormat.PlainText)
        details = QWidget()
        grid = QGridLayout(details)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.entry_label, 0, 0, 1, 2)
        grid.addWidget(_caption("Before"), 1, 0)
        grid.addWidget(_caption("After"), 1, 1)
        grid.addWidget(self.before, 2, 0)
        grid.addWidget(self.after, 2, 1)

        table_area = QWidget()
        table_layout = QVBoxLayout(table_area)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(table_area)
        splitter.addWidget(details)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 140])

        self.restore_button = QPushButton(icon("restore"), "Restore this value")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)

        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self._restore())
        self._show_entry(None)
        self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the history again (on a worker); a reload asked for meanwhile runs after it."""
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        store_of, kind, record_id = self.project, self.kind, self.record_id
        call_in_background(
            self,
            lambda: load_history(store_of.store, kind, record_id),
            self._show_page,
            self._show_failure,
        )

    def _show_page(self, page: object) -> None:
        assert isinstance(page, HistoryPage)
        self._loading = False
        selected = self.selected_row()
        self.page = page
        self.title.setText(f"History of {page.title[0].lower()}{page.title[1:]}")
        self.subtitle.setText(page.subtitle)
        self.subtitle.setVisible(bool(page.subtitle))
        self.model.set_rows(page.rows)
        self.table.resizeColumnToContents(WHAT)
        self.table.setColumnWidth(WHAT, min(max(self.table.columnWidth(WHAT), 160), 340))
        self.empty.setVisible(not page.rows)
        self.empty.setText("No changes are recorded for it yet.")
        number = self.model.row_of(selected.change_id) if selected is not None else None
        if number is None and page.rows:
            number = 0
        if number is not None:
            self.table.selectRow(number)
        else:
            self._show_entry(None)
        if self._reload_pending:
            self._reload_pending = False
            self.reload()
        self.loaded.emit()

    def _show_failure(self, error: BaseException) -> None:
        self._loading = False
        self.empty.setText(f"The history cannot be read: {error}")
        self.empty.show()

    # -- the chosen entry -----------------------------------------------------------------

    def selected_row(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.history_row(rows[0].row()) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_entry(self.selected_row())

    def _show_entry(self, row: HistoryRow | None) -> None:
        self.before.setPlainText(row.old_full if row else "")
        self.after.setPlainText(row.new_full if row else "")
        if row is None:
            self.entry_label.setText("Choose an entry to see the whole values.")
        else:
            what = f"{row.subject} · {row.what}" if row.subject else row.what
            parts = [f"{what}, changed by {row.analyst} on {row.when}"]
            if row.note:
                parts.append(f"Why: {row.note}")
            self.entry_label.setText(" — ".join(parts))
        restorable = row is not None and row.restorable
        self.restore_button.setEnabled(restorable)
        if row is not None and restorable:
            self.restore_button.setText(f"Restore “{shortened(row.old_full, 32)}”")
            self.restore_button.setToolTip(
                f"Put back the {row.what.lower()} it had before this change: {row.old_full}"
            )
        else:
            self.restore_button.setText("Restore this value")
            self.restore_button.setToolTip(
                row.not_restorable_because if row is not None else "Choose a changed field"
            )

    def _restore(self) -> None:
        row = self.selected_row()
        if row is None or not row.restorable or self.page is None:
            return
        self.restoreRequested.emit(row, self.page.versions.get((row.kind, row.record_id)))


def _value_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setObjectName("HistoryValue")
    box.setMinimumHeight(60)
    return box


def _caption(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("SectionTitle")
    return label
