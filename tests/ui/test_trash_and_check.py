"""The Trash window shows and restores every kind (claims, links, sources, actors) and empties
them all; Check Database shows the result and repairs a wrong search index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.schemas import LinkCreate, SourceCreate
from ui.main_window import MainWindow
from ui.safety.trash.trash_dialog import TrashDialog


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def trash_one_of_each(window: MainWindow) -> dict[str, int]:
    """A claim, a link, a source and an actor in the trash (as the CLI would put them)."""
    assert window.project is not None
    claims = [window.claims.claim_id(row) for row in range(3)]
    with window.project.write() as session:
        link, _ = services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=claims[1], claim_b_id=claims[2], relation="denies"),
        )
        assert link.id is not None
        services.delete_link(session=session, link_id=link.id)
        services.delete_claim(session=session, claim_id=claims[0])
        unused, _ = services.create_source(  # no claim keeps it, so emptying deletes it
            session=session, source_in=SourceCreate(text="Nobody cites this.", title="A blog post")
        )
        assert unused.id is not None
        source = unused.id
        services.delete_source(session=session, source_id=source)
        actor = services.resolve_actor(session=session, name="A blogger nobody quotes")
        assert actor.id is not None
        services.delete_actor(session=session, actor_id=actor.id)
    window.hub.reload_everything()
    return {"claim": claims[0], "link": link.id, "source": source, "actor": actor.id}


def open_trash(qtbot: QtBot, window: MainWindow) -> TrashDialog:
    window.safety.actions.trash.trigger()
    dialog = window.safety.trash.dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass  # read on a worker
    return dialog


def test_the_trash_shows_every_kind_restores_each_and_empties_them_all(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = trash_one_of_each(window)
    dialog = open_trash(qtbot, window)
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    tabs = [dialog.tabs.tabText(number) for number in range(dialog.tabs.count())]
    assert tabs == ["Everything (4)", "Claims (1)", "Links (1)", "Sources (1)", "Actors (1)"]

    for kind in ("source", "actor", "link", "claim"):
        dialog.show_kind(kind)
        assert dialog.model.rowCount() == 1
        dialog.table.selectRow(0)
        with qtbot.waitSignal(dialog.loaded):
            dialog.restore_button.click()
        assert window.undo_stack.undoText().startswith(f"Restore {kind} “")
        assert dialog.model.rowCount() == 0
        last = kind == "claim"
        assert dialog.empty.text() == (
            "The trash is empty." if last else f"There are no {kind}s in the trash."
        )
    assert window.project is not None
    with window.project.store.read() as session:
        from claimtracker.services.trash import trash_items

        assert trash_items(session=session) == []
    qtbot.waitUntil(lambda: window.claims.row_of(ids["claim"]) is not None)
    window.detail.show_claim(window.claims.claim_id(1))
    assert any(link.link_id == ids["link"] for link in window.detail.links._links)

    # Undo sends the last one back; everything goes back in to be emptied for good.
    window.act.undo.trigger()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.item(0).kind == "claim"  # type: ignore[union-attr]
    dialog.show_kind(None)
    for _ in range(3):
        window.act.undo.trigger()
    qtbot.waitUntil(lambda: dialog.model.total() == 4)

    asked: list[str] = []

    def discard(
        _parent: object, _title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", discard)
    dialog.empty_button.click()
    qtbot.waitUntil(lambda: bool(asked))
    assert "1 claim, 1 link, 1 source and 1 actor" in asked[0]
    qtbot.waitUntil(lambda: dialog.model.total() == 0 and not window.ops.busy)
    assert dialog.empty.isVisible() and dialog.empty.text() == "The trash is empty."
    assert "1 claim(s)" in window.status.currentMessage()
    assert "1 source(s), 1 actor(s)" in window.status.currentMessage()
    assert window.undo_stack.count() == 0
    qtbot.waitUntil(lambda: window.library.trash_count == 0)


def test_check_database_shows_the_result_and_repairs_the_search_index(
    qtbot: QtBot, window: MainWindow, sample_db: Path
) -> None:
    dialog = window.safety.check_database()
    assert dialog is not None
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as done:
        pass
    assert done.args[0].ok
    assert [mark.text() for mark in dialog.marks.values()] == ["✓", "✓", "✓"]
    assert dialog.summary.text() == "Everything is in order."
    assert not dialog.repair_button.isVisible()

    raw = sqlite3.connect(sample_db)
    for trigger in ("claim_fts_before_update", "claim_fts_after_update"):
        raw.execute(f"DROP TRIGGER {trigger}")  # an index no longer told of changes
    raw.execute("UPDATE claim SET text = 'zanzibar' WHERE id = 1")
    raw.commit()
    raw.close()
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as done:
        dialog.again_button.click()
    assert done.args[0].only_index_wrong
    assert dialog.marks["index"].text() == "✗"
    assert dialog.repair_button.isVisible()
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as done:
        dialog.repair_button.click()
    assert done.args[0].ok and not dialog.repair_button.isVisible()
    window.filter_bar.search.setText("zanzibar")
    qtbot.waitUntil(lambda: window.claims.rowCount() == 1 and not window.claims.loading)
    dialog.close()
