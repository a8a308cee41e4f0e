"""The analysts' opinions of a claim appear in the claim's History window, under their names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from claimtracker.dispute.opinion_service import set_opinion
from claimtracker.journal.entries import ANALYST_KEY
from tests.ui.test_history import cells, open_history
from ui.main_window import MainWindow
from ui.safety.history.history_model import TO, WHAT, WHO


def test_opinion_changes_show_in_the_claims_history(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    assert window.project is not None
    claim_id = window.claims.claim_id(0)
    for analyst, opinion, note in (
        ("Anna", "agree", "Two outlets"),
        ("Boris", "strongly-disagree", None),
        ("Anna", "neutral", "Two outlets"),
    ):
        with window.project.write() as session:
            session.info[ANALYST_KEY] = analyst
            set_opinion(session=session, claim_id=claim_id, opinion=opinion, note=note)

    dialog = open_history(qtbot, window, "claim", claim_id)
    qtbot.addWidget(dialog)
    rows = [cells(dialog, row) for row in range(dialog.model.rowCount())]
    opinions = [row for row in rows if row[WHAT].startswith("Opinion of ")]
    # Newest first: Anna's change of mind, Boris's opinion, Anna's first opinion and its note.
    assert [(row[WHO], row[WHAT], row[TO]) for row in opinions] == [
        ("Anna", "Opinion of Anna · Opinion", "Neutral"),
        ("Boris", "Opinion of Boris · Opinion", "Strongly disagree"),
        ("Boris", "Opinion of Boris · Created", ""),
        ("Anna", "Opinion of Anna · Opinion note", "Two outlets"),
        ("Anna", "Opinion of Anna · Opinion", "Agree"),
        ("Anna", "Opinion of Anna · Created", ""),
    ]
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    dialog.table.selectRow(rows.index(opinions[0]))
    assert not dialog.restore_button.isEnabled()  # an opinion is its analyst's to change
