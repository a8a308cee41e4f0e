"""Echoes across outlets and duplicates within one, on articles that share a wire sentence."""

from __future__ import annotations

from claimtracker.dispute.echoes import echoes_of, find_echoes, refresh_index, stale_claims
from claimtracker.store import Store
from tests.dispute.conftest import WIRE, Dispute, claim, link


def _pairs(echoes: list) -> set[tuple[int, int]]:
    return {(e.a.id, e.b.id) for e in echoes}


def test_the_same_wire_sentence_in_two_outlets_is_an_echo(dispute: Dispute) -> None:
    with dispute.store.raw() as connection:
        assert refresh_index(connection) == 5
        found = find_echoes(connection)
        assert _pairs(found) == {(dispute.wire, dispute.ledger)}
        (echo,) = found
        assert echo.kind == "echo" and echo.matched == "quote" and echo.score >= 80
        # From either end, through the index.
        assert _pairs(echoes_of(connection, dispute.ledger)) == {(dispute.wire, dispute.ledger)}
        assert echoes_of(connection, dispute.coastal) == []


def test_a_rephrased_claim_in_the_same_source_is_a_duplicate(dispute: Dispute) -> None:
    again = claim(
        dispute.store,
        dispute.sources["northwire"],
        None,
        text="The army only returned fire at the rebel positions",
    )
    with dispute.store.raw() as connection:
        refresh_index(connection)
        found = {(e.a.id, e.b.id): e for e in find_echoes(connection)}
    assert found[(dispute.denial, again)].kind == "duplicate"
    assert found[(dispute.denial, again)].matched == "text"


def test_a_pair_linked_as_repeats_is_not_proposed_again(dispute: Dispute) -> None:
    link(dispute.store, dispute.wire, dispute.ledger, "repeats")
    with dispute.store.raw() as connection:
        refresh_index(connection)
        assert find_echoes(connection) == []
        assert echoes_of(connection, dispute.wire) == []


def test_the_index_follows_edits_and_a_stricter_threshold(dispute: Dispute) -> None:
    store: Store = dispute.store
    with store.raw() as connection:
        refresh_index(connection)
        assert stale_claims(connection) == []
        assert find_echoes(connection, threshold=99.5) == []
    from claimtracker import services
    from claimtracker.schemas import ClaimUpdate

    with store.write() as session:
        services.update_claim(
            session=session,
            claim_id=dispute.coastal,
            changes=ClaimUpdate(text=WIRE + ", say four people familiar with the discussions"),
        )
    with store.raw() as connection:
        assert stale_claims(connection) == [dispute.coastal]
        assert refresh_index(connection) == 1
        pairs = _pairs(find_echoes(connection))
    assert (dispute.wire, dispute.coastal) in pairs


def test_refreshing_can_be_cancelled_and_keeps_what_it_did(dispute: Dispute) -> None:
    calls: list[tuple[int, int]] = []

    def stop_after_first_batch(done: int, total: int) -> bool:
        calls.append((done, total))
        return done == 0

    with dispute.store.raw() as connection:
        assert refresh_index(connection, progress=stop_after_first_batch, batch=2) == 2
        assert len(stale_claims(connection)) == 3
    assert calls == [(0, 5), (2, 5)]
