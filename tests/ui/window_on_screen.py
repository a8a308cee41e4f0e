"""The main window on a screen of a given size, measured as an analyst would look at it.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=2] \\
        python -m tests.ui.window_on_screen DATABASE [--to-second-screen]

Opens the window on DATABASE as the app does (fitted to the screen), chooses a claim, opens it
in the reader and asks the assistant for suggestions (and with ``--to-second-screen`` moves
the window to the configuration's second screen); then prints
one JSON object: the screen's free area and the window's frame (logical pixels), the claim rows
in sight, the toolbar buttons out of sight, whether the editor and assistant are tabs, the
suggestion cards that overlap, how many lines the reader's title takes, and the widgets the
analyst needs that lie off the screen. Settings go to a temporary folder.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def settle(ms: int = 400) -> None:
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(ms)
    while timer.isActive():
        QApplication.processEvents()


def on_screen(widget: QWidget, free: QRect) -> bool:
    rect = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
    return free.contains(rect)


def open_with_reader_and_assistant(
    window: MainWindow, database: str, settle: Callable[[int], None]
) -> MainWindow:
    """Open ``database`` in ``window`` as the app opens it (fitted to the screen), choose claim
    #5, open its source in the reader and ask the assistant for suggestions."""
    window.open_project(database)
    window.show()
    settle(800)
    window.select_claim(5)
    window.open_current_in_reader()
    settle(400)
    window.act.suggest_claims.trigger()
    settle(1500)
    return window


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="claimtracker-fit-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    from ui import theme
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = create_application()
    theme.apply_theme(app, "light")
    window = open_with_reader_and_assistant(MainWindow(Settings()), sys.argv[1], settle)
    if "--to-second-screen" in sys.argv:
        # Dragged to another (smaller) screen: measured there.
        second = QGuiApplication.screens()[1]
        handle = window.windowHandle()
        assert handle is not None
        handle.setScreen(second)
        window.move(second.availableGeometry().topLeft())
        settle(800)

    screen = window.screen()
    free = screen.availableGeometry()
    frame = window.frameGeometry()
    table = window.table
    toolbar = window.findChild(QToolBar)
    assert toolbar is not None
    hidden = [
        action.text()
        for action in toolbar.actions()
        if not action.isSeparator()
        and (button := toolbar.widgetForAction(action)) is not None
        and not button.isVisible()
        and action.isVisible()
    ]
    panel = window.source_tools.assistant.panel
    cards = panel.list
    model = cards.model()
    overlapping = [
        row
        for row in range(model.rowCount() - 1)
        if cards.visualRect(model.index(row, 0)).bottom()
        >= cards.visualRect(model.index(row + 1, 0)).top()
    ]
    reader = window.reader
    title_lines = round(reader.title.height() / reader.title.fontMetrics().lineSpacing())
    needed = {
        "toolbar": toolbar,
        "status bar": window.statusBar(),
        "table": table,
        "reader": reader,
        "assistant": window.source_tools.dock,
    }
    print(
        json.dumps(
            {
                "scale": screen.devicePixelRatio(),
                "free": [free.x(), free.y(), free.width(), free.height()],
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
                "rows": table.viewport().height() // table.verticalHeader().defaultSectionSize(),
                "columns_wide": table.viewport().width(),
                "hidden_buttons": hidden,
                "tabbed": window.panes.tabbed,
                "cards": model.rowCount(),
                "overlapping_cards": overlapping,
                "reader_title_lines": title_lines,
                "off_screen": [name for name, w in needed.items() if not on_screen(w, free)],
            }
        ),
        flush=True,
    )
    window.close()


if __name__ == "__main__":
    main()
