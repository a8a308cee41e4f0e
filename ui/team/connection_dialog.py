"""File → Open Team Project…: where the team's server is, who you are, your password.

The password is never written to the settings: with "Remember password" it goes to the system
keyring (``claimtracker.server.address``); left empty, the keyring's or ``~/.pgpass``'s is
used. Connecting runs off the GUI thread; what goes wrong (a wrong password, a server that does
not answer, a database that is not a ClaimTracker project) is one line in the dialog, with what
was typed still in the fields.
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

from claimtracker.server.address import (
    DEFAULT_PORT,
    TeamAddress,
    forget_password,
    remember_password,
    stored_password,
)
from ui.runtime.ops import Runner
from ui.runtime.project import Project

log = logging.getLogger(__name__)


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
        self.remember.setToolTip("Keep the password in the system's keyring (never in a file)")

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
        self.remember.setChecked(stored_password(address) is not None)

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
        address, typed = self.address(), self.password.text()
        password = typed or None
        self._set_connecting(True)
        self._runner.call(
            self,
            lambda: Project.open_server(address, password),
            lambda project: self._opened(project, address, typed),
            self._failed,
        )

    def _set_connecting(self, connecting: bool) -> None:
        self._connecting = connecting
        for field in (self.host, self.port, self.database, self.analyst, self.password):
            field.setEnabled(not connecting)
        self.open_button.setText("Connecting…" if connecting else "Connect")
        self._update_button()
        if connecting:
            self.show_error("")

    def _opened(self, project: object, address: TeamAddress, typed: str) -> None:
        assert isinstance(project, Project)
        self._set_connecting(False)
        problem = None
        if self.remember.isChecked() and typed:
            problem = remember_password(address, typed)
        elif not self.remember.isChecked():
            forget_password(address)
        if problem:
            log.warning("The password was not remembered: %s", problem)
        self.opened.emit(project)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_connecting(False)
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        self.show_error(text)
        self.password.setFocus()
