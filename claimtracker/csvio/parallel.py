"""A large claims report written on two cores.

Turning a million claims into CSV is Python work bound to one core, and reading the rows from
SQLite costs about as much as formatting them. So a large report in claim order is split at
its middle claim: a helper process (``csvio.part_writer``) writes the second half to a file
beside the report while this process writes the first half, and the second half is then
appended. The report is the same, byte for byte, as one written in a single pass.

Both halves read the same state of the database. This process holds its read snapshot from
before the helper starts; the helper reports when it holds its own; if any other program
committed in between (``PRAGMA data_version`` on a watching connection moves), the helper's
half is thrown away and written here instead. A helper that fails for any reason costs time,
never the report: its half is then written here too.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import claimtracker
from claimtracker.csvio.columns import Column
from claimtracker.csvio.writing import Progress, claims_query, write_rows
from claimtracker.query import ClaimFilter, ClaimOrder, compile_filter
from claimtracker.safety import live_files

#: Below this many rows one core is fast enough and starting a helper is not worth it.
PARALLEL_FROM_ROWS = 200_000
#: How long the helper waits for another program's write lock (it never writes).
HELPER_BUSY_TIMEOUT_MS = 15_000

_BY_ID = ClaimOrder("id")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Split:
    database: Path
    claim_filter: ClaimFilter
    columns: tuple[Column, ...]
    total: int
    spill_dir: Path


def database_to_split(
    connection: sqlite3.Connection, stream: IO[str], order: ClaimOrder, total: int
) -> Path | None:
    """The database file, if this report is worth splitting and can be split safely."""
    if total < PARALLEL_FROM_ROWS or (os.cpu_count() or 1) < 2 or order != _BY_ID:
        return None
    if getattr(sys, "frozen", False):  # a bundled app's executable is the app, not Python
        return None
    # Inside the caller's transaction the helper could not see what it has not committed.
    if connection.in_transaction or not hasattr(stream, "buffer"):
        return None
    rows = connection.execute("PRAGMA database_list").fetchall()
    path = next((row[2] for row in rows if row[1] == "main"), "")
    return Path(path) if path else None


def _data_version(watcher: sqlite3.Connection) -> int:
    return int(watcher.execute("PRAGMA data_version").fetchone()[0])


def _middle_claim(connection: sqlite3.Connection, split: Split) -> int | None:
    compiled = compile_filter(split.claim_filter)
    row = connection.execute(
        f"SELECT c.id FROM {compiled.source} WHERE {compiled.where} ORDER BY c.id LIMIT 1 OFFSET ?",
        (*compiled.params, split.total // 2),
    ).fetchone()
    return int(row[0]) if row else None


class _Helper:
    """The helper process writing the claims after ``pivot`` to a part file."""

    def __init__(self, split: Split, pivot: int) -> None:
        descriptor, name = tempfile.mkstemp(
            prefix=".claimtracker-export-", suffix=".part", dir=split.spill_dir
        )
        os.close(descriptor)
        self.part = Path(name)
        sql, params = claims_query(
            split.claim_filter, split.columns, _BY_ID, where="c.id > ?", where_params=(pivot,)
        )
        spec = {
            "database": str(split.database),
            "sql": sql,
            "params": list(params),
            "out": str(self.part),
            "busy_timeout_ms": HELPER_BUSY_TIMEOUT_MS,
        }
        package_root = str(Path(claimtracker.__file__).resolve().parent.parent)
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, environment.get("PYTHONPATH")) if p
        )
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "claimtracker.csvio.part_writer"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=environment,
            )
        except OSError:
            self.part.unlink(missing_ok=True)
            raise
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(spec))
            self.process.stdin.close()
        except OSError:
            pass  # it died at once; ready() says so

    def ready(self) -> bool:
        """Wait until the helper holds its snapshot; False if it failed to start."""
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip() == "ready"

    def finish(self) -> int | None:
        """The number of rows it wrote, or None if it failed."""
        assert self.process.stdout is not None and self.process.stderr is not None
        stdout = self.process.stdout.read()
        problem = self.process.stderr.read()
        if self.process.wait() != 0:
            log.warning("The export's helper failed; writing its half here: %s", problem[-2000:])
            return None
        words = stdout.split()
        return int(words[1]) if len(words) == 2 and words[0] == "done" else None

    def discard(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()
        self.part.unlink(missing_ok=True)


def write_in_two(
    connection: sqlite3.Connection,
    stream: IO[str],
    writer: Any,
    split: Split,
    progress: Progress | None,
) -> int:
    """Write the claims report's rows (the header is written) in two halves; returns rows."""
    watcher = live_files.connect(split.database, isolation_level=None)
    try:
        before = _data_version(watcher)
        connection.execute("BEGIN")
        try:
            return _write_halves(connection, stream, writer, split, progress, watcher, before)
        finally:
            connection.execute("COMMIT")  # ends the read transaction
    finally:
        watcher.close()


def _write_halves(
    connection: sqlite3.Connection,
    stream: IO[str],
    writer: Any,
    split: Split,
    progress: Progress | None,
    watcher: sqlite3.Connection,
    before: int,
) -> int:
    pivot = _middle_claim(connection, split)  # this first read fixes our snapshot
    if pivot is None:  # claims were deleted since they were counted
        sql, params = claims_query(split.claim_filter, split.columns, _BY_ID)
        return write_rows(connection.execute(sql, params), writer, progress=progress)
    try:
        helper: _Helper | None = _Helper(split, pivot)
    except OSError as error:
        log.warning("Cannot start the export's helper (%s); writing all rows here", error)
        helper = None
    try:
        helping = helper is not None and helper.ready() and _data_version(watcher) == before
        if helper is not None and not helping:
            helper.discard()

        def first_half_progress(done: int, total: int) -> bool:
            # The helper keeps pace with us: count its rows as ours until it reports.
            estimate = min(done * 2, split.total - 1) if helping else done
            return progress is None or progress(estimate, max(split.total, estimate)) is not False

        first, params = claims_query(
            split.claim_filter, split.columns, _BY_ID, where="c.id <= ?", where_params=(pivot,)
        )
        written = write_rows(
            connection.execute(first, params),
            writer,
            total=split.total,
            progress=first_half_progress if progress is not None else None,
        )
        helped = helper.finish() if helper is not None and helping else None
        if helped is None:
            second, params = claims_query(
                split.claim_filter, split.columns, _BY_ID, where="c.id > ?", where_params=(pivot,)
            )
            return written + write_rows(
                connection.execute(second, params),
                writer,
                done=written,
                total=split.total,
                progress=progress,
            )
        assert helper is not None
        stream.flush()
        with helper.part.open("rb") as part:
            shutil.copyfileobj(part, stream.buffer, 1 << 20)  # type: ignore[attr-defined]
        written += helped
        if progress is not None:
            progress(written, max(split.total, written))
        return written
    finally:
        if helper is not None:
            helper.discard()
