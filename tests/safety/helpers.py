"""Builders shared by the safety tests: databases with content, damage, a program holding a file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimtracker.sample import build_sample
from claimtracker.store import Store

PAGE = 4096


def sample_database(path: Path, extra_claims: int = 0) -> Path:
    """A closed database file holding the sample project (and more claims, to span pages)."""
    with Store.open(path) as store:
        build_sample(store)
        if extra_claims:
            with store.raw(write=True) as connection:
                connection.executemany(
                    "INSERT INTO claim (uuid, text, attribution, status, created_at, updated_at,"
                    " version) VALUES (?, ?, 'unknown', 'unstarted', '2020-01-01', '2020-01-01', 1)",
                    ((f"extra-{i}", f"extra claim {i} " + "x" * 300) for i in range(extra_claims)),
                )
    return path


def claim_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM claim").fetchone()[0])
    finally:
        connection.close()


def zero_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def last_claim_page(path: Path) -> int:
    """The page number of the claim table's last leaf (read before any damage is done)."""
    connection = sqlite3.connect(path)
    try:
        return int(
            connection.execute(
                "SELECT max(pageno) FROM dbstat WHERE name = 'claim' AND pagetype = 'leaf'"
            ).fetchone()[0]
        )
    finally:
        connection.close()


def overwrite_page(path: Path, page: int) -> None:
    """Overwrite one page with garbage, without opening the file with SQLite."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE
    data[start : start + PAGE] = bytes((i * 7 + 13) % 256 for i in range(PAGE))
    path.write_bytes(bytes(data))


def overwrite_claim_page(path: Path) -> None:
    overwrite_page(path, last_claim_page(path))


def truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def replace_by_text(path: Path) -> None:
    path.write_text("Notes from the meeting, not a database.\n" * 200, encoding="utf-8")


DAMAGE = {
    "zeroed header": (zero_header, "header is zeroed"),
    "overwritten page": (overwrite_claim_page, "cannot be read back"),
    "truncated file": (truncate_to_half, "cut short"),
    "text file renamed .db": (replace_by_text, "text file, not a database"),
}


@contextmanager
def held_open_elsewhere(path: Path, *, write: str | None = None) -> Iterator[subprocess.Popen[str]]:
    """Another process with ``path`` open (optionally after committing ``write``) until the block
    ends, then killed as a crash would end it."""
    script = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode = WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        f"if {write!r}: c.execute({write!r})\n"
        "c.execute('SELECT count(*) FROM claim').fetchone()\n"
        "print('ready', flush=True)\n"
        "sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        yield child
    finally:
        child.kill()
        child.wait()
