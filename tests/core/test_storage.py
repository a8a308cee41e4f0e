"""The database file: safety settings, schema versions, migrations that keep data."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from claimtracker.errors import DatabaseDamagedError
from claimtracker.paths import default_database_path
from claimtracker.store import Store
from claimtracker.store.migrate import MIGRATIONS_DIR, alembic_config
from claimtracker.store.version import SCHEMA_HEAD
from tests.core.helpers import database_at_revision


def test_every_connection_gets_the_safety_pragmas(store: Store) -> None:
    with store.read() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_writes_take_the_write_lock_at_once(store: Store, db_path: Path) -> None:
    """A write session holds the RESERVED lock from its start: a second writer must wait."""
    other = sqlite3.connect(db_path, timeout=0.05, isolation_level=None)
    with store.write() as session:
        session.connection()  # begins the transaction
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_default_database_lives_in_the_user_data_folder(
    isolated_user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open()
    try:
        assert store.path == default_database_path()
        assert str(isolated_user_folders) in str(store.path)
        assert store.path is not None and store.path.exists()
    finally:
        store.close()
    monkeypatch.setenv("CLAIMTRACKER_DB", str(isolated_user_folders / "from-env.db"))
    with Store.open() as from_env:
        assert from_env.path == isolated_user_folders / "from-env.db"


def test_schema_head_constant_matches_the_migrations() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == SCHEMA_HEAD


@pytest.mark.filterwarnings(
    # ix_claim_text_sort is an expression index that SQLAlchemy cannot reflect (nor model).
    "ignore:Skipped unsupported reflection of expression-based index ix_claim_text_sort"
)
def test_models_and_migrations_agree(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [
            d
            for d in compare_metadata(context, SQLModel.metadata)
            if not (d[0] in ("remove_table",) and str(d[1].name).startswith("claim_fts"))
        ]
    assert differences == []


def test_an_older_database_is_upgraded_in_place(db_path: Path) -> None:
    """A file at an earlier revision keeps its rows and its identity when opened."""
    database_at_revision(db_path, "0001")
    inode = db_path.stat().st_ino
    with Store.open(db_path) as store, store.raw() as connection:
        assert connection.execute("SELECT text FROM claim WHERE uuid = 'u-1'").fetchone() == (
            "kept",
        )
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_HEAD,
        )
    assert db_path.stat().st_ino == inode


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100)
    before = bogus.read_bytes()
    with pytest.raises(DatabaseDamagedError, match=r"notes\.db"):
        Store.open(bogus)
    assert bogus.read_bytes() == before


def _table_sql(connection: sqlite3.Connection) -> str:
    return "\n".join(
        sql for (sql,) in connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table'")
    )


def test_value_list_checks_become_comparisons_and_still_refuse_bad_values(db_path: Path) -> None:
    """Migration 0004 rewrites the CHECKs in place; the rows and the rules stay the same."""
    database_at_revision(db_path, "0003", attribution="anonymous")
    with sqlite3.connect(db_path) as raw:
        assert "attribution IN ('on_record'" in _table_sql(raw)
    with Store.open(db_path) as store, store.raw(write=True) as connection:
        sql = _table_sql(connection)
        assert " IN ('" not in sql
        assert "attribution = 'on_record' OR attribution = 'official_statement'" in sql
        assert "reliability = 'A' OR reliability = 'B'" in sql
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT text FROM claim").fetchall() == [("kept",)]
        for column, bad in [("attribution", "rumour"), ("status", "maybe"), ("likelihood", "x")]:
            with pytest.raises(sqlite3.IntegrityError, match=f"ck_{column}_code"):
                connection.execute(f"UPDATE claim SET {column} = ? WHERE uuid = 'u-1'", (bad,))
        with pytest.raises(sqlite3.IntegrityError, match="ck_reliability_code"):
            connection.execute(
                "INSERT INTO actor (name, kind, reliability, uuid, created_at, updated_at, version)"
                " VALUES ('X', 'person', 'G', 'a-1', '2020-01-01', '2020-01-01', 1)"
            )


def test_the_check_rewrite_reads_back_exactly() -> None:
    path = MIGRATIONS_DIR / "versions" / "0004_cheaper_checks.py"
    spec = importlib.util.spec_from_file_location("cheaper_checks", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    original = "CHECK (kind IN ('person', 'unknown')), CHECK (r IS NULL OR r IN ('A', 'B'))"
    rewritten = migration.as_comparisons(original)
    assert rewritten == (
        "CHECK ((kind = 'person' OR kind = 'unknown')), CHECK (r IS NULL OR (r = 'A' OR r = 'B'))"
    )
    assert migration.as_value_lists(rewritten) == original


class _SwitchRefused:
    """A connection whose first WAL switches are refused the way SQLite refuses a program
    when another one switches the same new file at that moment."""

    def __init__(self, connection: sqlite3.Connection, refusals: int, code: int) -> None:
        self.connection = connection
        self.refusals = refusals
        self.code = code

    def execute(self, sql: str) -> sqlite3.Cursor:
        if "journal_mode" in sql and self.refusals:
            self.refusals -= 1
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorcode = self.code  # type: ignore[attr-defined]
            raise error
        return self.connection.execute(sql)


def test_a_new_file_switched_to_wal_by_two_programs_at_once_is_retried(tmp_path: Path) -> None:
    from claimtracker.safety.pragmas import configure_sqlite_connection

    connection = sqlite3.connect(tmp_path / "new.db")
    refused = _SwitchRefused(connection, refusals=3, code=sqlite3.SQLITE_BUSY)
    configure_sqlite_connection(refused)  # type: ignore[arg-type]
    assert refused.refusals == 0
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    other_error = _SwitchRefused(connection, refusals=1, code=sqlite3.SQLITE_IOERR)
    with pytest.raises(sqlite3.OperationalError):
        configure_sqlite_connection(other_error)  # type: ignore[arg-type]
    connection.close()
