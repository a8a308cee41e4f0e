"""A writer killed at random moments, and several programs editing one file at once.

The full runs are ``bench/safety_crash.py`` (100+ trials) and ``bench/safety_concurrency.py``;
these are the same checks, smaller where they would be slow.
"""

from __future__ import annotations

import random
from pathlib import Path

from claimtracker.store.version import SCHEMA_HEAD
from tests.safety.workers import (
    crash_trial,
    detect_stale_edit,
    open_at_once,
    prepare_crash_db,
    run_concurrent_edits,
)

CRASH_TRIALS = 4


def test_a_writer_killed_at_random_moments_loses_no_acknowledged_commit(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    prepare_crash_db(db)
    rng = random.Random(20181125)
    first = 1
    acknowledged = 0
    for trial in range(CRASH_TRIALS):
        result = crash_trial(db, tmp_path, trial, first, rng)
        assert result.problems == [], f"trial {trial}: {result.problems}"
        acknowledged += len(result.acknowledged)
        first = result.next_first
    assert acknowledged > 0  # the writer did commit before it was killed


def test_four_processes_make_a_thousand_edits_without_loss_or_error(tmp_path: Path) -> None:
    run = run_concurrent_edits(tmp_path / "shared.db", workers=4, edits=250)
    assert run.errors == []
    assert run.applied == 1000
    assert run.counter == 1000  # no lost update: every read-modify-write saw the one before
    assert run.counter_version == 1001
    assert run.counter_history == 1000


def test_an_edit_of_a_claim_changed_elsewhere_is_refused(tmp_path: Path) -> None:
    run_concurrent_edits(tmp_path / "shared.db", workers=1, edits=1)
    message = detect_stale_edit(tmp_path / "shared.db", claim_id=2)
    assert message is not None and "changed elsewhere since you loaded it" in message


def test_programs_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    outcomes = open_at_once(tmp_path / "new.db", processes=4)
    assert outcomes == [("ok", SCHEMA_HEAD)] * 4
