"""Cheaper value-list checks: ``status = 'a' OR status = 'b'`` instead of ``status IN ('a', 'b')``.

SQLite evaluates a CHECK's ``IN (list)`` by building a small temporary index each time a row is
written, which made a third of the cost of inserting a claim. The same condition spelled as
comparisons is evaluated in place. The conditions accept exactly the same values, and every
stored row already satisfies them, so the tables' stored SQL is rewritten in place as SQLite
documents for changing CHECK constraints (``writable_schema`` and a new schema version, inside
the migration's transaction), without copying any table.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import re
from collections.abc import Callable

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("actor", "claim", "link", "history")
_LITERAL = r"'[A-Za-z_]+'"
_IN_LIST = re.compile(rf"\b(\w+) IN \(({_LITERAL}(?:, {_LITERAL})*)\)")
_OR_CHAIN = re.compile(rf"\((\w+) = ({_LITERAL}(?: OR \1 = {_LITERAL})*)\)")


def as_comparisons(sql: str) -> str:
    """``x IN ('a', 'b')`` → ``(x = 'a' OR x = 'b')`` in a CREATE TABLE statement."""

    def chain(match: re.Match[str]) -> str:
        column, values = match[1], match[2].split(", ")
        return "(" + " OR ".join(f"{column} = {value}" for value in values) + ")"

    return _IN_LIST.sub(chain, sql)


def as_value_lists(sql: str) -> str:
    """The inverse of :func:`as_comparisons`."""

    def listed(match: re.Match[str]) -> str:
        column = match[1]
        values = re.findall(_LITERAL, match[0])
        return f"{column} IN ({', '.join(values)})"

    return _OR_CHAIN.sub(listed, sql)


def _rewrite_tables(rewrite: Callable[[str], str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # server databases evaluate value lists well
    run = bind.exec_driver_sql
    marks = ", ".join("?" for _ in TABLES)
    tables = run(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ({marks})", TABLES
    ).fetchall()
    changed = [(rewrite(sql), name) for name, sql in tables if rewrite(sql) != sql]
    if not changed:
        return
    schema_version = run("PRAGMA schema_version").scalar_one()
    run("PRAGMA writable_schema = ON")
    try:
        for sql, name in changed:
            run("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, name))
        run(f"PRAGMA schema_version = {int(schema_version) + 1}")
    finally:
        run("PRAGMA writable_schema = OFF")
    problems = run("PRAGMA quick_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"The rewritten checks did not verify: {'; '.join(problems)}")


def upgrade() -> None:
    _rewrite_tables(as_comparisons)


def downgrade() -> None:
    _rewrite_tables(as_value_lists)
