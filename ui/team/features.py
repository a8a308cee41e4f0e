"""What the main window shows of team projects, installed with one call.

- File → Open Team Project… (the connection dialog), and reopening one from Open Recent (by
  its URL, which never holds the password);
- live changes by other analysts, and the banner while the server does not answer
  (:mod:`ui.team.live`);
- the words a search found marked as the server folded them (ё as е, ß as ss: it reads how,
  once, in the background);
- what the analyst's role allows (``claimtracker.server.roles``): a viewer's editing controls
  disabled, an analyst's verified / false and Empty Trash too, each with the reason as tooltip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from claimtracker.query.folding import Folding
from claimtracker.server.address import TeamAddress
from claimtracker.server.roles import VERDICTS, Role, allowed, role_of
from ui.actions import _action, insert_after
from ui.claims.editor import ClaimEditor
from ui.runtime.hub import Hub
from ui.runtime.ops import Runner
from ui.runtime.project import Project
from ui.safety.external_changes import ExternalChanges
from ui.safety.pending_changes import PendingChanges
from ui.team.connecting import connect_in_background
from ui.team.connection_dialog import ConnectionDialog
from ui.team.live import LiveChanges

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TeamParts:
    window: QMainWindow
    hub: Hub
    ops: Runner
    project: Callable[[], Project | None]
    external: ExternalChanges
    pending: PendingChanges
    editor: ClaimEditor
    add_notice: Callable[[QWidget], None]
    #: Shows a project opened by the dialog in the window (False if it could not).
    show_opened: Callable[[Project], bool]
    show_status: Callable[[str, int], None]
    #: Puts a widget in the status bar for good (the analyst's role on a team project).
    add_status_widget: Callable[[QWidget], None]
    #: Marks the words a search found as the server folded them (``Project.read_folding``).
    show_folding: Callable[[Folding | None], None]
    #: The File menu's Open Project…, which Open Team Project… follows.
    open_project: QAction
    #: The actions that change claims (a viewer's are disabled), and Empty Trash (a lead's).
    edit_actions: tuple[QAction, ...]
    empty_trash: QAction


class TeamFeatures(QObject):
    #: A team project's connection from its URL began or ended (:attr:`connecting`).
    connectingChanged = Signal()

    def __init__(self, parts: TeamParts) -> None:
        super().__init__(parts.window)
        self.parts = parts
        self.open_team = _action(
            parts.window,
            "Open &Team Project…",
            icon_name="open",
            tip="Open a project on your team's PostgreSQL server",
        )
        insert_after(parts.open_project, self.open_team)
        self.open_team.triggered.connect(lambda: self.show_dialog())
        self.live = LiveChanges(parts.hub, parts.external, parts.pending, self)
        parts.add_notice(self.live.banner)
        self.live.reconnected.connect(
            lambda: parts.show_status("The team server answers again; your edits are saved", 8000)
        )
        #: The analyst's role on the open project ("owner" on a file).
        self.role: Role = "owner"
        self.role_label = QLabel()
        self.role_label.setObjectName("RoleLabel")
        self.role_label.hide()
        parts.add_status_widget(self.role_label)
        self._tips = {
            action: action.toolTip() for action in (*parts.edit_actions, parts.empty_trash)
        }
        self._field_tips = {w: w.toolTip() for w in parts.editor.editing_widgets()}
        self.dialog: ConnectionDialog | None = None
        #: The team project being connected to from its URL (None: none), and a count of
        #: openings: an answer for an opening since overtaken is let go.
        self.connecting: TeamAddress | None = None
        self._opening = 0
        parts.hub.projectOpened.connect(self._on_project_opened)
        parts.hub.projectClosing.connect(self._on_project_closing)

    # -- opening ----------------------------------------------------------------------------

    def show_dialog(self, address: TeamAddress | None = None, error: str = "") -> ConnectionDialog:
        """The connection dialog (window-modal, not blocking), filled with ``address``."""
        if self.dialog is not None:
            self.dialog.close()
        project = self.parts.project()
        if address is None and project is not None and project.address is not None:
            address = project.address
        dialog = ConnectionDialog(self.parts.ops, self.parts.window, address=address, error=error)
        dialog.opened.connect(self._on_dialog_opened)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.destroyed.connect(lambda: self._forget_dialog(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: ConnectionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    @Slot(object)
    def _on_dialog_opened(self, project: object) -> None:
        assert isinstance(project, Project)
        self.parts.show_opened(project)

    def open_url(self, url: str) -> bool:
        """Start opening the team project at ``url`` (from Open Recent, the command line, the
        last session) off the GUI thread, the keyring asked there too: the window stays drawn
        and says it is connecting. When the password is missing or wrong, or the server does
        not answer, the dialog asks, filled in, with the reason in one line. True: under way."""
        address, password = TeamAddress.from_url(url)
        self._opening += 1
        ticket = self._opening
        self._set_connecting(address)
        connect_in_background(
            self.parts.ops,
            self,
            address,
            password,
            lambda result: self._on_url_opened(ticket, result[0]),
            lambda line: self._on_url_failed(ticket, address, line),
        )
        return True

    def _on_url_opened(self, ticket: int, project: Project) -> None:
        if ticket != self._opening:  # another project was opened meanwhile
            project.close()
            return
        self._set_connecting(None)
        self.parts.show_opened(project)

    def _on_url_failed(self, ticket: int, address: TeamAddress, line: str) -> None:
        if ticket != self._opening:
            return
        self._set_connecting(None)
        self.show_dialog(address, line)

    def _set_connecting(self, address: TeamAddress | None) -> None:
        self.connecting = address
        self.parts.show_status(f"Connecting to {address.describe()}…" if address else "", 0)
        self.connectingChanged.emit()

    # -- the analyst's role -----------------------------------------------------------------

    @Slot(object)
    def _on_project_opened(self, project: Project) -> None:
        if self.connecting is not None:  # a project opened meanwhile (a file): it stays
            self._opening += 1
            self._set_connecting(None)
        self.role = "owner"
        if project.address is not None:
            try:
                self.role = role_of(project.reader)
            except Exception as exc:  # the server refuses even that: it will refuse the edits
                log.warning("Cannot tell the analyst's role: %s", exc)
                self.role = "viewer"
        self.apply_role()
        self._show_role(project)
        if project.address is not None:
            self.parts.ops.call(
                self,
                project.read_folding,
                lambda folding: self._on_folding(project, folding),
                lambda error: log.warning("Cannot read how the server folds words: %s", error),
            )

    def _on_folding(self, project: Project, folding: object) -> None:
        if self.parts.project() is project:
            assert folding is None or isinstance(folding, Folding)
            self.parts.show_folding(folding)

    @Slot()
    def _on_project_closing(self) -> None:
        self.role = "owner"
        self.apply_role()
        self.role_label.hide()

    def _show_role(self, project: Project) -> None:
        """The status bar says what the analyst may do on a team project."""
        if project.address is None:
            self.role_label.hide()
            return
        self.role_label.setText(_ROLE_LABELS[self.role])
        _may_edit, why = allowed(self.role, "edit_claims")
        self.role_label.setToolTip(why or _ROLE_TIPS[self.role])
        self.role_label.show()

    def apply_role(self) -> None:
        """Disable what the role does not allow, saying why (after the window enabled what
        the selection allows)."""
        parts = self.parts
        may_edit, why = allowed(self.role, "edit_claims")
        for action in parts.edit_actions:
            self._allow(action, may_edit, why)
        may_empty, why_not_empty = allowed(self.role, "empty_trash")
        self._allow(parts.empty_trash, may_edit and may_empty, why or why_not_empty)
        for widget, tip in self._field_tips.items():
            if not may_edit:
                widget.setEnabled(False)
                widget.setToolTip(why)
            elif not widget.isEnabled() and widget.toolTip() == why:
                widget.setEnabled(True)
                widget.setToolTip(tip)
        may_judge, why_not_judge = allowed(self.role, "set_verdict")
        refused = set() if may_judge else set(VERDICTS)
        parts.editor.restrict_codes(parts.editor.status, refused, why_not_judge)

    def _allow(self, action: QAction, may: bool, why: str) -> None:
        if not may:
            action.setEnabled(False)
            action.setToolTip(why)
            action.setStatusTip(why)
        elif action.toolTip() != self._tips[action]:
            action.setToolTip(self._tips[action])
            action.setStatusTip(self._tips[action])


_ROLE_LABELS = {
    "viewer": "Viewer — read only",
    "analyst": "Analyst",
    "lead": "Lead",
    "owner": "Owner",
}
_ROLE_TIPS = {
    "viewer": "",
    "analyst": "You can change claims, sources, links and tags; a lead sets verified or false",
    "lead": "You can change everything, set verified or false and empty the trash",
    "owner": "You own this project: everything, and setting up the server",
}


def install_team(parts: TeamParts) -> TeamFeatures:
    return TeamFeatures(parts)
