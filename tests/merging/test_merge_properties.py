"""Property tests: random edit scripts on two copies of one project, merged.

Every edit of the other side is applied or held in a conflict, also when it works on and is
merged again; this side's own edits stand, and a value that stood in a conflict is not replaced
without a new conflict; merge(A, B) and merge(B, A) agree wherever neither holds a conflict;
merging again changes nothing; no link points at a missing claim and ``check`` passes. 40
examples run in a few seconds (300 passed when the test was written).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtracker import services
from claimtracker.errors import ClaimTrackerError
from claimtracker.merging.merge_file import merge_file
from claimtracker.safety.integrity import check_database
from claimtracker.schemas import ClaimCreate, ClaimUpdate, LinkCreate
from claimtracker.store import Store
from tests.merging.helpers import copy_project, make_base, open_conflicts, snapshot

BASE_CLAIMS = 5
FIELDS = {
    "status": st.sampled_from(["unstarted", "verified", "false", "disputed"]),
    "notes": st.sampled_from([None, "a note", "another note"]),
    "credibility": st.sampled_from([None, 1, 2, 5]),
}
SYMMETRIC = {"contradicts", "repeats"}

claim_index = st.integers(1, BASE_CLAIMS)
edit = st.one_of(
    st.tuples(st.just("field"), claim_index, st.sampled_from(sorted(FIELDS))).flatmap(
        lambda t: st.tuples(st.just(t[0]), st.just(t[1]), st.just(t[2]), FIELDS[t[2]])
    ),
    st.tuples(
        st.just("tags"),
        claim_index,
        st.lists(st.sampled_from(["base", "t0", "a", "b"]), unique=True),
    ),
    st.tuples(st.just("trash"), claim_index),
    st.tuples(st.just("restore"), claim_index),
    st.tuples(st.just("new"), st.integers(0, 3)),
    st.tuples(
        st.just("link"), claim_index, claim_index, st.sampled_from(["supports", "contradicts"])
    ),
)
script = st.lists(edit, max_size=8)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.db"
    make_base(path, claims=BASE_CLAIMS)
    return path


@contextmanager
def analyst(name: str) -> Iterator[None]:
    before = os.environ.get("CLAIMTRACKER_ANALYST")
    os.environ["CLAIMTRACKER_ANALYST"] = name
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("CLAIMTRACKER_ANALYST", None)
        else:
            os.environ["CLAIMTRACKER_ANALYST"] = before


def apply(path: Path, who: str, edits: list[tuple[Any, ...]]) -> None:
    with analyst(who), Store.open(path) as store:
        for op in edits:
            try:
                with store.write() as session:
                    _apply(session, who, op)
            except ClaimTrackerError:
                pass  # an edit of a claim in the trash, a link already made: not possible


def _apply(session: Any, who: str, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "field":
        services.update_claim(
            session=session, claim_id=op[1], changes=ClaimUpdate.model_validate({op[2]: op[3]})
        )
    elif kind == "tags":
        services.update_claim(session=session, claim_id=op[1], changes=ClaimUpdate(tags=op[2]))
    elif kind == "trash":
        services.delete_claim(session=session, claim_id=op[1])
    elif kind == "restore":
        services.restore_claim(session=session, claim_id=op[1])
    elif kind == "new":
        services.create_claim(session=session, claim_in=ClaimCreate(text=f"New by {who} {op[1]}"))
    elif op[1] != op[2]:
        services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=op[1], claim_b_id=op[2], relation=op[3]),
        )


def merged(mine: Path, theirs: Path) -> Any:
    with analyst("merger"), Store.open(mine) as store:
        return merge_file(store, theirs)


def link_keys(state: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {
        (frozenset((a, b)), relation) if relation in SYMMETRIC else (a, b, relation)
        for (a, b, relation) in state["links"]
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mine_edits=script, their_edits=script, their_later_edits=script)
def test_random_edits_merge_without_losing_anything(
    base: Path,
    mine_edits: list[tuple[Any, ...]],
    their_edits: list[tuple[Any, ...]],
    their_later_edits: list[tuple[Any, ...]],
) -> None:
    folder = Path(tempfile.mkdtemp(dir=base.parent))
    a, b = copy_project(base, folder / "a.db"), copy_project(base, folder / "b.db")
    apply(a, "alice", mine_edits)
    apply(b, "bob", their_edits)
    original, a_before, b_before = snapshot(base), snapshot(a), snapshot(b)
    a_copy, b_copy = copy_project(a, folder / "a2.db"), copy_project(b, folder / "b2.db")

    merged(a, b)  # A takes B's work
    merged(b_copy, a_copy)  # and, from the same start, B takes A's
    a_after, b_after = snapshot(a), snapshot(b_copy)
    a_conflicts, b_conflicts = open_conflicts(a), open_conflicts(b_copy)

    for uuid, was in original["claims"].items():
        theirs, mine, now = (
            b_before["claims"][uuid],
            a_before["claims"][uuid],
            a_after["claims"][uuid],
        )
        for field in FIELDS:
            if theirs[field] != was[field]:
                assert now[field] == theirs[field] or (uuid, field) in a_conflicts, field
            if mine[field] != was[field]:
                assert now[field] == mine[field], f"{field}: this side's edit was lost"
        for tag in set(theirs["tags"]) - set(was["tags"]):
            assert tag in now["tags"]
        for tag in set(was["tags"]) - set(theirs["tags"]):
            assert tag not in now["tags"]
        if theirs["deleted"] and not was["deleted"]:
            assert now["deleted"] or (uuid, "deleted") in a_conflicts
        if mine["deleted"]:
            assert now["deleted"], "a claim deleted here came back without a word"
    assert set(b_before["claims"]) <= set(a_after["claims"])
    assert link_keys(b_before) <= link_keys(a_after)

    # Both directions agree wherever neither side holds a conflict.
    assert set(a_after["claims"]) == set(b_after["claims"])
    assert link_keys(a_after) == link_keys(b_after)
    for uuid, ours in a_after["claims"].items():
        other = b_after["claims"][uuid]
        for field in (*FIELDS, "text", "tags", "deleted"):
            if (uuid, field) not in a_conflicts and (uuid, field) not in b_conflicts:
                assert ours[field] == other[field], (uuid, field)

    # Merging again changes nothing; the files are sound, no link without its claims.
    assert merged(a, b).nothing_new and snapshot(a) == a_after
    for path in (a, b_copy):
        assert check_database(path).ok

    # The other side works on; merged again, its new edits land or are held, and a value of
    # this side that stood in a conflict is never replaced without a new conflict.
    apply(b, "bob", their_later_edits)
    b_later = snapshot(b)
    merged(a, b)
    a_later, later_conflicts = snapshot(a), open_conflicts(a)
    for uuid, before in b_before["claims"].items():
        theirs, now = b_later["claims"][uuid], a_later["claims"][uuid]
        for field in FIELDS:
            if theirs[field] != before[field]:
                assert now[field] == theirs[field] or (uuid, field) in later_conflicts, field
            if (uuid, field) in a_conflicts:
                stood = a_after["claims"][uuid][field]
                assert now[field] == stood or (uuid, field) in later_conflicts, field
    assert check_database(a).ok
