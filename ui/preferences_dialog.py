"""Preferences: the analyst's name (written into the history of every change) and the theme."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from claimtracker.errors import ClaimTrackerError

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class PreferencesDialog(QDialog):
    def __init__(self, theme_mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from claimtracker.journal.analyst import analyst_name

        self.setWindowTitle("Preferences")
        self.setMinimumWidth(440)
        self.analyst = QLineEdit(analyst_name())
        self.analyst.setPlaceholderText("Your name, as colleagues know it")
        hint = QLabel("Written beside every change you make, in the project's history.")
        hint.setObjectName("FieldHint")
        hint.setWordWrap(True)
        self.theme = QComboBox()
        for code, label in THEME_LABELS.items():
            self.theme.addItem(label, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme_mode)))
        self.error = QLabel()
        self.error.setObjectName("ErrorText")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Analyst", self.analyst)
        form.addRow("", hint)
        form.addRow("Theme", self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def theme_mode(self) -> str:
        return str(self.theme.currentData() or "system")

    def _accept(self) -> None:
        from claimtracker.journal.analyst import analyst_name, set_analyst_name

        name = self.analyst.text().strip()
        if name != analyst_name():
            try:
                set_analyst_name(name)
            except ClaimTrackerError as error:
                self.error.setText(str(error))
                return
        self.accept()
