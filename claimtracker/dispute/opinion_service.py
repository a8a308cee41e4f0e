"""Recording analysts' opinions of claims, journaled under the analyst's name.

Each analyst holds at most one opinion per claim; recording again replaces it. Every change is
written to the history (kind ``opinion``) in the same transaction, like any other record.
"""

from __future__ import annotations

from sqlmodel import Session, select

from claimtracker.dispute.opinions import OPINIONS
from claimtracker.errors import NotFoundError
from claimtracker.journal import entries as history
from claimtracker.models import Claim, Opinion, utcnow
from claimtracker.services.common import apply_changes, clean_text, get_live, touch


def set_opinion(
    *,
    session: Session,
    claim_id: int,
    opinion: str,
    note: str | None = None,
) -> tuple[Opinion, bool]:
    """Record the session's analyst's opinion of a claim (``analyst`` on the command line, the
    name in Preferences in the app).

    Returns (opinion, created). An existing opinion of the same analyst is replaced, and what
    changed is journaled; a withdrawn one comes back.
    """
    code = OPINIONS.parse(opinion, field="opinion")
    get_live(session, Claim, claim_id, what="claim")
    who = history.session_analyst(session)
    text = clean_text(note, field="note")
    existing = session.exec(
        select(Opinion).where(Opinion.claim_id == claim_id, Opinion.analyst == who)
    ).first()
    if existing is None:
        record = Opinion(claim_id=claim_id, analyst=who, opinion=code, note=text)
        session.add(record)
        session.flush()
        history.record(session, "opinion", record.id, history.CREATED)
        # What was said, so that the claim's history shows it (a creation carries no values).
        initial = {"opinion": (None, code)} | ({"note": (None, text)} if text else {})
        history.record(session, "opinion", record.id, history.CHANGED, initial)
        return record, True
    changed = apply_changes(existing, {"opinion": code, "note": text, "deleted_at": None})
    if changed:
        touch(existing)
        session.flush()
    if changed.pop("deleted_at", None):
        history.record(session, "opinion", existing.id, history.RESTORED)
    if changed:
        history.record(session, "opinion", existing.id, history.CHANGED, changed)
    return existing, False


def withdraw_opinion(*, session: Session, claim_id: int) -> Opinion:
    """Take back the session's analyst's opinion of a claim (kept in the trash, journaled)."""
    who = history.session_analyst(session)
    record = session.exec(
        select(Opinion).where(Opinion.claim_id == claim_id, Opinion.analyst == who)
    ).first()
    if record is None or record.deleted_at is not None:
        raise NotFoundError(f"{who} has no opinion of claim #{claim_id}")
    record.deleted_at = utcnow()
    touch(record)
    session.flush()
    history.record(session, "opinion", record.id, history.DELETED)
    return record
