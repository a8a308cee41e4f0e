"""The sidebar: the library, sources and actors with their claim counts; choosing one filters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.claims.library import LibraryEntry, LibraryModel
from ui.icons import icon


class Sidebar(QWidget):
    #: An entry was chosen: filter the table by it.
    entryChosen = Signal(object)
    #: Open a source in the reader.
    openSourceRequested = Signal(int)
    #: Edit a source's details (title, outlet, date…).
    editSourceRequested = Signal(int)
    #: Find sources and actors by name (the lists are bounded; the database searches).
    searchChanged = Signal(str)
    #: Show the history of a source or an actor (kind, id).
    historyRequested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Sidebar")
        self.model = LibraryModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find a source or actor")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(lambda: self.searchChanged.emit(self.search_text))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.tree = QTreeView(self)
        self.tree.setObjectName("SidebarTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(10)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self._on_clicked)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.model.modelReset.connect(self.tree.expandAll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)

    @property
    def search_text(self) -> str:
        return self.search.text().strip()

    def _on_clicked(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.siblingAtColumn(0))
        if entry is not None:
            self.entryChosen.emit(entry)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.siblingAtColumn(0))
        if entry is not None and entry.kind == "source":
            self.openSourceRequested.emit(entry.key)

    def _on_context_menu(self, point: QPoint) -> None:
        entry = self.model.entry(self.tree.indexAt(point).siblingAtColumn(0))
        if entry is None:
            return
        menu = QMenu(self)
        show = menu.addAction(icon("filter"), "Show its claims")
        show.triggered.connect(lambda: self.entryChosen.emit(entry))
        if entry.kind == "source":
            read = menu.addAction(icon("reader"), "Open in reader")
            read.triggered.connect(lambda: self.openSourceRequested.emit(entry.key))
            details = menu.addAction(icon("edit"), "Edit details…")
            details.triggered.connect(lambda: self.editSourceRequested.emit(entry.key))
        if entry.kind in ("source", "actor"):
            history = menu.addAction(icon("history"), "History…")
            history.triggered.connect(lambda: self.historyRequested.emit(entry.kind, entry.key))
        menu.exec(self.tree.viewport().mapToGlobal(point))

    def select_entry(self, kind: str, key: int) -> None:
        """Show ``kind``/``key`` as the current entry without emitting (filters set elsewhere)."""
        index = self.model.index_of(kind, key)
        selection = self.tree.selectionModel()
        self.tree.blockSignals(True)
        if index.isValid():
            selection.setCurrentIndex(
                index,
                selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
            )
        else:
            selection.clearSelection()
        self.tree.blockSignals(False)

    def current_entry(self) -> LibraryEntry | None:
        return self.model.entry(self.tree.currentIndex().siblingAtColumn(0))
