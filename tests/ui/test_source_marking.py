"""A source's marking, set in its details dialog (undoable), shown on its claims' badges."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from claimtracker.query import fetch_row
from claimtracker.query.reading import source_details
from tests.ui.helpers import when_modal
from ui.main_window import MainWindow
from ui.sources.details_dialog import SourceDetailsDialog


def test_a_source_marking_is_set_undone_and_shown_on_its_claims(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    project = window.project
    assert project is not None
    claim = fetch_row(project.reader, 1)
    assert claim is not None and claim.tlp is None
    window.select_claim(claim.id)
    badges = window.detail.badges
    qtbot.waitUntil(lambda: bool(badges.texts()))
    assert "AMBER" not in badges.texts()

    def mark(dialog: SourceDetailsDialog) -> None:
        assert dialog.marking.code() is None
        dialog.marking.setCurrentIndex(dialog.marking.findData("amber"))
        dialog.ok_button.click()

    seen = when_modal(SourceDetailsDialog, mark)
    window.sidebar.editSourceRequested.emit(claim.source_id)
    assert seen
    assert source_details(project.reader, claim.source_id).tlp == "amber"
    assert window.undo_stack.undoText().startswith("Set marking of ")
    assert window.undo_stack.undoText().endswith("to “TLP:AMBER”")
    qtbot.waitUntil(lambda: "AMBER" in badges.texts())

    window.act.undo.trigger()
    assert source_details(project.reader, claim.source_id).tlp is None
    qtbot.waitUntil(lambda: "AMBER" not in badges.texts())

    # Opened again, the dialog shows the marking in force and can clear it.
    window.act.redo.trigger()
    qtbot.waitUntil(lambda: "AMBER" in badges.texts())

    def clear(dialog: SourceDetailsDialog) -> None:
        assert dialog.marking.code() == "amber"
        dialog.marking.setCurrentIndex(0)
        dialog.ok_button.click()

    when_modal(SourceDetailsDialog, clear)
    window.sidebar.editSourceRequested.emit(claim.source_id)
    assert source_details(project.reader, claim.source_id).tlp is None
    assert window.undo_stack.undoText().startswith("Clear marking of ")
    qtbot.waitUntil(lambda: "AMBER" not in badges.texts())
