"""The app on a team server: two windows on one server database see each other's changes live
(LISTEN/NOTIFY, no polling), the status bar says who changed what, a stale edit across analysts
is asked about, the server going away is shown and survived, and a viewer's editing controls are
disabled with the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.query import fetch_row
from claimtracker.schemas import ClaimUpdate
from claimtracker.server.address import KEYRING_SERVICE, TeamAddress
from claimtracker.store import Store
from tests import restartable
from tests.core.helpers import add_many_claims
from tests.pg import PgServer, find_bindir, throwaway_cluster
from tests.ui.helpers import when_modal
from ui.claims.id_stream import FIRST_CHUNK
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
def own_server(pg_server: PgServer) -> Iterator[PgServer]:
    """A cluster of this test's own, to stop and start (the session's is left alone)."""
    bindir = find_bindir()
    assert bindir is not None  # pg_server has made sure
    with throwaway_cluster(bindir) as server:
        yield server


def test_the_server_going_away_is_shown_edits_are_kept_and_saved_when_it_is_back(
    qtbot: QtBot, make_window: Callable[..., MainWindow], own_server: PgServer
) -> None:
    server = own_server
    server.admin("CREATE DATABASE claims")
    url = server.url("claims")
    _sample_on(url)
    window = make_window(url)
    _wait_live(qtbot, window)
    claim_id = window.claims.claim_id(0)
    window.select_claim(claim_id)

    options = restartable.stop(server)
    banner = window.team.live.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.message.text() == GONE_TEXT

    notes = window.detail.editor.notes
    notes.setFocus()
    notes.setPlainText("Typed while the server was away")
    notes.commit()
    assert len(window.safety.pending) == 1  # kept, not lost
    assert notes.toPlainText() == "Typed while the server was away"

    restartable.start(server, options)
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


# -- searching a large team project ------------------------------------------------------------


@pytest.fixture
def large_team_url(pg_migrated_url: str) -> str:
    """A team project with more claims than a first page (every third about a ceasefire)."""
    with Store.open(pg_migrated_url) as store:
        add_many_claims(store, CLAIMS)
    return pg_migrated_url


CLAIMS = 2 * FIRST_CHUNK + 90
PROVOCATIONS = sum(1 for number in range(CLAIMS) if number % 3)


def test_a_search_on_a_team_project_shows_its_first_page_before_the_count(
    qtbot: QtBot, make_window: Callable[..., MainWindow], large_team_url: str
) -> None:
    window = make_window(large_team_url)
    model = window.claims
    assert model.rowCount() == CLAIMS
    window.filter_bar.search.setText("provoc")
    # The first page is on screen while the rest (and so the count) is still to come.
    qtbot.waitUntil(lambda: model.loading and model.rowCount() == FIRST_CHUNK, timeout=5_000)
    assert window.status.matches.text() == f"{FIRST_CHUNK}+ claims so far…"
    assert all("provocations" in model.claim_row(row).text for row in range(5))  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert model.rowCount() == PROVOCATIONS
    assert window.status.matches.text() == f"{PROVOCATIONS:,} of {CLAIMS:,} claims match"


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type ``text`` in the search box and wait for all its matches."""
    window.filter_bar.search.setText(text)
    qtbot.waitUntil(
        lambda: window.claims.claim_filter.text == text and not window.claims.loading,
        timeout=10_000,
    )


def _backends_started_since(url: str, since: object) -> int:
    """The connections to this database made after ``since`` (a server timestamp)."""
    import psycopg

    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_start > %s AND pid <> pg_backend_pid()",
            (since,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_typing_searches_on_a_team_project_opens_no_connection_per_search(
    qtbot: QtBot, make_window: Callable[..., MainWindow], large_team_url: str
) -> None:
    import psycopg

    window = make_window(large_team_url)
    _wait_live(qtbot, window)
    model = window.claims
    _search(qtbot, window, "cease")
    with psycopg.connect(large_team_url.replace("+psycopg", ""), autocommit=True) as connection:
        since = connection.execute("SELECT now()").fetchone()[0]  # type: ignore[index]
    for text in ("pro", "provoc", "claim", "ceasefire"):
        _search(qtbot, window, text)
    assert model.rowCount() == CLAIMS - PROVOCATIONS
    assert _backends_started_since(large_team_url, since) == 0


# -- roles ------------------------------------------------------------------------------------

PASSWORD = "correct horse"


@pytest.fixture
def desk(pg_server, team_url: str) -> Iterator[dict[str, str]]:
    """The team project set up with `server init`, and a viewer (vera) and an analyst (anna)."""
    from claimtracker.server.analysts import add_analyst
    from claimtracker.server.roles import group_names
    from claimtracker.server.setup import init_server

    init_server(team_url)
    with Store.open(team_url) as store, store.raw(write=True) as connection:
        for name, role in (("vera", "viewer"), ("anna", "analyst")):
            add_analyst(connection, name, role, PASSWORD)  # type: ignore[arg-type]
    database = pg_server.dbname(team_url)
    yield {name: pg_server.url(database, user=name, password=PASSWORD) for name in ("vera", "anna")}
    for role in group_names(database):
        pg_server.admin(f'DROP OWNED BY "{role}" CASCADE', database)
    for name in ("vera", "anna", *group_names(database)):
        pg_server.admin(f'DROP ROLE IF EXISTS "{name}"')


def test_a_viewer_sees_the_editing_controls_disabled_with_the_reason(
    qtbot: QtBot, make_window: Callable[..., MainWindow], desk: dict[str, str]
) -> None:
    window = make_window(desk["vera"])
    assert window.team.role == "viewer"
    assert window.team.role_label.text() == "Viewer — read only"
    window.select_claim(window.claims.claim_id(0))
    reason = "You are a viewer on this project: only analysts and leads can change claims."
    for action in (window.act.new_claim, window.act.delete, window.act.empty_trash):
        assert not action.isEnabled()
        assert action.toolTip() == reason
    editor = window.detail.editor
    assert editor.isEnabled()  # the claim is shown, to read
    for widget in (editor.text, editor.status, editor.notes):
        assert not widget.isEnabled()
        assert widget.toolTip() == reason
    # Were a change tried anyway, the server itself refuses it, in one line.
    rows = window.claims.rowCount()
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(box.informativeText())
        box.accept()

    when_modal(QMessageBox, read_and_close)
    window.new_claim()
    assert said and "viewer" in said[0] and "\n" not in said[0]
    assert window.claims.rowCount() == rows


def test_an_analyst_may_edit_but_not_set_verified_or_empty_the_trash(
    make_window: Callable[..., MainWindow], desk: dict[str, str]
) -> None:
    window = make_window(desk["anna"])
    assert window.team.role == "analyst"
    window.select_claim(window.claims.claim_id(0))
    assert window.act.new_claim.isEnabled()
    assert window.detail.editor.notes.isEnabled()
    assert not window.act.empty_trash.isEnabled()
    assert "only a lead can empty the trash" in window.act.empty_trash.toolTip()
    status = window.detail.editor.status
    model = status.model()
    verified = status.findData("verified")
    assert not model.item(verified).isEnabled()  # type: ignore[attr-defined]
    assert "only a lead can set" in model.item(verified).toolTip()  # type: ignore[attr-defined]
    assert model.item(status.findData("disputed")).isEnabled()  # type: ignore[attr-defined]


# -- the connection dialog ----------------------------------------------------------------------


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in memory (the machine running the tests has none)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[str, str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get(username) if service == KEYRING_SERVICE else None

    def set_password(self, service: str, username: str, password: str) -> None:
        assert service == KEYRING_SERVICE
        self.passwords[username] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop(username, None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def _dialog(window: MainWindow, url: str, password: str = ""):
    address, _ = TeamAddress.from_url(url)
    dialog = window.team.show_dialog()
    dialog.host.setText(address.host)
    dialog.port.setValue(address.port)
    dialog.database.setText(address.database)
    dialog.analyst.setText(address.user)
    dialog.password.setText(password)
    return dialog


def test_the_dialog_says_what_is_wrong_in_one_line_and_keeps_what_was_typed(
    qtbot: QtBot, make_window: Callable[..., MainWindow], desk: dict[str, str], pg_server
) -> None:
    window = make_window()
    dialog = _dialog(window, desk["anna"], "wrong")
    dialog.connect_now()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "refused the password of 'anna'" in dialog.error.text()
    assert "\n" not in dialog.error.text()
    assert dialog.password.text() == "wrong" and dialog.analyst.text() == "anna"

    dialog.port.setValue(1)  # nobody listens there
    dialog.connect_now()
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.error.text(), timeout=10_000)

    invoices = pg_server.new_database()
    try:
        pg_server.admin("CREATE TABLE invoices (id int)", invoices)
        other = _dialog(window, pg_server.url(invoices))
        other.connect_now()
        qtbot.waitUntil(lambda: "not a ClaimTracker project" in other.error.text(), timeout=10_000)
        assert window.project is None
        other.close()
    finally:
        pg_server.drop_database(invoices)


def test_remember_password_keeps_it_in_the_keyring_never_in_the_settings(
    qtbot: QtBot, make_window: Callable[..., MainWindow], desk: dict[str, str], memory_keyring
) -> None:
    window = make_window()
    dialog = _dialog(window, desk["anna"], PASSWORD)
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(dialog.opened, timeout=10_000):
        dialog.connect_now()
    assert window.project is not None and window.project.on_server
    address, _ = TeamAddress.from_url(desk["anna"])
    assert memory_keyring.passwords == {address.keyring_key: PASSWORD}
    window.settings.sync()
    settings_text = Path(window.settings.file_name).read_text(encoding="utf-8")
    assert PASSWORD not in settings_text and PASSWORD.replace(" ", "%20") not in settings_text

    # Open Recent: the URL without the password; the keyring's opens it.
    recent = window.settings.recent_files[0]
    assert recent == address.url()
    window.close_project()
    assert window.open_project(recent)
    assert window.team.role == "analyst"


def test_the_dispute_views_and_the_dossier_work_on_a_team_project(
    qtbot: QtBot, make_window: Callable[..., MainWindow], team_url: str
) -> None:
    window = make_window(team_url)
    window.dispute.show_network.trigger()
    dispute_window = window.dispute.window
    qtbot.addWidget(dispute_window)
    network = dispute_window.network
    qtbot.waitUntil(lambda: network.summary.text() not in ("", "Loading…"), timeout=10_000)
    qtbot.waitUntil(lambda: not network.loading, timeout=10_000)
    assert "claim" in network.summary.text() and "SQLite" not in network.summary.text()
    window.dispute.show_timeline.trigger()
    timeline = dispute_window.timeline
    qtbot.waitUntil(lambda: timeline.summary.text() not in ("", "Loading…"), timeout=10_000)
    qtbot.waitUntil(lambda: not timeline.loading, timeout=10_000)
    assert timeline.timeline is not None and "SQLite" not in timeline.summary.text()
    window.select_claim(1)
    window.act.export_report.trigger()
    dialog = window.report_dialog
    qtbot.waitUntil(lambda: dialog.dossier is not None, timeout=10_000)
    assert "SQLite" not in dialog.summary.text()


def test_a_sync_connects_with_the_password_the_keyring_keeps(memory_keyring) -> None:
    from claimtracker.server.address import with_stored_password

    url = "postgresql+psycopg://anna@db.example.org:5432/claims"
    assert with_stored_password(url) == url  # none kept: libpq looks in ~/.pgpass
    address, _ = TeamAddress.from_url(url)
    keyring.set_password(KEYRING_SERVICE, address.keyring_key, "s3cret word")
    assert TeamAddress.from_url(with_stored_password(url)) == (address, "s3cret word")
    given = "postgresql+psycopg://anna:typed@db.example.org:5432/claims"
    assert with_stored_password(given) == given
