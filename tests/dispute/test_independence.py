"""Independence of the sources behind a claim: an echo, one anonymous source, one family, a
citation — and truly independent witnesses."""

from __future__ import annotations

from claimtracker.dispute import independence as ind
from claimtracker.dispute.independence import check_independence
from tests.dispute.conftest import Dispute, claim, link


def test_an_echo_does_not_confirm_a_claim(dispute: Dispute) -> None:
    link(dispute.store, dispute.wire, dispute.ledger, "supports")
    with dispute.store.raw() as connection:
        report = check_independence(connection, dispute.wire)
    assert [w.claim_id for w in report.witnesses] == [dispute.wire, dispute.ledger]
    assert report.independent_sources == 1
    # The same wire words, and the Ledger says it is Northwire's report.
    assert [d.reason for d in report.dependences] == [ind.ECHO, ind.CITES]
    assert "Northwire" in report.dependences[1].detail
    assert report.warning is not None
    assert report.warning.startswith("Rated 1 – confirmed by other sources, but its 2 sources")
    assert "\n" not in report.warning


def test_an_independent_witness_confirms_it(dispute: Dispute) -> None:
    link(dispute.store, dispute.wire, dispute.ledger, "supports")
    link(dispute.store, dispute.wire, dispute.coastal, "supports")
    with dispute.store.raw() as connection:
        report = check_independence(connection, dispute.wire)
    assert sorted(map(sorted, report.groups)) == [
        sorted([dispute.wire, dispute.ledger]),
        [dispute.coastal],
    ]
    assert report.independent_sources == 2
    assert report.warning is None


def test_a_claim_rated_confirmed_with_nothing_behind_it_is_warned_about(dispute: Dispute) -> None:
    with dispute.store.raw() as connection:
        report = check_independence(connection, dispute.wire)
        unrated = check_independence(connection, dispute.coastal)
    assert report.warning and "no other claim is linked" in report.warning
    assert unrated.warning is None  # not rated 1: nothing to warn about


def test_the_same_described_source_in_two_outlets(dispute: Dispute) -> None:
    other = claim(
        dispute.store,
        dispute.sources["herald"],
        None,
        text="Rebels moved canisters into Karvash",
        attribution="anonymous",
        descriptor="officials familiar with the discussions",
    )
    first = claim(
        dispute.store,
        dispute.sources["coastal"],
        None,
        text="Canisters were brought to Karvash by the rebels last week",
        attribution="anonymous",
        descriptor="two officials familiar with the discussions",
        credibility=1,
    )
    link(dispute.store, first, other, "supports")
    with dispute.store.raw() as connection:
        report = check_independence(connection, first)
    assert [d.reason for d in report.dependences] == [ind.SAME_ANONYMOUS_SOURCE]
    assert report.warning is not None and "same described source" in report.warning


def test_outlets_of_one_family(dispute: Dispute) -> None:
    from claimtracker import services
    from claimtracker.schemas import ActorCreate, SourceCreate

    with dispute.store.write() as session:
        sister = services.create_actor(
            session=session,
            actor_in=ActorCreate(
                name="Northwire Radio", kind="media_outlet", affiliation="northwire group "
            ),
        )
        source, _ = services.create_source(
            session=session,
            source_in=SourceCreate(text="Radio bulletin.", title="Bulletin", outlet_id=sister.id),
        )
    radio = claim(dispute.store, source.id, None, text="Dawn raids on Karvash reported by radio")
    link(dispute.store, dispute.wire, radio, "supports")
    with dispute.store.raw() as connection:
        report = check_independence(connection, dispute.wire)
    assert [d.reason for d in report.dependences] == [ind.SAME_OUTLET_FAMILY]
    assert "Northwire Radio" in report.dependences[0].detail
