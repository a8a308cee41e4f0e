"""What is in the trash, of every kind: claims, links, sources and actors, newest first.

Rows are the core's frozen ``TrashItem`` snapshots; the model can show one kind at a time.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from ui import theme
from ui.common.local_time import local_time
from ui.common.roles import NO_DATA
from ui.common.snapshot_table import SnapshotTableModel
from ui.icons import icon

if TYPE_CHECKING:
    from claimtracker.services.trash import TrashItem

_USER = int(Qt.ItemDataRole.UserRole)
#: The row's ``TrashItem``.
TRASH_ITEM_ROLE = _USER + 50

KINDS = ("claim", "link", "source", "actor")
KIND_LABELS = {"claim": "Claim", "link": "Link", "source": "Source", "actor": "Actor"}
KIND_PLURALS = {"claim": "Claims", "link": "Links", "source": "Sources", "actor": "Actors"}
KIND_ICONS = {"claim": "claims", "link": "link", "source": "source", "actor": "actor"}

COLUMN_TITLES = ("Kind", "Item", "Deleted")
KIND, ITEM, DELETED = range(len(COLUMN_TITLES))


def deleted_text(item: TrashItem) -> str:
    return local_time(item.deleted_at)


def item_title(item: TrashItem) -> str:
    """ "Claim #12", "Link #3 (#5 denies #4)"."""
    if item.kind == "link":
        return f"Link #{item.id} ({item.label})"
    return f"{KIND_LABELS.get(item.kind, item.kind)} #{item.id}"


class TrashModel(SnapshotTableModel["TrashItem"]):
    """Every item in the trash; ``set_kind`` shows one kind (the rows shown are ``_rows``)."""

    column_titles = COLUMN_TITLES

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[TrashItem] = []
        self._kind: str | None = None

    def row_data(self, item: TrashItem, column: int, role: int) -> Any:
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
        return self.snapshot(row)

    def counts(self) -> Counter[str]:
        """How many of each kind are in the trash (whatever is shown)."""
        return Counter(item.kind for item in self._all)

    def total(self) -> int:
        return len(self._all)

    def row_of(self, kind: str, record_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if item.kind == kind and item.id == record_id:
                return number
        return None

    # == Data Edit ============================================================================

    def set_items(self, items: list[TrashItem]) -> None:
        self._all = list(items)
        self._show(self._filtered())

    def set_kind(self, kind: str | None) -> None:
        """Show one kind (None: everything)."""
        if kind == self._kind:
            return
        self._kind = kind
        self._show(self._filtered())

    def _filtered(self) -> list[TrashItem]:
        if self._kind is None:
            return list(self._all)
        return [item for item in self._all if item.kind == self._kind]
