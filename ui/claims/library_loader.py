"""Reading what the sidebar lists, off the GUI thread: sources and actors, their claim counts,
and the project's totals (live claims, claims in the trash).

The lists are bounded (the newest sources, the most quoted actors, or what the sidebar's search
finds): a project may hold tens of thousands of sources. Counts come a moment after the lists
and are read again, at most every few hundred milliseconds, when claims change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from claimtracker.query import ClaimFilter, count_claims
from claimtracker.query.choices import actor_choices, claim_counts, live_totals, source_choices
from claimtracker.query.opening import Connection
from ui.claims.library import LibraryEntry, LibraryModel
from ui.runtime.ops import Runner
from ui.runtime.project import Project

#: The most sources and actors the sidebar lists at once (its search finds the others).
SIDEBAR_LIMIT = 300
#: Milliseconds to gather bursts of changes before the counts are read again.
COUNTS_DELAY_MS = 400

_Lists = tuple[list[LibraryEntry], list[LibraryEntry], tuple[int, int]]


class LibraryLoader(QObject):
    #: The sidebar's entries were replaced (a selection may need restoring).
    listsLoaded = Signal()
    #: The totals of live and trashed claims are known (again).
    totalsChanged = Signal()

    def __init__(
        self,
        model: LibraryModel,
        queries: Runner,
        project: Callable[[], Project | None],
        search_text: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._queries = queries
        self._project = project
        self._search_text = search_text
        self.total_live: int | None = None
        self.trash_count: int | None = None
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self.load_counts)

    def reset(self) -> None:
        """A project is opened or closed: forget what was shown."""
        self.total_live = self.trash_count = None
        for kind in ("library", "source", "actor"):
            self._model.set_entries(kind, [])

    def recount_soon(self) -> None:
        self._counts_timer.start()

    def load_lists(self) -> None:
        project = self._project()
        if project is None:
            return
        text = self._search_text()

        def lists(connection: Connection) -> _Lists:
            sources = [
                LibraryEntry("source", c.id, c.label, c.detail or "")
                for c in source_choices(connection, text, limit=SIDEBAR_LIMIT)
            ]
            actors = [
                LibraryEntry("actor", c.id, c.label)
                for c in actor_choices(
                    connection, text, limit=SIDEBAR_LIMIT, most_quoted_first=True
                )
            ]
            return sources, actors, live_totals(connection)

        def show(result: _Lists) -> None:
            sources, actors, (source_total, actor_total) = result
            self._model.set_entries("source", sources, source_total)
            self._model.set_entries("actor", actors, actor_total)
            self.listsLoaded.emit()
            self._counts_timer.start(0)

        self._queries.submit("library", project.connect, lists, show)

    def load_counts(self) -> None:
        project = self._project()
        if project is None:
            return

        def totals(connection: Connection) -> tuple[int, int]:
            return (
                count_claims(connection, ClaimFilter()),
                count_claims(connection, ClaimFilter(trash="trash")),
            )

        self._queries.submit("totals", project.connect, totals, self._show_totals)
        sources = [e.key for e in self._model.entries("source")]
        actors = [e.key for e in self._model.entries("actor")]

        def per_entry(connection: Connection) -> tuple[dict[int, int], dict[int, int]]:
            return (
                claim_counts(connection, "source", sources),
                claim_counts(connection, "speaker", actors),
            )

        def show(result: tuple[dict[int, int], dict[int, int]]) -> None:
            self._model.set_counts("source", result[0])
            self._model.set_counts("actor", result[1])

        self._queries.submit("counts", project.connect, per_entry, show)

    def _show_totals(self, result: tuple[int, int]) -> None:
        self.total_live, self.trash_count = result
        self._model.set_entries(
            "library",
            [
                LibraryEntry("all", 0, "All claims", count=self.total_live),
                LibraryEntry("trash", 0, "Trash", count=self.trash_count),
            ],
        )
        self.listsLoaded.emit()
        self.totalsChanged.emit()
