"""Which CSV column fills which claim field: guessed from header names, overridable.

Our own export's column names map onto themselves; other tools' headers are matched through a
list of usual names ("Statement", "Who", "Verdict", ...). ``--map COLUMN=FIELD`` overrides a
guess; COLUMN is a header name or a 1-based position, FIELD is a field name or ``ignore``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimtracker.csvio.columns import CLAIM_COLUMNS
from claimtracker.errors import CsvImportError

#: Fields a column can fill, with what they mean.
FIELDS = {
    "uuid": "stable identifier; a row with a known uuid updates that claim",
    "claim": "the claim as phrased",
    "quote": "the verbatim words",
    "speaker": "who asserts it (an actor's name)",
    "speaker_kind": "kind of the speaker (person, organisation, ...)",
    "speaker_reliability": "source reliability A–F of the speaker",
    "attribution": "attribution code or label",
    "descriptor": "the attribution as worded",
    "source_count": "number of sources",
    "status": "verification status code or label",
    "rating": "Admiralty rating such as B2",
    "credibility": "information credibility 1–6",
    "likelihood": "estimative likelihood",
    "confidence": "analytic confidence",
    "said_on": "date it was said",
    "reported_on": "date it was reported",
    "event_on": "date of the event",
    "source_title": "title of the source",
    "outlet": "outlet of the source",
    "url": "address of the source",
    "published_on": "publication date of the source",
    "source_uuid": "stable identifier of the source",
    "tags": "tags separated by ; or ,",
    "links": "links as 'relation uuid; ...' (our export)",
    "notes": "notes",
    "anchor_start": "start offset in the source text",
    "anchor_end": "end offset in the source text",
    "anchor_exact": "anchored text",
    "anchor_prefix": "text before the anchor",
    "anchor_suffix": "text after the anchor",
    "anchor_status": "ok or orphan",
    "created_at": "when the claim was recorded",
    "tlp": "marking (TLP 2.0): clear, green, amber, amber+strict or red",
    "external_id": "the file's own row id, kept; importing the file again updates those claims",
    "context": "where or how it was said (kept in the notes; repeated rows keep each one)",
    "speaker_affiliation": "party or affiliation of a new speaker",
    "ignore": "skip this column",
}
#: Export columns the importer reads back as nothing (derived or database-local values).
_DERIVED = {"claim_id": "ignore", "counter_claims": "ignore", "updated_at": "ignore"}

_SYNONYMS = {
    "claim": ["claim", "claim_text", "text", "statement", "assertion", "claim_reviewed"],
    "quote": ["quote", "quotation", "verbatim", "excerpt", "citation"],
    "speaker": [
        "speaker",
        "who",
        "claimant",
        "author_of_claim",
        "actor",
        "said_by",
        "source_person",
        "person",
    ],
    "speaker_kind": ["speaker_kind", "actor_kind", "speaker_type"],
    "attribution": ["attribution", "attribution_type", "sourcing"],
    "descriptor": ["descriptor", "attribution_phrase", "attributed_as"],
    "source_count": ["source_count", "sources", "number_of_sources", "n_sources"],
    "status": [
        "status",
        "verification",
        "verification_status",
        "verdict",
        "rating_status",
        "label",
        "ruling",
        "truth_rating",
        "fact_check_rating",
        "textual_rating",
    ],
    "rating": ["rating", "admiralty", "admiralty_rating", "admiralty_code", "nato_rating"],
    "credibility": ["credibility", "information_credibility"],
    "speaker_reliability": ["speaker_reliability", "reliability", "source_reliability"],
    "likelihood": ["likelihood", "probability", "estimative_probability"],
    "confidence": ["confidence", "analytic_confidence"],
    "said_on": ["said_on", "date_said", "statement_date", "claim_date", "date"],
    "reported_on": ["reported_on", "report_date", "date_reported"],
    "event_on": ["event_on", "event_date"],
    "source_title": ["source_title", "source", "article", "article_title", "headline", "title"],
    "outlet": ["outlet", "publisher", "publication", "media", "newspaper", "site"],
    "url": ["url", "link", "source_url", "article_url", "address"],
    "published_on": ["published_on", "publication_date", "published", "date_published"],
    "source_uuid": ["source_uuid"],
    "tags": [
        "tags",
        "tag",
        "labels",
        "keywords",
        "topics",
        "categories",
        "subject",
        "subjects",
    ],
    "links": ["links"],
    "notes": ["notes", "note", "comment", "comments", "remarks", "analyst_notes"],
    "uuid": ["uuid", "guid", "claim_uuid"],
    "tlp": ["tlp", "marking", "tlp_marking", "traffic_light_protocol"],
    "external_id": ["external_id", "row_id", "dataset_id", "statement_id"],
    "context": ["context", "venue", "setting"],
    "speaker_affiliation": ["party", "party_affiliation", "affiliation", "speaker_party"],
    # Recognised and left alone: a US state is not a verification status, a job title is not
    # an affiliation.
    "ignore": ["state", "state_info", "job_title", "speaker_job_title", "title_of_speaker"],
}
_BY_NAME: dict[str, str] = {}
for _field, _names in _SYNONYMS.items():
    for _name in _names:
        _BY_NAME.setdefault(_name, _field)
for _column in CLAIM_COLUMNS:
    _BY_NAME[_column.name] = _DERIVED.get(_column.name, _column.name)


def normalise_header(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.strip().casefold()).strip("_")


def guess_field(header: str) -> str | None:
    return _BY_NAME.get(normalise_header(header))


def looks_like_header(cells: list[str]) -> bool:
    """True when most non-empty cells of a first row are names of known fields."""
    named = [c for c in cells if c.strip()]
    return bool(named) and sum(guess_field(c) is not None for c in named) * 2 >= len(named)


@dataclass(frozen=True)
class ColumnMapping:
    headers: tuple[str, ...]
    #: For each column position, the field it fills (None or "ignore": skipped).
    fields: tuple[str | None, ...]

    def describe(self) -> list[tuple[str, str]]:
        return [(h, f or "ignore") for h, f in zip(self.headers, self.fields, strict=True)]


def parse_value_maps(items: list[str] | tuple[str, ...]) -> dict[str, dict[str, str]]:
    """``["status:half-true=misleading"]`` → ``{"status": {"half-true": "misleading"}}``
    (the file's values matched without regard to case)."""
    maps: dict[str, dict[str, str]] = {}
    for item in items:
        target, sep, value = item.partition(":")
        raw, eq, replacement = value.rpartition("=")
        if not sep or not eq or not raw.strip():
            raise CsvImportError(
                f"--value {item!r}: expected FIELD:VALUE=REPLACEMENT, e.g. status:half-true=misleading"
            )
        if target.strip() not in FIELDS or target.strip() == "ignore":
            raise CsvImportError(
                f"--value {item!r}: unknown field {target.strip()!r} (one of: {', '.join(FIELDS)})"
            )
        maps.setdefault(target.strip(), {})[raw.strip().casefold()] = replacement.strip()
    return maps


def parse_overrides(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["Who=speaker", "3=tags"]`` → ``{"Who": "speaker", "3": "tags"}``, checked."""
    overrides: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        field = field.strip()
        if not sep or not column.strip():
            raise CsvImportError(f"--map {item!r}: expected COLUMN=FIELD, e.g. Who=speaker")
        if field not in FIELDS:
            raise CsvImportError(
                f"--map {item!r}: unknown field {field!r} (one of: {', '.join(FIELDS)})"
            )
        overrides[column.strip()] = field
    return overrides


def build_mapping(
    first_row: list[str], has_header: bool | None, overrides: dict[str, str]
) -> tuple[ColumnMapping, bool]:
    """The mapping for a file whose first record is ``first_row``; also whether it is a header."""
    header = looks_like_header(first_row) if has_header is None else has_header
    width = len(first_row)
    if header:
        headers = tuple(first_row)
        fields: list[str | None] = [guess_field(h) for h in headers]
    else:
        headers = tuple(f"column {i}" for i in range(1, width + 1))
        if overrides:
            fields = [None] * width
        elif width == len(CLAIM_COLUMNS):
            fields = [_DERIVED.get(c.name, c.name) for c in CLAIM_COLUMNS]
        else:
            raise CsvImportError(
                "the first row is not a header I recognise; say which column holds what "
                "with --map, e.g. --map 1=claim --map 2=speaker (or --header if it is a header)",
                line=1,
            )
    normalised = {normalise_header(h): i for i, h in enumerate(headers)}
    for column, field in overrides.items():
        if column.isdigit():
            index = int(column) - 1
            if not 0 <= index < width:
                raise CsvImportError(f"--map {column}={field}: the file has {width} columns")
        elif normalise_header(column) in normalised:
            index = normalised[normalise_header(column)]
        else:
            raise CsvImportError(
                f"--map {column}={field}: no column called {column!r} "
                f"(columns: {', '.join(headers)})"
            )
        fields[index] = field
    used = [f for f in fields if f not in (None, "ignore")]
    duplicates = sorted({f for f in used if used.count(f) > 1 and f != "tags"})
    if duplicates:
        raise CsvImportError(
            f"several columns fill {', '.join(duplicates)}; map one of them to ignore with --map"
        )
    if not {"claim", "quote", "uuid"} & set(used):
        raise CsvImportError(
            "no column holds the claim or its quote; map one with --map COLUMN=claim", line=1
        )
    return ColumnMapping(headers=headers, fields=tuple(fields)), header
