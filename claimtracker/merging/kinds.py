"""What a merge reconciles of each kind of record, read from the field registry.

Each kind has the fields merged one by one (``merged``); of these, the ``derived`` ones (a
claim's anchor, a source's text) follow the other side only where this side left them alone and
never make a conflict of their own; ``references`` name the fields holding another record's id,
compared and copied by that record's UUID; ``identity`` fields (a link's two claims, an
opinion's claim) are set once, when the record is created.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtracker.fields import FIELDS, REFERENCES


@dataclass(frozen=True)
class KindSpec:
    kind: str
    merged: tuple[str, ...]
    derived: frozenset[str]
    references: dict[str, str]
    identity: dict[str, str]


def _spec(kind: str, identity: dict[str, str] | None = None) -> KindSpec:
    identity = identity or {}
    fields = [f for f in FIELDS[kind].values() if f.stored and f.name not in identity]
    return KindSpec(
        kind=kind,
        merged=tuple(f.name for f in fields),
        derived=frozenset(f.name for f in fields if not f.editable),
        references={name: target for (owner, name), target in REFERENCES.items() if owner == kind}
        | identity,
        identity=identity,
    )


SPECS: dict[str, KindSpec] = {
    "actor": _spec("actor"),
    "source": _spec("source"),
    "claim": _spec("claim"),
    "link": _spec("link", {"claim_a_id": "claim", "claim_b_id": "claim"}),
    "opinion": _spec("opinion", {"claim_id": "claim"}),
}

#: A claim's tags are merged as a set: what either side added or removed since the ancestor.
TAGS = "tags"
#: The conflict field for a deletion that meets an edit (the record's place in the trash).
TRASH = "deleted"
#: The conflict field for an actor that may be one of this side's under another name.
ALIAS = "alias"
