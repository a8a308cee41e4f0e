"""What a window needs to follow changes: the change set of a write, the records changed since
an entry (skipping a window's own), and how much is in the trash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtracker import services
from claimtracker.journal.changes import OwnEntries, read_changes, sqlite_execute
from claimtracker.journal.reading import last_change_id
from claimtracker.schemas import ClaimUpdate, LinkCreate
from claimtracker.services.trash import trash_counts
from claimtracker.store import Store
from tests.core.helpers import add_claim


def test_changes_since_names_the_records_and_the_claims_of_links(
    store: Store, db_path: Path
) -> None:
    a = add_claim(store, text="said in Moscow", speaker="Ryabkov")
    b = add_claim(store, text="denied in Washington")
    connection = sqlite3.connect(db_path)
    try:
        execute = sqlite_execute(connection)
        mark = last_change_id(connection)
        assert read_changes(execute, mark, limit=1000).entries == 0
        with store.write() as session:
            services.update_claim(
                session=session, claim_id=a, changes=ClaimUpdate(status="disputed")
            )
            link, _ = services.link_claims(
                session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="denies")
            )
            services.delete_claim(session=session, claim_id=b)
        recent = read_changes(execute, mark, limit=1000)
        assert recent.complete and recent.entries == 3
        assert recent.updated == {"claim": {a: frozenset({"status"})}}
        assert recent.created == {"link": frozenset({link.id})}
        assert recent.deleted == {"claim": frozenset({b})}
        assert recent.link_claims == {a, b}
        assert recent.ids("claim") == {a, b}
        assert recent.last_entry == last_change_id(connection)
        partial = read_changes(execute, mark, limit=2)
        assert not partial.complete and partial.entries == 2
        assert partial.last_entry < recent.last_entry
        own = OwnEntries()
        own.add(partial)
        others = read_changes(execute, mark, limit=1000, skip=own.__contains__)
        assert others.entries == 1 and others.deleted == {"claim": frozenset({b})}
        assert others.last_entry == recent.last_entry
    finally:
        connection.close()


def test_a_write_returns_what_it_changed_read_from_its_journal(store: Store) -> None:
    a = add_claim(store, text="said in Moscow", speaker="Ryabkov")
    b = add_claim(store, text="denied in Washington")
    with store.change() as transaction:
        services.update_claim(
            session=transaction.session,
            claim_id=a,
            changes=ClaimUpdate(status="disputed", notes="check the date"),
        )
        link, _ = services.link_claims(
            session=transaction.session,
            link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="denies"),
        )
        services.delete_claim(session=transaction.session, claim_id=b)
    changes = transaction.changes
    assert changes.updated == {"claim": {a: frozenset({"status", "notes"})}}
    assert changes.created == {"link": frozenset({link.id})}
    assert changes.deleted == {"claim": frozenset({b})}
    assert changes.link_claims == {a, b}
    assert changes.entries == 4 and changes.last_entry == changes.after_entry + 4
    with store.change() as transaction:
        services.update_claim(
            session=transaction.session, claim_id=a, changes=ClaimUpdate(status="disputed")
        )
    assert transaction.changes.empty


def test_trash_counts_every_kind(store: Store) -> None:
    a = add_claim(store, text="one", speaker="Ryabkov")
    b = add_claim(store, text="two")
    with store.write() as session:
        link, _ = services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="denies")
        )
        assert link.id is not None
        services.delete_link(session=session, link_id=link.id)
        services.delete_claim(session=session, claim_id=b)
        ryabkov = services.find_actor(session=session, name="Ryabkov")
        assert ryabkov is not None and ryabkov.id is not None
        services.delete_actor(session=session, actor_id=ryabkov.id)
    with store.read() as session:
        assert trash_counts(session=session) == {"claim": 1, "link": 1, "source": 0, "actor": 1}
