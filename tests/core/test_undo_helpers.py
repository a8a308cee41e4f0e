"""What the app needs to undo the assistant and corrections: the ids a call made, a text version
put back with its anchors, an orphan's anchor put back after it was placed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.articles import read_article
from claimtracker.assistant import suggest
from claimtracker.errors import ConflictError
from claimtracker.models import Claim, Link
from claimtracker.query.reading import orphaned_claims, source_details
from claimtracker.schemas import ClaimUpdate
from claimtracker.services.revisions import (
    anchor_state,
    import_article_version,
    restore_anchor,
    restore_text_version,
    text_version,
)
from claimtracker.services.suggestions import accept_suggestions
from claimtracker.store import Store

RYABKOV = "We caution Washington against another military escapade"


def _import(store: Store, path: Path) -> tuple[int, str]:
    article = read_article(path)
    with store.write() as session:
        source, _ = services.import_article(session=session, article=article, origin=path)
        assert source.id is not None
        return source.id, article.text


def test_accepting_names_what_it_made_so_it_can_be_undone(store: Store, sample_path: Path) -> None:
    source_id, text = _import(store, sample_path)
    suggestions = suggest(text)
    denial = next(i for i, s in enumerate(suggestions) if "no chemical weapons" in s.text)
    chosen = [denial, *suggestions[denial].counter_to]
    with store.write() as session:
        first = accept_suggestions(
            session=session, source_id=source_id, suggestions=suggestions, accepted=chosen
        )
    assert sorted(first.created_ids) == sorted(first.claims.values())
    assert len(first.link_ids) == first.links == len(suggestions[denial].counter_to)
    assert len(first.actor_ids) == len(set(first.new_actors))

    with store.write() as session:  # the app's undo: everything made goes to the trash
        for link_id in first.link_ids:
            services.delete_link(session=session, link_id=link_id)
        for claim_id in first.created_ids:
            services.delete_claim(session=session, claim_id=claim_id)
    with store.write() as session:  # accepting again: new claims; nothing of the trash is reused
        again = accept_suggestions(
            session=session, source_id=source_id, suggestions=suggestions, accepted=chosen
        )
        assert not set(again.created_ids) & set(first.created_ids)
        assert again.actor_ids == []  # the speakers are still there
        assert all(session.get(Link, i) is not None for i in again.link_ids)


def test_a_correction_is_undone_with_its_anchors_and_orphans(
    store: Store, sample_path: Path, tmp_path: Path
) -> None:
    source_id, text = _import(store, sample_path)
    with store.write() as session:
        accept_suggestions(session=session, source_id=source_id, suggestions=suggest(text))
        before = text_version(session=session, source_id=source_id)
    corrected = tmp_path / "corrected.md"
    corrected.write_text(
        text.replace(RYABKOV, "We warn Washington against a new adventure"), encoding="utf-8"
    )
    with store.write() as session:
        done = import_article_version(
            session=session, article=read_article(corrected), origin=corrected
        )
        assert done.outcome == "corrected" and done.report is not None and done.report.orphans
        after = text_version(session=session, source_id=source_id)
    with store.raw() as connection:
        orphans = orphaned_claims(connection, source_id)
    assert {o.claim_id for o in orphans} == set(done.report.orphans)
    assert all(o.exact and RYABKOV in o.exact for o in orphans)

    with store.write() as session:
        changed = restore_text_version(session=session, version=before)
        assert set(changed) >= set(done.report.orphans)
    with store.raw() as connection:
        assert orphaned_claims(connection, source_id) == []
    with store.write() as session:
        assert text_version(session=session, source_id=source_id) == before
        restore_text_version(session=session, version=after)
        assert text_version(session=session, source_id=source_id) == after


def test_an_orphan_placed_by_hand_can_be_put_back(
    store: Store, sample_path: Path, tmp_path: Path
) -> None:
    source_id, text = _import(store, sample_path)
    with store.write() as session:
        result = accept_suggestions(session=session, source_id=source_id, suggestions=suggest(text))
    corrected = tmp_path / "corrected.md"
    new_words = "We warn Washington against a new adventure"
    corrected.write_text(text.replace(RYABKOV, new_words), encoding="utf-8")
    with store.write() as session:
        done = import_article_version(
            session=session, article=read_article(corrected), origin=corrected
        )
    assert done.report is not None
    claim_id = next(iter(done.report.orphans))
    assert claim_id in result.claims.values()
    new_text = read_article(corrected).text
    start = new_text.index(new_words)
    with store.write() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        orphan = anchor_state(claim)
        placed, _ = services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(
                anchor_start=start, anchor_end=start + len(new_words), quote=new_words
            ),
            expected_version=claim.version,
        )
        assert (placed.anchor_status, placed.quote) == ("ok", new_words)
        version = placed.version
    with store.write() as session, pytest.raises(ConflictError):
        restore_anchor(session=session, claim_id=claim_id, state=orphan, expected_version=1)
    with store.write() as session:
        back = restore_anchor(
            session=session, claim_id=claim_id, state=orphan, expected_version=version
        )
        assert anchor_state(back) == orphan and back.anchor_status == "orphan"
    with store.raw() as connection:
        assert claim_id in {o.claim_id for o in orphaned_claims(connection, source_id)}
        details = source_details(connection, source_id)
    assert details.title.startswith("U.S. Warns Russia") and details.outlet == "themoscowtimes.com"
