"""A desk on one server: `server init`, analysts and their roles, enforced by the server.

Each role is exercised through the command line as its own login (a password over TCP, as an
analyst on another machine would connect)."""

from __future__ import annotations

import json

import pytest

from claimtracker.cli import main
from claimtracker.server.roles import allowed, group_names
from claimtracker.store.version import SCHEMA_HEAD

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
    assert "(already there)" in out and f"schema {SCHEMA_HEAD}" in out and "was" not in out
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


def test_an_older_team_project_is_upgraded_by_server_init_and_keeps_its_grants(
    pg_server, pg_url, cli
):
    from claimtracker.server import setup
    from claimtracker.store import Store, migrate
    from claimtracker.store.engine import make_engine

    engine = make_engine(pg_url)
    migrate.upgrade(engine, revision="0005")  # before opinions existed
    database = pg_server.dbname(pg_url)
    pg_server.admin("CREATE ROLE anna LOGIN PASSWORD 'pw'")
    try:
        with Store(pg_url, engine).raw(write=True) as connection:  # a team set up at 0005
            setup.apply(connection)
            connection.execute(f'GRANT "{group_names(database).analyst}" TO anna')
        engine.dispose()
        anna = pg_server.url(database, user="anna", password="pw")
        _, err = cli("list", "--db", anna, status=1)
        assert err == (
            "claimtracker: error: This project's schema (0005) is older than this "
            f"ClaimTracker's ({SCHEMA_HEAD}), and you are an analyst on it: its owner upgrades "
            "it with `claimtracker server init URL`.\n"
        )
        out, _ = cli("server", "init", pg_url)
        assert f"schema {SCHEMA_HEAD} (was 0005)" in out
        cli("--db", anna, "add-claim", "--text", "A claim of anna's", "--json")
        cli("opinion", "1", "agree", "--db", anna)  # the table 0006 made, granted
        history = json.loads(cli("history", "1", "--json", "--db", pg_url)[0])
        assert {entry["analyst"] for entry in history} == {"anna"}
    finally:
        for role in group_names(database):
            pg_server.admin(f'DROP OWNED BY "{role}" CASCADE', database)
        pg_server.admin("DROP OWNED BY anna CASCADE", database)
        for name in ("anna", *group_names(database)):
            pg_server.admin(f'DROP ROLE IF EXISTS "{name}"')


def one_line(err: str) -> str:
    assert err.startswith("claimtracker: error: ") and err.count("\n") == 1, err
    return err


def test_server_init_says_in_one_line_what_is_wrong_with_its_url(pg_server, pg_url, cli, tmp_path):
    from tests.pg import _free_port

    database = pg_server.dbname(pg_url)
    cases = {
        f"postgresql://{pg_server.superuser}@127.0.0.1:{pg_server.port}/": "names no database",
        pg_server.url(database, password="wrong"): "refused the password",
        f"postgresql://someone:pw@127.0.0.1:{_free_port()}/claims": "cannot be reached",
        pg_server.url("no_such_db"): "has no database named 'no_such_db'",
        str(tmp_path / "claims.db"): "is not a server URL",
    }
    for url, expected in cases.items():
        _, err = cli("server", "init", url, status=1)
        assert expected in one_line(err), (url, err)
    pg_server.admin("CREATE TABLE invoices (id int)", database)
    _, err = cli("server", "init", pg_url, status=1)
    assert "belongs to another application (it holds the tables invoices" in one_line(err)
    _, err = cli("list", "--db", pg_url, status=1)  # nothing of ClaimTracker's was added
    assert "belongs to another application" in err


def test_server_init_refuses_a_role_that_cannot_set_up_the_project(pg_server, pg_url, cli):
    pg_server.admin("CREATE ROLE plain LOGIN PASSWORD 'pw'")
    try:
        plain = pg_server.url(pg_server.dbname(pg_url), user="plain", password="pw")
        _, err = cli("server", "init", plain, status=1)
        assert "server init must run as a superuser, or as the database's owner" in one_line(err)
    finally:
        pg_server.admin("DROP ROLE plain")


def test_managing_analysts_says_in_one_line_what_cannot_be_done(desk, cli, pg_server, tmp_path):
    _, err = cli("server", "add-analyst", "anna", "--role", "lead", "--db", desk["lena"], status=1)
    assert one_line(err) == (
        "claimtracker: error: anna is already an analyst on this project (server set-role "
        "changes it)\n"
    )
    _, err = cli(
        "server", "set-role", "nobody_here", "--role", "lead", "--db", desk["owner"], status=1
    )
    assert "nobody_here is not an analyst of this project" in one_line(err)
    _, err = cli("server", "analysts", "--db", str(tmp_path / "c.db"), status=1)
    assert "is a project file, which has one owner and no analysts" in one_line(err)
    pg_server.admin("CREATE ROLE stranger LOGIN PASSWORD 'pw'")
    try:
        stranger = pg_server.url(pg_server.dbname(desk["owner"]), user="stranger", password="pw")
        _, err = cli("list", "--db", stranger, status=1)
        assert "the server does not let you into the project" in one_line(err)
        # An existing login of the server (another project's analyst) is let in as it is.
        cli("server", "add-analyst", "stranger", "--role", "viewer", "--db", desk["lena"])
        cli("list", "--db", stranger)
        out, _ = cli("server", "remove-analyst", "stranger", "--db", desk["lena"])
        assert "their login stays" in out  # it was the server's before the project's
        cli("list", "--db", stranger, status=1)
    finally:
        pg_server.admin("DROP ROLE IF EXISTS stranger")


def test_the_server_itself_enforces_the_roles_whatever_the_client(desk):
    """What a psql session (or any other program) meets, without ClaimTracker in between."""
    import psycopg
    from sqlalchemy import make_url

    def connect(name: str) -> psycopg.Connection:
        url = make_url(desk[name])
        return psycopg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            password=url.password,
            dbname=url.database,
            autocommit=True,
        )

    with connect("anna") as anna:
        with pytest.raises(psycopg.Error) as refused:
            anna.execute("UPDATE claim SET status = 'verified' WHERE id = 1")
        assert refused.value.sqlstate == "CT403"
        assert refused.value.diag.message_primary == (
            "Only a lead can set a claim's status to verified or false, or change it from them "
            "(claim #1: anna is an analyst)"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute("DELETE FROM claim WHERE id = 1")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute("UPDATE history SET analyst = 'lena'")
        anna.execute(
            "INSERT INTO history (changed_at, analyst, kind, record_id, action)"
            " VALUES (now(), 'lena', 'claim', 1, 'changed')"
        )
        stamped = anna.execute("SELECT analyst FROM history ORDER BY id DESC LIMIT 1")
        assert stamped.fetchone() == ("anna",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            anna.execute("CREATE ROLE mallory LOGIN SUPERUSER")
        anna.execute(
            "INSERT INTO opinion (uuid, claim_id, analyst, opinion, created_at,"
            " updated_at, version) VALUES ('u-anna', 1, 'lena', 'agree', now(), now(), 1)"
        )
        assert anna.execute("SELECT analyst FROM opinion WHERE uuid = 'u-anna'").fetchone() == (
            "anna",
        )
        anna.execute("UPDATE opinion SET opinion = 'disagree' WHERE uuid = 'u-anna'")
        with pytest.raises(psycopg.Error) as refused:
            anna.execute("UPDATE opinion SET analyst = 'lena' WHERE uuid = 'u-anna'")
        assert refused.value.sqlstate == "CT400"
    with connect("lena") as lena:
        with pytest.raises(psycopg.Error) as refused:
            lena.execute("UPDATE opinion SET opinion = 'agree' WHERE uuid = 'u-anna'")
        assert refused.value.diag.message_primary == (
            "An opinion is its analyst's own: lena cannot change the opinion of anna on claim #1"
        )
    with connect("vera") as vera:
        assert vera.execute("SELECT count(*) FROM claim").fetchone()[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            vera.execute("UPDATE claim SET notes = 'x' WHERE id = 1")
        with pytest.raises(psycopg.Error) as refused:
            vera.execute("SELECT claimtracker_add_analyst('mallory', 'lead', NULL)")
        assert refused.value.sqlstate == "CT403"
    with connect("lena") as lena:
        lena.execute("UPDATE claim SET status = 'verified' WHERE id = 1")


def test_the_readme_way_an_owner_who_is_no_superuser_sets_up_the_desk(
    pg_server, cli, typed_password
):
    database = "claims_desk"
    pg_server.admin("CREATE ROLE desk LOGIN CREATEROLE PASSWORD 'owner pw'")
    pg_server.admin(f"CREATE DATABASE {database} OWNER desk TEMPLATE template0")
    try:
        owner = pg_server.url(database, user="desk", password="owner pw")
        out, _ = cli("server", "init", owner)
        assert f"schema {SCHEMA_HEAD} (was none)" in out
        cli("server", "add-analyst", "lena", "--role", "lead", "--password-prompt", "--db", owner)
        lena = pg_server.url(database, user="lena", password=PASSWORD)
        cli("server", "add-analyst", "anna", "--role", "analyst", "--password-prompt", "--db", lena)
        anna = pg_server.url(database, user="anna", password=PASSWORD)
        cli("add-claim", "--text", "Anna's first claim", "--db", anna)
        cli("edit-claim", "1", "--status", "verified", "--db", lena)
        listed = json.loads(cli("server", "analysts", "--json", "--db", anna)[0])
        assert listed["you"] == {"name": "anna", "role": "analyst"}
        out, _ = cli("server", "remove-analyst", "anna", "--db", lena)
        assert "their login is dropped" in out
    finally:
        pg_server.admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        for name in ("anna", "lena", *group_names(database), "desk"):
            pg_server.admin(f'DROP ROLE IF EXISTS "{name}"')


def test_a_temporary_table_cannot_fool_the_functions_that_run_with_the_owners_rights(desk):
    import psycopg
    from sqlalchemy import make_url

    url = make_url(desk["anna"])
    with psycopg.connect(
        host=url.host, port=url.port, user="anna", password=PASSWORD, dbname=url.database
    ) as anna:
        anna.execute("CREATE TEMPORARY TABLE pg_roles AS SELECT * FROM pg_catalog.pg_roles")
        anna.execute("UPDATE pg_roles SET rolsuper = true WHERE rolname = 'anna'")
        with pytest.raises(psycopg.Error) as refused:
            anna.execute("SELECT claimtracker_add_analyst('mallory', 'lead', NULL)")
        assert refused.value.sqlstate == "CT403"


def test_any_analyst_checks_the_server_and_only_a_lead_rebuilds_an_index(desk, cli, pg_server):
    pg_server.admin(
        "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_claim_status'::regclass",
        pg_server.dbname(desk["owner"]),
    )
    out, _ = cli("check", "--db", desk["vera"], status=1)
    assert "indexes:       not usable: ix_claim_status" in out
    assert "references:    ok" in out
    # Only an index's owner may REINDEX it; a lead does it through the owner's function.
    _, err = cli("check", "--repair", "--db", desk["anna"], status=1)
    assert err == refusal("repair_indexes", "analyst")
    # A project set up before the function existed: the lead is told what the owner runs.
    database = pg_server.dbname(desk["owner"])
    pg_server.admin("DROP FUNCTION claimtracker_repair_indexes()", database)
    _, err = cli("check", "--repair", "--db", desk["lena"], status=1)
    assert err.count("\n") == 1 and "only its owner can rebuild the indexes here" in err
    assert "`claimtracker server init` lets the project's leads do it too" in err
    cli("server", "init", desk["owner"])
    out, _ = cli("check", "--repair", "--db", desk["lena"])
    assert "Rebuilt the index(es): ix_claim_status" in out and "indexes:       ok" in out
