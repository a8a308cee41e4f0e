"""Search on a PostgreSQL server at a million claims, beside raw psycopg in the same run.

    python bench/server_search.py [N] [--url URL]

Without ``--url`` a throwaway cluster is started the way the tests start theirs (tests/pg.py:
``initdb`` in a temporary folder, fsync off) and deleted afterwards; with it, URL names an
empty database on a real server. N claims (default 1,000,000, the synthetic claims of
bench/synthetic.py) are loaded with COPY into the migrated schema, so the search document of
migration 0007 is built by its trigger as any insert builds it; the load is timed beside COPY of
the same rows into a bare copy of the table (no trigger, no index), and the GIN index is built
after the load.

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
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
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
def _database(url: str | None) -> Iterator[str]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--url", help="an empty database on a server (default: a throwaway one)")
    parser.add_argument(
        "--measure-only", action="store_true", help="the database at --url is loaded already"
    )
    args = parser.parse_args()
    with _database(args.url) as url:
        store = Store.open(url)
        try:
            if not args.measure_only:
                load(store, args.n)
            measure(store)
            measure_table(store)
        finally:
            store.close()


if __name__ == "__main__":
    main()
