"""Backups: verified copies made through SQLite, rotated, and a way back that loses nothing."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.errors import BackupError, DatabaseInUseError
from claimtracker.safety import backup as backups
from claimtracker.safety.backup import BackupInfo, backups_to_keep
from claimtracker.schemas import ClaimUpdate
from claimtracker.store import Store
from claimtracker.store.engine import make_engine
from claimtracker.store.migrate import upgrade
from tests.core.helpers import database_at_revision
from tests.safety.helpers import (
    claim_count,
    held_open_elsewhere,
    overwrite_page,
    sample_database,
)


def test_a_backup_is_a_checked_copy_of_what_is_committed(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE claim SET text = 'not yet saved' WHERE id = 1")
    made = backups.make_backup(db)  # while another connection is half-way through a change
    writer.execute("ROLLBACK")
    writer.close()

    assert made.path.parent == backups.backup_dir(db)
    assert made.path.name.startswith("claims-") and made.path.name.endswith("-manual.db")
    assert backups.backup_problem(made.path) is None
    copy = sqlite3.connect(made.path)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    assert copy.execute("SELECT text FROM claim WHERE id = 1").fetchone() != ("not yet saved",)
    copy.close()
    assert claim_count(made.path) == claim_count(db) == 14
    assert [p.name for p in made.path.parent.iterdir()] == [made.path.name]  # no temporary left


def test_backups_live_in_the_user_data_folder_per_database(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    one = sample_database(tmp_path / "a" / "claims.db")
    other = sample_database(tmp_path / "b" / "claims.db")
    assert backups.backup_dir(one) != backups.backup_dir(other)
    assert str(backups.backup_dir(one)).startswith(str(isolated_user_folders))
    backups.make_backup(one)
    assert len(backups.list_backups(one)) == 1 and backups.list_backups(other) == []


def test_a_copy_that_fails_its_check_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sample_database(tmp_path / "claims.db")
    good = backups.make_backup(db)
    monkeypatch.setattr(backups, "quick_check", lambda _c: ["*** in database main *** Page 7"])
    with pytest.raises(BackupError, match=r"fails SQLite's check .*Page 7.*earlier ones are kept"):
        backups.make_backup(db)
    assert [b.path for b in backups.list_backups(db)] == [good.path]
    assert [p.name for p in good.path.parent.iterdir()] == [good.path.name]


def test_a_backup_that_cannot_be_written_says_why_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sample_database(tmp_path / "claims.db")
    before = db.read_bytes()

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_fsync", disk_full)
    with pytest.raises(BackupError, match=r"no space left on the disk.*unchanged"):
        backups.make_backup(db)
    assert db.read_bytes() == before
    assert backups.list_backups(db) == []
    assert list(backups.backup_dir(db).iterdir()) == []


def _fake(folder: Path, when: datetime) -> BackupInfo:
    return BackupInfo(path=folder / when.isoformat(), created_at=when, reason="timer", size=1)


def test_rotation_keeps_the_last_ten_and_one_per_day_for_a_week(tmp_path: Path) -> None:
    now = datetime(2026, 11, 26, 12, 0).astimezone()  # local noon: days are local days
    today = [_fake(tmp_path, now - timedelta(minutes=10 * i)) for i in range(15)]
    earlier_days = [
        _fake(tmp_path, now - timedelta(days=day, hours=hour))
        for day in range(1, 10)
        for hour in (0, 1)
    ]
    keep = backups_to_keep([*today, *earlier_days], now=now)
    assert {b.path for b in today[:10]} <= keep
    assert not {b.path for b in today[10:]} & keep
    for day in range(1, 7):  # the newest of each of the six days before today
        assert earlier_days[(day - 1) * 2].path in keep
        assert earlier_days[(day - 1) * 2 + 1].path not in keep
    assert not {b.path for b in earlier_days[12:]} & keep  # older than a week
    assert len(keep) == 16


def test_rotation_deletes_only_backups(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    for _ in range(12):
        backups.make_backup(db, reason="timer")
    folder = backups.backup_dir(db)
    (folder / "my notes.txt").write_text("keep me")
    backups.rotate_backups(db)
    assert len(backups.list_backups(db)) == 10
    assert (folder / "my notes.txt").exists()


def test_a_schema_upgrade_is_preceded_by_a_backup(db_path: Path) -> None:
    database_at_revision(db_path, "0001", text="from the old schema")
    Store.open(db_path).close()
    [made] = backups.list_backups(db_path)
    assert made.reason == "before-upgrade-from-0001"
    copy = sqlite3.connect(made.path)
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert copy.execute("SELECT text FROM claim").fetchone() == ("from the old schema",)
    copy.close()


def test_no_upgrade_without_a_backup(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(str(db_path))
    upgrade(engine, revision="0001")
    engine.dispose()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise BackupError("no room for the backup")

    monkeypatch.setattr(backups, "make_backup", refuse)
    with pytest.raises(BackupError):
        Store.open(db_path)
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    raw.close()


def test_timer_and_close_back_up_only_after_a_change(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    assert backups.backup_if_changed(empty) is None  # nothing worth keeping yet

    db = sample_database(tmp_path / "claims.db")
    first = backups.backup_if_changed(db, reason="close")
    assert first is not None and first.reason == "close"
    assert backups.backup_if_changed(db) is None
    with Store.open(db) as store, store.write() as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(notes="new"))
    second = backups.backup_if_changed(db)
    assert second is not None and second.reason == "timer"
    assert backups.backup_if_changed(db) is None


def test_restore_keeps_the_current_file_aside_and_the_result_opens(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    made = backups.make_backup(db)
    with Store.open(db) as store, store.write() as session:
        services.delete_claim(session=session, claim_id=1)
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(notes="later"))
    current = db.read_bytes()

    restored = backups.restore_backup(db, made.name)
    assert restored.kept_aside is not None and restored.kept_aside.read_bytes() == current
    again = backups.restore_backup(db, "latest")
    assert again.kept_aside is not None and again.kept_aside != restored.kept_aside
    assert restored.kept_aside.read_bytes() == current  # never overwritten

    with Store.open(db) as store, store.raw() as connection:
        assert connection.execute("SELECT deleted_at FROM claim WHERE id = 1").fetchone() == (None,)
        assert connection.execute("SELECT notes FROM claim WHERE id = 2").fetchone()[0] != "later"
        assert connection.execute("SELECT count(*) FROM claim").fetchone() == (14,)


def test_restore_refuses_while_another_program_has_the_file_open(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    made = backups.make_backup(db)
    with held_open_elsewhere(db):
        before = db.read_bytes()
        with pytest.raises(DatabaseInUseError, match="open in another program"):
            backups.restore_backup(db, made.path)
        assert db.read_bytes() == before
        assert not list(tmp_path.glob("*.replaced-*"))


def test_an_unknown_or_broken_backup_is_refused(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    with pytest.raises(BackupError, match=r"There is no backup 'nope\.db'"):
        backups.restore_backup(db, "nope.db")
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a backup")
    with pytest.raises(BackupError, match="cannot be restored"):
        backups.restore_backup(db, bogus)
    assert claim_count(db) == 14


def test_a_database_that_cannot_tell_what_changed_is_backed_up_or_fails_loudly(
    tmp_path: Path,
) -> None:
    """Once the history cannot be read (the session of issue 9 hit "disk I/O error"), the timer
    and the quit used to skip their backup in silence."""
    db = sample_database(tmp_path / "claims.db", extra_claims=200)
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany(
            "INSERT INTO history (changed_at, analyst, kind, record_id, action) VALUES (?, ?, ?, ?, ?)",
            (("2020-01-01", "x" * 200, "claim", 1, "changed") for _ in range(200)),
        )
        page = connection.execute(
            "SELECT max(pageno) FROM dbstat WHERE name = 'history' AND pagetype = 'leaf'"
        ).fetchone()[0]
    connection.close()  # the last connection: the WAL is folded into the file
    overwrite_page(db, page)
    with pytest.raises(BackupError, match=r"No backup of .* could be written.*malformed"):
        backups.backup_if_changed(db, reason="close")
