"""A stale edit — the claim was changed elsewhere after the editor loaded it — is asked about,
never saved over the other change silently; both answers work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.query import fetch_row
from claimtracker.schemas import ClaimUpdate
from claimtracker.store import Store
from tests.ui.helpers import when_modal
from ui.main_window import MainWindow
from ui.safety.conflicts import ConflictDialog


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    qtbot_wait_store(window)
    window.safety.external.stop()  # the editor must not learn of the change before saving
    return window


def qtbot_wait_store(window: MainWindow) -> None:
    assert window.project is not None
    window.project.store  # noqa: B018 (waits for the Store the edit goes through)


def change_elsewhere(path: Path, claim_id: int, **values: object) -> None:
    """A second program (here a second Store) saves the claim."""
    with Store.open(path) as elsewhere, elsewhere.write() as session:
        services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(**values),  # type: ignore[arg-type]
        )


def type_notes(window: MainWindow, text: str) -> None:
    notes = window.detail.editor.notes
    notes.setFocus()
    notes.setPlainText(text)
    notes.commit()


def saved(window: MainWindow, claim_id: int) -> object:
    assert window.project is not None
    row = fetch_row(window.project.reader, claim_id)
    assert row is not None
    return row


def texts(dialog: ConflictDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_use_mine_saves_over_their_change_and_undo_brings_theirs_back(
    qtbot: QtBot, window: MainWindow, sample_db: Path
) -> None:
    claim_id = window.claims.claim_id(2)
    window.select_claim(claim_id)
    loaded = window.detail.editor.row
    assert loaded is not None
    change_elsewhere(sample_db, claim_id, notes="Their notes", status="verified")

    seen: list[list[str]] = []

    def use_mine(dialog: ConflictDialog) -> None:
        seen.append(texts(dialog))
        dialog.use_mine_button.click()

    when_modal(ConflictDialog, use_mine)
    type_notes(window, "My notes")
    assert seen, "the user was asked"
    assert f"Claim #{claim_id} was changed elsewhere" in seen[0]
    assert "Their notes" in seen[0] and "My notes" in seen[0] and "Notes" in seen[0]
    row = saved(window, claim_id)
    assert row.notes == "My notes"  # type: ignore[attr-defined]
    assert row.status == "verified"  # type: ignore[attr-defined]  # their other change stays
    assert row.version == loaded.version + 2  # type: ignore[attr-defined]
    assert window.undo_stack.undoText() == f"Edit notes of #{claim_id}"
    assert window.detail.editor.row is not None and window.detail.editor.row.notes == "My notes"

    window.act.undo.trigger()
    assert saved(window, claim_id).notes == "Their notes"  # type: ignore[attr-defined]
    window.act.redo.trigger()
    assert saved(window, claim_id).notes == "My notes"  # type: ignore[attr-defined]


def test_keep_theirs_drops_the_edit_and_shows_what_is_saved(
    qtbot: QtBot, window: MainWindow, sample_db: Path
) -> None:
    claim_id = window.claims.claim_id(4)
    window.select_claim(claim_id)
    editor = window.detail.editor
    assert editor.row is not None
    change_elsewhere(sample_db, claim_id, status="false")
    asked = when_modal(ConflictDialog, lambda dialog: dialog.keep_theirs_button.click())
    count = window.undo_stack.count()
    editor.status.setCurrentIndex(editor.status.findData("verified"))
    editor.status.activated.emit(editor.status.currentIndex())
    assert asked
    assert [value.theirs for value in asked[0].conflict.values] == ["False"]
    assert [value.mine for value in asked[0].conflict.values] == ["Verified"]
    assert saved(window, claim_id).status == "false"  # type: ignore[attr-defined]
    assert window.undo_stack.count() == count  # nothing to undo: nothing was saved
    assert editor.row is not None and editor.row.status == "false"
    assert editor.status.code() == "false"
    row = window.claims.claim_row(window.claims.row_of(claim_id))  # type: ignore[arg-type]
    assert row is not None and row.status == "false"
    # The next edit goes onto the version saved now, without a question.
    type_notes(window, "After the conflict")
    assert saved(window, claim_id).notes == "After the conflict"  # type: ignore[attr-defined]
