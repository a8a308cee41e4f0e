"""The claims table view: columns the user chooses and reorders, badges, sorting in the database.

Sorting is the model's (a new query); the view only shows which column is sorted. Columns that
cannot be sorted keep the previous sort indicator.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from claimtracker.query.explain import Highlighter
from ui.claims.claims_table import ClaimsTableModel
from ui.claims.columns import COLUMNS, column_index
from ui.common.badges import BadgeDelegate
from ui.common.empty_state import EmptyState
from ui.common.text_delegate import TextDelegate
from ui.settings import Settings

HEADER_KEY = "claims_table"
#: The narrowest the claim column gets when it fills the table (a scroll bar beyond).
CLAIM_MIN_WIDTH = 240


class ClaimsView(QTableView):
    #: The current claim (0 when none).
    currentClaimChanged = Signal(int)
    #: The selected claims changed (list of ids).
    selectionChangedIds = Signal(list)
    #: Double-click or Enter on a claim.
    claimActivated = Signal(int)
    #: Right-click in the table (viewport position).
    contextMenuRequested = Signal(QPoint)

    def __init__(self, model: ClaimsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClaimsView")
        self.claims = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab moves on to the next pane, as in a form; arrows move within the table.
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(26, int(self.fontMetrics().height() * 1.85)))
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setSortIndicatorShown(True)
        header.setMinimumSectionSize(40)
        self._claim_fills = True
        self._delegates: list[QStyledItemDelegate] = []
        for number, column in enumerate(COLUMNS):
            delegate: QStyledItemDelegate
            if column.badge:
                delegate = BadgeDelegate(column.badge, self)
            else:
                delegate = TextDelegate(
                    self,
                    muted=column.key == "id",
                    numeric=column.numeric,
                    marks=self._search_marks if column.searched else None,
                    elsewhere=column.key == "text",
                )
            self._delegates.append(delegate)
            self.setItemDelegateForColumn(number, delegate)
        self._apply_default_columns()
        self._sort_section = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._restored = False
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.selectionModel().selectionChanged.connect(self._on_selection)
        self.activated.connect(self._on_double_clicked)  # double-click, or Enter
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.contextMenuRequested)
        self.empty_state = EmptyState(self.viewport())
        self.empty_state.hide()
        model.modelReset.connect(self._update_empty_state)
        model.rowsInserted.connect(self._update_empty_state)
        model.rowsRemoved.connect(self._update_empty_state)
        # A hidden table paints nothing: its model's stream need not wait for a paint.
        model.rowsReplaced.connect(lambda: None if self.isVisible() else model.rows_painted())
        model.loadingChanged.connect(lambda _l: self._update_empty_state())
        self._empty_handler: object = None
        self._fitting = False
        header.sectionResized.connect(self._on_section_resized)
        self._after_paint: list[Callable[[], None]] = []

    def _search_marks(self) -> Highlighter:
        return self.claims.search_marks

    # -- columns --------------------------------------------------------------------------

    def _apply_default_columns(self) -> None:
        for number, column in enumerate(COLUMNS):
            self.setColumnHidden(number, not column.visible)
            self.setColumnWidth(number, column.width)
        self._stretch_claim_column()

    def _stretch_claim_column(self) -> None:
        """The claim's text takes the room the other columns leave (like a mail's subject),
        until the user sizes that column by hand."""
        self._claim_fills = True
        self._fit_claim_column()

    def _fit_claim_column(self) -> None:
        if not self._claim_fills:
            return
        claim = column_index("text")
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(n)
            for n in range(header.count())
            if n != claim and not header.isSectionHidden(n)
        )
        width = max(CLAIM_MIN_WIDTH, self.viewport().width() - others)
        if header.sectionSize(claim) != width:
            self._fitting = True
            header.resizeSection(claim, width)
            self._fitting = False

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if self._fitting:
            return
        if section == column_index("text"):
            self._claim_fills = False  # the user sized it: leave it
        else:
            QTimer.singleShot(0, self._fit_claim_column)

    def _column_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        menu.setTitle("Columns")
        self.fill_column_menu(menu)
        menu.exec(self.horizontalHeader().mapToGlobal(point))

    def fill_column_menu(self, menu: QMenu) -> None:
        """Checkable entries to show or hide each column, and a reset."""
        menu.clear()
        for number, column in enumerate(COLUMNS):
            action = QAction(column.title if column.key != "id" else "# (claim number)", menu)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(number))
            action.setEnabled(column.key != "text")
            action.toggled.connect(lambda shown, n=number: self.set_column_shown(n, shown))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction("Reset columns")
        reset.triggered.connect(self.reset_columns)

    def set_column_shown(self, number: int, shown: bool) -> None:
        self.setColumnHidden(number, not shown)
        if shown and self.columnWidth(number) < 30:
            self.setColumnWidth(number, COLUMNS[number].width)
        self._fit_claim_column()

    def reset_columns(self) -> None:
        header = self.horizontalHeader()
        for number in range(len(COLUMNS)):
            header.moveSection(header.visualIndex(number), number)
        self._apply_default_columns()

    def visible_column_keys(self) -> list[str]:
        """The shown columns' keys in the order the user sees them."""
        header = self.horizontalHeader()
        numbers = sorted(
            (n for n in range(len(COLUMNS)) if not self.isColumnHidden(n)),
            key=header.visualIndex,
        )
        return [COLUMNS[n].key for n in numbers]

    # -- sorting --------------------------------------------------------------------------

    def enable_sorting(self) -> None:
        """Turn on header sorting with the current indicator, which runs the first query."""
        header = self.horizontalHeader()
        self._sort_section = header.sortIndicatorSection()
        self._sort_order = header.sortIndicatorOrder()
        if (
            not self._restored
            or not 0 <= self._sort_section < len(COLUMNS)
            or not COLUMNS[self._sort_section].sort_key
        ):
            self._sort_section, self._sort_order = 0, Qt.SortOrder.AscendingOrder
            header.setSortIndicator(0, self._sort_order)
        self.setSortingEnabled(True)

    def _on_sort_indicator(self, section: int, order: Qt.SortOrder) -> None:
        if 0 <= section < len(COLUMNS) and COLUMNS[section].sort_key is None:
            header = self.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self._sort_section, self._sort_order)
            header.blockSignals(False)
            return
        self._sort_section, self._sort_order = section, order

    def sort_by(self, key: str, descending: bool = False) -> None:
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.sortByColumn(column_index(key), order)

    # -- state ----------------------------------------------------------------------------

    def save_state(self, settings: Settings) -> None:
        settings.save_header(HEADER_KEY, self.horizontalHeader())

    def restore_state(self, settings: Settings) -> None:
        header = self.horizontalHeader()
        if settings.restore_header(HEADER_KEY, header) and header.count() == len(COLUMNS):
            self.setColumnHidden(column_index("text"), False)
            self._stretch_claim_column()
            self._restored = True
        else:
            self._apply_default_columns()

    # -- selection ------------------------------------------------------------------------

    def current_claim_id(self) -> int:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            return 0
        return self.claims.claim_id(index.row())

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.claims.claim_id(row) for row in rows]

    def select_claim(self, claim_id: int) -> bool:
        """Make ``claim_id`` current and visible; False if it is not in the table."""
        row = self.claims.row_of(claim_id)
        if row is None:
            return False
        index = self.claims.index(row, self.horizontalHeader().logicalIndex(0))
        selection = self.selectionModel()
        selection.setCurrentIndex(
            index,
            selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentClaimChanged.emit(
            self.claims.claim_id(current.row()) if current.isValid() else 0
        )

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selectionChangedIds.emit(self.selected_ids())

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.claimActivated.emit(self.claims.claim_id(index.row()))

    # -- the empty state ------------------------------------------------------------------

    def set_empty_messages(self, describe: object) -> None:
        """``describe()`` → (icon, title, text, actions) for an empty table, set by the window."""
        self._empty_handler = describe
        self._update_empty_state()

    def refresh_empty_state(self) -> None:
        """Show or hide the empty-table message (what it says may have changed)."""
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        empty = self.claims.rowCount() == 0 and not self.claims.loading
        if empty and callable(self._empty_handler):
            self.empty_state.show_message(*self._empty_handler())
            self._place_empty_state()
            self.empty_state.show()
        else:
            self.empty_state.hide()

    def _place_empty_state(self) -> None:
        self.empty_state.setGeometry(self.viewport().rect())

    def after_next_paint(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the table has painted (the start-up's next steps)."""
        self._after_paint.append(callback)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.claims.rows_painted()
        if self._after_paint:
            callbacks, self._after_paint = self._after_paint, []
            for callback in callbacks:
                QTimer.singleShot(0, callback)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty_state()
        self._fit_claim_column()
