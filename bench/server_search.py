"""Search on a PostgreSQL server at a million claims (or ten), beside raw psycopg in the same run.

    python bench/server_search.py [N] [--data-dir DIR]         # a throwaway cluster in DIR
    python bench/server_search.py [N] --url URL [--keep]       # a database on a server

Without ``--url`` a throwaway cluster is started the way the tests start theirs (tests/pg.py:
``initdb`` in a temporary folder, or under ``--data-dir``, fsync off, with bulk-load settings)
and deleted afterwards; with it, URL names an empty database on a real server, or, with
``--keep``, one loaded by an earlier run (bench/server_cluster.py keeps a cluster up between
runs): what is there is measured and the run says what an earlier load recorded about it
(table ``bench_load``), so that ten million claims are loaded once. N claims (default
1,000,000, the synthetic claims of bench/synthetic.py) are written as COPY text to a file
(under ``--data-dir``), then COPY'd into the migrated schema: the first ones (5 %, at most
100,000) through the search document's trigger with every index in place, as any insert; the
rest from a staging table with the document computed by INSERT … SELECT (one per core) while
the claim table's secondary indexes (the GIN search index among them) are dropped, then built
again from their own definitions. Each step is timed beside COPY of the same rows into a bare
table (no trigger, no index); then VACUUM ANALYZE (the planner's statistics; a fresh load has
none) and the sizes: database, table, indexes, search index.

Then, each figure the median of several runs after a warm-up, on the pooled connection the app
and the CLI use: the first page (200 claims, newest first) of word queries and of search as
typed from one letter, through ``claimtracker.query.search_ids`` (query language, word forms,
folding on the server), beside the ceiling: the same page from raw psycopg with a hand-written
tsquery over the same index. Counts of all hits beside the raw count. Targets (issue 11): word
query first page ≤ 20 ms; as typed from one letter ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import io
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import claim_rows, insert_people_and_sources
from claimtracker.bulk import CLAIM_COLUMNS
from claimtracker.query import ClaimFilter, ClaimOrder, count_claims, fetch_rows, search_ids
from claimtracker.query.streaming import stream_ids
from claimtracker.store import Store

ORDER = ClaimOrder("id", descending=True)
#: (what is typed, the hand-written tsquery of the ceiling: the word as typed, no forms)
WORDS = (
    ("officials", "officials"),
    ("warned", "warned"),
    ("provocations", "provocations"),
    ("провокациям", "провокациям"),
    ("ministry -rebels", "ministry & !rebels"),
    ('"chemical weapons"', "chemical <-> weapons"),
    ("speaker:actor", "actor"),
    ("fraud ballots election", "fraud & ballots & election"),
)
TYPED = (("p", "p:*"), ("pr", "pr:*"), ("provoc", "provoc:*"), ("о", "о:*"), ("пров", "пров:*"))
COUNTED = (("officials", "officials"), ("provocations", "provocations"), ("p", "p:*"))


def _median_ms(action: Callable[[], object], runs: int = 9) -> float:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


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


def _claims_loaded(store: Store) -> int:
    with store.raw() as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]
        (count,) = raw.execute("SELECT count(*) FROM claim").fetchone()
        return int(count)


def _say_what_is_loaded(store: Store, count: int) -> None:
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


def load(store: Store, url: str, n: int, work: Path, distinct: int) -> None:
    """COPY the claims: the first ones through the trigger with every index in place (as any
    insert), the rest from a staging table with the document computed by INSERT ... SELECT
    while the claim table's secondary indexes are dropped; beyond ``distinct`` claims, copies of
    the first ones with new uuids and their documents as computed; then the indexes built again
    from their own definitions (a bulk loader's way); then VACUUM ANALYZE."""
    load_started = time.perf_counter()
    started = time.perf_counter()
    distinct = min(n, distinct)
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
        raw.execute(
            f"CREATE TABLE IF NOT EXISTS {LOAD_RECORD} "
            "(finished_at timestamp NOT NULL, what text NOT NULL)"
        )
        raw.execute(f"INSERT INTO {LOAD_RECORD} VALUES (now() AT TIME ZONE 'utc', %s)", (what,))
        raw.commit()
        print(f"loaded: {what}")
    print_sizes(store)


def print_sizes(store: Store) -> None:
    """The database's size, the claim table's, its indexes' and the search index's."""
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


def measure(store: Store) -> None:
    with store.raw() as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]

        def page(text: str, prefix_last: bool = False) -> float:
            claim_filter = ClaimFilter(text=text, prefix_last=prefix_last)
            return _median_ms(lambda: list(search_ids(connection, claim_filter, ORDER, limit=200)))

        def ceiling(tsquery: str) -> float:
            sql = (
                "SELECT id FROM claim WHERE search_doc @@ %s::tsquery AND deleted_at IS NULL "
                "ORDER BY id DESC LIMIT 200"
            )
            return _median_ms(lambda: raw.execute(sql, (tsquery,)).fetchall())

        def count(text: str, prefix_last: bool = False) -> float:
            claim_filter = ClaimFilter(text=text, prefix_last=prefix_last)
            return _median_ms(lambda: count_claims(connection, claim_filter), runs=3)

        def count_ceiling(tsquery: str) -> float:
            sql = (
                "SELECT count(*) FROM claim WHERE search_doc @@ %s::tsquery AND deleted_at IS NULL"
            )
            return _median_ms(lambda: raw.execute(sql, (tsquery,)).fetchone(), runs=3)

        total = raw.execute("SELECT count(*) FROM claim").fetchone()[0]
        print(f"\nSearch on the server: {total:,} claims, first page of 200, newest first")
        print(f"{'query':<28}{'first page':>12}{'ceiling':>10}{'hits':>10}")
        for typed, tsquery in WORDS:
            hits = raw.execute(
                "SELECT count(*) FROM claim WHERE search_doc @@ %s::tsquery", (tsquery,)
            ).fetchone()[0]
            print(f"{typed:<28}{page(typed):>9.1f} ms{ceiling(tsquery):>7.1f} ms{hits:>10,}")
        for typed, tsquery in TYPED:
            print(
                f"{'as typed ' + typed + '…':<28}{page(typed, True):>9.1f} ms"
                f"{ceiling(tsquery):>7.1f} ms"
            )
        print(f"\n{'count of all hits':<28}{'count':>12}{'ceiling':>10}")
        for typed, tsquery in COUNTED:
            prefix = tsquery.endswith(":*")
            label = ("as typed " + typed + "…") if prefix else typed
            print(f"{label:<28}{count(typed, prefix):>9.1f} ms{count_ceiling(tsquery):>7.1f} ms")
        print("targets: word query first page ≤ 20 ms; as typed from one letter ≤ 50 ms")


def measure_table(store: Store) -> None:
    """The claims table's fast paths on a server: counts, first pages in each sort (streamed),
    the whole id stream, a page of rows."""
    with store.raw() as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]
        everything = ClaimFilter()
        print(f"\n{'the claims table':<34}{'product':>10}{'ceiling':>10}")

        def row(label: str, product: Callable[[], object], ceiling: Callable[[], object]) -> None:
            print(f"{label:<34}{_median_ms(product, 5):>7.1f} ms{_median_ms(ceiling, 5):>7.1f} ms")

        row(
            "count of live claims",
            lambda: count_claims(connection, everything),
            lambda: raw.execute("SELECT count(*) FROM claim WHERE deleted_at IS NULL").fetchone(),
        )
        ceilings = {
            "id": "c.id DESC",
            "text": "lower(substr(c.text, 1, 24)), lower(c.text), c.id",
            "speaker": "(SELECT lower(name) FROM actor WHERE id = c.speaker_id), c.id",
            "said_on": "c.said_on NULLS FIRST, c.id",
        }
        for key, ceiling_order in ceilings.items():
            order = ClaimOrder(key, descending=key == "id")
            row(
                f"first 200 ids, by {key}",
                lambda order=order: list(islice(stream_ids(connection, everything, order), 200)),
                lambda ceiling_order=ceiling_order: raw.execute(
                    f"SELECT c.id FROM claim c WHERE c.deleted_at IS NULL "
                    f"ORDER BY {ceiling_order} LIMIT 200"
                ).fetchall(),
            )
        row(
            "every id, by id (streamed)",
            lambda: sum(1 for _ in search_ids(connection, everything)),
            lambda: raw.execute(
                "SELECT id FROM claim WHERE deleted_at IS NULL ORDER BY id"
            ).fetchall(),
        )
        page = list(islice(search_ids(connection, everything, ORDER), 200))
        row(
            "a page of 200 rows",
            lambda: fetch_rows(connection, page),
            lambda: raw.execute("SELECT * FROM claim WHERE id = ANY(%s)", (page,)).fetchall(),
        )


@contextmanager
def _database(url: str | None, data_dir: Path | None) -> Iterator[str]:
    if url:
        yield url
        return
    from tests.pg import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server programs not found: apt-get install postgresql")
    with throwaway_cluster(bindir, parent=data_dir, settings=BULK_SETTINGS) as server:
        server.admin("CREATE DATABASE bench")
        yield server.url("bench")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--url", help="a database on a server (default: a throwaway cluster)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="measure the claims the database at --url holds already; load N only when empty",
    )
    parser.add_argument(
        "--distinct",
        type=int,
        help="generate only this many claims and make the rest copies of them, with new "
        "uuids and the documents as computed (a faster load; default: all N distinct)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="the folder for the throwaway cluster and the generated rows (default: temporary)",
    )
    args = parser.parse_args()
    if args.data_dir:
        args.data_dir.mkdir(parents=True, exist_ok=True)
    with (
        _database(args.url, args.data_dir) as url,
        tempfile.TemporaryDirectory(prefix="ct-server-search-", dir=args.data_dir) as work,
    ):
        store = Store.open(url)
        try:
            count = _claims_loaded(store)
            if count and not args.keep:
                raise SystemExit(
                    f"{url} holds {count:,} claims already: --keep measures them, or give an "
                    "empty database"
                )
            if count:
                _say_what_is_loaded(store, count)
                print_sizes(store)
            else:
                load(store, url, args.n, Path(work), args.distinct or args.n)
            measure(store)
            measure_table(store)
        finally:
            store.close()


if __name__ == "__main__":
    main()
