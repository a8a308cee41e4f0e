"""Analysts saving at the same moment on a team server: no lost update, stale edits refused,
each save's change set its own, and one analyst's open save not holding up another's."""

from __future__ import annotations

import threading

import pytest

from claimtracker.errors import ConflictError
from claimtracker.journal.reading import claim_history
from claimtracker.models import Claim
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.services import claims
from claimtracker.store import Store
from tests import restartable
from tests.pg import PgServer, find_bindir, throwaway_cluster

#: Generous: how long a thread may take to do what it must do without waiting for another.
PATIENCE = 30.0


@pytest.fixture
def two_stores(pg_migrated_url):
    """Two analysts' programs on one server (each its own Store, its own connections)."""
    with Store.open(pg_migrated_url) as mine, Store.open(pg_migrated_url) as theirs:
        yield mine, theirs


def _claim(store: Store, text: str) -> int:
    with store.write() as session:
        claim_id = claims.create_claim(session=session, claim_in=ClaimCreate(text=text)).id
    assert claim_id is not None
    return claim_id


def _notes(store: Store, claim_id: int) -> tuple[str | None, int]:
    with store.read() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return claim.notes, claim.version


def test_an_edit_of_a_claim_another_analyst_is_saving_waits_and_is_refused_as_stale(two_stores):
    mine, theirs = two_stores
    claim_id = _claim(mine, "Moscow denies it")
    mine_flushed, outcome = threading.Event(), []

    def their_edit() -> None:
        mine_flushed.wait(PATIENCE)
        try:
            with theirs.write() as session:
                claims.update_claim(
                    session=session,
                    claim_id=claim_id,
                    changes=ClaimUpdate(notes="theirs"),
                    expected_version=1,
                )
            outcome.append("saved")
        except ConflictError as error:
            outcome.append(error)

    thread = threading.Thread(target=their_edit)
    thread.start()
    with mine.write() as session:
        claims.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(notes="mine"),
            expected_version=1,
        )
        session.flush()
        mine_flushed.set()
        thread.join(0.5)  # they read version 1 before this save, but must wait for it
        assert thread.is_alive() and not outcome
    thread.join(PATIENCE)
    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError)
    assert outcome[0].current_version == 2
    assert _notes(mine, claim_id) == ("mine", 2)


def test_read_modify_writes_from_many_analysts_lose_nothing_and_journal_exact_old_values(
    two_stores,
):
    mine, theirs = two_stores
    claim_id = _claim(mine, "a counter")
    with mine.write() as session:
        claims.update_claim(session=session, claim_id=claim_id, changes=ClaimUpdate(notes="0"))
    saved: list[int] = []
    stale: list[int] = []
    errors: list[BaseException] = []

    def increment(store: Store, times: int) -> None:
        try:
            for _ in range(times):
                while True:
                    notes, version = _notes(store, claim_id)
                    try:
                        with store.write() as session:
                            claims.update_claim(
                                session=session,
                                claim_id=claim_id,
                                changes=ClaimUpdate(notes=str(int(notes or 0) + 1)),
                                expected_version=version,
                            )
                    except ConflictError:
                        stale.append(1)
                        continue
                    saved.append(1)
                    break
        except BaseException as exc:
            errors.append(exc)

    writers = [threading.Thread(target=increment, args=(store, 15)) for store in (mine, theirs) * 3]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(PATIENCE * 4)
    assert not errors
    assert _notes(mine, claim_id)[0] == str(len(saved)) == "90"
    with mine.read() as session:
        entries = [
            entry
            for entry in claim_history(session=session, claim_id=claim_id)
            if entry.field == "notes"
        ]
    # Each saved increment journaled once, and each entry's old value is the one before it.
    values = [(entry.old_value, entry.new_value) for entry in entries][1:]
    assert values == [(str(n), str(n + 1)) for n in range(90)]


def test_an_open_save_does_not_hold_up_another_analysts_save_and_each_reads_only_its_own(
    two_stores,
):
    mine, theirs = two_stores
    my_claim, their_claim = _claim(mine, "mine"), _claim(mine, "theirs")
    done: list[object] = []

    def their_save() -> None:
        with theirs.change() as transaction:
            claims.update_claim(
                session=transaction.session, claim_id=their_claim, changes=ClaimUpdate(notes="t")
            )
        done.append(transaction.changes)

    with mine.change() as transaction:
        claims.update_claim(
            session=transaction.session,
            claim_id=my_claim,
            changes=ClaimUpdate(notes="m", status="disputed"),
        )
        transaction.session.flush()
        thread = threading.Thread(target=their_save)
        thread.start()
        thread.join(PATIENCE)  # saved while mine is still open
        assert done, "another analyst's save waited for this one"
    theirs_changed, mine_changed = done[0], transaction.changes
    assert theirs_changed.ids("claim") == {their_claim}  # type: ignore[attr-defined]
    assert mine_changed.ids("claim") == {my_claim}
    assert mine_changed.fields_of("claim", my_claim) == {"notes", "status"}
    assert mine_changed.after_entry >= theirs_changed.last_entry  # type: ignore[attr-defined]
    assert mine_changed.last_entry - mine_changed.after_entry == mine_changed.entries == 2


def test_a_save_after_the_server_came_back_reconnects_by_itself() -> None:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL's programs are not installed")
    server: PgServer
    with throwaway_cluster(bindir) as server:
        server.admin("CREATE DATABASE claims")
        with Store.open(server.url("claims")) as store:
            claim_id = _claim(store, "before the restart")
            server.admin("CHECKPOINT")  # on disk (the cluster commits without waiting for it)
            options = restartable.stop(server)
            restartable.start(server, options)
            # Saved at once: the restart dropped the connection the claim was made on.
            with store.write() as session:
                claims.update_claim(
                    session=session, claim_id=claim_id, changes=ClaimUpdate(notes="after")
                )
            assert _notes(store, claim_id) == ("after", 2)


def test_two_analysts_naming_the_same_new_tag_at_once_both_save(two_stores):
    """The second save waits for the first one's new tag and takes it (one tag, two claims)."""
    mine, theirs = two_stores
    first, second = _claim(mine, "Kyiv says one thing"), _claim(theirs, "Moscow says another")
    mine_flushed, outcome = threading.Event(), []

    def their_tagging() -> None:
        mine_flushed.wait(PATIENCE)
        try:
            with theirs.write() as session:
                claims.set_claim_tags(session=session, claim_id=second, tags=["Border shelling"])
            outcome.append("saved")
        except Exception as error:  # what the analyst would see
            outcome.append(error)

    thread = threading.Thread(target=their_tagging)
    thread.start()
    with mine.write() as session:
        claims.set_claim_tags(session=session, claim_id=first, tags=["border shelling"])
        session.flush()
        mine_flushed.set()
        thread.join(0.5)  # their new tag has the same name: it waits for this save
        assert thread.is_alive() and not outcome
    thread.join(PATIENCE)
    assert outcome == ["saved"]
    with mine.read() as session:
        assert claims.claim_tags(session=session, claim_id=first) == ["border shelling"]
        assert claims.claim_tags(session=session, claim_id=second) == ["border shelling"]
