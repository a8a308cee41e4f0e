"""A damaged file on open offers its newest good backup (and the restore opens); a full disk
during an edit keeps what the user typed, and "Try again" saves it once there is space."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from claimtracker.query import fetch_row
from tests.ui.conftest import wait_loaded
from tests.ui.helpers import when_modal
from ui.main_window import MainWindow
from ui.safety.damaged_database import DamagedDatabaseDialog


def zero_the_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"\x00" * 100)


def test_a_damaged_file_offers_the_newest_good_backup_and_opens_it_restored(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    from claimtracker.safety.backup import make_backup

    backup = make_backup(sample_db, reason="manual")
    zero_the_header(sample_db)
    window: MainWindow = make_window()  # type: ignore[operator]
    shown: list[str] = []

    def restore(dialog: DamagedDatabaseDialog) -> None:
        shown.extend(label.text() for label in dialog.findChildren(QLabel))
        assert dialog.restore_button is not None
        shown.append(dialog.restore_button.text())
        dialog.restore_button.click()

    when_modal(DamagedDatabaseDialog, restore)
    assert window.open_project(str(sample_db))
    assert "sample.db cannot be opened" in shown
    assert any(str(sample_db) in text and "Its header is zeroed" in text for text in shown)
    made = backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"Restore the newest good backup ({made}, " in shown[-1]
    wait_loaded(qtbot, window)
    assert window.project is not None and window.project.path == sample_db.resolve()
    assert window.claims.rowCount() == 14
    kept = [p for p in sample_db.parent.iterdir() if p.name.startswith("sample.replaced-")]
    assert len(kept) == 1 and kept[0].read_bytes()[:100] == b"\x00" * 100  # kept aside, as it was
    assert "the damaged file is kept as sample.replaced-" in window.status.currentMessage()


def test_without_a_backup_another_database_can_be_opened(
    qtbot: QtBot,
    make_window: object,
    sample_db: Path,
    empty_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    zero_the_header(sample_db)
    window: MainWindow = make_window()  # type: ignore[operator]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(empty_db), ""))

    def open_another(dialog: DamagedDatabaseDialog) -> None:
        assert dialog.restore_button is None
        dialog.open_other_button.click()

    seen = when_modal(DamagedDatabaseDialog, open_another)
    assert window.open_project(str(sample_db))
    assert seen
    assert window.project is not None and window.project.path == empty_db.resolve()


def test_a_full_disk_keeps_the_typed_value_and_try_again_saves_it(
    qtbot: QtBot, make_window: object, sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtracker import services

    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    claim_id = window.claims.claim_id(1)
    window.select_claim(claim_id)
    assert window.project is not None
    before = fetch_row(window.project.reader, claim_id)
    assert before is not None
    undo_count = window.undo_stack.count()

    def disk_full(**_kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services, "update_claim", disk_full)
    try:
        type_while_the_disk_is_full(qtbot, window, claim_id, before.notes, undo_count, monkeypatch)
    finally:
        window.safety.pending.clear()  # closing would otherwise ask about it


def type_while_the_disk_is_full(
    qtbot: QtBot,
    window: MainWindow,
    claim_id: int,
    saved_notes: str | None,
    undo_count: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor, bar = window.detail.editor, window.safety.save_problem_bar
    assert window.project is not None
    editor.notes.setFocus()
    editor.notes.setPlainText("Typed while the disk was full")
    editor.notes.commit()

    assert bar.isVisible()
    assert "Not saved:" in bar.heading.text() and f"notes of #{claim_id}" in bar.heading.text()
    assert "is full" in bar.message.text() and "free some space" in bar.message.text().lower()
    assert editor.notes.toPlainText() == "Typed while the disk was full"  # not lost
    assert fetch_row(window.project.reader, claim_id).notes == saved_notes  # type: ignore[union-attr]
    assert window.undo_stack.count() == undo_count

    # More typing while the disk is still full joins the same kept change.
    editor.notes.setPlainText("Typed while the disk was full, and more")
    editor.notes.commit()
    bar.try_again_button.click()
    assert bar.isVisible() and len(window.safety.pending) == 1

    monkeypatch.undo()  # space is free again
    bar.try_again_button.click()
    assert not bar.isVisible()
    row = fetch_row(window.project.reader, claim_id)
    assert row is not None and row.notes == "Typed while the disk was full, and more"
    assert window.undo_stack.undoText() == f"Edit notes of #{claim_id}"
    assert editor.notes.toPlainText() == "Typed while the disk was full, and more"
    window.act.undo.trigger()
    assert fetch_row(window.project.reader, claim_id).notes == saved_notes  # type: ignore[union-attr]
