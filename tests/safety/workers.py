"""Processes that write to one database at once, or get killed while writing.

Shared by the tests (a few trials, small loads) and by ``bench/safety_crash.py`` and
``bench/safety_concurrency.py`` (the full runs). Each worker is a function run in its own
process; it reports through a file it fsyncs (what it saw committed) or a queue.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from claimtracker import services
from claimtracker.errors import ClaimTrackerError, ConflictError
from claimtracker.schemas import ClaimCreate, ClaimUpdate
from claimtracker.store import Store

#: The claim whose counter every crash-test transaction moves on (created by prepare_crash_db).
COUNTER_CLAIM = 1
#: Every BULK_EVERY-th crash-test transaction is a CSV import of BULK_ROWS claims.
BULK_EVERY = 5
BULK_ROWS = 40


def process_context() -> BaseContext:
    """Fork where it exists (the child starts at once with everything imported), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# --- the crash test ----------------------------------------------------------------------------


def prepare_crash_db(db: Path) -> None:
    with Store.open(db) as store, store.write() as session:
        services.create_claim(session=session, claim_in=ClaimCreate(text="counter", source_count=0))


def _acknowledge(fd: int, line: str) -> None:
    os.write(fd, f"{line}\n".encode())
    os.fsync(fd)


def crash_writer(db: str, ack_file: str, first: int, seed: int) -> None:
    """Commit transactions numbered from ``first`` until killed; acknowledge each one that
    returned from its commit, durably, before starting the next."""
    from claimtracker.csvio import import_csv

    random.seed(seed)
    fd = os.open(ack_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    store = Store.open(db)
    _acknowledge(fd, "ready")
    number = first
    while True:
        if number % BULK_EVERY == 0:
            table = Path(f"{ack_file}.{number}.csv")
            rows = "".join(
                f"bulk {number}-{row} {'w' * random.randint(0, 400)}\n" for row in range(BULK_ROWS)
            )
            table.write_text("claim\n" + rows, encoding="utf-8")
            import_csv(store, table)
        else:
            with store.write() as session:
                services.create_claim(
                    session=session,
                    claim_in=ClaimCreate(
                        text=f"crash {number} " + "v" * random.randint(0, 2000),
                        tags=["crash", f"t{number}"],
                    ),
                )
                services.update_claim(
                    session=session,
                    claim_id=COUNTER_CLAIM,
                    changes=ClaimUpdate(source_count=number),
                )
        _acknowledge(fd, str(number))
        number += 1


@dataclass
class CrashTrial:
    acknowledged: list[int]
    killed_after_s: float
    problems: list[str] = field(default_factory=list)
    #: The number the next trial starts from (above everything committed so far).
    next_first: int = 0


def acknowledged(ack_file: Path) -> tuple[bool, list[int]]:
    try:
        lines = ack_file.read_text().split()
    except FileNotFoundError:
        return False, []
    return "ready" in lines, [int(line) for line in lines if line.isdigit()]


def crash_trial(db: Path, work: Path, trial: int, first: int, rng: random.Random) -> CrashTrial:
    """Start a writer, kill it with SIGKILL at a random moment, then check the database."""
    ack_file = work / f"ack-{trial}.txt"
    context = process_context()
    writer = context.Process(target=crash_writer, args=(str(db), str(ack_file), first, trial))
    writer.start()
    deadline = time.monotonic() + 60
    while not acknowledged(ack_file)[0]:
        if time.monotonic() > deadline or not writer.is_alive():
            writer.kill()
            return CrashTrial([], 0.0, ["the writer did not start"])
        time.sleep(0.005)
    delay = rng.uniform(0.0, 0.4)
    time.sleep(delay)
    assert writer.pid is not None
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    _, numbers = acknowledged(ack_file)
    result = CrashTrial(numbers, delay)
    result.problems, result.next_first = verify_after_crash(db, set(numbers), first)
    for table in work.glob(f"{ack_file.name}.*.csv"):
        table.unlink()
    return result


def verify_after_crash(db: Path, acknowledged: set[int], first: int) -> tuple[list[str], int]:
    """What is wrong with the database after a crash (lost or partial transactions, damage),
    and the number the next writer starts from."""
    problems: list[str] = []
    with Store.open(db) as store, store.raw() as connection:  # checks the file after the crash
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:3]}")
        present = _committed_numbers(connection)
        lost = sorted(n for n in acknowledged if n not in present)
        if lost:
            problems.append(f"acknowledged but missing: {lost[:10]}")
        this_run = {n for n in present if n >= first}
        unacknowledged = sorted(this_run - acknowledged)
        expected_extra = max(acknowledged, default=first - 1) + 1
        if unacknowledged and unacknowledged != [expected_extra]:
            problems.append(f"committed without acknowledgement: {unacknowledged[:10]}")
        problems.extend(_partial_transactions(connection))
        triggers = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'claim_fts_%'"
        ).fetchone()[0]
        if triggers != 10:
            problems.append(f"{triggers} full-text triggers instead of 10")
        from claimtracker import bulk

        if not bulk.check_index(connection):
            problems.append("the full-text index does not match the claims")
    return problems, max(present, default=first - 1) + 1


def _committed_numbers(connection: sqlite3.Connection) -> set[int]:
    numbers = {
        int(text.split()[1])
        for (text,) in connection.execute("SELECT text FROM claim WHERE text LIKE 'crash %'")
    }
    numbers |= {
        int(text.split()[1].split("-")[0])
        for (text,) in connection.execute("SELECT text FROM claim WHERE text LIKE 'bulk %'")
    }
    return numbers


def _partial_transactions(connection: sqlite3.Connection) -> list[str]:
    problems = []
    untagged = connection.execute(
        "SELECT count(*) FROM claim c WHERE c.text LIKE 'crash %'"
        " AND (SELECT count(*) FROM claim_tag t WHERE t.claim_id = c.id) != 2"
    ).fetchone()[0]
    if untagged:
        problems.append(f"{untagged} claim(s) without both of their tags")
    singles = connection.execute("SELECT count(*) FROM claim WHERE text LIKE 'crash %'").fetchone()[
        0
    ]
    counter_changes = connection.execute(
        "SELECT count(*) FROM history WHERE kind = 'claim' AND record_id = ? AND field = 'source_count'",
        (COUNTER_CLAIM,),
    ).fetchone()[0]
    if counter_changes != singles:
        problems.append(f"{singles} claims but {counter_changes} counter changes")
    highest = connection.execute(
        "SELECT max(CAST(substr(text, 7, instr(substr(text, 7), ' ') - 1) AS INTEGER))"
        " FROM claim WHERE text LIKE 'crash %'"
    ).fetchone()[0]
    counter = connection.execute(
        "SELECT source_count FROM claim WHERE id = ?", (COUNTER_CLAIM,)
    ).fetchone()[0]
    if (highest or 0) != counter:
        problems.append(f"the counter says {counter} but the newest claim is {highest}")
    for number, rows in connection.execute(
        "SELECT substr(text, 6, instr(text, '-') - 6), count(*) FROM claim"
        " WHERE text LIKE 'bulk %' GROUP BY 1"
    ):
        if rows != BULK_ROWS:
            problems.append(f"import {number} left {rows} of its {BULK_ROWS} rows")
    created = connection.execute(
        "SELECT count(*) FROM history WHERE kind = 'claim' AND action = 'created'"
    ).fetchone()[0]
    claims = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
    if created != claims:
        problems.append(f"{claims} claims but {created} 'created' history entries")
    return problems


# --- concurrent edits --------------------------------------------------------------------------


def prepare_concurrency_db(db: Path, workers: int) -> None:
    """A shared counter claim (#1) and one claim of its own per worker (#2...)."""
    with Store.open(db) as store, store.write() as session:
        services.create_claim(session=session, claim_in=ClaimCreate(text="shared", source_count=0))
        for worker in range(workers):
            services.create_claim(session=session, claim_in=ClaimCreate(text=f"worker {worker}"))


def concurrent_editor(db: str, worker: int, edits: int, start: Any, results: Any) -> None:
    """``edits`` user actions, each a read-modify-write of the shared counter plus an edit of
    this worker's own claim (with its loaded version, as the app does), between refreshes."""
    os.environ["CLAIMTRACKER_ANALYST"] = f"worker {worker}"
    applied = 0
    errors: list[str] = []
    store = Store.open(db)
    own = worker + 2
    start.wait()
    for edit in range(edits):
        try:
            with store.read() as session:  # the window refreshes
                loaded = session.get_one(services.claims.Claim, own).version
            with store.write() as session:
                shared = session.get_one(services.claims.Claim, 1)
                services.update_claim(
                    session=session,
                    claim_id=1,
                    changes=ClaimUpdate(source_count=(shared.source_count or 0) + 1),
                )
                services.update_claim(
                    session=session,
                    claim_id=own,
                    changes=ClaimUpdate(notes=f"edit {edit}"),
                    expected_version=loaded,
                )
            applied += 1
        except ClaimTrackerError as error:
            errors.append(f"{type(error).__name__}: {error}")
    store.close()
    results.put((worker, applied, errors))


def cli_editor(db: str, worker: int, edits: int, start: Any, results: Any) -> None:
    """The command line at the same time as the app: one ``claimtracker edit-claim`` per edit
    (each opens and closes the database, as a script calling the CLI does)."""
    import contextlib
    import io

    from claimtracker.cli import main

    own = worker + 2
    applied = 0
    errors: list[str] = []
    start.wait()
    for edit in range(edits):
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            status = main(["edit-claim", str(own), "--notes", f"cli {edit}", "--db", db])
        if status == 0:
            applied += 1
        else:
            errors.append(err.getvalue().strip())
    results.put((worker, applied, errors))


@dataclass
class ConcurrencyRun:
    applied: int
    errors: list[str]
    seconds: float
    counter: int
    counter_version: int
    counter_history: int


def run_concurrent_edits(
    db: Path, workers: int, edits: int, *, cli_workers: int = 0
) -> ConcurrencyRun:
    """``workers`` app-like processes (and ``cli_workers`` CLI ones) editing at once."""
    prepare_concurrency_db(db, workers + cli_workers)
    context = process_context()
    start = context.Event()
    results = context.Queue()
    processes = [
        context.Process(target=concurrent_editor, args=(str(db), w, edits, start, results))
        for w in range(workers)
    ] + [
        context.Process(target=cli_editor, args=(str(db), w, edits, start, results))
        for w in range(workers, workers + cli_workers)
    ]
    for process in processes:
        process.start()
    time.sleep(0.2)  # let every worker open the database before they all start at once
    began = time.perf_counter()
    start.set()
    reports = [results.get(timeout=600) for _ in processes]
    seconds = time.perf_counter() - began
    for process in processes:
        process.join()
    with Store.open(db) as store, store.raw() as connection:
        counter, version = connection.execute(
            "SELECT source_count, version FROM claim WHERE id = 1"
        ).fetchone()
        history = connection.execute(
            "SELECT count(*) FROM history WHERE kind = 'claim' AND record_id = 1"
            " AND field = 'source_count'"
        ).fetchone()[0]
    return ConcurrencyRun(
        applied=sum(r[1] for r in reports),
        errors=[e for r in reports for e in r[2]],
        seconds=seconds,
        counter=counter,
        counter_version=version,
        counter_history=history,
    )


def stale_edit_elsewhere(db: str, claim_id: int, done: Any) -> None:
    """Another program changes a claim (used to show that a stale edit is refused)."""
    with Store.open(db) as store, store.write() as session:
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(status="disputed")
        )
    done.set()


def detect_stale_edit(db: Path, claim_id: int) -> str | None:
    """Load a claim, let another process change it, save over it: the message, or None if the
    stale edit went through (it must not)."""
    with Store.open(db) as store:
        with store.read() as session:
            loaded = session.get_one(services.claims.Claim, claim_id).version
        context = process_context()
        done = context.Event()
        other = context.Process(target=stale_edit_elsewhere, args=(str(db), claim_id, done))
        other.start()
        done.wait(60)
        other.join()
        try:
            with store.write() as session:
                services.update_claim(
                    session=session,
                    claim_id=claim_id,
                    changes=ClaimUpdate(status="verified"),
                    expected_version=loaded,
                )
        except ConflictError as conflict:
            return str(conflict)
    return None


def open_new_database(db: str, start: Any, results: Any) -> None:
    """Open a database that does not exist yet, at the same moment as other processes."""
    start.wait()
    try:
        with Store.open(db) as store, store.raw() as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        results.put(("ok", revision[0]))
    except Exception as error:  # reported to the test, whatever it is
        results.put(("error", f"{type(error).__name__}: {error}"))


def open_at_once(db: Path, processes: int) -> list[tuple[str, str]]:
    context = process_context()
    start = context.Event()
    results = context.Queue()
    started = [
        context.Process(target=open_new_database, args=(str(db), start, results))
        for _ in range(processes)
    ]
    for process in started:
        process.start()
    time.sleep(0.1)
    start.set()
    outcomes = [results.get(timeout=120) for _ in started]
    for process in started:
        process.join()
    return outcomes


if __name__ == "__main__":  # pragma: no cover - a manual entry point for one writer
    crash_writer(sys.argv[1], sys.argv[2], int(sys.argv[3]), 0)
