"""Private stays private (file modes of backups, restores and reports), and export targets:
pipes and devices are written into, never replaced; leftovers of killed runs are removed."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from claimtracker.csvio import export_csv
from claimtracker.errors import ClaimTrackerError
from claimtracker.output_files import OutputTargetError
from claimtracker.safety import backup as backups
from claimtracker.store import Store
from tests.safety.helpers import sample_database

HEADER = "\ufeffclaim_id,"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def export_to(db: Path, out: Path) -> int:
    with Store.open(db) as store, store.raw() as connection:
        return export_csv(connection, out).rows


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def private_db(tmp_path: Path) -> Path:
    db = sample_database(tmp_path / "private.db")
    db.chmod(0o600)
    return db


# --- item 6: file modes ------------------------------------------------------------------------


def test_a_private_database_gets_private_backups_in_private_folders(private_db: Path) -> None:
    made = backups.make_backup(private_db)
    before_import = backups.backup_before_import(private_db)
    assert mode(made.path) == 0o600
    assert mode(before_import.path) == 0o600
    assert mode(made.path.parent) == 0o700
    assert mode(backups.backups_root()) == 0o700


def test_backup_folders_made_open_before_are_closed(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    folder = backups.backup_dir(db)
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    made = backups.make_backup(db)
    assert mode(folder) == 0o700
    assert mode(made.path) == mode(db)  # a shared database's backups are as readable as it


def test_a_restore_keeps_the_database_private(private_db: Path) -> None:
    made = backups.make_backup(private_db)
    made.path.chmod(0o644)  # whatever the backup's own mode
    restored = backups.restore_backup(private_db, made.name)
    assert mode(restored.database) == 0o600
    assert restored.kept_aside is not None and mode(restored.kept_aside) == 0o600


def test_re_exporting_over_a_report_keeps_its_mode(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    out = tmp_path / "report.csv"
    export_to(db, out)
    out.chmod(0o640)
    out.write_text("old report\n", encoding="utf-8")
    assert export_to(db, out) == 14
    assert mode(out) == 0o640
    assert out.read_text(encoding="utf-8").startswith(HEADER)


# --- item 7: export targets ------------------------------------------------------------------


def test_a_named_pipe_with_a_reader_is_written_into(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # The reader is there before the export looks (a pipe nobody reads is refused at once).
    # The report (15 KB) fits in the pipe's buffer, so it is read once the export is done.
    descriptor = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert export_to(db, pipe) == 14
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as reading:
            received = reading.read()
    finally:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still the pipe, not a file in its place
    assert received.decode("utf-8").startswith(HEADER)
    assert received.count(b"\r\n") == 15
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.db", "pipe"]


def test_a_named_pipe_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OutputTargetError, match="named pipe that no program is reading"):
        export_to(db, pipe)
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_link_to_the_null_device_is_written_into_and_stays(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    link = tmp_path / "nowhere.csv"
    link.symlink_to("/dev/null")
    assert export_to(db, link) == 14
    assert link.is_symlink() and stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_standard_output_redirected_to_a_file_is_written_into_never_replaced(
    tmp_path: Path,
) -> None:
    """`--out /dev/stdout > file`: /dev/stdout is a link to the file through /proc. Shown with
    a link of our own (the real /dev/stdout is shared by everything on the machine)."""
    db = sample_database(tmp_path / "claims.db")
    stdout_link = tmp_path / "stdout"
    stdout_link.symlink_to("/proc/self/fd/1")
    captured = tmp_path / "captured.csv"
    command = [sys.executable, "-m", "claimtracker", "--db", str(db), "export", "csv"]
    with captured.open("wb") as sink:
        subprocess.run(
            [*command, "--out", str(stdout_link)],
            stdout=sink,
            stderr=subprocess.PIPE,
            check=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    assert stdout_link.is_symlink()
    assert captured.read_text(encoding="utf-8").startswith(HEADER)


def test_a_folder_or_a_disk_is_refused_in_one_line(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    with pytest.raises(OutputTargetError, match="is a folder"):
        export_to(db, tmp_path)
    disks = [p for p in (Path("/dev/loop0"), Path("/dev/sda"), Path("/dev/vda")) if p.exists()]
    if disks and stat.S_ISBLK(disks[0].stat().st_mode):
        with pytest.raises(OutputTargetError, match="disk device"):
            export_to(db, disks[0])


def test_the_temporary_file_is_made_beside_the_path_given_not_the_links_target(
    tmp_path: Path,
) -> None:
    db = sample_database(tmp_path / "claims.db")
    elsewhere = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path / "elsewhere"
    target_dir = elsewhere / f"claimtracker-{os.getpid()}-{tmp_path.name}"
    target_dir.mkdir(parents=True)
    try:
        link = tmp_path / "report.csv"
        link.symlink_to(target_dir / "report.csv")
        assert export_to(db, link) == 14  # was "Invalid cross-device link" across file systems
        assert link.read_text(encoding="utf-8").startswith(HEADER)
        assert list(target_dir.iterdir()) == []  # nothing left beside the link's target
    finally:
        for leftover in target_dir.iterdir():
            leftover.unlink()
        target_dir.rmdir()


def test_leftovers_of_a_killed_export_are_removed_by_the_next(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    killed = tmp_path / f".report.csv.pid{dead_pid()}.x1y2.part"
    running = tmp_path / f".report.csv.pid{os.getppid()}.x3y4.part"  # a live writer's
    killed.write_text("half a rep", encoding="utf-8")
    running.write_text("being written", encoding="utf-8")
    export_to(db, tmp_path / "report.csv")
    assert not killed.exists()
    assert running.exists()


def test_leftovers_of_a_killed_backup_are_removed_by_the_next(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    folder = backups.backup_dir(db)
    folder.mkdir(parents=True)
    pid = dead_pid()
    leftovers = [
        folder / f".claims-2026-01-01T000000.000000Z-timer.db.pid{pid}.partial",
        folder / f".claims-2026-01-01T000000.000000Z-timer.db.pid{pid}.partial-journal",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a backup")
    backups.make_backup(db)
    assert not any(leftover.exists() for leftover in leftovers)
    assert len(backups.list_backups(db)) == 1


def test_an_export_refused_leaves_no_file_behind(tmp_path: Path) -> None:
    db = sample_database(tmp_path / "claims.db")
    with pytest.raises(ClaimTrackerError):
        export_to(db, tmp_path / "no-such-folder" / "report.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.db"]


def test_binary_reports_keep_the_mode_and_write_into_pipes_like_the_csv(tmp_path: Path) -> None:
    from claimtracker.reports.files import write_file

    report = tmp_path / "dossier.pdf"
    report.write_bytes(b"old")
    report.chmod(0o600)
    write_file(report, b"%PDF-1.7 new")
    assert report.read_bytes() == b"%PDF-1.7 new" and mode(report) == 0o600
    link = tmp_path / "nowhere.pdf"
    link.symlink_to("/dev/null")
    write_file(link, b"%PDF-1.7")
    assert link.is_symlink() and stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.pdf", "nowhere.pdf"]
