"""A full disk, a read-only disk, a file without permission: a clear message, nothing half-written.

The real cases need a small file system (a tmpfs mounted as root) or a process without root's
privileges (``setpriv``); where the machine allows neither they are skipped, and a simulated
"disk full" from SQLite runs everywhere.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from claimtracker import services
from claimtracker.csvio import import_csv
from claimtracker.errors import DiskFullError, ReadOnlyDatabaseError, StorageError
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.store import Store
from tests.safety.helpers import claim_count, sample_database


def _run_quietly(*command: str) -> bool:
    try:
        return subprocess.run(command, capture_output=True, check=False, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@contextmanager
def small_filesystem(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` (root only); the test is skipped elsewhere."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root on Linux")
    where.mkdir(parents=True, exist_ok=True)
    if not _run_quietly("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)):
        pytest.skip("this machine does not let us mount a tmpfs")
    try:
        yield where
    finally:
        _run_quietly("mount", "-o", "remount,rw", str(where))
        if not _run_quietly("umount", str(where)):
            _run_quietly("umount", "-l", str(where))


def _add(store: Store, text: str) -> int:
    with store.write() as session:
        claim = services.create_claim(session=session, claim_in=ClaimCreate(text=text))
        assert claim.id is not None
        return claim.id


def test_a_full_disk_is_reported_and_no_saved_work_is_lost(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "small", "3m") as disk:
        db = disk / "claims.db"
        filler = disk / "filler.bin"
        filler.write_bytes(b"\0" * 600_000)  # space to free later, as an analyst would
        store = Store.open(db)
        saved: list[int] = []
        with pytest.raises(DiskFullError) as caught:
            for number in range(10_000):
                saved.append(_add(store, f"claim {number} " + "words " * 300))
        message = str(caught.value)
        assert str(db) in message and "is full" in message and "nothing was saved" in message
        failed_text = f"claim {len(saved)} "

        table = tmp_path / "more.csv"
        table.write_text("claim\n" + "".join(f"imported {i}\n" for i in range(2000)))
        with pytest.raises(StorageError):
            import_csv(store, table)
        with store.raw() as connection:
            ids = [row[0] for row in connection.execute("SELECT id FROM claim ORDER BY id")]
            assert ids == saved  # every saved claim, nothing half-written from the rest
            assert not connection.execute(
                "SELECT 1 FROM claim WHERE text LIKE ?", (failed_text + "%",)
            ).fetchone()

        filler.unlink()  # space is free again: the same work can be saved
        saved.append(_add(store, failed_text + "saved after freeing space"))
        store.close()

        check = sqlite3.connect(db)
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert [r[0] for r in check.execute("SELECT id FROM claim ORDER BY id")] == saved
        check.close()


def test_a_full_disk_reported_by_sqlite_rolls_the_action_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim_id = _add(store, "as it was")
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]

    def commit_on_a_full_disk(_session: Session) -> None:
        raise OperationalError("COMMIT", {}, full)

    with monkeypatch.context() as patch:
        patch.setattr(Session, "commit", commit_on_a_full_disk)
        with pytest.raises(DiskFullError, match="is full; nothing was saved"), store.write() as s:
            services.update_claim(session=s, claim_id=claim_id, changes=ClaimUpdate(text="new"))
            services.create_claim(session=s, claim_in=ClaimCreate(text="also new"))
    with store.raw() as connection:
        assert connection.execute("SELECT text FROM claim").fetchall() == [("as it was",)]


def test_a_read_only_disk_is_named_as_such(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "ro", "4m") as disk:
        db = sample_database(disk / "claims.db")
        assert _run_quietly("mount", "-o", "remount,ro", str(disk))
        before = db.read_bytes()
        with pytest.raises(ReadOnlyDatabaseError, match="read-only disk"):
            Store.open(db)
        assert db.read_bytes() == before


def _without_privileges(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``claimtracker ARGS`` as root without the power to override file permissions."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to drop the privilege of ignoring permissions")
    return subprocess.run(
        [
            "setpriv",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--",
            sys.executable,
            "-m",
            "claimtracker",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("file_mode", "folder_mode", "expected"),
    [
        (0o444, 0o755, "you do not have permission to change it"),
        (0o644, 0o555, "no permission to write in"),
        (0o000, 0o755, "permission denied"),
    ],
    ids=["read-only file", "read-only folder", "unreadable file"],
)
def test_permission_denied_is_explained_and_nothing_changes(
    tmp_path: Path, file_mode: int, folder_mode: int, expected: str
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = sample_database(folder / "claims.db")
    before = db.read_bytes()
    db.chmod(file_mode)
    folder.chmod(folder_mode)
    try:
        result = _without_privileges(
            "edit-claim", "1", "--notes", "changed", "--db", str(db), cwd=tmp_path
        )
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr and str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert claim_count(db) == 14
