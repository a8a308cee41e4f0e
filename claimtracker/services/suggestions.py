"""Turning the assistant's accepted suggestions into claims, actors and links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, select

from claimtracker.assistant import Suggestion
from claimtracker.assistant.anchoring import claim_on_same_words, claim_span
from claimtracker.errors import ValidationError
from claimtracker.models import Claim, Source
from claimtracker.schemas import ClaimCreate, LinkCreate
from claimtracker.services.actors import find_actor, resolve_actor
from claimtracker.services.claims import create_claim
from claimtracker.services.common import get_live
from claimtracker.services.links import find_link, link_claims

#: Cues that make a counter-suggestion a denial by the accused party rather than a contradiction.
DENIAL_CUES = frozenset(
    {
        "denied",
        "denies",
        "deny",
        "denying",
        "rejected",
        "rejects",
        "reject",
        "dismissed",
        "dismisses",
        "refuted",
        "refutes",
        "отрицает",
        "отрицают",
        "опроверг",
        "опровергли",
        "опровергает",
        "отверг",
        "отвергли",
    }
)


@dataclass
class AcceptResult:
    #: suggestion index → claim id (new, or the existing claim at the same place)
    claims: dict[int, int] = field(default_factory=dict)
    created: int = 0
    links: int = 0
    new_actors: list[str] = field(default_factory=list)
    #: ids of the claims this call created (not those found again), for an undo
    created_ids: list[int] = field(default_factory=list)
    #: ids of the links this call created or brought back from the trash
    link_ids: list[int] = field(default_factory=list)
    #: ids of the speakers this call created or brought back from the trash
    actor_ids: list[int] = field(default_factory=list)


def counter_relation(suggestion: Suggestion) -> str:
    cue = (suggestion.cue or "").casefold()
    return "denies" if any(word in DENIAL_CUES for word in cue.split()) else "contradicts"


def phrase(text: str) -> str:
    """A claim's wording from the article's words: one line, single spaces."""
    return " ".join(text.split())


def _existing_claim(session: Session, source_id: int, span: tuple[int, int]) -> Claim | None:
    """The live claim already made on the same words (see :mod:`claimtracker.assistant.anchoring`)."""
    statement = select(Claim).where(
        Claim.source_id == source_id,
        Claim.deleted_at.is_(None),  # type: ignore[union-attr]
        Claim.anchor_start < span[1],  # type: ignore[operator]
        Claim.anchor_end > span[0],  # type: ignore[operator]
    )
    claims = {(c.anchor_start, c.anchor_end): c for c in session.exec(statement)}
    found = claim_on_same_words(
        span,
        {anchor: c.id for anchor, c in claims.items() if c.id is not None},  # type: ignore[misc]
    )
    return next((c for c in claims.values() if c.id == found), None) if found else None


def accept_suggestions(
    *,
    session: Session,
    source_id: int,
    suggestions: Sequence[Suggestion],
    accepted: Sequence[int] | None = None,
    wordings: Mapping[int, str] | None = None,
) -> AcceptResult:
    """Create claims for the accepted suggestions (all by default) and link their counters.

    ``suggestions`` is the assistant's whole list for the source (the analyst may have edited
    items); ``accepted`` the indices to keep; ``wordings`` the analyst's own phrasing of some
    of them (suggestion index → claim text; the quote stays the article's words). Speakers are matched to existing actors by name
    or alias and created otherwise. A counter pair becomes a link when both ends are accepted.
    A claim is anchored on the suggestion's quoted words (else its sentence) and quotes exactly
    those words. Accepting a suggestion whose words already carry a claim (the same suggestion
    accepted before, or a claim made by hand on the same words) finds that claim.
    """
    source = get_live(session, Source, source_id, what="source")
    chosen = list(range(len(suggestions))) if accepted is None else sorted(set(accepted))
    for index in chosen:
        if not 0 <= index < len(suggestions):
            raise ValidationError(f"There is no suggestion {index}", field="accepted")
    reworded = {index: phrase(text) for index, text in (wordings or {}).items() if text.strip()}
    for index in reworded:
        if index not in chosen:
            raise ValidationError(
                f"Suggestion {index} is reworded but not accepted", field="wordings"
            )
    result = AcceptResult()
    for index in chosen:
        suggestion = suggestions[index]
        if source.text[suggestion.start : suggestion.end] != suggestion.text:
            raise ValidationError(
                f"Suggestion {index} does not match source #{source_id} at {suggestion.start}–"
                f"{suggestion.end}; suggest again from the source's current text",
                field="text",
            )
        start, end = claim_span(suggestion)
        existing = _existing_claim(session, source_id, (start, end))
        if existing is not None and existing.id is not None:
            result.claims[index] = existing.id
            continue
        speaker_id = None
        if suggestion.speaker:
            known = find_actor(session=session, name=suggestion.speaker)
            if known is None:
                result.new_actors.append(suggestion.speaker)
            actor = resolve_actor(
                session=session, name=suggestion.speaker, kind=suggestion.speaker_kind
            )
            speaker_id = actor.id
            if (known is None or known.deleted_at is not None) and actor.id is not None:
                result.actor_ids.append(actor.id)
        claim = create_claim(
            session=session,
            claim_in=ClaimCreate(
                text=reworded.get(index) or phrase(suggestion.text),
                # The quote is exactly the words the reader highlights.
                quote=source.text[start:end],
                source_id=source_id,
                anchor_start=start,
                anchor_end=end,
                speaker_id=speaker_id,
                attribution=suggestion.attribution,
                descriptor=suggestion.descriptor,
                source_count=suggestion.source_count,
            ),
        )
        assert claim.id is not None
        result.claims[index] = claim.id
        result.created_ids.append(claim.id)
        result.created += 1
    for index in chosen:
        for target in suggestions[index].counter_to:
            if target in result.claims:
                link_in = LinkCreate(
                    claim_a_id=result.claims[target],
                    claim_b_id=result.claims[index],
                    relation=counter_relation(suggestions[index]),
                )
                before = find_link(
                    session=session,
                    claim_a_id=link_in.claim_a_id,
                    claim_b_id=link_in.claim_b_id,
                    relation=link_in.relation,
                )
                link, created = link_claims(session=session, link_in=link_in)
                result.links += created
                if (before is None or before.deleted_at is not None) and link.id is not None:
                    result.link_ids.append(link.id)
    return result
