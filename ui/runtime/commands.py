"""The base of every undo command: one user action, done and undone through the core's services.

Commands are thin: ``apply`` and ``revert`` run one service call (or a few) inside one
transaction of the app's single write path (:meth:`ProjectCommand.write`, i.e.
``Project.write``), which announces what changed once; the first ``apply`` announces it as asked
by the command's initiator (the widget the user worked in), undo and redo by no one. The first
``apply`` runs before the command is pushed (``ui.claims.editing``), so a refused change never
reaches the undo stack; the stack's own first ``redo`` is therefore skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from claimtracker.errors import ClaimTrackerError
from claimtracker.journal.actions import REDID, UNDID, step_note
from ui.runtime.hub import Hub
from ui.runtime.project import Project

if TYPE_CHECKING:
    from sqlmodel import Session


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class CommandContext:
    """What commands need: the project to change, the hub to tell, versions they saw."""

    project: Project
    hub: Hub
    report: Callable[[BaseException, str], None]
    #: The version of each claim after our last change to it (for stale-edit detection).
    versions: dict[int, int] = field(default_factory=dict)

    def expected_version(self, claim_id: int) -> int | None:
        return self.versions.get(claim_id)


class ProjectCommand(QUndoCommand):
    """An undoable change. Subclasses define ``apply`` and ``revert``: each runs one
    transaction and announces the change."""

    apply: Callable[[], None]
    revert: Callable[[], None]

    def __init__(
        self, context: CommandContext, text: str, *, expected_version: int | None = None
    ) -> None:
        super().__init__(text)
        self.context = context
        self._applied_once = False
        self._first_version = expected_version
        #: Who asked for the first ``apply`` (undo and redo are asked by no one).
        self.initiator: object = None
        #: While undoing or redoing: the note its history entries carry ("Undid: …").
        self._step_note: str | None = None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """The transaction of one step; its change is announced once when it is committed.

        An undo or a redo notes on its history entries that it was one, so that the history
        says "Undid: move #4 to the trash" rather than a bare "Restored from the trash"."""
        with self.context.project.write(self.initiator) as session:
            if self._step_note is None:
                yield session
                return
            from claimtracker.journal.entries import noted

            with noted(session, self._step_note):
                yield session

    @property
    def step_note(self) -> str | None:
        """While undoing or redoing, the note of its history entries (for steps that write
        outside :meth:`write`, such as a CSV import's)."""
        return self._step_note

    def mark_applied(self) -> None:
        self._applied_once = True
        self.initiator = None

    def expect_version(self, version: int | None) -> None:
        """Check the record against ``version`` on the next ``apply`` (the user saw it, or chose
        to apply the change again on top of a change made elsewhere)."""
        self._first_version = version

    def version_to_check(self, otherwise: int | None) -> int | None:
        """The version the next ``apply`` checks: the one given, else ``otherwise``."""
        return self._first_version if self._first_version is not None else otherwise

    def version_checked(self) -> None:
        """The change was saved; later applies check the version our last change left. (A
        refused change keeps the version, for a second try: see ui.safety.)"""
        self._first_version = None

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
            return
        self._run(self.apply, "Redo", REDID)

    def undo(self) -> None:
        self._run(self.revert, "Undo", UNDID)

    def _run(self, step: Callable[[], None], verb: str, done: str) -> None:
        self._step_note = step_note(done, self.text())
        try:
            step()
        except ClaimTrackerError as error:
            # The stack drops an obsolete command; the data stays as the core left it.
            self.setObsolete(True)
            self.context.report(error, f"{verb} “{self.text()}”")
        finally:
            self._step_note = None
