"""File → Sync with Team Server in the app: the Sync button on a checked-out file with its status,
the team's change shown in the table after a sync, this file's change on the server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimtracker.merging.sync import checkout
from tests.merging.helpers import make_base
from tests.merging.test_sync import claim_id, edit, side, uuid_of
from tests.ui.test_merge_in_app import _cell


def test_sync_in_the_app_brings_the_team_in_and_sends_this_files_changes(
    make_window: Callable[..., object],
    pg_migrated_url: str,
    empty_db: Path,
    tmp_path: Path,
    qtbot: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "lead")
    make_base(pg_migrated_url)  # type: ignore[arg-type]
    anna = tmp_path / "anna.db"
    checkout(pg_migrated_url, anna)
    edit(pg_migrated_url, "carol", "Claim number 1", monkeypatch, status="false")
    edit(anna, "anna", "Claim number 2", monkeypatch, notes="checked offline")
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "anna")
    claim = claim_id(anna, "Claim number 1")

    plain = make_window(empty_db)
    assert not plain.merging.syncing.button.isVisible()  # type: ignore[attr-defined]
    assert not plain.merging.syncing.action.isEnabled()  # type: ignore[attr-defined]

    window = make_window(anna)
    syncing = window.merging.syncing  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: syncing.button.isVisible(), timeout=10_000)  # type: ignore[attr-defined]
    assert syncing.button.text().startswith("Sync · Last synced ")
    assert syncing.action.isEnabled()

    syncing.sync()
    qtbot.waitUntil(lambda: syncing.summary_box is not None, timeout=30_000)  # type: ignore[attr-defined]
    assert syncing.summary_box.text().splitlines() == [
        f"Pulled: From {syncing.status.url}: 1 claim changed",
        "Pushed: To the server from anna.db: 1 claim changed",
    ]
    syncing.summary_box.close()
    qtbot.waitUntil(lambda: _cell(window, claim, "status") == "False", timeout=10_000)  # type: ignore[attr-defined]
    assert side(pg_migrated_url)[uuid_of(pg_migrated_url, "Claim number 2")]["notes"] == (
        "checked offline"
    )


def test_opening_a_file_loads_the_orm_off_the_gui_thread(
    make_window: Callable[..., object],
    sample_db: Path,
    qtbot: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first rows are painted from a plain connection; the Store (and SQLAlchemy, ~0.35 s)
    loads on a thread afterwards — asking whether the file syncs must not load it sooner."""
    import threading

    from ui.runtime.project import Project

    on_gui_thread: list[bool] = []
    original = Project._load_store

    def spied(self: Project, *args: object, **kwargs: object) -> None:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Project, "_load_store", spied)
    window = make_window(sample_db)
    qtbot.waitUntil(lambda: window.project.store_loaded, timeout=10_000)  # type: ignore[attr-defined]
    assert on_gui_thread == [False]
