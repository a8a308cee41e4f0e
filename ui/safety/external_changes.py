"""Noticing changes another program made to the open database (the CLI, a second window).

Every change is recorded in the journal (the history), so the newest entry's id says whether
anything changed. It is read on a worker every :data:`POLL_INTERVAL_MS` while the app is active,
and at once when the window is activated. When it grew, the entries since the last look are read
as a change set (``claimtracker.journal.changes``), skipping those this window wrote (the
project's ``own_entries``: they were announced when they were written), and the hub announces it
with :attr:`Hub.changed` — the signal our own edits send, so the table, the sidebar's counts, the
detail pane and the reader refresh the way they do after an edit. A burst too large to list (a
bulk import) reloads everything. The table's selection and scroll position and the reader's
place are kept.

On a team server the journal announces itself (LISTEN/NOTIFY, ``ui.team.live``): each notice
calls :meth:`ExternalChanges.check_now`, which reads the same journal the same way, so the regular
look is not needed there (``start(poll=False)``). :attr:`described` says who changed what, for
the status bar ("Anna changed the status of #12").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from claimtracker.query.opening import Connection
from ui.claims.claims_table import ClaimsTableModel
from ui.runtime.hub import Hub
from ui.runtime.ops import Runner
from ui.runtime.project import Project
from ui.safety.view_keeper import ViewKeeper, ViewState

if TYPE_CHECKING:
    from claimtracker.journal.changes import ChangeSet

#: How often the database is looked at while the app is active (milliseconds).
POLL_INTERVAL_MS = 2000
#: More history entries than this since the last look: reload everything.
MOST_ENTRIES_LISTED = 500

_Result = tuple[int, "ChangeSet | None", "str | None"]


class ExternalChanges(QObject):
    #: Changes made since the last look were announced (how many history entries).
    changesSeen = Signal(int)
    #: A look at the database finished (whether or not anything changed).
    checked = Signal()
    #: Who changed what, in one line ("Anna changed the status of #12").
    described = Signal(str)

    def __init__(
        self,
        hub: Hub,
        queries: Runner,
        project: Callable[[], Project | None],
        claims: ClaimsTableModel,
        keeper: ViewKeeper,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._queries = queries
        self._project = project
        self._keeper = keeper
        self._claims = claims
        self._seen: int | None = None
        self._watching: Project | None = None
        self._restore_after_query: ViewState | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_INTERVAL_MS)
        self.timer.timeout.connect(self._on_tick)
        claims.queryFinished.connect(self._on_query_finished)

    # -- starting and stopping ------------------------------------------------------------

    def start(self, *, poll: bool = True) -> None:
        """Watch the open project: remember where its history stands, then look regularly
        (``poll``; a team server says itself when its journal grows)."""
        self._watching = self._project()
        self._seen = None
        self.check_now()
        if poll:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._watching = None
        self._seen = None
        self._restore_after_query = None

    @property
    def watching(self) -> bool:
        return self._watching is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Installed on the main window: look at once when the user comes back to it."""
        if event.type() == QEvent.Type.WindowActivate and self.watching:
            QTimer.singleShot(0, self.check_now)
        return False

    # -- looking --------------------------------------------------------------------------

    @Slot()
    def _on_tick(self) -> None:
        if QApplication.activeWindow() is not None:  # only while the app is in use
            self.check_now()

    @Slot()
    def check_now(self) -> None:
        project = self._watching
        if project is None or project is not self._project():
            return
        after = self._seen
        own = project.own_entries

        def look(connection: Connection) -> _Result:
            from claimtracker.journal.changes import read_changes, sqlite_execute
            from claimtracker.journal.reading import last_change_id
            from claimtracker.journal.summary import who_changed_what

            newest = last_change_id(connection)
            if after is None or newest == after:
                return newest, None, None
            execute = sqlite_execute(connection)
            recent = read_changes(execute, after, limit=MOST_ENTRIES_LISTED, skip=own.__contains__)
            said = who_changed_what(execute, after, recent.last_entry, skip=own.__contains__)
            return newest, recent, said

        self._queries.submit(
            "external-changes",
            project.connect,
            look,
            lambda result: self._on_result(project, result),
            lambda _error: None,  # a locked or vanished file: the next look tries again
        )

    def _on_result(self, project: Project, result: _Result) -> None:
        if project is not self._watching:
            return
        newest, recent, said = result
        self._seen = newest if recent is None or not recent.complete else recent.last_entry
        project.own_entries.forget_through(self._seen)
        if recent is not None and (recent.entries or not recent.complete):
            self.announce(recent)
            self.changesSeen.emit(recent.entries)
            if said:
                self.described.emit(said)
        self.checked.emit()

    # -- telling the views ----------------------------------------------------------------

    def announce(self, changes: ChangeSet) -> None:
        """Tell the views what another program changed, keeping the user's place."""
        state = self._keeper.capture()
        self._hub.announce(changes)
        self._keeper.restore_reader(state)
        if self._claims.loading:
            self._restore_after_query = state  # the table runs its query again
        else:
            self._keeper.restore_table(state)

    @Slot(int)
    def _on_query_finished(self, _total: int) -> None:
        state, self._restore_after_query = self._restore_after_query, None
        if state is not None:
            self._keeper.restore_table(state)
