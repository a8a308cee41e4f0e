"""Filtering, the sidebar, the trash, the side-by-side view's export, CSV import through its
dialog, backups, and the handler for unexpected errors."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_loaded
from tests.ui.helpers import choose, when_modal
from ui.main_window import MainWindow


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def shown_ids(window: MainWindow) -> list[int]:
    return [window.claims.claim_id(r) for r in range(window.claims.rowCount())]


def shown_rows(window: MainWindow) -> list[object]:
    return [window.claims.claim_row(r) for r in range(window.claims.rowCount())]


def test_filters_combine_and_clear(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.filter_bar
    bar.set_attributions(["anonymous"])
    wait_loaded(qtbot, window)
    anonymous = shown_rows(window)
    assert anonymous and all(r.attribution == "anonymous" for r in anonymous)  # type: ignore[attr-defined]
    bar.set_statuses(["in_progress"])
    wait_loaded(qtbot, window)
    both = shown_rows(window)
    assert 0 < len(both) < len(anonymous)
    assert all(r.status == "in_progress" for r in both)  # type: ignore[attr-defined]
    assert bar.buttons["status"].text().startswith("Status: In progress")
    bar.set_date_range(date(2018, 8, 1), date(2018, 8, 31))
    wait_loaded(qtbot, window)
    assert len(shown_rows(window)) == len(both)
    bar.set_date_range(date(2019, 1, 1), None)
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 0
    assert window.table.empty_state.isVisible()
    assert window.table.empty_state.title.text() == "No claims match"
    window.act.clear_filters.trigger()
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 14


def test_the_filter_popups_pick_speakers_and_tags(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.filter_bar
    popup = bar.open_popup("speaker")
    popup.search.setText("ryab")
    popup.reload()
    assert [popup.list.item(i).text() for i in range(popup.list.count())] == ["Sergei Ryabkov"]
    popup.list.item(0).setCheckState(popup.list.item(0).checkState().Checked)
    popup.hide()
    wait_loaded(qtbot, window)
    assert {r.speaker for r in shown_rows(window)} == {"Sergei Ryabkov"}  # type: ignore[attr-defined]
    tags = bar.open_popup("tag")
    assert tags.list.count() > 0
    tags.hide()


def test_choosing_a_source_or_actor_in_the_sidebar_filters_the_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: window.sidebar.model.entries("actor") != [])
    model = window.sidebar.model
    actor = next(e for e in model.entries("actor") if e.label == "Sergei Ryabkov")
    qtbot.waitUntil(
        lambda: next(e for e in model.entries("actor") if e.key == actor.key).count == 4
    )
    window.sidebar.entryChosen.emit(actor)
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 4
    assert window.filter_bar.buttons["speaker"].text().startswith("Speaker: Sergei Ryabkov")
    window.sidebar.search.setText("familiar")
    qtbot.waitUntil(
        lambda: (
            bool(model.entries("actor"))
            and all("familiar" in e.label for e in model.entries("actor"))
        )
    )
    (all_claims,) = model.entries("library")[:1]
    window.sidebar.entryChosen.emit(all_claims)
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 14


def test_trash_restore_and_empty(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = shown_ids(window)[:3]
    window.table.select_claim(ids[0])
    window.table.selectionModel().select(
        window.claims.index(1, 0),
        window.table.selectionModel().SelectionFlag.Select
        | window.table.selectionModel().SelectionFlag.Rows,
    )
    assert window.table.selected_ids() == ids[:2]
    assert window.detail.many_title.text() == "2 claims selected"
    window.act.delete.trigger()
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 12
    assert window.undo_stack.undoText() == "Move 2 claims to the trash"
    qtbot.waitUntil(lambda: any(e.kind == "trash" for e in window.sidebar.model.entries("library")))
    trash = next(e for e in window.sidebar.model.entries("library") if e.kind == "trash")
    window.sidebar.entryChosen.emit(trash)
    wait_loaded(qtbot, window)
    assert shown_ids(window) == ids[:2]
    assert window.status.matches.text() == "2 claims in the trash"
    window.table.select_claim(ids[0])
    window.act.restore.trigger()
    assert shown_ids(window) == ids[1:2]
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.act.empty_trash.trigger()  # counts and empties on workers
    qtbot.waitUntil(lambda: window.claims.rowCount() == 0 and not window.ops.busy)
    wait_loaded(qtbot, window)
    assert window.table.empty_state.title.text() == "The trash is empty"
    assert window.undo_stack.count() == 0  # nothing left to bring back


def test_bulk_status_change_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    window.table.selectAll()
    window.detail.bulkEditRequested.emit("status", "verified")
    assert {r.status for r in shown_rows(window)} == {"verified"}  # type: ignore[attr-defined]
    assert window.undo_stack.undoText() == "Set status of 14 claims"
    window.act.undo.trigger()
    assert "verified" not in {r.status for r in shown_rows(window)[:3]}  # type: ignore[attr-defined]


def test_side_by_side_exports_what_it_shows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from ui.transfer.export_dialog import ExportDialog

    window.act.side_by_side.trigger()
    side = window.side_by_side
    qtbot.waitUntil(lambda: side.dispute_ids != [])
    assert side.dispute is not None
    shown = {c.row.id for c in side.dispute.counters}
    target = tmp_path / "pairs.csv"

    def export(dialog: ExportDialog) -> None:
        assert dialog.report() == "pairs"
        dialog.path.setText(str(target))
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        button.click()

    seen = when_modal(ExportDialog, export)
    side.export_shown_action.trigger()
    assert seen
    qtbot.waitUntil(lambda: not window.ops.busy and target.exists(), timeout=10_000)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = {(int(r["claim_id"]), int(r["counter_claim_id"])) for r in rows}
    left = side.dispute.claim.id
    assert {b if a == left else a for a, b in pairs} == shown
    side.close()


def test_csv_import_shows_problems_then_imports_and_undoes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from ui.transfer.import_csv_dialog import ImportCsvDialog

    source = tmp_path / "other-tool.csv"
    source.write_text(
        "Statement,Who,Verdict\n"
        "Talks addressed US troops near the border,people familiar,unverified\n"
        "No agreement was reached,people familiar,in_progress\n",
        encoding="utf-8",
    )
    dialog = ImportCsvDialog(window.project, source, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(
        lambda: dialog.problems.rowCount() > 0 or dialog.summary is not None, timeout=10_000
    )
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 0).text() == "2"
    assert "unverified" in dialog.problems.item(0, 2).text()
    assert dialog.import_button is not None and not dialog.import_button.isEnabled()
    choose(dialog._combos[2], "tags")  # keep the other tool's verdicts as tags
    dialog._debounce.timeout.emit()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    assert dialog.import_button.isEnabled()
    assert "2 new claims" in dialog.status.text()
    options = dialog.options()
    dialog.accept()
    window.files.run_csv_import(window.project, source, options)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 16
    assert window.undo_stack.undoText() == "Import 2 claims from other-tool.csv"
    window.act.undo.trigger()
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 14


def test_backups_are_made_listed_and_restored(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.safety.backups_dialog import BackupsDialog

    qtbot.waitUntil(lambda: window.project is not None and window.project.store_loaded)
    assert window.project is not None
    dialog = BackupsDialog(window.project.path, window)
    qtbot.addWidget(dialog)
    dialog.back_up_now()
    assert dialog.table.rowCount() == 1
    first = window.claims.claim_id(0)
    window.table.select_claim(first)
    window.act.delete.trigger()
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 13
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restoreRequested.connect(window.restore_backup)
    dialog.table.selectRow(0)
    dialog._restore()
    qtbot.waitUntil(lambda: window.project is not None and not window.claims.loading)
    assert window.claims.rowCount() == 14
    assert "Restored the backup" in window.status.currentMessage()


def test_unexpected_errors_are_shown_and_pending_typing_is_saved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.errors import CrashDialog, ExceptHook

    window.select_claim(window.claims.claim_id(0))
    window.detail.editor.notes.setPlainText("typed just before the crash")
    shown: list[str] = []
    monkeypatch.setattr(
        CrashDialog, "exec", lambda self: shown.append(self.details.toPlainText()) or 1
    )
    hook = ExceptHook(save_work=window.save_pending_work, parent=lambda: window)
    try:
        raise RuntimeError("a bug")
    except RuntimeError as error:
        hook.handle(RuntimeError, error, error.__traceback__)
    assert shown and "RuntimeError: a bug" in shown[0]
    assert window.detail.editor.row is not None
    assert window.detail.editor.row.notes == "typed just before the crash"
