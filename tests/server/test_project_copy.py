"""A whole project moved between a file and a server: ``import-project`` and ``export-project``."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from claimtracker.cli import main


def run(db: str | Path, capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    capsys.readouterr()
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == status, err
    return out if status == 0 else err


def content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index's own tables left out: derived)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            n
            for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not n.startswith("claim_fts")
        ]
        return {n: sorted(connection.execute(f'SELECT * FROM "{n}"'), key=repr) for n in names}
    finally:
        connection.close()


def same_times(claims: list[dict[str, object]]) -> list[dict[str, object]]:
    """The claims with their timestamps as datetimes (a server writes ``.5``, a file ``.500000``)."""
    return [
        {
            k: datetime.fromisoformat(v) if k.endswith("_at") and isinstance(v, str) else v
            for k, v in claim.items()
        }
        for claim in claims
    ]


def test_a_project_goes_to_a_server_and_comes_back_the_same(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "desk.db"
    run(first, capsys, "init", "--sample")
    run(first, capsys, "edit-claim", "1", "--status", "verified", "--notes", "seen — «да»")
    run(first, capsys, "opinion", "2", "agree", "--note", "two outlets")
    run(first, capsys, "delete", "3")
    run(first, capsys, "echoes", "--json")  # the echo index has rows too

    out = run(pg_url, capsys, "import-project", str(first))
    assert out.startswith("Copied 14 claim(s)") and "counts checked" in out
    on_server = json.loads(run(pg_url, capsys, "list", "--json"))
    on_file = json.loads(run(first, capsys, "list", "--json"))
    assert same_times(on_server) == same_times(on_file)
    assert "verified" in run(pg_url, capsys, "history", "1")

    back = tmp_path / "back.db"
    out = run(pg_url, capsys, "export-project", str(back))
    assert out.startswith("Copied 14 claim(s)") and str(back) in out
    assert content(back) == content(first)  # every row, the history and the id counters
    assert "ok" in run(back, capsys, "check")

    # A claim added on the server and purged there keeps its id used in the next export.
    added = json.loads(run(pg_url, capsys, "add-claim", "--text", "A new one", "--json"))
    assert added["id"] == 15  # after the file's ids, never one of them
    run(pg_url, capsys, "delete", "15")
    run(pg_url, capsys, "empty-trash", "--yes")
    again = tmp_path / "again.db"
    rows = json.loads(run(pg_url, capsys, "export-project", str(again), "--json"))["rows"]
    assert rows["claim"] == 13 and rows["opinion"] == 1  # 3 and 15 purged from the trash
    assert dict(content(again)["sqlite_sequence"])["claim"] == 15


def test_a_project_is_imported_into_an_empty_database_only(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "desk.db"
    run(first, capsys, "init", "--sample")
    run(pg_url, capsys, "import-project", str(first))
    err = run(pg_url, capsys, "import-project", str(first), status=1)
    assert err.count("\n") == 1 and "is not empty" in err and "empty database only" in err
    err = run(pg_url, capsys, "export-project", str(first), status=1)
    assert err.count("\n") == 1 and "already exists" in err
    err = run(pg_url, capsys, "backup", status=1)
    assert "pg_dump" in err and "export-project" in err
