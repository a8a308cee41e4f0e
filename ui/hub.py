"""The hub: one object whose signals say what changed in the open project.

Undo commands and background tasks emit them after the core has committed; item models and
panes listen. Widgets never call each other to say "I changed something" — the main window wires
requests between widgets, and the hub carries facts about the data.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    #: A project was opened (the argument is the ``ui.project.Project``).
    projectOpened = Signal(object)
    #: The open project is about to be closed: stop work on it.
    projectClosing = Signal()

    #: Fields of these claims changed (list of claim ids).
    claimsChanged = Signal(list)
    #: These claims were created or came back from the trash.
    claimsAdded = Signal(list)
    #: These claims went to the trash or were deleted for good.
    claimsRemoved = Signal(list)
    #: Links of these claims were created, changed or removed.
    linksChanged = Signal(list)
    #: Sources were added, changed or removed.
    sourcesChanged = Signal()
    #: Actors were added or changed (names, reliability).
    actorsChanged = Signal()
    #: A bulk change (an import, emptying the trash): every view reloads.
    projectReloaded = Signal()

    #: A message for the status bar (text, milliseconds to show it; 0 = until replaced).
    statusMessage = Signal(str, int)
