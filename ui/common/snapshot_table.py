"""A read-only table over a list of frozen row snapshots: what such models share.

Subclasses name their columns in ``column_titles`` and answer ``row_data`` for one row; the
counts, header, flags and index checks are here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.common.roles import NO_DATA

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class SnapshotTableModel(QAbstractTableModel, Generic[Row]):
    column_titles: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[Row] = ()

    # == Model Interface ======================================================================

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.column_titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.column_titles)
        ):
            return self.column_titles[section]
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
        return self.row_data(self._rows[index.row()], index.column(), role)

    def row_data(self, row: Row, column: int, role: int) -> Any:
        """What ``data`` answers for ``row`` (NO_DATA for roles it does not handle)."""
        return NO_DATA

    # == Data Access / Edit ===================================================================

    def snapshot(self, number: int) -> Row | None:
        """The row shown at ``number``, or None outside the table."""
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def _show(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
