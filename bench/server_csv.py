"""CSV import and export on a PostgreSQL server, beside raw psycopg COPY in the same run.

    python bench/server_csv.py [N [CSV]]   # default 1,000,000 claims; CSV: keep the file there

Starts a throwaway cluster (as the tests do: tests/pg.py, fsync off), writes a CSV file of N
synthetic claims (speakers, sources, dates, Cyrillic; bench/synthetic.py's generator), and
times, on the same cluster:

* ``import-csv``'s path (``csvio.import_csv``) into an empty, migrated database: parsing,
  checking, speakers and sources matched or created, claims by COPY, the journal's entries;
* ``export csv``'s path (``csvio.export_csv``) of the claims report from that database:
  streamed through a server-side cursor, formula guard in SQL, RFC 4180 in Python;
* the same import into an SQLite file (the importer's own Python work, without a server);
* the ceilings: raw psycopg ``COPY ... FROM STDIN (FORMAT csv)`` of the same file into a table
  of text columns (no checks, no lookups), and ``COPY (the export's own SELECT) TO STDOUT``
  (the server formats the CSV; no Python per row);
* the server's own floor for storing claims: the import's ``INSERT … SELECT`` (eleven indexes,
  foreign keys, search documents) of up to 100,000 claims already on the server (copies of the
  imported ones with new uuids, in a transaction rolled back): no importer can store claims
  faster than this, whatever its Python does.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import claim_rows
from claimtracker import bulk
from claimtracker.csvio import export_csv, import_csv
from claimtracker.csvio.columns import choose_columns
from claimtracker.csvio.writing import claims_query
from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.store import Store
from tests.pg import find_bindir, throwaway_cluster

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


def server_insert_floor(url: str, n: int) -> float:
    """Seconds the server takes to store ``n`` claims already staged on it (see the module)."""
    import psycopg

    columns = ", ".join(bulk.CLAIM_COLUMNS[1:])
    staged = ", ".join(f"st.{column}" for column in bulk.CLAIM_COLUMNS[1:])
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute(
            f"CREATE TEMP TABLE st AS SELECT {columns} FROM claim ORDER BY id LIMIT {int(n)}"
        )
        connection.execute("SELECT set_config(%s, 'on', true)", (bulk.SEARCH_DOC_GIVEN,))
        started = time.perf_counter()
        connection.execute(
            f"INSERT INTO claim (uuid, {columns}, search_doc) SELECT gen_random_uuid()::text,"
            f" {staged}, claimtracker_search_doc(st.text, st.quote, st.descriptor, st.notes,"
            " a.name::text, s.title) FROM st LEFT JOIN actor a ON a.id = st.speaker_id"
            " LEFT JOIN source s ON s.id = st.source_id"
        )
        seconds = time.perf_counter() - started
        connection.rollback()
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    bindir = find_bindir()
    if bindir is None:
        sys.exit("PostgreSQL server programs not found (apt-get install postgresql)")
    with tempfile.TemporaryDirectory(prefix="ct-server-csv-") as folder:
        work = Path(folder)
        source = Path(sys.argv[2]) if len(sys.argv) > 2 else work / "claims.csv"
        if not source.exists():
            started = time.perf_counter()
            write_csv(source, n)
            print(
                f"{n:,} claims as CSV: {source.stat().st_size / 1e6:,.0f} MB in "
                f"{time.perf_counter() - started:.1f} s"
            )
        with Store.open(work / "reference.db") as on_file:
            started = time.perf_counter()
            import_csv(on_file, source)
            seconds_file = time.perf_counter() - started
        with throwaway_cluster(bindir) as server:
            server.admin('CREATE DATABASE "bench"')
            url = server.url("bench")
            Store.open(url).close()  # migrated

            ceiling_in = raw_copy_in(url, source)
            with Store.open(url) as store:
                started = time.perf_counter()
                summary = import_csv(store, source)
                seconds_in = time.perf_counter() - started
                assert summary.created == n, summary.describe()

                out = work / "export.csv"
                started = time.perf_counter()
                with store.raw() as connection:
                    result = export_csv(connection, out)
                seconds_out = time.perf_counter() - started
                assert result.rows == n
            ceiling_out = raw_copy_out(url, work / "raw.csv")
            sample = min(n, 100_000)
            floor_in = server_insert_floor(url, sample) * n / sample

        print(f"{'':34}{'seconds':>9}{'rows/s':>12}")
        for label, seconds in (
            ("import-csv (csvio.import_csv)", seconds_in),
            ("  raw COPY FROM of the file", ceiling_in),
            ("  the same into an SQLite file", seconds_file),
            ("  server's own INSERT of claims", floor_in),
            ("export csv (csvio.export_csv)", seconds_out),
            ("  raw COPY (same SELECT) TO", ceiling_out),
        ):
            print(f"{label:34}{seconds:9.1f}{n / seconds:12,.0f}")
        print("targets: import >= 30,000 rows/s, export >= 100,000 rows/s")


if __name__ == "__main__":
    main()
