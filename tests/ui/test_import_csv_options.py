"""Import CSV in the app: the CLI's --quoting and --value, as a choice and a small table."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from claimtracker.query import ClaimFilter, fetch_rows, search_ids
from tests.ui.helpers import choose
from ui.main_window import MainWindow
from ui.transfer.import_csv_dialog import ImportCsvDialog


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def _dialog(qtbot: QtBot, window: MainWindow, path: Path) -> ImportCsvDialog:
    dialog = ImportCsvDialog(window.project, path, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    _settled(qtbot, dialog)
    return dialog


def _settled(qtbot: QtBot, dialog: ImportCsvDialog) -> None:
    dialog.wait()
    qtbot.waitUntil(
        lambda: dialog.problems.rowCount() > 0 or dialog.summary is not None, timeout=10_000
    )


def _import(qtbot: QtBot, window: MainWindow, dialog: ImportCsvDialog, path: Path) -> None:
    assert dialog.import_button is not None and dialog.import_button.isEnabled()
    options = dialog.options()
    dialog.accept()
    window.files.run_csv_import(window.project, path, options)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)


def _claim(window: MainWindow, words: str) -> tuple[str, str]:
    assert window.project is not None
    reader = window.project.reader
    (row,) = fetch_rows(reader, list(search_ids(reader, ClaimFilter(text=words))))
    return row.text, row.status


def test_values_of_another_tool_are_read_as_ours(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "other-tool.csv"
    path.write_text(
        "Statement,Who,Verdict\n"
        "Talks addressed US troops near the border,people familiar,Unverified\n"
        "No agreement was reached,people familiar,in_progress\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, window, path)
    assert "Unverified" in dialog.problems.item(0, 2).text()
    assert not dialog.import_button.isEnabled()  # type: ignore[union-attr]

    dialog.tabs.setCurrentWidget(dialog.values)
    dialog.values.add_button.click()
    assert dialog.values.field_combo(0).currentData() == "status"
    dialog.values.table.item(0, 1).setText("unverified")  # case does not matter
    dialog.values.table.item(0, 2).setText("unstarted")
    dialog._debounce.timeout.emit()
    _settled(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    assert "2 new claims" in dialog.status.text()
    assert dialog.options().values == ("status:unverified=unstarted",)
    _import(qtbot, window, dialog, path)
    assert _claim(window, "Talks addressed US troops")[1] == "unstarted"

    # A row removed is no longer applied.
    again = _dialog(qtbot, window, path)
    again.values.add_row("status", "Unverified", "unstarted")
    again.values.table.selectRow(0)
    again.values.remove_button.click()
    assert again.values.items() == ()


def test_quotes_are_read_as_text_when_asked(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(
        "Statement,Who\n"
        '"Fake news" is what he called the report,Donald Trump\n'
        "No agreement was reached,people familiar\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, window, path)
    assert dialog.quoting.currentData() == ""  # automatic: a comma file is CSV-quoted
    assert dialog.summary is None and dialog.problems.rowCount() > 0

    choose(dialog.quoting, "none")
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    assert dialog.options().quoting == "none"
    assert '"Fake news" is what' in dialog.preview.item(0, 0).text()
    _import(qtbot, window, dialog, path)
    assert _claim(window, "Fake news")[0] == '"Fake news" is what he called the report'
