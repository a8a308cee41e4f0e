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
tsquery over the same index (for a phrase the better of two: the page walked in id order, and
every hit read and sorted; the planner cannot tell a rare phrase from a common one, see
claimtracker/query/phrase_page.py). Counts of all hits beside the raw count. Targets (issue 11): word
query first page ≤ 20 ms; as typed from one letter ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server_load import claims_loaded, load, print_sizes, say_what_is_loaded, server_database
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
    ('"people familiar"', "people <-> familiar"),
    ('"по словам"', "по <-> словам"),
    ('"chemical weapons" prov*', "chemical <-> weapons & prov:*"),
    ('"weapons provocations and"', "weapons <-> provocations <-> and"),
    ('"officials заявили"', "officials <-> заявили"),
    ("speaker:actor", "actor"),
    ("fraud ballots election", "fraud & ballots & election"),
)
TYPED = (("p", "p:*"), ("pr", "pr:*"), ("provoc", "provoc:*"), ("о", "о:*"), ("пров", "пров:*"))
COUNTED = (("officials", "officials"), ("provocations", "provocations"), ("p", "p:*"))


def _median_ms(action: Callable[[], object], runs: int = 9) -> float:
    """The median of ``runs`` timings after a warm-up; of 3 when the warm-up took over a
    second (a count of millions of hits at ten million claims); the warm-up's own time when
    it took over five (a plain sort of ten million claims)."""
    started = time.perf_counter()
    action()
    warm_up = time.perf_counter() - started
    if warm_up > 5:
        return warm_up * 1000
    if warm_up > 1:
        runs = min(runs, 3)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _server_cpu_ms(pid: int, action: Callable[[], object], runs: int = 15) -> float | None:
    """The CPU time the server's process for this connection spends on ``action``, ms per
    run: the figure a quiet machine's wall time would approach (on a busy one the wall time
    also counts the waits for a core). None when the server's process cannot be read (another
    machine, another user without permission)."""
    stat = Path(f"/proc/{pid}/stat")

    def used() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    try:
        before = used()
    except OSError:
        return None
    for _ in range(runs):
        action()
    return (used() - before) * 1000 / runs


def measure(store: Store) -> None:
    with store.raw() as connection:
        raw = connection.psycopg  # type: ignore[attr-defined]

        pid = raw.execute("SELECT pg_backend_pid()").fetchone()[0]

        def page(text: str, prefix_last: bool = False) -> float:
            claim_filter = ClaimFilter(text=text, prefix_last=prefix_last)
            return _median_ms(lambda: list(search_ids(connection, claim_filter, ORDER, limit=200)))

        def page_cpu(text: str) -> str:
            claim_filter = ClaimFilter(text=text)
            cpu = _server_cpu_ms(
                pid, lambda: list(search_ids(connection, claim_filter, ORDER, limit=200))
            )
            return "" if cpu is None else f"{cpu:>9.1f} ms"

        def ceiling(tsquery: str) -> float:
            sql = (
                "SELECT id FROM claim WHERE search_doc @@ %s::tsquery AND deleted_at IS NULL "
                "ORDER BY id DESC LIMIT 200"
            )
            return _median_ms(lambda: raw.execute(sql, (tsquery,)).fetchall())

        def sorted_ceiling(tsquery: str) -> float:
            # The other raw plan for a phrase: every hit (from the search index, or the whole
            # table if the planner prefers), then sorted; a rare phrase's best.
            sql = (
                "WITH hits AS MATERIALIZED (SELECT id FROM claim WHERE search_doc @@ "
                "%s::tsquery AND deleted_at IS NULL) SELECT id FROM hits ORDER BY id DESC LIMIT 200"
            )
            return _median_ms(lambda: raw.execute(sql, (tsquery,)).fetchall())

        def count(text: str, prefix_last: bool = False) -> float:
            claim_filter = ClaimFilter(text=text, prefix_last=prefix_last)
            return _median_ms(lambda: count_claims(connection, claim_filter), runs=1)

        def count_ceiling(tsquery: str) -> float:
            sql = (
                "SELECT count(*) FROM claim WHERE search_doc @@ %s::tsquery AND deleted_at IS NULL"
            )
            return _median_ms(lambda: raw.execute(sql, (tsquery,)).fetchone(), runs=1)

        total = raw.execute("SELECT count(*) FROM claim").fetchone()[0]
        print(f"\nSearch on the server: {total:,} claims, first page of 200, newest first")
        print(
            "(ceiling: raw psycopg, the page in id order; for a phrase also every hit sorted, "
            "the lower of the two first; server CPU: the product's first page, the server "
            "process's CPU time per run)"
        )
        print(
            f"{'query':<30}{'first page':>12}{'ceiling':>10}{'walked':>10}{'sorted':>10}{'hits':>10}"
            f"{'server CPU':>12}"
        )
        for typed, tsquery in WORDS:
            hits = raw.execute(
                "SELECT count(*) FROM claim WHERE search_doc @@ %s::tsquery", (tsquery,)
            ).fetchone()[0]
            walked = ceiling(tsquery)
            every_hit = sorted_ceiling(tsquery) if "<->" in tsquery else None
            both = " " * 20
            if every_hit is not None:
                both = f"{walked:>7.1f} ms{every_hit:>7.1f} ms"
            best = min(walked, every_hit or walked)
            print(
                f"{typed:<30}{page(typed):>9.1f} ms{best:>7.1f} ms{both}{hits:>10,}"
                f"{page_cpu(typed)}"
            )
        for typed, tsquery in TYPED:
            print(
                f"{'as typed ' + typed + '…':<30}{page(typed, True):>9.1f} ms"
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
            print(f"{label:<34}{_median_ms(product, 3):>7.1f} ms{_median_ms(ceiling, 3):>7.1f} ms")

        row(
            "count of live claims",
            lambda: count_claims(connection, everything),
            lambda: raw.execute("SELECT count(*) FROM claim WHERE deleted_at IS NULL").fetchone(),
        )
        # Each sort the table offers, ascending (the id newest first), beside a hand-written
        # query (condition, order) for the same first page: ORDER BY the same key (NULL first,
        # as the product sorts; the id breaks ties); by speaker or source the first group's
        # claims by their index (a plain ORDER BY of the name sorts every claim: 110 s and
        # 209 s at ten million claims).
        first_group = "c.{} = (SELECT id FROM {} ORDER BY lower({}), id LIMIT 1)"
        ceilings = {
            "id": ("TRUE", "c.id DESC"),
            "text": ("TRUE", "lower(substr(c.text, 1, 24)), lower(c.text), c.id"),
            "speaker": (first_group.format("speaker_id", "actor", "name"), "c.id"),
            "attribution": ("TRUE", "c.attribution, c.id"),
            "status": ("TRUE", "c.status, c.id"),
            "credibility": ("TRUE", "c.credibility NULLS FIRST, c.id"),
            "said_on": ("TRUE", "c.said_on NULLS FIRST, c.id"),
            "reported_on": ("TRUE", "c.reported_on NULLS FIRST, c.id"),
            "event_on": ("TRUE", "c.event_on NULLS FIRST, c.id"),
            "source": (first_group.format("source_id", "source", "title"), "c.id"),
            "created_at": ("TRUE", "c.created_at, c.id"),
            "updated_at": ("TRUE", "c.updated_at, c.id"),
        }
        for key, (condition, ceiling_order) in ceilings.items():
            order = ClaimOrder(key, descending=key == "id")
            row(
                f"first 200 ids, by {key}",
                lambda order=order: list(islice(stream_ids(connection, everything, order), 200)),
                lambda condition=condition, ceiling_order=ceiling_order: raw.execute(
                    f"SELECT c.id FROM claim c WHERE c.deleted_at IS NULL AND {condition} "
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
        "--part",
        choices=("all", "search", "table"),
        default="all",
        help="measure the search, the claims table, or both (default)",
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
        server_database(args.url, args.data_dir) as url,
        tempfile.TemporaryDirectory(prefix="ct-server-search-", dir=args.data_dir) as work,
    ):
        store = Store.open(url)
        try:
            count = claims_loaded(store)
            if count and not args.keep:
                raise SystemExit(
                    f"{url} holds {count:,} claims already: --keep measures them, or give an "
                    "empty database"
                )
            if count:
                say_what_is_loaded(store, count)
                print_sizes(store)
            else:
                load(store, args.n, work=Path(work), distinct=args.distinct)
            if args.part in ("all", "search"):
                measure(store)
            if args.part in ("all", "table"):
                measure_table(store)
        finally:
            store.close()


if __name__ == "__main__":
    main()
