"""Wiring for working on a source: the assistant's review panel, claims that lost their place,
and the source's details.

The main window calls :func:`install_source_tools` once from its wiring block and
:meth:`SourceTools.attach_reader` when it creates the reader; every connection these features
need is made here, so the window stays a composition of panes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QDialog, QDockWidget

from claimtracker.errors import ClaimTrackerError
from ui.assistant.controller import AssistantController
from ui.errors import show_error
from ui.sources.commands import EditSourceCommand, PlaceClaimCommand
from ui.transfer.files import ArticleImportResult

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.sources.reader.source_reader import SourceReader

log = logging.getLogger(__name__)

DOCK_WIDTH = 400
#: What the main splitter's panes keep when the dock takes its room (see ``_make_room``).
SIDEBAR_WIDTH = 190
DETAIL_WIDTH = 390
CENTRE_WIDTH = 440
OFFER_TEXT = "New article. The assistant can propose its claims for you to review."


class SourceTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.assistant = AssistantController(
            window.hub, window.editing, lambda: window.project, window
        )
        self._dock: QDockWidget | None = None
        self._reader: SourceReader | None = None
        self._project_open = window.project is not None
        self._connect()
        self._update_actions()

    def _connect(self) -> None:
        window, hub, a = self.window, self.window.hub, self.window.act
        a.suggest_claims.triggered.connect(self.suggest_claims)
        a.show_assistant.toggled.connect(self._set_dock_visible)
        a.edit_source.triggered.connect(self._edit_reader_source)
        window.sidebar.editSourceRequested.connect(self.edit_source)
        window.files.importFinished.connect(self._on_import_finished)
        hub.projectOpened.connect(self._on_project_opened)
        hub.projectClosing.connect(self._on_project_closing)
        self.assistant.claimRequested.connect(window.select_claim)
        self.assistant.highlightRequested.connect(self._highlight)
        self.assistant.highlightCleared.connect(self._clear_highlight)

    def attach_reader(self, reader: SourceReader) -> None:
        """The window created its reader: add the assistant's button and listen to it."""
        self._reader = reader
        reader.add_header_action(self.window.act.suggest_claims)
        reader.sourceOpened.connect(self._on_reader_source)
        reader.editDetailsRequested.connect(self.edit_source)
        reader.placeClaimRequested.connect(self.place_claim)

    # -- the assistant's panel ------------------------------------------------------------

    @property
    def dock(self) -> QDockWidget:
        if self._dock is None:
            window = self.window
            dock = QDockWidget("Assistant", window)
            dock.setObjectName("AssistantDock")
            dock.setAllowedAreas(
                Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
            )
            dock.setWidget(self.assistant.panel)
            dock.setMinimumWidth(320)
            if not window.restoreDockWidget(dock):
                before = window.main_splitter.sizes()
                window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
                window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
                QTimer.singleShot(0, lambda: self._make_room(before))
            dock.visibilityChanged.connect(self._on_dock_visibility)
            self._dock = dock
        return self._dock

    def _make_room(self, before: list[int]) -> None:
        """The dock's width comes out of the central panes, which the splitter would shrink
        alike: keep the sidebar and the editor near their widths, and take it from the table
        and the reader, down to a usable width."""
        splitter = self.window.main_splitter
        total = sum(splitter.sizes())
        if len(before) != 3 or total <= 0:
            return
        side, _centre, detail = before
        excess = side + detail + CENTRE_WIDTH - total
        if excess > 0:
            from_detail = min(excess, max(0, detail - DETAIL_WIDTH)) if detail else 0
            from_side = min(excess - from_detail, max(0, side - SIDEBAR_WIDTH)) if side else 0
            detail, side = detail - from_detail, side - from_side
        splitter.setSizes([side, max(0, total - side - detail), detail])

    @Slot()
    def suggest_claims(self) -> None:
        """Show the assistant's suggestions for the source in the reader."""
        window = self.window
        if window.project is None:
            return
        if self._reader is None or not self._reader.source_id:
            window.open_current_in_reader()
        if self._reader is None or not self._reader.source_id:
            window.status.showMessage(
                "Open a source in the reader first (double-click it in the sidebar)", 6000
            )
            return
        self._reader.notice_bar.hide()
        dock = self.dock
        dock.show()
        dock.raise_()
        self.assistant.set_active(True)
        self.assistant.panel.list.setFocus()

    @Slot(bool)
    def _set_dock_visible(self, visible: bool) -> None:
        if visible:
            self.suggest_claims()
            if self._dock is None or not self._dock.isVisible():
                self.window.act.show_assistant.setChecked(False)
        elif self._dock is not None:
            self._dock.hide()

    @Slot(bool)
    def _on_dock_visibility(self, visible: bool) -> None:
        self.assistant.set_active(visible)
        if self.window.act.show_assistant.isChecked() != visible:
            self.window.act.show_assistant.blockSignals(True)
            self.window.act.show_assistant.setChecked(visible)
            self.window.act.show_assistant.blockSignals(False)

    @Slot(int)
    def _on_reader_source(self, source_id: int) -> None:
        reader = self._reader
        self.assistant.follow(reader.source if reader is not None and source_id else None)
        self._update_actions()

    @Slot(int, int, int, str)
    def _highlight(self, source_id: int, start: int, end: int, attribution: str) -> None:
        reader = self._reader
        if reader is None or reader.source_id != source_id:
            return
        if not self.window.reader_area.isVisible():
            self.window.open_reader(source_id)
        reader.show_suggestion(start, end, attribution)

    @Slot()
    def _clear_highlight(self) -> None:
        if self._reader is not None:
            self._reader.clear_suggestion()

    @Slot(object)
    def _on_import_finished(self, result: ArticleImportResult) -> None:
        """Offer the assistant for a newly imported article shown in the reader."""
        reader = self._reader
        created = result.created
        if reader is None or not created or reader.source_id != created[-1].source_id:
            return
        if self._dock is not None and self._dock.isVisible():
            return  # the panel already follows the reader
        reader.offer(OFFER_TEXT, self.window.act.suggest_claims)

    # -- claims that lost their place -----------------------------------------------------

    @Slot(int, int, int, str)
    def place_claim(self, claim_id: int, start: int, end: int, quote: str) -> bool:
        reader = self._reader
        if self.window.project is None or reader is None:
            return False
        orphan = next((o for o in reader.orphans if o.claim_id == claim_id), None)
        if orphan is None:
            return False
        command = PlaceClaimCommand(
            self.window.editing.context,
            claim_id,
            start,
            end,
            quote,
            expected_version=orphan.version,
        )
        if not self.window.editing.run(command):
            return False
        self.window.status.showMessage(f"Claim #{claim_id} placed at the selected words", 6000)
        self.window.select_claim(claim_id)
        return True

    # -- the source's details -------------------------------------------------------------

    @Slot()
    def _edit_reader_source(self) -> None:
        if self._reader is not None and self._reader.source_id:
            self.edit_source(self._reader.source_id)

    @Slot(int)
    def edit_source(self, source_id: int) -> bool:
        """Open the details dialog of ``source_id``; its changes become one undoable command."""
        window = self.window
        project = window.project
        if project is None:
            return False
        from claimtracker.query.choices import actor_named, actor_names
        from claimtracker.query.reading import source_details
        from ui.sources.details_dialog import SourceDetailsDialog

        try:
            details = source_details(project.reader, source_id)
        except ClaimTrackerError as error:
            show_error(window, error, action="Editing the source's details")
            return False
        reader = project.reader

        def actor_id_of(name: str) -> int | None:
            choice = actor_named(reader, name)
            return choice.id if choice is not None else None

        dialog = SourceDetailsDialog(
            details, actor_names=actor_names(reader), actor_id_of=actor_id_of, parent=window
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            changes = dialog.changes()
        finally:
            dialog.deleteLater()
        if changes.empty:
            return False
        command = EditSourceCommand(
            window.editing.context,
            window.files.source_versions,
            source_id,
            changes.before,
            changes.after,
            expected_version=details.version,
            title=details.title,
            outlet_name=changes.outlet_name,
            new_outlet=changes.new_outlet,
        )
        return window.editing.run(command)

    # -- the project ----------------------------------------------------------------------

    @Slot(object)
    def _on_project_opened(self, _project: object) -> None:
        self._project_open = True
        self.window.files.source_versions.clear()
        self._update_actions()

    @Slot()
    def _on_project_closing(self) -> None:
        self._project_open = False
        if self._reader is not None:
            self._reader.clear_suggestion()
        self._update_actions()

    def _update_actions(self) -> None:
        a = self.window.act
        has_project = self._project_open
        reading = self._reader is not None and bool(self._reader.source_id)
        a.suggest_claims.setEnabled(has_project)
        a.show_assistant.setEnabled(has_project)
        a.edit_source.setEnabled(has_project and reading)


def install_source_tools(window: MainWindow) -> SourceTools:
    """Make the assistant, orphan placement and source details part of ``window``."""
    return SourceTools(window)
