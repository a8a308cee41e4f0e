"""GUI test fixtures: offscreen Qt, settings and data folders in tmp_path, the sample project.

Every test here fails on a Qt warning (``qt_log_level_fail`` in pyproject) — except those the
offscreen platform prints when a window is shown, raised, or a popup grabs the keyboard ("This
plugin does not support propagateSizeHints()", "raise()", "grabbing the keyboard"): there is no
window manager or input device to do it with.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import activate

OFFSCREEN_NOISE = (
    r"This plugin does not support "
    r"(propagateSizeHints\(\)|raise\(\)|grabbing the (keyboard|mouse))"
)
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def styled_application(qapp: QApplication) -> QApplication:
    """The app as ``ui.app`` sets it up: names, the Fusion style, the light palette."""
    from ui import theme
    from ui.app import create_application

    app = create_application()
    theme.apply_theme(app, "light")
    return app


@pytest.fixture(autouse=True)
def isolated_app_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings, the data folder and the default database all live in tmp_path."""
    settings_dir = tmp_path / "settings"
    data_dir = tmp_path / "data"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(data_dir))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("CLAIMTRACKER_DB", str(data_dir / "ClaimTracker" / "claims.db"))
    yield tmp_path
    # No worker may outlive its test.
    assert QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, built once per session through the core's own builder."""
    from claimtracker.sample import build_sample
    from claimtracker.store import Store

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store.open(path) as store:
        build_sample(store)
    return path


@pytest.fixture
def sample_db(sample_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample project for one test."""
    path = tmp_path / "sample.db"
    shutil.copyfile(sample_template, path)
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    from claimtracker.store import Store

    path = tmp_path / "empty.db"
    Store.open(path).close()
    return path


@pytest.fixture
def make_window(qtbot: object) -> Iterator[Callable[..., object]]:
    """Open a main window on a database and wait for its rows."""
    from ui.main_window import MainWindow
    from ui.settings import Settings

    windows: list[MainWindow] = []

    def make(path: Path | None = None, *, show: bool = True) -> MainWindow:
        window = MainWindow(Settings())
        # Closing a window with kept (unsaved) edits asks in a modal box that nobody answers
        # offscreen: a test that failed with edits kept would hang the run at its teardown.
        qtbot.addWidget(window, before_close_func=_forget_kept_edits)  # type: ignore[attr-defined]
        windows.append(window)
        if path is not None:
            assert window.open_project(str(path))
            # A team project opens off the GUI thread.
            qtbot.waitUntil(lambda: window.team.connecting is None, timeout=20_000)  # type: ignore[attr-defined]
            assert window.project is not None
            wait_loaded(qtbot, window)
        if show:
            window.show()
            activate(qtbot, window)  # shortcuts need an active window
        return window

    yield make
    for window in windows:
        _forget_kept_edits(window)
        window.close()
        window.ops.wait()


def _forget_kept_edits(window: object) -> None:
    window.safety.pending.clear()  # type: ignore[attr-defined]


def wait_loaded(qtbot: object, window: object) -> None:
    """Until the table's query has finished and the background counts arrived."""
    qtbot.waitUntil(lambda: not window.claims.loading, timeout=10_000)  # type: ignore[attr-defined]
