"""CSV import and export on a PostgreSQL server, beside raw psycopg COPY in the same run.

    python bench/server_csv.py [N] [--csv CSV] [--data-dir DIR]   # a throwaway cluster
    python bench/server_csv.py [N] --url URL [--csv CSV] [--no-file]

Writes a CSV file of N synthetic claims (default 1,000,000: speakers, sources, dates, Cyrillic;
bench/synthetic.py's generator; kept at CSV when given, and read from there when it exists) and
times, on the same server:

* ``import-csv``'s path (``csvio.import_csv``): parsing, checking, speakers and sources matched
  or created, claims by COPY, the journal's entries. Into an empty, migrated database on a
  throwaway cluster (in a new folder under DIR when given); with ``--url``, into that database
  as it is: ten million claims loaded by ``bench/server_search.py --keep`` take the file's
  claims on top (an analyst's import into a full table), and the run says what it found there
  and leaves a line in its ``bench_load`` record;
* the same import into an SQLite file (the importer's own Python work, without a server;
  ``--no-file`` leaves it and the file's export out);
* the ceiling of the import: raw psycopg ``COPY ... FROM STDIN (FORMAT csv)`` of the same file
  into a table of text columns (no checks, no lookups);
* the server's own floor for storing claims: the import's ``INSERT … SELECT`` (eleven indexes,
  foreign keys, search documents) of up to 100,000 claims already on the server (copies of the
  imported ones with new uuids, in a transaction rolled back): no importer can store claims
  faster than this on one connection, whatever its Python does; and the same with the words of
  the claims' own fields computed beforehand (not timed), as the import has them computed on a
  second connection (``csvio.words_ahead``): the floor of the import's own connection;
* ``export csv``'s path (``csvio.export_csv``) of the whole claims report (every column, every
  claim in the database) after tags (a third of the claims) and links (one claim in ten) are
  added (once: a kept database that has tags keeps them): ``COPY (SELECT ...) TO STDOUT
  (FORMAT csv)``, formula guard and lists in SQL, line ends mended in Python; beside it its
  ceiling, raw psycopg ``COPY`` of the same SELECT into a file (the server's time), with the
  server backend's CPU seconds (the load on a shared machine stretches the wall clock, not
  those);
* the same export from the SQLite file (same tags and links), beside its ceiling: sqlite3
  running the same SELECT, rows fetched and dropped.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server_load import claims_loaded, record_load, server_database
from bench.synthetic import claim_rows
from claimtracker import bulk
from claimtracker.csvio import export_csv, import_csv
from claimtracker.csvio.columns import choose_columns
from claimtracker.csvio.export import SERVER_SETTINGS
from claimtracker.csvio.server_copy import copy_select
from claimtracker.csvio.writing import claims_query, register_guard
from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.store import Store
from claimtracker.store.dbapi import DbConnection

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


def decorate(connection: DbConnection) -> None:
    """Tags on a third of the claims (two on a sixth), a link from one claim in ten: the lists
    an export groups. Plain SQL that both databases run."""
    connection.execute(
        "INSERT INTO tag (name) SELECT 'Тема ' || id FROM claim WHERE id <= 30 ORDER BY id"
    )
    connection.execute(
        "INSERT INTO claim_tag (claim_id, tag_id) SELECT id, 1 + id % 30 FROM claim WHERE id % 3 = 0"
    )
    connection.execute(
        "INSERT INTO claim_tag (claim_id, tag_id) SELECT id, 1 + (id / 7) % 30 FROM claim"
        " WHERE id % 6 = 0 AND (id / 7) % 30 <> id % 30"
    )
    relations = ("contradicts", "denies", "counters", "supports", "repeats", "responds_to")
    which = " ".join(f"WHEN {i} THEN '{code}'" for i, code in enumerate(relations))
    connection.execute(
        "INSERT INTO link (uuid, created_at, updated_at, version, claim_a_id, claim_b_id,"
        f" relation) SELECT 'bench-link-' || id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, id,"
        f" id + 1 + id % 1000, CASE id % 6 {which} END FROM claim"
        " WHERE id % 10 = 0 AND id + 1 + id % 1000 <= (SELECT max(id) FROM claim)"
    )


def _backend_cpu(connection: Any) -> Callable[[], float]:
    """The server backend's CPU seconds so far (the cluster runs on this machine)."""
    (pid,) = connection.execute("SELECT pg_backend_pid()").fetchone()

    def seconds() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    return seconds


def server_insert_floor(url: str, n: int, *, words_given: bool = False) -> float:
    """Seconds the server takes to store ``n`` claims already staged on it (see the module);
    with ``words_given``, their own fields' words computed beforehand (``bulk.row_words``)."""
    import psycopg

    columns = ", ".join(bulk.CLAIM_COLUMNS[1:])
    staged = ", ".join(f"st.{column}" for column in bulk.CLAIM_COLUMNS[1:])
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute(
            f"CREATE TEMP TABLE st AS SELECT {columns} FROM claim ORDER BY id LIMIT {int(n)}"
        )
        document = (
            "claimtracker_search_doc(st.text, st.quote, st.descriptor, st.notes, a.name::text,"
            " s.title)"
        )
        if words_given:
            connection.execute("ALTER TABLE st ADD COLUMN own tsvector")
            connection.execute(f"UPDATE st SET own = {bulk.ROW_WORDS}")
            document = (
                f"st.own || {bulk.SPACER} || claimtracker_words(a.name::text) || {bulk.SPACER}"
                " || claimtracker_words(s.title)"
            )
        connection.execute("SELECT set_config(%s, 'on', true)", (bulk.SEARCH_DOC_GIVEN,))
        started = time.perf_counter()
        connection.execute(
            f"INSERT INTO claim (uuid, {columns}, search_doc) SELECT gen_random_uuid()::text,"
            f" {staged}, {document} FROM st LEFT JOIN actor a ON a.id = st.speaker_id"
            " LEFT JOIN source s ON s.id = st.source_id"
        )
        seconds = time.perf_counter() - started
        connection.rollback()
    return seconds


def raw_copy_out(url: str, out: Path) -> tuple[float, float]:
    """Raw COPY of the export's own SELECT, as the export runs it: seconds, server CPU."""
    import psycopg

    sql, _ = claims_query(
        ClaimFilter(),
        choose_columns("claims", None),
        ClaimOrder(),
        dialect="postgresql",
        shape=copy_select,
    )
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        for setting in SERVER_SETTINGS:
            connection.execute(f"SET {setting}")
        cpu = _backend_cpu(connection)
        started, cpu_before = time.perf_counter(), cpu()
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy,
            out.open("wb") as handle,
        ):
            for block in copy:
                handle.write(block)
        return time.perf_counter() - started, cpu() - cpu_before


def export_from_server(store: Store, out: Path) -> tuple[float, float]:
    """``csvio.export_csv`` of every column: seconds, server CPU."""
    with store.raw() as connection:
        cpu = _backend_cpu(connection.psycopg)  # type: ignore[attr-defined]
        started, cpu_before = time.perf_counter(), cpu()
        result = export_csv(connection, out)
        seconds, server = time.perf_counter() - started, cpu() - cpu_before
    assert result.rows > 0
    return seconds, server


def sqlite_ceiling(path: Path) -> float:
    """sqlite3 running the file export's SELECT, every row fetched and dropped."""
    sql, params = claims_query(ClaimFilter(), choose_columns("claims", None), ClaimOrder())
    with Store.open(path) as store, store.raw() as connection:
        register_guard(connection)
        started = time.perf_counter()
        cursor = connection.execute(sql, params)
        while cursor.fetchmany(10_000):
            pass
        return time.perf_counter() - started


def _record_import(url: str, n: int, seconds: float) -> None:
    """A line in the kept database's load record (bench/server_load.py): what it holds now."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        what = f"{n:,} claims more by import-csv (bench/server_csv.py) in {seconds:.0f} s"
        record_load(connection, what)


def _decorate_once(store: Store) -> None:
    """Tags and links (``decorate``), unless a kept database has tags already."""
    with store.raw(write=True) as connection:
        if connection.execute("SELECT count(*) FROM tag").fetchone()[0]:
            print("tags and links: the database's own (added by an earlier run)")
            return
        started = time.perf_counter()
        decorate(connection)
    print(f"tags and links added in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--csv", type=Path, help="keep the CSV file here (read it if it exists)")
    parser.add_argument("--url", help="a database on a server, empty or loaded already")
    parser.add_argument("--data-dir", type=Path, help="the folder for the cluster and files")
    parser.add_argument(
        "--no-file", action="store_true", help="leave out the import into and export from a file"
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
        seconds_file = seconds_file_out = ceiling_file_out = None
        file_bytes = 0
        if not args.no_file:
            with Store.open(work / "reference.db") as on_file:
                started = time.perf_counter()
                import_csv(on_file, source)
                seconds_file = time.perf_counter() - started
        with server_database(args.url, args.data_dir) as url:
            with Store.open(url) as store:  # migrated
                before = claims_loaded(store)
            print(f"the database holds {before:,} claims before the import")

            ceiling_in = raw_copy_in(url, source)
            with Store.open(url) as store:
                started = time.perf_counter()
                summary = import_csv(store, source)
                seconds_in = time.perf_counter() - started
                assert summary.created == n, summary.describe()
            if args.url:
                _record_import(url, n, seconds_in)
            sample = min(n, 100_000)
            floor_in = server_insert_floor(url, sample) * n / sample
            floor_own = server_insert_floor(url, sample, words_given=True) * n / sample

            with Store.open(url) as store:
                _decorate_once(store)
                out = work / "export.csv"
                seconds_out, cpu_out = export_from_server(store, out)
            exported = before + n
            server_bytes = out.stat().st_size
            out.unlink()
            ceiling_out, cpu_ceiling = raw_copy_out(url, work / "raw.csv")
            (work / "raw.csv").unlink()
        if not args.no_file:
            with Store.open(work / "reference.db") as on_file:
                with on_file.raw(write=True) as connection:
                    decorate(connection)
                started = time.perf_counter()
                with on_file.raw() as connection:
                    export_csv(connection, out)
                seconds_file_out = time.perf_counter() - started
                file_bytes = out.stat().st_size
            ceiling_file_out = sqlite_ceiling(work / "reference.db")

        print(f"{'':34}{'rows':>12}{'seconds':>9}{'rows/s':>12}{'server CPU s':>14}")
        for label, rows, seconds, cpu in (
            ("import-csv (csvio.import_csv)", n, seconds_in, None),
            ("  raw COPY FROM of the file", n, ceiling_in, None),
            ("  the same into an SQLite file", n, seconds_file, None),
            ("  server's own INSERT of claims", n, floor_in, None),
            ("  the same, own words given", n, floor_own, None),
            ("export csv (csvio.export_csv)", exported, seconds_out, cpu_out),
            ("  raw COPY (same SELECT) TO", exported, ceiling_out, cpu_ceiling),
            ("export csv from the SQLite file", n, seconds_file_out, None),
            ("  sqlite3 runs its SELECT", n, ceiling_file_out, None),
        ):
            if seconds is None:
                continue
            spent = "" if cpu is None else f"{cpu:14.1f}"
            print(f"{label:34}{rows:12,}{seconds:9.1f}{rows / seconds:12,.0f}{spent}")
        print(
            f"imported into a database of {before:,} claims; exported "
            f"{server_bytes / 1e6:,.0f} MB from the server"
            + (f", {file_bytes / 1e6:,.0f} MB from the file" if file_bytes else "")
            + f"; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        print("targets: import >= 30,000 rows/s, export >= 100,000 rows/s")


if __name__ == "__main__":
    main()
