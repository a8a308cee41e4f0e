"""Undoing a merge into a project on a file or on a team server: the same step, the same
refusal when a colleague changed what the merge brought in since (their change is kept)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimtracker import services
from claimtracker.cli import main
from claimtracker.errors import ConflictError
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.merging.merge_file import merge_file
from claimtracker.merging.undo import undo_last_merge
from claimtracker.schemas import ClaimUpdate
from claimtracker.store import Store
from tests.merging.helpers import editing, make_base


def claims(target: str) -> dict[str, tuple[Any, ...]]:
    """The claims a project holds by UUID: text, status, notes, in the trash."""
    with Store.open(target) as store, store.raw() as connection:
        return {
            uuid: tuple(values)
            for uuid, *values in connection.execute(
                "SELECT uuid, text, status, notes, deleted_at IS NOT NULL FROM claim"
            ).fetchall()
        }


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    """A colleague's laptop copy: six claims, two links."""
    path = tmp_path / "laptop.db"
    make_base(path)
    return path


def test_a_merge_into_a_file_or_a_server_is_undone_as_one_step(
    db_target: str, theirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_target) as store:
        merge_file(store, theirs)
    first = claims(db_target)
    assert len(first) == 6
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(status="false"))
        services.delete_claim(session=session, claim_id=3)
    with Store.open(db_target) as store:
        summary = merge_file(store, theirs)
    assert summary.describe() == "From laptop.db: 1 claim changed, 1 claim moved to the trash"
    assert claims(db_target) != first

    with Store.open(db_target) as store:
        undone = undo_last_merge(store)
    assert undone.describe().startswith("Undid merge #2 from laptop.db (")
    assert claims(db_target) == first
    # Merging the same file again brings the same work in again.
    with Store.open(db_target) as store:
        assert merge_file(store, theirs).describe() == summary.describe()


def test_a_colleagues_later_change_is_kept_and_the_undo_says_so(
    db_target: str, theirs: Path
) -> None:
    with Store.open(db_target) as store:
        merge_file(store, theirs)
    merged = claims(db_target)
    # Anna, at her own desk, changes a claim the merge brought in.
    with Store.open(db_target) as colleague, colleague.write() as session:
        session.info[ANALYST_KEY] = "anna"
        claim_id = session.connection().exec_driver_sql("SELECT min(id) FROM claim").scalar_one()
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(notes="Anna's notes")
        )
    with (
        Store.open(db_target) as store,
        pytest.raises(ConflictError, match=rf"Claim #{claim_id} was changed after the merge"),
    ):
        undo_last_merge(store)
    after = claims(db_target)
    assert len(after) == len(merged)  # nothing undone
    assert [values[2] for values in after.values()].count("Anna's notes") == 1


def test_undo_merge_from_the_command_line_on_either_database(
    db_target: str, theirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["merge", str(theirs), "--db", db_target]) == 0
    capsys.readouterr()
    assert main(["undo-merge", "--db", db_target]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Undid merge #1 from laptop.db (") and out.count("\n") == 1
    assert claims(db_target) == {}
    assert main(["undo-merge", "--db", db_target]) == 1
    assert capsys.readouterr().err == "claimtracker: error: There is no merge to undo\n"
