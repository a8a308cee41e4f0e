"""Synthetic claims on a PostgreSQL server, the way the server benches load them.

    from bench.server_load import load, server_database, claims_loaded, say_what_is_loaded

``server_database(url)`` yields ``url`` as it is, or (None) a throwaway cluster's database
started the way the tests start theirs (tests/pg.py, fsync off; in a new folder under
``parent`` when given) with :data:`BULK_SETTINGS`, stopped and deleted afterwards.
``load(store, n)`` loads ``n`` synthetic claims (bench/synthetic.py) into the migrated schema:
written as COPY text to a file (under ``work``), COPY'd into a bare staging table (the
ceiling), the first ones (5 %, at most 100,000) COPY'd through the search document's trigger
with every index in place (as any insert), the rest inserted from the staging table with the
document computed by INSERT … SELECT, one per core, while the claim table's secondary indexes
(the GIN search index among them) are dropped; then those indexes are built again from their
own definitions, VACUUM ANALYZE gives the planner its statistics, and each step's time and the
sizes are printed. With ``distinct`` below ``n`` only that many claims are generated and given
documents; the rest are copies of them with new uuids and their documents as computed (ten
million claims without computing ten million documents: say so beside the figures). A load
leaves a line in the table ``bench_load``, which :func:`say_what_is_loaded` prints when a later
run measures the same database (``--keep``). Shared by bench/server_search.py and
bench/server_csv.py.
"""

from __future__ import annotations

import io
import itertools
import random
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from bench.synthetic import claim_rows, insert_people_and_sources
from claimtracker.bulk import CLAIM_COLUMNS
from claimtracker.store import Store

#: Server settings for a bulk load on a throwaway cluster: checkpoints far apart, WAL room,
#: memory for index builds (bench/server_cluster.py starts a kept cluster with the same).
BULK_SETTINGS = (
    "max_wal_size=6GB",
    "checkpoint_timeout=30min",
    "shared_buffers=1GB",
    "maintenance_work_mem=1GB",
    "wal_level=minimal",
    "max_wal_senders=0",
)


def _copy_text(rows: Iterable[tuple[object, ...]]) -> bytes:
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


def _write_copy_file(path: Path, n: int, distinct: int) -> None:
    """The first ``distinct`` of ``n`` synthetic claims in COPY's text format, written in blocks
    (10,000,000 claims are some 4.6 GB: never held in memory at once)."""
    rows = islice(claim_rows(n), distinct)
    with path.open("wb") as handle:
        while block := list(islice(rows, 50_000)):
            handle.write(_copy_text(block))


def _copy(psycopg_connection: Any, table: str, path: Path, lines: int | None = None) -> float:
    """COPY the file (or its first ``lines`` lines) into ``table``; the seconds it took."""
    columns = ", ".join(CLAIM_COLUMNS)
    started = time.perf_counter()
    with (
        psycopg_connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        path.open("rb") as handle,
    ):
        if lines is None:
            while block := handle.read(1 << 20):
                copy.write(block)
        else:
            for line in islice(handle, lines):
                copy.write(line)
    psycopg_connection.commit()
    return time.perf_counter() - started


def _timed_sql(psycopg_connection: Any, sql: str) -> float:
    started = time.perf_counter()
    psycopg_connection.execute(sql)
    psycopg_connection.commit()
    return time.perf_counter() - started


#: What a bench load leaves behind in the database, so that a later run with --keep can say
#: what it measures (a bench database only; the product never reads it).
LOAD_RECORD = "bench_load"


def record_load(psycopg_connection: Any, what: str) -> None:
    """Add a line to the database's load record, and commit."""
    psycopg_connection.execute(
        f"CREATE TABLE IF NOT EXISTS {LOAD_RECORD} "
        "(finished_at timestamp NOT NULL, what text NOT NULL)"
    )
    psycopg_connection.execute(
        f"INSERT INTO {LOAD_RECORD} VALUES (now() AT TIME ZONE 'utc', %s)", (what,)
    )
    psycopg_connection.commit()


def claims_loaded(store: Store) -> int:
    with store.raw() as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]
        (count,) = raw.execute("SELECT count(*) FROM claim").fetchone()
        return int(count)


def say_what_is_loaded(store: Store, count: int) -> None:
    with store.raw() as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]
        exists = raw.execute("SELECT to_regclass(%s)", (LOAD_RECORD,)).fetchone()[0]
        records = (
            raw.execute(f"SELECT finished_at, what FROM {LOAD_RECORD} ORDER BY finished_at")
            if exists
            else []
        )
        print(f"kept database: {count:,} claims already there, not loaded again")
        for finished_at, what in records:
            print(f"  loaded {finished_at:%Y-%m-%d %H:%M} UTC: {what}")


def _secondary_indexes(raw: Any) -> list[tuple[str, str]]:
    """The claim table's indexes that no constraint owns (name, definition): all but the
    primary key and the unique uuid, which stay during a bulk load."""
    return raw.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = 'claim'::regclass AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1"
    ).fetchall()


#: Connections computing the search documents of a bulk load at once (the machine's cores).
INSERTERS = 2


def _insert_part(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute(sql)


def _in_parallel(url: str, statements: list[str]) -> float:
    """Run the statements on INSERTERS connections at once; the seconds it took."""
    started = time.perf_counter()
    with ThreadPoolExecutor(INSERTERS) as pool:
        list(pool.map(lambda sql: _insert_part(url, sql), statements))
    return time.perf_counter() - started


def _halves(low: int, high: int) -> list[tuple[int, int]]:
    """(low, high] cut into INSERTERS ranges."""
    bounds = [low + (high - low) * part // INSERTERS for part in range(INSERTERS + 1)]
    return list(itertools.pairwise(bounds))


def load(store: Store, n: int, *, work: Path | None = None, distinct: int | None = None) -> None:
    """COPY the claims: the first ones through the trigger with every index in place (as any
    insert), the rest from a staging table with the document computed by INSERT ... SELECT
    while the claim table's secondary indexes are dropped; beyond ``distinct`` claims, copies of
    the first ones with new uuids and their documents as computed; then the indexes built again
    from their own definitions (a bulk loader's way); then VACUUM ANALYZE."""
    if work is None:
        with tempfile.TemporaryDirectory(prefix="ct-server-load-") as folder:
            load(store, n, work=Path(folder), distinct=distinct)
        return
    url = store.target
    load_started = time.perf_counter()
    started = time.perf_counter()
    distinct = n if distinct is None else min(n, distinct)
    data = work / "claims.copy"
    _write_copy_file(data, n, distinct)
    print(
        f"{distinct:,} synthetic claims generated in {time.perf_counter() - started:.0f} s "
        f"({data.stat().st_size / 1e9:.2f} GB of COPY text)"
    )
    with store.raw(write=True) as connection:
        insert_people_and_sources(connection, random.Random(7), n)
    columns = ", ".join(CLAIM_COLUMNS)
    staged = ", ".join(f"s.{name}" for name in CLAIM_COLUMNS)
    through_trigger = min(distinct, max(1, distinct // 20), 100_000)
    with store.raw(write=True) as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]
        raw.execute(f"CREATE TABLE claim_staging AS SELECT {columns} FROM claim WITH NO DATA")
        raw.execute("ALTER TABLE claim_staging ADD COLUMN row_number bigserial")
        raw.commit()
        ceiling = _copy(raw, "claim_staging", data)
        print(
            f"COPY into a bare table (ceiling):        {distinct / ceiling:>9,.0f} rows/s"
            f" ({distinct:,} claims in {ceiling:.0f} s)"
        )
        triggered = _copy(raw, "claim", data, through_trigger)
        print(
            f"COPY into claim, document by trigger:    {through_trigger / triggered:>9,.0f} rows/s"
            f" ({through_trigger:,} claims in {triggered:.0f} s, every index in place)"
        )
        data.unlink()
        rest = distinct - through_trigger
        indexes = _secondary_indexes(raw)
        for name, _ in indexes:
            raw.execute(f"DROP INDEX {name}")
        raw.execute("ALTER TABLE claim DISABLE TRIGGER claim_search_doc")
        raw.commit()
        # One INSERT per core (PostgreSQL runs an INSERT … SELECT in one process): the rows'
        # ids are no longer in the staging order across the halves, which no measure reads.
        inserted = _in_parallel(
            url,
            [
                f"INSERT INTO claim ({columns}, search_doc) SELECT {staged}, "
                "claimtracker_search_doc(s.text, s.quote, s.descriptor, s.notes, "
                "a.name::text, so.title) FROM claim_staging s "
                "LEFT JOIN actor a ON a.id = s.speaker_id "
                "LEFT JOIN source so ON so.id = s.source_id "
                f"WHERE s.row_number > {low} AND s.row_number <= {high} ORDER BY s.row_number"
                for low, high in _halves(through_trigger, distinct)
            ],
        )
        raw.execute("DROP TABLE claim_staging")
        raw.commit()
        print(
            f"staged, document in INSERT … SELECT:     {rest / max(inserted, 1e-9):>9,.0f} rows/s"
            f" ({rest:,} claims in {inserted:.0f} s, {INSERTERS} at once; {len(indexes)} "
            "secondary indexes dropped, the primary key and uuid kept)"
        )
        copied = 0
        if n > distinct:
            first, last = raw.execute("SELECT min(id), max(id) FROM claim").fetchone()
            raw.commit()
            kept = ", ".join(name for name in CLAIM_COLUMNS if name != "uuid")
            statements = []
            while copied < n - distinct:
                take = min(last - first + 1, n - distinct - copied)
                statements += [
                    f"INSERT INTO claim ({kept}, uuid, search_doc) SELECT {kept}, "
                    f"gen_random_uuid()::text, search_doc FROM claim "
                    f"WHERE id > {low} AND id <= {high}"
                    for low, high in _halves(first - 1, first - 1 + take)
                ]
                copied += take
            seconds = _in_parallel(url, statements)
            print(
                f"copies of those claims, new uuids:       {copied / seconds:>9,.0f} rows/s"
                f" ({copied:,} claims in {seconds:.0f} s, {INSERTERS} at once)"
            )
        raw.execute("ALTER TABLE claim ENABLE TRIGGER claim_search_doc")
        raw.commit()
        for name, definition in indexes:
            seconds = _timed_sql(raw, definition)
            print(f"  index {name} built again in {seconds:.0f} s")
        raw.autocommit = True
        started = time.perf_counter()
        raw.execute("VACUUM ANALYZE claim")
        print(
            f"VACUUM ANALYZE claim (statistics for the planner; a fresh load has none) in "
            f"{time.perf_counter() - started:.0f} s"
        )
        raw.autocommit = False
        total = time.perf_counter() - load_started
        what = (
            f"{n:,} synthetic claims (bench/synthetic.py, seed 7) in {total:.0f} s: COPY, "
            f"{through_trigger:,} through the search document's trigger, "
            f"{rest:,} staged with the document in {INSERTERS} INSERT … SELECT at once"
            + (f", {copied:,} copies of those with new uuids" if copied else "")
            + "; secondary indexes built after"
        )
        record_load(raw, what)
        print(f"loaded: {what}")
    print_sizes(store)


def print_sizes(store: Store) -> None:
    """The database's size, the claim table's, its indexes' and the search index's; when the
    planner's statistics were taken; the search index's pending list."""
    import psycopg

    with store.raw() as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]
        sizes = raw.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database())), "
            "pg_size_pretty(pg_table_size('claim')), pg_size_pretty(pg_indexes_size('claim')), "
            "pg_size_pretty(pg_relation_size('ix_claim_search')), "
            "pg_size_pretty(pg_total_relation_size('claim'))"
        ).fetchone()
        print(
            f"database {sizes[0]}; claim table {sizes[1]} + its indexes {sizes[2]} = {sizes[4]}"
            f"; of which the search index {sizes[3]}"
        )
        analysed = raw.execute(
            "SELECT n_live_tup, n_mod_since_analyze, greatest(last_analyze, last_autoanalyze) "
            "FROM pg_stat_user_tables WHERE relname = 'claim'"
        ).fetchone()
        print(
            f"planner's statistics: {analysed[0]:,} live claims, {analysed[1]:,} changed since "
            f"the last ANALYZE ({analysed[2]:%Y-%m-%d %H:%M} UTC)"
            if analysed[2]
            else "planner's statistics: claim never analysed"
        )
        raw.commit()
        # The GIN index's pending list (fastupdate): what inserts since the last VACUUM left for
        # every search to read through (pgstattuple, a contrib extension, where it may be made).
        try:
            raw.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
            pending = raw.execute(
                "SELECT pending_pages, pending_tuples FROM pgstatginindex('ix_claim_search')"
            ).fetchone()
            raw.commit()
        except psycopg.Error:  # a server without the extension, or without the right
            raw.rollback()
        else:
            print(f"search index's pending list: {pending[0]:,} pages, {pending[1]:,} entries")


@contextmanager
def server_database(
    url: str | None, parent: Path | None = None, settings: Sequence[str] = BULK_SETTINGS
) -> Iterator[str]:
    if url:
        yield url
        return
    from tests.pg import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server programs not found: apt-get install postgresql")
    with throwaway_cluster(bindir, parent=parent, settings=settings) as server:
        server.admin("CREATE DATABASE bench")
        yield server.url("bench")
