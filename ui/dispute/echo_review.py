"""Reviewing echoes and duplicates: the pairs found, best first; link the chosen ones as
``repeats`` (one undoable step), merge a duplicate into the claim that stays or move it to the
trash, or dismiss a pair for the session — the way the assistant's suggestions are reviewed.

Finding them refreshes the echo index (claims new or changed since the last search) and
compares the candidates, off the GUI thread with progress and cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.dispute.echoes import Echo
from ui import theme
from ui.claims.commands import MergeClaimsCommand
from ui.claims.editing import Editing
from ui.common.roles import NO_DATA
from ui.common.snapshot_table import SnapshotTableModel
from ui.common.snapshot_view import read_only_table
from ui.runtime.ops import OpContext, Runner, WriteOp
from ui.runtime.project import Project

KIND, SCORE, FIRST, SECOND = range(4)
ECHO_ROLE = int(Qt.ItemDataRole.UserRole) + 1
KIND_LABELS = {"echo": "Echo", "duplicate": "Duplicate"}


def _words(echo: Echo, first: bool) -> str:
    claim = echo.a if first else echo.b
    words = claim.quote if echo.matched == "quote" and claim.quote else claim.text
    where = claim.outlet or claim.source_title or "no source"
    return f"#{claim.id} [{where}] {' '.join(words.split())}"


class EchoesModel(SnapshotTableModel[Echo]):
    column_titles = ("Kind", "Alike", "Claim", "Echoed by")

    def row_data(self, echo: Echo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == KIND:
                return KIND_LABELS[echo.kind]
            if column == SCORE:
                return f"{echo.score:.0f}%"
            return _words(echo, column == FIRST)
        if role == Qt.ItemDataRole.ToolTipRole:
            matched = "their quotes" if echo.matched == "quote" else "their wording"
            return (
                f"{_words(echo, True)}\n{_words(echo, False)}\n\n"
                f"{echo.score:.0f}% alike by {matched}. "
                + (
                    "Two claims of one source: one may be a duplicate."
                    if echo.kind == "duplicate"
                    else "The same words in two sources: link them as repeats."
                )
            )
        if role == Qt.ItemDataRole.ForegroundRole and column in (KIND, SCORE):
            return theme.muted_brush()
        if role == ECHO_ROLE:
            return echo
        return NO_DATA

    def set_echoes(self, echoes: list[Echo]) -> None:
        self._show(list(echoes))

    def echoes(self) -> list[Echo]:
        return list(self._rows)

    def remove(self, pairs: set[tuple[int, int]]) -> None:
        self._show([e for e in self._rows if (e.a.id, e.b.id) not in pairs])


class EchoReview(QWidget):
    claimRequested = Signal(int)
    #: A search finished (for tests and screenshots).
    searched = Signal()

    def __init__(
        self,
        editing: Editing,
        tasks: Runner,
        project: Callable[[], Project | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("EchoReview")
        self.editing = editing
        self.tasks = tasks
        self._project = project
        self._dismissed: set[tuple[int, int]] = set()
        self._task: WriteOp | None = None
        self.model = EchoesModel(self)
        self.table = read_only_table(
            self.model,
            name="EchoTable",
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIRST, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SECOND, QHeaderView.ResizeMode.Stretch)
        self.find_button = QPushButton("Find echoes")
        self.find_button.setToolTip(
            "Compare every claim with the others: the same words in two sources, or one claim "
            "recorded twice"
        )
        self.link_button = QPushButton("Link as repeats")
        self.trash_button = QPushButton("Move duplicate to trash")
        self.trash_button.setToolTip("Move the later claim of a duplicate pair to the trash")
        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setToolTip(
            "Keep one claim of a duplicate pair: the other's links, tags and opinions move to "
            "it, and the other goes to the trash (one undoable step)"
        )
        self.merge_menu = QMenu(self.merge_button)
        self.merge_button.setMenu(self.merge_menu)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setToolTip("Not an echo: leave it out for this session")
        self.summary = QLabel("Find echoes to compare the claims of this project.")
        self.summary.setObjectName("FieldHint")
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.find_button)
        bar.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.trash_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.find_button.clicked.connect(self.find_echoes)
        self.link_button.clicked.connect(self.link_selected)
        self.trash_button.clicked.connect(self.trash_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.table.doubleClicked.connect(self._open)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # -- finding --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None

    def find_echoes(self) -> None:
        project = self._project()
        if project is None or self._task is not None:
            return
        from claimtracker.dispute.echoes import find_echoes, refresh_index

        store = project.store

        def work(context: OpContext) -> list[Echo]:
            with store.raw() as connection:
                refresh_index(
                    connection,
                    progress=lambda done, total: context.progress(done, total, "Indexing claims"),
                )
                context.check()
                return find_echoes(
                    connection,
                    progress=lambda done, total: context.progress(done, total, "Comparing"),
                )

        task = WriteOp("Find echoes", work)
        task.signals.succeeded.connect(self._found)
        task.signals.failed.connect(self._failed)
        task.signals.finished.connect(self._finished)
        self._task = task
        self.summary.setText("Looking for echoes…")
        self._update_buttons()
        self.tasks.start(task)

    def _found(self, result: object) -> None:
        assert isinstance(result, list)
        shown = [e for e in result if (e.a.id, e.b.id) not in self._dismissed]
        self.model.set_echoes(shown)
        echoes = sum(1 for e in shown if e.kind == "echo")
        self.summary.setText(
            f"{echoes} echo(es) across sources and {len(shown) - echoes} duplicate(s) within one"
            if shown
            else "No echoes or duplicates found."
        )
        if shown:
            self.table.selectRow(0)
        self.searched.emit()

    def _failed(self, error: object) -> None:
        from ui.errors import show_error

        self.summary.setText("The search failed.")
        if isinstance(error, BaseException):
            show_error(self, error, action="Find echoes")

    def _finished(self) -> None:
        self._task = None
        self._update_buttons()

    # -- reviewing ------------------------------------------------------------------------

    def selected(self) -> list[Echo]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [echo for row in rows if (echo := self.model.snapshot(row)) is not None]

    def select(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 0), flags)

    def link_selected(self) -> None:
        chosen = [e for e in self.selected() if e.kind == "echo"]
        if not chosen:
            return
        stack = self.editing.undo_stack
        stack.beginMacro(f"Link {len(chosen)} echo(es) as repeats")
        done: set[tuple[int, int]] = set()
        try:
            for echo in chosen:
                note = f"echo, {echo.score:.0f}% alike ({echo.matched})"
                if self.editing.link(
                    claim_a_id=echo.a.id, claim_b_id=echo.b.id, relation="repeats", note=note
                ):
                    done.add((echo.a.id, echo.b.id))
        finally:
            stack.endMacro()
        self.model.remove(done)
        self._after_review(f"Linked {len(done)} echo(es) as repeats")

    def trash_selected(self) -> None:
        chosen = [e for e in self.selected() if e.kind == "duplicate"]
        if not chosen:
            return
        later = sorted({echo.b.id for echo in chosen})
        if self.editing.delete_claims(later):
            self.model.remove(
                {
                    (e.a.id, e.b.id)
                    for e in self.model.echoes()
                    if e.b.id in later or e.a.id in later
                }
            )
            self._after_review(f"Moved {len(later)} duplicate(s) to the trash")

    def merge_choices(self) -> list[tuple[int, int, str]]:
        """(keep, drop, label) for the one duplicate pair selected: either claim may stay."""
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].kind != "duplicate":
            return []
        echo = chosen[0]
        return [
            (keep.id, drop.id, f"Keep #{keep.id}, merge #{drop.id} into it — {keep.text}")
            for keep, drop in ((echo.a, echo.b), (echo.b, echo.a))
        ]

    def _fill_merge_menu(self) -> None:
        self.merge_menu.clear()
        for keep_id, drop_id, label in self.merge_choices():
            shown = label if len(label) <= 90 else label[:89] + "…"
            action = self.merge_menu.addAction(shown)
            action.triggered.connect(lambda _checked=False, k=keep_id, d=drop_id: self.merge(k, d))

    def merge(self, keep_id: int, drop_id: int) -> bool:
        """Merge claim ``drop_id`` into ``keep_id`` as one undoable step."""
        if not self.editing.run(MergeClaimsCommand(self.editing.context, keep_id, drop_id)):
            return False
        self.model.remove(
            {(e.a.id, e.b.id) for e in self.model.echoes() if drop_id in (e.a.id, e.b.id)}
        )
        self._after_review(f"Merged #{drop_id} into #{keep_id}")
        return True

    def dismiss_selected(self) -> None:
        chosen = {(e.a.id, e.b.id) for e in self.selected()}
        self._dismissed |= chosen
        self.model.remove(chosen)
        self._after_review(f"Dismissed {len(chosen)} pair(s) for this session")

    def _after_review(self, message: str) -> None:
        self.summary.setText(f"{message}; {self.model.rowCount()} left to review.")
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _open(self, index: Any) -> None:
        echo = self.model.snapshot(index.row())
        if echo is not None:
            self.claimRequested.emit(echo.b.id if index.column() == SECOND else echo.a.id)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.find_button.setEnabled(self._task is None and self._project() is not None)
        self.link_button.setEnabled(any(e.kind == "echo" for e in chosen))
        self.trash_button.setEnabled(any(e.kind == "duplicate" for e in chosen))
        self.merge_button.setEnabled(bool(self.merge_choices()))
        self._fill_merge_menu()
        self.dismiss_button.setEnabled(bool(chosen))

    def clear(self) -> None:
        self._dismissed.clear()
        self.model.set_echoes([])
        self.summary.setText("Find echoes to compare the claims of this project.")
        self._update_buttons()
