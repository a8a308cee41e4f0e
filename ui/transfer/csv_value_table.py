"""Import CSV's "Read values as" table: a value in a field's column read as another, as the
CLI's ``--value FIELD:VALUE=REPLACEMENT`` does (e.g. another tool's "half-true" as misleading)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimtracker.csvio import FIELDS

FIELD, VALUE, READ_AS = range(3)


class ValueMapTable(QWidget):
    """Rows of field, value in the file, value to read instead; rows without a value are
    left out."""

    #: A row was added, removed or edited.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Field", "Value in the file", "Read as"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(FIELD, 190)  # a combo in each cell: contents do not size it
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(READ_AS, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        hint = QLabel(
            "Read a value of the file as another, e.g. another tool's verdict “half-true” in the "
            "status column as misleading. Upper and lower case are matched alike."
        )
        hint.setObjectName("FieldHint")
        hint.setWordWrap(True)
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self._remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_row(self, field: str = "status", value: str = "", read_as: str = "") -> int:
        """A new row (the value cell ready for typing when empty); its number."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        combo = QComboBox()
        for name, meaning in FIELDS.items():
            if name != "ignore":
                combo.addItem(name, name)
                combo.setItemData(combo.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(field)))
        combo.activated.connect(lambda _index: self.changed.emit())
        self.table.setCellWidget(row, FIELD, combo)
        value_item = QTableWidgetItem(value)
        self.table.setItem(row, VALUE, value_item)
        self.table.setItem(row, READ_AS, QTableWidgetItem(read_as))
        self.table.blockSignals(False)
        if not value:
            self.table.setCurrentCell(row, VALUE)
            self.table.editItem(value_item)
        self.changed.emit()
        return row

    def field_combo(self, row: int) -> QComboBox:
        combo = self.table.cellWidget(row, FIELD)
        assert isinstance(combo, QComboBox)
        return combo

    @Slot()
    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def items(self) -> tuple[str, ...]:
        """``FIELD:VALUE=REPLACEMENT`` items, as ``CsvImportOptions.values`` takes them."""
        found = []
        for row in range(self.table.rowCount()):
            value = self._text(row, VALUE)
            if value:
                field = self.field_combo(row).currentData()
                found.append(f"{field}:{value}={self._text(row, READ_AS)}")
        return tuple(found)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""
