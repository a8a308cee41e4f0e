"""Hostile input never hurts: random and malformed CSV and HTML raise only the core's own
errors, and a failed import adds nothing (``bench/safety_fuzz.py`` runs thousands more)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtracker.csvio import CsvImportOptions
from claimtracker.store import Store
from tests.safety.hostile import (
    check_article_import,
    check_csv_import,
    csv_inputs,
    csv_options,
    fresh_store,
    html_inputs,
)

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = fresh_store(tmp_path_factory.mktemp("fuzz"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-files")


@FAST
@given(data=csv_inputs)
def test_random_csv_files_fail_cleanly(fuzz_store: Store, fuzz_dir: Path, data: bytes) -> None:
    check_csv_import(fuzz_store, fuzz_dir / "random.csv", data, CsvImportOptions())


@FAST
@given(data=csv_inputs, options=csv_options, suffix=st.sampled_from([".csv", ".tsv", ".txt"]))
def test_random_csv_files_and_options_fail_cleanly(
    fuzz_store: Store, fuzz_dir: Path, data: bytes, options: CsvImportOptions, suffix: str
) -> None:
    check_csv_import(fuzz_store, fuzz_dir / f"random{suffix}", data, options)


@FAST
@given(data=html_inputs, suffix=st.sampled_from([".html", ".htm", ".xhtml", ".txt", ".md"]))
def test_random_html_fails_cleanly(fuzz_store: Store, data: bytes, suffix: str) -> None:
    check_article_import(fuzz_store, data, f"/tmp/hostile{suffix}")
