"""Every change to a claim, link, source or actor is recorded: who, when, from what, to what."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.csvio import import_csv
from claimtracker.errors import ConflictError, CsvImportError, ValidationError
from claimtracker.journal.analyst import set_analyst_name
from claimtracker.journal.reading import claim_history, history_of
from claimtracker.models import Claim
from claimtracker.schemas import ActorUpdate, ClaimUpdate, LinkCreate, SourceUpdate
from claimtracker.services.restoring import restore_value
from claimtracker.store import Store
from tests.core.helpers import add_claim, add_source


@pytest.fixture(autouse=True)
def analyst() -> str:
    return set_analyst_name("Jane Analyst")


def _actions(changes: list) -> list[tuple[str, str, str | None]]:  # type: ignore[type-arg]
    return [(c.kind, c.action, c.field) for c in changes]


def test_a_claims_life_is_recorded_with_values_analyst_and_time(store: Store) -> None:
    claim_id = add_claim(store, text="A provocation is being prepared", speaker="Ryabkov")
    with store.write() as session:
        services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(status="disputed", said_on=date(2018, 8, 25), tags=["Idlib"]),
        )
    with store.write() as session:
        services.delete_claim(session=session, claim_id=claim_id)
    with store.write() as session:
        services.restore_claim(session=session, claim_id=claim_id)
    with store.read() as session:
        changes = history_of(session=session, kind="claim", record_id=claim_id)
    assert _actions(changes) == [
        ("claim", "created", None),
        ("claim", "changed", "status"),
        ("claim", "changed", "said_on"),
        ("claim", "changed", "tags"),
        ("claim", "deleted", None),
        ("claim", "restored", None),
    ]
    status, said_on, tags = changes[1:4]
    assert (status.old_value, status.new_value) == ("unstarted", "disputed")
    assert (said_on.old_value, said_on.new_value) == (None, "2018-08-25")
    assert (tags.old_value, tags.new_value) == ([], ["Idlib"])
    assert {c.analyst for c in changes} == {"Jane Analyst"}
    assert all(c.changed_at is not None for c in changes)
    assert changes[0].changed_at <= changes[-1].changed_at


def test_actors_sources_and_links_are_recorded_too(store: Store, sample_text: str) -> None:
    source_id = add_source(store, sample_text)
    a = add_claim(store, text="Chemical attack planned", speaker="Ryabkov")
    b = add_claim(store, text="No chemical weapons exist")
    with store.write() as session:
        actor = services.find_actor(session=session, name="Ryabkov")
        assert actor is not None and actor.id is not None
        actor_id = actor.id
        services.update_actor(
            session=session, actor_id=actor_id, changes=ActorUpdate(reliability="C")
        )
        services.add_alias(session=session, actor_id=actor_id, alias="Sergei Ryabkov")
        services.update_source(
            session=session, source_id=source_id, changes=SourceUpdate(title="US warns Russia")
        )
        link, _ = services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="denies")
        )
        assert link.id is not None
        services.update_link(session=session, link_id=link.id, note="denial by the accused")
        services.delete_link(session=session, link_id=link.id)
    with store.read() as session:
        actor_changes = history_of(session=session, kind="actor", record_id=actor_id)
        source_changes = history_of(session=session, kind="source", record_id=source_id)
        of_claim_a = claim_history(session=session, claim_id=a)
    assert [(c.action, c.field, c.new_value) for c in actor_changes] == [
        ("created", None, None),
        ("changed", "reliability", "C"),
        ("changed", "aliases", ["Sergei Ryabkov"]),
    ]
    assert [(c.action, c.field, c.old_value, c.new_value) for c in source_changes] == [
        ("created", None, None, None),
        ("changed", "title", "Article", "US warns Russia"),
    ]
    assert _actions(of_claim_a) == [
        ("claim", "created", None),
        ("link", "created", None),
        ("link", "changed", "note"),
        ("link", "deleted", None),
    ]


def test_a_failed_action_records_nothing(store: Store) -> None:
    claim_id = add_claim(store, text="kept as it was")
    with pytest.raises(RuntimeError), store.write() as session:
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(status="false")
        )
        raise RuntimeError("the action fails after the change")
    with store.read() as session:
        assert _actions(history_of(session=session, kind="claim", record_id=claim_id)) == [
            ("claim", "created", None)
        ]


def test_an_earlier_value_is_restored_and_the_restore_recorded(store: Store) -> None:
    claim_id = add_claim(store, text="first wording", notes="first notes")
    with store.write() as session:
        services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(text="second wording", said_on=date(2018, 8, 25)),
        )
    with store.read() as session:
        wording = history_of(session=session, kind="claim", record_id=claim_id)[1]
    assert (wording.field, wording.old_value) == ("text", "first wording")
    with store.write() as session:
        restore_value(session=session, change_id=wording.id)
    with store.read() as session:
        changes = history_of(session=session, kind="claim", record_id=claim_id)
        claim = session.get_one(Claim, claim_id)
    assert claim.text == "first wording"
    assert claim.said_on == date(2018, 8, 25)  # only the chosen field goes back
    last = changes[-1]
    assert (last.field, last.old_value, last.new_value) == (
        "text",
        "second wording",
        "first wording",
    )
    assert last.note == f"restored the value before change #{wording.id}"


def test_restoring_a_date_gives_a_date(store: Store) -> None:
    claim_id = add_claim(store, text="dated", said_on=date(2018, 8, 20))
    with store.write() as session:
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(said_on=date(2018, 8, 25))
        )
    with store.read() as session:
        change = history_of(session=session, kind="claim", record_id=claim_id)[-1]
    with store.write() as session:
        restore_value(session=session, change_id=change.id)
    with store.read() as session:
        assert session.get_one(Claim, claim_id).said_on == date(2018, 8, 20)


def test_a_stale_restore_is_refused(store: Store) -> None:
    claim_id = add_claim(store, text="v1")
    with store.write() as session:
        services.update_claim(session=session, claim_id=claim_id, changes=ClaimUpdate(text="v2"))
    with store.read() as session:
        change = history_of(session=session, kind="claim", record_id=claim_id)[-1]
    with store.write() as session:  # someone else edits meanwhile
        services.update_claim(session=session, claim_id=claim_id, changes=ClaimUpdate(text="v3"))
    with pytest.raises(ConflictError, match="changed elsewhere"), store.write() as session:
        restore_value(session=session, change_id=change.id, expected_version=2)


def test_only_changed_fields_can_be_restored(store: Store) -> None:
    claim_id = add_claim(store, text="created")
    with store.read() as session:
        created = history_of(session=session, kind="claim", record_id=claim_id)[0]
    with pytest.raises(ValidationError, match="only a changed field"), store.write() as session:
        restore_value(session=session, change_id=created.id)


def test_emptying_the_trash_keeps_the_history(store: Store) -> None:
    a = add_claim(store, text="to be purged")
    b = add_claim(store, text="stays")
    with store.write() as session:
        services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="contradicts")
        )
        services.delete_claim(session=session, claim_id=a)
    with store.write() as session:
        assert services.empty_trash(session=session) == 1
    with store.read() as session:
        changes = history_of(session=session, kind="claim", record_id=a)
        links = history_of(session=session, kind="link", record_id=1)
    assert [c.action for c in changes] == ["created", "deleted", "purged"]
    assert [c.action for c in links] == ["created", "purged"]


def test_the_analyst_defaults_to_the_login_name(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_analyst_name("")
    monkeypatch.setattr("getpass.getuser", lambda: "jdoe")
    claim_id = add_claim(store, text="who made me?")
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Night Shift")
    with store.write() as session:
        services.delete_claim(session=session, claim_id=claim_id)
    with store.read() as session:
        changes = history_of(session=session, kind="claim", record_id=claim_id)
    assert [c.analyst for c in changes] == ["jdoe", "Night Shift"]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_import_records_what_it_created_and_changed(store: Store, tmp_path: Path) -> None:
    first = _write(
        tmp_path / "first.csv",
        "uuid,claim,speaker,status\n"
        "0b7a6a53-3b8e-4c59-9a1c-9f6f0c1d2e3f,Provocation planned,Ryabkov,unstarted\n"
        "1c8b7b64-4c9f-4d6a-8b2d-0a7a1d2e3f40,No weapons,Damascus,unstarted\n",
    )
    import_csv(store, first)
    second = _write(
        tmp_path / "second.csv",
        "uuid,claim,status,tags\n"
        "0b7a6a53-3b8e-4c59-9a1c-9f6f0c1d2e3f,Provocation planned,disputed,Idlib\n",
    )
    import_csv(store, second)
    with store.read() as session:
        changes = claim_history(session=session, claim_id=1)
        speaker = history_of(session=session, kind="actor", record_id=1)
    assert [(c.action, c.field, c.old_value, c.new_value, c.note) for c in changes] == [
        ("created", None, None, None, "CSV import of first.csv"),
        ("changed", "status", "unstarted", "disputed", "CSV import of second.csv"),
        ("changed", "tags", [], ["Idlib"], "CSV import of second.csv"),
    ]
    assert {c.analyst for c in changes} == {"Jane Analyst"}
    assert [c.action for c in speaker] == ["created"]


def test_a_failed_csv_import_records_nothing(store: Store, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.csv", "claim,status\nfine,unstarted\nbad,rumoured\n")
    with pytest.raises(CsvImportError):
        import_csv(store, bad)
    with store.raw() as connection:
        assert connection.execute("SELECT count(*) FROM history").fetchone() == (0,)


def test_a_stale_link_edit_is_refused(store: Store) -> None:
    a, b = add_claim(store, text="A"), add_claim(store, text="B")
    with store.write() as session:
        link, _ = services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="supports")
        )
        assert link.id is not None
        link_id, loaded_version = link.id, link.version
    with store.write() as session:
        services.update_link(session=session, link_id=link_id, note="edited in another window")
    with pytest.raises(ConflictError, match="Link #1 was changed elsewhere"), store.write() as s:
        services.update_link(
            session=s, link_id=link_id, relation="repeats", expected_version=loaded_version
        )
