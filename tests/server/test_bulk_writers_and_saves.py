"""Bulk writers (a CSV import, its undo, a sync sending an offline copy's work) meeting a
colleague's save of the same rows on a team server: both land, or one is refused in one line,
nothing is lost, and each one's journal names exactly its own changes.

The colleague's save is held open with the row locked while the bulk writer arrives at that
row; once the bulk writer waits for it, the save commits. A bulk writer that held the journal's
lock from its start would then wait for the row while the save waits for the lock: the server
would refuse one of them after a second as a deadlock.
"""

from __future__ import annotations

import csv
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from claimtracker.csvio import import_csv
from claimtracker.csvio.undo import ImportStep, undo_import
from claimtracker.errors import ConflictError
from claimtracker.journal.changes import ChangeSet
from claimtracker.journal.reading import claim_history
from claimtracker.merging.conflicts import open_conflicts
from claimtracker.merging.sync import sync
from claimtracker.merging.undo import undo_last_merge
from claimtracker.models import Claim
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.services import claims
from claimtracker.store import Store
from tests.merging.test_sync import claim_id, edit, team  # noqa: F401 (fixture)

#: Generous: how long a thread may take to do what it must do.
PATIENCE = 30.0


@pytest.fixture
def two_stores(pg_migrated_url: str) -> Iterator[tuple[Store, Store]]:
    """The importer's program and a colleague's, each its own Store and connections."""
    with Store.open(pg_migrated_url) as mine, Store.open(pg_migrated_url) as theirs:
        yield mine, theirs


def _wait_for_a_row_lock(url: str, worker: threading.Thread) -> None:
    """Until some transaction on the server waits for a row another holds."""
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as watcher:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline and worker.is_alive():
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'"
            ).fetchone()
            if waiting and waiting[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the bulk writer never reached the row the colleague holds")


def _in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _colleague_saves_while(
    url: str, store: Store, claim: int, notes: str, bulk: Callable[[], Any]
) -> tuple[ChangeSet, Any]:
    """The colleague saves ``notes`` on ``claim``, holding the row until ``bulk`` (run on a
    thread) waits for it; returns the save's change set and what ``bulk`` returned or raised."""
    with store.change() as transaction:
        claims.update_claim(
            session=transaction.session, claim_id=claim, changes=ClaimUpdate(notes=notes)
        )
        transaction.session.flush()
        worker, outcome = _in_thread(bulk)
        _wait_for_a_row_lock(url, worker)
    worker.join(PATIENCE)
    assert not worker.is_alive() and len(outcome) == 1
    return transaction.changes, outcome[0]


def _new_claim(store: Store, text: str) -> tuple[int, str]:
    with store.write() as session:
        claim = claims.create_claim(session=session, claim_in=ClaimCreate(text=text))
        assert claim.id is not None
        return claim.id, claim.uuid


def _claim(store: Store, claim: int) -> Claim:
    with store.read() as session:
        found = session.get(Claim, claim)
        assert found is not None
        return found


def _history(store: Store, claim: int) -> list[tuple[str, str | None, Any, Any]]:
    with store.read() as session:
        return [
            (entry.action, entry.field, entry.old_value, entry.new_value)
            for entry in claim_history(session=session, claim_id=claim)
        ]


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("uuid", "claim", "notes"))
        writer.writerows(rows)
    return path


def test_an_import_of_a_claim_a_colleague_is_saving_waits_for_the_save_and_both_land(
    two_stores: tuple[Store, Store], pg_migrated_url: str, tmp_path: Path
) -> None:
    mine, theirs = two_stores
    claim, uuid = _new_claim(mine, "Moscow denies it")
    path = _csv(
        tmp_path / "claims.csv",
        [
            (uuid, "Moscow denies it again", "from the file"),
            ("", "A new claim from the file", ""),
        ],
    )
    saved, imported = _colleague_saves_while(
        pg_migrated_url, theirs, claim, "the colleague's note", lambda: import_csv(mine, path)
    )
    assert not isinstance(imported, BaseException), imported
    # Each change set is its own: the save's names only its note, the import's its own rows.
    assert saved.updated == {"claim": {claim: frozenset({"notes"})}} and not saved.created
    new = imported.changes.created_ids("claim")
    assert len(new) == 1 and claim not in new
    assert imported.changes.updated == {"claim": {claim: frozenset({"text", "notes"})}}
    assert saved.last_entry <= imported.changes.after_entry
    # The import read the claim after the save: its journal says what it replaced.
    assert _history(mine, claim)[1:] == [
        ("changed", "notes", None, "the colleague's note"),
        ("changed", "text", "Moscow denies it", "Moscow denies it again"),
        ("changed", "notes", "the colleague's note", "from the file"),
    ]
    # So its undo gives the colleague's note back, not the note from before the save.
    undo_import(mine, ImportStep(imported.changes, imported.new_tag_ids), note="undo")
    assert (_claim(mine, claim).text, _claim(mine, claim).notes) == (
        "Moscow denies it",
        "the colleague's note",
    )


def test_an_undo_of_an_import_meeting_a_colleagues_save_of_its_claim_is_refused_in_one_line(
    two_stores: tuple[Store, Store], pg_migrated_url: str, tmp_path: Path
) -> None:
    mine, theirs = two_stores
    claim, uuid = _new_claim(mine, "Moscow denies it")
    path = _csv(
        tmp_path / "claims.csv",
        [(uuid, "Moscow denies it again", ""), ("", "A new claim from the file", "")],
    )
    summary = import_csv(mine, path)
    step = ImportStep(summary.changes, summary.new_tag_ids)
    saved, undone = _colleague_saves_while(
        pg_migrated_url,
        theirs,
        claim,
        "seen after the import",
        lambda: undo_import(mine, step, note="undo"),
    )
    assert isinstance(undone, ConflictError)
    assert str(undone) == (
        f"Claim #{claim} was changed after the import; undoing or redoing the import now "
        "would lose that change"
    )
    # Nothing was lost: the colleague's note and everything the import did are there.
    assert (_claim(mine, claim).text, _claim(mine, claim).notes) == (
        "Moscow denies it again",
        "seen after the import",
    )
    (new,) = summary.changes.created_ids("claim")
    assert _claim(mine, new).text == "A new claim from the file"
    assert saved.updated == {"claim": {claim: frozenset({"notes"})}}


def test_a_sync_sending_an_edit_of_a_claim_a_colleague_is_saving_holds_a_conflict(
    team: tuple[str, Path, Path],  # noqa: F811 (the fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, anna, _bob = team
    edit(anna, "anna", "Claim number 1", monkeypatch, notes="anna's note")
    edit(anna, "anna", "Claim number 2", monkeypatch, notes="anna's other note")
    record = claim_id(server, "Claim number 1")
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "anna")

    def anna_syncs() -> Any:
        with Store.open(anna) as store:
            return sync(store)

    with Store.open(server) as colleague:
        saved, synced = _colleague_saves_while(
            server, colleague, record, "carol's note", anna_syncs
        )
    assert not isinstance(synced, BaseException), synced
    assert synced.refused is None and synced.pushed is not None
    # The colleague's save came first: hers stands on the server, anna's is held as a
    # conflict (not written over it unseen); anna's other claim arrived.
    with Store.open(server) as store:
        assert _claim(store, record).notes == "carol's note"
        other = claim_id(server, "Claim number 2")
        assert _claim(store, other).notes == "anna's other note"
        held = [(c.record_id, c.field, c.theirs) for c in store.reading(open_conflicts)]
        history = _history(store, record)
    assert held == [(record, "notes", "anna's note")]
    assert history[-1] == ("changed", "notes", None, "carol's note")
    assert saved.updated == {"claim": {record: frozenset({"notes"})}}


def test_an_undo_of_a_sync_meeting_a_colleagues_save_of_its_claim_is_refused_in_one_line(
    team: tuple[str, Path, Path],  # noqa: F811 (the fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, anna, _bob = team
    edit(anna, "anna", "Claim number 1", monkeypatch, notes="anna's note")
    with Store.open(anna) as store:
        assert sync(store).pushed is not None
    record = claim_id(server, "Claim number 1")
    with Store.open(server) as colleague, Store.open(server) as lead:
        saved, undone = _colleague_saves_while(
            server, colleague, record, "carol's note", lambda: undo_last_merge(lead)
        )
        assert _claim(lead, record).notes == "carol's note"
    assert isinstance(undone, ConflictError)
    assert str(undone) == (
        f"Claim #{record} was changed after the merge; undoing or redoing the merge now "
        "would lose that change"
    )
    assert saved.updated == {"claim": {record: frozenset({"notes"})}}


def test_a_colleagues_save_of_a_claim_an_import_holds_waits_and_is_refused_as_stale(
    two_stores: tuple[Store, Store], pg_migrated_url: str, tmp_path: Path
) -> None:
    mine, theirs = two_stores
    claim, uuid = _new_claim(mine, "Moscow denies it")
    path = _csv(tmp_path / "claims.csv", [(uuid, "Moscow denies it again", "from the file")])

    def save() -> Any:
        with theirs.write() as session:
            claims.update_claim(
                session=session,
                claim_id=claim,
                changes=ClaimUpdate(notes="the colleague's note"),
                expected_version=1,
            )

    started: list[tuple[threading.Thread, list[Any]]] = []

    def at_the_end(done: int, total: int) -> bool:
        if done == total and not started:  # every row written, not committed yet
            started.append(_in_thread(save))
            _wait_for_a_row_lock(pg_migrated_url, started[0][0])
        return True

    summary = import_csv(mine, path, progress=at_the_end)
    worker, outcome = started[0]
    worker.join(PATIENCE)
    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError)
    assert "\n" not in str(outcome[0]) and outcome[0].current_version == 2
    assert summary.changes.updated == {"claim": {claim: frozenset({"text", "notes"})}}
    assert (_claim(mine, claim).text, _claim(mine, claim).notes) == (
        "Moscow denies it again",
        "from the file",
    )
