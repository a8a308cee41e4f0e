"""Backups that are promised exist: before an import, and on quit after work.

A session that worked, imported articles and quit used to show "No backups yet": the article
import made none, and once the database could not tell what had changed (after the "disk I/O
error" of issue 9) the timer and the quit skipped theirs without a word.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from claimtracker.safety.backup import list_backups
from tests.ui.conftest import wait_loaded


def test_an_import_and_a_quit_leave_backups_the_dialog_lists(
    qtbot: QtBot, make_window: object, sample_db: Path, tmp_path: Path
) -> None:
    from ui.main_window import MainWindow
    from ui.safety.backups_dialog import BackupsDialog

    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.project is not None and window.project.store_loaded)
    assert list_backups(sample_db) == []
    article = tmp_path / "statement.txt"
    article.write_text("Statement\n\nA spokesman said the talks would resume.\n", encoding="utf-8")
    window.files.import_articles([article])
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=15_000)
    wait_loaded(qtbot, window)
    assert [b.reason for b in list_backups(sample_db)] == ["before-import"]

    window.select_claim(window.claims.claim_id(0))
    window.detail.editor.notes.setPlainText("typed before quitting")
    window.close()
    window.ops.wait()
    assert [b.reason for b in list_backups(sample_db)] == ["close", "before-import"]

    dialog = BackupsDialog(sample_db.resolve())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert "No backups yet" not in dialog.where.text()
