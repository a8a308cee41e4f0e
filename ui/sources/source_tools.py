"""Wiring for working on a source: the assistant's review panel, claims that lost their place,
and the source's details.

The main window calls :func:`install_source_tools` once from its wiring block, with the few
parts these features work with (:class:`SourceToolsParts`, not the window), and
:meth:`SourceTools.attach_reader` when it creates the reader; every connection these features
need is made here, so the window stays a composition of panes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QWidget

from claimtracker.errors import ClaimTrackerError
from ui.assistant.controller import AssistantController
from ui.claims.editing import Editing
from ui.errors import show_error
from ui.runtime.hub import Hub
from ui.runtime.project import Project
from ui.sources.commands import EditSourceCommand, PlaceClaimCommand, SourceVersions

if TYPE_CHECKING:
    from ui.sources.reader.source_reader import SourceReader
    from ui.window_panes import WindowPanes

log = logging.getLogger(__name__)

OFFER_TEXT = "New article. The assistant can propose its claims for you to review."


@dataclass(frozen=True)
class SourceToolsParts:
    """What the source tools work with; the main window builds it from its panes."""

    #: Parent of the dialogs, and where the assistant's panel docks.
    window: QMainWindow
    hub: Hub
    editing: Editing
    project: Callable[[], Project | None]
    source_versions: SourceVersions
    #: Docks the assistant's panel beside the claim editor (as its tab in a narrow window).
    panes: WindowPanes
    #: The reader's area, to know whether the reader is shown.
    reader_area: QWidget
    suggest_claims: QAction
    show_assistant: QAction
    edit_source: QAction
    show_status: Callable[[str, int], None]
    select_claim: Callable[[int], object]
    open_reader: Callable[[int], object]
    open_current_in_reader: Callable[[], object]


class SourceTools(QObject):
    def __init__(self, parts: SourceToolsParts) -> None:
        super().__init__(parts.window)
        self.parts = parts
        self.assistant = AssistantController(parts.hub, parts.editing, parts.project, parts.window)
        self._dock: QDockWidget | None = None
        self._dock_shown = False
        self._reader: SourceReader | None = None
        self._project_open = parts.project() is not None
        self._connect()
        self._update_actions()

    def _connect(self) -> None:
        parts, hub = self.parts, self.parts.hub
        parts.suggest_claims.triggered.connect(self.suggest_claims)
        parts.show_assistant.toggled.connect(self._set_dock_visible)
        parts.edit_source.triggered.connect(self._edit_reader_source)
        hub.projectOpened.connect(self._on_project_opened)
        hub.projectClosing.connect(self._on_project_closing)
        self.assistant.claimRequested.connect(parts.select_claim)
        self.assistant.highlightRequested.connect(self._highlight)
        self.assistant.highlightCleared.connect(self._clear_highlight)

    def attach_reader(self, reader: SourceReader) -> None:
        """The window created its reader: add the assistant's button and listen to it."""
        self._reader = reader
        reader.add_header_action(self.parts.suggest_claims)
        reader.sourceOpened.connect(self._on_reader_source)
        reader.editDetailsRequested.connect(self.edit_source)
        reader.placeClaimRequested.connect(self.place_claim)

    # -- the assistant's panel ------------------------------------------------------------

    @property
    def dock(self) -> QDockWidget:
        if self._dock is None:
            window = self.parts.window
            dock = QDockWidget("Assistant", window)
            dock.setObjectName("AssistantDock")
            dock.setAllowedAreas(
                Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
            )
            dock.setWidget(self.assistant.panel)
            dock.setMinimumWidth(320)
            self.parts.panes.add_tool(dock)
            dock.visibilityChanged.connect(self._on_dock_visibility)
            self._dock = dock
        return self._dock

    @Slot()
    def suggest_claims(self) -> None:
        """Show the assistant's suggestions for the source in the reader."""
        parts = self.parts
        if parts.project() is None:
            return
        if self._reader is None or not self._reader.source_id:
            parts.open_current_in_reader()
        if self._reader is None or not self._reader.source_id:
            parts.show_status(
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
                self.parts.show_assistant.setChecked(False)
        elif self._dock is not None:
            if self.parts.panes.raise_instead_of_hiding(self._dock, self.parts.show_assistant):
                return
            self._dock.hide()

    @Slot(bool)
    def _on_dock_visibility(self, _visible: bool) -> None:
        # Open, even as a tab behind the claim editor's in a narrow window: it keeps working.
        shown = self._dock is not None and not self._dock.isHidden()
        if shown != self._dock_shown:
            self._dock_shown = shown
            self.assistant.set_active(shown)
        if self.parts.show_assistant.isChecked() != shown:
            self.parts.show_assistant.blockSignals(True)
            self.parts.show_assistant.setChecked(shown)
            self.parts.show_assistant.blockSignals(False)

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
        if not self.parts.reader_area.isVisible():
            self.parts.open_reader(source_id)
        reader.show_suggestion(start, end, attribution)

    @Slot()
    def _clear_highlight(self) -> None:
        if self._reader is not None:
            self._reader.clear_suggestion()

    def offer_assistant(self, new_source_ids: list[int]) -> None:
        """Articles were imported: offer the assistant for the newest, if the reader shows it."""
        reader = self._reader
        if reader is None or not new_source_ids or reader.source_id != new_source_ids[-1]:
            return
        if self._dock is not None and self._dock.isVisible():
            return  # the panel already follows the reader
        reader.offer(OFFER_TEXT, self.parts.suggest_claims)

    # -- claims that lost their place -----------------------------------------------------

    @Slot(int, int, int, str)
    def place_claim(self, claim_id: int, start: int, end: int, quote: str) -> bool:
        reader = self._reader
        if self.parts.project() is None or reader is None:
            return False
        orphan = next((o for o in reader.orphans if o.claim_id == claim_id), None)
        if orphan is None:
            return False
        command = PlaceClaimCommand(
            self.parts.editing.context,
            claim_id,
            start,
            end,
            quote,
            expected_version=orphan.version,
        )
        if not self.parts.editing.run(command):
            return False
        self.parts.show_status(f"Claim #{claim_id} placed at the selected words", 6000)
        self.parts.select_claim(claim_id)
        return True

    # -- the source's details -------------------------------------------------------------

    @Slot()
    def _edit_reader_source(self) -> None:
        if self._reader is not None and self._reader.source_id:
            self.edit_source(self._reader.source_id)

    @Slot(int)
    def edit_source(self, source_id: int) -> bool:
        """Open the details dialog of ``source_id``; its changes become one undoable command."""
        parts = self.parts
        project = parts.project()
        if project is None:
            return False
        from claimtracker.query.choices import actor_named, actor_names
        from claimtracker.query.reading import source_details
        from ui.sources.details_dialog import SourceDetailsDialog

        try:
            details = source_details(project.reader, source_id)
        except ClaimTrackerError as error:
            show_error(parts.window, error, action="Editing the source's details")
            return False
        reader = project.reader

        def actor_id_of(name: str) -> int | None:
            choice = actor_named(reader, name)
            return choice.id if choice is not None else None

        dialog = SourceDetailsDialog(
            details, actor_names=actor_names(reader), actor_id_of=actor_id_of, parent=parts.window
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
            parts.editing.context,
            parts.source_versions,
            source_id,
            changes.before,
            changes.after,
            expected_version=details.version,
            title=details.title,
            outlet_name=changes.outlet_name,
            new_outlet=changes.new_outlet,
        )
        return parts.editing.run(command)

    # -- the project ----------------------------------------------------------------------

    @Slot(object)
    def _on_project_opened(self, _project: object) -> None:
        self._project_open = True
        self.parts.source_versions.clear()
        self._update_actions()

    @Slot()
    def _on_project_closing(self) -> None:
        self._project_open = False
        if self._reader is not None:
            self._reader.clear_suggestion()
        self._update_actions()

    def _update_actions(self) -> None:
        parts = self.parts
        has_project = self._project_open
        reading = self._reader is not None and bool(self._reader.source_id)
        parts.suggest_claims.setEnabled(has_project)
        parts.show_assistant.setEnabled(has_project)
        parts.edit_source.setEnabled(has_project and reading)


def install_source_tools(parts: SourceToolsParts) -> SourceTools:
    """Make the assistant, orphan placement and source details part of the window."""
    return SourceTools(parts)
