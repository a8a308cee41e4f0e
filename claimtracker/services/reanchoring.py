"""A source's claims found again in its new text (a corrected article, a text that arrived)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from claimtracker.anchors import anchor_at, occurrences
from claimtracker.journal import entries as history
from claimtracker.models import Claim
from claimtracker.reanchor import relocate
from claimtracker.services.claims import set_anchor
from claimtracker.services.common import touch


@dataclass
class ReanchorReport:
    source_id: int
    #: claim id → how it was found again: "exact", "spacing", "corrected"
    placed: dict[int, str] = field(default_factory=dict)
    #: claim id → why it could not be placed with confidence
    orphans: dict[int, str] = field(default_factory=dict)

    def describe(self) -> str:
        moved = len(self.placed)
        text = f"source #{self.source_id}: {moved} claim(s) re-anchored"
        if self.orphans:
            listed = ", ".join(f"#{i}" for i in sorted(self.orphans))
            text += f", {len(self.orphans)} orphan(s) to place by hand: {listed}"
        return text


def _reanchor(claim: Claim, text: str, report: ReanchorReport) -> None:
    assert claim.id is not None
    exact = claim.anchor_exact
    if not exact and claim.quote:
        places = occurrences(text, claim.quote)
        if len(places) == 1:
            anchor = anchor_at(text, places[0], places[0] + len(claim.quote))
            set_anchor(claim, anchor)
            report.placed[claim.id] = "exact"
        else:
            claim.anchor_status = "orphan"
            report.orphans[claim.id] = (
                "the quote is not in the text" if not places else "the quote occurs more than once"
            )
        touch(claim)
        return
    if not exact:
        return
    found = relocate(text, exact, claim.anchor_prefix or "", claim.anchor_suffix or "")
    if found.anchor is None:
        claim.anchor_start = claim.anchor_end = None
        claim.anchor_status = "orphan"
        report.orphans[claim.id] = found.reason
    elif claim.quote and claim.quote != exact and claim.quote not in found.anchor.exact:
        claim.anchor_start = claim.anchor_end = None
        claim.anchor_status = "orphan"
        report.orphans[claim.id] = "the quoted words changed in the corrected text"
    else:
        anchor = found.anchor
        if claim.quote == exact:
            claim.quote = anchor.exact  # the verbatim words follow the correction
        set_anchor(claim, anchor)
        report.placed[claim.id] = found.how
    touch(claim)


ANCHOR_FIELDS = (
    "quote",
    "anchor_start",
    "anchor_end",
    "anchor_exact",
    "anchor_prefix",
    "anchor_suffix",
    "anchor_status",
)


def reanchor_claims(*, session: Session, source_id: int, text: str) -> ReanchorReport:
    """Find every claim of ``source_id`` in ``text`` (the source's new text)."""
    report = ReanchorReport(source_id=source_id)
    for claim in session.exec(select(Claim).where(Claim.source_id == source_id)):
        before = {name: getattr(claim, name) for name in ANCHOR_FIELDS}
        _reanchor(claim, text, report)
        changed = {
            name: (old, getattr(claim, name))
            for name, old in before.items()
            if getattr(claim, name) != old
        }
        if changed:
            history.record(session, "claim", claim.id, history.CHANGED, changed)
    session.flush()
    return report
