"""The claims table: a lazy model over the ids of a database query.

The model holds the matching claim ids in an array (4 bytes a claim while ids fit in 32 bits:
4 MB for a million) and a small cache of pages of frozen ``ClaimRow`` snapshots, fetched by primary key
when the view paints them. Filtering and sorting are new database queries (see
:mod:`ui.claims.id_stream`); nothing is filtered or sorted in Python.
"""

from __future__ import annotations

import logging
from array import array
from bisect import bisect_left
from collections import OrderedDict
from itertools import islice
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from claimtracker.query import ClaimFilter, ClaimOrder, ClaimRow, fetch_rows, search_ids
from claimtracker.query.explain import Highlighter, highlighter, row_reasons
from claimtracker.query.folding import Folding
from claimtracker.query.opening import DatabaseError, OperationalError
from claimtracker.query.streaming import stream_ids
from ui import theme
from ui.claims.columns import COLUMNS, Column
from ui.claims.id_stream import IdStream
from ui.claims.ids import id_array, inserted, joined
from ui.common.roles import (
    BADGE_CODE_ROLE,
    BADGE_KIND_ROLE,
    CLAIM_ID_ROLE,
    CLAIM_ROW_ROLE,
    MATCH_SPANS_ROLE,
    MATCHED_ELSEWHERE_ROLE,
    NO_DATA,
)
from ui.runtime.project import Project

log = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_PAGES = 16
#: How long the first page may take on the GUI thread before the worker takes over (ms).
PRIME_BUDGET_MS = 120
_MISSING = object()

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_UNSERVED = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
    )
)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_DISABLED_FLAGS = Qt.ItemFlag.ItemNeverHasChildren
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)

Index = QModelIndex | QPersistentModelIndex


class ClaimsTableModel(QAbstractTableModel):
    """Rows are claims matching a :class:`ClaimFilter`, in a :class:`ClaimOrder`."""

    #: A query started (True) or all its ids arrived (False).
    loadingChanged = Signal(bool)
    #: All ids of the current query arrived: how many matched.
    queryFinished = Signal(int)
    #: The current query failed (the exception).
    queryFailed = Signal(object)
    #: The rows were replaced by a new query's first rows.
    rowsReplaced = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._ids = id_array()
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._filter = ClaimFilter(prefix_last=True)
        self._order = ClaimOrder()
        self._stream = IdStream(self)
        self._stream.chunkLoaded.connect(self._on_chunk)
        self._stream.finished.connect(self._on_finished)
        self._stream.failed.connect(self._on_failed)
        self._primed = 0
        self._deferred = False
        self._loading = False
        self._total: int | None = None
        #: The words the search asked for, and for loaded rows the fields they were found in.
        self._marks = Highlighter()
        self._reasons: dict[int, tuple[str, ...]] = {}
        #: How the project's index folds words (a team server's, once read; None: a file's).
        self._folding: Folding | None = None

    # == Model Interface ======================================================================

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            column = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.title + ("" if column.sort_key else " (cannot be sorted)")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return NO_DATA

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        if self._row_at(index.row()) is None:
            return _DISABLED_FLAGS  # a row that failed to load
        return _ROW_FLAGS

    # data() runs a few thousand times per repaint: roles are compared as plain ints, and the
    # roles a view asks for but this model does not serve are answered first.
    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role in _UNSERVED or not index.isValid():
            return NO_DATA
        row_number = index.row()
        if role == CLAIM_ID_ROLE:
            return self._ids[row_number]
        column = COLUMNS[index.column()]
        if role in (_DISPLAY, _EDIT):
            row = self._row_at(row_number)
            if row is None:
                return (
                    f"#{self._ids[row_number]} (cannot be loaded)" if column.key == "text" else ""
                )
            return column.value(row)
        if role == _ALIGNMENT:
            return _RIGHT if column.numeric else _LEFT
        if role == _FOREGROUND:
            if column.key == "id" or self._row_at(row_number) is None:
                return theme.muted_brush()
            return NO_DATA
        if role == BADGE_CODE_ROLE:
            row = self._row_at(row_number)
            if row is None or column.code is None:
                return ""
            return column.code(row) or ""
        if role == _TOOLTIP:
            row = self._row_at(row_number)
            if row is None:
                return "This claim could not be loaded (it may have been deleted meanwhile)."
            tip = column.tooltip(row) if column.tooltip else column.value(row)
            elsewhere = self._matched_elsewhere(row.id) if column.key == "text" else ""
            return f"{tip}\n\nFound in the {elsewhere}." if elsewhere else tip
        if role == BADGE_KIND_ROLE:
            return column.badge or ""
        if role == CLAIM_ROW_ROLE:
            return self._row_at(row_number)
        if role == MATCH_SPANS_ROLE:
            row = self._row_at(row_number) if self._marks and column.searched else None
            return tuple(self._marks.spans(column.value(row))) if row is not None else ()
        if role == MATCHED_ELSEWHERE_ROLE:
            return self._matched_elsewhere(self._ids[row_number]) if column.key == "text" else ""
        return NO_DATA

    def _matched_elsewhere(self, claim_id: int) -> str:
        fields = self._reasons.get(claim_id, ())
        return "" if not fields or "claim" in fields else " and ".join(fields)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        claim_order = ClaimOrder(
            key=COLUMNS[column].sort_key or "id",
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if claim_order != self._order:
            self._order = claim_order
            self.requery()

    # == Data Access ==========================================================================

    @property
    def project(self) -> Project | None:
        return self._project

    @property
    def claim_filter(self) -> ClaimFilter:
        return self._filter

    @property
    def order(self) -> ClaimOrder:
        return self._order

    @property
    def search_marks(self) -> Highlighter:
        """The words the current search asked for (what views mark as found)."""
        return self._marks

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def total(self) -> int | None:
        """How many claims match, once all ids arrived (None while loading)."""
        return self._total

    @property
    def ids(self) -> array[int]:
        """The ids in table order (the model's own array: do not change it)."""
        return self._ids

    def column(self, index: int) -> Column:
        return COLUMNS[index]

    def claim_id(self, row: int) -> int:
        return self._ids[row]

    def claim_row(self, row: int) -> ClaimRow | None:
        return self._row_at(row)

    def row_of(self, claim_id: int) -> int | None:
        """The row showing ``claim_id``, or None if it is not in the table."""
        if self._order.key == "id" and len(self._ids) > 64:
            position = self._sorted_position(claim_id)
            if position < len(self._ids) and self._ids[position] == claim_id:
                return position
            return None
        try:
            return self._ids.index(claim_id)
        except ValueError:
            return None

    def _sorted_position(self, claim_id: int) -> int:
        if self._order.descending:
            # The ids run downwards: search the negated sequence.
            lo, hi = 0, len(self._ids)
            while lo < hi:
                mid = (lo + hi) // 2
                if self._ids[mid] > claim_id:
                    lo = mid + 1
                else:
                    hi = mid
            return lo
        return bisect_left(self._ids, claim_id)

    def _row_at(self, row: int) -> ClaimRow | None:
        page_number = row // PAGE_SIZE
        offset = row - page_number * PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None or offset >= len(page):
            page = self._load_page(page_number)
        else:
            self._pages.move_to_end(page_number)
        value = page[offset]
        return None if value is _MISSING else value

    def _load_page(self, page_number: int) -> list[Any]:
        start = page_number * PAGE_SIZE
        wanted = self._ids[start : start + PAGE_SIZE]
        found: dict[int, ClaimRow] = {}
        if self._project is not None:
            try:
                found = {row.id: row for row in fetch_rows(self._project.reader, wanted)}
            except DatabaseError:
                # Shown as disabled rows rather than taking the table down; logged once a page.
                log.exception("Cannot load claims %s–%s", wanted[0], wanted[-1])
            if self._marks and found:
                # From the rows just read: the fields are all there, no second query.
                self._reasons.update(row_reasons(found.values(), self._marks, every_field=False))
        page: list[Any] = [found.get(claim_id, _MISSING) for claim_id in wanted]
        self._pages[page_number] = page
        while len(self._pages) > MAX_PAGES:
            _, evicted = self._pages.popitem(last=False)
            for gone in evicted:
                if gone is not _MISSING:
                    self._reasons.pop(gone.id, None)
        return page

    # == Data Edit ============================================================================

    def set_project(self, project: Project | None, *, defer_stream: bool = False) -> None:
        """Show ``project`` (or nothing); runs the current filter against it.

        The first page is read at once. With ``defer_stream`` the rest of the ids are streamed
        only when :meth:`resume` is called (after the first paint: a worker streaming a
        million ids competes with the painting for the interpreter).
        """
        self._stream.close()
        self.beginResetModel()
        self._project = project
        self._ids = id_array()
        self._pages.clear()
        self._total = None
        self.endResetModel()
        self._set_marks(None if project is None else project.folding)
        if project is not None:
            self.requery(prime=True, defer=defer_stream)

    def set_folding(self, folding: Folding | None) -> None:
        """How the project's index folds words, once read from a team server: the words its
        search found are marked again as it found them (ё as е, ß as ss ...)."""
        if folding == self._folding:
            return
        self._set_marks(folding)
        if self._marks and self._ids:
            self._pages.clear()  # read again, with the fields the words are found in
            last = self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _set_marks(self, folding: Folding | None) -> None:
        self._folding = folding
        text, prefix_last = self._filter.text, self._filter.prefix_last
        self._marks = highlighter(text, prefix_last=prefix_last, folding=folding)
        self._reasons.clear()

    def resume(self) -> None:
        """Start the stream that :meth:`set_project` deferred."""
        if self._deferred and self._project is not None:
            self._deferred = False
            self._stream.start(self._project.connect, self._filter, self._order)

    def set_query(self, claim_filter: ClaimFilter, order: ClaimOrder | None = None) -> None:
        changed = claim_filter != self._filter or (order is not None and order != self._order)
        text_changed = claim_filter.text != self._filter.text
        self._filter = claim_filter
        if text_changed:
            self._set_marks(self._folding)
        if order is not None:
            self._order = order
        if changed:
            self.requery()

    def requery(self, *, prime: bool = False, defer: bool = False) -> None:
        """Run the current query again; rows stay on screen until the new ones arrive.

        With ``prime`` the first page is read on the GUI thread (within a time budget) so the
        window can paint rows before the worker has even started.
        """
        if self._project is None:
            return
        self._primed = 0
        self._deferred = False
        if prime:
            first = self._prime_first_page()
            if first is not None:
                self._replace_ids(first)
                self._primed = len(first)
                self._deferred = defer
        self._total = None
        self._set_loading(True)
        if not self._deferred:
            self._stream.start(self._project.connect, self._filter, self._order)

    def _prime_first_page(self) -> array[int] | None:
        assert self._project is not None
        connection = self._project.reader
        deadline = _Deadline(PRIME_BUDGET_MS)
        connection.set_progress_handler(deadline, 2000)
        try:
            ids = stream_ids(connection, self._filter, self._order)
            return id_array(islice(ids, 256))
        except OperationalError:
            return None  # over budget (an unindexed sort): the worker will do it
        finally:
            connection.set_progress_handler(None, 0)

    def _replace_ids(self, ids: array[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()
        self.rowsReplaced.emit()

    def _append_ids(self, ids: array[int]) -> None:
        if not ids:
            return
        start = len(self._ids)
        self.beginInsertRows(QModelIndex(), start, start + len(ids) - 1)
        self._ids = joined(self._ids, ids)
        # The last page may have been read while it was short: read it again when needed.
        self._pages.pop(start // PAGE_SIZE, None)
        self.endInsertRows()

    def _on_chunk(self, _generation: int, ids: Any, first: bool) -> None:
        if not first:
            self._append_ids(ids)
            return
        primed = self._primed
        self._primed = 0
        if primed and ids[:primed] == self._ids[:primed] and len(self._ids) == primed:
            self._append_ids(ids[primed:])
            self.rows_painted()  # the rows on screen were painted already
        else:
            self._replace_ids(ids)

    def rows_painted(self) -> None:
        """A view painted this model's rows (the stream reads on once the first are shown)."""
        self._stream.first_rows_shown()

    def _on_finished(self, _generation: int, total: int) -> None:
        self._total = total
        self._set_loading(False)
        self.queryFinished.emit(total)

    def _on_failed(self, _generation: int, error: object) -> None:
        log.warning("Claim query failed: %s", error)
        self._total = len(self._ids)
        self._set_loading(False)
        self.queryFailed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    def refresh_claims(self, claim_ids: list[int]) -> None:
        """Fetch again the rows of claims whose fields changed (if they are loaded)."""
        wanted = set(claim_ids)
        if not wanted or self._project is None:
            return
        for page_number, page in list(self._pages.items()):
            start = page_number * PAGE_SIZE
            hits = [
                offset
                for offset, claim_id in enumerate(self._ids[start : start + PAGE_SIZE])
                if claim_id in wanted
            ]
            if not hits:
                continue
            try:
                fresh = {
                    row.id: row
                    for row in fetch_rows(
                        self._project.reader, [self._ids[start + o] for o in hits]
                    )
                }
            except DatabaseError:
                log.exception("Cannot reload claims")
                fresh = {}
            for offset in hits:
                page[offset] = fresh.get(self._ids[start + offset], _MISSING)
                self.dataChanged.emit(
                    self.index(start + offset, 0), self.index(start + offset, len(COLUMNS) - 1)
                )

    def reconcile(self, claim_ids: list[int]) -> None:
        """Claims were created, trashed or restored: show those the filter now matches and
        take out those it no longer does (a big batch simply runs the query again)."""
        if self._project is None or not claim_ids:
            return
        if self._loading or len(claim_ids) > 2000:
            self.requery()
            return
        matching = set(
            search_ids(self._project.reader, self._filter.with_(ids=tuple(claim_ids)), self._order)
        )
        self.remove_claims([i for i in claim_ids if i not in matching])
        self._insert_ids([i for i in claim_ids if i in matching and self.row_of(i) is None])

    def _insert_ids(self, claim_ids: list[int]) -> None:
        """Insert claims where the order puts them (by id), or at the end for other orders."""
        for claim_id in claim_ids:
            if self._order.key == "id":
                position = self._sorted_position(claim_id)
            else:
                position = len(self._ids)
            self.beginInsertRows(QModelIndex(), position, position)
            self._ids = inserted(self._ids, position, claim_id)
            self._shift_pages_from(position)
            self.endInsertRows()
        if self._total is not None:
            self._total += len(claim_ids)

    def remove_claims(self, claim_ids: list[int]) -> None:
        """Take claims out of the table (moved to the trash, or restored while viewing it)."""
        rows = sorted(
            (row for row in (self.row_of(claim_id) for claim_id in claim_ids) if row is not None),
            reverse=True,
        )
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._shift_pages_from(row)
            self.endRemoveRows()
        if self._total is not None:
            self._total -= len(rows)

    def _shift_pages_from(self, row: int) -> None:
        """Rows moved: forget the cached pages from ``row`` on (they are cheap to refetch)."""
        first = row // PAGE_SIZE
        for page_number in [p for p in self._pages if p >= first]:
            del self._pages[page_number]

    def clear_cache(self) -> None:
        """Forget every cached row (after a bulk change); the view refetches what it shows."""
        self._pages.clear()
        self._reasons.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )

    def stop(self) -> None:
        """Cancel the running query, wait for its worker, close its connection."""
        self._stream.close()


class _Deadline:
    """An sqlite3 progress handler that interrupts a statement after a time budget (on a
    server, the reader turns ``budget_ms`` into a statement timeout)."""

    def __init__(self, budget_ms: int) -> None:
        import time

        self.budget_ms = budget_ms
        self._clock = time.monotonic
        self._until = self._clock() + budget_ms / 1000

    def __call__(self) -> int:
        return 1 if self._clock() > self._until else 0
