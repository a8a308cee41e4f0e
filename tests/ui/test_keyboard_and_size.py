"""A desk tool by keyboard and at every size: Tab leaves the table, window commands work from the
search box, Esc closes the side-by-side view, the toolbar keeps its buttons whatever Undo says,
windows open within the screen, and the history tells changes a second apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QKeyCombination, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QToolBar
from pytestqt.qtbot import QtBot

from tests.ui.helpers import activate
from ui.help_dialogs import PANE_SHORTCUTS
from ui.main_window import MainWindow


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def test_tab_leaves_the_table_without_changing_the_claim(qtbot: QtBot, window: MainWindow) -> None:
    table = window.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    window.select_claim(4)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    assert window.table.current_claim_id() == 4


CTRL_E = QKeyCombination(Qt.Modifier.CTRL, Qt.Key.Key_E)


class X11LineEdit(QLineEdit):
    """A text field as on Linux/X11, where QLineEdit claims Ctrl+E (end of line) for itself.

    The offscreen platform's key scheme has no such binding, so the tests model it."""

    def event(self, event: QEvent) -> bool:
        overriding = event.type() == QEvent.Type.ShortcutOverride
        if overriding and isinstance(event, QKeyEvent) and event.keyCombination() == CTRL_E:
            event.accept()
            return True
        return super().event(event)


def test_ctrl_e_exports_while_a_text_field_has_focus(qtbot: QtBot, window: MainWindow) -> None:
    field = X11LineEdit(window.filter_bar)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    window.act.export_csv.triggered.disconnect()  # the dialog itself is tested elsewhere
    with qtbot.waitSignal(window.act.export_csv.triggered, timeout=2000):
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    # Keys that are the field's own still edit its text.
    qtbot.keyClicks(field, "warn")
    assert field.text() == "warn"


def test_escape_closes_the_side_by_side_view(qtbot: QtBot, window: MainWindow) -> None:
    window.select_claim(5)
    window.act.side_by_side.trigger()
    view = window.side_by_side
    qtbot.waitUntil(view.isVisible)
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible())


def test_windows_open_within_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    window.act.side_by_side.trigger()
    view = window.side_by_side
    qtbot.waitUntil(view.isVisible)
    for shown in (view,):
        frame = shown.frameGeometry()
        assert frame.width() <= screen.width() and frame.height() <= screen.height()
        assert screen.contains(frame.topLeft())


def test_the_toolbar_keeps_its_buttons_when_undo_names_a_long_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1280, 800)
    window.select_claim(1)
    editor = window.detail.editor
    editor.event_on.edit.setText("2018-09-01")
    editor.event_on.edit.editingFinished.emit()
    assert window.act.undo.text() == "&Undo Set event date of #1 to 2018-09-01"
    assert window.act.undo.toolTip().startswith("Undo Set event date of #1")
    toolbar = window.findChild(QToolBar)
    assert toolbar is not None
    undo_button = toolbar.widgetForAction(window.act.undo)
    assert undo_button is not None and undo_button.text() == "Undo"
    for action in (window.act.side_by_side, window.act.delete, window.act.export_csv):
        button = toolbar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()


def test_history_times_are_to_the_second(qtbot: QtBot, window: MainWindow) -> None:
    from ui.safety.history.loading import load_history

    editor = window.detail.editor
    window.select_claim(1)
    editor.event_on.edit.setText("2018-09-01")
    editor.event_on.edit.editingFinished.emit()
    project = window.project
    assert project is not None
    page = load_history(project.store, "claim", 1)
    assert page.rows
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row.when) for row in page.rows)


def test_f1_opens_the_user_guide_whose_keys_are_the_apps(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.table, Qt.Key.Key_F1)
    guide = window._user_guide
    assert guide is not None
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    assert "Finding claims" in text and "Keeping the work safe" in text
    native = QKeySequence.SequenceFormat.NativeText
    known = {key.toString(native) for action in window.act.all() for key in action.shortcuts()} | {
        keys for _, both in PANE_SHORTCUTS for keys in both.split(" / ")
    }
    table = text[text.index("The keyboard") :]
    for keys in re.findall(r"\b((?:Ctrl\+)(?:Shift\+)?(?:Return|[A-Z0-9/]))\b", table):
        assert keys in known, keys


def test_triage_sets_the_status_with_one_key_and_moves_on(qtbot: QtBot, window: MainWindow) -> None:
    window.select_claim(5)
    window.act.side_by_side.trigger()
    view = window.side_by_side
    qtbot.waitUntil(lambda: view.isVisible() and len(view.dispute_ids) > 1)
    activate(qtbot, view)
    first = view.claim_id
    assert view.verdict_actions[view.dispute.claim.status].isChecked()  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_V)
    assert window.undo_stack.undoText() == f"Set status of #{first} to Verified"
    qtbot.waitUntil(lambda: view.claim_id != first)
    window.undo_stack.undo()
    window.undo_stack.redo()
    view.show_claim(first)
    assert view.dispute is not None and view.dispute.claim.status == "verified"
    assert view.verdict_actions["verified"].isChecked()


def test_claim_boxes_grow_with_their_text(qtbot: QtBot, window: MainWindow) -> None:
    window.select_claim(5)
    notes = window.detail.editor.notes
    short = notes.height()
    assert not notes.verticalScrollBar().isVisible()
    notes.setPlainText("\n".join(f"line {n}" for n in range(8)))
    qtbot.waitUntil(lambda: notes.height() > short and not notes.verticalScrollBar().isVisible())
    notes.setPlainText("\n".join(f"line {n}" for n in range(40)))
    capped = notes.fontMetrics().lineSpacing() * notes.MAX_LINES
    qtbot.waitUntil(lambda: notes.height() >= capped)
    assert notes.height() < capped + 4 * notes.fontMetrics().lineSpacing()


def test_a_new_claims_text_is_focused_and_in_view(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1280, 700)
    window.select_claim(5)
    pane = window.detail
    pane.scroll_area.verticalScrollBar().setValue(pane.scroll_area.verticalScrollBar().maximum())
    window.act.new_claim.trigger()
    text = pane.editor.text
    qtbot.waitUntil(text.hasFocus)
    qtbot.wait(50)
    top_left = text.mapTo(pane.scroll_area.viewport(), text.rect().topLeft())
    assert 0 <= top_left.y() < pane.scroll_area.viewport().height()
    assert text.textCursor().selectedText() == "New claim"


def test_no_two_commands_share_a_key(window: MainWindow) -> None:
    # An ambiguous shortcut does nothing at all in Qt: both commands would lose their key.
    native = QKeySequence.SequenceFormat.NativeText
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.parent() is not window and action not in window.actions():
            continue
        for key in action.shortcuts():
            name = key.toString(native)
            assert name not in seen or seen[name] == action.text(), (
                f"{name}: {seen.get(name)} and {action.text()}"
            )
            seen[name] = action.text()
    assert len(seen) > 20
