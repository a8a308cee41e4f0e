"""The window at every size (issue 16): on a 1024×640 laptop screen, on a large screen at 2×
scaling and when dragged to a smaller screen it fits the screen with the reader and the
assistant open, the claims stay readable and every toolbar button stays in sight (also under a
roomier theme); panes become tabs in a narrow window and side by side again in a wide one,
without stopping the assistant, and the View menu and a new claim bring a tab to the front;
suggestion cards and an empty view's labels never overlap.

The screen sizes are real offscreen screens of those sizes: each such window is measured in a
process of its own (``tests/ui/window_on_screen.py``), since Qt reads its screens when it
starts."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar, QToolBar, QToolButton, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
#: Claim rows in sight at 1024×640 with the reader and the assistant open.
ROWS_IN_SIGHT = 5


def measure(
    sample_db: Path,
    tmp_path: Path,
    width: int,
    height: int,
    scale: int,
    *,
    then: tuple[int, int] | None = None,
) -> Any:
    """The window measured in a process of its own on a screen of ``width``×``height`` (or,
    ``then``, moved to a second screen of that size beside it)."""
    config = tmp_path / f"screen-{width}x{height}.json"
    screens = [{"name": "first", "x": 0, "y": 0, "width": width, "height": height}]
    if then is not None:
        screens.append({"name": "second", "x": width, "y": 0, "width": then[0], "height": then[1]})
    config.write_text(
        json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1} for screen in screens]})
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    env["QT_SCALE_FACTOR"] = str(scale)
    moving = ["--to-second-screen"] if then is not None else []
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.window_on_screen", str(sample_db), *moving],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def within(frame: list[int], free: list[int]) -> bool:
    return QRect(*free).contains(QRect(*frame))


def test_a_1024_by_640_screen_holds_the_window_with_reader_and_assistant(
    sample_db: Path, tmp_path: Path
) -> None:
    seen = measure(sample_db, tmp_path, 1024, 640, 1)
    assert within(seen["frame"], seen["free"]), seen
    assert seen["minimum"][0] <= 1024 and seen["minimum"][1] <= 640
    assert seen["off_screen"] == []
    assert seen["tabbed"]  # the editor and the assistant share a column
    assert seen["rows"] >= ROWS_IN_SIGHT
    assert seen["columns_wide"] >= 500
    assert seen["hidden_buttons"] == []
    assert seen["cards"] > 5 and seen["overlapping_cards"] == []
    assert seen["reader_title_lines"] == 1


def test_a_large_screen_at_twice_the_scale_holds_the_window(
    sample_db: Path, tmp_path: Path
) -> None:
    seen = measure(sample_db, tmp_path, 2400, 1500, 2)
    assert seen["scale"] == 2.0 and seen["free"][2:] == [1200, 750]
    assert within(seen["frame"], seen["free"]), seen
    assert seen["off_screen"] == []
    assert seen["rows"] >= ROWS_IN_SIGHT
    assert seen["hidden_buttons"] == []
    assert seen["overlapping_cards"] == []


def test_a_window_dragged_to_a_small_screen_fits_it(sample_db: Path, tmp_path: Path) -> None:
    seen = measure(sample_db, tmp_path, 1920, 1080, 1, then=(1024, 640))
    assert seen["free"] == [1920, 0, 1024, 640]
    assert within(seen["frame"], seen["free"]), seen
    assert seen["tabbed"] and seen["hidden_buttons"] == [] and seen["off_screen"] == []


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def open_assistant(qtbot: QtBot, window: MainWindow) -> QWidget:
    window.select_claim(5)
    window.open_current_in_reader()
    window.act.suggest_claims.trigger()
    dock = window.source_tools.dock
    model = window.source_tools.assistant.model
    qtbot.waitUntil(lambda: dock.isVisible() and model.rowCount() > 5, timeout=10_000)
    return dock


def front_tab(window: MainWindow) -> str | None:
    """The tab in front in the right-hand column (None if there are no tabs)."""
    bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible() and bar.count() > 1]
    return bars[0].tabText(bars[0].currentIndex()) if len(bars) == 1 else None


def drag_to_width(qtbot: QtBot, window: MainWindow, width: int) -> None:
    """Narrow the window as a hand on its edge does: in steps, each within the minimum width
    the panes allow at that moment (which falls as they become tabs and fold)."""
    for _ in range(4):
        window.resize(width, window.height())
        qtbot.wait(50)
        if window.width() == width:
            return
    assert window.width() == width


def test_panes_are_tabs_in_a_narrow_window_and_side_by_side_in_a_wide_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1700, 900)
    window.act.show_sidebar.setChecked(True)
    dock = open_assistant(qtbot, window)
    qtbot.waitUntil(lambda: not window.panes.tabbed and dock.isVisible())
    assert window.tabifiedDockWidgets(window.detail_dock) == []
    assert window.sidebar.isVisible() and window.detail.isVisible()
    assert dock.x() > window.detail_dock.x() + window.detail_dock.width() - 1

    drag_to_width(qtbot, window, 1000)
    qtbot.waitUntil(lambda: window.panes.tabbed)
    assert window.tabifiedDockWidgets(window.detail_dock) == [dock]
    qtbot.waitUntil(lambda: front_tab(window) == "Assistant")
    assert not window.sidebar.isVisible() and not window.act.show_sidebar.isChecked()
    assert window.table.width() >= 500
    # The assistant keeps working behind the editor's tab.
    window.detail_dock.raise_()
    qtbot.waitUntil(lambda: front_tab(window) == "Claim")
    assert window.act.show_assistant.isChecked()

    window.resize(1700, 900)
    qtbot.waitUntil(lambda: not window.panes.tabbed)
    assert window.tabifiedDockWidgets(window.detail_dock) == []
    assert window.sidebar.isVisible() and window.act.show_sidebar.isChecked()
    assert window.detail.isVisible() and dock.isVisible()


def test_a_new_claim_brings_the_editors_tab_to_the_front(qtbot: QtBot, window: MainWindow) -> None:
    drag_to_width(qtbot, window, 1000)
    open_assistant(qtbot, window)
    qtbot.waitUntil(lambda: front_tab(window) == "Assistant")
    window.act.new_claim.trigger()
    qtbot.waitUntil(lambda: front_tab(window) == "Claim")
    qtbot.waitUntil(window.detail.editor.text.hasFocus)
    assert window.act.show_assistant.isChecked()


def test_a_sidebar_the_analyst_hid_stays_hidden_in_a_wide_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1000, 640)
    open_assistant(qtbot, window)
    qtbot.waitUntil(lambda: window.panes.tabbed)
    window.act.show_sidebar.setChecked(True)  # shown by hand in the narrow window...
    window.act.show_sidebar.setChecked(False)  # ...and hidden by hand
    window.resize(1700, 900)
    qtbot.waitUntil(lambda: not window.panes.tabbed)
    assert not window.sidebar.isVisible()


def test_every_toolbar_button_is_in_sight_in_a_narrow_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    toolbar = window.findChild(QToolBar)
    assert toolbar is not None
    buttons = [
        (action, toolbar.widgetForAction(action))
        for action in toolbar.actions()
        if not action.isSeparator() and toolbar.widgetForAction(action) is not None
    ]

    def out_of_sight() -> list[str]:
        return [a.text() for a, b in buttons if b is not None and not b.isVisible()]

    def all_in_sight_at(width: int) -> None:
        window.resize(width, 600)
        qtbot.waitUntil(lambda: window.width() == width)
        with contextlib.suppress(TimeoutError):
            qtbot.waitUntil(lambda: not out_of_sight(), timeout=2000)
        assert out_of_sight() == [], width

    for width in (1500, 1000, 760):
        all_in_sight_at(width)
    # A theme with roomier buttons: their widths are measured again.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()
    try:
        app.setStyleSheet(sheet + "\nQToolBar#MainToolbar QToolButton { padding: 4px 16px; }")
        for width in (1000, 760):
            all_in_sight_at(width)
    finally:
        app.setStyleSheet(sheet)
    # Even at 760 pixels the most needed buttons keep their names; the rest say theirs in
    # their tooltips.
    named = {
        action.text().replace("&", "")
        for action, button in buttons
        if isinstance(button, QToolButton)
        and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    }
    assert {"Import Articles…", "New Claim"} <= named, named
    for action, button in buttons:
        if isinstance(button, QToolButton) and action.text().replace("&", "") not in named:
            assert action.toolTip(), action.iconText()


def test_suggestion_cards_do_not_overlap_when_the_panel_narrows(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1000, 640)
    open_assistant(qtbot, window)
    cards = window.source_tools.assistant.panel.list
    model = cards.model()

    def overlapping() -> list[int]:
        return [
            row
            for row in range(model.rowCount() - 1)
            if cards.visualRect(model.index(row, 0)).bottom()
            >= cards.visualRect(model.index(row + 1, 0)).top()
        ]

    for width in (330, 600, 340, 520, 330):
        window.resizeDocks([window.detail_dock], [width], Qt.Orientation.Horizontal)
        qtbot.wait(150)
        assert overlapping() == [], width


def test_an_empty_views_labels_do_not_overlap_in_a_short_pane(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1000, 640)
    window.select_claim(5)
    window.open_current_in_reader()
    window.filter_bar.search.setText("zzzqqq nowhere")
    wait_loaded(qtbot, window)
    state = window.table.empty_state
    qtbot.waitUntil(state.isVisible)
    splitter = window.center_splitter
    for table_height in range(400, 100, -10):
        total = sum(splitter.sizes())
        splitter.setSizes([table_height, total - table_height])
        qtbot.wait(30)
        shown = [w for w in state.findChildren(QWidget) if w.isVisible()]
        if table_height == 400:
            assert len(shown) == 4  # picture, title, text, Clear Filters
        if state.height() >= 3 * state.title.sizeHint().height():
            assert state.title in shown
        rects = [w.geometry() for w in shown]
        for i, (widget, rect) in enumerate(zip(shown, rects, strict=True)):
            # Each part has the height its text needs: none is drawn over another.
            needs = (
                widget.heightForWidth(rect.width())
                if widget.hasHeightForWidth()
                else widget.sizeHint().height()
            )
            assert rect.height() >= needs, (table_height, widget, rect.height(), needs)
            assert state.rect().contains(rect), (table_height, widget)
            assert not any(rect.intersects(other) for other in rects[i + 1 :]), table_height


def test_the_assistant_keeps_reading_while_the_panes_are_rearranged(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sample_db: Path, tmp_path: Path
) -> None:
    from claimtracker.assistant.chunked import CHUNK_CHARS
    from tests.ui.held_reading import HeldReading
    from tests.ui.test_quitting import add_source, long_article

    source_id = add_source(sample_db, long_article(tmp_path, 4 * CHUNK_CHARS))
    window = make_window(sample_db)
    assistant = window.source_tools.assistant
    held = HeldReading(assistant._tasks)
    try:
        window.resize(1700, 900)
        window.open_reader(source_id)
        window.source_tools.suggest_claims()
        progress = assistant.panel.progress
        qtbot.waitUntil(lambda: progress.bar.value() > 0, timeout=30_000)
        started: list[object] = []
        assistant._tasks.started.connect(started.append)
        drag_to_width(qtbot, window, 1000)
        qtbot.waitUntil(lambda: window.panes.tabbed)
        window.resize(1700, 900)
        qtbot.waitUntil(lambda: not window.panes.tabbed)
        qtbot.wait(50)
        assert assistant.busy and not progress.stopped
        assert started == []  # the same reading goes on: not cancelled and begun again
    finally:
        held.release()
    qtbot.waitUntil(lambda: not assistant.busy, timeout=30_000)
    assert assistant.model.state is not None and assistant.model.rowCount() > 0


def test_the_view_menu_brings_a_pane_behind_a_tab_to_the_front(
    qtbot: QtBot, window: MainWindow
) -> None:
    drag_to_width(qtbot, window, 1000)
    dock = open_assistant(qtbot, window)
    qtbot.waitUntil(lambda: front_tab(window) == "Assistant")
    window.act.show_detail.trigger()  # Ctrl+2: the editor is behind the assistant's tab
    qtbot.waitUntil(lambda: front_tab(window) == "Claim")
    assert window.act.show_detail.isChecked() and window.act.show_assistant.isChecked()
    window.act.show_assistant.trigger()  # Ctrl+4: the assistant is behind the editor's tab
    qtbot.waitUntil(lambda: front_tab(window) == "Assistant")
    assert window.act.show_assistant.isChecked() and not dock.isHidden()
    window.act.show_assistant.trigger()  # in front: Ctrl+4 closes it
    qtbot.waitUntil(dock.isHidden)
    assert not window.act.show_assistant.isChecked() and window.detail.isVisible()


def test_closing_the_assistant_gives_its_room_back_to_the_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1700, 900)
    qtbot.waitUntil(lambda: window.table.width() > 900)
    qtbot.wait(50)
    table_before = window.table.width()
    dock = open_assistant(qtbot, window)
    qtbot.waitUntil(lambda: not window.panes.tabbed and window.table.width() < table_before)
    window.act.show_assistant.setChecked(False)
    qtbot.waitUntil(dock.isHidden)
    qtbot.waitUntil(lambda: window.table.width() >= table_before - 40)
    assert window.detail_dock.width() <= 430
