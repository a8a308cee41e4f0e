"""What a window needs to follow changes made elsewhere: the records changed since an entry, and
how much is in the trash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtracker import services
from claimtracker.safety.history import changes_since, last_change_id
from claimtracker.safety.trash import trash_counts
from claimtracker.schemas import ClaimUpdate, LinkCreate
from claimtracker.store import Store
from tests.core.helpers import add_claim


def test_changes_since_names_the_records_and_the_claims_of_links(
    store: Store, db_path: Path
) -> None:
    a = add_claim(store, text="said in Moscow", speaker="Ryabkov")
    b = add_claim(store, text="denied in Washington")
    connection = sqlite3.connect(db_path)
    try:
        mark = last_change_id(connection)
        assert changes_since(connection, mark).entries == 0
        with store.write() as session:
            services.update_claim(
                session=session, claim_id=a, changes=ClaimUpdate(status="disputed")
            )
            link, _ = services.link_claims(
                session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="denies")
            )
            services.delete_claim(session=session, claim_id=b)
        recent = changes_since(connection, mark)
        assert recent.complete and recent.entries == 3
        assert recent.changed == {"claim": frozenset({a})}
        assert recent.added == {"link": frozenset({link.id})}
        assert recent.removed == {"claim": frozenset({b})}
        assert recent.link_claims == {a, b}
        assert recent.ids("claim") == {a, b}
        assert recent.last_id == last_change_id(connection)
        partial = changes_since(connection, mark, limit=2)
        assert not partial.complete and partial.entries == 2
        assert partial.last_id < recent.last_id
    finally:
        connection.close()


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
