"""A CSV import undone as a whole (new claims, actors, sources, links, tags, changed fields) and
done again with the same records."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.bulk import check_index
from claimtracker.csvio import export_csv, import_csv
from claimtracker.csvio.undo import ImportStep, redo_import, undo_import
from claimtracker.errors import ConflictError
from claimtracker.query import ClaimFilter, search_rows
from claimtracker.sample import build_sample
from claimtracker.schemas import ClaimUpdate, LinkCreate
from claimtracker.store import Store
from claimtracker.store.dbapi import DbConnection
from tests.core.helpers import add_claim

#: The tables an analyst's work lives in. Left out: the journal (an undo is recorded there like
#: any change), the id counters, and each row's change counter and time (``version``,
#: ``updated_at``): they only grow, so that other windows notice the undo.
DATA_TABLES = ("actor", "actor_alias", "source", "claim", "tag", "claim_tag", "link")
BOOKKEEPING = {"version", "updated_at"}


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.raw() as connection:
        return {table: _rows(connection, table) for table in DATA_TABLES}


def _rows(connection: DbConnection, table: str) -> list[tuple[object, ...]]:
    columns = [d[0] for d in connection.execute(f"SELECT * FROM {table} LIMIT 0").description]
    kept = ", ".join(f'"{c}"' for c in columns if c not in BOOKKEEPING)
    return [tuple(row) for row in connection.execute(f"SELECT {kept} FROM {table} ORDER BY 1, 2")]


def _edited_export(store: Store, path: Path) -> None:
    """The sample's report with one claim changed and two new claims, one a denial of it."""
    with store.raw() as connection:
        export_csv(connection, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = rows[0]
    first["status"], first["tags"], first["notes"] = "verified", "checked; idlib", "see TASS"
    new = dict.fromkeys(first, "")
    new |= {
        "uuid": "7f1d2c3b-4a5e-4f60-8a71-92b3c4d5e6f7",
        "claim": "The convoy was never there",
        "speaker": "A New Spokesperson",
        "source_title": "A new wire story",
        "outlet": "A New Outlet",
        "tags": "brand-new-tag",
        "links": f"denies {first['uuid']}",
    }
    other = dict.fromkeys(first, "") | {"claim": "Another new claim", "speaker": "Ryabkov"}
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(first))
        writer.writeheader()
        writer.writerows([*rows, new, other])


def test_an_undone_import_leaves_the_database_as_before_and_redo_brings_it_back(
    store_both: Store, tmp_path: Path
) -> None:
    store = store_both
    build_sample(store)
    path = tmp_path / "claims.csv"
    _edited_export(store, path)
    before = dump(store)

    summary = import_csv(store, path)
    assert (summary.created, summary.updated, summary.links) == (2, 1, 1)
    changes = summary.changes
    assert len(summary.created_claims) == 2
    assert changes.created_ids("claim") == set(summary.created_claims)
    assert len(changes.created_ids("actor")) == 2  # the speaker and the outlet; Ryabkov is known
    assert len(changes.created_ids("source")) == 1
    assert len(changes.created_ids("link")) == 1
    (updated,) = changes.updated_ids("claim")
    assert changes.fields_of("claim", updated) == {"status", "tags", "notes"}
    imported = dump(store)
    assert imported != before

    undone = undo_import(store, ImportStep(changes, summary.new_tag_ids), note="undo")
    assert dump(store) == before
    assert undone.changes.deleted_ids("claim") == changes.created_ids("claim")
    assert undone.changes.updated_ids("claim") == {updated}
    with store.raw() as connection:
        assert check_index(connection) or not store.is_sqlite
        assert not search_rows(connection, ClaimFilter(text="convoy"))

    redone = redo_import(store, undone, note="redo")
    assert dump(store) == imported
    assert redone.changes.created_ids("claim") == changes.created_ids("claim")
    with store.raw() as connection:
        assert check_index(connection) or not store.is_sqlite
        assert [r.text for r in search_rows(connection, ClaimFilter(text="convoy"))] == [
            "The convoy was never there"
        ]

    undo_import(store, redone, note="undo again")
    assert dump(store) == before


def test_an_import_changed_since_is_not_undone(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("claim,speaker\nx,A\ny,B\n", encoding="utf-8")
    summary = import_csv(store, path)
    claim_id = summary.created_claims[0]
    with store.write() as session:
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(notes="my own note")
        )
    kept = dump(store)
    with pytest.raises(ConflictError, match=f"Claim #{claim_id} was changed after the import"):
        undo_import(store, ImportStep(summary.changes, summary.new_tag_ids), note="undo")
    assert dump(store) == kept


@pytest.mark.parametrize("use", ["link", "tag", "speaker"])
def test_an_import_whose_new_records_are_used_since_is_not_undone(
    store_both: Store, tmp_path: Path, use: str
) -> None:
    """Undo deletes for good what the import made: a link, a tag or a speaker another claim
    got since would go with it, unjournaled, so the undo is refused and nothing changes."""
    store = store_both
    typed = add_claim(store, text="typed by hand")
    path = tmp_path / "a.csv"
    path.write_text("claim,speaker,tags\nx,A New Speaker,brand-new\n", encoding="utf-8")
    summary = import_csv(store, path)
    (made,) = summary.created_claims
    (speaker,) = summary.changes.created_ids("actor")
    with store.write() as session:
        if use == "link":
            link, _ = services.link_claims(
                session=session,
                link_in=LinkCreate(claim_a_id=made, claim_b_id=typed, relation="denies"),
            )
            used = (f"Claim #{made}", f"link #{link.id}")
        else:
            change = (
                ClaimUpdate(tags=["brand-new"]) if use == "tag" else ClaimUpdate(speaker_id=speaker)
            )
            services.update_claim(session=session, claim_id=typed, changes=change)
            used = ("Tag 'brand-new'" if use == "tag" else f"Actor #{speaker}", f"claim #{typed}")
    kept = dump(store)
    with pytest.raises(ConflictError) as refused:
        undo_import(store, ImportStep(summary.changes, summary.new_tag_ids), note="undo")
    assert str(refused.value) == (
        f"{used[0]} came with the import and is used since by {used[1]}; undoing the import "
        "now would lose that"
    )
    assert dump(store) == kept
