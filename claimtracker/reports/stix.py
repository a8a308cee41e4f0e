"""Claims as a STIX 2.1 bundle, for threat-intelligence platforms (MISP, OpenCTI).

The mapping (also in the README):

- each **claim** is a ``note``: ``abstract`` the claim as phrased, ``content`` the verbatim
  quote with its speaker and the attribution as the article worded it, ``labels`` the codes
  (``attribution:anonymous``, ``status:false``, ``rating:B2``, tags as ``tag:…``);
  ``object_refs`` its speaker's identity and its source's report;
- each **actor** (speaker or outlet) is an ``identity`` (person → individual, described group →
  group, organisation, government body and outlet → organization);
- each **source** is a ``report`` holding its claims, speakers, assessments and links, with the
  article's address as an external reference; claims without a source share one report for
  the export;
- the analyst's **verification status** is an ``opinion`` on the claim's note (verified →
  agree, or strongly-agree when confirmed by other sources; false → strongly-disagree;
  misleading → disagree; disputed and inconclusive → neutral; not yet checked → none);
- each **link** is a ``relationship`` from B to A (``denies``, ``contradicts``, ``counters``,
  ``supports``, ``repeats``, ``responds-to``);
- **markings** are the TLP 2.0 ``marking-definition`` objects published by OASIS (fixed ids),
  referenced from every object by ``object_marking_refs``: a claim's marking in force, the
  highest of its contents for a report, the higher end's for a link.

Identifiers are derived from the records' UUIDs, so exporting again gives the same ids.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from claimtracker.query import ClaimFilter, ClaimOrder, ClaimRow, fetch_rows, search_ids
from claimtracker.query.chunks import MARKS, select_in
from claimtracker.store.dbapi import DbConnection
from claimtracker.vocabulary import ATTRIBUTIONS, MARKINGS, highest_marking

#: The OASIS TLP 2.0 marking definitions (stix-common-objects), by TLP code.
TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP_MARKING_IDS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
_TLP_CREATED = "2022-10-01T00:00:00.000Z"
_TLP_AUTHOR = "identity--5abe695c-7bd5-4c31-8824-2528696cdbf1"

IDENTITY_CLASSES = {
    "person": "individual",
    "organisation": "organization",
    "government_body": "organization",
    "media_outlet": "organization",
    "described_group": "group",
    "unknown": "unknown",
}
#: Verification status → STIX opinion on the claim (None: no assessment yet).
OPINIONS: dict[str, str | None] = {
    "verified": "agree",
    "false": "strongly-disagree",
    "misleading": "disagree",
    "disputed": "neutral",
    "inconclusive": "neutral",
    "unstarted": None,
    "in_progress": None,
}
_NAMESPACE = uuid.UUID("8a4f0f7e-4d1c-4a43-9a8e-6c3f5f0e2d11")


def _stix_time(value: str | None) -> str:
    """A stored UTC timestamp ("2026-12-05 06:53:00.123456") in STIX form."""
    if not value:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    moment = datetime.fromisoformat(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _day_time(day: str | None, fallback: str) -> str:
    return f"{day}T00:00:00.000Z" if day else fallback


def _markings(code: str | None) -> dict[str, list[str]]:
    return {"object_marking_refs": [TLP_MARKING_IDS[code]]} if code else {}


def marking_definition(code: str) -> dict[str, Any]:
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": TLP_MARKING_IDS[code],
        "created_by_ref": _TLP_AUTHOR,
        "created": _TLP_CREATED,
        "name": MARKINGS.label(code),
        "extensions": {
            TLP_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": code},
        },
    }


@dataclass(frozen=True, slots=True)
class _Actor:
    id: int
    uuid: str
    name: str
    kind: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class _Source:
    id: int
    uuid: str
    title: str
    url: str | None
    published_on: str | None
    outlet_id: int | None
    tlp: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class _Link:
    uuid: str
    a: int
    b: int
    relation: str
    note: str | None
    created_at: str
    updated_at: str


def _actors(connection: DbConnection, ids: Iterable[int]) -> dict[int, _Actor]:
    sql = f"SELECT id, uuid, name, kind, created_at, updated_at FROM actor WHERE id IN ({MARKS})"
    return {r[0]: _Actor(*r) for r in select_in(connection, sql, set(ids))}


def _sources(connection: DbConnection, ids: Iterable[int]) -> dict[int, _Source]:
    sql = (
        "SELECT id, uuid, title, url, published_on, outlet_id, tlp, created_at, updated_at"
        f" FROM source WHERE id IN ({MARKS})"
    )
    return {r[0]: _Source(*r) for r in select_in(connection, sql, set(ids))}


def _links(connection: DbConnection, ids: set[int]) -> list[_Link]:
    sql = (
        "SELECT uuid, claim_a_id, claim_b_id, relation, note, created_at, updated_at FROM link"
        f" WHERE deleted_at IS NULL AND claim_a_id IN ({MARKS}) ORDER BY id"
    )
    return [_Link(*r) for r in select_in(connection, sql, ids) if r[2] in ids]


def _identity(actor: _Actor) -> dict[str, Any]:
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": f"identity--{actor.uuid}",
        "created": _stix_time(actor.created_at),
        "modified": _stix_time(actor.updated_at),
        "name": actor.name,
        "identity_class": IDENTITY_CLASSES.get(actor.kind, "unknown"),
    }


def _note_content(row: ClaimRow) -> str:
    parts = []
    if row.quote:
        parts.append(f"“{row.quote}”")
    said = row.speaker or "Unknown speaker"
    attribution = ATTRIBUTIONS.label(row.attribution)
    if row.descriptor:
        attribution += f": “{row.descriptor}”"
    parts.append(f"{said} ({attribution})")
    if row.source_title:
        parts.append(f"Source: {row.source_title}" + (f" ({row.outlet})" if row.outlet else ""))
    if row.notes:
        parts.append(f"Analyst's notes: {row.notes}")
    return "\n".join(parts)


def _note(row: ClaimRow, refs: list[str]) -> dict[str, Any]:
    labels = [f"attribution:{row.attribution}", f"status:{row.status}"]
    if row.rating:
        labels.append(f"rating:{row.rating}")
    labels += [f"tag:{tag}" for tag in row.tags]
    note: dict[str, Any] = {
        "type": "note",
        "spec_version": "2.1",
        "id": f"note--{row.uuid}",
        "created": _stix_time(row.created_at),
        "modified": _stix_time(row.updated_at),
        "abstract": row.text,
        "content": _note_content(row),
        "object_refs": refs,
        "labels": labels,
    }
    if row.speaker:
        note["authors"] = [row.speaker]
    return note | _markings(row.marking)


def _opinion(row: ClaimRow) -> dict[str, Any] | None:
    opinion = OPINIONS.get(row.status)
    if opinion is None:
        return None
    if opinion == "agree" and row.credibility == 1:
        opinion = "strongly-agree"
    explanation = f"Verification status: {row.status}"
    if row.rating:
        explanation += f"; Admiralty rating {row.rating}"
    return {
        "type": "opinion",
        "spec_version": "2.1",
        "id": f"opinion--{uuid.uuid5(_NAMESPACE, row.uuid)}",
        "created": _stix_time(row.created_at),
        "modified": _stix_time(row.updated_at),
        "opinion": opinion,
        "explanation": explanation,
        "object_refs": [f"note--{row.uuid}"],
    } | _markings(row.marking)


def _relationship(link: _Link, rows: dict[int, ClaimRow]) -> dict[str, Any]:
    a, b = rows[link.a], rows[link.b]
    relationship: dict[str, Any] = {
        "type": "relationship",
        "spec_version": "2.1",
        "id": f"relationship--{link.uuid}",
        "created": _stix_time(link.created_at),
        "modified": _stix_time(link.updated_at),
        "relationship_type": link.relation.replace("_", "-"),
        "source_ref": f"note--{b.uuid}",
        "target_ref": f"note--{a.uuid}",
    }
    if link.note:
        relationship["description"] = link.note
    return relationship | _markings(highest_marking(a.marking, b.marking))


def build_bundle(
    connection: DbConnection,
    *,
    claim_filter: ClaimFilter | None = None,
    order: ClaimOrder | None = None,
) -> dict[str, Any]:
    """The claims of ``claim_filter`` (its ``max_tlp`` included) as a STIX 2.1 bundle."""
    claim_filter = claim_filter or ClaimFilter()
    ids = list(search_ids(connection, claim_filter, order or ClaimOrder()))
    rows = {row.id: row for row in fetch_rows(connection, ids)}
    sources = _sources(connection, {r.source_id for r in rows.values() if r.source_id})
    actor_ids = {r.speaker_id for r in rows.values() if r.speaker_id}
    actor_ids |= {s.outlet_id for s in sources.values() if s.outlet_id}
    actors = _actors(connection, actor_ids)
    links = _links(connection, set(rows))

    objects: list[dict[str, Any]] = []
    report_refs: dict[int | None, list[str]] = defaultdict(list)
    report_markings: dict[int | None, list[str | None]] = defaultdict(list)
    export_report = f"report--{uuid.uuid4()}"
    for actor in actors.values():
        objects.append(_identity(actor))
    for row in rows.values():
        refs = [f"identity--{actors[row.speaker_id].uuid}"] if row.speaker_id in actors else []
        source = sources.get(row.source_id) if row.source_id else None
        refs.append(f"report--{source.uuid}" if source else export_report)
        note = _note(row, refs)
        objects.append(note)
        key = source.id if source else None
        report_refs[key] += [note["id"], *refs[:-1]]
        report_markings[key].append(row.marking)
        opinion = _opinion(row)
        if opinion is not None:
            objects.append(opinion)
            report_refs[key].append(opinion["id"])
    for link in links:
        relationship = _relationship(link, rows)
        objects.append(relationship)
        report_refs[rows[link.b].source_id if rows[link.b].source_id in sources else None].append(
            relationship["id"]
        )
    now = _stix_time(None)
    for key, refs in report_refs.items():
        source = sources.get(key) if key is not None else None
        report: dict[str, Any] = {
            "type": "report",
            "spec_version": "2.1",
            "id": f"report--{source.uuid}" if source else export_report,
            "created": _stix_time(source.created_at) if source else now,
            "modified": _stix_time(source.updated_at) if source else now,
            "name": (source.title or f"Source #{source.id}") if source else "ClaimTracker export",
            "published": _day_time(source.published_on, _stix_time(source.created_at))
            if source
            else now,
            "report_types": ["threat-report"],
            "object_refs": list(dict.fromkeys(refs)),
        }
        if source and source.url:
            outlet = actors.get(source.outlet_id) if source.outlet_id else None
            report["external_references"] = [
                {"source_name": outlet.name if outlet else "source", "url": source.url}
            ]
        if source and source.outlet_id in actors:
            report["created_by_ref"] = f"identity--{actors[source.outlet_id].uuid}"
        report |= _markings(highest_marking(*report_markings[key], source.tlp if source else None))
        objects.append(report)
    used = {ref for obj in objects for ref in obj.get("object_marking_refs", [])}
    markings = [marking_definition(code) for code, id_ in TLP_MARKING_IDS.items() if id_ in used]
    return {
        "type": "bundle",
        "id": f"bundle--{uuid.uuid4()}",
        "objects": [*markings, *objects],
    }


def render_stix(
    connection: DbConnection,
    *,
    claim_filter: ClaimFilter | None = None,
    order: ClaimOrder | None = None,
) -> tuple[bytes, int]:
    """The bundle as UTF-8 JSON, and how many claims it holds."""
    bundle = build_bundle(connection, claim_filter=claim_filter, order=order)
    claims = sum(1 for obj in bundle["objects"] if obj["type"] == "note")
    return json.dumps(bundle, ensure_ascii=False, indent=2).encode("utf-8") + b"\n", claims
