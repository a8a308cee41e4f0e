"""Merging a duplicate into the claim that stays: links, tags and opinions move, the duplicate
goes to the trash, in one transaction that one other undoes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.cli import main
from claimtracker.dispute.merging import merge_claims, undo_merge
from claimtracker.dispute.opinion_service import set_opinion
from claimtracker.dispute.opinions import opinions_of
from claimtracker.errors import NotFoundError, ValidationError
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.query import links_of
from claimtracker.schemas import ClaimUpdate
from claimtracker.store import Store
from tests.dispute.conftest import WIRE, Dispute, claim, link


def _opinion(store: Store, analyst: str, claim_id: int, opinion: str) -> None:
    with store.write() as session:
        session.info[ANALYST_KEY] = analyst
        set_opinion(session=session, claim_id=claim_id, opinion=opinion)


def _tags(store: Store, claim_id: int, tags: list[str]) -> None:
    with store.write() as session:
        services.update_claim(session=session, claim_id=claim_id, changes=ClaimUpdate(tags=tags))


@pytest.fixture
def duplicate(dispute: Dispute) -> int:
    """The wire story recorded a second time from the same article, linked and judged on its
    own: denied by the ministry, repeated by the Ledger (as the wire story already is), linked
    to the wire story itself, tagged, with Anna's and Boris's opinions."""
    store = dispute.store
    dup = claim(
        store,
        dispute.sources["northwire"],
        WIRE,
        text="Government shelling killed six civilians in Karvash village",
        attribution="anonymous",
    )
    link(store, dup, dispute.denial, "denies")
    link(store, dispute.ledger, dup, "repeats")
    link(store, dispute.wire, dispute.ledger, "repeats")
    link(store, dispute.wire, dup, "repeats")
    _tags(store, dup, ["shelling", "Karvash"])
    _tags(store, dispute.wire, ["karvash"])
    _opinion(store, "Anna", dup, "agree")
    _opinion(store, "Boris", dup, "disagree")
    _opinion(store, "Boris", dispute.wire, "neutral")
    return dup


def _state(store: Store, *claims: int) -> dict[int, object]:
    with store.raw() as connection:
        return {
            claim_id: (
                sorted((row.label, row.other_id) for row in links_of(connection, claim_id)),
                sorted(
                    name
                    for (name,) in connection.execute(
                        "SELECT t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id "
                        "WHERE ct.claim_id = ?",
                        (claim_id,),
                    )
                ),
                [(o.analyst, o.opinion) for o in opinions_of(connection, claim_id)],
                connection.execute(
                    "SELECT deleted_at IS NOT NULL FROM claim WHERE id = ?", (claim_id,)
                ).fetchone()[0],
            )
            for claim_id in claims
        }


def test_a_merge_moves_links_tags_and_opinions_and_trashes_the_duplicate(
    dispute: Dispute, duplicate: int
) -> None:
    store, wire = dispute.store, dispute.wire
    before = _state(store, wire, duplicate, dispute.denial, dispute.ledger)
    with store.write() as session:
        merged = merge_claims(session=session, keep_id=wire, drop_id=duplicate)
    after = _state(store, wire, duplicate)
    links, tags, opinions, trashed = after[wire]  # type: ignore[misc]
    assert links == [("Denied by", dispute.denial), ("Repeats / echoes", dispute.ledger)]  # once
    assert [t.casefold() for t in tags] == ["karvash", "shelling"]  # one Karvash
    assert opinions == [("Anna", "agree"), ("Boris", "neutral")]  # Boris's own stays
    assert not trashed and after[duplicate][3]  # type: ignore[index]
    assert merged.summary() == (
        f"Merged #{duplicate} into #{wire}: 1 link(s), 1 tag(s) and 1 opinion(s) moved, "
        f"2 link(s) already on #{wire} or between the two moved to the trash, "
        f"1 opinion(s) of analysts who already "
        f"judged #{wire} left with #{duplicate}; #{duplicate} is in the trash"
    )
    with store.raw() as connection:
        notes = {
            note
            for (note,) in connection.execute(
                "SELECT note FROM history WHERE id > (SELECT max(id) FROM history "
                "WHERE note IS NULL)"
            )
        }
    assert notes == {f"merge of #{duplicate} into #{wire}"}

    with store.write() as session:
        undo_merge(session=session, merge=merged)
    assert _state(store, wire, duplicate, dispute.denial, dispute.ledger) == before


def test_a_merge_that_cannot_be_done_changes_nothing(dispute: Dispute, duplicate: int) -> None:
    store = dispute.store
    before = _state(store, dispute.wire, duplicate)
    with store.write() as session:
        services.delete_claim(session=session, claim_id=dispute.coastal)
    for keep, drop, error in (
        (dispute.wire, dispute.wire, ValidationError),
        (dispute.wire, 404, NotFoundError),
        (dispute.coastal, duplicate, NotFoundError),  # in the trash
    ):
        with pytest.raises(error), store.write() as session:
            merge_claims(session=session, keep_id=keep, drop_id=drop)
    assert _state(store, dispute.wire, duplicate) == before


def test_merge_from_the_command_line(
    dispute: Dispute, duplicate: int, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    args = ["echoes", "--merge", str(dispute.wire), str(duplicate), "--db", str(db_path)]
    assert main([*args, "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert (merged["keep_id"], merged["drop_id"], len(merged["moved_opinions"])) == (
        dispute.wire,
        duplicate,
        1,
    )
    assert main(["history", str(dispute.wire), "--db", str(db_path)]) == 0
    assert f"(merge of #{duplicate} into #{dispute.wire})" in capsys.readouterr().out
    assert main(args) == 1  # the duplicate is in the trash now
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and f"#{duplicate}" in error
