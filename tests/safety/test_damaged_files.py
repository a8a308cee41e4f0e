"""A damaged database: a clear message naming the file, the problem and a backup; a way back."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from claimtracker.cli import main
from claimtracker.errors import DatabaseDamagedError
from claimtracker.query import ClaimFilter, ClaimOrder, search_rows
from claimtracker.safety import backup as backups
from claimtracker.safety import locks
from claimtracker.safety.integrity import check_database
from claimtracker.store import Store
from tests.safety.helpers import (
    DAMAGE,
    held_open_elsewhere,
    last_claim_page,
    overwrite_page,
    sample_database,
)


def _use(path: Path) -> int:
    """What the app does first: open the database and show its claims."""
    with Store.open(path) as store, store.raw() as connection:
        return len(search_rows(connection, ClaimFilter(), ClaimOrder("id"), limit=10_000))


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_file_is_named_left_alone_and_restored_from_backup(
    damage: str, tmp_path: Path
) -> None:
    db = sample_database(tmp_path / "claims.db", extra_claims=400)
    good = backups.make_backup(db)
    harm, problem = DAMAGE[damage]
    harm(db)
    damaged = db.read_bytes()

    with pytest.raises(DatabaseDamagedError) as caught:
        _use(db)
    message = str(caught.value)
    assert str(db) in message and problem in message
    assert good.name in message and "claimtracker restore" in message
    assert caught.value.backup == good.path
    assert db.read_bytes() == damaged  # left exactly as it was

    assert not check_database(db).ok

    restored = backups.restore_backup(db, caught.value.backup)
    assert restored.kept_aside is not None and restored.kept_aside.read_bytes() == damaged
    assert _use(db) == 414


def test_the_command_line_names_the_backup_to_restore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sample_database(tmp_path / "claims.db", extra_claims=400)
    good = backups.make_backup(db)
    DAMAGE["overwritten page"][0](db)
    assert main(["list", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert f"{db} is damaged" in err and good.name in err
    assert main(["check", "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert "DAMAGED" in out and f"claimtracker restore {good.name}" in err
    assert main(["restore", good.name, "--yes", "--db", str(db)]) == 0
    assert main(["check", "--db", str(db)]) == 0


def test_without_a_backup_the_message_says_so(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    DAMAGE["text file renamed .db"][0](db)
    with pytest.raises(DatabaseDamagedError, match=r"text file.*There is no good backup"):
        Store.open(db)


def _kill_during_a_write(db: Path) -> None:
    """A writer that commits, keeps the WAL, and is killed: an unclean shutdown."""
    with held_open_elsewhere(
        db, write="UPDATE claim SET notes = 'committed before the crash' WHERE id = 1"
    ) as child:
        os.kill(child.pid, signal.SIGKILL)


def test_after_an_unclean_shutdown_the_file_is_checked_before_use(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db", extra_claims=400)
    _kill_during_a_write(db)
    assert locks.left_by_crash(db)
    assert _use(db) == 414  # a sound file: checked, then used as usual
    with Store.open(db) as store, store.raw() as connection:
        notes = connection.execute("SELECT notes FROM claim WHERE id = 1").fetchone()
    assert notes == ("committed before the crash",)


def test_damage_found_after_an_unclean_shutdown_stops_the_open(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db", extra_claims=400)
    good = backups.make_backup(db)
    page = last_claim_page(db)
    _kill_during_a_write(db)
    overwrite_page(db, page)
    damaged = db.read_bytes()
    wal = locks.wal_path(db).read_bytes()
    with pytest.raises(DatabaseDamagedError, match="unclean shutdown") as caught:
        Store.open(db)
    assert caught.value.backup == good.path
    assert db.read_bytes() == damaged and locks.wal_path(db).read_bytes() == wal


def test_a_live_wal_of_another_program_is_not_taken_for_a_crash(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    with held_open_elsewhere(db, write="UPDATE claim SET notes = 'live' WHERE id = 1"):
        assert locks.wal_path(db).stat().st_size > 0
        assert locks.open_elsewhere(db) is True
        assert not locks.left_by_crash(db)
    assert locks.left_by_crash(db)  # the same WAL once its program is gone


def test_the_checks_never_write_to_a_damaged_file(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db", extra_claims=400)
    DAMAGE["overwritten page"][0](db)
    before = db.read_bytes()
    report = check_database(db)
    assert report.integrity and report.index_ok is None
    assert db.read_bytes() == before
