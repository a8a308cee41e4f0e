"""The app and the command line on one file for minutes, with kills: acknowledged edits lost.

    python bench/safety_live.py [SECONDS] [WORKDIR]     # default 180 s

Issue 9's scene, at length. The desktop app runs offscreen on one database (its reader, its
Store, its external-changes watcher, its backup timer) and commits a claim every few dozen
milliseconds through its project, acknowledging each commit that returned in a file it
fsyncs; between edits it runs, at random, the paths that may touch the file while it is open
(a second window on it, Check Database, a backup, the Backups list, a claim's history, the
location check, the watcher's look). Meanwhile the command line runs the README's tour at
random against the same file (`show`, `history`, `search`, `list`, `backups`, `add-claim`
and `edit-claim`; an `add-claim` that exits 0 is acknowledged), and a third program opens,
reads, writes and closes the file again and again. Every few seconds the app is killed with
SIGKILL (sometimes the running command too) and started again.

Afterwards: every acknowledged edit must be in the file (lost: must be 0), SQLite's
integrity check must pass, and the app's -wal must never have been replaced while the app
had it open. Figures are printed; never a timed pass/fail.

With CLAIMTRACKER_CODE=DIR the app and the commands run the code in DIR (e.g. an older tree
unpacked with `git archive`), to compare.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = Path(os.environ.get("CLAIMTRACKER_CODE", ROOT))
sys.path.insert(0, str(CODE))

APP_STEP_MS = 25
KILL_EVERY_SECONDS = (3.0, 9.0)


# --- the app, in its own process ----------------------------------------------------------------


def run_app(database: str, ack_file: str, first: int, seed: int) -> None:
    """The app offscreen on ``database``: edits through its project, risky paths between."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer

    from claimtracker import services
    from claimtracker.schemas import ClaimCreate, ClaimUpdate
    from ui.app import start

    rng = random.Random(seed)
    fd = os.open(ack_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def acknowledge(line: str) -> None:
        os.write(fd, f"{line}\n".encode())
        os.fsync(fd)

    app, window = start([database])
    number = first
    ready = False

    def step() -> None:
        nonlocal number, ready
        project = window.project
        if project is None or not project.store_loaded:
            return
        if not ready:
            ready = True
            acknowledge("ready")
        if rng.random() < 0.8:
            with project.write() as session:
                services.create_claim(session=session, claim_in=ClaimCreate(text=f"app {number}"))
            acknowledge(f"app {number}")
            number += 1
            if rng.random() < 0.2:
                with project.write() as session:
                    services.update_claim(
                        session=session, claim_id=1, changes=ClaimUpdate(notes=f"app {number}")
                    )
        else:
            risky_path(window, rng)

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(APP_STEP_MS)
    app.exec()


def risky_path(window: object, rng: random.Random) -> None:
    """One of the things the app may do to its file while it has it open."""
    from claimtracker.journal.reading import claim_history
    from claimtracker.safety import locks
    from claimtracker.safety.backup import list_backups, newest_good_backup
    from claimtracker.safety.integrity import check_database
    from claimtracker.safety.location import location_warning
    from ui.runtime.project import Project

    project = window.project  # type: ignore[attr-defined]
    path = project.path
    choice = rng.randrange(8)
    if choice == 0:
        Project.open(path).close()  # a second window on the same file
    elif choice == 1:
        check_database(path)  # Check Database
    elif choice == 2:
        window.backups.back_up_if_changed("timer")  # type: ignore[attr-defined]
    elif choice == 3:
        list_backups(path)
        newest_good_backup(path)  # the Backups window
    elif choice == 4:
        with project.store.read() as session:
            claim_history(session=session, claim_id=1)
    elif choice == 5:
        location_warning(path)
    elif choice == 6:
        window.safety.external.check_now()  # type: ignore[attr-defined]
    else:
        locks.left_by_crash(path)


# --- the other programs ------------------------------------------------------------------------


@dataclass
class Figures:
    cli_runs: int = 0
    cli_edits: list[str] = field(default_factory=list)
    cli_failures: list[str] = field(default_factory=list)
    visits: int = 0
    visit_errors: list[str] = field(default_factory=list)
    kills: int = 0
    cli_kills: int = 0
    wal_replaced: int = 0


def environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(CODE), *sys.path[1:]]),
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_CACHE_HOME": str(work / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }


class CommandLine(threading.Thread):
    """The README's tour, at random, one command after another."""

    def __init__(self, db: Path, work: Path, figures: Figures, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.db, self.work, self.figures, self.stop = db, work, figures, stop
        self.running: subprocess.Popen[bytes] | None = None
        self.rng = random.Random(20181125)

    def run(self) -> None:
        number = 0
        while not self.stop.is_set():
            number += 1
            claim = str(self.rng.randint(1, 14))
            commands = [
                ["show", claim],
                ["history", claim],
                ["search", "provoc*"],
                ["list", "--limit", "5"],
                ["backups"],
                ["add-claim", "--text", f"cli {number}"],
                ["add-claim", "--text", f"cli {number}"],
                ["edit-claim", claim, "--notes", f"cli {number}"],
            ]
            args = self.rng.choice(commands)
            self.running = subprocess.Popen(
                [sys.executable, "-m", "claimtracker", "--db", str(self.db), *args],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=environment(self.work),
            )
            _, err = self.running.communicate()
            status = self.running.returncode
            self.running = None
            self.figures.cli_runs += 1
            if status == 0 and args[0] == "add-claim":
                self.figures.cli_edits.append(args[2])
            elif status not in (0, -signal.SIGKILL) and b"changed elsewhere" not in err:
                self.figures.cli_failures.append(f"{' '.join(args)}: {err.decode()[-300:]}")

    def kill_running(self) -> bool:
        running = self.running
        if running is None or running.poll() is not None:
            return False
        running.send_signal(signal.SIGKILL)
        return True


class Visitor(threading.Thread):
    """A third program: opens, reads, sometimes writes, and closes the file, again and again."""

    def __init__(self, db: Path, figures: Figures, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.db, self.figures, self.stop = db, figures, stop

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                connection = sqlite3.connect(self.db, isolation_level=None, timeout=15)
                try:
                    connection.execute("SELECT count(*) FROM claim").fetchone()
                    if self.figures.visits % 10 == 0:
                        connection.execute("UPDATE claim SET updated_at = updated_at WHERE id = 2")
                finally:
                    connection.close()
            except sqlite3.Error as exc:
                self.figures.visit_errors.append(str(exc))
            self.figures.visits += 1
            time.sleep(0.03)


# --- the run -----------------------------------------------------------------------------------


def start_app(db: Path, work: Path, ack: Path, first: int, seed: int) -> subprocess.Popen[bytes]:
    script = str(Path(__file__).resolve())
    return subprocess.Popen(
        [sys.executable, script, "--app", str(db), str(ack), str(first), str(seed)],
        stdout=subprocess.DEVNULL,
        stderr=(work / "app-stderr.log").open("ab"),
        env=environment(work),
    )


def acknowledged(ack: Path) -> list[str]:
    if not ack.exists():
        return []
    return [line for line in ack.read_text().splitlines() if line.startswith("app ")]


def inode_of(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def wait_ready(ack: Path, app: subprocess.Popen[bytes], seen: int, limit: float = 60) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and app.poll() is None:
        if ack.exists() and ack.read_text().count("ready") > seen:
            return True
        time.sleep(0.05)
    return False


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--app":
        run_app(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        return 0
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 180.0
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="ct-live-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.update({k: v for k, v in environment(work).items() if k.startswith("XDG_")})

    from claimtracker.sample import build_sample
    from claimtracker.store import Store

    db = work / "live.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Store.open(db) as store:
        build_sample(store)
    ack = work / "app.ack"
    ack.unlink(missing_ok=True)

    figures = Figures()
    stop = threading.Event()
    cli = CommandLine(db, work, figures, stop)
    visitor = Visitor(db, figures, stop)
    rng = random.Random(20180825)
    started = time.monotonic()
    starts = 0
    cli.start()
    visitor.start()
    wal = Path(f"{db}-wal")
    while time.monotonic() - started < seconds:
        first = 1_000_000 * starts + 1
        app = start_app(db, work, ack, first, seed=starts)
        if not wait_ready(ack, app, seen=starts):
            print("the app did not start; see", work / "app-stderr.log")
            app.kill()
            break
        starts += 1
        inode = inode_of(wal)
        until = time.monotonic() + rng.uniform(*KILL_EVERY_SECONDS)
        while time.monotonic() < until and app.poll() is None:
            now = inode_of(wal)
            if inode is None:
                inode = now
            elif now != inode:
                figures.wal_replaced += 1  # while the app had the file open
                inode = now
            time.sleep(0.02)
        if app.poll() is None:
            app.send_signal(signal.SIGKILL)
            figures.kills += 1
        app.wait()
        if rng.random() < 0.3 and cli.kill_running():
            figures.cli_kills += 1
    stop.set()
    cli.join(timeout=60)
    visitor.join(timeout=60)
    elapsed = time.monotonic() - started

    app_edits = acknowledged(ack)
    connection = sqlite3.connect(db)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        texts = {row[0] for row in connection.execute("SELECT text FROM claim")}
    except sqlite3.DatabaseError as exc:
        integrity, texts = f"damaged ({exc})", set()  # nothing acknowledged can be found
    finally:
        connection.close()
    lost_app = [edit for edit in app_edits if edit not in texts]
    log = work / "app-stderr.log"
    io_errors = log.read_text(errors="replace").count("disk I/O error") if log.exists() else 0
    lost_cli = [edit for edit in figures.cli_edits if edit not in texts]
    print(f"ClaimTracker, the app and the command line on one file, in {work}")
    print(f"run time                         {elapsed:>8.0f} s")
    print(f"app edits acknowledged           {len(app_edits):>8}")
    print(f"command-line edits acknowledged  {len(figures.cli_edits):>8}")
    print(f"command-line runs                {figures.cli_runs:>8}")
    print(f"third-program visits             {figures.visits:>8}")
    print(f"app killed (SIGKILL)             {figures.kills:>8}")
    print(f"commands killed (SIGKILL)        {figures.cli_kills:>8}")
    print(f"-wal replaced under the app      {figures.wal_replaced:>8}   (must be 0)")
    print(f"acknowledged edits lost          {len(lost_app) + len(lost_cli):>8}   (must be 0)")
    print(f"integrity check                  {integrity:>8}")
    print(f"'disk I/O error' in the app      {io_errors:>8}")
    print(f"command failures                 {len(figures.cli_failures):>8}")
    print(f"third-program errors             {len(figures.visit_errors):>8}")
    for failure in figures.cli_failures[:5]:
        print("  ", failure.replace("\n", " | "))
    for error in figures.visit_errors[:5]:
        print("  ", error)
    if lost_app or lost_cli:
        print("   lost:", (lost_app + lost_cli)[:10])
    bad = lost_app or lost_cli or figures.wal_replaced or integrity != "ok"
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
