"""Core benchmarks at scale, each beside the same work done with plain sqlite3 and csv.

    python bench/core_bench.py [N] [WORKDIR]      # default N = 1,000,000

Prints, for N synthetic claims (realistic lengths, 10% Cyrillic): bulk load including the
full-text index, CSV export (rows/s and peak memory of the exporting process), CSV import,
a full-text word query's first page, and prefix queries as typed. Each measured step runs in
its own process so that memory figures are its own. Targets (issue 2, 1M claims on 2 cores):
load ≥ 40,000/s; import ≥ 30,000 rows/s; export ≥ 100,000 rows/s under 100 MB; word query
first page ≤ 20 ms; prefix as typed ≤ 50 ms.
"""

from __future__ import annotations

import csv
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rows(n: int) -> list[tuple[object, ...]]:
    import synthetic

    return list(synthetic.claim_rows(n))


def step_load(n: int, db: Path, ceiling_db: Path) -> dict[str, float]:
    """Our bulk path (actors, sources, claims, index, commit) and the bare sqlite3 ceiling."""
    import synthetic

    from claimtracker import bulk
    from claimtracker.bulk import CLAIM_COLUMNS

    rows = _rows(n)
    for path in (db, ceiling_db):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    # Ceiling: a bare table with the same columns, a plain FTS5 table filled once.
    started = time.perf_counter()
    plain = sqlite3.connect(ceiling_db, isolation_level=None)
    plain.execute("PRAGMA journal_mode = WAL")
    plain.execute(f"CREATE TABLE claim (id INTEGER PRIMARY KEY, {', '.join(CLAIM_COLUMNS)})")
    plain.execute("CREATE VIRTUAL TABLE fts USING fts5(text, quote, descriptor, notes)")
    plain.execute("BEGIN")
    marks = ", ".join("?" for _ in CLAIM_COLUMNS)
    plain.executemany(f"INSERT INTO claim ({', '.join(CLAIM_COLUMNS)}) VALUES ({marks})", rows)
    inserted = time.perf_counter()
    plain.execute(
        "INSERT INTO fts (rowid, text, quote, descriptor, notes) SELECT id, text, quote, descriptor, notes FROM claim"
    )
    plain.execute("COMMIT")
    plain.close()
    ceiling = time.perf_counter() - started
    ceiling_insert = inserted - started

    # Ours: the product's schema and bulk path (the generator's actors and sources included).
    from claimtracker.store import Store

    Store.open(db).close()
    started = time.perf_counter()
    store = Store.open(db)
    with store.raw(write=True) as connection:
        synthetic.insert_people_and_sources(connection, random.Random(7), n)
        with bulk.loading(connection, expected_rows=n):
            before = bulk.last_claim_id(connection)
            bulk.insert_claims(connection, rows)
            bulk.index_claims_after(connection, before)
    store.close()
    ours = time.perf_counter() - started
    return {
        "load_ours_per_s": n / ours,
        "load_ours_s": ours,
        "load_ceiling_per_s": n / ceiling,
        "load_ceiling_s": ceiling,
        "ceiling_insert_per_s": n / ceiling_insert,
        "ceiling_fts_per_s": n / (ceiling - ceiling_insert),
    }


def step_export(db: Path, out: Path) -> dict[str, float]:
    from claimtracker.csvio import export_csv
    from claimtracker.store import Store

    store = Store.open(db)
    started = time.perf_counter()
    with store.raw() as connection:
        result = export_csv(connection, out)
    seconds = time.perf_counter() - started
    return {
        "export_rows_per_s": result.rows / seconds,
        "export_s": seconds,
        "export_peak_mb": peak_mb(),
        # A large report is written on two cores (csvio.parallel): the helper's own peak.
        "export_helper_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def step_export_ceiling(db: Path, out: Path) -> dict[str, float]:
    started = time.perf_counter()
    connection = sqlite3.connect(db)
    cursor = connection.execute("SELECT * FROM claim")
    rows = 0
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        while batch := cursor.fetchmany(2000):
            writer.writerows(batch)
            rows += len(batch)
    seconds = time.perf_counter() - started
    return {"export_ceiling_rows_per_s": rows / seconds, "export_ceiling_peak_mb": peak_mb()}


def step_import(csv_path: Path, db: Path) -> dict[str, float]:
    from claimtracker.csvio import import_csv
    from claimtracker.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = Store.open(db)
    started = time.perf_counter()
    summary = import_csv(store, csv_path)
    seconds = time.perf_counter() - started
    return {
        "import_rows_per_s": summary.rows / seconds,
        "import_s": seconds,
        "import_peak_mb": peak_mb(),
    }


def step_import_ceiling(csv_path: Path, db: Path) -> dict[str, float]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    connection = sqlite3.connect(db, isolation_level=None)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        connection.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(len(header)))})")
        connection.execute("BEGIN")
        marks = ", ".join("?" for _ in header)
        rows = 0

        def counted():  # type: ignore[no-untyped-def]
            nonlocal rows
            for row in reader:
                rows += 1
                yield row

        connection.executemany(f"INSERT INTO t VALUES ({marks})", counted())
        connection.execute("COMMIT")
    return {"import_ceiling_rows_per_s": rows / (time.perf_counter() - started)}


def _timed(fn, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def step_queries(db: Path, ceiling_db: Path) -> dict[str, float]:
    from claimtracker.query import ClaimFilter, ClaimOrder, search_rows

    connection = sqlite3.connect(db)
    plain = sqlite3.connect(ceiling_db)
    order = ClaimOrder("id", descending=True)
    figures: dict[str, float] = {}
    figures["word_first_page_ms"] = _timed(
        lambda: search_rows(connection, ClaimFilter(text="officials"), order, limit=200)
    )
    figures["word_ceiling_ms"] = _timed(
        lambda: plain.execute(
            "SELECT c.* FROM claim c WHERE c.id IN "
            "(SELECT rowid FROM fts WHERE fts MATCH 'officials' ORDER BY rowid DESC LIMIT 200)"
        ).fetchall()
    )
    figures["cyrillic_first_page_ms"] = _timed(
        lambda: search_rows(connection, ClaimFilter(text="провокациям"), order, limit=200)
    )
    for typed in ("p", "pr", "pro", "provoc"):
        figures[f"typed_{typed}_first_page_ms"] = _timed(
            lambda t=typed: search_rows(
                connection, ClaimFilter(text=t, prefix_last=True), order, limit=200
            )
        )
        figures[f"typed_{typed}_ceiling_ms"] = _timed(
            lambda t=typed: plain.execute(
                "SELECT c.* FROM claim c WHERE c.id IN "
                "(SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 200)",
                (f'"{t}"*',),
            ).fetchall()
        )
    figures["filtered_first_page_ms"] = _timed(
        lambda: search_rows(
            connection,
            ClaimFilter(text="officials", statuses=("disputed",), attributions=("anonymous",)),
            order,
            limit=200,
        )
    )
    return figures


STEPS = {
    "load": lambda a: step_load(int(a[0]), Path(a[1]), Path(a[2])),
    "export": lambda a: step_export(Path(a[0]), Path(a[1])),
    "export_ceiling": lambda a: step_export_ceiling(Path(a[0]), Path(a[1])),
    "import": lambda a: step_import(Path(a[0]), Path(a[1])),
    "import_ceiling": lambda a: step_import_ceiling(Path(a[0]), Path(a[1])),
    "queries": lambda a: step_queries(Path(a[0]), Path(a[1])),
}


def run_step(name: str, *args: object) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--step", name, *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        print(json.dumps(STEPS[sys.argv[2]](sys.argv[3:])))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "bench" / "out"
    work.mkdir(parents=True, exist_ok=True)
    db, ceiling_db = work / "claims.db", work / "ceiling.db"
    csv_path, ceiling_csv = work / "claims.csv", work / "ceiling.csv"
    figures: dict[str, float] = {}
    print(f"ClaimTracker core benchmark: {n:,} claims, workdir {work}")
    figures |= run_step("load", n, db, ceiling_db)
    print(
        f"bulk load incl. FTS   {figures['load_ours_per_s']:>10,.0f} claims/s ({figures['load_ours_s']:.1f} s)"
        f"   ceiling {figures['load_ceiling_per_s']:,.0f}/s (insert {figures['ceiling_insert_per_s']:,.0f}/s,"
        f" FTS {figures['ceiling_fts_per_s']:,.0f}/s)   target ≥ 40,000/s"
    )
    figures |= run_step("export", db, csv_path)
    figures |= run_step("export_ceiling", db, ceiling_csv)
    print(
        f"CSV export            {figures['export_rows_per_s']:>10,.0f} rows/s, peak {figures['export_peak_mb']:.0f} MB"
        f" (helper process {figures['export_helper_peak_mb']:.0f} MB)"
        f"   ceiling {figures['export_ceiling_rows_per_s']:,.0f} rows/s, {figures['export_ceiling_peak_mb']:.0f} MB"
        "   target ≥ 100,000/s, < 100 MB"
    )
    figures |= run_step("import", csv_path, work / "imported.db")
    figures |= run_step("import_ceiling", csv_path, work / "imported_ceiling.db")
    print(
        f"CSV import            {figures['import_rows_per_s']:>10,.0f} rows/s ({figures['import_s']:.1f} s)"
        f"   ceiling {figures['import_ceiling_rows_per_s']:,.0f} rows/s   target ≥ 30,000/s"
    )
    figures |= run_step("queries", db, ceiling_db)
    print(
        f"word query, page 1    {figures['word_first_page_ms']:>10.1f} ms"
        f"   ceiling {figures['word_ceiling_ms']:.1f} ms   target ≤ 20 ms"
        f"   (Cyrillic word {figures['cyrillic_first_page_ms']:.1f} ms;"
        f" with 2 filters {figures['filtered_first_page_ms']:.1f} ms)"
    )
    for typed in ("p", "pr", "pro", "provoc"):
        print(
            f"as typed {typed + '*':<12} {figures[f'typed_{typed}_first_page_ms']:>10.1f} ms"
            f"   ceiling {figures[f'typed_{typed}_ceiling_ms']:.1f} ms   target ≤ 50 ms"
        )


if __name__ == "__main__":
    main()
