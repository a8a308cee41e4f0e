"""A large claims report written on two cores is the report written on one, byte for byte."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from claimtracker.csvio import ExportCancelled, export_csv, parallel
from claimtracker.query import ClaimFilter
from claimtracker.sample import build_sample
from claimtracker.store import Store
from tests.core.helpers import add_claim


@pytest.fixture
def claims(store: Store) -> Store:
    """The sample project (links, tags, Cyrillic) and claims that look like formulas."""
    build_sample(store)
    for index in range(12):
        add_claim(store, text=f'=HYPERLINK("x") {index}, "quoted"\nprovocations', tags=["t"])
    return store


def _export(store: Store, path: Path, **options: object) -> int:
    with store.raw() as connection:
        return export_csv(connection, path, **options).rows  # type: ignore[arg-type]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own for the reports (the database lives in ``tmp_path``)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


@pytest.fixture
def helpers_used(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """Split from a few rows on, and record what each helper reported."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM_ROWS", 4)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    reports: list[int | None] = []
    finish = parallel._Helper.finish

    def recorded(helper: parallel._Helper) -> int | None:
        reports.append(finish(helper))
        return reports[-1]

    monkeypatch.setattr(parallel._Helper, "finish", recorded)
    return reports


def _serial(store: Store, path: Path, **options: object) -> bytes:
    previous = parallel.PARALLEL_FROM_ROWS
    parallel.PARALLEL_FROM_ROWS = sys.maxsize
    try:
        _export(store, path, **options)
    finally:
        parallel.PARALLEL_FROM_ROWS = previous
    return path.read_bytes()


@pytest.mark.parametrize("claim_filter", [ClaimFilter(), ClaimFilter(text="provoc*")])
def test_two_halves_make_the_same_file(
    claims: Store, out: Path, helpers_used: list[int | None], claim_filter: ClaimFilter
) -> None:
    rows = _export(claims, out / "two.csv", claim_filter=claim_filter)
    assert helpers_used and helpers_used[0] is not None and 0 < helpers_used[0] < rows
    one = _serial(claims, out / "one.csv", claim_filter=claim_filter)
    assert (out / "two.csv").read_bytes() == one
    assert sorted(p.name for p in out.iterdir()) == ["one.csv", "two.csv"]  # no part left


def test_a_change_saved_between_the_snapshots_is_not_mixed_in(
    claims: Store, out: Path, helpers_used: list[int | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _serial(claims, out / "before.csv")
    ready = parallel._Helper.ready

    def a_colleague_saves_meanwhile(helper: parallel._Helper) -> bool:
        answer = ready(helper)
        other = sqlite3.connect(claims.path)  # type: ignore[arg-type]
        other.execute(
            "UPDATE claim SET notes = 'changed meanwhile' WHERE id = (SELECT max(id) FROM claim)"
        )
        other.commit()
        other.close()
        return answer

    monkeypatch.setattr(parallel._Helper, "ready", a_colleague_saves_meanwhile)
    _export(claims, out / "during.csv")
    assert helpers_used == []  # the helper's half was thrown away, not appended
    assert (out / "during.csv").read_bytes() == before


@pytest.mark.parametrize("helper", ["/nonexistent/python", "/bin/false"])
def test_a_helper_that_cannot_start_costs_nothing_but_time(
    claims: Store,
    out: Path,
    helpers_used: list[int | None],
    monkeypatch: pytest.MonkeyPatch,
    helper: str,
) -> None:
    one = _serial(claims, out / "one.csv")
    monkeypatch.setattr(parallel.sys, "executable", helper)
    _export(claims, out / "two.csv")
    assert helpers_used == []
    assert (out / "two.csv").read_bytes() == one
    assert sorted(p.name for p in out.iterdir()) == ["one.csv", "two.csv"]


def test_cancelling_stops_the_helper_and_leaves_no_file(
    claims: Store, out: Path, helpers_used: list[int | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claimtracker.csvio.writing.BATCH", 2)
    with pytest.raises(ExportCancelled):
        _export(claims, out / "cancelled.csv", progress=lambda done, total: False)
    assert list(out.iterdir()) == []
