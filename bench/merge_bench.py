"""Merging two 100,000-claim copies of a project with 10,000 edits each: time and peak memory.

    python bench/merge_bench.py [CLAIMS] [EDITS]

A base project of CLAIMS synthetic claims (``bench/synthetic.py``, with a journal entry for
each) is copied twice; each copy gets EDITS journaled edits of its own (field changes on random
claims — some of them the same claims and fields on both sides, which become conflicts —, new
claims, tag changes, claims moved to the trash). Then copy B is merged into copy A, the same
file is merged again (nothing new), and the merge is undone as one step.

Each step runs in a fresh process, whose peak memory (max RSS) is read from the OS; the ceiling
beside it is measured in the same run: a plain scan of the same rows (every claim and journal
entry of both files read into Python) and a plain copy of the file (SQLite's backup API).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STATUSES = ("unstarted", "in_progress", "verified", "false", "misleading", "disputed")


def _journaled_edits(path: Path, analyst: str, edits: int, seed: int) -> None:
    """``edits`` changes through the bulk journal, as an import or many edit sessions leave."""
    from claimtracker import bulk
    from claimtracker.journal.entries import BulkJournal, record_rows
    from claimtracker.models import new_uuid
    from claimtracker.store import Store

    rng = random.Random(seed)
    with Store.open(path) as store, store.raw(write=True) as connection:
        journal = BulkJournal(connection, note=None, analyst=analyst)
        now = journal.changed_at
        last = bulk.last_claim_id(connection)
        field_edits, new_claims, trashed = edits * 8 // 10, edits // 10, edits // 20
        tagged = edits - field_edits - new_claims - trashed
        # Half the field edits fall on the first tenth of the claims, so both sides meet there.
        for _ in range(field_edits):
            claim_id = rng.randint(1, last // 10 if rng.random() < 0.5 else last)
            field = rng.choice(("status", "notes", "credibility"))
            value: object = {
                "status": lambda: rng.choice(STATUSES),
                "notes": lambda: f"{analyst} checked this ({rng.randint(1, 3)})",
                "credibility": lambda: rng.randint(1, 6),
            }[field]()
            old = connection.execute(f"SELECT {field} FROM claim WHERE id = ?", (claim_id,))
            before = old.fetchone()[0]
            if before == value:
                continue
            connection.execute(
                f"UPDATE claim SET {field} = ?, version = version + 1, updated_at = ? WHERE id = ?",
                (value, now, claim_id),
            )
            journal.changed("claim", claim_id, {field: (before, value)})
        for claim_id in rng.sample(range(1, last + 1), tagged):
            connection.execute("INSERT OR IGNORE INTO tag (name) VALUES (?)", (f"{analyst}-tag",))
            connection.execute(
                "INSERT OR IGNORE INTO claim_tag (claim_id, tag_id)"
                " SELECT ?, id FROM tag WHERE name = ?",
                (claim_id, f"{analyst}-tag"),
            )
            journal.changed("claim", claim_id, {"tags": ([], [f"{analyst}-tag"])})
        before = bulk.last_claim_id(connection)
        connection.executemany(
            "INSERT INTO claim (text, attribution, status, uuid, created_at, updated_at, version)"
            " VALUES (?, 'unknown', 'unstarted', ?, ?, ?, 1)",
            ((f"{analyst}'s claim {n}", new_uuid(), now, now) for n in range(new_claims)),
        )
        bulk.index_claims_after(connection, before)
        deleted = rng.sample(range(1, last + 1), trashed)
        connection.executemany(
            "UPDATE claim SET deleted_at = ?, version = version + 1 WHERE id = ?",
            ((now, claim_id) for claim_id in deleted),
        )
        record_rows(
            connection,
            ((now, analyst, "claim", i, "deleted", None, None, None, None) for i in deleted),
        )
        journal.finish()


def build(work: Path, claims: int, edits: int) -> tuple[Path, Path]:
    from bench.synthetic import generate_database
    from claimtracker.journal.entries import record_created_after
    from claimtracker.store import Store

    base = work / "base.db"
    seconds = generate_database(base, claims)
    with Store.open(base) as store, store.raw(write=True) as connection:
        for kind in ("actor", "source", "claim"):
            record_created_after(
                connection,
                kind,
                0,
                changed_at="2024-01-01 00:00:00.000000",
                analyst="desk",
                note="synthetic",
            )
    print(f"base: {claims:,} claims built in {seconds:.1f} s")
    mine, theirs = work / "mine.db", work / "theirs.db"
    shutil.copyfile(base, mine)
    shutil.copyfile(base, theirs)
    started = time.perf_counter()
    _journaled_edits(mine, "alice", edits, seed=1)
    _journaled_edits(theirs, "bob", edits, seed=2)
    print(f"edits: {edits:,} on each copy in {time.perf_counter() - started:.1f} s")
    return mine, theirs


# -- the steps, each in a fresh process ----------------------------------------------------


def child(step: str, mine: str, theirs: str) -> dict[str, object]:
    started = time.perf_counter()
    result: dict[str, object] = {}
    if step in ("merge", "merge-again"):
        from claimtracker.merging.merge_file import merge_file
        from claimtracker.store import Store

        with Store.open(mine) as store:
            summary = merge_file(store, theirs)
        result["summary"] = summary.describe()
    elif step == "undo":
        from claimtracker.merging.undo import undo_last_merge
        from claimtracker.store import Store

        with Store.open(mine) as store:
            result["summary"] = undo_last_merge(store).describe()
    elif step == "scan":
        rows = 0
        for path in (mine, theirs):
            connection = sqlite3.connect(path)
            claims = connection.execute("SELECT * FROM claim").fetchall()
            history = connection.execute("SELECT * FROM history").fetchall()
            rows += len(claims) + len(history)
            connection.close()
        result["summary"] = f"{rows:,} rows read"
    elif step == "copy":
        source = sqlite3.connect(mine)
        target = sqlite3.connect(Path(mine).with_name("copy.db"))
        source.backup(target)
        target.close()
        source.close()
        result["summary"] = "file copied"
    result["seconds"] = time.perf_counter() - started
    result["peak_mib"] = _peak_mib()
    return result


def _peak_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the
    process that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(step: str, mine: Path, theirs: Path) -> dict[str, object]:
    process = subprocess.run(
        [sys.executable, __file__, "--child", step, str(mine), str(theirs)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"CLAIMTRACKER_ANALYST": "alice"},
    )
    return json.loads(process.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(*sys.argv[2:5])))
        return
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    work = Path(tempfile.mkdtemp(prefix="claimtracker-merge-bench-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")  # the merge's backups go here
    mine, theirs = build(work, claims, edits)
    print()
    print(f"{'step':<14}{'seconds':>9}{'peak MiB':>10}  what")
    for step in ("scan", "copy", "merge", "merge-again", "undo"):
        figures = run(step, mine, theirs)
        print(
            f"{step:<14}{figures['seconds']:>9.2f}{figures['peak_mib']:>10.0f}  "
            f"{figures['summary']}"
        )
    print(
        "\nceiling: 'scan' reads every claim and journal entry of both files once; 'copy' is a"
        " plain copy of the file.\n'merge' includes the verified backup taken before it commits."
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
