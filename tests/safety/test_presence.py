"""Who else has a project open (issue 9, item 3): registrations of real processes, listed by
pid, host, program and time; a killed process is not listed; SQLite's own files untouched."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from claimtracker.cli.context import AppState
from claimtracker.safety.presence import Presence, others_using, presence_folder
from claimtracker.store import Store

HOLDER = """
import sys
from pathlib import Path
from claimtracker.safety.presence import Presence
presence = Presence.register(Path(sys.argv[1]), sys.argv[2])
print("registered" if presence else "not registered", flush=True)
sys.stdin.readline()
if presence is not None:
    presence.close()
"""


@contextmanager
def holder_process(db: Path, program: str = "app") -> Iterator[subprocess.Popen[str]]:
    """Another process that registers for ``db`` and keeps it until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), program],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "registered"
        yield process
    finally:
        if process.poll() is None:
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=30)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "claims.db"
    Store.open(path).close()
    return path


def test_another_process_is_listed_with_pid_program_and_time(db: Path) -> None:
    before = time.time()
    with holder_process(db, "app") as other, Presence.register(db, "cli") as mine:
        assert mine is not None
        (holder,) = mine.others()
        assert holder.pid == other.pid
        assert holder.program == "app"
        assert holder.local
        assert before - 5 <= holder.since.timestamp() <= time.time()
        assert f"pid {other.pid}" in holder.describe()
        assert "ClaimTracker window" in holder.describe()
    # Both gone: nobody is listed, and no entry is left beside the database.
    assert others_using(db) == []
    assert list(presence_folder(db).glob("*")) == []


def test_two_windows_of_one_process_see_each_other(db: Path) -> None:
    with Presence.register(db, "app") as first, Presence.register(db, "app") as second:
        assert first is not None and second is not None
        assert [h.pid for h in first.others()] == [os.getpid()]
        assert [h.pid for h in second.others()] == [os.getpid()]


def test_a_killed_process_is_not_listed_and_its_entry_is_removed(db: Path) -> None:
    with holder_process(db) as other:
        assert [h.pid for h in others_using(db)] == [other.pid]
        os.kill(other.pid, signal.SIGKILL)
        other.wait(timeout=30)
        assert others_using(db) == []
    assert list(presence_folder(db).glob("*.json")) == []


def test_the_command_line_registers_while_it_has_the_store_open(db: Path) -> None:
    state = AppState(str(db))
    state.store()
    try:
        (holder,) = others_using(db)
        assert (holder.pid, holder.program) == (os.getpid(), "cli")
    finally:
        state.close()
    assert others_using(db) == []


def test_a_private_database_gets_a_private_presence_folder(db: Path) -> None:
    db.chmod(0o600)
    with Presence.register(db, "app") as mine:
        assert mine is not None
        assert stat.S_IMODE(mine.folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(mine.entry.stat().st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_opens_without_announcing(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = folder / "claims.db"
    Store.open(path).close()
    folder.chmod(0o555)
    try:
        assert Presence.register(path, "app") is None
    finally:
        folder.chmod(0o755)


def test_registering_and_looking_leave_sqlite_files_alone(db: Path) -> None:
    """The app process keeps a connection (and its -wal) while it registers and looks many
    times; another process opening and closing the database must not think it is the last
    user and delete the -wal (what plain file calls on the database did, issue 9)."""
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER)")
        connection.execute("INSERT INTO probe VALUES (1)")
        wal = Path(f"{db}-wal")
        inode = wal.stat().st_ino
        with holder_process(db), Presence.register(db, "app") as mine:
            assert mine is not None
            for _ in range(20):
                assert len(mine.others()) == 1
                mine.heartbeat()
            for _ in range(5):
                subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
                        " c.execute('INSERT INTO probe VALUES (2)'); c.commit(); c.close()",
                        str(db),
                    ],
                    check=True,
                )
        assert wal.exists() and wal.stat().st_ino == inode
        assert connection.execute("SELECT count(*) FROM probe").fetchone()[0] == 6
    finally:
        connection.close()


def test_a_half_written_registration_of_a_dead_process_is_cleaned_up(db: Path) -> None:
    folder = presence_folder(db)
    folder.mkdir()
    leftover = folder / "host-1-dead.partial"
    leftover.write_text("{")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    (folder / "host-2-junk.json").write_text("not json")
    assert others_using(db) == []
    assert not leftover.exists()
