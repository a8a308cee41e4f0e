"""The history table: one row per recorded change, newest first, from frozen ``HistoryRow``s."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui import theme
from ui.history.loading import HistoryRow
from ui.models.roles import NO_DATA

_USER = int(Qt.ItemDataRole.UserRole)
#: The entry's ``HistoryRow``.
HISTORY_ROW_ROLE = _USER + 40
#: The history entry's id (int).
CHANGE_ID_ROLE = _USER + 41

COLUMN_TITLES = ("When", "Who", "What", "From", "To")
WHEN, WHO, WHAT, FROM, TO = range(len(COLUMN_TITLES))

Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[HistoryRow, ...] = ()

    # == Model Interface ======================================================================

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMN_TITLES)
        ):
            return COLUMN_TITLES[section]
        return NO_DATA

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return NO_DATA
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (WHEN, WHO) or (column == FROM and row.old_text == "—"):
                return theme.muted_brush()
            return NO_DATA
        if role == HISTORY_ROW_ROLE:
            return row
        if role == CHANGE_ID_ROLE:
            return row.change_id
        return NO_DATA

    @staticmethod
    def _display(row: HistoryRow, column: int) -> str:
        if column == WHEN:
            return row.when
        if column == WHO:
            return row.analyst
        if column == WHAT:
            return f"{row.subject} · {row.what}" if row.subject else row.what
        if column == FROM:
            return row.old_text
        return row.new_text

    @staticmethod
    def _tooltip(row: HistoryRow, column: int) -> str:
        if column == FROM and row.old_full:
            return row.old_full
        if column == TO and row.new_full:
            return row.new_full
        return f"Why: {row.note}" if row.note else ""

    # == Data Access ==========================================================================

    def history_row(self, row: int) -> HistoryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, change_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.change_id == change_id:
                return number
        return None

    # == Data Edit ============================================================================

    def set_rows(self, rows: tuple[HistoryRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
