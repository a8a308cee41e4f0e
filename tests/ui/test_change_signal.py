"""One change, one announcement: an edit, an undo, an import each reach the views through one
``Hub.changed`` signal, with their initiator; the watcher for other programs does not announce
them again, and announces a change made elsewhere once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.csvio import CsvImportOptions
from claimtracker.journal.changes import ChangeSet
from claimtracker.schemas import ClaimUpdate
from claimtracker.store import Store
from tests.ui.conftest import wait_loaded
from tests.ui.helpers import choose
from ui.main_window import MainWindow

#: The tables of an analyst's work, without the rows' change counters (see tests/core).
DATA_TABLES = ("actor", "source", "claim", "tag", "claim_tag", "link")


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


class Heard:
    """Every announcement the hub makes, as (change set, initiator)."""

    def __init__(self, window: MainWindow) -> None:
        self.signals: list[tuple[ChangeSet, object]] = []
        window.hub.changed.connect(
            lambda changes, initiator: self.signals.append((changes, initiator))
        )

    def take(self) -> list[tuple[ChangeSet, object]]:
        taken, self.signals = self.signals, []
        return taken


def look_for_other_programs(qtbot: QtBot, window: MainWindow) -> None:
    """Let the watcher read the journal now, as it does every few seconds."""
    external = window.safety.external
    qtbot.waitUntil(lambda: external._seen is not None, timeout=10_000)
    with qtbot.waitSignal(external.checked, timeout=10_000):
        external.check_now()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = {}
        for table in DATA_TABLES:
            columns = [r[1] for r in connection.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(c for c in columns if c not in ("version", "updated_at"))
            tables[table] = connection.execute(
                f"SELECT {kept} FROM {table} ORDER BY 1, 2"
            ).fetchall()
        return tables
    finally:
        connection.close()


def test_an_edit_and_its_undo_are_each_announced_once(qtbot: QtBot, window: MainWindow) -> None:
    look_for_other_programs(qtbot, window)
    heard = Heard(window)
    claim_id = window.claims.claim_id(0)
    window.select_claim(claim_id)
    editor = window.detail.editor

    choose(editor.status, "verified")
    ((changes, initiator),) = heard.take()
    assert changes.updated == {"claim": {claim_id: frozenset({"status"})}}
    assert initiator is editor
    assert window.claims.claim_row(0).status == "verified"  # type: ignore[union-attr]

    window.undo()
    ((changes, initiator),) = heard.take()
    assert changes.updated == {"claim": {claim_id: frozenset({"status"})}}
    assert initiator is None
    assert editor.status.currentData() != "verified"

    window.redo()
    assert len(heard.take()) == 1
    look_for_other_programs(qtbot, window)
    assert heard.take() == []  # this window's own changes are not announced again


def test_a_change_made_elsewhere_is_announced_once_by_the_watcher(
    qtbot: QtBot, window: MainWindow, sample_db: Path
) -> None:
    look_for_other_programs(qtbot, window)
    heard = Heard(window)
    claim_id = window.claims.claim_id(1)
    with Store.open(sample_db) as elsewhere, elsewhere.write() as session:
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(notes="from the CLI")
        )
    look_for_other_programs(qtbot, window)
    ((changes, initiator),) = heard.take()
    assert changes.updated == {"claim": {claim_id: frozenset({"notes"})}}
    assert initiator is None
    look_for_other_programs(qtbot, window)
    assert heard.take() == []


def test_a_csv_import_is_announced_once_and_its_undo_restores_the_database(
    qtbot: QtBot, window: MainWindow, sample_db: Path, tmp_path: Path
) -> None:
    look_for_other_programs(qtbot, window)
    source = tmp_path / "other-tool.csv"
    source.write_text(
        "Statement,Who,Source\n"
        "Talks addressed US troops near the border,A New Speaker,A new report\n"
        "No agreement was reached,Sergei Ryabkov,A new report\n",
        encoding="utf-8",
    )
    before = dump(sample_db)
    heard = Heard(window)
    assert window.project is not None
    window.files.run_csv_import(window.project, source, CsvImportOptions())
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)
    wait_loaded(qtbot, window)
    ((changes, _initiator),) = heard.take()
    assert len(changes.created_ids("claim")) == 2
    assert len(changes.created_ids("actor")) == 1
    assert len(changes.created_ids("source")) == 1
    assert window.claims.rowCount() == 16
    imported = dump(sample_db)

    window.undo()
    wait_loaded(qtbot, window)
    ((changes, initiator),) = heard.take()
    assert changes.deleted_ids("claim") and initiator is None
    assert window.claims.rowCount() == 14
    assert dump(sample_db) == before

    window.redo()
    wait_loaded(qtbot, window)
    assert len(heard.take()) == 1
    assert window.claims.rowCount() == 16
    assert dump(sample_db) == imported
    look_for_other_programs(qtbot, window)
    assert heard.take() == []
