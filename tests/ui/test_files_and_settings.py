"""Opening projects (first run, sample, drop, recent, bad files) and what the app remembers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from claimtracker.paths import default_database_path
from tests.ui.conftest import wait_loaded
from tests.ui.helpers import drop_files, when_modal
from ui.claims.columns import column_index
from ui.main_window import MainWindow
from ui.settings import Settings


def close(window: MainWindow) -> None:
    window.close()
    window.ops.wait()


def test_first_run_opens_an_empty_database_in_the_data_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import app as ui_app

    monkeypatch.delenv("CLAIMTRACKER_DB")
    _app, window = ui_app.start([])
    qtbot.addWidget(window)
    try:
        assert window.project is not None
        assert window.project.path == default_database_path().resolve()
        assert window.project.path.exists()
        wait_loaded(qtbot, window)
        assert window.claims.rowCount() == 0
        state = window.table.empty_state
        assert state.isVisible() and "No claims yet" in state.title.text()
        labels = [b.text() for b in state.findChildren(QPushButton)]
        assert "Open Sample Project" in labels and "Import Articles…" in labels
    finally:
        close(window)


def test_open_sample_project_from_the_empty_table(
    qtbot: QtBot, make_window: object, empty_db: Path
) -> None:
    window: MainWindow = make_window(empty_db)  # type: ignore[operator]
    button = next(
        b
        for b in window.table.empty_state.findChildren(QPushButton)
        if b.text() == "Open Sample Project"
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.project is not None and window.project.path.name == "Sample project.db",
        timeout=15_000,
    )
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 14
    assert window.windowTitle().startswith("Sample project.db")
    assert str(window.project.path) in window.settings.recent_files


def test_dropping_a_database_opens_it(
    qtbot: QtBot, make_window: object, empty_db: Path, sample_db: Path
) -> None:
    window: MainWindow = make_window(empty_db)  # type: ignore[operator]
    drop_files(window, [sample_db])
    qtbot.waitUntil(
        lambda: window.project is not None and window.project.path == sample_db.resolve()
    )
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 14


def test_a_file_that_is_not_a_database_is_refused_with_a_message(
    qtbot: QtBot,
    make_window: object,
    sample_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.safety.damaged_database import DamagedDatabaseDialog

    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database", encoding="utf-8")
    shown: list[str] = []

    def read_and_cancel(dialog: DamagedDatabaseDialog) -> None:
        shown.extend(label.text() for label in dialog.findChildren(QLabel))
        assert dialog.restore_button is None  # there is no backup of it
        dialog.reject()

    when_modal(DamagedDatabaseDialog, read_and_cancel)
    assert not window.open_project(str(bogus))
    assert "notes.db cannot be opened" in shown
    assert any(str(bogus) in text and "It is a text file, not a database" in text for text in shown)
    assert window.project is not None and window.project.path == sample_db.resolve()


def test_settings_remember_columns_sort_panes_recent_files_and_last_database(
    qtbot: QtBot, make_window: object, sample_db: Path, empty_db: Path
) -> None:
    window: MainWindow = make_window(empty_db)  # type: ignore[operator]
    assert window.open_project(str(sample_db))
    wait_loaded(qtbot, window)
    table = window.table
    table.set_column_shown(column_index("tags"), True)
    table.set_column_shown(column_index("source"), False)
    header = table.horizontalHeader()
    header.moveSection(header.visualIndex(column_index("status")), 1)
    table.sort_by("speaker", descending=True)
    wait_loaded(qtbot, window)
    # The offscreen screen is narrow, so the sidebar opened folded away; the analyst shows it
    # and hides it again, which is remembered (a folded sidebar is not).
    window.act.show_sidebar.setChecked(True)
    window.act.show_sidebar.setChecked(False)
    window.resize(760, 555)  # within the offscreen screen (restoreGeometry keeps windows on it)
    close(window)

    again = MainWindow(Settings())
    qtbot.addWidget(again)
    try:
        assert again.settings.last_database == str(sample_db.resolve())
        assert str(sample_db.resolve()) in again.settings.recent_files
        assert str(empty_db.resolve()) in again.settings.recent_files
        assert again.open_project(again.settings.last_database)
        wait_loaded(qtbot, again)
        keys = again.table.visible_column_keys()
        assert keys[1] == "status" and "tags" in keys and "source" not in keys
        assert again.claims.order.key == "speaker" and again.claims.order.descending
        speakers = [again.claims.claim_row(r).speaker or "" for r in range(again.claims.rowCount())]  # type: ignore[union-attr]
        assert speakers == sorted(speakers, key=str.casefold, reverse=True)
        assert not again.act.show_sidebar.isChecked() and again.sidebar.isHidden()
        assert (again.size().width(), again.size().height()) == (760, 555)
    finally:
        close(again)


def test_recent_menu_lists_projects_and_can_be_cleared(
    qtbot: QtBot, make_window: object, sample_db: Path, empty_db: Path
) -> None:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    window.open_project(str(empty_db))
    window._fill_recent_menu()
    names = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert names[:2] == ["empty.db", "sample.db"]
    clear = next(a for a in window.recent_menu.actions() if a.text() == "Clear the list")
    clear.trigger()
    assert window.settings.recent_files == []


def test_theme_switch_restyles_without_restart(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    from ui import theme

    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    try:
        window.act.theme_dark.trigger()
        assert theme.is_dark()
        assert window.settings.theme == "dark"
        window.act.theme_light.trigger()
        assert not theme.is_dark()
    finally:
        theme.apply_theme(QApplication.instance(), "light")  # type: ignore[arg-type]
