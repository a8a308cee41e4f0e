"""Opening a claim database on a PostgreSQL server: migrations, and what goes wrong, in one line."""

from __future__ import annotations

import sys

import pytest
from sqlalchemy import text

from claimtracker.errors import StorageError, UnsupportedDatabaseError
from claimtracker.store import Store
from claimtracker.store.version import SCHEMA_HEAD


def _one_line(error: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_open_migrates_an_empty_server_database_to_the_newest_schema(pg_url):
    with Store.open(pg_url) as store, store.engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        tables = set(
            connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
        )
    assert revision == SCHEMA_HEAD
    assert {"claim", "actor", "source", "link", "tag", "history", "opinion"} <= tables
    assert "claim_fts" not in tables  # SQLite's full-text index only


def test_names_are_unique_regardless_of_case_and_found_in_any_case(pg_migrated_url):
    with Store.open(pg_migrated_url) as store, store.engine.begin() as connection:
        connection.execute(text("INSERT INTO tag (name) VALUES ('Ukraine')"))
        assert connection.execute(text("SELECT name FROM tag WHERE name = 'UKRAINE'")).scalar() == (
            "Ukraine"
        )
        with pytest.raises(Exception, match="unique"):
            connection.execute(text("INSERT INTO tag (name) VALUES ('ukraine')"))


def test_checks_refuse_unknown_codes_on_the_server(pg_migrated_url):
    now = "2026-12-05 10:00:00"
    with Store.open(pg_migrated_url) as store, store.engine.connect() as connection:
        for bad in ("tlp = 'purple'", "status = 'maybe'", "credibility = 9"):
            column, value = bad.split(" = ")
            with pytest.raises(Exception, match="check constraint"):
                connection.execute(
                    text(
                        f"INSERT INTO claim (text, uuid, created_at, updated_at, {column}) "
                        f"VALUES ('x', gen_random_uuid()::text, '{now}', '{now}', {value})"
                    )
                )
            connection.rollback()


def test_a_second_open_does_not_migrate_again(pg_migrated_url):
    with Store.open(pg_migrated_url) as store:
        assert store.display_name.endswith(pg_migrated_url.rsplit("/", 1)[1])


def test_a_newer_schema_is_refused_in_one_line(pg_server, pg_migrated_url):
    pg_server.admin(
        "UPDATE alembic_version SET version_num = '9999'",
        pg_server.dbname(pg_migrated_url),
    )
    with pytest.raises(StorageError) as error:
        Store.open(pg_migrated_url)
    assert "newer ClaimTracker (schema 9999)" in _one_line(error)


def test_another_applications_database_is_left_alone(pg_server, pg_url):
    name = pg_server.dbname(pg_url)
    pg_server.admin("CREATE TABLE invoices (id int)", name)
    with pytest.raises(StorageError) as error:
        Store.open(pg_url)
    assert "belongs to another application (it holds the tables invoices" in _one_line(error)
    pg_server.admin("SELECT 1 FROM invoices", name)  # still there, and nothing of ours added
    with pytest.raises(Exception, match="does not exist"):
        pg_server.admin("SELECT 1 FROM claim", name)


def test_a_wrong_password_says_so_without_showing_it(pg_server, pg_migrated_url):
    pg_server.admin("CREATE ROLE boris LOGIN PASSWORD 'right-one'")
    try:
        name = pg_server.dbname(pg_migrated_url)
        with pytest.raises(StorageError) as error:
            Store.open(pg_server.url(name, user="boris", password="wrong-one"))
        message = _one_line(error)
        assert "refused the password of 'boris'" in message
        assert "wrong-one" not in message
    finally:
        pg_server.admin("DROP ROLE boris")


def test_a_server_that_is_down_says_it_cannot_be_reached(pg_server):
    url = f"postgresql+psycopg://someone:pw@127.0.0.1:{_closed_port()}/claims"
    with pytest.raises(StorageError) as error:
        Store.open(url)
    message = _one_line(error)
    assert "cannot be reached: no PostgreSQL server answers there" in message
    assert ":pw@" not in message


def test_a_database_that_does_not_exist_is_named(pg_server):
    with pytest.raises(StorageError) as error:
        Store.open(pg_server.url("no_such_claims"))
    assert "the server has no database named 'no_such_claims'" in _one_line(error)


def test_a_url_without_a_database_asks_for_one(pg_server):
    with pytest.raises(UnsupportedDatabaseError) as error:
        Store.open(f"postgresql+psycopg://someone@127.0.0.1:{pg_server.port}")
    assert "names no database: add its name at the end of the URL" in _one_line(error)


def test_without_psycopg_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # what an uninstalled module looks like
    with pytest.raises(UnsupportedDatabaseError) as error:
        Store.open("postgresql+psycopg://someone@localhost/claims")
    assert "pip install 'claimtracker[server]'" in _one_line(error)


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_bare_postgresql_url_opens_with_psycopg_3(pg_server, pg_migrated_url):
    bare = pg_migrated_url.replace("postgresql+psycopg://", "postgresql://")
    with Store.open(bare) as store:
        assert store.engine.dialect.driver == "psycopg"


def test_a_bulk_journal_records_only_what_its_own_transaction_created(pg_migrated_url):
    """Another analyst's claim, saved while an import runs, is not the import's to undo."""
    from claimtracker import bulk
    from claimtracker.journal.entries import BulkJournal
    from claimtracker.store import Store
    from tests.core.helpers import add_claim

    with Store.open(pg_migrated_url) as store:
        with store.raw(write=True) as connection:
            journal = BulkJournal(connection, note="import")
            theirs = add_claim(store, text="saved by a colleague meanwhile")
            row = [None] * len(bulk.CLAIM_COLUMNS)
            values = dict(zip(bulk.CLAIM_COLUMNS, row, strict=True)) | {
                "uuid": "0b0b0b0b-0000-4000-8000-000000000001",
                "text": "imported",
                "attribution": "unknown",
                "status": "unstarted",
                "created_at": bulk.timestamp(),
                "updated_at": bulk.timestamp(),
                "version": 1,
            }
            bulk.insert_claims(connection, [[values[c] for c in bulk.CLAIM_COLUMNS]])
            journal.finish()
        with store.raw() as connection:
            noted = connection.execute(
                "SELECT record_id FROM history WHERE note = 'import' AND kind = 'claim'"
            ).fetchall()
    assert [r[0] for r in noted] == [theirs + 1]
