"""What finding a word's other forms costs a search, beside the same search without them.

    python bench/search_forms.py DB          # DB: e.g. bench/out/claims.db from core_bench.py

For each query: the first page of 200 claims (newest first) as the app and the CLI ask for it
(word forms looked up in the index's vocabulary, then searched), beside the ceiling of the same
query with the word as typed only, and how many forms the word was widened to. Each figure is
the median of several runs after one warm-up, on a fresh connection per query (as a new search
in the app would have after a change to the data). Target (issue 16): no worse than the search
targets of issue 2: word query first page ≤ 20 ms, as typed ≤ 50 ms.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimtracker.query import ClaimFilter, ClaimOrder, search_ids
from claimtracker.query.fulltext import to_fts_query
from claimtracker.query.word_forms import word_forms

QUERIES = ("officials", "warned", "provocations", "провокациям", "заявили", "ministry -rebels")
TYPED = ("p", "pr", "pro", "provoc", "провок")
ORDER = ClaimOrder("id", descending=True)


def _median_ms(action: Callable[[], object], runs: int = 7) -> float:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _first_page(db: Path, text: str, *, prefix_last: bool = False) -> float:
    def run() -> None:
        connection = sqlite3.connect(db)
        claim_filter = ClaimFilter(text=text, prefix_last=prefix_last)
        list(search_ids(connection, claim_filter, ORDER, limit=200))
        connection.close()

    return _median_ms(run)


def _ceiling(db: Path, text: str, *, prefix_last: bool = False) -> float:
    query = to_fts_query(text, prefix_last=prefix_last)

    def run() -> None:
        connection = sqlite3.connect(db)
        connection.execute(
            "SELECT c.id FROM claim_fts f CROSS JOIN claim c ON c.id = f.rowid "
            "WHERE f.claim_fts MATCH ? AND c.deleted_at IS NULL ORDER BY f.rowid DESC LIMIT 200",
            (query,),
        ).fetchall()
        connection.close()

    return _median_ms(run)


def main() -> None:
    db = Path(sys.argv[1])
    connection = sqlite3.connect(db)
    total = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
    print(f"Word forms in search: {total:,} claims in {db}")
    print(f"{'query':<22}{'first page':>12}{'ceiling':>10}  forms asked for")
    for text in QUERIES:
        forms = word_forms(text.split()[0])
        print(
            f"{text:<22}{_first_page(db, text):>9.1f} ms{_ceiling(db, text):>7.1f} ms  {len(forms)}"
        )
    for typed in TYPED:
        print(
            f"as typed {typed + '…':<13}{_first_page(db, typed, prefix_last=True):>9.1f} ms"
            f"{_ceiling(db, typed, prefix_last=True):>7.1f} ms"
        )
    print("targets: word query first page ≤ 20 ms; as typed ≤ 50 ms")


if __name__ == "__main__":
    main()
