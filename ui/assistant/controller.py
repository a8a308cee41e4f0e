"""The assistant's side of the app: suggestions for the source in the reader, computed off the GUI
thread, reviewed in the panel, accepted as one undoable command each time.

The controller follows the reader (``follow``); while the panel is hidden nothing is computed.
A source's review (edits, ticks, rejections) lasts for the session and starts again when the
source's text changes (a corrected version).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from ui.assistant.commands import AcceptSuggestionsCommand
from ui.assistant.review_panel import AssistantPanel
from ui.assistant.review_state import ReviewState
from ui.assistant.suggestions_model import DONE, OPEN, SuggestionsModel
from ui.claims.editing import Editing
from ui.runtime.hub import Hub
from ui.runtime.ops import Cancelled, OpContext, Runner, WriteOp
from ui.runtime.project import Project

if TYPE_CHECKING:
    from claimtracker.assistant import Suggestion
    from claimtracker.journal.changes import ChangeSet
    from claimtracker.query.reading import SourceText

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Proposed:
    """What a suggestion task hands back to the GUI thread."""

    source_id: int
    title: str
    text: str
    suggestions: tuple[Suggestion, ...]


def suggest_work(source_id: int, title: str, text: str) -> Callable[[OpContext], Proposed]:
    """Read ``text`` in chunks, reporting progress in characters; Cancel stops between chunks."""

    def work(context: OpContext) -> Proposed:
        # The assistant's patterns load on this thread.
        from claimtracker.assistant.chunked import SuggestCancelled, suggest_in_chunks

        context.check()
        try:
            found = suggest_in_chunks(text, lambda done, total: context.progress(done, total))
        except SuggestCancelled:
            raise Cancelled from None
        return Proposed(source_id, title, text, tuple(found))

    return work


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


class AssistantController(QObject):
    #: Highlight these words of the source in the reader (start, end, attribution code).
    highlightRequested = Signal(int, int, int, str)  # source id, start, end, attribution
    #: No suggestion is current: remove its highlight.
    highlightCleared = Signal()
    #: Select this claim in the table.
    claimRequested = Signal(int)
    #: Suggestions were accepted: the claims they became.
    accepted = Signal(list)

    def __init__(
        self,
        hub: Hub,
        editing: Editing,
        project: Callable[[], Project | None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._hub = hub
        self._editing = editing
        self._project = project
        self._window = window
        self._tasks = Runner(self)
        self.model = SuggestionsModel(self)
        self._panel: AssistantPanel | None = None
        self._active = False
        self._source: SourceText | None = None
        self._states: dict[int, ReviewState] = {}
        self._running: WriteOp | None = None
        hub.projectOpened.connect(self._reset)
        hub.projectClosing.connect(self._on_project_closing)
        hub.changed.connect(self._on_changed)

    # -- the panel ------------------------------------------------------------------------

    @property
    def panel(self) -> AssistantPanel:
        if self._panel is None:
            panel = AssistantPanel(self.model)
            panel.acceptRequested.connect(self.accept)
            panel.acceptAllRequested.connect(self.accept_all)
            panel.editRequested.connect(self.edit)
            panel.rejectRequested.connect(self.reject)
            panel.restoreRequested.connect(self.restore)
            panel.currentSuggestionChanged.connect(self._on_current_suggestion)
            panel.claimRequested.connect(self.claimRequested)
            panel.progress.cancelRequested.connect(self._cancel_by_user)
            panel.progress.restartRequested.connect(self._restart)
            self._panel = panel
        return self._panel

    @property
    def source_id(self) -> int:
        return self._source.id if self._source is not None else 0

    def set_active(self, active: bool) -> None:
        """The panel is shown (compute for the reader's source) or hidden (stop following)."""
        self._active = active
        if active:
            self._show_current()
        else:
            self.cancel()  # nobody is looking: stop reading
            self.highlightCleared.emit()

    def follow(self, source: SourceText | None) -> None:
        """The reader shows ``source`` now."""
        same = (
            source is not None
            and self._source is not None
            and source.id == self._source.id
            and source.text == self._source.text
        )
        self._source = source
        if source is not None:
            state = self._states.get(source.id)
            if state is not None:
                state.title = _title_of(source)
        if self._active:
            if same:
                self.refresh_claims()
                if self._panel is not None:
                    self.panel.set_source_title(_title_of(source))  # type: ignore[arg-type]
            else:
                self._show_current()

    def _show_current(self) -> None:
        panel = self.panel
        source = self._source
        if source is None:
            self.model.set_review(None, {})
            panel.set_source_title("")
            panel.set_message("Open a source in the reader, then ask for suggestions.")
            return
        panel.set_source_title(_title_of(source))
        if not source.text.strip():
            self.model.set_review(None, {})
            panel.set_message(
                "This source has no text yet (it came from a CSV report). Import the article "
                "to have its claims suggested."
            )
            return
        state = self._states.get(source.id)
        if state is not None and state.text == source.text:
            self._show_state(state)
            return
        self.model.set_review(None, {})
        self._start(source)

    def _start(self, source: SourceText) -> None:
        self.cancel()
        task = WriteOp(
            "Suggesting claims…", suggest_work(source.id, _title_of(source), source.text)
        )
        task.signals.succeeded.connect(self._on_suggested)
        task.signals.failed.connect(self._on_failed)
        task.signals.progressed.connect(
            lambda done, total, _text: self._on_progress(task, done, total)
        )
        task.signals.cancelled.connect(lambda: self._on_cancelled(task))
        self._running = task
        self.panel.show_progress(0, len(source.text))
        self._tasks.start(task)

    def cancel(self) -> None:
        """Stop reading the article (Cancel, the panel closed, the project closing)."""
        running, self._running = self._running, None
        if running is not None:
            running.cancel()

    @Slot()
    def _cancel_by_user(self) -> None:
        if self._running is not None:
            self.cancel()
            self.panel.show_stopped()

    @Slot()
    def _restart(self) -> None:
        if self._active and self._source is not None:
            self._show_current()

    def _on_progress(self, task: WriteOp, done: int, total: int) -> None:
        if task is self._running and self._panel is not None and self._active:
            self.panel.show_progress(done, total)

    def _on_cancelled(self, task: WriteOp) -> None:
        if task is self._running:  # stopped from elsewhere (the pool shutting down)
            self._running = None
            if self._panel is not None:
                self.panel.show_stopped()

    @Slot(object)
    def _on_suggested(self, proposed: Proposed) -> None:
        self._running = None
        state = self._states.get(proposed.source_id)
        if state is None or state.text != proposed.text:
            state = ReviewState(
                proposed.source_id, proposed.title, proposed.text, proposed.suggestions
            )
            self._states[proposed.source_id] = state
        source = self._source
        if (
            self._active
            and source is not None
            and (source.id, source.text)
            == (
                proposed.source_id,
                proposed.text,
            )
        ):
            self._show_state(state)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._running = None
        from claimtracker.assistant.chunked import TextTooLong

        if isinstance(error, TextTooLong):
            if self._panel is not None:
                self.panel.set_message(str(error))
            return
        log.error(
            "The assistant failed", exc_info=error if isinstance(error, BaseException) else None
        )
        if self._panel is not None:
            self.panel.set_message(f"The assistant could not read this source: {error}")

    def _show_state(self, state: ReviewState) -> None:
        self.model.set_review(state, self._claims_at(state.source_id))
        panel = self.panel
        if not len(state):
            panel.set_message("The assistant found no assertion to propose in this source.")
            return
        panel.show_list()
        if self.model.rowCount():
            first = next(
                (n for n in self.model.numbers(OPEN) if self.model.row_of(n) is not None), None
            )
            if first is not None:
                panel.select_suggestion(first)

    def wait(self, msecs: int = 30_000) -> bool:
        """Until the running suggestion task is done (tests, quitting)."""
        return self._tasks.wait(msecs)

    @property
    def busy(self) -> bool:
        return self._tasks.busy

    # -- claims already made --------------------------------------------------------------

    def _claims_at(self, source_id: int) -> dict[tuple[int, int], int]:
        project = self._project()
        if project is None:
            return {}
        from claimtracker.errors import NotFoundError
        from claimtracker.query.reading import anchored_claims

        try:
            claims = anchored_claims(project.reader, source_id)
        except NotFoundError:
            return {}
        found: dict[tuple[int, int], int] = {}
        for claim in claims:
            found.setdefault((claim.start, claim.end), claim.claim_id)
        return found

    @Slot()
    def refresh_claims(self) -> None:
        state = self.model.state
        if state is not None:
            self.model.set_claims_at(self._claims_at(state.source_id))

    @Slot(object, object)
    def _on_changed(self, changes: ChangeSet, _initiator: object) -> None:
        if not changes.complete or (self._active and changes.ids("claim")):
            self.refresh_claims()

    # -- the analyst's decisions ----------------------------------------------------------

    @Slot(list)
    def accept(self, numbers: list[int]) -> list[int]:
        """Accept suggestions ``numbers`` (one undoable command); returns the claims made."""
        state = self.model.state
        if state is None:
            return []
        chosen = [n for n in numbers if self.model.review_state(n) == OPEN]
        if not chosen:
            return []
        partners = [n for n in state.partners(chosen) if self.model.review_state(n) == DONE]
        command = AcceptSuggestionsCommand(
            self._editing.context,
            source_id=state.source_id,
            source_title=state.title,
            suggestions=state.suggestions(),
            chosen=chosen,
            partners=partners,
            wordings={n: w for n, w in state.reworded().items() if n in chosen},
        )
        current = self.panel.current_number() if self._panel is not None else -1
        if not self._editing.run(command):
            return []
        state.checked.difference_update(chosen)
        self.refresh_claims()
        if current in chosen:
            self._select_next_open(current)
        parts = [_plural(len(command.claim_ids), "claim")]
        if command.link_ids:
            parts.append(_plural(len(command.link_ids), "counter link"))
        if command.actor_ids:
            parts.append(_plural(len(command.actor_ids), "new speaker"))
        self._hub.statusMessage.emit(
            f"Accepted {_plural(len(chosen), 'suggestion')}: {', '.join(parts)}", 8000
        )
        made = [command.claims[n] for n in chosen if n in command.claims]
        self.accepted.emit(made)
        return made

    def _select_next_open(self, after: int) -> None:
        """Go on to the next suggestion still to review (the analyst's reading order)."""
        waiting = [n for n in self.model.numbers(OPEN) if self.model.row_of(n) is not None]
        following = [n for n in waiting if n > after] or waiting
        if following:
            self.panel.select_suggestion(following[0])

    @Slot()
    def accept_all(self) -> list[int]:
        return self.accept(self.model.numbers(OPEN))

    @Slot(int)
    def edit(self, number: int) -> None:
        state = self.model.state
        project = self._project()
        if state is None or project is None or self.model.review_state(number) != OPEN:
            return
        from claimtracker.query.choices import actor_named, actor_names
        from ui.assistant.edit_dialog import SuggestionEditDialog

        reader = project.reader
        dialog = SuggestionEditDialog(
            number,
            state.proposed[number],
            state.suggestion(number),
            state.wording(number),
            actor_names=actor_names(reader),
            is_known_actor=lambda name: actor_named(reader, name) is not None,
            parent=self._window,
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            state.set_edit(number, dialog.edit())
            self.model.refresh([number])
            if dialog.accept_now:
                self.accept([number])
        finally:
            dialog.deleteLater()

    @Slot(list)
    def reject(self, numbers: list[int]) -> None:
        self.model.set_rejected(numbers, True)
        hidden = "" if self.model.show_rejected else "; “Show rejected” lists them again"
        self._hub.statusMessage.emit(
            f"Rejected {_plural(len(numbers), 'suggestion')} for this source{hidden}", 6000
        )

    @Slot(list)
    def restore(self, numbers: list[int]) -> None:
        self.model.set_rejected(numbers, False)

    @Slot(int)
    def _on_current_suggestion(self, number: int) -> None:
        state = self.model.state
        if state is None or number < 0:
            self.highlightCleared.emit()
            return
        suggestion = state.suggestion(number)
        self.highlightRequested.emit(
            state.source_id, suggestion.start, suggestion.end, suggestion.attribution
        )

    # -- the project ----------------------------------------------------------------------

    @Slot(object)
    def _reset(self, _project: object = None) -> None:
        self.cancel()
        self._states.clear()
        self._source = None
        self.model.set_review(None, {})
        if self._panel is not None:
            self.panel.set_source_title("")
            self.panel.set_message("Open a source in the reader, then ask for suggestions.")

    @Slot()
    def _on_project_closing(self) -> None:
        self._reset()


def _title_of(source: SourceText) -> str:
    return source.title or source.origin or f"Source #{source.id}"
