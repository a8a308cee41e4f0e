"""Changes another program makes to the open file show up: table, sidebar counts, detail pane —
without losing the user's selection or scroll position."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.store import Store
from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow

EXTRA_CLAIMS = 120


@pytest.fixture
def big_db(sample_db: Path) -> Path:
    """The sample with enough claims to scroll."""
    with Store.open(sample_db) as store, store.write() as session:
        for number in range(EXTRA_CLAIMS):
            services.create_claim(
                session=session, claim_in=ClaimCreate(text=f"Filler claim number {number}")
            )
    return sample_db


@pytest.fixture
def window(make_window: object, big_db: Path) -> MainWindow:
    window: MainWindow = make_window(big_db)  # type: ignore[operator]
    window.safety.external.timer.setInterval(50)  # look often, to keep the test short
    return window


def wait_watching(qtbot: QtBot, window: MainWindow) -> None:
    """Until the window knows where the history stands (after the Store opened)."""
    qtbot.waitUntil(lambda: window.safety.external._seen is not None, timeout=10_000)


def test_a_change_made_elsewhere_shows_up_and_the_view_stays_where_it_was(
    qtbot: QtBot, window: MainWindow, big_db: Path
) -> None:
    wait_watching(qtbot, window)
    claims, table = window.claims, window.table
    total = claims.rowCount()
    qtbot.waitUntil(lambda: window.library.total_live == total)
    current = claims.claim_id(90)
    window.select_claim(current)
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0
    trashed = claims.claim_id(3)

    with Store.open(big_db) as elsewhere, elsewhere.write() as session:
        services.update_claim(
            session=session, claim_id=current, changes=ClaimUpdate(status="verified", notes="CLI")
        )
        services.create_claim(session=session, claim_in=ClaimCreate(text="Made on the CLI"))
        services.delete_claim(session=session, claim_id=trashed)

    with qtbot.waitSignal(window.safety.external.changesSeen, timeout=5000):
        pass
    wait_loaded(qtbot, window)
    qtbot.waitUntil(lambda: claims.rowCount() == total)  # one more, one fewer
    assert claims.row_of(trashed) is None
    assert claims.claim_row(claims.rowCount() - 1).text == "Made on the CLI"  # type: ignore[union-attr]
    row = claims.claim_row(claims.row_of(current))  # type: ignore[arg-type]
    assert row is not None and row.status == "verified"
    # The pane shows what is saved now, the selection and the scroll position are kept.
    editor = window.detail.editor
    assert editor.row is not None and editor.row.id == current and editor.row.notes == "CLI"
    assert editor.notes.toPlainText() == "CLI"
    assert table.selected_ids() == [current]
    assert table.verticalScrollBar().value() == scrolled
    # The sidebar counts follow.
    qtbot.waitUntil(lambda: window.library.trash_count == 1)
    assert window.library.total_live == total


def test_the_window_looks_when_it_is_activated_and_reloads_after_a_bulk_change(
    qtbot: QtBot, window: MainWindow, big_db: Path
) -> None:
    wait_watching(qtbot, window)
    external = window.safety.external
    external.timer.stop()  # only activation, in this test
    claims, table = window.claims, window.table
    current = claims.claim_id(60)
    window.select_claim(current)
    selection = table.selectionModel()
    selection.select(
        claims.index(61, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
    )
    selected = table.selected_ids()
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0 and len(selected) == 2

    with Store.open(big_db) as elsewhere, elsewhere.write() as session:
        # More entries than are listed one by one: the views read everything again.
        steps = [ClaimUpdate(status="false"), ClaimUpdate(notes="bulk"), ClaimUpdate(notes="")]
        for changes in [*steps, ClaimUpdate(descriptor="officials")]:
            for claim_id in claims.ids:
                services.update_claim(session=session, claim_id=claim_id, changes=changes)

    with qtbot.waitSignal(external.changesSeen, timeout=5000) as seen:
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert seen.args == [500]
    wait_loaded(qtbot, window)
    qtbot.waitUntil(
        lambda: claims.claim_row(0) is not None and claims.claim_row(0).status == "false"
    )  # type: ignore[union-attr]
    assert table.selected_ids() == selected
    assert table.verticalScrollBar().value() == scrolled
    assert window.detail.many_title.text() == "2 claims selected"
    # Nothing more to see: the next look announces nothing.
    with qtbot.waitSignal(external.checked, timeout=5000):
        external.check_now()
    with qtbot.assertNotEmitted(external.changesSeen, wait=100):
        external.check_now()
