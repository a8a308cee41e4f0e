"""A kept PostgreSQL cluster for benchmarks that load once and measure many times.

    python bench/server_cluster.py start FOLDER   # prints the URL of its database "bench"
    python bench/server_cluster.py stop FOLDER    # stops the cluster and deletes FOLDER

The cluster is made the way the tests make theirs (tests/pg.py: ``initdb``, fsync off, run as
``nobody`` under root) with the bulk-load settings of bench/server_search.py, in FOLDER (which
must not exist yet), and it stays up between runs: ``server_search.py N --url URL --keep``
loads N claims the first time and measures what is there afterwards, ``server_csv.py --url
URL`` imports into and exports from the same database. Its URL is also written to FOLDER/url.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server_load import BULK_SETTINGS
from tests.pg import create_cluster, find_bindir, stop_cluster


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server programs not found: apt-get install postgresql")
    folder: Path = args.folder.resolve()
    if args.action == "start":
        if folder.exists():
            raise SystemExit(f"{folder} exists already: a kept cluster starts in a new folder")
        server = create_cluster(bindir, folder, BULK_SETTINGS)
        server.admin("CREATE DATABASE bench")
        url = server.url("bench")
        (folder / "url").write_text(url + "\n", encoding="utf-8")
        print(url)
    else:
        if not (folder / "data" / "PG_VERSION").is_file():
            raise SystemExit(f"{folder} holds no cluster made by this script")
        stop_cluster(bindir, folder)
        shutil.rmtree(folder)
        print(f"stopped and deleted {folder}")


if __name__ == "__main__":
    main()
