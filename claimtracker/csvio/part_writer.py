"""The helper process of a two-core export (see ``csvio.parallel``).

Reads its task as JSON on standard input (database, query, parameters, output file), takes its
read snapshot and says ``ready``, writes the rows as CSV without a byte-order mark, and says
``done N``. It imports only what writing needs, not the storage layer, so it starts quickly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from claimtracker.csvio.writing import csv_writer, register_guard, write_rows
from claimtracker.safety import live_files


def main() -> int:
    task = json.load(sys.stdin)
    connection = live_files.connect(task["database"], isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(task['busy_timeout_ms'])}")
        register_guard(connection)
        connection.execute("BEGIN")
        connection.execute("SELECT 1 FROM claim LIMIT 1").fetchall()  # fixes the snapshot
        print("ready", flush=True)
        with Path(task["out"]).open("w", encoding="utf-8", newline="") as handle:
            rows = write_rows(connection.execute(task["sql"], task["params"]), csv_writer(handle))
        connection.execute("COMMIT")
    finally:
        connection.close()
    print(f"done {rows}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
