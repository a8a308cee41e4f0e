"""merge, conflicts, resolve and undo-merge from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.cli import main
from claimtracker.schemas import ClaimUpdate
from tests.merging.helpers import copy_project, editing, make_base, snapshot


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str, status: int = 0) -> str:
    capsys.readouterr()
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == status, err
    return out if status == 0 else err


def test_merge_conflicts_resolve_and_undo_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base.db"
    make_base(base)
    mine, theirs = (
        copy_project(base, tmp_path / "mine.db"),
        copy_project(base, tmp_path / "theirs.db"),
    )
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="verified"))
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(notes="mine"))
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="false"))
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(notes="theirs"))
        services.update_claim(session=session, claim_id=3, changes=ClaimUpdate(credibility=2))
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "alice")

    dry = json.loads(run(capsys, mine, "merge", str(theirs), "--dry-run", "--json"))
    assert (dry["changed"], dry["conflicts"], dry["dry_run"]) == ({"claim": 1}, 2, True)
    out = run(capsys, mine, "merge", str(theirs))
    assert out.splitlines()[0] == "From theirs.db: 1 claim changed, 2 conflicts"

    listed = json.loads(run(capsys, mine, "conflicts", "--json"))
    assert [(c["record_id"], c["field"], c["mine"], c["theirs"]) for c in listed] == [
        (1, "status", "verified", "false"),
        (2, "notes", "mine", "theirs"),
    ]
    text = run(capsys, mine, "conflicts", "--claim", "1")
    assert "claim #1 Status: mine 'Verified', theirs 'False' (bob, theirs.db)" in text
    run(capsys, mine, "resolve", str(listed[0]["id"]), "--theirs")
    run(capsys, mine, "resolve", str(listed[1]["id"]), "--value", "both of us")
    assert run(capsys, mine, "conflicts") == "No conflicts to settle.\n"
    claims = {c["text"]: c for c in snapshot(mine)["claims"].values()}
    assert claims["Claim number 0"]["status"] == "false"
    assert claims["Claim number 1"]["notes"] == "both of us"

    error = run(capsys, mine, "resolve", str(listed[0]["id"]), "--mine", status=1)
    assert (
        error == f"claimtracker: error: Conflict #{listed[0]['id']} was settled already (theirs)\n"
    )
    error = run(capsys, mine, "undo-merge", status=1)
    assert "was settled after it" in error and error.count("\n") == 1


def test_a_bad_merge_is_one_line_and_a_non_zero_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.db"
    make_base(mine)
    error = run(capsys, mine, "merge", str(tmp_path / "nowhere.db"), status=1)
    assert error == (
        f"claimtracker: error: {tmp_path / 'nowhere.db'}: cannot merge it: there is no such file;"
        " nothing was changed\n"
    )
    assert run(capsys, mine, "undo-merge", status=1) == (
        "claimtracker: error: There is no merge to undo\n"
    )


def test_merging_a_file_into_a_server_database_says_backups_are_the_administrators(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "laptop.db"
    make_base(other)
    assert main(["--db", pg_url, "init"]) == 0
    capsys.readouterr()
    assert main(["merge", str(other), "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "From laptop.db: 1 actor added, 6 claims added, 2 links added",
        "Backup: none made here: backups of a server are its administrator's (pg_dump).",
    ]
    assert main(["merge", str(other), "--db", pg_url]) == 0
    assert capsys.readouterr().out == "Nothing new from laptop.db\n"
