"""The hostile command lines of tests/data/cli: each answered on one line, changing nothing.

What they stand for: ids too large for SQLite, --db URLs no driver serves, codecs that are not
text encodings, named pipes, devices and folders given as files, control characters in file
names, pypdf's own warnings, a refused add-claim that must not create its speaker, and searches
with no word to look for.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from claimtracker.cli import main
from tests.safety.helpers import sample_database

CORPUS = Path(__file__).parent.parent / "data" / "cli"
EXPECTED: dict[str, Any] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(name for name in EXPECTED if not name.startswith("_"))
#: A command that has not answered by then hangs (a named pipe opened for reading, say).
SECONDS = 30


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_database(tmp_path_factory.mktemp("cli-corpus") / "claims.db")


def counts(db: Path) -> dict[str, int]:
    connection = sqlite3.connect(db)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        connection.close()


@pytest.fixture
def no_hang() -> Iterator[None]:
    def hung(_signal: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"the command did not answer within {SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_every_case_has_its_expected_outcome() -> None:
    assert len(CASES) >= 25
    for name in CASES:
        assert {"args", "exit", "error"} <= set(EXPECTED[name]), name


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_command_line_gets_one_clean_line(
    name: str,
    sample_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_hang: None,
) -> None:
    case = EXPECTED[name]
    if case.get("setup") == "fifo":
        os.mkfifo(tmp_path / "pipe")
    places = {"{db}": str(sample_db), "{data}": str(CORPUS), "{tmp}": str(tmp_path)}
    args = [_placed(arg, places) for arg in case["args"]]
    before = counts(sample_db)
    status = main(args)
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert status == case["exit"], err
    assert len(lines) == 1, f"not one line: {err!r}"
    assert case["error"] in lines[0]
    assert lines[0].startswith("claimtracker")
    assert "Traceback" not in err and "internal error" not in err
    for text in case.get("absent", []):
        assert text not in out + err
    assert counts(sample_db) == before  # nothing was saved, nothing was lost


def _placed(arg: str, places: dict[str, str]) -> str:
    for key, value in places.items():
        arg = arg.replace(key, value)
    return arg
