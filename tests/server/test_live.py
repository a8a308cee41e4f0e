"""Live changes on a team server: the journal's triggers, the listener, the order of entries."""

from __future__ import annotations

import threading
import time

import pytest

from claimtracker.journal.changes import journal_mark, read_changes, sqlite_execute
from claimtracker.journal.summary import who_changed_what
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.server.address import TeamAddress
from claimtracker.server.live import ChangeListener, journal_triggers_installed
from claimtracker.services import claims
from claimtracker.store import Store


def _wait(condition, timeout: float = 5.0) -> bool:
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if condition():
            return True
        time.sleep(0.01)
    return bool(condition())


@pytest.fixture
def server_store(pg_migrated_url):
    with Store.open(pg_migrated_url) as store:
        yield store


def test_a_new_server_project_has_the_journal_triggers(pg_url):
    with Store.open(pg_url) as store, store.raw() as connection:
        assert journal_triggers_installed(connection)


def test_the_listener_hears_a_change_committed_elsewhere_and_not_a_rolled_back_one(
    server_store, pg_migrated_url
):
    address, password = TeamAddress.from_url(pg_migrated_url)
    heard: list[tuple[int, int]] = []
    states: list[bool] = []
    listener = ChangeListener(
        address, password, lambda a, b: heard.append((a, b)), lambda up, _why: states.append(up)
    )
    listener.start()
    try:
        assert _wait(lambda: states == [True])
        with pytest.raises(RuntimeError), server_store.write() as session:
            claims.create_claim(session=session, claim_in=ClaimCreate(text="never saved"))
            session.flush()
            raise RuntimeError("changed my mind")
        with server_store.change() as transaction:
            claims.create_claim(
                session=transaction.session, claim_in=ClaimCreate(text="Moscow denies it")
            )
        written = transaction.changes
        assert _wait(lambda: bool(heard), timeout=2)
        time.sleep(0.2)
        # One notice, for the committed entry only (the rolled-back one used id 1 and vanished).
        assert heard == [(written.last_entry, written.last_entry)]
        assert written.entries == 1
    finally:
        listener.stop()


def test_the_listener_says_when_the_server_cannot_be_reached(pg_server):
    address = TeamAddress(host="127.0.0.1", port=1, database="claims", user="anna")
    states: list[tuple[bool, str]] = []
    listener = ChangeListener(
        address, "x", lambda *_: None, lambda up, why: states.append((up, why)), backoff=(0.05,)
    )
    listener.start()
    try:
        assert _wait(lambda: bool(states))
    finally:
        listener.stop()
    up, why = states[0]
    assert not up
    assert "cannot be reached" in why and "\n" not in why


def test_journal_entries_become_visible_in_the_order_of_their_ids(server_store):
    """Concurrent writers: a reader reading "after the last id seen" never skips one."""
    with server_store.change() as transaction:
        claim = claims.create_claim(session=transaction.session, claim_in=ClaimCreate(text="x"))
    claim_ids = []
    for n in range(4):
        with server_store.write() as session:
            claim_ids.append(
                claims.create_claim(session=session, claim_in=ClaimCreate(text=f"c{n}")).id
            )
    stop = threading.Event()
    errors: list[BaseException] = []

    def edit(claim_id: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                with server_store.write() as session:
                    claims.update_claim(
                        session=session, claim_id=claim_id, changes=ClaimUpdate(text=f"t{n}")
                    )
                    session.flush()
                    time.sleep(0.002)  # hold the transaction open a little
            except BaseException as exc:
                errors.append(exc)
                return

    writers = [threading.Thread(target=edit, args=(i,)) for i in claim_ids]
    for writer in writers:
        writer.start()
    seen, read = journal_mark_of(server_store), []
    until = time.monotonic() + 1.5
    while time.monotonic() < until:
        with server_store.raw() as connection:
            rows = connection.execute(
                "SELECT id FROM history WHERE id > ? ORDER BY id", (seen,)
            ).fetchall()
        read += [row[0] for row in rows]
        seen = read[-1] if read else seen
    stop.set()
    for writer in writers:
        writer.join()
    with server_store.raw() as connection:
        rows = connection.execute(
            "SELECT id FROM history WHERE id > ? ORDER BY id", (seen,)
        ).fetchall()
    read += [row[0] for row in rows]
    assert not errors
    with server_store.raw() as connection:
        everything = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM history WHERE id > ? ORDER BY id", (read[0] - 1,)
            ).fetchall()
        ]
    assert len(read) > 20
    assert read == everything  # nothing skipped, nothing twice
    assert claim.id


def journal_mark_of(store: Store) -> int:
    with store.raw() as connection:
        return journal_mark(sqlite_execute(connection))


def test_who_changed_what_names_the_analyst_and_the_field(server_store):
    from claimtracker.journal.entries import ANALYST_KEY

    with server_store.write() as session:
        claim = claims.create_claim(session=session, claim_in=ClaimCreate(text="x"))
    mark = journal_mark_of(server_store)
    with server_store.write() as session:
        session.info[ANALYST_KEY] = "Anna"
        claims.update_claim(
            session=session, claim_id=claim.id, changes=ClaimUpdate(status="disputed")
        )
    with server_store.raw() as connection:
        execute = sqlite_execute(connection)
        last = journal_mark(execute)
        said = who_changed_what(execute, mark, last)
        changes = read_changes(execute, mark)
    assert said == f"Anna changed the status of #{claim.id}"
    assert changes.fields_of("claim", claim.id) == {"status"}
