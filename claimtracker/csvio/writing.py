"""The pieces every CSV report writer shares: the claims query, the formula guard's SQL
function, the RFC 4180 writer and the batched row loop with progress and cancel."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Sequence
from typing import IO, Any

from claimtracker.csvio.aggregates import LISTS, Matching, list_joins
from claimtracker.csvio.columns import Column
from claimtracker.csvio.formulas import neutralise
from claimtracker.errors import ClaimTrackerError
from claimtracker.query import ClaimFilter, ClaimOrder, compile_filter
from claimtracker.query.rows import ROW_JOINS
from claimtracker.store.dbapi import SQLITE, DbConnection, DbCursor, Dialect

#: progress(rows written, rows in all) → False to cancel.
Progress = Callable[[int, int], bool]
#: A report's query shaped for a server to format: (each item's SQL and whether it is free
#: text, the FROM clause, the rest) → SQL; :func:`server_lines` or ``server_copy.copy_select``.
ServerShape = Callable[[Sequence[tuple[str, bool]], str, str], str]

BATCH = 2000


class ExportCancelled(ClaimTrackerError):
    """The user cancelled an export; no file was written."""


def claims_query(
    claim_filter: ClaimFilter,
    columns: Sequence[Column],
    order: ClaimOrder,
    *,
    where: str = "",
    where_params: tuple[object, ...] = (),
    dialect: Dialect = SQLITE,
    shape: ServerShape | None = None,
) -> tuple[str, tuple[object, ...]]:
    """The claims report's SELECT and its parameters; ``where`` adds a condition (with ``c``
    the claim, ``where_params`` its parameters), ``shape`` (a server only) makes it a query
    whose rows the server formats. The lists (tags, linked claims) are grouped once for the
    report's claims (``csvio.aggregates``)."""
    compiled = compile_filter(claim_filter, dialect)
    condition = f"{compiled.where}{f' AND {where}' if where else ''}"
    wanted = [column.name for column in columns if column.name in LISTS]
    matching = (
        Matching(
            f"SELECT c.id FROM {compiled.source} WHERE {condition}",
            (*compiled.params, *where_params),
        )
        if where or not claim_filter.is_empty
        else None
    )
    joins, join_params = list_joins(
        wanted, dialect, matching=matching, max_tlp=claim_filter.max_tlp
    )
    params = (*join_params, *compiled.params, *where_params)
    items = [column.select_sql(dialect) for column in columns]
    ordering = order.sql(uses_fts=compiled.uses_fts, dialect=dialect)
    tail = f"WHERE {condition} ORDER BY {ordering}"
    if shape is not None:
        cells = [(item, column.free_text) for item, column in zip(items, columns, strict=True)]
        return shape(cells, f"{compiled.source} {ROW_JOINS} {joins}", tail), params
    sql = f"SELECT {', '.join(items)} FROM {compiled.source} {ROW_JOINS} {joins} {tail}"
    return sql, params


def _server_cell(value: str, free_text: bool, alone: bool) -> str:
    """A cell of a CSV line as Python's csv writer writes it: quoted (quotes doubled) when it
    holds a quote, a comma, CR or LF. ``strpos`` is a byte search: cheaper than a regular
    expression, which first widens the whole text."""
    empty = "'\"\"'" if alone else "''"  # a row of one empty cell is "" (not a blank line)
    if not free_text:
        return f"coalesce(nullif({value}, ''), {empty})"
    needs_quotes = " OR ".join(
        f"strpos({value}, {char}) > 0" for char in ("'\"'", "','", "chr(13)", "chr(10)")
    )
    return (
        f"CASE WHEN {value} IS NULL OR {value} = '' THEN {empty}"
        f" WHEN {needs_quotes} THEN '\"' || replace({value}, '\"', '\"\"') || '\"'"
        f" ELSE {value} END"
    )


def server_lines(cells: Sequence[tuple[str, bool]], from_sql: str, tail: str) -> str:
    """A query whose rows are the CSV lines (CRLF-terminated) of ``SELECT items FROM from_sql
    tail`` (``cells``: each item's SQL, and whether it is free text that may need quotes): the
    server formats the cells as Python's csv writer does, so the client only writes text. Each
    item is computed once (in a lateral subquery the planner keeps whole)."""
    values = ", ".join(f"CAST({item} AS text) AS v{i}" for i, (item, _) in enumerate(cells))
    line = " || ',' || ".join(
        _server_cell(f"v.v{i}", free_text, alone=len(cells) == 1)
        for i, (_, free_text) in enumerate(cells)
    )
    return (
        f"SELECT {line} || chr(13) || chr(10) FROM {from_sql}"
        f" CROSS JOIN LATERAL (SELECT {values} OFFSET 0) v {tail}"
    )


def _neutralise_cell(value: str | int | float | bytes | None) -> str | int | float | bytes | None:
    return neutralise(value) if isinstance(value, str) else value


def register_guard(connection: DbConnection) -> None:
    """Make the formula guard's SQL function (see ``formulas.sql_guard``) available; a server
    needs none (its guard is plain SQL)."""
    if not isinstance(connection, sqlite3.Connection):
        return
    connection.create_function("ct_neutralise", 1, _neutralise_cell, deterministic=True)


def csv_writer(stream: IO[str]) -> Any:
    """RFC 4180: comma, CRLF, quotes only where needed and doubled."""
    return csv.writer(stream, dialect="excel", lineterminator="\r\n")


def write_lines(
    cursor: DbCursor,
    stream: IO[str],
    *,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write a :func:`server_lines` query's lines in batches; returns how many."""
    written = 0
    while batch := cursor.fetchmany(BATCH):
        stream.write("".join([line for (line,) in batch]))
        written += len(batch)
        if progress is not None and progress(written, max(total, written)) is False:
            raise ExportCancelled("Export cancelled; no file was written")
    return written


def write_rows(
    cursor: DbCursor,
    writer: Any,
    *,
    done: int = 0,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write a query's rows in batches; returns how many. ``done`` rows are already written
    (for the progress figures)."""
    written = 0
    while batch := cursor.fetchmany(BATCH):
        writer.writerows(batch)
        written += len(batch)
        if progress is not None and progress(done + written, max(total, done + written)) is False:
            raise ExportCancelled("Export cancelled; no file was written")
    return written
