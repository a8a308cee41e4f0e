"""Merging two copies of a project: fields land, conflicts are held, nothing is lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.errors import ConflictError, MergeInputError
from claimtracker.merging.conflicts import conflicted_records, resolve_conflict
from claimtracker.merging.conflicts import open_conflicts as conflicts_of
from claimtracker.merging.merge_file import merge_file
from claimtracker.merging.undo import undo_last_merge
from claimtracker.safety.backup import list_backups
from claimtracker.safety.integrity import check_database
from claimtracker.schemas import ActorCreate, ClaimCreate, ClaimUpdate, LinkCreate, SourceCreate
from claimtracker.services.revisions import replace_source_text
from claimtracker.store import Store
from tests.merging.helpers import (
    copy_project,
    editing,
    journal,
    make_base,
    open_conflicts,
    snapshot,
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    base = tmp_path / "base.db"
    make_base(base)
    return copy_project(base, tmp_path / "mine.db"), copy_project(base, tmp_path / "theirs.db")


def merge(mine: Path, theirs: Path, **options: object):  # type: ignore[no-untyped-def]
    with Store.open(mine) as store:
        return merge_file(store, theirs, **options)  # type: ignore[arg-type]


def test_changes_to_different_fields_both_land_and_one_field_two_ways_is_a_conflict(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(
            session=session, claim_id=1, changes=ClaimUpdate(status="verified", notes="alice")
        )
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(credibility=2))
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(
            session=session, claim_id=1, changes=ClaimUpdate(status="false", descriptor="bob")
        )
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(credibility=2))
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "alice")
    summary = merge(mine, theirs)
    assert summary.conflicts == 1
    assert summary.describe() == "From theirs.db: 1 claim changed, 1 conflict"
    after = snapshot(mine)
    claim = next(c for c in after["claims"].values() if c["text"] == "Claim number 0")
    # Mine stands where both changed; theirs landed where only they changed.
    assert (claim["status"], claim["notes"], claim["descriptor"]) == ("verified", "alice", "bob")
    assert list(open_conflicts(mine).values()) == [('"verified"', '"false"')]
    # Bob's change is in the journal under his name and time, marked as made elsewhere.
    bobs = [row for row in journal(mine) if row[1] == "bob"]
    assert [(row[4], row[5]) for row in bobs] == [("descriptor", '"bob"')]
    assert bobs[0][6] is not None
    assert check_database(mine).ok


def test_the_same_file_merged_twice_changes_nothing(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=3, changes=ClaimUpdate(status="disputed"))
        services.create_claim(session=session, claim_in=ClaimCreate(text="Bob's new claim"))
    assert merge(mine, theirs).describe() == "From theirs.db: 1 claim added, 1 claim changed"
    once, entries = snapshot(mine), len(journal(mine))
    again = merge(mine, theirs)
    assert again.nothing_new and again.describe() == "Nothing new from theirs.db"
    assert snapshot(mine) == once and len(journal(mine)) == entries


def test_a_dry_run_says_what_would_happen_and_changes_nothing(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(theirs, "bob", monkeypatch) as session:
        services.delete_claim(session=session, claim_id=4)
    before = snapshot(mine)
    summary = merge(mine, theirs, dry_run=True)
    assert summary.describe() == (
        "From theirs.db: 1 claim moved to the trash — dry run, nothing was changed"
    )
    assert snapshot(mine) == before
    assert merge(mine, theirs).trashed == {"claim": 1}


def test_tags_merge_as_sets(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(
            session=session, claim_id=1, changes=ClaimUpdate(tags=["base", "t0", "mine"])
        )
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(
            session=session, claim_id=1, changes=ClaimUpdate(tags=["t0", "theirs"])
        )
    summary = merge(mine, theirs)
    assert summary.conflicts == 0
    claim = next(c for c in snapshot(mine)["claims"].values() if c["text"] == "Claim number 0")
    assert claim["tags"] == ["mine", "t0", "theirs"]  # "base" removed there, "mine" added here


def test_a_deletion_that_meets_an_edit_is_a_conflict_never_a_loss(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=5, changes=ClaimUpdate(notes="kept"))
        services.delete_claim(session=session, claim_id=6)
    with editing(theirs, "bob", monkeypatch) as session:
        services.delete_claim(session=session, claim_id=5)
        services.update_claim(session=session, claim_id=6, changes=ClaimUpdate(status="verified"))
    summary = merge(mine, theirs)
    after = snapshot(mine)["claims"]
    five = next(c for c in after.values() if c["text"] == "Claim number 4")
    six = next(c for c in after.values() if c["text"] == "Claim number 5")
    assert not five["deleted"] and five["notes"] == "kept"
    # Their edit of the claim deleted here is applied to it, and the deletion is in question.
    assert six["deleted"] and six["status"] == "verified"
    fields = sorted(field for _uuid, field in open_conflicts(mine))
    assert fields == ["deleted", "deleted"] and summary.conflicts == 2
    with Store.open(mine) as store, store.write() as session:
        held = {c.record_id: c for c in conflicts_of(session=session)}
        resolve_conflict(session=session, conflict_id=held[6].id, how="theirs")
        resolve_conflict(session=session, conflict_id=held[5].id, how="mine")
    after = snapshot(mine)["claims"]
    assert not any(c["deleted"] for c in after.values())
    assert open_conflicts(mine) == {}


def test_a_link_to_a_claim_deleted_here_is_a_conflict(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.delete_claim(session=session, claim_id=6)
    with editing(theirs, "bob", monkeypatch) as session:
        services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=5, claim_b_id=6, relation="supports")
        )
    summary = merge(mine, theirs)
    assert summary.added == {"link": 1} and summary.conflicts == 1
    assert [field for _uuid, field in open_conflicts(mine)] == ["deleted"]
    assert check_database(mine).ok


def test_the_same_person_under_another_name_is_offered_as_an_alias(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(theirs, "bob", monkeypatch) as session:
        other = services.create_actor(
            session=session, actor_in=ActorCreate(name="S. Ryabkov", kind="person")
        )
        services.create_claim(
            session=session, claim_in=ClaimCreate(text="Said by S.", speaker_id=other.id)
        )
    summary = merge(mine, theirs)
    assert summary.alias_offers == 1
    actors = sorted(name for name, _kind in snapshot(mine)["actors"].values())
    assert actors == ["S. Ryabkov", "Sergei Ryabkov"]  # never merged silently
    with Store.open(mine) as store, store.write() as session:
        (offer,) = conflicts_of(session=session)
        (record,) = conflicted_records(session=session)
        assert offer.label == "Same actor as"
        assert record.texts["alias"] == ("Sergei Ryabkov (#1)", "S. Ryabkov")
        resolve_conflict(session=session, conflict_id=offer.id, how="theirs")
    with Store.open(mine) as store, store.read() as session:
        found = services.find_actor(session=session, name="S. Ryabkov")
        assert found is not None and found.name == "Sergei Ryabkov"
    speakers = {c["text"]: c["speaker"] for c in snapshot(mine)["claims"].values()}
    assert speakers["Said by S."] == speakers["Claim number 0"]


def test_the_same_text_is_the_same_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    for path, title in ((mine, "Mine"), (theirs, "Theirs")):
        with editing(path, "alice", monkeypatch) as session:
            source, _ = services.create_source(
                session=session, source_in=SourceCreate(title=title, text="One article text.")
            )
            services.create_claim(
                session=session,
                claim_in=ClaimCreate(text=f"{title} claim", source_id=source.id, quote="article"),
            )
    summary = merge(mine, theirs)
    # Two projects begun apart: their claim is added, onto this side's copy of the article.
    assert summary.added == {"claim": 1}
    with Store.open(mine) as store, store.read() as session:
        rows = session.connection().exec_driver_sql("SELECT count(*) FROM source").scalar()
        assert rows == 1
        (title,) = conflicts_of(session=session)
        assert (title.field, title.mine, title.theirs) == ("title", "Mine", "Theirs")
    assert check_database(mine).ok


def test_two_projects_begun_apart_merge_as_additions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    make_base(mine, claims=4)
    make_base(theirs, claims=5)
    summary = merge(mine, theirs)
    assert summary.added == {"claim": 5, "link": 2}
    after = snapshot(mine)
    assert len(after["claims"]) == 9 and len(after["links"]) == 4
    assert len(after["actors"]) == 1  # the same name is the same actor
    assert merge(mine, theirs).nothing_new


def test_a_merge_is_undone_as_one_step_and_can_be_made_again(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="verified"))
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="false"))
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(tags=["new"]))
        services.delete_claim(session=session, claim_id=3)
        services.create_claim(session=session, claim_in=ClaimCreate(text="Bob's claim"))
    before = snapshot(mine)
    first = merge(mine, theirs)
    merged = snapshot(mine)
    assert merged != before
    with Store.open(mine) as store:
        undone = undo_last_merge(store)
    assert undone.peer_name == "theirs.db"
    assert snapshot(mine) == before and open_conflicts(mine) == {}
    again = merge(mine, theirs)
    assert again.describe() == first.describe()
    assert snapshot(mine) == merged


def test_an_undo_is_refused_once_what_the_merge_changed_was_edited(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(status="false"))
    merge(mine, theirs)
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(notes="later"))
    with Store.open(mine) as store, pytest.raises(ConflictError, match="after the merge"):
        undo_last_merge(store)


def test_every_merge_makes_a_verified_backup_first(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(status="false"))
    before = snapshot(mine)
    summary = merge(mine, theirs)
    backups = [b for b in list_backups(mine) if b.reason == "before-merge"]
    assert len(backups) == 1 and summary.backup == str(backups[0].path)
    assert snapshot(backups[0].path) == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, mine: p / "missing.db", "there is no such file"),
        (lambda p, mine: mine, "it is this project itself"),
        (lambda p, mine: _text_file(p / "notes.db"), "it is not a ClaimTracker project"),
        (lambda p, mine: _newer_project(p / "newer.db", mine), "written by a newer ClaimTracker"),
        (lambda p, mine: _empty_sqlite(p / "empty.db"), "it is not a ClaimTracker project"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(
    pair: tuple[Path, Path],
    tmp_path: Path,
    make,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    mine, _theirs = pair
    other = make(tmp_path, mine)
    before = snapshot(mine), len(journal(mine))
    with pytest.raises(MergeInputError) as raised:
        merge(mine, other)
    text = str(raised.value)
    assert message in text and str(other.name) in text and "\n" not in text
    assert "nothing was changed" in text
    assert (snapshot(mine), len(journal(mine))) == before


def test_a_file_another_program_is_writing_is_refused(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    writer = sqlite3.connect(theirs, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE claim SET notes = 'half-way' WHERE id = 1")
        with pytest.raises(MergeInputError, match="another program is writing to it"):
            merge(mine, theirs)
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _text_file(path: Path) -> Path:
    path.write_text("not a database\n", encoding="utf-8")
    return path


def _empty_sqlite(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (x)")
    connection.commit()
    connection.close()
    return path


def _newer_project(path: Path, mine: Path) -> Path:
    copy_project(mine, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return path


KILL_SCRIPT = """
import os, signal, sys
from claimtracker.services.revisions import replace_source_text
from claimtracker.store import Store
from claimtracker.merging.merge_file import merge_file

def kill_half_way(done, total):
    if done >= 3:  # claims and links written, the transaction still open
        os.kill(os.getpid(), signal.SIGKILL)
    return True

with Store.open(sys.argv[1]) as store:
    merge_file(store, sys.argv[2], progress=kill_half_way)
"""


def test_a_merge_killed_half_way_leaves_the_project_as_it_was(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(theirs, "bob", monkeypatch) as session:
        for n in range(20):
            services.create_claim(session=session, claim_in=ClaimCreate(text=f"New {n}"))
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="false"))
    before = snapshot(mine), len(journal(mine))
    process = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(mine), str(theirs)],
        env=os.environ | {"CLAIMTRACKER_ANALYST": "alice"},
        capture_output=True,
        check=False,
    )
    assert process.returncode == -9
    assert (snapshot(mine), len(journal(mine))) == before
    assert check_database(mine).ok
    assert merge(mine, theirs).added == {"claim": 20}


def test_aliases_added_on_either_side_are_kept_and_undone_with_the_merge(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.add_alias(session=session, actor_id=1, alias="Ryabkov")
    with editing(theirs, "bob", monkeypatch) as session:
        services.add_alias(session=session, actor_id=1, alias="Sergey Ryabkov")
    assert merge(mine, theirs).changed == {"actor": 1}
    with Store.open(mine) as store, store.read() as session:
        assert services.aliases_of(session=session, actor_id=1) == ["Ryabkov", "Sergey Ryabkov"]
    with Store.open(mine) as store:
        undo_last_merge(store)
    with Store.open(mine) as store, store.read() as session:
        assert services.aliases_of(session=session, actor_id=1) == ["Ryabkov"]


def test_a_corrected_text_from_the_other_side_re_anchors_the_claims_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base.db"
    old_text = "The minister said the border was calm. Officials disagreed."
    with editing(base, "desk", monkeypatch) as session:
        source, _ = services.create_source(
            session=session, source_in=SourceCreate(title="Report", text=old_text)
        )
    mine, theirs = (
        copy_project(base, tmp_path / "mine.db"),
        copy_project(base, tmp_path / "theirs.db"),
    )
    with editing(mine, "alice", monkeypatch) as session:
        claim = services.create_claim(
            session=session,
            claim_in=ClaimCreate(
                text="Officials disagreed", source_id=source.id, quote="Officials disagreed"
            ),
        )
        assert claim.anchor_start == old_text.index("Officials")
    new_text = "UPDATED: The minister said the border was calm. Officials disagreed."
    with editing(theirs, "bob", monkeypatch) as session:
        replace_source_text(session=session, source_id=source.id, text=new_text)
    summary = merge(mine, theirs)
    assert summary.changed == {"source": 1}
    with Store.open(mine) as store, store.read() as session:
        merged_source = session.get(type(source), source.id)
        assert merged_source is not None and merged_source.text == new_text
        assert merged_source.sha256 == services.text_sha256(new_text)
        anchored = session.get(type(claim), claim.id)
        assert anchored is not None and anchored.anchor_start == new_text.index("Officials")
    assert check_database(mine).ok
    with Store.open(mine) as store:
        undo_last_merge(store)
    with Store.open(mine) as store, store.read() as session:
        restored = session.get(type(source), source.id)
        assert restored is not None and restored.text == old_text
        assert restored.sha256 == services.text_sha256(old_text)
        anchored = session.get(type(claim), claim.id)
        assert anchored is not None and anchored.anchor_start == old_text.index("Officials")


def test_work_goes_round_both_ways_without_echoes(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A takes B's work, B takes A's (its own comes back to it as no change), and after more
    edits on A, A taking B's again finds nothing new: nothing comes back as a conflict."""
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="verified"))
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(status="false"))
    assert merge(mine, theirs).changed == {"claim": 1}
    back = merge(theirs, mine)
    assert (back.changed, back.conflicts) == ({"claim": 1}, 0)
    assert snapshot(mine)["claims"] == snapshot(theirs)["claims"]
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="disputed"))
    assert merge(mine, theirs).nothing_new
    again = merge(theirs, mine)
    assert (again.changed, again.conflicts) == ({"claim": 1}, 0)
    assert snapshot(mine)["claims"] == snapshot(theirs)["claims"]


def test_a_field_changed_there_again_replaces_its_open_conflict(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="verified"))
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="false"))
    merge(mine, theirs)
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="misleading"))
    assert merge(mine, theirs).conflicts == 1
    assert list(open_conflicts(mine).values()) == [('"verified"', '"misleading"')]
    with Store.open(mine) as store:
        undo_last_merge(store)
    assert list(open_conflicts(mine).values()) == [('"verified"', '"false"')]


@pytest.mark.parametrize(
    ("how", "value", "later_is"),
    [
        ("theirs", None, "taken"),
        ("mine", None, "a conflict"),
        ("edit", "in_progress", "a conflict"),
    ],
)
def test_after_a_conflict_is_settled_a_later_change_there_is_judged_from_that_settling(
    pair: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    value: str | None,
    later_is: str,
) -> None:
    mine, theirs = pair
    with editing(mine, "alice", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="verified"))
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="false"))
    merge(mine, theirs)
    with Store.open(mine) as store, store.write() as session:
        (conflict,) = conflicts_of(session=session)
        resolve_conflict(session=session, conflict_id=conflict.id, how=how, value=value)
    with editing(theirs, "bob", monkeypatch) as session:
        services.update_claim(session=session, claim_id=1, changes=ClaimUpdate(status="misleading"))
    summary = merge(mine, theirs)
    status = next(c for c in snapshot(mine)["claims"].values() if c["text"] == "Claim number 0")
    if later_is == "taken":
        assert (summary.conflicts, status["status"]) == (0, "misleading")
    else:
        assert summary.conflicts == 1 and status["status"] == (value or "verified")
