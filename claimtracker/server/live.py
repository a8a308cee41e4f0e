"""Live changes on a team server: the journal announces itself, and a listener hears it.

**On the server.** Two statement triggers on the journal (``history``), installed by
:func:`install_journal_triggers` (idempotent; :meth:`Store.open` runs it after the migrations):

* ``BEFORE INSERT``: ``pg_advisory_xact_lock(JOURNAL_LOCK)``. Journal writers are serialised:
  the lock is taken before the statement draws its ids from the sequence and held until the
  transaction ends. Without it, two analysts' transactions could draw ids 41 and 42 and commit
  42 first; a client that read "entries after 40" at that moment would see 42, remember 42, and
  never read 41. With it, entries become visible in the order of their ids, so "id > last seen"
  misses nothing: the catch-up after a reconnect and the change set of a write
  (``journal_mark`` / ``read_changes``) stay exact. The Store's saves write their journal
  last, in one statement just before the commit, so that they hold the lock only for that
  statement and the commit, and never wait for a row while holding it
  (``claimtracker.journal.deferred``); bulk writers on a plain connection do the same, taking
  it with their mark just before their entries (``deferred.journal_turn``). The trigger keeps every other writer (``psql``, a script, ``COPY``) in line too. Tracking gaps
  instead would put the complexity in every reader.
* ``AFTER INSERT``: ``pg_notify('claimtracker_changes', 'first-last')`` with the range of ids
  the statement wrote: a few bytes, delivered to listeners when the transaction commits (and
  never for one that rolls back).

**In the app.** A :class:`ChangeListener` holds its own connection on its own thread, LISTENs,
and calls back on each notice (no Qt here: the app turns the callback into a signal). The notice
only says "the journal grew"; what changed is read from the journal itself, after the last entry
seen, as for changes from another program on a file. When the connection breaks the listener says
so and reconnects with backoff; once connected again it says so too, and the reader catches up
from the journal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from claimtracker.server.address import TeamAddress
from claimtracker.store.dbapi import DbConnection

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

CHANNEL = "claimtracker_changes"
#: The advisory lock key every journal writer takes (any fixed number; "CT" + "JOURNAL").
JOURNAL_LOCK = 0x43_54_4A_4F_55_52_4E
#: The statement that serialises journal writers (see the module's docstring).
LOCK_JOURNAL = f"SELECT pg_advisory_xact_lock({JOURNAL_LOCK})"

_TRIGGERS = ("claimtracker_journal_order", "claimtracker_journal_notify")

_INSTALL = (
    f"""CREATE OR REPLACE FUNCTION claimtracker_journal_order() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock({JOURNAL_LOCK});
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION claimtracker_journal_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        first_id bigint;
        last_id bigint;
    BEGIN
        SELECT min(id), max(id) INTO first_id, last_id FROM written;
        IF last_id IS NOT NULL THEN
            PERFORM pg_notify('{CHANNEL}', first_id || '-' || last_id);
        END IF;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS claimtracker_journal_order ON history",
    """CREATE TRIGGER claimtracker_journal_order BEFORE INSERT ON history
    FOR EACH STATEMENT EXECUTE FUNCTION claimtracker_journal_order()""",
    "DROP TRIGGER IF EXISTS claimtracker_journal_notify ON history",
    """CREATE TRIGGER claimtracker_journal_notify AFTER INSERT ON history
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION claimtracker_journal_notify()""",
)


def journal_triggers_installed(connection: DbConnection) -> bool:
    """Whether the journal announces its changes on this server database."""
    marks = ", ".join("?" for _ in _TRIGGERS)
    row = connection.execute(
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('history') "
        f"AND tgname IN ({marks})",
        _TRIGGERS,
    ).fetchone()
    return bool(row) and int(row[0]) == len(_TRIGGERS)


def install_journal_triggers(connection: DbConnection) -> bool:
    """Install the journal's triggers unless they are there; True if it installed them.

    Run in the caller's transaction (the schema owner's: an analyst cannot create triggers).
    """
    if journal_triggers_installed(connection):
        return False
    for statement in _INSTALL:
        connection.execute(statement)
    return True


def parse_notice(payload: str) -> tuple[int, int] | None:
    """The range of journal ids a notice names (``"41-43"``), or None for anything else."""
    first, _, last = payload.partition("-")
    try:
        return int(first), int(last)
    except ValueError:
        return None


#: Waits between attempts to reconnect (seconds); the last one repeats.
BACKOFF_SECONDS: Sequence[float] = (0.5, 1, 2, 4, 8)
#: How often a quiet connection is asked whether the server is still there (seconds).
HEARTBEAT_SECONDS = 5.0
#: How long one wait for notices lasts: how soon :meth:`ChangeListener.stop` is heard.
WAIT_SECONDS = 0.25


class ChangeListener:
    """LISTENs for journal notices on its own connection and thread.

    ``on_notice(first, last)`` is called for each notice, ``on_state(connected, reason)`` when
    the connection is made (again) or lost (``reason`` says why, in one line). Both are called
    on the listener's thread.
    """

    def __init__(
        self,
        address: TeamAddress,
        password: str | None,
        on_notice: Callable[[int, int], None],
        on_state: Callable[[bool, str], None],
        *,
        backoff: Sequence[float] = BACKOFF_SECONDS,
        heartbeat: float = HEARTBEAT_SECONDS,
    ) -> None:
        self.address = address
        self._password = password
        self._on_notice = on_notice
        self._on_state = on_state
        self._backoff = tuple(backoff)
        self._heartbeat = heartbeat
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: psycopg.Connection[Any] | None = None
        #: Whether the listener is connected now.
        self.connected = False
        self._reason = ""

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._run, name="claimtracker-change-listener", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and close the connection (waits for the thread ``timeout`` s)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        import psycopg

        from claimtracker.store.server_errors import server_error

        failures = 0
        while not self._stop.is_set():
            try:
                self._listen()
            except psycopg.Error as exc:
                if self._stop.is_set():
                    break
                error = server_error(exc, self.address.describe())
                reason = str(error) if error is not None else str(exc).strip().splitlines()[0]
                reason = reason.removesuffix(" Nothing was saved from this action.")
                if self.connected or failures == 0:
                    log.warning("Lost the team server's change notices: %s", reason)
                self._set_state(False, reason)
                delay = self._backoff[min(failures, len(self._backoff) - 1)]
                failures += 1
                self._stop.wait(delay)
            else:
                failures = 0
            finally:
                self._close()

    def _listen(self) -> None:
        from claimtracker.server.reader import connect

        connection = connect(self.address, self._password, autocommit=True)
        self._connection = connection
        connection.execute(f"LISTEN {CHANNEL}")
        self._set_state(True, "")
        last_heard = time.monotonic()
        while not self._stop.is_set():
            for notice in connection.notifies(timeout=WAIT_SECONDS):
                last_heard = time.monotonic()
                ids = parse_notice(notice.payload)
                if ids is not None:
                    self._on_notice(*ids)
                if self._stop.is_set():
                    return
            if time.monotonic() - last_heard > self._heartbeat:
                connection.execute("SELECT 1")  # is the server still there?
                last_heard = time.monotonic()

    def _set_state(self, connected: bool, reason: str) -> None:
        if connected == self.connected and (connected or self._reason == reason):
            return
        self._reason = reason
        self.connected = connected
        self._on_state(connected, reason)

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception as exc:
                log.debug("Closing the listener's connection: %s", exc)
