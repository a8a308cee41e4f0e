"""Keeping what the user looks at while the views read the data again: the table's selection
and scroll position, the reader's scroll position and text selection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from ui.claims.claims_view import ClaimsView

#: More selected claims than this are not selected again one by one (it would take long).
MAX_RESELECTED = 2000


@dataclass(frozen=True)
class ViewState:
    selected: tuple[int, ...]
    current: int
    table_scroll: tuple[int, int]
    reader_scroll: int | None
    reader_selection: tuple[int, int] | None


class ViewKeeper:
    def __init__(self, table: ClaimsView, reader_text: Callable[[], QPlainTextEdit | None]) -> None:
        self._table = table
        self._reader_text = reader_text

    def capture(self) -> ViewState:
        table = self._table
        text = self._reader_text()
        cursor = text.textCursor() if text is not None else None
        return ViewState(
            selected=tuple(table.selected_ids()[:MAX_RESELECTED]),
            current=table.current_claim_id(),
            table_scroll=(
                table.verticalScrollBar().value(),
                table.horizontalScrollBar().value(),
            ),
            reader_scroll=text.verticalScrollBar().value() if text is not None else None,
            reader_selection=(cursor.anchor(), cursor.position()) if cursor is not None else None,
        )

    def restore_reader(self, state: ViewState) -> None:
        text = self._reader_text()
        if text is None or state.reader_scroll is None:
            return
        if state.reader_selection is not None:
            length = max(text.document().characterCount() - 1, 0)
            anchor, position = (min(value, length) for value in state.reader_selection)
            cursor = text.textCursor()
            cursor.setPosition(anchor)
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            text.setTextCursor(cursor)
        text.verticalScrollBar().setValue(state.reader_scroll)

    def restore_table(self, state: ViewState) -> None:
        table, model = self._table, self._table.claims
        rows = [row for row in (model.row_of(i) for i in state.selected) if row is not None]
        selection_model = table.selectionModel()
        wanted = QItemSelection()
        last_column = model.columnCount() - 1
        for row in rows:
            wanted.select(model.index(row, 0), model.index(row, last_column))
        if set(table.selected_ids()) != {model.claim_id(row) for row in rows}:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection_model.select(wanted, flags)
        current = model.row_of(state.current) if state.current else None
        if current is not None and table.currentIndex().row() != current:
            selection_model.setCurrentIndex(
                model.index(
                    current, table.currentIndex().column() if table.currentIndex().isValid() else 0
                ),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
        table.verticalScrollBar().setValue(state.table_scroll[0])
        table.horizontalScrollBar().setValue(state.table_scroll[1])
