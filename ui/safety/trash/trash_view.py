"""The sidebar's Trash, the one trash: while the table shows it, a bar above says what the
trash holds, restores its links, sources and actors, and empties it (``TrashBar``). The bar is
read again whenever something moves in or out of the trash; restores are undoable commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.claims.claims_table import ClaimsTableModel
from ui.claims.editing import Editing
from ui.runtime.hub import Hub
from ui.runtime.ops import call_in_background
from ui.runtime.project import Project
from ui.safety.trash.kinds import OTHER_KINDS
from ui.safety.trash.restore_command import RestoreFromTrashCommand
from ui.safety.trash.trash_bar import TrashBar

if TYPE_CHECKING:
    from claimtracker.services.trash import TrashItem


def _read_trash(project: Project) -> tuple[dict[str, int], list[TrashItem]]:
    from claimtracker.services.trash import trash_counts, trash_items

    counts = project.store.reading(trash_counts)
    others = project.store.reading(trash_items, kinds=OTHER_KINDS)
    return counts, others


class TrashView(QObject):
    #: The bar shows what the trash holds now (for tests).
    loaded = Signal()

    def __init__(
        self,
        window: QWidget,
        editing: Editing,
        hub: Hub,
        project: Callable[[], Project | None],
        claims: ClaimsTableModel,
        actions: tuple[QAction, QAction],
    ) -> None:
        super().__init__(window)
        self._editing = editing
        self._project = project
        self._claims = claims
        restore, empty = actions
        self.bar = TrashBar(restore, empty)
        self.bar.hide()
        self.bar.restoreRequested.connect(self.restore)
        self._loading = False
        self._reload_pending = False
        claims.loadingChanged.connect(lambda _loading: self._follow_table())
        hub.changed.connect(self._on_changed)
        hub.projectClosing.connect(self.bar.hide)

    @property
    def showing(self) -> bool:
        return self._claims.claim_filter.trash == "trash" and self._project() is not None

    def _follow_table(self) -> None:
        showing = self.showing
        if showing and self.bar.isHidden():
            self.reload()
        self.bar.setVisible(showing)

    def _on_changed(self, *_args: object) -> None:
        if self.showing:
            self.reload()

    def reload(self) -> None:
        project = self._project()
        if project is None:
            return
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        call_in_background(self, lambda: _read_trash(project), self._show, self._failed)

    def _show(self, result: object) -> None:
        self._loading = False
        assert isinstance(result, tuple)
        counts, others = result
        self.bar.show_contents(counts, others)
        if self._reload_pending:
            self._reload_pending = False
            self.reload()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.bar.summary.setText(f"The trash cannot be read: {error}")

    @Slot(list)
    def restore(self, items: list[TrashItem]) -> bool:
        if self._project() is None or not items:
            return False
        return self._editing.run(RestoreFromTrashCommand(self._editing.context, items))
