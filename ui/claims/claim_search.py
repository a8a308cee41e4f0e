"""A short list of claims found by a search (the link dialog's results): frozen rows, one page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from claimtracker.query import ClaimRow
from claimtracker.vocabulary import ATTRIBUTIONS
from ui.common.roles import CLAIM_ID_ROLE, CLAIM_ROW_ROLE, NO_DATA
from ui.common.snapshot_table import SnapshotTableModel

_COLUMNS = ("#", "Claim", "Speaker", "Attribution", "Source")


class ClaimSearchModel(SnapshotTableModel[ClaimRow]):
    column_titles = _COLUMNS

    def row_data(self, row: ClaimRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.id)
            if column == 1:
                return " ".join(row.text.split())
            if column == 2:
                return row.speaker or ""
            if column == 3:
                return ATTRIBUTIONS.label(row.attribution)
            return row.source_title or ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return row.text
        if role == CLAIM_ID_ROLE:
            return row.id
        if role == CLAIM_ROW_ROLE:
            return row
        return NO_DATA

    # == Data Access / Edit ===================================================================

    def set_rows(self, rows: list[ClaimRow]) -> None:
        self._show(list(rows))

    def row_at(self, number: int) -> ClaimRow:
        return self._rows[number]
