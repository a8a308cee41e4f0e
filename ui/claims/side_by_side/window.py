"""The side-by-side window: step through the disputes of the current filter.

A dispute is a claim of the filter that takes part in an opposing link (contradicts, denies,
counters). The window shows it on the left and every linked claim on the right, opposing ones
first, each with its quote in context; fields that differ from the left are marked.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.query.disputes import disputed_ids
from claimtracker.query.explain import Highlighter, highlighter
from claimtracker.vocabulary import STATUSES
from ui.claims.opinions_section import opinions_label
from ui.claims.side_by_side.claim_card import ClaimCard
from ui.claims.side_by_side.comparison import Dispute, load_dispute
from ui.common.screen_fit import fit_on_screen
from ui.icons import icon
from ui.runtime.ops import Runner
from ui.runtime.project import Project
from ui.settings import Settings

log = logging.getLogger(__name__)

#: The most disputes listed for stepping (a filter of a million claims can hold many).
MAX_DISPUTES = 100_000


def _column(title: str) -> tuple[QWidget, QVBoxLayout, QLabel]:
    holder = QWidget()
    holder.setObjectName("SideColumn")
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(12, 10, 12, 12)
    layout.setSpacing(10)
    heading = QLabel(title)
    heading.setObjectName("SectionTitle")
    layout.addWidget(heading)
    return holder, layout, heading


#: The verdict keys of triage, one per status.
VERDICT_KEYS = {
    "verified": "V",
    "false": "F",
    "misleading": "M",
    "disputed": "D",
    "in_progress": "P",
    "unstarted": "U",
}


class SideBySideWindow(QWidget):
    #: Select this claim in the main window's table.
    claimRequested = Signal(int)
    #: Export the pairs of these claims as CSV (a ClaimFilter, a suggested file name).
    exportRequested = Signal(object, str)
    #: The analyst gave the shown claim a verdict (claim id, status code).
    statusRequested = Signal(int, str)
    #: Settle the merge conflicts of this claim, side by side (ui.merging).
    conflictsRequested = Signal(int)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("SideBySide")
        self.setWindowTitle("Side by side — ClaimTracker")
        fit_on_screen(self, 1240, 780)
        self._settings = settings
        self._project: Project | None = None
        self._filter = ClaimFilter()
        self._order = ClaimOrder()
        self._ids: list[int] = []
        self._position = -1
        self._claim_id = 0
        self._dispute: Dispute | None = None
        #: The words of the filter's search, marked on the cards as in the table.
        self._marks = Highlighter()
        self._queries = Runner(self, read_threads=1)

        self.previous_action = QAction(icon("previous"), "Previous dispute", self)
        self.previous_action.setShortcuts(
            [QKeySequence("Alt+Left"), QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage)]
        )
        self.previous_action.triggered.connect(self.previous)
        self.next_action = QAction(icon("next"), "Next dispute", self)
        self.next_action.setShortcuts(
            [QKeySequence("Alt+Right"), QKeySequence(QKeySequence.StandardKey.MoveToNextPage)]
        )
        self.next_action.triggered.connect(self.next)
        self.close_action = QAction("Close", self)
        self.close_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Close)]
        )
        self.close_action.triggered.connect(self.close)
        self.addActions([self.previous_action, self.next_action, self.close_action])
        # Triage: one key per verdict sets the shown claim's status and goes on to the next.
        self.verdict_actions: dict[str, QAction] = {}
        for code, key in VERDICT_KEYS.items():
            action = QAction(f"{STATUSES.label(code)} ({key})", self)
            action.setShortcut(QKeySequence(key))
            action.setCheckable(True)
            action.setToolTip(
                f"Set the status of this claim to {STATUSES.label(code)} and go on to the "
                f"next dispute ({key})"
            )
            action.triggered.connect(lambda _checked=False, c=code: self.give_verdict(c))
            self.verdict_actions[code] = action
        self.addActions(list(self.verdict_actions.values()))

        self.title = QLabel()
        self.title.setObjectName("PaneTitle")
        self.position_label = QLabel()
        self.position_label.setObjectName("FieldHint")
        previous_button = QToolButton()
        previous_button.setDefaultAction(self.previous_action)
        next_button = QToolButton()
        next_button.setDefaultAction(self.next_action)
        show_button = QToolButton()
        show_button.setText("Show in table")
        show_button.setIcon(icon("claims"))
        show_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        show_button.clicked.connect(self._show_in_table)
        self.export_button = QToolButton()
        self.export_button.setObjectName("ExportButton")
        self.export_button.setText("Export CSV  ▾")
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        self.export_shown_action = export_menu.addAction("This claim and its counter-claims…")
        self.export_shown_action.triggered.connect(self._export_shown)
        self.export_all_action = export_menu.addAction(
            "Every claim–counter-claim pair in the current filter…"
        )
        self.export_all_action.triggered.connect(self._export_all)
        self.export_button.setMenu(export_menu)

        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(12, 8, 12, 8)
        toolbar.addWidget(previous_button)
        toolbar.addWidget(next_button)
        toolbar.addSpacing(8)
        toolbar.addWidget(self.title)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.position_label)
        toolbar.addStretch(1)
        toolbar.addWidget(show_button)
        toolbar.addWidget(self.export_button)

        left_holder, self._left_layout, self.left_heading = _column("CLAIM")
        right_holder, self._right_layout, self.right_heading = _column("COUNTER-CLAIMS")
        self._left_layout.addStretch(1)
        self._right_layout.addStretch(1)
        self.left_scroll = QScrollArea()
        self.left_scroll.setWidget(left_holder)
        self.left_scroll.setWidgetResizable(True)
        self.left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.right_scroll = QScrollArea()
        self.right_scroll.setWidget(right_holder)
        self.right_scroll.setWidgetResizable(True)
        self.right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_scroll)
        self.splitter.addWidget(self.right_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("Separator")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        verdicts = QHBoxLayout()
        verdicts.setContentsMargins(12, 0, 12, 8)
        verdicts.setSpacing(4)
        verdict_label = QLabel("Status:")
        verdict_label.setObjectName("FieldHint")
        verdicts.addWidget(verdict_label)
        for action in self.verdict_actions.values():
            button = QToolButton()
            button.setObjectName("VerdictButton")
            button.setDefaultAction(action)
            verdicts.addWidget(button)
        verdicts.addStretch(1)
        layout.addLayout(toolbar)
        layout.addLayout(verdicts)
        layout.addWidget(line)
        layout.addWidget(self.splitter, 1)
        settings.restore_geometry("side_by_side", self)
        if not settings.restore_splitter("side_by_side", self.splitter):
            self.splitter.setSizes([600, 640])

    # -- what is shown --------------------------------------------------------------------

    @property
    def claim_id(self) -> int:
        return self._claim_id

    @property
    def dispute(self) -> Dispute | None:
        return self._dispute

    @property
    def search_marks(self) -> Highlighter:
        return self._marks

    @property
    def dispute_ids(self) -> list[int]:
        return list(self._ids)

    def start(
        self,
        project: Project,
        claim_filter: ClaimFilter,
        order: ClaimOrder,
        claim_id: int,
    ) -> None:
        """Show ``claim_id`` (0: the first dispute) and find the filter's disputes."""
        self._project = project
        self._filter = claim_filter.with_(trash="live")
        marks = highlighter(
            claim_filter.text, prefix_last=claim_filter.prefix_last, folding=project.folding
        )
        marks_changed, self._marks = marks != self._marks, marks
        self._order = order
        self._ids = []
        self._position = -1
        if claim_id:
            self.show_claim(claim_id)
        elif marks_changed and self._dispute is not None:
            self._fill()  # the claim shown before stays, marked for the new search
        self.position_label.setText("Finding the disputes in the current filter…")
        self._update_actions()
        connect = project.connect
        filter_, order_ = self._filter, self._order
        self._queries.submit(
            "disputes",
            connect,
            lambda connection: list(disputed_ids(connection, filter_, order_, limit=MAX_DISPUTES)),
            self._on_disputes,
        )

    def _on_disputes(self, ids: list[int]) -> None:
        self._ids = ids
        if self._claim_id in ids:
            self._position = ids.index(self._claim_id)
        elif not self._claim_id and ids:
            self._position = 0
            self.show_claim(ids[0])
        self._update_position()

    def _update_position(self) -> None:
        count = len(self._ids)
        if not count:
            text = "No disputes in the current filter"
        elif self._position >= 0:
            text = f"Dispute {self._position + 1:,} of {count:,} in the current filter"
        else:
            text = f"Not among the {count:,} disputes in the current filter"
        self.position_label.setText(text)
        self._update_actions()

    def _update_actions(self) -> None:
        count = len(self._ids)
        self.previous_action.setEnabled(count > 0 and self._position != 0)
        self.next_action.setEnabled(count > 0 and self._position < count - 1)
        self.export_all_action.setEnabled(self._project is not None)
        self.export_shown_action.setEnabled(bool(self._dispute and self._dispute.counters))

    def next(self) -> None:
        if not self._ids:
            return
        self._position = min(self._position + 1, len(self._ids) - 1)
        self.show_claim(self._ids[self._position])
        self._update_position()

    def previous(self) -> None:
        if not self._ids:
            return
        self._position = max(self._position - 1, 0) if self._position >= 0 else 0
        self.show_claim(self._ids[self._position])
        self._update_position()

    def show_claim(self, claim_id: int) -> None:
        if self._project is None:
            return
        self._claim_id = claim_id
        if claim_id in self._ids:
            self._position = self._ids.index(claim_id)
        self._dispute = load_dispute(self._project.reader, claim_id)
        self._fill()
        self._update_actions()
        self._show_verdict()

    def give_verdict(self, status: str) -> None:
        """Ask for the shown claim's status to be ``status``, then show the next dispute."""
        dispute = self._dispute
        if dispute is None or not self._claim_id:
            return
        if dispute.claim.status != status:
            self.statusRequested.emit(self._claim_id, status)
        if self._position + 1 < len(self._ids):
            self.next()
        else:
            self.refresh()

    def _show_verdict(self) -> None:
        current = self._dispute.claim.status if self._dispute is not None else None
        for code, action in self.verdict_actions.items():
            action.setEnabled(self._dispute is not None)
            action.setChecked(code == current)

    def _show_in_table(self) -> None:
        if self._claim_id:
            self.claimRequested.emit(self._claim_id)

    def refresh(self) -> None:
        """The shown claims or their links changed: read them again."""
        if self._claim_id:
            self.show_claim(self._claim_id)

    def _clear(self, layout: QVBoxLayout) -> None:
        while layout.count() > 2:  # the heading and the closing stretch stay
            item = layout.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _fill(self) -> None:
        self._clear(self._left_layout)
        self._clear(self._right_layout)
        dispute = self._dispute
        if dispute is None:
            self.title.setText("This claim no longer exists")
            return
        self.title.setText(f"Claim #{dispute.claim.id}")
        left = ClaimCard(dispute.claim, dispute.quote, marks=self._marks)
        self._left_layout.insertWidget(1, self._card(left))
        if dispute.claim.conflicts:
            self._left_layout.insertWidget(
                1, self._conflict_notice(dispute.claim.id, dispute.claim.conflicts)
            )
        opposing = sum(1 for counter in dispute.counters if counter.link.opposing)
        self.right_heading.setText(
            f"COUNTER-CLAIMS ({opposing})"
            + (
                f" AND {len(dispute.counters) - opposing} OTHER LINKS"
                if len(dispute.counters) > opposing
                else ""
            )
        )
        if not dispute.counters:
            empty = QLabel(
                "No linked claims. Use “Link counter-claim” (Ctrl+L) in the main window."
            )
            empty.setObjectName("FieldHint")
            empty.setWordWrap(True)
            self._right_layout.insertWidget(1, empty)
        for position, counter in enumerate(dispute.counters, start=1):
            card = ClaimCard(
                counter.row,
                counter.quote,
                link=counter.link,
                differs=counter.differs,
                marks=self._marks,
            )
            self._right_layout.insertWidget(position, self._card(card))

    def _conflict_notice(self, claim_id: int, count: int) -> QFrame:
        """A merge left fields of this claim changed two ways: say so, with the way to settle."""
        notice = QFrame()
        notice.setObjectName("NoticeBar")
        layout = QHBoxLayout(notice)
        layout.setContentsMargins(10, 6, 10, 6)
        text = QLabel(
            f"⚠ {count} field{'s' if count != 1 else ''} of this claim changed two ways in a "
            "merge; your value stands until you settle it."
        )
        text.setWordWrap(True)
        settle = QToolButton()
        settle.setObjectName("NoticeButton")
        settle.setText("Settle Conflicts…")
        settle.clicked.connect(lambda: self.conflictsRequested.emit(claim_id))
        layout.addWidget(text, 1)
        layout.addWidget(settle)
        return notice

    def _card(self, card: ClaimCard) -> ClaimCard:
        """The card with the analysts' opinions of its claim (ui.dispute)."""
        layout = card.layout()
        if self._project is not None and layout is not None:
            layout.addWidget(opinions_label(self._project.reader, card.row.id))
        return card

    # -- export ---------------------------------------------------------------------------

    def _export_shown(self) -> None:
        if self._claim_id:
            self.exportRequested.emit(
                ClaimFilter(ids=(self._claim_id,)), f"claim-{self._claim_id}-counter-claims.csv"
            )

    def _export_all(self) -> None:
        self.exportRequested.emit(self._filter, "claim-pairs.csv")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.save_geometry("side_by_side", self)
        self._settings.save_splitter("side_by_side", self.splitter)
        self._queries.cancel_all()
        self._queries.wait()
        super().closeEvent(event)
