"""Writing the CSV reports: streamed, formula-safe, and never half-written.

RFC 4180 (comma, CRLF, quotes doubled), UTF-8 with a byte-order mark by default so that Excel
reads Cyrillic correctly. Rows stream from the database in batches, so memory stays flat
however many claims there are. A report written to a file goes to a temporary file beside it
first and replaces the target only when complete; a pipe or a device is written into (see
:mod:`claimtracker.output_files`).
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from claimtracker.csvio import parallel
from claimtracker.csvio.columns import Column, choose_columns
from claimtracker.csvio.server_copy import copy_select, write_copied
from claimtracker.csvio.writing import (
    ExportCancelled,
    Progress,
    ServerShape,
    claims_query,
    csv_writer,
    register_guard,
    server_lines,
    write_lines,
    write_rows,
)
from claimtracker.errors import ClaimTrackerError
from claimtracker.output_files import target_kind, written_file
from claimtracker.query import ClaimFilter, ClaimOrder, compile_filter, count_claims, search_ids
from claimtracker.query.markings import within_sql
from claimtracker.store.dbapi import (
    POSTGRESQL,
    DbConnection,
    ServerConnection,
    dialect_of,
    streamed,
)

__all__ = ["ExportCancelled", "ExportResult", "export_csv", "write_report"]


@dataclass(frozen=True)
class ExportResult:
    rows: int
    path: Path | None


#: How a server runs an export, for that read only (``SET LOCAL``, its own transaction):
#: compiling this long query to machine code takes longer than running it (4× at 50k
#: claims); the lists' groupings sort in memory rather than on disk; no parallel workers
#: (each would group every list again: at a million claims a third slower); UTF-8 whatever
#: the database's own encoding.
SERVER_SETTINGS = (
    "jit = off",
    "work_mem = '64MB'",
    "max_parallel_workers_per_gather = 0",
    "client_encoding = 'UTF8'",
)

_PAIR_JOINS = """
    JOIN claim a ON a.id = l.claim_a_id AND a.deleted_at IS NULL
    JOIN claim b ON b.id = l.claim_b_id AND b.deleted_at IS NULL
    LEFT JOIN actor asp ON asp.id = a.speaker_id
    LEFT JOIN source asrc ON asrc.id = a.source_id
    LEFT JOIN actor aol ON aol.id = asrc.outlet_id
    LEFT JOIN actor bsp ON bsp.id = b.speaker_id
    LEFT JOIN source bsrc ON bsrc.id = b.source_id
    LEFT JOIN actor bol ON bol.id = bsrc.outlet_id
"""


def pairs_query(
    connection: DbConnection,
    claim_filter: ClaimFilter,
    columns: Sequence[Column],
    *,
    shape: ServerShape | None = None,
) -> tuple[str, tuple[object, ...]]:
    """Links whose claim or counter-claim matches the filter (with ``shape``, on a server: a
    query whose rows the server formats, see ``writing.ServerShape``)."""
    dialect = dialect_of(connection)
    items = [column.select_sql(dialect) for column in columns]
    where = "l.deleted_at IS NULL"
    params: tuple[object, ...] = ()
    if not claim_filter.is_empty and dialect == POSTGRESQL:
        compiled = compile_filter(claim_filter, dialect)
        matching = f"SELECT c.id FROM {compiled.source} WHERE {compiled.where}"
        where += f" AND (l.claim_a_id IN ({matching}) OR l.claim_b_id IN ({matching}))"
        params = (*compiled.params, *compiled.params)
    elif not claim_filter.is_empty:
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS export_ids (id INTEGER PRIMARY KEY)")
        connection.execute("DELETE FROM temp.export_ids")
        connection.executemany(
            "INSERT INTO temp.export_ids VALUES (?)",
            ((i,) for i in search_ids(connection, claim_filter)),
        )
        where += (
            " AND (l.claim_a_id IN (SELECT id FROM temp.export_ids)"
            " OR l.claim_b_id IN (SELECT id FROM temp.export_ids))"
        )
    if claim_filter.max_tlp:  # both ends of a pair must be allowed to go
        where += f" AND {within_sql(claim_filter.max_tlp, 'a')} AND {within_sql(claim_filter.max_tlp, 'b')}"
    tail = f"WHERE {where} ORDER BY a.id, b.id"
    if shape is not None:
        cells = [(item, column.free_text) for item, column in zip(items, columns, strict=True)]
        return shape(cells, f"link l {_PAIR_JOINS}", tail), params
    return f"SELECT {', '.join(items)} FROM link l {_PAIR_JOINS} {tail}", params


def write_report(
    connection: DbConnection,
    stream: IO[str],
    *,
    report: str = "claims",
    claim_filter: ClaimFilter | None = None,
    columns: list[str] | None = None,
    order: ClaimOrder | None = None,
    progress: Progress | None = None,
    spill_dir: Path | None = None,
) -> int:
    """Write the report's header and rows to a text stream; returns the number of rows.

    Every cell goes through the formula guard in SQL (see ``formulas.sql_guard``), so rows are
    written as they come. With ``spill_dir`` (a folder for a temporary file) a large claims
    report in claim order may be written on two cores (see ``csvio.parallel``).
    """
    register_guard(connection)
    claim_filter = claim_filter or ClaimFilter()
    order = order or ClaimOrder()
    chosen = choose_columns(report, columns)
    writer = csv_writer(stream)
    writer.writerow([column.name for column in chosen])
    if dialect_of(connection) == POSTGRESQL:
        return _write_from_server(connection, stream, report, claim_filter, chosen, order, progress)
    if report != "claims":
        sql, params = pairs_query(connection, claim_filter, chosen)
        return write_rows(streamed(connection, sql, params), writer, progress=progress)
    total = count_claims(connection, claim_filter) if progress or spill_dir else 0
    database = (
        parallel.database_to_split(connection, stream, order, total)
        if spill_dir and isinstance(connection, sqlite3.Connection)
        else None
    )
    if database is not None and spill_dir is not None:
        assert isinstance(connection, sqlite3.Connection)
        return parallel.write_in_two(
            connection,
            stream,
            writer,
            parallel.Split(database, claim_filter, chosen, total, spill_dir),
            progress,
        )
    sql, params = claims_query(claim_filter, chosen, order, dialect=dialect_of(connection))
    return write_rows(streamed(connection, sql, params), writer, total=total, progress=progress)


def _write_from_server(
    connection: DbConnection,
    stream: IO[str],
    report: str,
    claim_filter: ClaimFilter,
    chosen: Sequence[Column],
    order: ClaimOrder,
    progress: Progress | None,
) -> int:
    """The rows from a server, formatted there: as CSV by ``COPY`` (see ``csvio.server_copy``),
    or, for a report of one column, one CSV line per row through a server-side cursor."""
    assert isinstance(connection, ServerConnection)
    for setting in SERVER_SETTINGS:
        connection.execute(f"SET LOCAL {setting}")
    shape: ServerShape = server_lines if len(chosen) == 1 else copy_select
    total = count_claims(connection, claim_filter) if progress and report == "claims" else 0
    if report != "claims":
        sql, params = pairs_query(connection, claim_filter, chosen, shape=shape)
    else:
        sql, params = claims_query(claim_filter, chosen, order, dialect=POSTGRESQL, shape=shape)
    if shape is server_lines:
        return write_lines(
            streamed(connection, sql, params), stream, total=total, progress=progress
        )
    with closing(connection.copy_csv_out(sql, params)) as blocks:
        return write_copied(blocks, stream, total=total, progress=progress)


def export_csv(
    connection: DbConnection,
    destination: Path | IO[bytes],
    *,
    report: str = "claims",
    claim_filter: ClaimFilter | None = None,
    columns: list[str] | None = None,
    order: ClaimOrder | None = None,
    bom: bool = True,
    progress: Progress | None = None,
) -> ExportResult:
    """Export a report to a file (atomically) or to a binary stream such as stdout."""
    options = {
        "report": report,
        "claim_filter": claim_filter,
        "columns": columns,
        "order": order,
        "progress": progress,
    }
    encoding = "utf-8-sig" if bom else "utf-8"
    if isinstance(destination, Path):
        try:
            to_stream = target_kind(destination.expanduser()) == "stream"
            with written_file(destination, encoding=encoding) as handle:
                rows = write_report(
                    connection,
                    handle,
                    spill_dir=None if to_stream else destination.expanduser().absolute().parent,
                    **options,  # type: ignore[arg-type]
                )
        except OSError as error:
            from claimtracker.store.errors import storage_error

            known = storage_error(error, destination)
            raise (
                known or ClaimTrackerError(f"Cannot write {destination}: {error.strerror}")
            ) from error
        return ExportResult(rows=rows, path=destination)
    text = io.TextIOWrapper(destination, encoding=encoding, newline="")
    try:
        rows = write_report(connection, text, **options)  # type: ignore[arg-type]
    finally:
        text.flush()
        text.detach()
    return ExportResult(rows=rows, path=None)
