"""The sidebar's tree: the library (all claims, trash), sources and actors with claim counts.

Two levels: sections, then entries. A project may hold tens of thousands of sources, so a
section shows a bounded list (the newest sources, the most quoted actors, or what the sidebar's
search found) and says how many there are in all. Lists arrive from a background query; counts
come a moment later.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ui.common.roles import ENTRY_ID_ROLE, ENTRY_KIND_ROLE, NO_DATA
from ui.icons import icon

Index = QModelIndex | QPersistentModelIndex

_SECTION_ID = 0  # internalId of a section row; entries use their section's number + 1


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    kind: str  # "all", "trash", "source", "actor"
    key: int
    label: str
    detail: str = ""
    count: int | None = None


@dataclass
class _Section:
    title: str
    kind: str
    entries: list[LibraryEntry]
    #: How many there are in the project (the list may show fewer).
    total: int | None = None


_ICONS = {"all": "claims", "trash": "trash", "source": "source", "actor": "actor"}


class LibraryModel(QAbstractItemModel):
    """Sections ("Library", "Sources", "Actors") and their entries, in two columns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections = [
            _Section("Library", "library", []),
            _Section("Sources", "source", []),
            _Section("Actors", "actor", []),
        ]

    # == Model Interface ======================================================================

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _SECTION_ID)
        if parent.internalId() == _SECTION_ID:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _SECTION_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _SECTION_ID)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() == _SECTION_ID and parent.column() == 0:
            return len(self._sections[parent.row()].entries)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _SECTION_ID:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return NO_DATA
        if index.internalId() == _SECTION_ID:
            return self._section_data(self._sections[index.row()], index.column(), role)
        entry = self._sections[index.internalId() - 1].entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.label
            return "…" if entry.count is None else f"{entry.count:,}"
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [entry.label]
            if entry.detail:
                parts.append(entry.detail)
            if entry.count is not None:
                parts.append(f"{entry.count:,} claim{'s' if entry.count != 1 else ''}")
            return "\n".join(parts)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon(_ICONS.get(entry.kind, "claims"))
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_KIND_ROLE:
            return entry.kind
        if role == ENTRY_ID_ROLE:
            return entry.key
        return NO_DATA

    def _section_data(self, section: _Section, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return section.title.upper()
            if section.kind != "library" and (section.entries or section.total):
                count = section.total if section.total is not None else len(section.entries)
                return f"{count:,}"
            return ""
        if role == Qt.ItemDataRole.ToolTipRole and section.kind != "library":
            shown, total = len(section.entries), section.total
            if total is not None and total > shown:
                return (
                    f"Showing {shown:,} of {total:,} {section.title.lower()}; "
                    "type in the search field above to find the others"
                )
            return f"{total if total is not None else shown:,} {section.title.lower()}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QApplication.font())
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_KIND_ROLE:
            return "section"
        if role == ENTRY_ID_ROLE:
            return 0
        return NO_DATA

    # == Data Access ==========================================================================

    def entry(self, index: Index) -> LibraryEntry | None:
        if not index.isValid() or index.internalId() == _SECTION_ID:
            return None
        return self._sections[index.internalId() - 1].entries[index.row()]

    def index_of(self, kind: str, key: int) -> QModelIndex:
        for number, section in enumerate(self._sections):
            for row, entry in enumerate(section.entries):
                if entry.kind == kind and entry.key == key:
                    return self.index(row, 0, self.index(number, 0))
        return QModelIndex()

    def section_index(self, kind: str) -> QModelIndex:
        for number, section in enumerate(self._sections):
            if section.kind == kind:
                return self.index(number, 0)
        return QModelIndex()

    def entries(self, kind: str) -> list[LibraryEntry]:
        for section in self._sections:
            if section.kind == kind:
                return list(section.entries)
        return []

    # == Data Edit ============================================================================

    def set_entries(self, kind: str, entries: list[LibraryEntry], total: int | None = None) -> None:
        """Replace a section's entries ("library", "source" or "actor")."""
        self.beginResetModel()
        for section in self._sections:
            if section.kind == kind:
                section.entries = list(entries)
                section.total = total
        self.endResetModel()

    def set_counts(self, kind: str, counts: dict[int, int]) -> None:
        """Fill in claim counts without disturbing the view (selection, expansion)."""
        for number, section in enumerate(self._sections):
            if section.kind != kind or not section.entries:
                continue
            section.entries = [
                replace(e, count=counts[e.key]) if e.key in counts else e for e in section.entries
            ]
            parent = self.index(number, 0)
            self.dataChanged.emit(
                self.index(0, 0, parent), self.index(len(section.entries) - 1, 1, parent)
            )
