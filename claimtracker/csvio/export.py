"""Writing the CSV reports: streamed, formula-safe, and never half-written.

RFC 4180 (comma, CRLF, quotes doubled), UTF-8 with a byte-order mark by default so that Excel
reads Cyrillic correctly. Rows stream from the database in batches, so memory stays flat
however many claims there are. A report written to a file goes to a temporary file beside it
first and replaces the target only when complete.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from claimtracker.csvio.columns import Column, choose_columns
from claimtracker.csvio.formulas import neutralise
from claimtracker.errors import ClaimTrackerError
from claimtracker.query import ClaimFilter, ClaimOrder, compile_filter, count_claims, search_ids
from claimtracker.query.rows import ROW_JOINS

#: progress(rows written, rows in all) → False to cancel.
Progress = Callable[[int, int], bool]

BATCH = 2000


class ExportCancelled(ClaimTrackerError):
    """The user cancelled an export; no file was written."""


@dataclass(frozen=True)
class ExportResult:
    rows: int
    path: Path | None


def _claims_query(
    claim_filter: ClaimFilter, columns: Sequence[Column], order: ClaimOrder
) -> tuple[str, tuple[object, ...]]:
    compiled = compile_filter(claim_filter)
    select = ", ".join(column.select_sql() for column in columns)
    sql = (
        f"SELECT {select} FROM {compiled.source} {ROW_JOINS} WHERE {compiled.where} "
        f"ORDER BY {order.sql(uses_fts=compiled.uses_fts)}"
    )
    return sql, compiled.params


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


def _pairs_query(
    connection: sqlite3.Connection, claim_filter: ClaimFilter, columns: Sequence[Column]
) -> tuple[str, tuple[object, ...]]:
    """Links whose claim or counter-claim matches the filter."""
    select = ", ".join(column.select_sql() for column in columns)
    where = "l.deleted_at IS NULL"
    if not claim_filter.is_empty:
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
    return f"SELECT {select} FROM link l {_PAIR_JOINS} WHERE {where} ORDER BY a.id, b.id", ()


def _neutralise_cell(value: str | int | float | bytes | None) -> str | int | float | bytes | None:
    return neutralise(value) if isinstance(value, str) else value


def write_report(
    connection: sqlite3.Connection,
    stream: IO[str],
    *,
    report: str = "claims",
    claim_filter: ClaimFilter | None = None,
    columns: list[str] | None = None,
    order: ClaimOrder | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the report's header and rows to a text stream; returns the number of rows.

    Every cell goes through the formula guard in SQL (see ``formulas.sql_guard``), so rows are
    written as they come.
    """
    connection.create_function("ct_neutralise", 1, _neutralise_cell, deterministic=True)
    claim_filter = claim_filter or ClaimFilter()
    chosen = choose_columns(report, columns)
    if report == "claims":
        sql, params = _claims_query(claim_filter, chosen, order or ClaimOrder())
        total = count_claims(connection, claim_filter) if progress else 0
    else:
        sql, params = _pairs_query(connection, claim_filter, chosen)
        total = 0
    writer = csv.writer(stream, dialect="excel", lineterminator="\r\n")
    writer.writerow([column.name for column in chosen])
    cursor = connection.execute(sql, params)
    written = 0
    while batch := cursor.fetchmany(BATCH):
        writer.writerows(batch)
        written += len(batch)
        if progress is not None and progress(written, max(total, written)) is False:
            raise ExportCancelled("Export cancelled; no file was written")
    return written


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def _atomic_text_file(path: Path, *, bom: bool) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` only if the block completes."""
    path = path.expanduser()
    directory = path.resolve().parent
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes the file private; a report is not
            os.fchmod(descriptor, 0o666 & ~_umask())
        with os.fdopen(
            descriptor, "w", encoding="utf-8-sig" if bom else "utf-8", newline=""
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_csv(
    connection: sqlite3.Connection,
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
    if isinstance(destination, Path):
        try:
            with _atomic_text_file(destination, bom=bom) as handle:
                rows = write_report(connection, handle, **options)  # type: ignore[arg-type]
        except OSError as error:
            from claimtracker.store.errors import storage_error

            known = storage_error(error, destination)
            raise (
                known or ClaimTrackerError(f"Cannot write {destination}: {error.strerror}")
            ) from error
        return ExportResult(rows=rows, path=destination)
    text = io.TextIOWrapper(destination, encoding="utf-8-sig" if bom else "utf-8", newline="")
    try:
        rows = write_report(connection, text, **options)  # type: ignore[arg-type]
    finally:
        text.flush()
        text.detach()
    return ExportResult(rows=rows, path=None)
