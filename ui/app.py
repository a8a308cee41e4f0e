"""Starting the desktop app: rows on screen first, the heavy modules after.

The first paint needs PySide6, the plain-sqlite3 query layer (``claimtracker.query``) and the
main window. SQLModel, SQLAlchemy and Alembic (~0.35 s) are imported on a background thread once
the window shows its first rows — unless the file must be created or upgraded, which the Store
does first. The database opened is the one named on the command line, else ``$CLAIMTRACKER_DB``,
else the last one used, else (first run) an empty one in the user's data folder.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from claimtracker.paths import DB_ENV_VAR, default_database_path, is_url, sqlite_path_of
from claimtracker.server.address import is_server_url
from ui import theme
from ui.settings import APPLICATION, ORGANIZATION, Settings

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="claimtracker",
        description="ClaimTracker: who asserted what, on what attribution, who says the opposite.",
    )
    parser.add_argument("database", nargs="?", help="the claims database to open")
    parser.add_argument("--db", help="the claims database to open (as for the command line)")
    parser.add_argument("--theme", choices=theme.THEMES, help="light, dark or follow the system")
    return parser.parse_known_args(list(argv))


def create_application(qt_args: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, e.g. under pytest-qt)."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(qt_args or [sys.argv[0] if sys.argv else "claimtracker"])
    app.setApplicationDisplayName("ClaimTracker")
    app.setDesktopFileName("claimtracker")
    return app


def database_to_open(explicit: str | None, settings: Settings) -> str:
    """Command line, else ``$CLAIMTRACKER_DB``, else the last database, else the default file.

    A file's path, or a team server's URL (``postgresql://anna@db.example.org/claims``).
    """
    for candidate in (explicit, os.environ.get(DB_ENV_VAR)):
        if candidate:
            if is_server_url(candidate):
                return candidate
            path = sqlite_path_of(candidate) if is_url(candidate) else Path(candidate).expanduser()
            if path is None:
                raise SystemExit(
                    "claimtracker: the desktop app works on SQLite database files and "
                    f"PostgreSQL team servers, not {candidate}"
                )
            return str(path)
    last = settings.last_database
    if last and (is_server_url(last) or Path(last).exists()):
        return last
    return str(default_database_path())


def launch(
    app: QApplication, database: str | None = None, *, settings: Settings | None = None
) -> MainWindow:
    """Build the main window, open the database and show it."""
    from ui.icons import app_icon
    from ui.main_window import MainWindow

    settings = settings or Settings()
    app.setWindowIcon(app_icon())
    window = MainWindow(settings)
    path = database_to_open(database, settings)
    if not window.open_project(path) and path != str(default_database_path()):
        window.open_project(str(default_database_path()))
    window.show()
    return window


def start(argv: Sequence[str]) -> tuple[QApplication, MainWindow]:
    """Everything up to the window on screen with its first rows (also used by the benchmark)."""
    args, qt_args = parse_args(argv)
    app = create_application([sys.argv[0] if sys.argv else "claimtracker", *qt_args])
    settings = Settings()
    theme.apply_theme(app, args.theme or settings.theme)
    return app, launch(app, args.db or args.database, settings=settings)


def main(argv: list[str] | None = None) -> int:
    """``claimtracker`` without a command, ``python -m ui``: run the app until it is closed."""
    logging.basicConfig(
        level=logging.INFO if os.environ.get("CLAIMTRACKER_DEBUG") else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from ui.platform_check import window_problem

    problem = window_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app, window = start(sys.argv[1:] if argv is None else argv)

    from ui.errors import install_excepthook

    hook = install_excepthook(save_work=window.save_pending_work, parent=lambda: window)
    _close_on_interrupt(window)
    try:
        code = app.exec()
    finally:
        hook.uninstall()
    from ui.runtime.shutdown import end_background_work

    if not end_background_work(window.ops, window.source_tools.assistant.cancel):
        # Work that ignores its cancel flag must not keep a windowless process running: what
        # was saved is committed, and SQLite rolls back a transaction cut short.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _close_on_interrupt(window: MainWindow) -> None:
    """Ctrl+C in the terminal closes the window the usual way (saving what is typed).

    Python handles signals only when it runs, so a timer lets it run now and then.
    """
    signal.signal(signal.SIGINT, lambda *_args: window.close())
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(500)
