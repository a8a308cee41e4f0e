"""The hub: one object whose signals say what happened to the open project.

Every change is announced once, by :attr:`Hub.changed`, with what changed (a
:class:`~claimtracker.journal.changes.ChangeSet` the core read from its journal) and who asked
for it: the app's single write path (``Project.write``) announces this window's changes, and the
watcher for other programs (``ui.safety.external_changes``) announces theirs from the same
journal. Views update what changed; the initiator skips what it already shows (the editor does
not re-fill the field it just saved). Widgets never call each other to say "I changed
something" — the main window wires requests between widgets, and the hub carries facts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from claimtracker.journal.changes import ChangeSet


class Hub(QObject):
    #: A project was opened (the argument is the ``ui.runtime.project.Project``).
    projectOpened = Signal(object)
    #: The open project is about to be closed: stop work on it.
    projectClosing = Signal()

    #: What changed (a ChangeSet) and who asked for it (the object that initiated the change;
    #: None for undo, redo, other programs and anything a view cannot have initiated).
    changed = Signal(object, object)

    #: A message for the status bar (text, milliseconds to show it; 0 = until replaced).
    statusMessage = Signal(str, int)

    def announce(self, changes: ChangeSet, initiator: object = None) -> None:
        """Tell the views, once, unless nothing changed."""
        if not changes.empty:
            self.changed.emit(changes, initiator)

    def reload_everything(self) -> None:
        """Anything may have changed (Reload, a repaired index): every view reloads."""
        self.changed.emit(ChangeSet.everything(), None)
