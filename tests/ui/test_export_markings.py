"""Export CSV: recipients' level, and a question before marked claims go out with everything."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.schemas import ClaimUpdate
from claimtracker.store import Store
from tests.ui.helpers import when_modal
from ui.main_window import MainWindow
from ui.transfer.export_dialog import ExportDialog

MARKED = 12  # the denial, marked TLP:RED below


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    with Store.open(sample_db) as store, store.write() as session:
        services.update_claim(session=session, claim_id=MARKED, changes=ClaimUpdate(tlp="red"))
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def _questions(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return asked


def _export(qtbot: QtBot, window: MainWindow, target: Path, level: str | None = None) -> None:
    def export(dialog: ExportDialog) -> None:
        assert dialog.recipients_level == "red"  # nothing left out unless asked
        assert dialog.level_hint.text() == "Nothing is left out."
        if level is not None:
            dialog.level.setCurrentIndex(dialog.level.findData(level))
            assert "left out" in dialog.level_hint.text()
        dialog.path.setText(str(target))
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        button.click()

    seen = when_modal(ExportDialog, export)
    window.act.export_csv.trigger()
    assert seen


def _ids(target: Path) -> set[int]:
    with target.open(encoding="utf-8-sig", newline="") as handle:
        return {int(row["claim_id"]) for row in csv.DictReader(handle)}


def test_exporting_everything_asks_before_red_claims_go_out(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = tmp_path / "refused.csv"
    asked = _questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    _export(qtbot, window, refused)
    qtbot.waitUntil(lambda: bool(asked) and not window.ops.busy, timeout=10_000)
    assert "marked up to TLP:RED" in asked[0]
    assert not refused.exists()

    allowed = tmp_path / "allowed.csv"
    asked = _questions(monkeypatch, QMessageBox.StandardButton.Yes)
    _export(qtbot, window, allowed)
    qtbot.waitUntil(lambda: not window.ops.busy and allowed.exists(), timeout=15_000)
    assert len(asked) == 1
    ids = _ids(allowed)
    assert MARKED in ids and len(ids) == 14


def test_a_lower_level_leaves_marked_claims_out_without_asking(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "amber.csv"
    asked = _questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    _export(qtbot, window, target, level="amber")
    qtbot.waitUntil(lambda: not window.ops.busy and target.exists(), timeout=15_000)
    assert asked == []
    ids = _ids(target)
    assert MARKED not in ids and len(ids) == 13


def test_nothing_marked_goes_out_without_a_question(
    qtbot: QtBot,
    make_window: object,
    sample_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(sample_db)  # type: ignore[operator]
    target = tmp_path / "all.csv"
    asked = _questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    _export(qtbot, window, target)
    qtbot.waitUntil(lambda: not window.ops.busy and target.exists(), timeout=15_000)
    assert asked == [] and len(_ids(target)) == 14
