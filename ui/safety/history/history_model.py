"""The history table: one row per recorded change, newest first, from frozen ``HistoryRow``s."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui import theme
from ui.common.roles import NO_DATA
from ui.common.snapshot_table import SnapshotTableModel
from ui.safety.history.loading import HistoryRow

_USER = int(Qt.ItemDataRole.UserRole)
#: The entry's ``HistoryRow``.
HISTORY_ROW_ROLE = _USER + 40
#: The history entry's id (int).
CHANGE_ID_ROLE = _USER + 41

COLUMN_TITLES = ("When", "Who", "What", "From", "To")
WHEN, WHO, WHAT, FROM, TO = range(len(COLUMN_TITLES))


class HistoryModel(SnapshotTableModel[HistoryRow]):
    column_titles = COLUMN_TITLES

    def row_data(self, row: HistoryRow, column: int, role: int) -> Any:
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
        return self.snapshot(row)

    def row_of(self, change_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.change_id == change_id:
                return number
        return None

    # == Data Edit ============================================================================

    def set_rows(self, rows: tuple[HistoryRow, ...]) -> None:
        self._show(rows)
