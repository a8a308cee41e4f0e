"""Property-based fuzzing of the importers with random and malformed CSV and HTML.

    python bench/safety_fuzz.py [EXAMPLES] [WORKDIR]      # default 5,000 per property

The properties of ``tests/safety/hostile.py``: an import succeeds or raises the core's own error
(naming the file), and a failed import adds no row. Three properties — CSV files, CSV files with
random import options, article files (HTML and others) — each with EXAMPLES random examples
(hypothesis, not derandomized, so every run explores new ones). Prints figures and the
smallest failing example of any property that fails.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="ct-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from claimtracker.csvio import CsvImportOptions
    from tests.safety.hostile import (
        check_article_import,
        check_csv_import,
        csv_inputs,
        csv_options,
        fresh_store,
        html_inputs,
    )

    store = fresh_store(work)
    counted: dict[str, int] = {"n": 0, "imported": 0, "refused": 0}
    fallbacks = _FallbackCounter()
    logging.getLogger("claimtracker").addHandler(fallbacks)
    run_settings = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    def counting(check: Callable[..., None]) -> Callable[..., None]:
        def run(**kwargs: Any) -> None:
            counted["n"] += 1
            counted[check(**kwargs)] += 1

        return run

    properties = {
        "CSV files": given(data=csv_inputs)(
            counting(lambda data: check_csv_import(store, work / "f.csv", data, CsvImportOptions()))
        ),
        "CSV files with options": given(
            data=csv_inputs, options=csv_options, suffix=st.sampled_from([".csv", ".tsv"])
        )(
            counting(
                lambda data, options, suffix: check_csv_import(
                    store, work / f"g{suffix}", data, options
                )
            )
        ),
        "article files": given(
            data=html_inputs, suffix=st.sampled_from([".html", ".xhtml", ".txt", ".md"])
        )(counting(lambda data, suffix: check_article_import(store, data, f"h{suffix}"))),
    }
    print(f"ClaimTracker importer fuzzing, {examples:,} examples per property, in {work}")
    failures = 0
    total = 0
    began = time.perf_counter()
    for name, prop in properties.items():
        counted.update(n=0, imported=0, refused=0)
        started = time.perf_counter()
        try:
            run_settings(prop)()
            outcome = "no failure"
        except Exception:
            failures += 1
            outcome = "FAILED:\n" + traceback.format_exc(limit=3)
        seconds = time.perf_counter() - started
        total += counted["n"]
        print(
            f"{name:<24} {counted['n']:>7,} examples ({counted['imported']:,} imported,"
            f" {counted['refused']:,} refused)  {seconds:6.1f} s"
            f"  ({counted['n'] / seconds:,.0f}/s)  {outcome}"
        )
    store.close()
    print(f"{'all':<24} {total:>7,} examples  {time.perf_counter() - began:6.1f} s")
    print(
        f"refused only by the article reader's safety net (an unexpected exception, logged):"
        f" {fallbacks.count}"
    )
    return 1 if failures else 0


class _FallbackCounter(logging.Handler):
    """Counts the article reader's "unexpected failure" log entries: refusals that came from
    an exception nobody anticipated (still the core's error for the user, but worth a look)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "unexpected failure" in record.getMessage():
            self.count += 1


if __name__ == "__main__":
    sys.exit(main())
