"""A claim's history (with its links), a source's and an actor's, and "Restore this value"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow
from ui.safety.history.history_dialog import HistoryDialog
from ui.safety.history.history_model import FROM, TO, WHAT, WHO


@pytest.fixture(autouse=True)
def analyst() -> None:
    from claimtracker.journal.analyst import set_analyst_name

    set_analyst_name("Jane Analyst")


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def open_history(qtbot: QtBot, window: MainWindow, kind: str, record_id: int) -> HistoryDialog:
    dialog = window.safety.history.show(kind, record_id)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page is not None and not dialog._loading)
    return dialog


def cells(dialog: HistoryDialog, row: int) -> list[str]:
    model = dialog.model
    return [str(model.index(row, column).data()) for column in range(model.columnCount())]


def test_a_claims_history_shows_its_changes_and_its_links_and_restores_a_value(
    qtbot: QtBot, window: MainWindow
) -> None:
    claim_id = window.claims.claim_id(0)
    window.select_claim(claim_id)
    editor = window.detail.editor
    before = editor.row.status if editor.row else ""
    editor.status.setCurrentIndex(editor.status.findData("disputed"))
    editor.status.activated.emit(editor.status.currentIndex())
    editor.notes.setFocus()
    editor.notes.setPlainText("Checked against the ministry's statement")
    editor.notes.commit()
    other = window.claims.claim_id(1)
    assert window.editing.link(claim_a_id=claim_id, claim_b_id=other, relation="denies", note=None)

    # From the pane's History button, the Claim menu and the table's menu alike.
    qtbot.waitUntil(window.safety.actions.claim_history.isEnabled)
    window.safety.actions.claim_history.trigger()
    dialog = window.safety.history.dialogs()[0]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page is not None)
    assert dialog.title.text() == f"History of claim #{claim_id}"
    rows = [cells(dialog, row) for row in range(dialog.model.rowCount())]
    assert rows[0][WHAT] == f"Link with #{other} (denies) · Created"
    assert rows[1][WHAT] == "Notes" and rows[1][TO] == "Checked against the ministry's statement"
    assert rows[2][WHAT] == "Status" and rows[2][FROM] != "Disputed" and rows[2][TO] == "Disputed"
    assert {row[WHO] for row in rows[:3]} == {"Jane Analyst"}
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)

    # Created rows cannot be put back; a changed field can, and the button says to what.
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(2)
    assert dialog.restore_button.isEnabled()
    assert dialog.before.toPlainText() == rows[2][FROM]
    assert dialog.restore_button.text().startswith("Restore “")
    with qtbot.waitSignal(dialog.loaded):
        dialog.restore_button.click()
    assert editor.row is not None and editor.row.status == before
    assert window.claims.claim_row(0).status == before  # type: ignore[union-attr]
    assert window.undo_stack.undoText().startswith(f"Restore status of claim #{claim_id}")
    newest = cells(dialog, 0)
    assert newest[WHAT] == "Status" and newest[TO] == rows[2][FROM]
    assert "restored the value before change" in dialog.model.history_row(0).note  # type: ignore[union-attr]

    # Undo puts the value the field had when the button was pressed back, redo restores again.
    window.act.undo.trigger()
    assert editor.row is not None and editor.row.status == "disputed"
    window.act.redo.trigger()
    assert editor.row is not None and editor.row.status == before

    window.close_project()
    assert not window.safety.history.dialogs()


def test_a_sources_and_an_actors_history_open_from_the_sidebar(
    qtbot: QtBot, window: MainWindow
) -> None:
    from claimtracker import services
    from claimtracker.schemas import ActorUpdate, SourceUpdate

    assert window.project is not None
    qtbot.waitUntil(lambda: bool(window.sidebar.model.entries("actor")))
    source = window.sidebar.model.entries("source")[0]
    actor = next(e for e in window.sidebar.model.entries("actor") if e.label == "Sergei Ryabkov")
    with window.project.write() as session:
        services.update_source(
            session=session, source_id=source.key, changes=SourceUpdate(byline="Jane Doe")
        )
        services.update_actor(
            session=session, actor_id=actor.key, changes=ActorUpdate(reliability="B")
        )

    window.sidebar.historyRequested.emit("source", source.key)
    sources = open_history(qtbot, window, "source", source.key)
    assert sources.title.text() == f"History of source #{source.key}"
    assert sources.subtitle.text().startswith("U.S. Warns Russia")
    assert cells(sources, 0)[WHAT] == "Byline" and cells(sources, 0)[TO] == "Jane Doe"
    assert cells(sources, sources.model.rowCount() - 1)[WHAT] == "Created"

    window.sidebar.historyRequested.emit("actor", actor.key)
    actors = open_history(qtbot, window, "actor", actor.key)
    assert cells(actors, 0)[WHAT] == "Reliability" and cells(actors, 0)[TO] == "B"
    earlier = cells(actors, 0)[FROM]
    actors.table.selectRow(0)
    with qtbot.waitSignal(actors.loaded):
        actors.restore_button.click()
    assert cells(actors, 0)[WHAT] == "Reliability" and cells(actors, 0)[TO] == earlier
    window.act.undo.trigger()
    qtbot.waitUntil(lambda: cells(actors, 0)[TO] == "B")
    for dialog in (sources, actors):
        dialog.close()


def test_a_speakers_name_is_shown_instead_of_its_id(qtbot: QtBot, window: MainWindow) -> None:
    wait_loaded(qtbot, window)
    row = next(
        window.claims.claim_row(r)
        for r in range(window.claims.rowCount())
        if window.claims.claim_row(r).speaker == "Sergei Ryabkov"  # type: ignore[union-attr]
    )
    assert row is not None
    window.select_claim(row.id)
    editor = window.detail.editor
    editor.speaker.setFocus()
    editor.speaker.set_name_quietly("U.S. officials")
    editor.speaker.speakerChosen.emit("U.S. officials", "")
    dialog = open_history(qtbot, window, "claim", row.id)
    what, old, new = (cells(dialog, 0)[c] for c in (WHAT, FROM, TO))
    assert what == "Speaker"
    assert old == f"Sergei Ryabkov (#{row.speaker_id})"
    assert new.startswith("U.S. officials (#")
    dialog.close()


def test_the_history_model_answers_like_a_model(qtbot: QtBot) -> None:
    from ui.safety.history.history_model import HistoryModel
    from ui.safety.history.loading import HistoryRow

    model = HistoryModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    row = HistoryRow(
        change_id=3,
        when="2026-01-02 10:00",
        analyst="Jane",
        subject="",
        what="Status",
        old_text="Unstarted",
        new_text="Verified",
        old_full="Unstarted",
        new_full="Verified",
        note="",
        kind="claim",
        record_id=1,
        field="status",
        restorable=True,
    )
    model.set_rows((row, row))
    assert model.rowCount() == 2 and model.rowCount(model.index(0, 0)) == 0
    assert model.index(1, TO).data() == "Verified"
    assert model.data(QModelIndex()) is None
    del tester


def test_undo_and_redo_say_in_the_history_what_they_undid_and_redid(
    qtbot: QtBot, window: MainWindow
) -> None:
    from click.testing import CliRunner

    from claimtracker.cli import cli

    wait_loaded(qtbot, window)
    claim_id = window.claims.claim_id(0)
    window.select_claim(claim_id)
    window.delete_selected()
    step = window.undo_stack.undoText()
    assert step == f"Move claim #{claim_id} to the trash"
    window.act.undo.trigger()
    window.act.redo.trigger()

    dialog = open_history(qtbot, window, "claim", claim_id)
    # Newest first: the redo, the undo, then the analyst's own move to the trash.
    assert cells(dialog, 0)[WHAT] == (
        f"Redid: move claim #{claim_id} to the trash · moved to the trash"
    )
    assert cells(dialog, 1)[WHAT] == (
        f"Undid: move claim #{claim_id} to the trash · restored from the trash"
    )
    assert cells(dialog, 2)[WHAT] == "Moved to the trash"
    dialog.close()

    # An undone field edit names the step too, beside the field and its values.
    other = window.claims.claim_id(0)
    window.select_claim(other)
    editor = window.detail.editor
    editor.status.setCurrentIndex(editor.status.findData("disputed"))
    editor.status.activated.emit(editor.status.currentIndex())
    window.act.undo.trigger()
    dialog = open_history(qtbot, window, "claim", other)
    assert cells(dialog, 0)[WHAT] == f"Undid: set status of #{other} to Disputed · status"
    assert cells(dialog, 0)[FROM] == "Disputed"
    assert cells(dialog, 1)[WHAT] == "Status"
    dialog.close()

    # The command line tells the same story, to the second.
    assert window.project is not None
    database = str(window.project.path)
    result = CliRunner().invoke(cli, ["history", str(claim_id), "--db", database])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1].endswith(f"Redid: move claim #{claim_id} to the trash · deleted")
    assert lines[-2].endswith(f"Undid: move claim #{claim_id} to the trash · restored")
    assert lines[-3].endswith("deleted")
    assert ":" in lines[-1].split()[2]  # HH:MM:SS
    assert lines[-1].split()[2].count(":") == 2
