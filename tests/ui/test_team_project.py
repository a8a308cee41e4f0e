"""The app on a team server: two windows on one server database see each other's changes live
(LISTEN/NOTIFY, no polling), the status bar says who changed what, a stale edit across analysts
is asked about, the server going away is shown and survived, and a viewer's editing controls are
disabled with the reason."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.query import ClaimFilter, fetch_row
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.server.address import KEYRING_SERVICE, TeamAddress
from claimtracker.server.setup import init_server
from claimtracker.store import Store
from tests import restartable
from tests.core.helpers import add_many_claims
from tests.pg import PgServer, find_bindir, throwaway_cluster
from tests.ui.helpers import when_modal
from ui.claims.columns import column_index
from ui.claims.id_stream import FIRST_CHUNK
from ui.common.roles import MATCH_SPANS_ROLE
from ui.main_window import MainWindow
from ui.safety.check_dialog import CheckDatabaseDialog
from ui.safety.conflicts import ConflictDialog
from ui.team.connection_dialog import REMEMBER_TIP
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


def _sample_window(make_window: Callable[..., MainWindow], server: PgServer) -> MainWindow:
    """A window on the sample project in a new database of ``server``."""
    server.admin("CREATE DATABASE claims")
    url = server.url("claims")
    _sample_on(url)
    return make_window(url)


def test_the_server_going_away_is_shown_edits_are_kept_and_saved_when_it_is_back(
    qtbot: QtBot, make_window: Callable[..., MainWindow], own_server: PgServer
) -> None:
    server = own_server
    window = _sample_window(make_window, server)
    url = server.url("claims")
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
ANALYSTS = {"vera": "viewer", "anna": "analyst", "lena": "lead"}


@pytest.fixture
def desk(pg_server, team_url: str) -> Iterator[dict[str, str]]:
    """The team project set up with `server init`, and a viewer (vera), an analyst (anna) and a
    lead (lena)."""
    from claimtracker.server.analysts import add_analyst
    from claimtracker.server.roles import group_names

    init_server(team_url)
    with Store.open(team_url) as store, store.raw(write=True) as connection:
        for name, role in ANALYSTS.items():
            add_analyst(connection, name, role, PASSWORD)  # type: ignore[arg-type]
    database = pg_server.dbname(team_url)
    yield {name: pg_server.url(database, user=name, password=PASSWORD) for name in ANALYSTS}
    for role in group_names(database):
        pg_server.admin(f'DROP OWNED BY "{role}" CASCADE', database)
    for name in (*ANALYSTS, *group_names(database)):
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


@contextmanager
def _keyring(backend: KeyringBackend) -> Iterator[None]:
    """``backend`` is the keyring for the block."""
    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with _keyring(backend):
        yield backend


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
    qtbot.waitUntil(lambda: window.project is not None, timeout=10_000)
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


class SlowKeyring(MemoryKeyring):
    """A keyring that answers only when the test lets it (a locked one, waiting for its
    owner's unlock)."""

    #: Never chosen by keyring's own search (its chainer would ask it in other tests, and wait):
    #: only where a test sets it.
    priority = 0  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.unlocked = threading.Event()
        self.asked = threading.Event()
        self.answered = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.set()
        self.unlocked.wait(timeout=30)
        try:
            return super().get_password(service, username)
        finally:
            self.answered.set()


@pytest.fixture
def slow_keyring() -> Iterator[SlowKeyring]:
    backend = SlowKeyring()
    with _keyring(backend):
        yield backend
        backend.unlocked.set()


def test_the_dialog_paints_before_a_slow_keyring_answers(
    qtbot: QtBot, make_window: Callable[..., MainWindow], slow_keyring: SlowKeyring
) -> None:
    window = make_window()
    address = TeamAddress(host="db.example.org", port=5432, database="claims", user="anna")
    slow_keyring.passwords[address.keyring_key] = "kept"
    dialog = window.team.show_dialog(address)
    assert slow_keyring.asked.wait(timeout=10)
    # The window is drawn and the fields filled while the keyring still has not answered.
    assert not dialog.grab().isNull()
    assert dialog.analyst.text() == "anna" and dialog.open_button.isEnabled()
    assert not slow_keyring.answered.is_set()
    assert not dialog.remember.isChecked()
    assert dialog.remember.toolTip() == "Looking in the system's keyring…"

    slow_keyring.unlocked.set()
    qtbot.waitUntil(dialog.remember.isChecked, timeout=10_000)
    assert dialog.remember.toolTip() == REMEMBER_TIP


def _open_recent(window: MainWindow, url: str) -> None:
    """File → Open Recent → the team project ``url`` (kept there without its password)."""
    address, _ = TeamAddress.from_url(url)
    window.settings.add_recent_file(address.url())
    window.recent_menu.aboutToShow.emit()
    (action,) = [a for a in window.recent_menu.actions() if a.text() == address.describe()]
    action.trigger()


def test_open_recent_connects_off_the_gui_thread_and_says_in_one_line_the_server_is_down(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    own_server: PgServer,
    slow_keyring: SlowKeyring,
) -> None:
    server = own_server
    server.admin("CREATE DATABASE claims")
    url = server.url("claims")
    _sample_on(url)
    options = restartable.stop(server)  # a real server, down
    address, _ = TeamAddress.from_url(url)
    slow_keyring.passwords[address.keyring_key] = "kept"
    window = make_window()

    _open_recent(window, url)
    assert slow_keyring.asked.wait(timeout=10)
    # The window is drawn and answers while the keyring and the server keep it waiting.
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=2_000)
    assert not slow_keyring.answered.is_set() and window.team.connecting == address
    assert window.status.currentMessage() == f"Connecting to {address.describe()}…"
    assert window.table.empty_state.title.text() == "Connecting…"
    assert address.describe() in window.table.empty_state.text.text()
    shot = window.grab()
    assert not shot.isNull()
    Path("shots").mkdir(exist_ok=True)
    shot.save("shots/open-recent-connecting.png")

    slow_keyring.unlocked.set()
    qtbot.waitUntil(
        lambda: window.team.dialog is not None and window.team.dialog.error.isVisible(),
        timeout=30_000,
    )
    dialog = window.team.dialog
    assert dialog is not None
    error = dialog.error.text()
    assert f"{address.describe()} cannot be reached" in error and "\n" not in error
    assert dialog.address() == address  # filled in, to try again
    dialog.grab().save("shots/open-recent-server-down.png")
    assert window.project is None and window.team.connecting is None
    assert window.status.currentMessage() == ""
    assert window.table.empty_state.title.text() == "No project is open"

    # The server is back: Connect in the dialog opens it, with the keyring's password.
    restartable.start(server, options)
    with qtbot.waitSignal(dialog.opened, timeout=20_000):
        dialog.connect_now()
    assert window.project is not None and window.project.address == address
    window.close()
    window.ops.wait()


def test_open_recent_with_a_wrong_kept_password_says_so_in_one_line(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    desk: dict[str, str],
    memory_keyring: MemoryKeyring,
) -> None:
    address, _ = TeamAddress.from_url(desk["anna"])
    memory_keyring.passwords[address.keyring_key] = "not anna's"
    window = make_window()
    _open_recent(window, desk["anna"])
    qtbot.waitUntil(
        lambda: window.team.dialog is not None and window.team.dialog.error.isVisible(),
        timeout=20_000,
    )
    error = window.team.dialog.error.text()  # type: ignore[union-attr]
    assert "refused the password of 'anna'" in error and "\n" not in error
    assert window.project is None


def test_a_box_set_by_hand_is_not_overridden_by_a_late_keyring(
    qtbot: QtBot, make_window: Callable[..., MainWindow], slow_keyring: SlowKeyring
) -> None:
    window = make_window()
    address = TeamAddress(host="db.example.org", port=5432, database="claims", user="anna")
    dialog = window.team.show_dialog(address)
    assert slow_keyring.asked.wait(timeout=10)
    dialog.remember.click()  # the analyst ticks it: none is kept yet
    assert dialog.remember.isChecked()
    slow_keyring.unlocked.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.processEvents()  # the answer, queued by the worker, reaches the dialog
    assert slow_keyring.answered.is_set()
    assert dialog.remember.isChecked()


# -- Check Database on a server -----------------------------------------------------------------


def _checked(qtbot: QtBot, window: MainWindow) -> CheckDatabaseDialog:
    assert window.safety.actions.check_database.isEnabled()
    dialog = window.safety.check_database()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    return dialog


TITLES = ("<b>Schema</b>", "<b>Constraints</b>", "<b>References</b>", "<b>Indexes</b>")


def _stop_using_an_index(pg_server: PgServer, url: str) -> None:
    """The server stops using an index (as after a CREATE INDEX CONCURRENTLY that failed)."""
    pg_server.admin(
        "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_claim_status'::regclass",
        pg_server.dbname(url),
    )


def test_check_database_on_a_server_says_what_it_means_there(
    qtbot: QtBot, make_window: Callable[..., MainWindow], desk: dict[str, str], pg_server
) -> None:
    window = make_window(desk["anna"])
    dialog = _checked(qtbot, window)
    assert [label.text() for label in dialog.findChildren(QLabel) if label.text() in TITLES] == [
        *TITLES
    ]
    assert [mark.text() for mark in dialog.marks.values()] == ["✓", "✓", "✓", "✓"]
    assert dialog.texts["schema"].text().startswith("At the newest revision")
    assert dialog.summary.text().startswith("Everything is in order.")
    assert dialog.where.text() == "A team project on a PostgreSQL server, checked as an analyst"
    assert not dialog.repair_button.isVisible() and not dialog.backups_button.isVisible()

    # An index the server stopped using: an analyst sees the repair, disabled, and why.
    _stop_using_an_index(pg_server, desk["anna"])
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        dialog.again_button.click()
    assert dialog.marks["indexes"].text() == "✗"
    assert "ix_claim_status" in dialog.texts["indexes"].text()
    assert [dialog.marks[key].text() for key in ("schema", "constraints", "references")] == [
        "✓"
    ] * 3
    assert dialog.repair_button.isVisible() and not dialog.repair_button.isEnabled()
    assert dialog.repair_button.toolTip() == (
        "You are an analyst on this project: only a lead can rebuild the server's indexes."
    )
    assert "A lead of the project can rebuild them." in dialog.summary.text()
    dialog.close()

    # The lead rebuilds it (REINDEX, with the owner's rights through server init's function).
    lead = make_window(desk["lena"])
    dialog = _checked(qtbot, lead)
    assert dialog.marks["indexes"].text() == "✗"
    assert dialog.repair_button.isEnabled()
    # On a project set up before that function, the repair says in one line why it cannot.
    database = pg_server.dbname(desk["lena"])
    pg_server.admin("DROP FUNCTION claimtracker_repair_indexes()", database)
    dialog.repair_button.click()
    qtbot.waitUntil(lambda: "could not run" in dialog.step.text(), timeout=20_000)
    assert "only its owner can rebuild the indexes here" in dialog.step.text()
    assert "\n" not in dialog.step.text() and dialog.repair_button.isVisible()
    assert dialog.marks["indexes"].text() == "✗"
    init_server(pg_server.url(database))  # the owner runs server init again
    with qtbot.waitSignal(dialog.checked, timeout=20_000) as done:
        dialog.repair_button.click()
    assert done.args[0].ok
    assert dialog.marks["indexes"].text() == "✓" and not dialog.repair_button.isVisible()
    dialog.close()


def test_check_database_says_in_one_line_that_the_server_went_away(
    qtbot: QtBot, make_window: Callable[..., MainWindow], own_server: PgServer
) -> None:
    server = own_server
    window = _sample_window(make_window, server)
    dialog = _checked(qtbot, window)
    assert dialog.report is not None and dialog.report.ok
    options = restartable.stop(server)
    try:
        dialog.report = None
        dialog.again_button.click()
        qtbot.waitUntil(lambda: "could not run" in dialog.step.text(), timeout=20_000)
        said = dialog.step.text()
        assert "\n" not in said and "cannot be reached" in said, said
        assert [mark.text() for mark in dialog.marks.values()] == ["–"] * 4
        assert dialog.again_button.isEnabled()
    finally:
        restartable.start(server, options)
    with qtbot.waitSignal(dialog.checked, timeout=20_000) as done:
        dialog.again_button.click()
    assert done.args[0].ok
    dialog.close()
    window.close()
    window.ops.wait()


# -- the words the server found, marked as it folded them -------------------------------------


def test_the_words_the_server_found_are_marked_as_it_folded_them(
    qtbot: QtBot, make_window: Callable[..., MainWindow], pg_migrated_url: str
) -> None:
    texts = ("Ёлка у дома горела", "Die Straße war gesperrt", "Protest in Łódź")
    with Store.open(pg_migrated_url) as store, store.write() as session:
        for text in texts:
            services.create_claim(session=session, claim_in=ClaimCreate(text=text))
    window = make_window(pg_migrated_url)
    model = window.claims
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    text_column = column_index("text")
    # A search typed before the server said how it folds: it is marked once it has.
    model.set_query(ClaimFilter(text="елка"))
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(
        lambda: model.index(0, text_column).data(MATCH_SPANS_ROLE) == ((0, 4),), timeout=20_000
    )

    def marked(typed: str) -> list[str]:
        model.set_query(ClaimFilter(text=typed))
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 1, timeout=10_000)
        cell = model.index(0, text_column)
        text = cell.data()
        return [text[start:end] for start, end in cell.data(MATCH_SPANS_ROLE)]

    assert marked("елка") == ["Ёлка"]
    assert marked("strasse") == ["Straße"]
    assert marked("lodz") == ["Łódź"]
    assert marked("gesperrt") == ["gesperrt"]
