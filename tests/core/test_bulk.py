"""The bulk path leaves the database as it found it, apart from the new claims."""

from __future__ import annotations

import sqlite3

import pytest

from claimtracker import bulk
from claimtracker.query import ClaimFilter, search_ids
from claimtracker.store import Store


def _schema(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    return connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'claim' ORDER BY name"
    ).fetchall()


def _fts_config(connection: sqlite3.Connection) -> dict[str, int]:
    return dict(connection.execute("SELECT k, v FROM claim_fts_config WHERE k != 'version'"))


def _rows(count: int, first: int = 0) -> list[list[object]]:
    now = bulk.timestamp()
    values = {
        "attribution": "anonymous",
        "status": "unstarted",
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }
    return [
        [
            f"00000000-0000-4000-8000-{first + i:012d}"
            if column == "uuid"
            else f"Claim {first + i} about provocations"
            if column == "text"
            else values.get(column)
            for column in bulk.CLAIM_COLUMNS
        ]
        for i in range(count)
    ]


@pytest.mark.parametrize("count", [10, bulk.REBUILD_INDEXES_FROM_ROWS])
def test_a_bulk_load_restores_triggers_indexes_and_index_settings(store: Store, count: int) -> None:
    with store.raw() as connection:
        schema_before, config_before = _schema(connection), _fts_config(connection)
    with store.raw(write=True) as connection, bulk.loading(connection, expected_rows=count):
        assert _fts_config(connection)["automerge"] == 0  # paused while rows arrive
        before = bulk.last_claim_id(connection)
        bulk.insert_claims(connection, _rows(count))
        bulk.index_claims_after(connection, before)
    with store.raw() as connection:
        assert _schema(connection) == schema_before
        config = _fts_config(connection)
        assert config.get("automerge", bulk.DEFAULT_FTS_AUTOMERGE) == config_before.get(
            "automerge", bulk.DEFAULT_FTS_AUTOMERGE
        )
        assert config.get("hashsize", bulk.DEFAULT_FTS_HASH_BYTES) == bulk.DEFAULT_FTS_HASH_BYTES
        assert bulk.check_index(connection)
        assert len(list(search_ids(connection, ClaimFilter(text="provoc*")))) == count


def test_a_failed_bulk_load_leaves_nothing_behind(store: Store) -> None:
    with store.raw() as connection:
        schema_before, config_before = _schema(connection), _fts_config(connection)
    with (
        pytest.raises(sqlite3.IntegrityError),
        store.raw(write=True) as connection,
        bulk.loading(connection, expected_rows=bulk.REBUILD_INDEXES_FROM_ROWS),
    ):
        bulk.insert_claims(connection, _rows(3) + _rows(1))  # the same uuid twice
    with store.raw() as connection:
        assert connection.execute("SELECT count(*) FROM claim").fetchone()[0] == 0
        assert _schema(connection) == schema_before
        assert _fts_config(connection) == config_before
