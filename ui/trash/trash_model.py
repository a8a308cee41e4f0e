"""What is in the trash, of every kind: claims, links, sources and actors, newest first.

Rows are the core's frozen ``TrashItem`` snapshots; the model can show one kind at a time.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui import theme
from ui.icons import icon
from ui.models.roles import NO_DATA

if TYPE_CHECKING:
    from claimtracker.safety.trash import TrashItem

_USER = int(Qt.ItemDataRole.UserRole)
#: The row's ``TrashItem``.
TRASH_ITEM_ROLE = _USER + 50

KINDS = ("claim", "link", "source", "actor")
KIND_LABELS = {"claim": "Claim", "link": "Link", "source": "Source", "actor": "Actor"}
KIND_PLURALS = {"claim": "Claims", "link": "Links", "source": "Sources", "actor": "Actors"}
KIND_ICONS = {"claim": "claims", "link": "link", "source": "source", "actor": "actor"}

COLUMN_TITLES = ("Kind", "Item", "Deleted")
KIND, ITEM, DELETED = range(len(COLUMN_TITLES))

Index = QModelIndex | QPersistentModelIndex


def deleted_text(item: TrashItem) -> str:
    moment = item.deleted_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def item_title(item: TrashItem) -> str:
    """"Claim #12", "Link #3 (#5 denies #4)"."""
    if item.kind == "link":
        return f"Link #{item.id} ({item.label})"
    return f"{KIND_LABELS.get(item.kind, item.kind)} #{item.id}"


class TrashModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[TrashItem] = []
        self._shown: list[TrashItem] = []
        self._kind: str | None = None

    # == Model Interface ======================================================================

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

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
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return NO_DATA
        item = self._shown[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == KIND:
                return KIND_LABELS.get(item.kind, item.kind)
            if column == ITEM:
                return item.label if item.kind != "link" else f"Link #{item.id}: {item.label}"
            return deleted_text(item)
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return icon(KIND_ICONS.get(item.kind, "trash"))
        if role == Qt.ItemDataRole.ToolTipRole and column == ITEM:
            return f"{item_title(item)}: {item.label}"
        if role == Qt.ItemDataRole.ForegroundRole and column in (KIND, DELETED):
            return theme.muted_brush()
        if role == TRASH_ITEM_ROLE:
            return item
        return NO_DATA

    # == Data Access ==========================================================================

    @property
    def kind(self) -> str | None:
        return self._kind

    def item(self, row: int) -> TrashItem | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def counts(self) -> Counter[str]:
        """How many of each kind are in the trash (whatever is shown)."""
        return Counter(item.kind for item in self._all)

    def total(self) -> int:
        return len(self._all)

    def row_of(self, kind: str, record_id: int) -> int | None:
        for number, item in enumerate(self._shown):
            if item.kind == kind and item.id == record_id:
                return number
        return None

    # == Data Edit ============================================================================

    def set_items(self, items: list[TrashItem]) -> None:
        self.beginResetModel()
        self._all = list(items)
        self._shown = self._filtered()
        self.endResetModel()

    def set_kind(self, kind: str | None) -> None:
        """Show one kind (None: everything)."""
        if kind == self._kind:
            return
        self.beginResetModel()
        self._kind = kind
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[TrashItem]:
        if self._kind is None:
            return list(self._all)
        return [item for item in self._all if item.kind == self._kind]
