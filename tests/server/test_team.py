"""A desk on one server: `server init`, analysts and their roles, enforced by the server.

Each role is exercised through the command line as its own login (a password over TCP, as an
analyst on another machine would connect)."""

from __future__ import annotations

import json

import pytest

from claimtracker.cli import main
from claimtracker.server.roles import allowed, group_names

PASSWORD = "correct horse"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*args: str, status: int = 0) -> tuple[str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        assert code == status, (out, err)
        return out, err

    return run


@pytest.fixture
def typed_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the lead types at the hidden password prompt (twice: it asks to confirm)."""
    import click.termui

    monkeypatch.setattr(click.termui, "hidden_prompt_func", lambda _prompt: PASSWORD)


@pytest.fixture
def desk(pg_server, pg_migrated_url, cli, typed_password):
    """A team project with the sample claims and three analysts: vera (viewer), anna
    (analyst), lena (lead); returns the URL each of them connects with."""
    pg_url = pg_migrated_url
    cli("--db", pg_url, "init", "--sample")
    cli("server", "init", pg_url)
    for name, role in (("vera", "viewer"), ("anna", "analyst"), ("lena", "lead")):
        cli("server", "add-analyst", name, "--role", role, "--password-prompt", "--db", pg_url)
    database = pg_server.dbname(pg_url)
    urls = {
        name: pg_server.url(database, user=name, password=PASSWORD)
        for name in ("vera", "anna", "lena")
    }
    yield urls | {"owner": pg_url}
    for role in group_names(database):
        # Roles are server-wide: leave none behind for the next test's database.
        pg_server.admin(f'DROP OWNED BY "{role}" CASCADE', database)
    for name in ("vera", "anna", "lena", *group_names(database)):
        pg_server.admin(f'DROP ROLE IF EXISTS "{name}"')


def refusal(action: str, role: str) -> str:
    return f"claimtracker: error: {allowed(role, action)[1]}\n"  # type: ignore[arg-type]


def test_server_init_twice_changes_nothing_and_lists_the_analysts(desk, cli):
    out, _ = cli("server", "init", desk["owner"])
    assert "(already there)" in out and "schema 0006" in out and "was" not in out
    listed = json.loads(cli("server", "analysts", "--json", "--db", desk["owner"])[0])
    assert [(a["name"], a["role"]) for a in listed["analysts"]] == [
        ("anna", "analyst"),
        ("lena", "lead"),
        ("vera", "viewer"),
    ]
    assert listed["you"]["role"] == "owner"
    _, err = cli("server", "analysts", "--db", desk["vera"])
    assert "you are vera, a viewer" in err


def test_a_viewer_reads_and_cannot_change_anything(desk, cli):
    claims = json.loads(cli("list", "--json", "--db", desk["vera"])[0])
    assert claims
    _, err = cli("edit-claim", "1", "--notes", "mine", "--db", desk["vera"], status=1)
    assert err == (
        "claimtracker: error: You are a viewer on this project: only analysts and leads can "
        "change claims.\n"
    )
    _, err = cli("delete", "1", "--db", desk["vera"], status=1)
    assert err == refusal("edit_claims", "viewer")
    _, err = cli("opinion", "1", "agree", "--db", desk["vera"], status=1)
    assert err == refusal("edit_claims", "viewer")


def test_an_analyst_writes_under_their_own_name_but_gives_no_verdict(desk, cli, monkeypatch):
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "someone else")
    cli("edit-claim", "1", "--notes", "checked the wire copy", "--db", desk["anna"])
    cli("edit-claim", "1", "--status", "disputed", "--tag", "wire", "--db", desk["anna"])
    cli("opinion", "1", "agree", "--db", desk["anna"])
    history = json.loads(cli("history", "1", "--json", "--db", desk["owner"])[0])
    assert {entry["analyst"] for entry in history if entry["field"] == "notes"} == {"anna"}
    assert "someone else" not in {entry["analyst"] for entry in history}

    _, err = cli("edit-claim", "1", "--status", "verified", "--db", desk["anna"], status=1)
    assert err == refusal("set_verdict", "analyst")
    shown = json.loads(cli("show", "1", "--json", "--db", desk["owner"])[0])
    assert shown["status"] == "disputed"

    cli("delete", "2", "--db", desk["anna"])
    cli("restore-claim", "2", "--db", desk["anna"])
    cli("delete", "2", "--db", desk["anna"])
    _, err = cli("empty-trash", "--yes", "--db", desk["anna"], status=1)
    assert err == refusal("empty_trash", "analyst")
    _, err = cli("server", "add-analyst", "eve", "--role", "lead", "--db", desk["anna"], status=1)
    assert err == refusal("manage_analysts", "analyst")


def test_a_lead_gives_verdicts_empties_the_trash_and_manages_analysts(desk, cli):
    cli("edit-claim", "1", "--status", "verified", "--db", desk["lena"])
    _, err = cli("edit-claim", "1", "--status", "in_progress", "--db", desk["anna"], status=1)
    assert err == refusal("set_verdict", "analyst")
    cli("delete", "2", "--db", desk["anna"])
    cli("empty-trash", "--yes", "--db", desk["lena"])
    cli("show", "2", "--db", desk["owner"], status=1)

    cli("server", "set-role", "anna", "--role", "lead", "--db", desk["lena"])
    cli("edit-claim", "1", "--status", "false", "--db", desk["anna"])
    cli("server", "set-role", "anna", "--role", "viewer", "--db", desk["lena"])
    _, err = cli("edit-claim", "1", "--notes", "x", "--db", desk["anna"], status=1)
    assert err == refusal("edit_claims", "viewer")
    out, _ = cli("server", "remove-analyst", "vera", "--db", desk["lena"])
    assert "login is dropped" in out
    _, err = cli("list", "--db", desk["vera"], status=1)
    assert "refused the password of 'vera'" in err
