"""The app on a team server: two windows on one server database see each other's changes live
(LISTEN/NOTIFY, no polling), the status bar says who changed what, a stale edit across analysts
is asked about, the server going away is shown and survived, and a viewer's editing controls are
disabled with the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.query import fetch_row
from claimtracker.schemas import ClaimUpdate
from claimtracker.server.address import TeamAddress
from claimtracker.store import Store
from tests.pg import running_cluster
from tests.ui.helpers import when_modal
from ui.main_window import MainWindow
from ui.safety.conflicts import ConflictDialog
from ui.team.live import GONE_TEXT


def _sample_on(url: str) -> None:
    from claimtracker.sample import build_sample

    with Store.open(url) as store:
        build_sample(store)


@pytest.fixture
def team_url(pg_migrated_url: str) -> str:
    _sample_on(pg_migrated_url)
    return pg_migrated_url


def _wait_live(qtbot: QtBot, window: MainWindow) -> None:
    """Until the window's Store is open and its listener hears the server."""
    assert window.project is not None
    window.project.store  # noqa: B018
    qtbot.waitUntil(lambda: window.safety.external.watching, timeout=10_000)
    qtbot.waitUntil(lambda: window.team.live.listening, timeout=10_000)


def change_as(url: str, analyst: str, claim_id: int, **values: object) -> None:
    """Another analyst (here a Store of its own, in their name) saves the claim."""
    with Store.open(url) as elsewhere, elsewhere.write() as session:
        session.info[ANALYST_KEY] = analyst
        services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(**values),  # type: ignore[arg-type]
        )


def test_a_team_project_opens_from_its_url_and_shows_its_claims(
    make_window: Callable[..., MainWindow], team_url: str
) -> None:
    window = make_window(team_url)
    assert window.project is not None and window.project.on_server
    assert window.project.path is None
    assert window.claims.rowCount() > 0
    address, _ = TeamAddress.from_url(team_url)
    assert window.status.database.text() == address.describe()
    assert window.settings.recent_files[0] == address.url()  # no password in the settings
    assert "Open &Team Project…" in [
        a.text() for a in window.menuBar().actions()[0].menu().actions()
    ]


def test_a_change_in_one_window_appears_in_the_other_and_says_who(
    qtbot: QtBot, make_window: Callable[..., MainWindow], team_url: str
) -> None:
    first = make_window(team_url)
    second = make_window(team_url)
    _wait_live(qtbot, first)
    _wait_live(qtbot, second)
    assert not first.safety.external.timer.isActive()  # no polling on a server
    rows = first.claims.rowCount()

    second.new_claim()
    qtbot.waitUntil(lambda: first.claims.rowCount() == rows + 1, timeout=3_000)

    claim_id = first.claims.claim_id(0)
    messages: list[str] = []
    first.status.messageChanged.connect(messages.append)
    change_as(team_url, "Anna", claim_id, status="disputed")
    qtbot.waitUntil(lambda: f"Anna changed the status of #{claim_id}" in messages, timeout=3_000)
    first.select_claim(claim_id)
    assert first.detail.editor.status.code() == "disputed"


def test_a_stale_edit_across_analysts_is_asked_about(
    qtbot: QtBot, make_window: Callable[..., MainWindow], team_url: str
) -> None:
    window = make_window(team_url)
    _wait_live(qtbot, window)
    window.team.live.stop()  # the editor must not learn of the change before saving
    window.safety.external.stop()
    claim_id = window.claims.claim_id(1)
    window.select_claim(claim_id)
    change_as(team_url, "Ben", claim_id, notes="Ben's notes")

    seen: list[list[str]] = []

    def keep_theirs(dialog: ConflictDialog) -> None:
        seen.append([label.text() for label in dialog.findChildren(QLabel)])
        dialog.keep_theirs_button.click()

    when_modal(ConflictDialog, keep_theirs)
    notes = window.detail.editor.notes
    notes.setFocus()
    notes.setPlainText("My notes")
    notes.commit()
    assert seen, "the analyst was asked"
    assert f"Claim #{claim_id} was changed elsewhere" in seen[0]
    assert window.project is not None
    row = fetch_row(window.project.reader, claim_id)
    assert row is not None and row.notes == "Ben's notes"


@pytest.fixture
def own_cluster() -> Iterator[object]:
    """A cluster of this test's own, to stop and start (the session's is left alone)."""
    with running_cluster() as cluster:
        yield cluster


def test_the_server_going_away_is_shown_edits_are_kept_and_saved_when_it_is_back(
    qtbot: QtBot, make_window: Callable[..., MainWindow], own_cluster: object
) -> None:
    cluster = own_cluster
    server = cluster.server  # type: ignore[attr-defined]
    server.admin("CREATE DATABASE claims")
    url = server.url("claims")
    _sample_on(url)
    window = make_window(url)
    _wait_live(qtbot, window)
    claim_id = window.claims.claim_id(0)
    window.select_claim(claim_id)

    cluster.stop()  # type: ignore[attr-defined]
    banner = window.team.live.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.message.text() == GONE_TEXT

    notes = window.detail.editor.notes
    notes.setFocus()
    notes.setPlainText("Typed while the server was away")
    notes.commit()
    assert len(window.safety.pending) == 1  # kept, not lost
    assert notes.toPlainText() == "Typed while the server was away"

    cluster.start()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: len(window.safety.pending) == 0, timeout=5_000)
    assert window.project is not None
    row = fetch_row(window.project.reader, claim_id)
    assert row is not None and row.notes == "Typed while the server was away"

    # Others' changes reach the window again.
    change_as(url, "Anna", claim_id, status="disputed")
    qtbot.waitUntil(lambda: window.detail.editor.status.code() == "disputed", timeout=3_000)
    window.close()
    window.ops.wait()
