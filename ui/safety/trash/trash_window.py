"""The Trash window's life: opened from the Edit menu or the sidebar, read again whenever
something moves in or out of the trash, its restores run as undoable commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from ui.claims.editing import Editing
from ui.runtime.hub import Hub
from ui.runtime.project import Project
from ui.safety.trash.emptying import TrashEmptier
from ui.safety.trash.restore_command import RestoreFromTrashCommand
from ui.safety.trash.trash_dialog import TrashDialog

if TYPE_CHECKING:
    from claimtracker.services.trash import TrashItem


class TrashWindow(QObject):
    def __init__(
        self,
        window: QWidget,
        editing: Editing,
        hub: Hub,
        project: Callable[[], Project | None],
        emptier: TrashEmptier,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._editing = editing
        self._project = project
        self._emptier = emptier
        self.dialog: TrashDialog | None = None
        hub.changed.connect(self._reload)
        hub.projectClosing.connect(self.close)

    def show(self, kind: str | None = None) -> TrashDialog | None:
        project = self._project()
        if project is None:
            return None
        if self.dialog is None:
            dialog = TrashDialog(project, self._window)
            dialog.restoreRequested.connect(self.restore)
            dialog.emptyRequested.connect(self._emptier.empty)
            dialog.destroyed.connect(self._forget)
            self.dialog = dialog
        if kind is not None:
            self.dialog.show_kind(kind)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def restore(self, items: list[TrashItem]) -> bool:
        if self._project() is None or not items:
            return False
        return self._editing.run(RestoreFromTrashCommand(self._editing.context, items))

    @Slot()
    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    @Slot()
    def _forget(self) -> None:
        self.dialog = None

    def _reload(self, *_args: object) -> None:
        if self.dialog is not None:
            self.dialog.reload()
