"""A team project checked out, edited offline on laptops and on the server, and synced back:
fields land, conflicts are held, a second sync changes nothing, a killed sync loses nothing.
Against the real test cluster (tests/pg.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimtracker import services
from claimtracker.cli import main
from claimtracker.errors import MergeInputError
from claimtracker.journal.changes import sqlite_execute
from claimtracker.merging.conflicts import open_conflicts, resolve_conflict
from claimtracker.merging.merge_file import merge_file
from claimtracker.merging.sync import checkout, sync, sync_status
from claimtracker.safety.integrity import check_database
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.store import Store
from tests.merging.helpers import CLAIM_FIELDS, editing, make_base
from tests.pg import PgServer
from tests.server.test_team import cli, desk, typed_password  # noqa: F401 (fixtures)


def side(target: str | Path) -> dict[str, Any]:
    """What a project (a file or a server) holds, by UUID: claims' fields, tags, trash."""
    with Store.open(target) as store, store.raw() as connection:
        execute = sqlite_execute(connection)
        tags: dict[int, list[str]] = {}
        for claim_id, name in execute(
            "SELECT ct.claim_id, t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id", ()
        ):
            tags.setdefault(int(claim_id), []).append(str(name))
        return {
            row[1]: dict(zip(CLAIM_FIELDS, row[3:], strict=True))
            | {"deleted": row[2] is not None, "tags": sorted(tags.get(int(row[0]), []))}
            for row in execute(
                f"SELECT id, uuid, deleted_at, {', '.join(CLAIM_FIELDS)} FROM claim", ()
            )
        }


def entries(target: str | Path) -> list[tuple[Any, ...]]:
    with Store.open(target) as store, store.raw() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                "SELECT changed_at, analyst, kind, action, field, new_value FROM history ORDER BY id"
            ).fetchall()
        ]


def uuid_of(target: str | Path, text: str) -> str:
    with Store.open(target) as store, store.raw() as connection:
        return str(
            connection.execute("SELECT uuid FROM claim WHERE text = ?", (text,)).fetchone()[0]
        )


def claim_id(target: str | Path, text: str) -> int:
    with Store.open(target) as store, store.raw() as connection:
        return int(connection.execute("SELECT id FROM claim WHERE text = ?", (text,)).fetchone()[0])


def edit(
    target: str | Path, analyst: str, text: str, monkeypatch: pytest.MonkeyPatch, **changes: Any
) -> None:
    record = claim_id(target, text)
    with editing(target, analyst, monkeypatch) as session:  # type: ignore[arg-type]
        services.update_claim(session=session, claim_id=record, changes=ClaimUpdate(**changes))


def synced(path: Path, analyst: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", analyst)
    with Store.open(path) as store:
        return sync(store)


@pytest.fixture
def team(
    pg_migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, Path, Path]:
    """A team project on the server, checked out by anna and by bob."""
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "lead")
    make_base(pg_migrated_url)  # type: ignore[arg-type]
    anna, bob = tmp_path / "anna.db", tmp_path / "bob.db"
    assert checkout(pg_migrated_url, anna).can_push
    assert checkout(pg_migrated_url, bob).verified["claim"] == 6
    return pg_migrated_url, anna, bob


def test_a_checkout_holds_the_team_project_and_remembers_the_server(
    team: tuple[str, Path, Path],
) -> None:
    server, anna, _bob = team
    assert side(anna) == side(server)
    with Store.open(anna) as store:
        status = sync_status(store)
    assert status.url is not None and status.url.endswith(server.rsplit("/", 1)[1].split("?")[0])
    assert "@" in status.url and ":" not in status.url.split("//", 1)[1].split("@")[0]
    assert status.conflicts == 0 and status.last_synced is not None
    assert check_database(anna).ok
    # The server's journal came with it: who made each record, and when.
    assert [e[:4] for e in entries(anna) if e[3] == "created"][:3] == [
        e[:4] for e in entries(server) if e[3] == "created"
    ][:3]


def test_offline_edits_on_both_sides_land_everywhere_under_their_analysts(
    team: tuple[str, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, anna, bob = team
    edit(anna, "anna", "Claim number 1", monkeypatch, status="verified")
    edit(bob, "bob", "Claim number 1", monkeypatch, notes="seen twice")
    edit(server, "carol", "Claim number 2", monkeypatch, credibility=2)
    with editing(bob, "bob", monkeypatch) as session:
        services.create_claim(session=session, claim_in=ClaimCreate(text="Bob's new claim"))

    first = synced(anna, "anna", monkeypatch)
    assert first.pulled.changed == {"claim": 1} and first.pushed is not None
    assert first.pushed.changed == {"claim": 1} and first.conflicts == 0
    second = synced(bob, "bob", monkeypatch)
    assert second.pulled.changed == {"claim": 2}
    assert second.pushed is not None and second.pushed.added == {"claim": 1}
    synced(anna, "anna", monkeypatch)

    assert side(anna) == side(bob) == side(server)
    one = side(server)[uuid_of(server, "Claim number 1")]
    assert (one["status"], one["notes"]) == ("verified", "seen twice")
    assert side(server)[uuid_of(server, "Claim number 2")]["credibility"] == 2
    # The server's history has each analyst's change, with the time it was made offline.
    anna_status = next(e for e in entries(anna) if e[1] == "anna" and e[4] == "status")
    assert anna_status in entries(server)
    assert any(e[1] == "bob" and e[4] == "notes" for e in entries(server))
    assert not any(e[1] == "bob" and e[4] == "status" for e in entries(server))


def test_one_field_changed_two_ways_is_held_and_settled_the_same_way(
    team: tuple[str, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, anna, bob = team
    edit(anna, "anna", "Claim number 3", monkeypatch, status="false")
    edit(bob, "bob", "Claim number 3", monkeypatch, status="misleading", notes="bob's note")
    synced(anna, "anna", monkeypatch)
    result = synced(bob, "bob", monkeypatch)
    assert result.pulled.conflicts == 1
    three = uuid_of(server, "Claim number 3")
    # Until settled, each side's value stands; bob's other field went up.
    assert side(bob)[three]["status"] == "misleading"
    assert side(server)[three]["status"] == "false"
    assert side(server)[three]["notes"] == "bob's note"
    with Store.open(bob) as store:
        assert sync_status(store).conflicts == 1
        with store.write() as session:
            (conflict,) = open_conflicts(session=session)
            assert (conflict.mine, conflict.theirs) == ("misleading", "false")
            resolve_conflict(session=session, conflict_id=conflict.id, how="theirs")
    # The server held it too (bob's value met anna's there); bob's settling agrees it there.
    assert synced(bob, "bob", monkeypatch).pushed.agreed == 1  # type: ignore[union-attr]
    synced(anna, "anna", monkeypatch)
    assert side(anna) == side(bob) == side(server)
    with Store.open(server) as store, store.read() as session:
        assert open_conflicts(session=session) == []


def test_a_second_sync_changes_nothing(
    team: tuple[str, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, anna, _bob = team
    edit(anna, "anna", "Claim number 4", monkeypatch, notes="offline")
    edit(server, "carol", "Claim number 5", monkeypatch, notes="at the desk")
    synced(anna, "anna", monkeypatch)
    before = entries(anna), entries(server), side(anna)
    again = synced(anna, "anna", monkeypatch)
    assert again.pulled.nothing_new and again.pushed is None
    assert (entries(anna), entries(server), side(anna)) == before


KILL_SCRIPT = """
import os, signal, sys
from claimtracker.store import Store
from claimtracker.merging.sync import sync

starts = []

def kill_in_the_push(done, total):
    if done == 0:
        starts.append(done)
    if len(starts) == 2 and done >= 3:  # the server's transaction open, claims written
        os.kill(os.getpid(), signal.SIGKILL)
    return True

with Store.open(sys.argv[1]) as store:
    sync(store, progress=kill_in_the_push)
"""


def test_a_sync_killed_while_sending_leaves_the_server_as_it_was(
    team: tuple[str, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, anna, _bob = team
    with editing(anna, "anna", monkeypatch) as session:
        for n in range(10):
            services.create_claim(session=session, claim_in=ClaimCreate(text=f"Offline {n}"))
    edit(server, "carol", "Claim number 5", monkeypatch, notes="at the desk")
    before = side(server), entries(server)
    process = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(anna)],
        env=os.environ | {"CLAIMTRACKER_ANALYST": "anna"},
        capture_output=True,
        check=False,
    )
    assert process.returncode == -9, process.stderr
    assert (side(server), entries(server)) == before
    assert check_database(anna).ok
    assert side(anna)[uuid_of(server, "Claim number 5")]["notes"] == "at the desk"
    result = synced(anna, "anna", monkeypatch)
    assert result.pushed is not None and result.pushed.added == {"claim": 10}
    assert side(anna) == side(server)


def test_merge_a_server_into_a_file_and_a_file_into_a_server(
    pg_migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "lead")
    make_base(pg_migrated_url)  # type: ignore[arg-type]
    laptop = tmp_path / "laptop.db"
    make_base(laptop, claims=4)
    with Store.open(laptop) as store:
        pulled = merge_file(store, pg_migrated_url)
    assert pulled.added["claim"] == 6 and pulled.backup is not None
    with Store.open(pg_migrated_url) as store:
        pushed = merge_file(store, laptop)
    assert pushed.added["claim"] == 4 and "administrator" in str(pushed.backup)
    assert side(laptop) == side(pg_migrated_url)
    with Store.open(pg_migrated_url) as store, pytest.raises(MergeInputError, match="itself"):
        merge_file(store, pg_migrated_url)


def run(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    assert main(list(args)) == status
    captured = capsys.readouterr()
    return captured.out if status == 0 else captured.err


def test_bad_input_is_one_line_and_changes_nothing(
    pg_server: PgServer,
    team: tuple[str, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, anna, _bob = team
    capsys.readouterr()
    plain = tmp_path / "plain.db"
    make_base(plain)
    error = run(capsys, "sync", "--db", str(plain), status=1)
    assert "plain.db was not checked out from a team server" in error
    assert error.count("\n") == 1
    error = run(capsys, "checkout", server, str(anna), status=1)
    assert "the file exists already" in error and error.count("\n") == 1
    down = f"postgresql+psycopg://nobody@127.0.0.1:{_closed_port()}/claims"
    error = run(capsys, "sync", down, "--db", str(anna), status=1)
    assert "cannot be reached" in error and error.count("\n") == 1
    dbname = pg_server.dbname(server)
    pg_server.admin("CREATE ROLE sync_viewer LOGIN PASSWORD 'right'")
    try:
        pg_server.admin(f'GRANT CONNECT ON DATABASE "{dbname}" TO sync_viewer')
        viewer_url = pg_server.url(dbname, user="sync_viewer", password="right")
        error = run(capsys, "checkout", viewer_url, str(tmp_path / "v.db"), status=1)
        assert "refused" in error and "permission denied" in error and error.count("\n") == 1
        assert not (tmp_path / "v.db").exists()
        pg_server.admin("GRANT SELECT ON ALL TABLES IN SCHEMA public TO sync_viewer", dbname)
        wrong = pg_server.url(dbname, user="sync_viewer", password="wrong")
        error = run(capsys, "checkout", wrong, str(tmp_path / "v.db"), status=1)
        assert "refused the password" in error and error.count("\n") == 1
        assert not (tmp_path / "v.db").exists()
        out = run(capsys, "checkout", viewer_url, str(tmp_path / "v.db"))
        assert "lets this copy pull changes, not send them" in out
        edit(tmp_path / "v.db", "vera", "Claim number 5", monkeypatch, notes="viewer's note")
        before = side(server)
        out = run(capsys, "sync", viewer_url, "--db", str(tmp_path / "v.db"))
        assert "Not pushed:" in out and "permission denied" in out
        assert side(server) == before
        assert side(tmp_path / "v.db")[uuid_of(server, "Claim number 5")]["notes"] == (
            "viewer's note"
        )
    finally:
        pg_server.admin(f'REASSIGN OWNED BY sync_viewer TO "{pg_server.superuser}"', dbname)
        pg_server.admin("DROP OWNED BY sync_viewer", dbname)
        pg_server.admin("DROP ROLE sync_viewer")


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_checkout_and_sync_from_the_command_line(
    team: tuple[str, Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, anna, _bob = team
    capsys.readouterr()
    out = run(capsys, "checkout", server, str(anna.with_name("cli.db")))
    assert out.startswith("Checked out ") and "6 claims" in out and "(verified)" in out
    edit(anna.with_name("cli.db"), "cli", "Claim number 2", monkeypatch, notes="from the CLI")
    out = run(capsys, "sync", "--db", str(anna.with_name("cli.db")))
    assert out.splitlines() == [
        f"Pulled: Nothing new from {out.split('Nothing new from ', 1)[1].splitlines()[0]}",
        "Pushed: To the server from cli.db: 1 claim changed",
    ]
    assert side(server)[uuid_of(server, "Claim number 2")]["notes"] == "from the CLI"


def test_the_team_roles_decide_who_may_send_and_say_so_in_one_line(
    desk: dict[str, str],  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the roles `server init` sets up: a viewer's copy syncs one way, an analyst's
    changes reach the server under the analyst's login, a verdict beyond the role is refused."""
    capsys.readouterr()
    vera, anna = tmp_path / "vera.db", tmp_path / "anna.db"
    out = run(capsys, "checkout", desk["vera"], str(vera))
    assert "lets this copy pull changes, not send them" in out
    assert "(verified)" in run(capsys, "checkout", desk["anna"], str(anna))
    with Store.open(desk["owner"]) as store, store.raw() as connection:
        text = str(
            connection.execute(
                "SELECT text FROM claim WHERE status NOT IN ('verified', 'false') ORDER BY id"
            ).fetchone()[0]
        )
    before = side(desk["owner"])

    edit(vera, "vera", text, monkeypatch, notes="vera's note")
    out = run(capsys, "sync", desk["vera"], "--db", str(vera))
    assert "Not pushed:" in out and "refused your changes" in out
    assert side(desk["owner"]) == before

    edit(anna, "anna", text, monkeypatch, notes="anna's note")
    out = run(capsys, "sync", desk["anna"], "--db", str(anna))
    assert "Pushed: To the server from anna.db: 1 claim changed" in out
    assert side(desk["owner"])[uuid_of(desk["owner"], text)]["notes"] == "anna's note"
    assert any(e[1] == "anna" and e[4] == "notes" for e in entries(desk["owner"]))

    edit(anna, "anna", text, monkeypatch, status="verified")
    out = run(capsys, "sync", desk["anna"], "--db", str(anna))
    assert "Not pushed:" in out and "Only a lead can set" in out and out.count("\n") == 2
    assert side(desk["owner"])[uuid_of(desk["owner"], text)]["status"] != "verified"
    assert side(anna)[uuid_of(desk["owner"], text)]["status"] == "verified"
