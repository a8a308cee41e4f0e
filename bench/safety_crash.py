"""Crash test: a writer killed with SIGKILL at random moments, the database checked after each.

    python bench/safety_crash.py [TRIALS] [WORKDIR]      # default 120 trials

Each trial starts a writer process that commits transactions as fast as it can (a claim with
two tags and a counter update through the services, or every fifth time a 40-row CSV import
through the bulk path) and acknowledges each commit that returned in a file it fsyncs. It is
killed at a random moment within 0.4 s. Then the database is opened as the app opens it (which
runs the unclean-shutdown check) and examined: every acknowledged commit present, at most the
one in flight when killed present without acknowledgement, no partial transaction (tags,
counter, history, all 40 rows of an import or none), the index triggers back, the full-text
index consistent, ``integrity_check`` ok. Prints figures; never a timed pass/fail.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="ct-crash-"))
    work.mkdir(parents=True, exist_ok=True)

    from tests.safety.workers import crash_trial, prepare_crash_db

    db = work / "crash.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    prepare_crash_db(db)
    rng = random.Random(20180825)
    first = 1
    acknowledged = 0
    failed: list[tuple[int, list[str]]] = []
    started = time.perf_counter()
    for trial in range(trials):
        result = crash_trial(db, work, trial, first, rng)
        acknowledged += len(result.acknowledged)
        first = result.next_first
        if result.problems:
            failed.append((trial, result.problems))
            print(f"trial {trial}: {result.problems}")
    seconds = time.perf_counter() - started
    print(f"ClaimTracker crash test in {work}")
    print(f"trials (SIGKILL)            {trials:>8}")
    print(f"acknowledged commits        {acknowledged:>8}   all checked present after the kill")
    print(f"transactions committed      {first - 1:>8}   (incl. ones in flight at the kill)")
    print(f"trials with a problem       {len(failed):>8}")
    print(f"time                        {seconds:>8.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
