"""The trash is the sidebar's Trash: it shows and restores every kind (claims, links, sources,
actors) and empties them all; Check Database shows the result and repairs a wrong search index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.schemas import LinkCreate, SourceCreate
from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow
from ui.safety.trash.trash_bar import TrashBar


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


def open_trash(qtbot: QtBot, window: MainWindow) -> TrashBar:
    """Choose the sidebar's Trash, as the analyst does: the one trash there is.

    The sidebar reloads in the background after a change, so its Trash entry is waited for.
    """
    qtbot.waitUntil(lambda: any(e.kind == "trash" for e in window.sidebar.model.entries("library")))
    entry = next(e for e in window.sidebar.model.entries("library") if e.kind == "trash")
    with qtbot.waitSignal(window.safety.trash.loaded, timeout=5000):
        window.sidebar.entryChosen.emit(entry)
    bar = window.safety.trash.bar
    assert bar.isVisible() and window.filter_bar.showing_trash
    return bar


def test_the_trash_is_the_sidebar_view_that_restores_every_kind_and_empties_them_all(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = trash_one_of_each(window)
    qtbot.waitUntil(lambda: any(e.kind == "trash" for e in window.sidebar.model.entries("library")))
    assert not window.safety.trash.bar.isVisible()  # only while the table shows the trash
    bar = open_trash(qtbot, window)
    assert bar.summary.text() == "In the trash: 1 claim, 1 link, 1 source and 1 actor."
    assert bar.others_button.text() == "Links, Sources, Actors (3)…"
    wait_loaded(qtbot, window)
    assert [window.claims.claim_id(r) for r in range(window.claims.rowCount())] == [ids["claim"]]

    # Links, sources and actors come back from their own list, one undoable step each.
    for kind in ("source", "actor", "link"):
        popup = bar.open_others()
        labels = [popup.list.item(row).text() for row in range(popup.list.count())]
        row = next(n for n, label in enumerate(labels) if label.startswith(kind.capitalize()))
        with qtbot.waitSignal(window.safety.trash.loaded):
            popup.list.setCurrentRow(row)
            popup._on_item_activated(popup.list.item(row))
        assert window.undo_stack.undoText().startswith(f"Restore {kind} “")
    assert bar.others_button.text() == "Links, Sources, Actors (0)…"
    assert not bar.others_button.isEnabled()
    assert bar.summary.text() == "In the trash: 1 claim."

    # A claim is restored from the table, with the bar's Restore button.
    window.table.select_claim(ids["claim"])
    assert bar.restore_button.isEnabled()
    with qtbot.waitSignal(window.safety.trash.loaded):
        bar.restore_button.click()
    assert bar.summary.text() == "The trash is empty."
    assert window.project is not None
    with window.project.store.read() as session:
        from claimtracker.services.trash import trash_items

        assert trash_items(session=session) == []
    window.detail.show_claim(ids["claim"])

    # Undo sends them back; everything goes back in to be emptied for good.
    for _ in range(4):
        window.act.undo.trigger()
    qtbot.waitUntil(
        lambda: bar.summary.text() == "In the trash: 1 claim, 1 link, 1 source and 1 actor."
    )

    asked: list[str] = []

    def discard(
        _parent: object, _title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", discard)
    bar.empty_button.click()
    qtbot.waitUntil(lambda: bool(asked))
    assert "1 claim, 1 link, 1 source and 1 actor" in asked[0]
    qtbot.waitUntil(lambda: bar.summary.text() == "The trash is empty." and not window.ops.busy)
    assert "1 claim(s)" in window.status.currentMessage()
    assert "1 source(s), 1 actor(s)" in window.status.currentMessage()
    assert window.undo_stack.count() == 0
    qtbot.waitUntil(lambda: window.library.trash_count == 0)

    # Leaving the trash hides the bar.
    everything = next(e for e in window.sidebar.model.entries("library") if e.kind == "all")
    window.sidebar.entryChosen.emit(everything)
    assert not bar.isVisible()


def test_no_menu_or_sidebar_path_leads_to_a_second_trash(window: MainWindow) -> None:
    texts = [action.text() for action in window.findChildren(QAction)]
    assert "&Trash…" not in texts and "Everything in the Trash…" not in texts
    assert not hasattr(window.sidebar, "trashRequested")
    guide = Path("resources/guide/user-guide.md").read_text(encoding="utf-8")
    assert "Choose\n  **Trash** in the sidebar" in guide


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


def test_the_trash_bar_wraps_its_buttons_instead_of_widening_the_centre(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1024 px a bar as wide as its three buttons took the room from the sidebar."""
    trash_one_of_each(window)
    bar = open_trash(qtbot, window)
    buttons = (bar.restore_button, bar.others_button, bar.empty_button)
    in_a_row = sum(button.sizeHint().width() for button in buttons)
    widest = max(button.sizeHint().width() for button in buttons)
    assert bar.minimumSizeHint().width() < in_a_row
    assert bar.minimumSizeHint().width() <= widest + 40
    bar.resize(widest + 30, bar.heightForWidth(widest + 30))
    tops = {button.geometry().top() for button in buttons}
    assert len(tops) > 1  # wrapped onto rows, each button whole
    assert all(button.width() >= button.sizeHint().width() for button in buttons)
