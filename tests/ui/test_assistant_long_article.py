"""The assistant on a long article (issue 9, item 4): progress while it reads, Cancel that
stops it, Suggest Again, hiding the panel stops it, and a text too long is declined."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from claimtracker.assistant.chunked import CHUNK_CHARS, MAX_CHARS
from tests.ui.held_reading import HeldReading
from tests.ui.test_quitting import add_source, long_article
from ui.main_window import MainWindow


def open_suggestions(qtbot: QtBot, window: MainWindow, source_id: int) -> None:
    window.open_reader(source_id)
    qtbot.waitUntil(lambda: window.reader.source_id == source_id)
    window.source_tools.suggest_claims()


def test_a_long_article_shows_progress_and_cancel_stops_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sample_db: Path, tmp_path: Path
) -> None:
    source_id = add_source(sample_db, long_article(tmp_path, 30 * CHUNK_CHARS))
    window = make_window(sample_db)
    held = HeldReading(window.source_tools.assistant._tasks)
    try:
        open_suggestions(qtbot, window, source_id)
        check_progress_cancel_and_again(qtbot, window, held)
    finally:
        held.release()


def check_progress_cancel_and_again(qtbot: QtBot, window: MainWindow, held: HeldReading) -> None:
    assistant = window.source_tools.assistant
    panel = assistant.panel
    progress = panel.progress
    assert panel.stack.currentWidget() is progress
    qtbot.waitUntil(lambda: progress.bar.value() > 0, timeout=30_000)
    assert progress.bar.maximum() >= 30 * CHUNK_CHARS // 1000
    assert "Reading the article (" in progress.text.text()
    assert "characters), part by part" in progress.text.text()
    assert progress.button.text() == "Cancel"
    qtbot.waitUntil(progress.button.isVisible, timeout=10_000)

    progress.button.click()
    assert progress.stopped and progress.button.text() == "Suggest Again"
    assert "Stopped before the assistant finished" in progress.text.text()
    held.release()  # the reading goes on to its next part, sees the cancel and stops
    qtbot.waitUntil(lambda: not assistant.busy, timeout=10_000)
    assert assistant.model.state is None  # nothing half-read is offered

    # Suggest Again reads from the start; hiding the panel stops it again.
    held.hold_again()
    progress.button.click()
    assert not progress.stopped and assistant.busy
    qtbot.waitUntil(lambda: progress.bar.value() > 0, timeout=30_000)
    window.act.show_assistant.setChecked(False)
    held.release()
    qtbot.waitUntil(lambda: not assistant.busy, timeout=10_000)
    assert assistant.model.state is None


def test_a_text_longer_than_the_assistant_reads_is_declined(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sample_db: Path, tmp_path: Path
) -> None:
    source_id = add_source(sample_db, long_article(tmp_path, MAX_CHARS + 10_000))
    window = make_window(sample_db)
    assistant = window.source_tools.assistant
    open_suggestions(qtbot, window, source_id)
    qtbot.waitUntil(lambda: not assistant.busy, timeout=30_000)
    panel = assistant.panel
    assert panel.stack.currentWidget() is panel.message
    assert f"the assistant reads texts of up to {MAX_CHARS:,} characters" in panel.message.text()
