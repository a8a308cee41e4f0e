"""The safety commands as an analyst uses them: backup, backups, restore, history, analyst."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import make_url

from claimtracker.cli import main
from claimtracker.safety import backup as backups


class Cli:
    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys
        self.err = ""

    def __call__(self, *args: str, status: int = 0) -> str:
        return self.without_db(*args, "--db", str(self.db), status=status)

    def without_db(self, *args: str, status: int = 0) -> str:
        self.capsys.readouterr()
        code = main(list(args))
        out, self.err = self.capsys.readouterr()
        assert code == status, self.err
        return out


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_path, capsys)
    run("init", "--sample")
    return run


@pytest.fixture
def cli_both(db_target: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The sample on an SQLite file, then on a PostgreSQL server (tests/pg.py)."""
    run = Cli(db_target, capsys)
    run("init", "--sample")
    return run


def test_backup_list_and_restore(cli: Cli) -> None:
    assert "Backed up" in cli("backup")
    listed = json.loads(cli("backups", "--json"))
    assert [b["reason"] for b in listed] == ["manual"]
    cli("delete", "1", "2", "3")
    restored = cli("restore", listed[0]["name"], "--yes")
    assert "Restored" in restored and "The replaced file is kept as" in restored
    assert len(json.loads(cli("list", "--json"))) == 14
    aside = list(cli.db.parent.glob("claims.replaced-*.db"))
    assert len(aside) == 1


def test_restore_asks_first(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("backup")
    name = backups.list_backups(cli.db)[0].name
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert "aborted" in cli("restore", name, status=1) + cli.err
    assert not list(cli.db.parent.glob("claims.replaced-*.db"))


def test_a_csv_import_is_preceded_by_a_backup(cli: Cli, tmp_path: Path) -> None:
    table = tmp_path / "new.csv"
    table.write_text("claim,speaker\nA new claim,Someone\n", encoding="utf-8")
    cli("import-csv", str(table), "--dry-run")
    assert backups.list_backups(cli.db) == []
    cli("import-csv", str(table))
    assert "Backed up the database first" in cli.err
    [made] = backups.list_backups(cli.db)
    assert made.reason == "before-import"


def test_history_and_restoring_a_value(cli_both: Cli) -> None:
    cli = cli_both
    cli.without_db("analyst", "Jane Doe")
    cli("edit-claim", "1", "--status", "false")
    lines = cli("history", "1").splitlines()
    # On a server, who changed it is the login role the analyst connects as (issue 11).
    who = make_url(str(cli.db)).username if "://" in str(cli.db) else "Jane Doe"
    assert f"  {who} " in lines[-1] and "status: 'in_progress' → 'false'" in lines[-1]
    change_id = lines[-1].split()[0].lstrip("#")
    assert "status is 'in_progress' again" in cli("restore-value", change_id)
    entries = json.loads(cli("history", "1", "--json"))
    assert entries[-1]["old_value"] == "false" and entries[-1]["new_value"] == "in_progress"
    assert entries[-1]["note"] == f"restored the value before change #{change_id}"
    actor = json.loads(cli("history", "1", "--kind", "actor", "--json"))
    assert actor[0]["action"] == "created"


def test_the_analyst_name_is_kept_between_runs(cli: Cli) -> None:
    assert cli.without_db("analyst", "  Jane   Doe ").strip() == "Jane Doe"
    assert cli.without_db("analyst").strip() == "Jane Doe"
