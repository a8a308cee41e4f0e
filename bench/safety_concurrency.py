"""Several programs editing one database file at once: no lost update, no error, stale edits caught.

    python bench/safety_concurrency.py [WORKERS] [EDITS] [WORKDIR]     # default 4 × 250

Each app-like worker process makes EDITS user actions: a read-modify-write of one shared
counter claim and an edit of its own claim with the version it loaded, between refreshes.
A second run adds one command-line worker (``claimtracker edit-claim`` per edit, opening the
database each time) beside the app-like ones. Then a stale edit is attempted across processes.
Prints figures; never a timed pass/fail.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    work = Path(sys.argv[3]) if len(sys.argv) > 3 else Path(tempfile.mkdtemp(prefix="ct-conc-"))
    work.mkdir(parents=True, exist_ok=True)

    from tests.safety.workers import detect_stale_edit, run_concurrent_edits

    print(f"ClaimTracker concurrency in {work}")
    problems = 0
    for label, cli_workers in (("app-like processes", 0), ("the same plus one CLI", 1)):
        db = work / f"shared-{cli_workers}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        run = run_concurrent_edits(db, workers, edits, cli_workers=cli_workers)
        expected = (workers + cli_workers) * edits
        print(
            f"{label:<24} {workers}+{cli_workers} × {edits}: {run.applied}/{expected} applied,"
            f" {len(run.errors)} errors, shared counter {run.counter} (expected {workers * edits}),"
            f" {run.counter_history} history entries, {run.seconds:.1f} s"
            f" ({run.applied / run.seconds:,.0f} actions/s)"
        )
        for error in run.errors[:5]:
            print(f"    {error}")
        problems += len(run.errors) + (run.applied != expected) + (run.counter != workers * edits)
    message = detect_stale_edit(work / "shared-0.db", claim_id=2)
    print(f"stale edit across processes: {'refused — ' + message if message else 'NOT DETECTED'}")
    problems += message is None
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
