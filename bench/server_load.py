"""Synthetic claims on a PostgreSQL server, the way the server benches load them.

    from bench.server_load import load, server_database

``server_database(url)`` yields ``url`` as it is, or (None) a throwaway cluster's database
started the way the tests start theirs (tests/pg.py, fsync off), stopped and deleted afterwards.
``load(store, n)`` COPYs ``n`` synthetic claims (bench/synthetic.py) into the migrated schema:
the first twentieth through the search document's trigger (as any insert), the rest staged and
inserted with the document computed in one INSERT ... SELECT, printing each rate beside COPY
into a bare table (the ceiling); the GIN index is built after the load. Shared by
bench/server_search.py and bench/ui_scale.py --server.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench.synthetic import claim_rows, insert_people_and_sources
from claimtracker.bulk import CLAIM_COLUMNS
from claimtracker.store import Store


def _copy_text(rows: Iterator[tuple[object, ...]]) -> bytes:
    """Rows in COPY's text format."""
    out = io.StringIO()
    for row in rows:
        fields = []
        for value in row:
            if value is None:
                fields.append("\\N")
            else:
                text = str(value)
                for raw, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
                    text = text.replace(raw, escaped)
                fields.append(text)
        out.write("\t".join(fields) + "\n")
    return out.getvalue().encode()


def _copy(psycopg_connection: Any, table: str, data: bytes) -> float:
    columns = ", ".join(CLAIM_COLUMNS)
    started = time.perf_counter()
    with (
        psycopg_connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for start in range(0, len(data), 1 << 20):
            copy.write(data[start : start + (1 << 20)])
    psycopg_connection.commit()
    return time.perf_counter() - started


def _timed_sql(psycopg_connection: Any, sql: str) -> float:
    started = time.perf_counter()
    psycopg_connection.execute(sql)
    psycopg_connection.commit()
    return time.perf_counter() - started


def load(store: Store, n: int) -> None:
    """COPY the claims: the first ones through the trigger (as any insert), the rest from a
    staging table with the document computed in one INSERT ... SELECT (a bulk loader's way)."""
    started = time.perf_counter()
    lines = _copy_text(claim_rows(n)).splitlines(keepends=True)
    through_trigger = min(n, max(1, n // 20))
    print(f"{n:,} synthetic claims generated in {time.perf_counter() - started:.1f} s")
    with store.raw(write=True) as connection:
        insert_people_and_sources(connection, random.Random(7), n)
    columns = ", ".join(CLAIM_COLUMNS)
    staged = ", ".join(f"s.{name}" for name in CLAIM_COLUMNS)
    with store.raw(write=True) as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]
        raw.execute("DROP INDEX ix_claim_search")
        raw.execute(f"CREATE TABLE claim_staging AS SELECT {columns} FROM claim WITH NO DATA")
        raw.execute("ALTER TABLE claim_staging ADD COLUMN row_number bigserial")
        raw.commit()
        ceiling = _copy(raw, "claim_staging", b"".join(lines))
        triggered = _copy(raw, "claim", b"".join(lines[:through_trigger]))
        rest = n - through_trigger
        raw.execute("ALTER TABLE claim DISABLE TRIGGER claim_search_doc")
        inserted = _timed_sql(
            raw,
            f"INSERT INTO claim ({columns}, search_doc) SELECT {staged}, "
            "claimtracker_search_doc(s.text, s.quote, s.descriptor, s.notes, a.name::text, "
            "so.title) FROM claim_staging s LEFT JOIN actor a ON a.id = s.speaker_id "
            "LEFT JOIN source so ON so.id = s.source_id "
            f"WHERE s.row_number > {through_trigger} ORDER BY s.row_number",
        )
        raw.execute("ALTER TABLE claim ENABLE TRIGGER claim_search_doc")
        raw.execute("DROP TABLE claim_staging")
        raw.commit()
        print(f"COPY into a bare table (ceiling):        {n / ceiling:>9,.0f} rows/s")
        print(
            f"COPY into claim, document by trigger:    {through_trigger / triggered:>9,.0f} rows/s"
            f" ({through_trigger:,} claims)"
        )
        if rest:
            print(
                f"staged, document in one INSERT … SELECT: {rest / inserted:>9,.0f} rows/s"
                f" ({rest:,} claims)"
            )
        started = time.perf_counter()
        raw.execute("CREATE INDEX ix_claim_search ON claim USING gin (search_doc)")
        raw.commit()
        print(f"GIN index built after the load in {time.perf_counter() - started:.1f} s")
        raw.autocommit = True
        raw.execute("VACUUM ANALYZE claim")
        raw.autocommit = False
        size = raw.execute(
            "SELECT pg_size_pretty(pg_relation_size('ix_claim_search')), "
            "pg_size_pretty(pg_total_relation_size('claim'))"
        ).fetchone()
        print(f"search index {size[0]}, claim table with its indexes {size[1]}")


@contextmanager
def server_database(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    from tests.pg import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server programs not found: apt-get install postgresql")
    with throwaway_cluster(bindir) as server:
        server.admin("CREATE DATABASE bench")
        yield server.url("bench")
