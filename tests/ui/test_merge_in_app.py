"""File → Merge Project File… in the app: the merge on the background API with its summary, the
claims in conflict marked and filtered, conflicts settled side by side, each step undoable."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFrame, QInputDialog, QLabel, QMessageBox, QToolButton

from claimtracker import services
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.query import fetch_row
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.store import Store
from tests.merging.helpers import make_base
from tests.ui.helpers import when_modal
from ui.claims.columns import column_index


def _edit(path: Path, analyst: str, monkeypatch: pytest.MonkeyPatch, **claim1: object) -> None:
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", analyst)
    with Store.open(path) as store, store.write() as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(**claim1))
        if analyst == "bob":
            services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(status="false"))
            services.create_claim(session=session, claim_in=ClaimCreate(text="Bob's new claim"))
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "alice")


@pytest.fixture
def two_copies(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    theirs = tmp_path / "bobs-laptop.db"
    shutil.copyfile(sample_db, theirs)
    _edit(sample_db, "alice", monkeypatch, status="verified", notes="Alice checked the wire.")
    _edit(theirs, "bob", monkeypatch, status="misleading", notes="Bob: the quote is cut.")
    return sample_db, theirs


def _cell(window: object, claim_id: int, key: str) -> str:
    model = window.claims  # type: ignore[attr-defined]
    for row in range(model.rowCount()):
        if model.index(row, column_index("id")).data() == str(claim_id):
            return str(model.index(row, column_index(key)).data() or "")
    raise AssertionError(f"claim #{claim_id} is not in the table")


def test_a_merge_in_the_app_marks_conflicts_and_settles_them_side_by_side(
    make_window: Callable[..., object], two_copies: tuple[Path, Path], qtbot: object
) -> None:
    mine, theirs = two_copies
    window = make_window(mine)
    window.merging.merge(theirs)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.merging.summary_box is not None, timeout=20_000)  # type: ignore[attr-defined]
    box = window.merging.summary_box  # type: ignore[attr-defined]
    assert box.text() == "From bobs-laptop.db: 1 claim added, 1 claim changed, 2 conflicts"
    box.close()
    qtbot.waitUntil(lambda: _cell(window, 1, "conflicts") == "⚠ to settle", timeout=10_000)  # type: ignore[attr-defined]
    assert _cell(window, 2, "status") == "False" and _cell(window, 2, "conflicts") == ""

    window.filter_bar.conflict_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.claims.rowCount() == 1, timeout=10_000)  # type: ignore[attr-defined]
    window.filter_bar.conflict_button.click()  # type: ignore[attr-defined]

    # The side-by-side view says the claim is in conflict, and opens the conflicts at it.
    window.select_claim(1)  # type: ignore[attr-defined]
    window.show_side_by_side()  # type: ignore[attr-defined]
    side = window.side_by_side  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: side.claim_id == 1, timeout=10_000)  # type: ignore[attr-defined]
    notice = side.findChild(QFrame, "NoticeBar")
    assert notice is not None and "2 fields of this claim changed two ways" in " ".join(
        label.text() for label in notice.findChildren(QLabel)
    )
    notice.findChild(QToolButton).click()
    conflicts = window.merging.conflicts_window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(conflicts.records) == 1, timeout=10_000)  # type: ignore[attr-defined]
    record = conflicts.record
    assert [c.label for c in record.conflicts] == ["Status", "Notes"]
    assert record.texts["status"] == ("Verified", "Misleading")
    status, notes = record.conflicts

    conflicts.buttons[status.id][1].click()  # Take theirs
    qtbot.waitUntil(lambda: len(conflicts.record.conflicts) == 1, timeout=10_000)  # type: ignore[attr-defined]
    assert _cell(window, 1, "status") == "Misleading"

    when_modal(
        QInputDialog,
        lambda dialog: (dialog.setTextValue("Both: cut, and checked."), dialog.accept()),
    )
    conflicts.buttons[notes.id][2].click()  # Edit…
    qtbot.waitUntil(lambda: conflicts.record is None, timeout=10_000)  # type: ignore[attr-defined]
    assert conflicts.empty.isVisibleTo(conflicts)
    side.refresh()
    qtbot.waitUntil(lambda: side.findChild(QFrame, "NoticeBar") is None, timeout=10_000)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _cell(window, 1, "conflicts") == "", timeout=10_000)  # type: ignore[attr-defined]
    assert _cell(window, 1, "notes") == "Both: cut, and checked."

    # Each settling is an undo step; before them, the merge is one.
    window.undo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _cell(window, 1, "notes") == "Alice checked the wire.", timeout=10_000)  # type: ignore[attr-defined]
    window.undo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _cell(window, 1, "status") == "Verified", timeout=10_000)  # type: ignore[attr-defined]
    assert _cell(window, 1, "conflicts") == "⚠ to settle"
    window.undo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _cell(window, 2, "status") != "False", timeout=10_000)  # type: ignore[attr-defined]
    assert _cell(window, 1, "conflicts") == ""
    window.redo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _cell(window, 2, "status") == "False", timeout=10_000)  # type: ignore[attr-defined]


def test_merging_a_file_that_is_not_a_project_says_so_and_changes_nothing(
    make_window: Callable[..., object],
    sample_db: Path,
    tmp_path: Path,
    qtbot: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(sample_db)
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.errors.show_error", lambda _parent, error, action="": shown.append(str(error))
    )
    notes = tmp_path / "notes.db"
    notes.write_text("not a database", encoding="utf-8")
    window.merging.merge(notes)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)  # type: ignore[attr-defined]
    assert "cannot merge it: it is not a ClaimTracker project" in shown[0]
    assert window.undo_stack.count() == 0  # type: ignore[attr-defined]


def test_a_merge_into_a_team_project_is_undone_and_a_colleagues_later_change_kept(
    make_window: Callable[..., object], pg_migrated_url: str, tmp_path: Path, qtbot: object
) -> None:
    theirs = tmp_path / "laptop.db"
    make_base(theirs)
    window = make_window(pg_migrated_url)
    claims = window.claims  # type: ignore[attr-defined]
    assert claims.rowCount() == 0
    window.merging.merge(theirs)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.merging.summary_box is not None, timeout=20_000)  # type: ignore[attr-defined]
    window.merging.summary_box.close()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: claims.rowCount() == 6, timeout=10_000)  # type: ignore[attr-defined]

    window.undo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: claims.rowCount() == 0, timeout=10_000)  # type: ignore[attr-defined]
    window.redo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: claims.rowCount() == 6, timeout=10_000)  # type: ignore[attr-defined]

    # Anna, at her desk, changes a claim the merge brought in: the undo keeps her change.
    claim_id = claims.claim_id(0)
    with Store.open(pg_migrated_url) as elsewhere, elsewhere.write() as session:
        session.info[ANALYST_KEY] = "anna"
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(notes="Anna's notes")
        )
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(box.informativeText())
        box.accept()

    when_modal(QMessageBox, read_and_close)
    window.undo()  # type: ignore[attr-defined]
    assert said and f"Claim #{claim_id} was changed after the merge" in said[0]
    assert "\n" not in said[0]
    assert claims.rowCount() == 6
    row = fetch_row(window.project.reader, claim_id)  # type: ignore[attr-defined]
    assert row is not None and row.notes == "Anna's notes"
