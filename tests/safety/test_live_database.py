"""Two programs, one file: nothing the app does while it holds a database drops its locks.

Process A (``tests/safety/live_worker.py``) holds the project as the app does and runs every
path that may touch the file meanwhile; process B (this test, and the CLI's `show` and
`history`) opens and closes the database again and again, and writes. If A ever read the file
with an ordinary open()/close(), its locks would be gone: B, believing itself the last user,
would checkpoint and delete the -wal under A, and A's later commits would be lost when A dies.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtracker.safety import locks
from claimtracker.safety.integrity import header_problem
from claimtracker.safety.live_files import HeldFileError, held, read_start
from claimtracker.store import Store
from tests.safety.helpers import sample_database

ROUNDS = 3
OPENINGS_PER_ROUND = 20


class ProcessA:
    def __init__(self, db: Path) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "tests.safety.live_worker", str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        assert self.answer() == "ready"

    def answer(self) -> str:
        assert self.child.stdout is not None
        return self.child.stdout.readline().strip()

    def ask(self, command: str) -> str:
        assert self.child.stdin is not None
        self.child.stdin.write(command + "\n")
        self.child.stdin.flush()
        return self.answer()

    def kill(self) -> None:
        self.child.send_signal(signal.SIGKILL)
        self.child.wait()


@pytest.fixture
def process_a(tmp_path: Path) -> Iterator[tuple[ProcessA, Path]]:
    db = sample_database(tmp_path / "live.db")
    a = ProcessA(db)
    try:
        yield a, db
    finally:
        if a.child.poll() is None:
            a.kill()


def open_and_write(db: Path, round_number: int) -> None:
    """Process B: many short visits, some of them writing, each closed at the end."""
    for visit in range(OPENINGS_PER_ROUND):
        connection = sqlite3.connect(db, isolation_level=None, timeout=15)
        try:
            connection.execute("SELECT count(*) FROM claim").fetchone()
            if visit % 5 == 0:
                connection.execute(
                    "UPDATE claim SET notes = ? WHERE id = 1", (f"from B {round_number}.{visit}",)
                )
        finally:
            connection.close()


def run_cli(db: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "claimtracker", "--db", str(db), *args],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def test_the_wal_survives_other_programs_and_every_acknowledged_edit_survives_a_kill(
    process_a: tuple[ProcessA, Path],
) -> None:
    a, db = process_a
    wal = locks.wal_path(db)
    acknowledged: list[int] = []
    assert a.ask("edit 0") == "ack 0"
    acknowledged.append(0)
    inode = wal.stat().st_ino
    for round_number in range(1, ROUNDS + 1):
        assert a.ask("paths") == "ok"
        if round_number == 1:
            run_cli(db, "show", "2")  # the README's tour, as in the report
            run_cli(db, "history", "2")
        open_and_write(db, round_number)
        assert wal.exists() and wal.stat().st_ino == inode, "the -wal was replaced under A"
        assert a.ask(f"edit {round_number}") == f"ack {round_number}"
        acknowledged.append(round_number)
        assert a.ask("count").startswith("count ")  # A keeps working
    a.kill()
    connection = sqlite3.connect(db)
    try:
        texts = {row[0] for row in connection.execute("SELECT text FROM claim")}
    finally:
        connection.close()
    lost = [n for n in acknowledged if f"live edit {n}" not in texts]
    assert lost == [], f"acknowledged edits lost after A was killed: {lost}"


def test_a_held_file_is_never_read_with_ordinary_file_calls(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "held.db")
    assert read_start(db, 16) == b"SQLite format 3\x00"  # not held: read as a file
    with Store.open(db) as store:
        with store.read() as session:
            session.connection()  # a pooled connection stays open, as in the app
        assert held(db) and held(locks.wal_path(db)) and held(locks.shm_path(db))
        with pytest.raises(HeldFileError):
            read_start(db, 16)
        with pytest.raises(HeldFileError):  # the tests' guard catches any ordinary open
            db.open("rb").close()
        assert header_problem(db) is None  # asked through SQLite instead
    store.close()
    assert not held(db)
    assert read_start(db, 16) == b"SQLite format 3\x00"


def test_every_connection_of_the_core_and_the_app_is_counted() -> None:
    """A connection made with sqlite3.connect directly would not be known as holding its
    file, and the header check could then read it with ordinary calls."""
    root = Path(__file__).resolve().parents[2]
    direct = {
        str(path.relative_to(root))
        for folder in ("claimtracker", "ui")
        for path in sorted((root / folder).rglob("*.py"))
        if path.name != "live_files.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if "sqlite3.connect(" in line or "create_engine(" in line
    }
    assert direct == {"claimtracker/store/engine.py"}  # gives TrackedConnection as the factory
    engine = (root / "claimtracker/store/engine.py").read_text(encoding="utf-8")
    assert '"factory": TrackedConnection' in engine
