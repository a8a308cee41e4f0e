"""The read/bulk seam (claimtracker/store/dbapi.py): one SQL text, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from claimtracker.store import Store
from claimtracker.store.dbapi import (
    as_date,
    char,
    dialect_of,
    greatest,
    group_concat,
    insert_ignoring,
    least,
    nocase,
    server_sql,
    today,
)


def test_placeholders_become_psycopgs_and_percent_signs_stay_literal():
    assert server_sql("SELECT a FROM t WHERE b = ? AND c LIKE 'x%'") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE 'x%%'"
    )
    assert server_sql("SELECT '?', \"odd?\" -- what?\n, ?") == (
        "SELECT '?', \"odd?\" -- what?\n, %s"
    )
    assert server_sql("SELECT 'it''s ?', ? /* ? */") == "SELECT 'it''s ?', %s /* ? */"
    assert server_sql("WHERE a = ?1 OR b = ?1 LIMIT ?2") == (
        "WHERE a = %(p1)s OR b = %(p1)s LIMIT %(p2)s"
    )


def test_one_sql_text_runs_on_both(store_both: Store):
    with store_both.raw(write=True) as connection:
        dialect = dialect_of(connection)
        assert dialect == store_both.engine.dialect.name
        add_tag = insert_ignoring("INSERT INTO tag (name) VALUES (?)", dialect)
        connection.executemany(add_tag, [("Idlib",), ("idlib",), ("50%",), ("Ålesund",)])
        names = connection.execute(
            f"SELECT {group_concat('name', char(0x1F, dialect), dialect)} "
            f"FROM (SELECT name FROM tag ORDER BY {nocase('name', dialect)}) t"
        ).fetchone()[0]
        assert sorted(names.split("\x1f")) == sorted(["Idlib", "50%", "Ålesund"])
        found = connection.execute(
            "SELECT name FROM tag WHERE name LIKE ?1 OR name = ?2 ORDER BY name",
            ("50%", "IDLIB"),
        ).fetchall()
        assert [tuple(row) for row in found] == [("50%",), ("Idlib",)]


def test_dates_come_back_as_the_text_sqlite_stores(store_both: Store):
    with store_both.raw(write=True) as connection:
        connection.execute(
            "INSERT INTO source (title, text, format, uuid, created_at, updated_at, version,"
            " published_on) VALUES ('t', '', 'text', 'u-1', ?, ?, 1, ?)",
            ("2026-12-05 10:00:00.250000", "2026-12-05 10:00:01.000000", "2026-12-01"),
        )
        published, created, updated = connection.execute(
            "SELECT published_on, created_at, updated_at FROM source"
        ).fetchone()
    # The same text on both (PostgreSQL's own text leaves out the fraction's trailing zeros).
    assert published == "2026-12-01"
    assert created == "2026-12-05 10:00:00.250000"
    assert updated == "2026-12-05 10:00:01.000000"


def test_a_failed_raw_write_leaves_nothing_behind(store_both: Store):
    with pytest.raises(Exception, match=r"(?i)unique"), store_both.raw(write=True) as connection:
        connection.execute("INSERT INTO tag (name) VALUES (?)", ("kept?",))
        connection.execute("INSERT INTO tag (name) VALUES (?)", ("KEPT?",))  # unique, any case
    with store_both.raw() as connection:
        assert connection.execute("SELECT count(*) FROM tag").fetchone()[0] == 0


def test_dates_and_bounds_are_computed_alike(store_both: Store):
    with store_both.raw() as connection:
        dialect = dialect_of(connection)
        day, now, high, low = connection.execute(
            f"SELECT {as_date('?', dialect)}, {today(dialect)}, {greatest('?', '?', dialect)}, "
            f"{least('?', '?', dialect)}",
            ("2026-12-05 23:59:59.5", 3, 7, 3, 7),
        ).fetchone()
    assert (day, high, low) == ("2026-12-05", 7, 3)
    assert len(now) == 10 and now[4] == "-"
