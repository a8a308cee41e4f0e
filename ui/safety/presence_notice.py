"""Telling the user that another window or program has the same project open (issue 9).

:class:`PresenceNotice` registers this window for the open project
(``claimtracker.safety.presence``), looks every few seconds who else is registered, and shows
a bar above the table while anyone is: which program, its pid, since when, and what that
means for working together. The bar is not a question: both keep working. Changes made there
reach this window through the external-changes watcher, and an edit of a claim changed there
meanwhile asks which version to keep. Closing the bar hides it until someone else opens the
project.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from claimtracker.safety.presence import HEARTBEAT_INTERVAL, Holder, Presence
from ui.icons import icon
from ui.runtime.hub import Hub
from ui.runtime.project import Project

log = logging.getLogger(__name__)

#: How often the others are looked for (milliseconds): a few small files beside the database.
LOOK_INTERVAL_MS = 3000


def describe_others(others: list[Holder]) -> str:
    """The notice's text for ``others`` (not empty)."""
    if len(others) == 1:
        other = others[0]
        where = "another " if other.program == "app" else "the command line: "
        opening = f"This project is also open in {where}{other.describe()}."
    else:
        listed = "; ".join(h.describe() for h in others)
        opening = f"This project is also open in {len(others)} other programs: {listed}."
    return (
        f"{opening} You can both keep working: changes saved there appear here, and if you both "
        "change the same claim, you are asked which version to keep."
    )


class PresenceBar(QFrame):
    """The bar above the table: the text, and a button to hide it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoticeBar")
        self.icon = QLabel()
        self.icon.setPixmap(icon("info").pixmap(18, 18))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setObjectName("PresenceMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("clear"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this notice (it comes back if someone else opens it)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()


class PresenceNotice(QObject):
    #: Who else has the project open changed (the new list).
    othersChanged = Signal(list)

    def __init__(self, hub: Hub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = PresenceBar()
        self.bar.close_button.clicked.connect(self._dismiss)
        self._presence: Presence | None = None
        self._others: list[Holder] = []
        self._dismissed: set[tuple[int, str, str]] = set()
        self._looks = 0
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_INTERVAL_MS)
        self.timer.timeout.connect(self.look)
        hub.projectOpened.connect(self._on_project_opened)
        hub.projectClosing.connect(self.stop)

    @property
    def others(self) -> list[Holder]:
        return list(self._others)

    @property
    def registered(self) -> bool:
        return self._presence is not None

    @Slot(object)
    def _on_project_opened(self, project: Project) -> None:
        self.stop()
        if project.path is None:  # on a team server, others working on it is the point
            return
        self._presence = Presence.register(project.path, "app")
        if self._presence is None:
            return
        self.look()
        self.timer.start()

    @Slot()
    def stop(self) -> None:
        self.timer.stop()
        if self._presence is not None:
            self._presence.close()
            self._presence = None
        self._others = []
        self._dismissed.clear()
        self.bar.hide()

    @Slot()
    def look(self) -> None:
        presence = self._presence
        if presence is None:
            return
        self._looks += 1
        if self._looks * LOOK_INTERVAL_MS >= HEARTBEAT_INTERVAL * 1000:
            self._looks = 0
            presence.heartbeat()
        try:
            others = presence.others()
        except OSError as exc:  # a folder that went away: look again next time
            log.info("Could not look for other programs: %s", exc)
            return
        if _keys(others) != _keys(self._others):
            self._others = others
            self._show()
            self.othersChanged.emit(others)

    def _show(self) -> None:
        others = self._others
        if not others or _keys(others) <= self._dismissed:
            self.bar.hide()
            return
        self.bar.message.setText(describe_others(others))
        self.bar.show()

    @Slot()
    def _dismiss(self) -> None:
        self._dismissed = _keys(self._others)
        self.bar.hide()


def _keys(holders: list[Holder]) -> set[tuple[int, str, str]]:
    return {(h.pid, h.host, h.since.isoformat()) for h in holders}
