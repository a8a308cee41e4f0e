"""Several analysts' opinions of one claim, each under their own name, journaled."""

from __future__ import annotations

import pytest

from claimtracker.dispute.opinion_service import set_opinion, withdraw_opinion
from claimtracker.dispute.opinions import opinions_of, summary
from claimtracker.errors import NotFoundError, VocabularyError
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.store import Store
from tests.dispute.conftest import Dispute


def _history(store: Store) -> list[tuple[str, str, str | None, str | None]]:
    with store.raw() as connection:
        return connection.execute(
            "SELECT analyst, action, field, new_value FROM history WHERE kind = 'opinion' "
            "ORDER BY id"
        ).fetchall()


def test_each_analyst_holds_one_opinion_and_every_change_is_journaled(
    dispute: Dispute, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = dispute.store
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Anna")
    with store.write() as session:
        set_opinion(session=session, claim_id=dispute.wire, opinion="agree", note="Two witnesses")
    with store.write() as session:
        session.info[ANALYST_KEY] = "Boris"  # as a team server names each analyst
        set_opinion(session=session, claim_id=dispute.wire, opinion="disagree")
    with store.write() as session:  # Anna changes her mind: replaced, not added
        _, created = set_opinion(
            session=session, claim_id=dispute.wire, opinion="Strongly agree", note="Photos too"
        )
    assert not created
    with store.raw() as connection:
        rows = opinions_of(connection, dispute.wire)
    assert [(r.analyst, r.opinion, r.note) for r in rows] == [
        ("Anna", "strongly-agree", "Photos too"),
        ("Boris", "disagree", None),
    ]
    assert summary(rows) == "1 strongly agree, 1 disagree"
    assert _history(store) == [
        ("Anna", "created", None, None),
        ("Anna", "changed", "opinion", '"agree"'),
        ("Anna", "changed", "note", '"Two witnesses"'),
        ("Boris", "created", None, None),
        ("Boris", "changed", "opinion", '"disagree"'),
        ("Anna", "changed", "opinion", '"strongly-agree"'),
        ("Anna", "changed", "note", '"Photos too"'),
    ]
    with store.write() as session:
        session.info[ANALYST_KEY] = "Boris"
        withdraw_opinion(session=session, claim_id=dispute.wire)
    with store.raw() as connection:
        assert [r.analyst for r in opinions_of(connection, dispute.wire)] == ["Anna"]
    assert _history(store)[-1] == ("Boris", "deleted", None, None)


def test_a_wrong_value_or_a_missing_claim_is_refused_with_one_line(dispute: Dispute) -> None:
    with (
        pytest.raises(
            VocabularyError,
            match=r"'maybe' is not a known opinion \(expected one of: strongly-disagree",
        ),
        dispute.store.write() as session,
    ):
        set_opinion(session=session, claim_id=dispute.wire, opinion="maybe")
    with (
        pytest.raises(NotFoundError, match="There is no claim #999"),
        dispute.store.write() as session,
    ):
        set_opinion(session=session, claim_id=999, opinion="agree")
    with dispute.store.raw() as connection:
        assert opinions_of(connection, dispute.wire) == []
