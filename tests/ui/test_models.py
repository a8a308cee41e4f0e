"""Every custom item model passes QAbstractItemModelTester (Fatal), through loads and changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from claimtracker.query import ClaimFilter, ClaimOrder, search_rows
from ui.claims.claim_search import ClaimSearchModel
from ui.claims.claims_table import ClaimsTableModel
from ui.claims.library import LibraryEntry, LibraryModel
from ui.common.roles import CLAIM_ID_ROLE
from ui.runtime.project import Project

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def test_claims_table_model_passes_the_tester(qtbot: QtBot, sample_db: Path) -> None:
    project = Project.open(sample_db)
    model = ClaimsTableModel()
    tester = QAbstractItemModelTester(model, FATAL)
    try:
        model.set_project(project)
        qtbot.waitUntil(lambda: not model.loading)
        assert model.rowCount() > 5
        ids = [model.index(row, 0).data(CLAIM_ID_ROLE) for row in range(model.rowCount())]
        assert ids == sorted(ids)

        model.sort(1)  # by claim text, in the database
        qtbot.waitUntil(lambda: not model.loading)
        texts = [model.claim_row(r).text.casefold() for r in range(model.rowCount())]  # type: ignore[union-attr]
        assert texts == sorted(texts)

        model.set_query(ClaimFilter(text="provoc", prefix_last=True), ClaimOrder())
        qtbot.waitUntil(lambda: not model.loading)
        assert 0 < model.rowCount() < len(ids)

        model.set_query(ClaimFilter(text="no such words anywhere"))
        qtbot.waitUntil(lambda: not model.loading)
        assert model.rowCount() == 0

        model.set_query(ClaimFilter())
        qtbot.waitUntil(lambda: not model.loading)
        model.remove_claims([ids[0], ids[2]])
        assert model.rowCount() == len(ids) - 2
        model.reconcile([ids[0], ids[2]])  # still live: they come back where they belong
        assert [model.claim_id(r) for r in range(model.rowCount())] == ids
        model.refresh_claims(ids[:3])
        model.clear_cache()
    finally:
        model.stop()
        del tester
        project.close()


def test_a_row_that_cannot_be_loaded_is_disabled_not_fatal(qtbot: QtBot, sample_db: Path) -> None:
    project = Project.open(sample_db)
    model = ClaimsTableModel()
    try:
        model.set_project(project)
        qtbot.waitUntil(lambda: not model.loading)
        model.ids[0] = 999_999  # as if deleted by another program meanwhile
        model.clear_cache()
        assert "cannot be loaded" in model.index(0, 1).data()
        enabled = Qt.ItemFlag.ItemIsEnabled
        assert not model.flags(model.index(0, 1)) & enabled
        assert model.flags(model.index(1, 1)) & enabled
    finally:
        model.stop()
        project.close()


def test_library_model_passes_the_tester() -> None:
    model = LibraryModel()
    tester = QAbstractItemModelTester(model, FATAL)
    model.set_entries("library", [LibraryEntry("all", 0, "All claims", count=3)])
    model.set_entries(
        "source",
        [
            LibraryEntry("source", 1, "U.S. warns Russia", "Bloomberg"),
            LibraryEntry("source", 2, "TASS"),
        ],
        total=20_000,
    )
    model.set_entries("actor", [LibraryEntry("actor", 7, "Sergei Ryabkov")])
    model.set_counts("source", {1: 12, 2: 0})
    assert model.rowCount(model.section_index("source")) == 2
    assert model.section_index("source").siblingAtColumn(1).data() == "20,000"
    assert "Showing 2 of 20,000" in model.section_index("source").data(Qt.ItemDataRole.ToolTipRole)
    assert model.entry(model.index_of("actor", 7)) == LibraryEntry("actor", 7, "Sergei Ryabkov")
    model.set_entries("source", [])
    del tester


def test_claim_search_model_passes_the_tester(sample_db: Path) -> None:
    project = Project.open(sample_db)
    try:
        model = ClaimSearchModel()
        tester = QAbstractItemModelTester(model, FATAL)
        model.set_rows(search_rows(project.reader, ClaimFilter(text="chemical")))
        assert model.rowCount() > 0
        model.set_rows([])
        del tester
    finally:
        project.close()
