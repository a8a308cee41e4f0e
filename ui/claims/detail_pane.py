"""The pane beside the table: the current claim's editor and links, or what a selection allows."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query import ClaimRow, fetch_row, links_of
from claimtracker.vocabulary import ATTRIBUTIONS, STATUSES
from ui.claims.editing import Editing
from ui.claims.editor import ClaimEditor
from ui.claims.links_panel import LinksPanel
from ui.common.badge_strip import BadgeStrip
from ui.common.empty_state import EmptyState
from ui.common.flow_layout import FlowLayout
from ui.icons import icon
from ui.runtime.project import Project


class DetailPane(QWidget):
    #: Select this claim in the table (from a link).
    claimRequested = Signal(int)
    openSourceRequested = Signal(int, int)  # source id, claim id
    #: Bulk edits from a multiple selection: field, code.
    bulkEditRequested = Signal(str, str)

    def __init__(
        self,
        editing: Editing,
        *,
        link_action: QAction,
        compare_action: QAction,
        reader_action: QAction,
        delete_action: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DetailPane")
        self.editing = editing
        self._project: Project | None = None
        self._claim_id = 0

        self.stack = QStackedWidget(self)
        self.nothing = EmptyState()
        self.nothing.show_message(
            "claims",
            "No claim selected",
            "Choose a claim in the table to see and edit it here, or select words in the "
            "reader and press Ctrl+Return to make a new one.",
        )
        self.stack.addWidget(self.nothing)

        self.title = QLabel()
        self.title.setObjectName("PaneTitle")
        self.badges = BadgeStrip()
        # The buttons wrap onto a second row when the pane is narrow.
        header_buttons = FlowLayout(spacing=4)
        self._header_buttons = header_buttons
        for action in (reader_action, link_action, compare_action):
            self.add_header_action(action)
        self.editor = ClaimEditor(editing)
        self.links = LinksPanel(link_action, compare_action)
        content = QWidget()
        content.setObjectName("DetailContent")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(14, 12, 14, 14)
        content_layout.setSpacing(8)
        content_layout.addWidget(self.title)
        content_layout.addWidget(self.badges)
        content_layout.addLayout(header_buttons)
        content_layout.addWidget(self.editor)
        content_layout.addSpacing(6)
        content_layout.addWidget(self.links)
        content_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack.addWidget(self.scroll_area)

        self.many = QWidget()
        self.many_title = QLabel()
        self.many_title.setObjectName("PaneTitle")
        status_button = QPushButton("Set status")
        status_menu = QMenu(status_button)
        for term in STATUSES:
            status_menu.addAction(term.label).triggered.connect(
                lambda _c=False, code=term.code: self.bulkEditRequested.emit("status", code)
            )
        status_button.setMenu(status_menu)
        attribution_button = QPushButton("Set attribution")
        attribution_menu = QMenu(attribution_button)
        for term in ATTRIBUTIONS:
            attribution_menu.addAction(term.label).triggered.connect(
                lambda _c=False, code=term.code: self.bulkEditRequested.emit("attribution", code)
            )
        attribution_button.setMenu(attribution_menu)
        trash_button = QPushButton(icon("delete"), "Move to trash")
        trash_button.clicked.connect(delete_action.trigger)
        many_layout = QVBoxLayout(self.many)
        many_layout.setContentsMargins(14, 12, 14, 14)
        many_layout.addWidget(self.many_title)
        hint = QLabel("Changes apply to every selected claim, as one step you can undo.")
        hint.setObjectName("FieldHint")
        hint.setWordWrap(True)
        many_layout.addWidget(hint)
        for button in (status_button, attribution_button, trash_button):
            many_layout.addWidget(button)
        many_layout.addStretch(1)
        self.stack.addWidget(self.many)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.links.claimRequested.connect(self.claimRequested)
        self.links.removeRequested.connect(self.editing.unlink)
        self.links.relationChangeRequested.connect(self.editing.change_relation)
        self.editor.openSourceRequested.connect(self.openSourceRequested)

    def add_header_action(self, action: QAction) -> QPushButton:
        """A button for ``action`` in the row under the claim's title."""
        button = QPushButton()
        button.setObjectName("PaneButton")
        button.setIcon(action.icon())
        button.setText(action.iconText())
        button.setToolTip(action.toolTip())
        button.setEnabled(action.isEnabled())
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
        self._header_buttons.addWidget(button)
        return button

    def add_notice(self, notice: QWidget) -> None:
        """A bar above the pane (e.g. changes that could not be saved); it shows and hides
        itself."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, notice)

    @property
    def claim_id(self) -> int:
        return self._claim_id

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.editor.set_project(project)
        self.show_selection([])

    def show_selection(self, claim_ids: list[int]) -> None:
        """One claim: its editor; several: bulk actions; none: a hint."""
        if len(claim_ids) > 1:
            self.editor.show_claim(None)
            self._claim_id = 0
            self.many_title.setText(f"{len(claim_ids):,} claims selected")
            self.stack.setCurrentWidget(self.many)
            return
        self.show_claim(claim_ids[0] if claim_ids else 0)

    def show_claim(self, claim_id: int) -> None:
        row = (
            fetch_row(self._project.reader, claim_id)
            if claim_id and self._project is not None
            else None
        )
        self._claim_id = row.id if row is not None else 0
        self.editor.show_claim(row)
        self._show_header(row)
        self.stack.setCurrentWidget(self.scroll_area if row is not None else self.nothing)

    def refresh(self, initiator: object = None) -> None:
        """The shown claim changed (an edit, an undo): read it again. When the editor saved
        the change itself, its fields are left as they are."""
        if not self._claim_id:
            return
        self.editor.reload(refill=initiator is not self.editor)
        row = self.editor.row
        if row is None:
            self.show_claim(0)
            return
        self._show_header(row)

    def refresh_links(self) -> None:
        if self._claim_id and self._project is not None:
            self.links.set_links(links_of(self._project.reader, self._claim_id))

    def _show_header(self, row: ClaimRow | None) -> None:
        if row is None:
            return
        trash = " (in the trash)" if row.deleted_at else ""
        self.title.setText(f"Claim #{row.id}{trash}")
        self.badges.set_badges(
            [
                ("status", row.status, ""),
                ("attribution", row.attribution, ""),
                ("credibility", str(row.credibility) if row.credibility else None, row.rating),
                ("marking", row.marking, ""),
            ]
        )
        self.refresh_links()

    def focus_claim_text(self) -> None:
        """Put the cursor in the claim's text, selected, and bring it into view."""
        text = self.editor.text
        text.setFocus()
        text.selectAll()
        self.scroll_area.verticalScrollBar().setValue(0)
        # After the panel has laid out the newly shown claim.
        QTimer.singleShot(0, lambda: self.scroll_area.ensureWidgetVisible(text, 0, 24))

    def flush(self) -> None:
        self.editor.flush()
