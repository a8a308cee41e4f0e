"""A short list of claims found by a search (the link dialog's results): frozen rows, one page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from claimtracker.query import ClaimRow
from claimtracker.vocabulary import ATTRIBUTIONS
from ui.models.roles import CLAIM_ID_ROLE, CLAIM_ROW_ROLE, NO_DATA

Index = QModelIndex | QPersistentModelIndex

_COLUMNS = ("#", "Claim", "Speaker", "Attribution", "Source")


class ClaimSearchModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClaimRow] = []

    # == Model Interface ======================================================================

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_COLUMNS)
        ):
            return _COLUMNS[section]
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
        if not index.isValid():
            return NO_DATA
        row = self._rows[index.row()]
        column = index.column()
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
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, number: int) -> ClaimRow:
        return self._rows[number]
