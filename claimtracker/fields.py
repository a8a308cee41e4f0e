"""The field registry: every field of a claim, link, source and actor, declared once.

A field says what it is called in the database (``name``), how the app labels it (``label``,
and ``phrase`` inside a sentence such as an undo step's "Set status of #3 to Disputed"), which
vocabulary its codes come from, which kind of record it refers to, whether the analyst edits it,
whether an earlier value can be put back from the history (``restorable``; the others follow
from these, e.g. a claim's anchor follows its quote and source), and its column in the CSV
report. The bulk loader, the history, the revisions, the editor, the undo steps, the history
view and the CSV importer read it from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claimtracker.vocabulary import (
    ACTOR_KINDS,
    ATTRIBUTIONS,
    CONFIDENCES,
    LIKELIHOODS,
    MARKINGS,
    OPINIONS,
    RELATIONS,
    RELIABILITY,
    STATUSES,
    Vocabulary,
)

#: The kinds of record the history (the journal) follows, in the order views refresh them.
KINDS = ("claim", "link", "source", "actor")


@dataclass(frozen=True, slots=True)
class Field:
    kind: str
    name: str
    label: str
    #: The label inside a sentence (lower case, sometimes longer: "number of sources").
    phrase: str
    vocabulary: Vocabulary | None = None
    #: The kind of record whose id the field holds ("actor" for a claim's speaker).
    references: str | None = None
    #: The analyst sets it (the editor, ``ClaimUpdate``); the others are derived or bookkeeping.
    editable: bool = True
    #: An earlier value can be put back by itself from the history.
    restorable: bool = True
    #: The column of the CSV report that carries it (None: not exported as such).
    csv_column: str | None = None
    #: Typed as a date (a claim's three dates).
    is_date: bool = False
    #: Free text the analyst types: successive edits merge into one undo step.
    typed: bool = False
    #: A column of the record's own table (a claim's tags live in their own tables).
    stored: bool = True
    #: Its codes are read as they are (the Admiralty letter "B"), not as their labels.
    shown_as_code: bool = False


def _claim(
    name: str, label: str, phrase: str | None = None, *, csv: str | None = "", **kw: object
) -> Field:
    return Field(
        "claim",
        name,
        label,
        phrase or label.lower(),
        csv_column=name if csv == "" else csv,
        **kw,  # type: ignore[arg-type]
    )


def _derived(kind: str, name: str, label: str, *, csv: str | None = None) -> Field:
    return Field(kind, name, label, label.lower(), editable=False, restorable=False, csv_column=csv)


#: A claim's fields in the order of the claim table's columns (the bulk path writes rows laid
#: out so); the editor and the history name them by their labels.
CLAIM: tuple[Field, ...] = (
    _claim("text", "Claim text", csv="claim", typed=True),
    _claim("quote", "Quote", typed=True),
    _claim("source_id", "Source", csv=None, references="source"),
    _derived("claim", "anchor_start", "Anchor start", csv="anchor_start"),
    _derived("claim", "anchor_end", "Anchor end", csv="anchor_end"),
    _derived("claim", "anchor_exact", "Anchored words", csv="anchor_exact"),
    _derived("claim", "anchor_prefix", "Words before the anchor", csv="anchor_prefix"),
    _derived("claim", "anchor_suffix", "Words after the anchor", csv="anchor_suffix"),
    _derived("claim", "anchor_status", "Anchor status", csv="anchor_status"),
    _claim("speaker_id", "Speaker", csv=None, references="actor"),
    _claim("attribution", "Attribution", vocabulary=ATTRIBUTIONS),
    _claim("descriptor", "Descriptor", typed=True),
    _claim("source_count", "Sources behind", "number of sources"),
    _claim("status", "Status", vocabulary=STATUSES),
    _claim("credibility", "Credibility"),
    _claim("likelihood", "Likelihood", vocabulary=LIKELIHOODS),
    _claim("confidence", "Confidence", vocabulary=CONFIDENCES),
    _claim("said_on", "Said on", "date said", is_date=True),
    _claim("reported_on", "Reported on", "date reported", is_date=True),
    _claim("event_on", "Event on", "event date", is_date=True),
    _claim("notes", "Notes", typed=True),
    # Who may see it (TLP 2.0); the CSV column says the marking in force (the source's if higher).
    _claim("tlp", "Marking", vocabulary=MARKINGS),
    # The row id of the dataset a claim was imported from (set by the CSV importer only).
    _derived("claim", "external_id", "External id", csv="external_id"),
    _claim("tags", "Tags", stored=False),
)
LINK: tuple[Field, ...] = (
    Field("link", "relation", "Relation", "relation", vocabulary=RELATIONS, csv_column="relation"),
    Field("link", "note", "Note", "note", csv_column="note"),
)
SOURCE: tuple[Field, ...] = (
    Field("source", "title", "Title", "title", csv_column="source_title"),
    Field("source", "outlet_id", "Outlet", "outlet", references="actor"),
    Field("source", "byline", "Byline", "byline"),
    Field("source", "url", "Address", "address", csv_column="url"),
    Field("source", "published_on", "Published on", "date published", csv_column="published_on"),
    Field("source", "retrieved_at", "Retrieved at", "date retrieved"),
    Field("source", "language", "Language", "language"),
    Field("source", "tlp", "Marking", "marking", vocabulary=MARKINGS),
    _derived("source", "text", "Text"),
)
ACTOR: tuple[Field, ...] = (
    Field("actor", "name", "Name", "name", csv_column="speaker"),
    Field("actor", "kind", "Kind", "kind", vocabulary=ACTOR_KINDS, csv_column="speaker_kind"),
    Field("actor", "affiliation", "Affiliation", "affiliation"),
    Field("actor", "country", "Country", "country"),
    Field(
        "actor",
        "reliability",
        "Reliability",
        "reliability",
        vocabulary=RELIABILITY,
        csv_column="speaker_reliability",
        shown_as_code=True,
    ),
    Field("actor", "notes", "Notes", "notes"),
)

#: An analyst's opinion of a claim: their own, so never put back by someone else.
OPINION: tuple[Field, ...] = (
    Field("opinion", "opinion", "Opinion", "opinion", vocabulary=OPINIONS, restorable=False),
    Field("opinion", "note", "Opinion note", "opinion note", restorable=False),
    Field("opinion", "claim_id", "Claim", "claim", editable=False, restorable=False),
)

FIELDS: dict[str, dict[str, Field]] = {
    fields[0].kind: {f.name: f for f in fields} for fields in (CLAIM, LINK, SOURCE, ACTOR, OPINION)
}


def field(kind: str, name: str) -> Field | None:
    return FIELDS.get(kind, {}).get(name)


def fields_of(kind: str) -> Iterator[Field]:
    return iter(FIELDS.get(kind, {}).values())


def label(kind: str, name: str | None) -> str:
    """The field's label; an unknown field reads as its name ("new_field" → "New field")."""
    if name is None:
        return ""
    found = field(kind, name)
    return found.label if found else name.replace("_", " ").capitalize()


def phrase(kind: str, name: str) -> str:
    found = field(kind, name)
    return found.phrase if found else name.replace("_", " ")


def vocabulary(kind: str, name: str) -> Vocabulary | None:
    found = field(kind, name)
    return found.vocabulary if found else None


def value_label(kind: str, name: str, code: str) -> str:
    """A coded value as the analyst reads it: its label ("Disputed"), or the code itself."""
    found = field(kind, name)
    if found is None or found.vocabulary is None or found.shown_as_code:
        return code
    return found.vocabulary.label(code)


def coded(kind: str) -> dict[str, Vocabulary]:
    """The fields of ``kind`` whose values are codes, with their vocabularies."""
    return {f.name: f.vocabulary for f in fields_of(kind) if f.vocabulary is not None}


#: The claim table's columns that hold fields (bulk inserts write these).
CLAIM_STORED: tuple[str, ...] = tuple(f.name for f in CLAIM if f.stored)
#: CSV report column → claim table column, for the fields stored on the claim row itself.
CLAIM_CSV_COLUMNS: dict[str, str] = {
    f.csv_column: f.name for f in CLAIM if f.csv_column and f.stored
}
#: The fields an analyst sets on a claim, in the editor's order.
CLAIM_EDITABLE: tuple[str, ...] = tuple(f.name for f in CLAIM if f.editable)
#: A claim's dates.
CLAIM_DATES: tuple[str, ...] = tuple(f.name for f in CLAIM if f.is_date)
#: Free-text claim fields: successive edits of one merge into one undo step.
TYPED_FIELDS = frozenset(f.name for f in CLAIM if f.typed)
#: Fields whose earlier value can be put back, per kind.
RESTORABLE: dict[str, frozenset[str]] = {
    kind: frozenset(f.name for f in fields.values() if f.restorable)
    for kind, fields in FIELDS.items()
}
#: Fields holding the id of another record, and the kind of that record.
REFERENCES: dict[tuple[str, str], str] = {
    (f.kind, f.name): f.references
    for fields in FIELDS.values()
    for f in fields.values()
    if f.references
}
