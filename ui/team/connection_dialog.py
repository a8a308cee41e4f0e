"""File → Open Team Project…: where the team's server is, who you are, your password.

The password is never written to the settings: with "Remember password" it goes to the system
keyring (``claimtracker.server.address``); left empty, the keyring's or ``~/.pgpass``'s is
used. The keyring is only ever asked off the GUI thread (a locked or slow one would freeze the
window): whether a password is kept ticks "Remember password" when it answers, unless the
analyst set the box meanwhile. Connecting runs off the GUI thread too (``ui.team.connecting``,
which Open Recent shares); what goes wrong (a wrong password, a server that does not answer, a
database that is not a ClaimTracker project) is one line in the dialog, with what was typed
still in the fields.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from claimtracker.server.address import DEFAULT_PORT, TeamAddress, stored_password
from ui.runtime.ops import Runner
from ui.runtime.project import Project
from ui.team.connecting import connect_in_background

log = logging.getLogger(__name__)

REMEMBER_TIP = "Keep the password in the system's keyring (never in a file)"


class ConnectionDialog(QDialog):
    #: A team project was opened (the :class:`Project`); the dialog then closes.
    opened = Signal(object)

    def __init__(
        self,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        address: TeamAddress | None = None,
        error: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConnectionDialog")
        self.setWindowTitle("Open Team Project")
        self.setMinimumWidth(460)
        self._runner = runner
        self._connecting = False
        #: The address whose kept password the keyring is being asked about (None: not asking).
        self._asking: TeamAddress | None = None

        heading = QLabel("Open a project on your team's server")
        heading.setObjectName("DialogHeading")
        intro = QLabel(
            "Your team's administrator gives you the server's address, the project's database "
            "and your analyst name."
        )
        intro.setObjectName("FieldHint")
        intro.setWordWrap(True)

        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit()
        self.database.setPlaceholderText("claims")
        self.analyst = QLineEdit()
        self.analyst.setPlaceholderText("anna")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("from the keyring or ~/.pgpass if left empty")
        self.remember = QCheckBox("Remember password")
        self.remember.setToolTip(REMEMBER_TIP)
        self.remember.clicked.connect(self._remember_set_by_hand)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Server:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&Analyst name:", self.analyst)
        form.addRow("Pass&word:", self.password)
        form.addRow("", self.remember)

        self.error = QLabel()
        self.error.setObjectName("ErrorText")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setText("Connect")
        self.buttons.accepted.connect(self.connect_now)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for field in (self.host, self.database, self.analyst):
            field.textChanged.connect(self._update_button)
        if address is not None:
            self.fill(address)
        self.show_error(error)
        self._update_button()

    # -- the fields -----------------------------------------------------------------------

    def fill(self, address: TeamAddress) -> None:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.analyst.setText(address.user)
        self._asking = address
        self.remember.setToolTip("Looking in the system's keyring…")
        self._runner.call(
            self,
            lambda: stored_password(address) is not None,
            lambda kept: self._keyring_answered(address, bool(kept)),
        )

    def _keyring_answered(self, address: TeamAddress, kept: bool) -> None:
        if self._asking != address:  # set by hand, or another address filled in since
            return
        self._asking = None
        self.remember.setToolTip(REMEMBER_TIP)
        if self.address() == address:  # not since typed over
            self.remember.setChecked(kept)

    @Slot()
    def _remember_set_by_hand(self) -> None:
        if self._asking is not None:
            self._asking = None
            self.remember.setToolTip(REMEMBER_TIP)

    def address(self) -> TeamAddress:
        return TeamAddress(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.analyst.text().strip(),
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    @Slot()
    def _update_button(self) -> None:
        filled = all(f.text().strip() for f in (self.host, self.database, self.analyst))
        self.open_button.setEnabled(filled and not self._connecting)

    # -- connecting -----------------------------------------------------------------------

    @Slot()
    def connect_now(self) -> None:
        """Open the project with what is typed (off the GUI thread)."""
        if self._connecting or not self.open_button.isEnabled():
            return
        self._set_connecting(True)
        connect_in_background(  # the keyring is asked there too, off the GUI thread
            self._runner,
            self,
            self.address(),
            self.password.text() or None,
            self._opened,
            self._failed,
            remember=self.remember.isChecked(),
        )

    def _set_connecting(self, connecting: bool) -> None:
        self._connecting = connecting
        fields = (self.host, self.port, self.database, self.analyst, self.password, self.remember)
        for field in fields:
            field.setEnabled(not connecting)
        self.open_button.setText("Connecting…" if connecting else "Connect")
        self._update_button()
        if connecting:
            self.show_error("")

    def _opened(self, result: tuple[Project, str | None]) -> None:
        project, problem = result
        self._set_connecting(False)
        if problem:
            log.warning("The password was not remembered: %s", problem)
        self.opened.emit(project)
        self.accept()

    def _failed(self, line: str) -> None:
        self._set_connecting(False)
        self.show_error(line)
        self.password.setFocus()
