"""Property test: random edit scripts by two analysts offline and one at the desk, synced.

A team project on the server is checked out by anna and bob; each edits their copy, carol edits
the server; anna, bob and anna again sync. Then the three agree on every field no side holds in
a conflict, a field only one side changed has that side's value everywhere, a field two sides
changed two ways is held in a conflict somewhere, every claim anyone added is everywhere, a
further sync by either changes nothing, and the files pass ``check``. Against the real test
cluster; ``SYNC_EXAMPLES`` runs more examples than CI's few.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from claimtracker.journal.changes import sqlite_execute
from claimtracker.merging.sync import checkout, sync
from claimtracker.safety.integrity import check_database
from claimtracker.store import Store
from tests.merging.helpers import make_base
from tests.merging.test_merge_properties import BASE_CLAIMS, FIELDS, analyst, apply, script
from tests.merging.test_sync import side
from tests.pg import PgServer

COMPARED = (*FIELDS, "tags", "deleted")


@pytest.fixture(scope="module")
def team_template(
    pg_server: PgServer, pg_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """A server database holding the base project, and anna's and bob's checkouts of it."""
    name = pg_server.new_database(template=pg_template)
    url = pg_server.url(name)
    folder = tmp_path_factory.mktemp("team")
    with analyst("lead"):
        make_base(url, claims=BASE_CLAIMS)  # type: ignore[arg-type]
        checkout(url, folder / "anna.db")
        checkout(url, folder / "bob.db")
    yield name, folder
    pg_server.drop_database(name)


def held(target: str | Path) -> set[tuple[str, str]]:
    """(claim UUID, field) of the conflicts a side holds open."""
    with Store.open(target) as store, store.raw() as connection:
        return {
            (str(uuid), str(field))
            for uuid, field in sqlite_execute(connection)(
                "SELECT c.uuid, m.field FROM merge_conflict m JOIN claim c ON c.id = m.record_id"
                " WHERE m.kind = 'claim' AND m.settled_at IS NULL",
                (),
            )
        }


def synced(path: Path, who: str, server: str) -> Any:
    """``path`` synced with ``server`` (named: the copies remember the template's URL)."""
    with analyst(who), Store.open(path) as store:
        return sync(store, server)


@settings(
    max_examples=int(os.environ.get("SYNC_EXAMPLES", "4")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(anna_edits=script, bob_edits=script, carol_edits=script)
def test_random_offline_edits_sync_to_one_state_without_losing_anything(
    pg_server: PgServer,
    team_template: tuple[str, Path],
    anna_edits: list[tuple[Any, ...]],
    bob_edits: list[tuple[Any, ...]],
    carol_edits: list[tuple[Any, ...]],
) -> None:
    template, files = team_template
    name = pg_server.new_database(template=template)
    folder = Path(tempfile.mkdtemp(dir=files))
    try:
        server = pg_server.url(name)
        anna = Path(shutil.copyfile(files / "anna.db", folder / "anna.db"))
        bob = Path(shutil.copyfile(files / "bob.db", folder / "bob.db"))
        base = side(server)
        apply(anna, "anna", anna_edits)
        apply(bob, "bob", bob_edits)
        apply(server, "carol", carol_edits)  # type: ignore[arg-type]
        edited = {"anna": side(anna), "bob": side(bob), "carol": side(server)}

        for path, who in ((anna, "anna"), (bob, "bob"), (anna, "anna")):
            synced(path, who, server)
        sides = {"anna": side(anna), "bob": side(bob), "server": side(server)}
        conflicts = held(anna) | held(bob) | held(server)

        new = set().union(*(set(state) - set(base) for state in edited.values()))
        for who, state in sides.items():
            assert set(state) == set(base) | new, (who, set(state) ^ (set(base) | new))
        for uuid in set(base) | new:
            for field in COMPARED:
                values = {who: state[uuid][field] for who, state in sides.items()}
                if (uuid, field) not in conflicts:
                    assert len(set(map(repr, values.values()))) == 1, (uuid, field, values)
                if uuid not in base:
                    continue
                changed = {
                    repr(state[uuid][field])
                    for state in edited.values()
                    if state[uuid][field] != base[uuid][field]
                }
                if len(changed) == 1 and field != "tags":
                    (value,) = changed
                    assert (uuid, field) in conflicts or all(
                        repr(v) == value for v in values.values()
                    ), (uuid, field, values)
                if len(changed) > 1 and field in FIELDS:
                    assert (uuid, field) in conflicts, (uuid, field, changed)

        again = synced(anna, "anna", server), synced(bob, "bob", server)
        for result in again:
            assert result.pulled.nothing_new and result.pushed is None
        assert side(anna) == sides["anna"] and side(server) == sides["server"]
        for path in (anna, bob):
            assert check_database(path).ok
    finally:
        pg_server.drop_database(name)
        shutil.rmtree(folder, ignore_errors=True)
