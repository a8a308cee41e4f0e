"""How history entries read in the app: field names, values with their labels, what was done.

Pure functions over the core's :class:`~claimtracker.safety.history.Change` values, so they can
run on a worker and be tested without a window.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimtracker.dispute.opinions import OPINIONS
from claimtracker.vocabulary import (
    ACTOR_KINDS,
    ATTRIBUTIONS,
    CONFIDENCES,
    LIKELIHOODS,
    RELATIONS,
    STATUSES,
    Vocabulary,
)

#: What a history row shows when a field had no value.
NO_VALUE = "—"
#: How much of a long value the table shows (the whole value is in the entry's details).
SHORT_LENGTH = 80

FIELD_LABELS: dict[str, dict[str, str]] = {
    "claim": {
        "text": "Claim text",
        "quote": "Quote",
        "source_id": "Source",
        "speaker_id": "Speaker",
        "attribution": "Attribution",
        "descriptor": "Descriptor",
        "source_count": "Sources behind",
        "status": "Status",
        "credibility": "Credibility",
        "likelihood": "Likelihood",
        "confidence": "Confidence",
        "said_on": "Said on",
        "reported_on": "Reported on",
        "event_on": "Event on",
        "notes": "Notes",
        "tags": "Tags",
        "anchor_start": "Anchor start",
        "anchor_end": "Anchor end",
        "anchor_exact": "Anchored words",
        "anchor_prefix": "Words before the anchor",
        "anchor_suffix": "Words after the anchor",
        "anchor_status": "Anchor status",
    },
    "link": {"relation": "Relation", "note": "Note"},
    "opinion": {"opinion": "Opinion", "note": "Opinion note", "claim_id": "Claim"},
    "source": {
        "title": "Title",
        "outlet_id": "Outlet",
        "byline": "Byline",
        "url": "Address",
        "published_on": "Published on",
        "retrieved_at": "Retrieved at",
        "language": "Language",
        "text": "Text",
    },
    "actor": {
        "name": "Name",
        "kind": "Kind",
        "affiliation": "Affiliation",
        "country": "Country",
        "reliability": "Reliability",
        "notes": "Notes",
    },
}

ACTION_LABELS = {
    "created": "Created",
    "deleted": "Moved to the trash",
    "restored": "Restored from the trash",
    "purged": "Deleted for good",
}

_CODED: dict[tuple[str, str], Vocabulary] = {
    ("claim", "attribution"): ATTRIBUTIONS,
    ("claim", "status"): STATUSES,
    ("claim", "likelihood"): LIKELIHOODS,
    ("claim", "confidence"): CONFIDENCES,
    ("link", "relation"): RELATIONS,
    ("actor", "kind"): ACTOR_KINDS,
    ("opinion", "opinion"): OPINIONS,
}

#: Fields holding the id of another record, and the kind of that record.
REFERENCES: dict[tuple[str, str], str] = {
    ("claim", "speaker_id"): "actor",
    ("claim", "source_id"): "source",
    ("source", "outlet_id"): "actor",
}

KIND_NAMES = {"claim": "claim", "link": "link", "source": "source", "actor": "actor"}


def field_label(kind: str, field: str | None) -> str:
    if field is None:
        return ""
    return FIELD_LABELS.get(kind, {}).get(field, field.replace("_", " ").capitalize())


def what_was_done(kind: str, action: str, field: str | None) -> str:
    """ "Status", "Created", "Moved to the trash": the entry in a few words."""
    if action == "changed":
        return field_label(kind, field)
    return ACTION_LABELS.get(action, action.capitalize())


def value_text(
    kind: str,
    field: str | None,
    value: Any,
    names: Mapping[tuple[str, int], str] | None = None,
) -> str:
    """A stored value as the analyst reads it: labels for codes, names for referenced records."""
    if value is None or value == "" or value == []:
        return NO_VALUE
    if field is None:
        return str(value)
    vocabulary = _CODED.get((kind, field))
    if vocabulary is not None:
        return vocabulary.label(str(value))
    referenced = REFERENCES.get((kind, field))
    if referenced is not None and isinstance(value, int):
        name = (names or {}).get((referenced, value))
        return f"{name} (#{value})" if name else f"{referenced.capitalize()} #{value}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str) and field.endswith(("_on", "_at")) and "T" in value:
        return value[:19].replace("T", " ")  # a timestamp: to the second
    return str(value)


def shortened(text: str, limit: int = SHORT_LENGTH) -> str:
    """One line of at most ``limit`` characters (whitespace folded)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def references_in(kind: str, field: str | None, *values: Any) -> list[tuple[str, int]]:
    """The (kind, id) of records named by the values of ``field`` (to look their names up)."""
    referenced = REFERENCES.get((kind, field or ""))
    if referenced is None:
        return []
    return [(referenced, value) for value in values if isinstance(value, int)]
