"""The trash: everything deleted is listed, can come back, and can be emptied for good."""

from __future__ import annotations

import pytest

from claimtracker import services
from claimtracker.cli import main
from claimtracker.models import Actor, Claim, Source
from claimtracker.schemas import LinkCreate, SourceCreate
from claimtracker.services.trash import empty_trash, restore_from_trash, trash_items
from claimtracker.store import Store
from tests.core.helpers import add_claim


def _fill(store: Store) -> dict[str, int]:
    with store.write() as session:
        source, _ = services.create_source(
            session=session, source_in=SourceCreate(text="Ryabkov said so.", title="TASS")
        )
        unused, _ = services.create_source(
            session=session, source_in=SourceCreate(text="Nobody cites this.", title="Blog")
        )
    a = add_claim(store, text="said in Moscow", speaker="Ryabkov", source_id=source.id)
    b = add_claim(store, text="denied in Washington", speaker="Bolton")
    with store.write() as session:
        link, _ = services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="denies")
        )
        bolton = services.find_actor(session=session, name="Bolton")
        ryabkov = services.find_actor(session=session, name="Ryabkov")
        assert bolton and ryabkov and bolton.id and ryabkov.id and link.id
        ids = {
            "a": a,
            "b": b,
            "link": link.id,
            "source": source.id,
            "unused": unused.id,
            "bolton": bolton.id,
            "ryabkov": ryabkov.id,
        }  # type: ignore[dict-item]
        services.delete_link(session=session, link_id=link.id)
        services.delete_claim(session=session, claim_id=b)
        services.delete_source(session=session, source_id=source.id)  # claim a still uses it
        services.delete_source(session=session, source_id=unused.id)
        services.delete_actor(session=session, actor_id=ryabkov.id)  # claim a still quotes him
    return ids  # type: ignore[return-value]


def test_the_trash_lists_every_kind_newest_first(store: Store) -> None:
    ids = _fill(store)
    with store.read() as session:
        items = trash_items(session=session)
    assert [(i.kind, i.id) for i in items] == [
        ("actor", ids["ryabkov"]),
        ("source", ids["unused"]),
        ("source", ids["source"]),
        ("claim", ids["b"]),
        ("link", ids["link"]),
    ]
    assert items[-1].label == f"#{ids['b']} denies #{ids['a']}"


def test_records_come_back_from_the_trash(store: Store) -> None:
    ids = _fill(store)
    with store.write() as session:
        restore_from_trash(session=session, kind="source", record_id=ids["source"])
        restore_from_trash(session=session, kind="actor", record_id=ids["ryabkov"])
    with store.read() as session:
        assert session.get_one(Source, ids["source"]).deleted_at is None
        assert session.get_one(Actor, ids["ryabkov"]).deleted_at is None
        assert {i.kind for i in trash_items(session=session)} == {"claim", "link", "source"}


def test_emptying_keeps_what_live_claims_still_refer_to(store: Store) -> None:
    ids = _fill(store)
    with store.write() as session:
        emptied = empty_trash(session=session)
    assert (emptied.claims, emptied.links, emptied.sources, emptied.actors) == (1, 1, 1, 0)
    assert emptied.kept == 2
    with store.read() as session:
        assert session.get(Claim, ids["b"]) is None and session.get(Source, ids["unused"]) is None
        assert session.get_one(Actor, ids["bolton"]).deleted_at is None  # never in the trash
        claim = session.get_one(Claim, ids["a"])
        assert claim.source_id == ids["source"] and claim.speaker_id == ids["ryabkov"]
        assert [(i.kind, i.id) for i in trash_items(session=session)] == [
            ("actor", ids["ryabkov"]),
            ("source", ids["source"]),
        ]


def test_trash_from_the_command_line(
    store_both: Store, db_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _fill(store_both)
    assert main(["trash", "--db", db_target]) == 0
    out, err = capsys.readouterr()
    assert f"claim   #{ids['b']}" in out and "5 item(s) in the trash" in err
    assert main(["untrash", "claim", str(ids["b"]), "--db", db_target]) == 0
    assert main(["empty-trash", "--yes", "--db", db_target]) == 0
    out = capsys.readouterr().out
    assert "0 claim(s), 1 link(s), 1 source(s), 0 actor(s)" in out  # the claim came back
    assert "2 source(s) or actor(s) kept in the trash" in out
