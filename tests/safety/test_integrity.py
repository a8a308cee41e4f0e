"""`claimtracker check`: the file, the references between records, the search index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimtracker.cli import main
from claimtracker.query import ClaimFilter, ClaimOrder, search_rows
from claimtracker.safety.integrity import check_database, header_problem
from claimtracker.store import Store
from tests.safety.helpers import sample_database


def _found(db: Path, text: str) -> int:
    with Store.open(db) as store, store.raw() as connection:
        return len(search_rows(connection, ClaimFilter(text=text), ClaimOrder("id"), limit=100))


def test_a_sound_database_passes_every_check(tmp_path: Path) -> None:
    report = check_database(sample_database(tmp_path / "claims.db"))
    assert report.ok, report.lines()


def test_records_pointing_nowhere_are_listed(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    raw = sqlite3.connect(db)  # foreign keys off: what another tool could do to the file
    raw.execute("UPDATE claim SET speaker_id = 999 WHERE id = 3")
    raw.commit()
    raw.close()
    report = check_database(db)
    assert not report.ok and not report.integrity
    assert report.foreign_keys == ["claim #3 points at a actor that does not exist"]


def test_an_index_out_of_step_is_found_and_repaired(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sample_database(tmp_path / "claims.db")
    raw = sqlite3.connect(db)
    for trigger in ("claim_fts_before_update", "claim_fts_after_update"):
        raw.execute(f"DROP TRIGGER {trigger}")  # an index no longer told of changes
    raw.execute("UPDATE claim SET text = 'zanzibar' WHERE id = 1")
    raw.commit()
    raw.close()
    assert _found(db, "zanzibar") == 0

    report = check_database(db)
    assert report.only_index_wrong
    assert main(["check", "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert "search index:  out of step" in out and "check --repair" in err

    assert main(["check", "--repair", "--db", str(db)]) == 0
    assert "Rebuilt the search index" in capsys.readouterr().out
    assert _found(db, "zanzibar") == 1


def test_the_header_tells_a_new_file_from_a_foreign_one(tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    assert header_problem(empty) is None
    assert header_problem(tmp_path / "missing.db") is None
    binary = tmp_path / "photo.db"
    binary.write_bytes(bytes(range(256)) * 40)
    assert header_problem(binary) == "it is not an SQLite database (its header is not SQLite's)"
    short = tmp_path / "short.db"
    short.write_bytes(b"SQLite format 3\x00" + b"\x10\x00")
    assert "cut short" in (header_problem(short) or "")
