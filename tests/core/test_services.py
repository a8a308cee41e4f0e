"""Services validate what an analyst enters and keep one action in one transaction."""

from __future__ import annotations

import pytest

from claimtracker import services
from claimtracker.errors import (
    AnchorError,
    ConflictError,
    NotFoundError,
    ValidationError,
    VocabularyError,
)
from claimtracker.models import Source
from claimtracker.query import claim_detail
from claimtracker.schemas import ActorCreate, ClaimUpdate, LinkCreate, SourceCreate
from claimtracker.store import Store
from tests.core.helpers import add_claim, add_source

RYABKOV_QUOTE = "We caution Washington against another military escapade"


def test_the_same_text_imported_twice_is_one_source(store: Store, sample_text: str) -> None:
    first = add_source(store, sample_text)
    second = add_source(store, sample_text, title="another title")
    assert first == second
    with store.read() as session:
        assert session.get_one(Source, first).title == "Article"


def test_a_quote_is_anchored_with_position_and_context(store: Store, sample_text: str) -> None:
    source_id = add_source(store, sample_text)
    claim_id = add_claim(store, source_id=source_id, quote=RYABKOV_QUOTE, speaker="Sergei Ryabkov")
    with store.raw() as connection:
        detail = claim_detail(connection, claim_id)
    start = sample_text.index(RYABKOV_QUOTE)
    assert (detail.row.anchor_start, detail.row.anchor_end) == (start, start + len(RYABKOV_QUOTE))
    assert detail.anchor_exact == RYABKOV_QUOTE
    assert sample_text[:start].endswith(detail.anchor_prefix or "")
    assert sample_text[start + len(RYABKOV_QUOTE) :].startswith(detail.anchor_suffix or "")
    assert detail.row.text == RYABKOV_QUOTE  # the claim text defaults to the quote
    assert detail.row.speaker == "Sergei Ryabkov"


def test_a_quote_that_is_not_at_the_offsets_is_refused(store: Store, sample_text: str) -> None:
    source_id = add_source(store, sample_text)
    with pytest.raises(AnchorError, match="does not occur in source #1 at offsets 0–20"):
        add_claim(store, source_id=source_id, quote=RYABKOV_QUOTE, anchor_start=0, anchor_end=20)
    with pytest.raises(AnchorError, match="does not occur in source"):
        add_claim(store, source_id=source_id, quote="words nobody wrote")
    with pytest.raises(AnchorError, match=r"occurs 3 times .*at offsets 941, 1206, 1305"):
        add_claim(store, source_id=source_id, quote="Ryabkov said")
    with store.raw() as connection:
        assert connection.execute("SELECT count(*) FROM claim").fetchone() == (0,)


def test_unknown_codes_are_refused_with_the_allowed_ones(store: Store) -> None:
    with pytest.raises(VocabularyError, match="expected one of: on_record, official_statement"):
        add_claim(store, text="x", attribution="rumour")
    with pytest.raises(VocabularyError, match="verification status"):
        add_claim(store, text="x", status="done")
    with pytest.raises(ValidationError, match="credibility must be 1–6"):
        add_claim(store, text="x", credibility=9)


def test_labels_are_accepted_in_place_of_codes(store: Store) -> None:
    claim_id = add_claim(store, text="x", attribution="Official statement", status="In progress")
    with store.raw() as connection:
        row = claim_detail(connection, claim_id).row
    assert (row.attribution, row.status) == ("official_statement", "in_progress")


def test_a_claim_cannot_be_linked_to_itself(store: Store) -> None:
    claim_id = add_claim(store, text="x")
    with pytest.raises(ValidationError, match="cannot be linked to itself"), store.write() as s:
        services.link_claims(
            session=s,
            link_in=LinkCreate(claim_a_id=claim_id, claim_b_id=claim_id, relation="denies"),
        )


def test_symmetric_links_read_the_same_from_both_ends(store: Store) -> None:
    a = add_claim(store, text="A chemical attack is being planned")
    b = add_claim(store, text="No chemical weapons were used")
    with store.write() as session:
        services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=b, claim_b_id=a, relation="contradicts")
        )
        _, created = services.link_claims(
            session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation="contradicts")
        )
        assert not created  # the same pair from the other end is the same link
    with store.raw() as connection:
        from_a = claim_detail(connection, a).links
        from_b = claim_detail(connection, b).links
    assert [(link.label, link.other_id) for link in from_a] == [("Contradicts", b)]
    assert [(link.label, link.other_id) for link in from_b] == [("Contradicts", a)]


def test_directed_links_read_as_their_inverse_from_the_other_end(store: Store) -> None:
    allegation = add_claim(store, text="Assad may be planning a chemical attack")
    denial = add_claim(store, text="No chemical weapons were used")
    with store.write() as session:
        services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=allegation, claim_b_id=denial, relation="denies"),
        )
    with store.raw() as connection:
        assert [link.label for link in claim_detail(connection, denial).links] == ["Denies"]
        assert [link.label for link in claim_detail(connection, allegation).links] == ["Denied by"]


def test_a_stale_edit_is_detected(store: Store) -> None:
    claim_id = add_claim(store, text="original")
    with store.write() as session:
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(text="theirs")
        )
    with pytest.raises(ConflictError, match="changed elsewhere"), store.write() as session:
        services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(text="mine"),
            expected_version=1,
        )
    with store.raw() as connection:
        assert claim_detail(connection, claim_id).row.text == "theirs"


def test_update_reports_what_changed_and_bumps_the_version(store: Store) -> None:
    claim_id = add_claim(store, text="x", tags=["Syria"])
    with store.write() as session:
        claim, changes = services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(status="disputed", tags=["Syria", "chemical"], notes="check"),
            expected_version=1,
        )
    assert changes == {
        "status": ("unstarted", "disputed"),
        "notes": (None, "check"),
        "tags": (["Syria"], ["Syria", "chemical"]),
    }
    assert claim.version == 2


def test_changing_the_quote_moves_the_anchor_within_the_source(
    store: Store, sample_text: str
) -> None:
    source_id = add_source(store, sample_text)
    claim_id = add_claim(store, source_id=source_id, quote="very concerned")
    with store.write() as session:
        claim, _ = services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(quote=RYABKOV_QUOTE)
        )
    assert sample_text[claim.anchor_start : claim.anchor_end] == RYABKOV_QUOTE


def test_deleted_claims_go_to_the_trash_and_come_back(store_both: Store) -> None:
    store = store_both
    claim_id = add_claim(store, text="x")
    with store.write() as session:
        services.delete_claim(session=session, claim_id=claim_id)
    with pytest.raises(NotFoundError, match="in the trash"), store.write() as session:
        services.update_claim(session=session, claim_id=claim_id, changes=ClaimUpdate(text="y"))
    with store.write() as session:
        services.restore_claim(session=session, claim_id=claim_id)
        services.update_claim(session=session, claim_id=claim_id, changes=ClaimUpdate(text="y"))


def test_a_failed_action_leaves_nothing_behind(store_both: Store) -> None:
    store = store_both
    with pytest.raises(VocabularyError), store.write() as session:
        services.create_actor(session=session, actor_in=ActorCreate(name="Sergei Ryabkov"))
        services.create_source(session=session, source_in=SourceCreate(text="body", title="t"))
        services.create_actor(session=session, actor_in=ActorCreate(name="X", kind="alien"))
    with store.raw() as connection:
        assert connection.execute("SELECT count(*) FROM actor").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM source").fetchone() == (0,)


def test_actors_are_found_by_alias_case_insensitively(store_both: Store) -> None:
    store = store_both
    with store.write() as session:
        actor = services.create_actor(
            session=session,
            actor_in=ActorCreate(name="Sergei Ryabkov", kind="person", aliases=["Ryabkov"]),
        )
        assert services.resolve_actor(session=session, name="ryabkov").id == actor.id
        with pytest.raises(ValidationError, match="already used"):
            services.create_actor(session=session, actor_in=ActorCreate(name="RYABKOV"))
