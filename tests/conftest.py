"""Fixtures shared by every test: an isolated data folder, a fresh database, the sample."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtracker.paths import resources_dir

# A throwaway PostgreSQL server and the fixtures over it: pg_server, pg_url, pg_migrated_url,
# db_target (tests/pg.py).
pytest_plugins = ["pg"]

SAMPLE_NAME = "us-warns-russia-2018-08-25.md"


def pytest_configure(config: pytest.Config) -> None:
    # GUI tests run without a screen; this must be set before Qt starts.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never touch the real user's data folder, settings or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("CLAIMTRACKER_DB", raising=False)
    return home


@pytest.fixture
def sample_path() -> Path:
    return resources_dir() / "sample" / SAMPLE_NAME


@pytest.fixture
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claims.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[object]:
    from claimtracker.store import Store

    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def store_both(db_target: str) -> Iterator[object]:
    """A Store on an SQLite file, then on a PostgreSQL server (``db_target``, tests/pg.py)."""
    from claimtracker.store import Store

    opened = Store.open(db_target)
    yield opened
    opened.close()


def pytest_sessionstart(session: pytest.Session) -> None:
    # Any ordinary open() of a database file this process holds in SQLite fails the test that
    # did it: closing such a descriptor drops the process's locks (see live_files).
    from claimtracker.safety.live_files import forbid_plain_io

    forbid_plain_io()
