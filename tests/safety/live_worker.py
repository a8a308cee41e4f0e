"""Process A of the live-database test: a project held open the way the app holds it.

``python -m tests.safety.live_worker DB`` opens DB as the app does (``ui.runtime.project.Project``: a
reader, then the Store on a background thread), starts a watcher thread that looks at the
history the way the app's external-changes watcher does, and then reads commands, one a line:

- ``paths``: runs every path that can run while the app is open on its file (a second Store
  and a second window on it, the header and crash checks, Check Database, backups, history,
  the location check, the damaged-file message); answers ``ok``;
- ``edit N``: commits a claim whose text is ``live edit N`` and answers ``ack N`` once the
  commit returned;
- ``count``: answers how many claims it sees through its reader.

It never exits by itself: the test kills it with SIGKILL, as a crash or a power cut would.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from pathlib import Path

from claimtracker import services
from claimtracker.schemas import ClaimCreate
from ui.runtime.project import Project


def exercise_paths(project: Project) -> None:
    """Everything that may touch the file while the app has it open."""
    from claimtracker.journal.reading import claim_history, last_change_id
    from claimtracker.safety import locks
    from claimtracker.safety.backup import (
        backup_if_changed,
        list_backups,
        make_backup,
        newest_good_backup,
    )
    from claimtracker.safety.integrity import check_before_open, check_database, header_problem
    from claimtracker.safety.location import location_warning
    from claimtracker.store import Store
    from claimtracker.store.errors import storage_error

    path = project.path
    Store.open(path).close()  # a second Store in the same process
    Project.open(path).close()  # a second window on the same file
    assert header_problem(path) is None
    check_before_open(path)
    assert check_database(path).ok
    make_backup(path, reason="manual")
    backup_if_changed(path, reason="timer")
    assert list_backups(path) and newest_good_backup(path) is not None
    locks.left_by_crash(path)
    locks.open_elsewhere(path)
    storage_error(sqlite3.DatabaseError("database disk image is malformed"), path)
    location_warning(path)
    with project.store.read() as session:
        claim_history(session=session, claim_id=1)
    last_change_id(project.reader)


def watch(project: Project, stop: threading.Event) -> None:
    """The external-changes watcher: a fresh reader on a worker, every few milliseconds."""
    from claimtracker.journal.reading import last_change_id

    while not stop.is_set():
        connection = project.connect()
        try:
            last_change_id(connection)
        finally:
            connection.close()
        time.sleep(0.02)


def main(database: str) -> None:
    project = Project.open(Path(database))
    project.load_store_in_background()
    project.store  # noqa: B018 (waits for the background load, as the first edit does)
    stop = threading.Event()
    threading.Thread(target=watch, args=(project, stop), daemon=True).start()
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "paths":
            exercise_paths(project)
            print("ok", flush=True)
        elif command == "edit":
            with project.write() as session:
                services.create_claim(
                    session=session, claim_in=ClaimCreate(text=f"live edit {argument}")
                )
            print(f"ack {argument}", flush=True)
        elif command == "count":
            count = project.reader.execute("SELECT count(*) FROM claim").fetchone()[0]
            print(f"count {count}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
