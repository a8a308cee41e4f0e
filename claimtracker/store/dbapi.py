"""The read and bulk seam: plain DB-API SQL that runs on an SQLite file or a PostgreSQL server.

The query layer, journal reading, bulk work, CSV and dispute analysis run their own SQL on a
:class:`DbConnection`, without SQLAlchemy (so the app paints its first rows before the ORM is
imported). One SQL text serves both databases:

* Placeholders are ``?`` (qmark), or numbered ``?1``, ``?2`` where one value is used twice. On
  PostgreSQL, :class:`ServerConnection` turns them into psycopg's ``%s`` / ``%(p1)s`` (once per
  distinct SQL text, cached) and escapes every ``%`` in the SQL, so a ``LIKE 'a%'`` literal is safe.
* Values come back as from sqlite3: dates and timestamps as ISO text (``2026-12-05``,
  ``2026-12-05 10:00:00.123456``; the server leaves out a fraction's trailing zeros), so row
  snapshots are the same on both. Booleans come back as True/False on a server (0/1 on SQLite).
* The few fragments that differ are written with the helpers below, given the connection's
  dialect (:func:`dialect_of`): :func:`nocase` (case-insensitive compare and order),
  :func:`insert_ignoring` (``INSERT OR IGNORE`` / ``ON CONFLICT DO NOTHING``),
  :func:`group_concat` (``group_concat`` / ``string_agg``), :func:`char` (``char`` / ``chr``),
  :func:`greatest` and :func:`least` (two-argument ``max``/``min`` / ``greatest``/``least``),
  :func:`today` and :func:`as_date`,
  and :data:`NO_LIMIT`. ``rowid`` exists only on SQLite: every table has an integer ``id``;
  use it.

Getting one: ``with store.raw() as connection:`` (``write=True`` for one transaction that is
committed at the end and rolled back on error; on SQLite it takes the write lock at once, on
PostgreSQL it is an ordinary transaction). Writing a query function::

    from claimtracker.store.dbapi import DbConnection, dialect_of, nocase

    def tag_names(connection: DbConnection) -> list[str]:
        order = nocase("name", dialect_of(connection))
        return [n for (n,) in connection.execute(f"SELECT name FROM tag ORDER BY {order}")]

A plain ``sqlite3.Connection`` is a :class:`DbConnection` as it is (the app's readers, tests):
the Protocol leaves the dialect out for that reason, and :func:`dialect_of` reads the
``dialect`` attribute :class:`ServerConnection` carries, calling any connection without one
SQLite. Reading a result too big to hold takes :func:`streamed` (a server-side cursor on a
server). Bulk work on a server reaches psycopg itself (``connection.psycopg``, for ``COPY``).

Work still written for SQLite only (undoing a merge) takes ``store.raw_sqlite("What it is")``
(or :func:`require_sqlite`): on a server it stops with one line saying that it needs a file.
"""

from __future__ import annotations

import functools
import itertools
import sqlite3
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

if TYPE_CHECKING:
    import psycopg

Dialect = Literal["sqlite", "postgresql"]
SQLITE: Dialect = "sqlite"
POSTGRESQL: Dialect = "postgresql"


class DbCursor(Protocol):
    """What a query reads its rows through (sqlite3's and psycopg's cursors both are one)."""

    arraysize: int

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...

    def close(self) -> None: ...


class DbConnection(Protocol):
    """A DB-API connection with ``?`` placeholders: sqlite3's, or :class:`ServerConnection`."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...


def dialect_of(connection: object) -> Dialect:
    """``"postgresql"`` for a server connection, ``"sqlite"`` for any other."""
    return cast(Dialect, getattr(connection, "dialect", SQLITE))


# -- The fragments that differ ------------------------------------------------------------------

#: ``LIMIT ?`` with this value returns every row (SQLite wants -1, PostgreSQL NULL).
NO_LIMIT: dict[Dialect, int | None] = {SQLITE: -1, POSTGRESQL: None}


def nocase(expression: str, dialect: Dialect) -> str:
    """``expression`` compared and ordered regardless of (ASCII) case, as SQLite's NOCASE."""
    return f"{expression} COLLATE NOCASE" if dialect == SQLITE else f"lower({expression})"


def insert_ignoring(sql: str, dialect: Dialect) -> str:
    """``INSERT INTO ...`` that skips rows breaking a unique key instead of failing."""
    if not sql.lstrip().upper().startswith("INSERT INTO"):
        raise ValueError(f"not an INSERT INTO statement: {sql[:40]!r}")
    if dialect == SQLITE:
        return sql.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)
    return f"{sql.rstrip()} ON CONFLICT DO NOTHING"


def group_concat(expression: str, separator: str, dialect: Dialect) -> str:
    """The aggregate joining ``expression``'s values with ``separator`` (an SQL expression)."""
    name = "group_concat" if dialect == SQLITE else "string_agg"
    return f"{name}({expression}, {separator})"


def char(code: int, dialect: Dialect) -> str:
    """The one-character string with this code point, as an SQL expression."""
    return f"{'char' if dialect == SQLITE else 'chr'}({int(code)})"


def greatest(first: str, second: str, dialect: Dialect) -> str:
    """The larger of two values (both must be non-NULL: the databases differ on NULL)."""
    return f"{'max' if dialect == SQLITE else 'greatest'}({first}, {second})"


def least(first: str, second: str, dialect: Dialect) -> str:
    """The smaller of two values (both must be non-NULL: the databases differ on NULL)."""
    return f"{'min' if dialect == SQLITE else 'least'}({first}, {second})"


def today(dialect: Dialect) -> str:
    """Today's date (UTC on SQLite; the server's time zone on PostgreSQL) as an SQL expression."""
    return "date('now')" if dialect == SQLITE else "CURRENT_DATE"


def as_date(expression: str, dialect: Dialect) -> str:
    """The date part of a timestamp (or ISO text) as an SQL expression."""
    return f"date({expression})" if dialect == SQLITE else f"CAST({expression} AS date)"


# -- PostgreSQL -----------------------------------------------------------------------------


def server_sql(sql: str) -> str:
    """``sql`` with ``?`` placeholders as psycopg's ``%s`` (numbered ones, ``?1``, as
    ``%(p1)s``), and every ``%`` doubled.

    A ``?`` inside a quoted literal, a quoted identifier or a comment is left as it is.
    """
    return _translated(sql)[0]


@functools.lru_cache(maxsize=2048)
def _translated(sql: str) -> tuple[str, bool]:
    """:func:`server_sql`, and whether the placeholders are numbered."""
    numbered = False
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            end = i + 1
            while end < n:
                if sql[end] == ch:
                    if end + 1 < n and sql[end + 1] == ch:  # a doubled quote inside
                        end += 2
                        continue
                    break
                end += 1
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif ch == "?":
            digits = i + 1
            while digits < n and sql[digits].isdigit():
                digits += 1
            if digits > i + 1:
                out.append(f"%(p{sql[i + 1 : digits]})s")
                numbered = True
            else:
                out.append("%s")
            i = digits
        elif ch == "%":
            out.append("%%")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out), numbered


def _server_parameters(numbered: bool, parameters: Sequence[Any]) -> Any:
    if numbered:
        return {f"p{index}": value for index, value in enumerate(parameters, start=1)}
    return tuple(parameters)


#: Names for server-side cursors, unique in the process (several may be open on one connection).
_STREAMS = itertools.count(1)

#: PostgreSQL types read back as text, the way SQLite stores them (``timestamp`` by
#: :func:`_timestamp_loader`: SQLite keeps six digits of fraction, PostgreSQL drops its zeros).
_AS_TEXT = ("date", "timestamptz", "time", "interval")


def as_sqlite_timestamp(text: str) -> str:
    """PostgreSQL's text of a ``timestamp`` ("… 10:00:00.25", "… 10:00:00") as SQLite holds the
    same value ("… 10:00:00.250000", "… 10:00:00.000000"), so the two compare equal."""
    seconds, _dot, fraction = text.partition(".")
    return f"{seconds}.{fraction.ljust(6, '0')}"


@functools.cache
def _timestamp_loader() -> type:
    from psycopg.types.string import TextLoader

    class SqliteTimestampLoader(TextLoader):
        def load(self, data: Any) -> str:
            return as_sqlite_timestamp(str(super().load(data)))

    return SqliteTimestampLoader


class ServerConnection:
    """A psycopg connection that speaks the seam: ``?`` placeholders, dates as ISO text.

    Transactions are psycopg's: the first statement begins one; :meth:`commit` and
    :meth:`rollback` end it. ``psycopg`` gives the connection itself (for ``COPY``).
    """

    dialect: Dialect = POSTGRESQL

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.psycopg = connection

    def _cursor(self, name: str = "") -> Any:
        from psycopg.types.string import TextLoader

        cursor = self.psycopg.cursor(name=name) if name else self.psycopg.cursor()
        for type_name in _AS_TEXT:
            cursor.adapters.register_loader(type_name, TextLoader)
        cursor.adapters.register_loader("timestamp", _timestamp_loader())
        return cursor

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        cursor = self._cursor()
        text, numbered = _translated(sql)
        cursor.execute(text, _server_parameters(numbered, parameters))
        return cursor

    def stream(
        self, sql: str, parameters: Sequence[Any] = (), /, *, batch: int = 2000
    ) -> psycopg.ServerCursor[Any]:
        """A server-side cursor over ``sql``'s rows, fetched ``batch`` at a time: memory stays
        flat over a million rows. Within the current transaction (the server keeps the cursor
        there); iterate it or call ``fetchmany``."""
        cursor: psycopg.ServerCursor[Any] = self._cursor(f"claimtracker_stream_{next(_STREAMS)}")
        cursor.itersize = batch
        text, numbered = _translated(sql)
        cursor.execute(text, _server_parameters(numbered, parameters))
        return cursor

    def copy_csv_out(
        self, sql: str, parameters: Sequence[Any] = (), /
    ) -> Generator[bytes | bytearray | memoryview, None, None]:
        """``COPY (sql) TO STDOUT (FORMAT csv)``: the server's CSV of ``sql``'s rows (UTF-8,
        each row ended by LF), in blocks as they arrive. Within the current transaction."""
        text, numbered = _translated(sql)
        with (
            self.psycopg.cursor() as cursor,
            cursor.copy(
                f"COPY ({text}) TO STDOUT (FORMAT csv)",
                _server_parameters(numbered, parameters),
            ) as copy,
        ):
            yield from copy

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> psycopg.Cursor[Any]:
        cursor = self._cursor()
        text, numbered = _translated(sql)
        cursor.executemany(text, (_server_parameters(numbered, row) for row in parameters))
        return cursor

    def commit(self) -> None:
        self.psycopg.commit()

    def rollback(self) -> None:
        self.psycopg.rollback()

    def close(self) -> None:
        self.psycopg.close()


def streamed(
    connection: DbConnection, sql: str, parameters: Sequence[Any] = (), /, *, batch: int = 2000
) -> DbCursor:
    """The rows of ``sql``, read as they are used: on a server through a server-side cursor
    (the client holds one batch at a time, not the whole result); on SQLite, as always."""
    if isinstance(connection, ServerConnection):
        return connection.stream(sql, parameters, batch=batch)
    return cast(DbCursor, connection.execute(sql, parameters))


def require_sqlite(connection: DbConnection, what: str) -> sqlite3.Connection:
    """``connection`` as the sqlite3 connection ``what`` still needs, or a one-line
    :class:`UnsupportedDatabaseError` on a server (for the parts not yet written for one)."""
    if dialect_of(connection) != SQLITE or not isinstance(connection, sqlite3.Connection):
        from claimtracker.errors import UnsupportedDatabaseError

        raise UnsupportedDatabaseError(
            f"{what} works on SQLite database files only, not yet on a PostgreSQL server."
        )
    return connection
