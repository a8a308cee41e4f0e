"""The review panel: the suggestions of the source in the reader, and the analyst's decisions.

A view only: it shows a :class:`SuggestionsModel` and emits what the analyst asks for (accept,
edit, reject, restore); ``ui.assistant.controller`` turns those into commands.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.assistant.reading_progress import ReadingProgress
from ui.assistant.suggestion_card import SuggestionCardDelegate, toggle
from ui.assistant.suggestions_model import (
    ACCEPTED_CLAIM_ROLE,
    DONE,
    OPEN,
    REJECTED,
    REVIEW_STATE_ROLE,
    SUGGESTION_INDEX_ROLE,
    SuggestionsModel,
)
from ui.icons import icon

ACCEPT_SHORTCUT = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return)


class SuggestionList(QListView):
    """Cards of variable height; Space ticks, Delete rejects, Enter edits."""

    toggleRequested = Signal()
    rejectRequested = Signal()
    editRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SuggestionList")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A card's height follows the list's width (its wording wraps), but a top-to-bottom
        # list lays its items out again only when its height changes: narrowed, the cards
        # grew into each other until a click.
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.modifiers():
            self.toggleRequested.emit()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rejectRequested.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.editRequested.emit()
            return
        super().keyPressEvent(event)


class AssistantPanel(QWidget):
    #: Accept these suggestions (numbers in the assistant's list).
    acceptRequested = Signal(list)
    #: Accept every open suggestion.
    acceptAllRequested = Signal()
    #: Edit this suggestion.
    editRequested = Signal(int)
    #: Reject (hide) these suggestions for this source.
    rejectRequested = Signal(list)
    #: Show these rejected suggestions again.
    restoreRequested = Signal(list)
    #: The current suggestion changed (its number, or -1): highlight it in the reader.
    currentSuggestionChanged = Signal(int)
    #: Select this claim (the one an accepted suggestion became).
    claimRequested = Signal(int)

    def __init__(self, model: SuggestionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AssistantPanel")
        self.model = model

        self._build_widgets(model)
        self._build_layout()
        self._connect(model)
        self.set_message("Open a source in the reader, then ask for suggestions.")

    def _build_widgets(self, model: SuggestionsModel) -> None:
        self.source_title = QLabel()
        self.source_title.setObjectName("AssistantSource")
        self.source_title.setTextFormat(Qt.TextFormat.PlainText)
        self.source_title.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("FieldHint")
        self.tick_all = QCheckBox("Tick all")
        self.tick_all.setToolTip("Tick every suggestion still to review")
        self.tick_all.setTristate(False)
        self.show_rejected = QCheckBox("Show rejected")
        self.show_rejected.setToolTip("Show the suggestions you rejected for this source")

        self.list = SuggestionList()
        self.list.setModel(model)
        self.delegate = SuggestionCardDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.message = QLabel()
        self.message.setObjectName("EmptyText")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setContentsMargins(18, 18, 18, 18)
        self.progress = ReadingProgress()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.progress)

        self.accept_action = QAction(icon("new-claim"), "Accept", self)
        self.accept_action.setShortcut(ACCEPT_SHORTCUT)
        self.accept_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accept_button = QPushButton(icon("new-claim"), "Accept")
        self.accept_button.setObjectName("AcceptButton")
        self.accept_button.setDefault(True)
        self.accept_all_button = QPushButton("Accept All")
        self.accept_all_button.setToolTip("Make every suggestion still to review a claim")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Correct the wording, speaker or attribution first (Enter)")
        self.reject_button = QPushButton("Reject")
        self.reject_button.setToolTip("Hide the suggestion for this source (Delete)")

    def _build_layout(self) -> None:
        header = QWidget()
        header.setObjectName("AssistantHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(10, 8, 10, 6)
        header_layout.setSpacing(2)
        header_layout.addWidget(self.source_title)
        header_layout.addWidget(self.summary)
        options = QHBoxLayout()
        options.setContentsMargins(0, 4, 0, 0)
        options.addWidget(self.tick_all)
        options.addStretch(1)
        options.addWidget(self.show_rejected)
        header_layout.addLayout(options)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 6, 8, 8)
        buttons.setSpacing(6)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.accept_all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.reject_button)
        for button in (
            self.accept_button,
            self.accept_all_button,
            self.edit_button,
            self.reject_button,
        ):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(_separator())
        layout.addWidget(self.stack, 1)
        layout.addWidget(_separator())
        layout.addLayout(buttons)

    def _connect(self, model: SuggestionsModel) -> None:
        self.accept_action.triggered.connect(self._accept)
        self.addAction(self.accept_action)
        self.accept_button.clicked.connect(self.accept_action.trigger)
        self.accept_all_button.clicked.connect(self.acceptAllRequested)
        self.edit_button.clicked.connect(self._edit)
        self.reject_button.clicked.connect(self._reject_or_restore)
        self.tick_all.clicked.connect(self._on_tick_all)
        self.show_rejected.toggled.connect(self._on_show_rejected)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self.update_controls())
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.doubleClicked.connect(self._on_double_clicked)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.toggleRequested.connect(self._toggle_selected)
        self.list.rejectRequested.connect(self._reject_or_restore)
        self.list.editRequested.connect(self._edit)
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(lambda *_: self.update_controls())

    # -- what is shown --------------------------------------------------------------------

    def set_source_title(self, title: str) -> None:
        self.source_title.setText(title)
        self.source_title.setToolTip(title)

    def set_message(self, text: str) -> None:
        """Show ``text`` instead of the list (nothing to show yet, or reading the article)."""
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.update_controls()

    def show_progress(self, done: int, total: int) -> None:
        """The article is being read: ``done`` of ``total`` characters, with Cancel."""
        self.progress.show_reading(done, total)
        if self.stack.currentWidget() is not self.progress:
            self.stack.setCurrentWidget(self.progress)
            self.update_controls()

    def show_stopped(self) -> None:
        """Reading was cancelled: offer to start again."""
        self.progress.show_stopped()
        self.stack.setCurrentWidget(self.progress)
        self.update_controls()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list)
        self.update_controls()

    @property
    def showing_list(self) -> bool:
        return self.stack.currentWidget() is self.list

    def select_suggestion(self, number: int) -> bool:
        row = self.model.row_of(number)
        if row is None:
            return False
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)
        return True

    # -- what the analyst picked ----------------------------------------------------------

    def selected_numbers(self, state: str | None = None) -> list[int]:
        numbers = []
        for index in self.list.selectionModel().selectedRows():
            if state is None or index.data(REVIEW_STATE_ROLE) == state:
                numbers.append(int(index.data(SUGGESTION_INDEX_ROLE)))
        return sorted(numbers)

    def current_number(self) -> int:
        index = self.list.currentIndex()
        return int(index.data(SUGGESTION_INDEX_ROLE)) if index.isValid() else -1

    def accept_targets(self) -> list[int]:
        """What Accept acts on: the ticked suggestions, else the selected open ones."""
        return self.model.checked() or self.selected_numbers(OPEN)

    def update_controls(self) -> None:
        counts = self.model.counts()
        total = sum(counts.values())
        has_list = self.showing_list and total > 0
        if self.model.state is None:
            self.summary.setText("")
        else:
            parts = [f"{total} suggestion{'s' if total != 1 else ''}"]
            if counts[DONE]:
                parts.append(f"{counts[DONE]} accepted")
            if counts[REJECTED]:
                parts.append(f"{counts[REJECTED]} rejected")
            self.summary.setText(" · ".join(parts))
        checked = self.model.checked()
        targets = self.accept_targets()
        if checked:
            label = f"Accept {len(checked)} Ticked"
        elif len(targets) > 1:
            label = f"Accept {len(targets)} Selected"
        else:
            label = "Accept"
        self.accept_action.setText(label)
        self.accept_button.setText(label)
        self.accept_action.setEnabled(has_list and bool(targets))
        self.accept_button.setEnabled(self.accept_action.isEnabled())
        self.accept_all_button.setEnabled(has_list and counts[OPEN] > 0)
        current = self.list.currentIndex()
        current_state = current.data(REVIEW_STATE_ROLE) if current.isValid() else None
        self.edit_button.setEnabled(has_list and current_state == OPEN)
        rejected_selected = bool(self.selected_numbers(REJECTED))
        self.reject_button.setText("Restore" if rejected_selected else "Reject")
        self.reject_button.setEnabled(
            has_list and (rejected_selected or bool(self.selected_numbers(OPEN)))
        )
        open_count = counts[OPEN]
        self.tick_all.setEnabled(has_list and open_count > 0)
        self.tick_all.setChecked(open_count > 0 and len(checked) == open_count)
        self.show_rejected.setEnabled(self.model.state is not None)

    # -- slots ----------------------------------------------------------------------------

    @Slot()
    def _accept(self) -> None:
        targets = self.accept_targets()
        if targets:
            self.acceptRequested.emit(targets)

    @Slot()
    def _edit(self) -> None:
        number = self.current_number()
        if number >= 0 and self.model.review_state(number) == OPEN:
            self.editRequested.emit(number)

    @Slot()
    def _reject_or_restore(self) -> None:
        rejected = self.selected_numbers(REJECTED)
        if rejected:
            self.restoreRequested.emit(rejected)
            return
        chosen = self.selected_numbers(OPEN)
        if chosen:
            self.rejectRequested.emit(chosen)

    @Slot()
    def _toggle_selected(self) -> None:
        for index in self.list.selectionModel().selectedRows():
            if index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                toggle(index)

    @Slot(bool)
    def _on_tick_all(self, checked: bool) -> None:
        self.model.set_all_checked(checked)

    @Slot(bool)
    def _on_show_rejected(self, show: bool) -> None:
        self.model.set_show_rejected(show)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.update_controls()
        number = int(current.data(SUGGESTION_INDEX_ROLE)) if current.isValid() else -1
        self.currentSuggestionChanged.emit(number)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        claim_id = int(index.data(ACCEPTED_CLAIM_ROLE) or 0)
        if claim_id:
            self.claimRequested.emit(claim_id)
        elif index.data(REVIEW_STATE_ROLE) == OPEN:
            self.editRequested.emit(int(index.data(SUGGESTION_INDEX_ROLE)))

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        index = self.list.indexAt(point)
        if not index.isValid():
            return
        menu = QMenu(self)
        state = index.data(REVIEW_STATE_ROLE)
        number = int(index.data(SUGGESTION_INDEX_ROLE))
        if state == OPEN:
            menu.addAction(self.accept_action)
            edit = menu.addAction("Edit…")
            edit.triggered.connect(lambda: self.editRequested.emit(number))
            reject = menu.addAction("Reject")
            reject.triggered.connect(self._reject_or_restore)
        elif state == REJECTED:
            restore = menu.addAction("Restore")
            restore.triggered.connect(lambda: self.restoreRequested.emit([number]))
        else:
            claim_id = int(index.data(ACCEPTED_CLAIM_ROLE) or 0)
            show = menu.addAction(icon("claims"), f"Select claim #{claim_id}")
            show.triggered.connect(lambda: self.claimRequested.emit(claim_id))
        menu.exec(self.list.viewport().mapToGlobal(point))
        menu.deleteLater()


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setObjectName("Separator")
    return line
