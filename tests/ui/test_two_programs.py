"""A second app window on the same project, in a process of its own (issue 9, item 3): each
window says the other has it open, and each sees the other's changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from claimtracker.safety.presence import others_using
from tests.ui.other_app import OtherApp
from ui.main_window import MainWindow


@pytest.fixture
def other_app(tmp_path: Path) -> Iterator[Callable[[Path], OtherApp]]:
    started: list[OtherApp] = []

    def start(db: Path) -> OtherApp:
        app = OtherApp(db, tmp_path / "other")
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()


def test_a_second_window_is_noticed_and_both_see_each_others_changes(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    sample_db: Path,
    other_app: Callable[[Path], OtherApp],
) -> None:
    window = make_window(sample_db)
    notice = window.safety.presence
    assert notice.registered and not notice.bar.isVisible()
    rows = window.claims.rowCount()
    # The watcher of other programs' changes has taken its first look.
    external = window.safety.external
    qtbot.waitUntil(lambda: external.watching, timeout=10_000)
    with qtbot.waitSignal(external.checked, timeout=10_000):
        external.check_now()

    other = other_app(sample_db)
    notice.look()
    assert [h.pid for h in notice.others] == [other.pid]
    assert notice.bar.isVisible()
    text = notice.bar.message.text()
    assert "also open in another ClaimTracker window (pid" in text
    assert f"pid {other.pid}" in text
    assert "changes saved there appear here" in text

    # A claim made there appears here.
    created = int(other.ask("new-claim", "created").split()[1])
    assert created > 0
    external.check_now()
    qtbot.waitUntil(lambda: window.claims.rowCount() == rows + 1, timeout=10_000)
    assert created in [window.claims.claim_id(r) for r in range(window.claims.rowCount())]

    # A claim made here appears there (its watcher looks, then counts its rows).
    window.new_claim()
    assert other.ask("count", "rows") == f"rows {rows + 2}"

    # The other window quits: the notice goes.
    other.send("quit")
    assert other.wait(timeout=60) == 0
    notice.look()
    assert notice.others == [] and not notice.bar.isVisible()


def test_the_notice_can_be_hidden_and_comes_back_for_someone_new(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    sample_db: Path,
    other_app: Callable[[Path], OtherApp],
) -> None:
    window = make_window(sample_db)
    notice = window.safety.presence
    first = other_app(sample_db)
    notice.look()
    notice.bar.close_button.click()
    assert not notice.bar.isVisible()
    notice.look()
    assert not notice.bar.isVisible()  # the same program: stays hidden
    second = other_app(sample_db)
    notice.look()
    assert notice.bar.isVisible()
    assert "2 other programs" in notice.bar.message.text()
    assert f"pid {first.pid}" in notice.bar.message.text()
    assert f"pid {second.pid}" in notice.bar.message.text()


def test_a_running_command_is_named(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sample_db: Path
) -> None:
    from claimtracker.cli.context import AppState

    window = make_window(sample_db)
    notice = window.safety.presence
    state = AppState(str(sample_db))
    state.store()  # what every command does first (here without a click context)
    try:
        notice.look()
        assert notice.bar.isVisible()
        assert "also open in the command line: claimtracker command (pid" in (
            notice.bar.message.text()
        )
    finally:
        state.close()
    notice.look()
    assert not notice.bar.isVisible()


def test_a_killed_window_is_forgotten_and_closing_unregisters(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    sample_db: Path,
    other_app: Callable[[Path], OtherApp],
) -> None:
    window = make_window(sample_db)
    other = other_app(sample_db)
    notice = window.safety.presence
    notice.look()
    assert notice.bar.isVisible()
    other.stop()  # SIGKILL: no chance to unregister
    notice.look()
    assert not notice.bar.isVisible()
    window.close()
    assert others_using(sample_db) == []
