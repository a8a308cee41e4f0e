"""Help: the user guide, the keyboard shortcuts (read from the window's actions) and About."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from claimtracker.paths import resources_dir
from ui.common.screen_fit import fit_on_screen

GUIDE = resources_dir() / "guide" / "user-guide.md"

#: Shortcuts that belong to a pane rather than to one of the window's actions.
PANE_SHORTCUTS = [
    ("New claim from the reader's selection", "Ctrl+Return"),
    ("Next / previous dispute (side by side)", "Alt+Right / Alt+Left"),
    ("Clear the search (in the search field)", "Esc"),
    ("Close the side-by-side window", "Esc"),
    ("Accept the ticked or selected suggestions (assistant)", "Ctrl+Return"),
    ("Tick / edit / reject a suggestion (assistant)", "Space / Enter / Delete"),
]


class UserGuide(QDialog):
    """The offline user guide (``resources/guide/user-guide.md``), beside the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ClaimTracker user guide")
        self.setModal(False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # nothing in the guide is fetched or followed
        self.browser.setMarkdown(GUIDE.read_text(encoding="utf-8"))
        self.browser.document().setDocumentMargin(18)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fit_on_screen(self, 760, 760)


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(540, 580)
        table = QTableWidget(0, 2, self)
        table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        native = QKeySequence.SequenceFormat.NativeText
        entries = [
            (action.text().replace("&", "").rstrip("…"), action.shortcut().toString(native))
            for action in actions
            if not action.shortcut().isEmpty()
        ]
        for name, keys in [*entries, *PANE_SHORTCUTS]:
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.resizeColumnToContents(0)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)


def show_about(parent: QWidget) -> None:
    from claimtracker import __version__

    QMessageBox.about(
        parent,
        "About ClaimTracker",
        f"<b>ClaimTracker {__version__}</b><p>Who asserted what, on what attribution, and "
        "who says the opposite.</p><p>Works offline; your claims stay in a local SQLite "
        "database, backed up as you work.</p>",
    )
