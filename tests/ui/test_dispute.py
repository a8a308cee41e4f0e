"""The dispute window (network, timeline, echoes), opinions and the independence warning in the
editor, driven through their widgets on small articles that share a wire sentence."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from claimtracker.dispute.opinions import opinions_of
from claimtracker.query import ClaimFilter
from claimtracker.store import Store
from tests.dispute.conftest import Dispute, build_dispute, link
from tests.ui.conftest import wait_loaded
from tests.ui.helpers import choose
from ui.dispute.echo_review import EchoesModel
from ui.dispute.panel_base import LoadingPanel
from ui.dispute.window import ECHOES, NETWORK, TIMELINE, DisputeWindow
from ui.main_window import MainWindow


@pytest.fixture
def dispute(store: Store) -> Dispute:
    return build_dispute(store)


@pytest.fixture
def window(make_window: object, dispute: Dispute, db_path: Path) -> MainWindow:
    link(dispute.store, dispute.wire, dispute.ledger, "supports")
    link(dispute.store, dispute.wire, dispute.denial, "denies")
    link(dispute.store, dispute.prediction, dispute.wire, "counters")
    return make_window(db_path)  # type: ignore[operator,no-any-return]


def _loaded(qtbot: QtBot, panel: LoadingPanel) -> None:
    qtbot.waitUntil(lambda: not panel.loading, timeout=10_000)


def _open(qtbot: QtBot, window: MainWindow, tab: int) -> DisputeWindow:
    action = {
        NETWORK: window.dispute.show_network,
        TIMELINE: window.dispute.show_timeline,
        ECHOES: window.dispute.find_echoes,
    }[tab]
    action.trigger()
    dispute_window = window.dispute.window
    qtbot.addWidget(dispute_window)
    if tab != ECHOES:
        panel = dispute_window.network if tab == NETWORK else dispute_window.timeline
        qtbot.waitUntil(lambda: panel.summary.text() not in ("", "Loading…"), timeout=10_000)
        _loaded(qtbot, panel)
    return dispute_window


def _click(qtbot: QtBot, view: object, item: object, *, double: bool = False) -> None:
    point = view.mapFromScene(item.scenePos())  # type: ignore[attr-defined]
    viewport = view.viewport()  # type: ignore[attr-defined]
    if double:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    else:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)


def test_the_menus_offer_the_views(window: MainWindow) -> None:
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    claim_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Claim")
    assert window.dispute.show_network in view_menu.actions()
    assert window.dispute.show_timeline in view_menu.actions()
    assert window.dispute.find_echoes in claim_menu.actions()
    assert window.dispute.show_network.shortcut().toString() == "Ctrl+Shift+G"


def test_the_network_shows_claims_and_links_and_follows_the_filter(
    qtbot: QtBot,
    window: MainWindow,
    dispute: Dispute,
) -> None:
    shown = _open(qtbot, window, NETWORK)
    panel = shown.network
    assert panel.summary.text() == "5 claims, 3 links"
    assert set(panel.items) == {
        dispute.wire,
        dispute.ledger,
        dispute.coastal,
        dispute.denial,
        dispute.prediction,
    }
    assert panel.view.items()  # drawn
    # Grouped by speaker: the ministry's two claims share one group.
    groups = [
        item.text() for item in panel.scene.items() if hasattr(item, "text") and callable(item.text)
    ]
    assert "Defence ministry (2)" in groups
    choose(panel.group_by, "source")
    _loaded(qtbot, panel)
    groups = [
        item.text() for item in panel.scene.items() if hasattr(item, "text") and callable(item.text)
    ]
    assert "Shelling reported in Karvash (2)" in groups
    window.filter_bar.set_attributions(["official_statement"])
    wait_loaded(qtbot, window)
    qtbot.waitUntil(
        lambda: set(panel.items) == {dispute.denial, dispute.prediction}, timeout=10_000
    )
    assert panel.summary.text() == "2 claims, 0 links"


def test_clicking_a_claim_opens_it_and_double_clicking_reads_it(
    qtbot: QtBot,
    window: MainWindow,
    dispute: Dispute,
) -> None:
    panel = _open(qtbot, window, NETWORK).network
    item = panel.items[dispute.denial]
    panel.view.centerOn(item)
    with qtbot.waitSignal(panel.claimClicked) as clicked:
        _click(qtbot, panel.view, item)
    assert clicked.args == [dispute.denial]
    assert window.detail.claim_id == dispute.denial
    assert item.isSelected()
    _click(qtbot, panel.view, item, double=True)
    qtbot.waitUntil(lambda: window.reader_area.isVisible(), timeout=5000)
    assert window.reader.source_id == dispute.sources["northwire"]


def test_graphml_and_images_are_saved(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    panel = _open(qtbot, window, NETWORK).network
    target = tmp_path / "network"
    panel.export_graphml(str(target))
    saved = tmp_path / "network.graphml"
    qtbot.waitUntil(saved.exists, timeout=10_000)
    assert nx.read_graphml(saved).number_of_edges() == 3
    panel.export_image(str(tmp_path / "network.svg"))
    assert (tmp_path / "network.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    panel.export_image(str(tmp_path / "network.png"))
    assert (tmp_path / "network.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_timeline_lanes_dates_and_predictions(
    qtbot: QtBot,
    window: MainWindow,
    dispute: Dispute,
    tmp_path: Path,
) -> None:
    panel = _open(qtbot, window, TIMELINE).timeline
    assert panel.summary.text() == "5 claims by date said, 1 said before their event"
    timeline = panel.timeline
    assert timeline is not None and timeline.lanes[0] == "Defence ministry"
    prediction = panel.items[dispute.prediction]
    assert prediction.x() < panel.items[dispute.wire].x()  # said two days before
    dashed = [i for i in panel.scene.items() if i.toolTip().startswith("Said before the event")]
    assert len(dashed) == 1
    panel.choose(date_field="event_on", lanes="side")
    _loaded(qtbot, panel)
    assert panel.summary.text() == (
        "2 claims by date event, 1 said before their event; 3 without a date event"
    )
    assert panel.timeline is not None and panel.timeline.lanes == [
        "Side A (Defence ministry)",
        "Side B (four people familiar with the discussions)",
    ]
    start = panel.view.zoom
    panel.view.zoom_by(2)
    assert panel.view.zoom == pytest.approx(start * 2)
    panel.export_image(str(tmp_path / "timeline.svg"))
    assert "<svg" in (tmp_path / "timeline.svg").read_text(encoding="utf-8")


def test_echoes_are_reviewed_and_linked_as_one_undoable_step(
    qtbot: QtBot,
    window: MainWindow,
    dispute: Dispute,
) -> None:
    review = _open(qtbot, window, ECHOES).echoes
    qtbot.waitUntil(lambda: not review.busy and review.model.rowCount() == 1, timeout=10_000)
    QAbstractItemModelTester(review.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    echo = review.model.snapshot(0)
    assert echo is not None and (echo.a.id, echo.b.id) == (dispute.wire, dispute.ledger)
    assert review.summary.text() == "1 echo(es) across sources and 0 duplicate(s) within one"
    assert not review.trash_button.isEnabled()
    review.link_button.click()
    assert review.model.rowCount() == 0
    project = window.project
    assert project is not None

    def repeats() -> int:
        return sum(1 for row in project_links() if row.relation == "repeats")

    def project_links() -> list:  # type: ignore[type-arg]
        from claimtracker.query import links_of

        return links_of(project.reader, dispute.wire)

    assert repeats() == 1
    window.act.undo.trigger()
    assert repeats() == 0
    window.act.redo.trigger()
    assert repeats() == 1


def test_the_echoes_model_passes_the_model_tester(qtbot: QtBot) -> None:
    model: QAbstractItemModel = EchoesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 0 and model.columnCount() == 4


def test_the_editor_warns_when_confirmed_rests_on_an_echo_and_records_opinions(
    qtbot: QtBot,
    window: MainWindow,
    dispute: Dispute,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Anna")
    window.select_claim(dispute.wire)
    editor = window.detail.editor
    assert editor.independence.isVisible()
    assert editor.independence.text().startswith(
        "⚠ Rated 1 – confirmed by other sources, but its 2 sources are not independent"
    )
    # An independent witness, linked elsewhere: the warning goes.
    window.editing.link(
        claim_a_id=dispute.wire, claim_b_id=dispute.coastal, relation="supports", note=None
    )
    assert editor.independence.text() == "3 sources behind claim #1, 2 independent"
    opinions = editor.opinions
    assert opinions.others.text() == "No opinions yet"
    choose(opinions.mine, "agree")
    opinions.mine.activated.emit(opinions.mine.currentIndex())
    project = window.project
    assert project is not None
    assert [(o.analyst, o.opinion) for o in opinions_of(project.reader, dispute.wire)] == [
        ("Anna", "agree")
    ]
    opinions.note.setText("Residents saw it")
    opinions.note.commit()
    assert opinions_of(project.reader, dispute.wire)[0].note == "Residents saw it"
    assert opinions.others.text() == "1 agree"
    window.act.undo.trigger()  # the note
    window.act.undo.trigger()  # the opinion
    assert opinions_of(project.reader, dispute.wire) == []
    assert opinions.mine.code() is None


def test_the_side_by_side_cards_show_opinions(
    qtbot: QtBot,
    window: MainWindow,
    dispute: Dispute,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from claimtracker.dispute.opinion_service import set_opinion

    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Boris")
    with dispute.store.write() as session:
        set_opinion(session=session, claim_id=dispute.denial, opinion="strongly-disagree")
    window.select_claim(dispute.denial)
    window.show_side_by_side()
    side = window.side_by_side
    qtbot.addWidget(side)
    from PySide6.QtWidgets import QLabel

    lines = [
        label.text() for label in side.findChildren(QLabel) if label.text().startswith("Opinions:")
    ]
    assert "Opinions: 1 strongly disagree" in lines
    assert "Opinions: No opinions yet" in lines
    side.close()


def test_closing_the_project_clears_the_views(qtbot: QtBot, window: MainWindow) -> None:
    shown = _open(qtbot, window, NETWORK)
    assert shown.network.items
    window.close_project(back_up=False)
    assert not shown.isVisible()
    assert shown.network.items == {} and shown.network.network is None
    assert not window.dispute.show_network.isEnabled()


def test_the_filter_reaches_the_views(qtbot: QtBot, window: MainWindow, dispute: Dispute) -> None:
    shown = _open(qtbot, window, TIMELINE)
    window.filter_bar.set_attributions(["anonymous"])
    wait_loaded(qtbot, window)
    assert shown.timeline.claim_filter == ClaimFilter(attributions=("anonymous",)).with_(
        prefix_last=shown.timeline.claim_filter.prefix_last
    )
    qtbot.waitUntil(lambda: set(shown.timeline.items) == {dispute.wire}, timeout=10_000)
