"""CSV import and export on a PostgreSQL server, beside raw psycopg COPY in the same run.

    python bench/server_csv.py [N] [--csv CSV] [--data-dir DIR]   # a throwaway cluster
    python bench/server_csv.py [N] --url URL [--csv CSV]          # a database on a server

Writes a CSV file of N synthetic claims (default 1,000,000: speakers, sources, dates, Cyrillic;
bench/synthetic.py's generator; kept at CSV when given, and read from there when it exists) and
times, on the same server:

* ``import-csv``'s path (``csvio.import_csv``): parsing, checking, speakers and sources matched
  or created, claims by COPY, the journal's entries. Into an empty, migrated database on a
  throwaway cluster (in a new folder under DIR when given); with ``--url``, into that database
  as it is: ten million claims loaded by ``bench/server_search.py --keep`` take the file's
  claims on top (an analyst's import into a full table), and the run says what it found there
  and leaves a line in its ``bench_load`` record;
* ``export csv``'s path (``csvio.export_csv``) of the claims report of every claim in that
  database: streamed through a server-side cursor, formula guard in SQL, RFC 4180 in Python;
* the same import into an SQLite file (the importer's own Python work, without a server);
* the ceilings: raw psycopg ``COPY ... FROM STDIN (FORMAT csv)`` of the same file into a table
  of text columns (no checks, no lookups), and ``COPY (the export's own SELECT) TO STDOUT``
  (the server formats the CSV; no Python per row).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server_load import LOAD_RECORD, server_database
from bench.synthetic import claim_rows
from claimtracker import bulk
from claimtracker.csvio import export_csv, import_csv
from claimtracker.csvio.columns import choose_columns
from claimtracker.csvio.writing import claims_query
from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.store import Store

HEADER = (
    "uuid",
    "claim",
    "quote",
    "speaker",
    "attribution",
    "descriptor",
    "source_count",
    "status",
    "credibility",
    "said_on",
    "reported_on",
    "source_title",
    "url",
    "notes",
)


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in claim_rows(n):
            v = dict(zip(bulk.CLAIM_COLUMNS, row, strict=True))
            source = v["source_id"]
            writer.writerow(
                (
                    v["uuid"],
                    v["text"],
                    v["quote"],
                    f"Actor {v['speaker_id']}",
                    v["attribution"],
                    v["descriptor"],
                    v["source_count"],
                    v["status"],
                    v["credibility"],
                    v["said_on"],
                    v["reported_on"],
                    f"Report {source}",
                    f"https://news.example/{source}",
                    v["notes"],
                )
            )


def raw_copy_in(url: str, path: Path) -> float:
    import psycopg

    columns = ", ".join(f"{name} text" for name in HEADER)
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute(f"CREATE TABLE raw_claims ({columns})")
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy("COPY raw_claims FROM STDIN (FORMAT csv, HEADER true)") as copy,
            path.open("rb") as handle,
        ):
            handle.read(3)  # the byte-order mark
            while block := handle.read(1 << 20):
                copy.write(block)
        connection.commit()
        seconds = time.perf_counter() - started
        connection.execute("DROP TABLE raw_claims")
        connection.commit()
    return seconds


def raw_copy_out(url: str, out: Path) -> float:
    import psycopg

    sql, _ = claims_query(
        ClaimFilter(), choose_columns("claims", None), ClaimOrder(), dialect="postgresql"
    )
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv, HEADER true)") as copy,
            out.open("wb") as handle,
        ):
            for block in copy:
                handle.write(block)
        return time.perf_counter() - started


def _claims_in(url: str) -> int:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        (count,) = connection.execute("SELECT count(*) FROM claim").fetchone()  # type: ignore[misc]
        return int(count)


def _record_import(url: str, n: int, seconds: float) -> None:
    """A line in the kept database's load record (bench/server_search.py): what it holds now."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute(
            f"CREATE TABLE IF NOT EXISTS {LOAD_RECORD} "
            "(finished_at timestamp NOT NULL, what text NOT NULL)"
        )
        connection.execute(
            f"INSERT INTO {LOAD_RECORD} VALUES (now() AT TIME ZONE 'utc', %s)",
            (f"{n:,} claims more by import-csv (bench/server_csv.py) in {seconds:.0f} s",),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--csv", type=Path, help="keep the CSV file here (read it if it exists)")
    parser.add_argument("--url", help="a database on a server, empty or loaded already")
    parser.add_argument("--data-dir", type=Path, help="the folder for the cluster and files")
    parser.add_argument(
        "--no-file", action="store_true", help="leave out the same import into an SQLite file"
    )
    args = parser.parse_args()
    n: int = args.n
    if args.data_dir:
        args.data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ct-server-csv-", dir=args.data_dir) as folder:
        work = Path(folder)
        source = args.csv or work / "claims.csv"
        started = time.perf_counter()
        if not source.exists():
            write_csv(source, n)
            print(
                f"{n:,} claims as CSV: {source.stat().st_size / 1e6:,.0f} MB in "
                f"{time.perf_counter() - started:.1f} s"
            )
        seconds_file = None
        if not args.no_file:
            with Store.open(work / "reference.db") as on_file:
                started = time.perf_counter()
                import_csv(on_file, source)
                seconds_file = time.perf_counter() - started
        with server_database(args.url, args.data_dir) as url:
            Store.open(url).close()  # migrated
            before = _claims_in(url)
            print(f"the database holds {before:,} claims before the import")

            ceiling_in = raw_copy_in(url, source)
            with Store.open(url) as store:
                started = time.perf_counter()
                summary = import_csv(store, source)
                seconds_in = time.perf_counter() - started
                assert summary.created == n, summary.describe()
                if args.url:
                    _record_import(url, n, seconds_in)

                out = work / "export.csv"
                started = time.perf_counter()
                with store.raw() as connection:
                    result = export_csv(connection, out)
                seconds_out = time.perf_counter() - started
                exported = result.rows
                assert exported == before + n
                out.unlink()
            ceiling_out = raw_copy_out(url, work / "raw.csv")
            (work / "raw.csv").unlink()

        print(f"{'':34}{'rows':>12}{'seconds':>9}{'rows/s':>12}")
        for label, rows, seconds in (
            ("import-csv (csvio.import_csv)", n, seconds_in),
            ("  raw COPY FROM of the file", n, ceiling_in),
            ("  the same into an SQLite file", n, seconds_file),
            ("export csv (csvio.export_csv)", exported, seconds_out),
            ("  raw COPY (same SELECT) TO", exported, ceiling_out),
        ):
            if seconds is not None:
                print(f"{label:34}{rows:12,}{seconds:9.1f}{rows / seconds:12,.0f}")
        print(
            f"imported into a database of {before:,} claims; "
            "targets: import >= 30,000 rows/s, export >= 100,000 rows/s"
        )


if __name__ == "__main__":
    main()
