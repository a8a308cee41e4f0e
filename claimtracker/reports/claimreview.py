"""schema.org ClaimReview (JSON-LD), the format fact-checkers publish and exchange.

Export: one ``ClaimReview`` per assessed claim (a claim not yet checked has no review to give):
``claimReviewed`` the claim as phrased, ``itemReviewed`` a ``Claim`` with its ``author`` (the
speaker, a Person or an Organization), its ``text`` (the quote), the date it was said and its
``appearance`` (the source
article: address, headline, outlet, date), ``reviewRating`` from the verification status
(``alternateName`` the status label, ``ratingValue`` 1 false … 5 verified), ``identifier`` the
claim's UUID and the marking as ``conditionsOfAccess`` ("TLP:AMBER").

Import reads such a file back (ours, or a fact-checker's feed: a single review, a list, an
``@graph`` or a ``DataFeed``): a review whose identifier is a known claim's UUID updates that
claim; others create claims, with their speakers and sources (known by address) found or made.
All or nothing, in one transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claimtracker.errors import ClaimTrackerError
from claimtracker.query import ClaimFilter, ClaimOrder, ClaimRow, fetch_rows, search_ids
from claimtracker.store.dbapi import DbConnection
from claimtracker.vocabulary import MARKINGS, STATUSES

#: Verification status → (ratingValue on a 1–5 scale, where 5 is best).
RATINGS = {"false": 1, "misleading": 2, "disputed": 3, "inconclusive": 3, "verified": 5}
ASSESSED = tuple(RATINGS)
#: Fact-checkers' own verdict words → our status (labels and codes are read as well).
VERDICTS = {
    "true": "verified",
    "mostly true": "verified",
    "correct": "verified",
    "accurate": "verified",
    "half true": "misleading",
    "half-true": "misleading",
    "mostly false": "misleading",
    "partly false": "misleading",
    "missing context": "misleading",
    "out of context": "misleading",
    "barely true": "misleading",
    "pants on fire": "false",
    "pants-fire": "false",
    "incorrect": "false",
    "fake": "false",
    "unproven": "inconclusive",
    "unverified": "inconclusive",
    "mixture": "disputed",
}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _review(row: ClaimRow, url: str | None, published_on: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if row.speaker:
        kind = "Person" if row.speaker_kind in ("person", None) else "Organization"
        item["author"] = {"@type": kind, "name": row.speaker}
    if row.said_on:
        item["datePublished"] = row.said_on
    if row.quote:
        item["text"] = row.quote  # the speaker's own words
    if row.source_id is not None:
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if url:
            appearance["url"] = url
        if row.source_title:
            appearance["headline"] = row.source_title
        if published_on:
            appearance["datePublished"] = published_on
        if row.outlet:
            appearance["publisher"] = {"@type": "Organization", "name": row.outlet}
        item["appearance"] = [appearance]
        item["firstAppearance"] = appearance
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": f"urn:uuid:{row.uuid}",
        "claimReviewed": row.text,
        "datePublished": row.updated_at[:10],
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[row.status],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": STATUSES.label(row.status),
        },
    }
    if row.marking:
        review["conditionsOfAccess"] = MARKINGS.label(row.marking)
    return review


def build_claimreviews(
    connection: DbConnection,
    *,
    claim_filter: ClaimFilter | None = None,
    order: ClaimOrder | None = None,
) -> dict[str, Any]:
    """The assessed claims of ``claim_filter`` (its ``max_tlp`` included) as JSON-LD."""
    claim_filter = claim_filter or ClaimFilter()
    statuses = tuple(s for s in (claim_filter.statuses or ASSESSED) if s in RATINGS)
    ids = list(search_ids(connection, claim_filter.with_(statuses=statuses), order or ClaimOrder()))
    rows = fetch_rows(connection, ids) if statuses else []
    sources = {
        source_id: (url, published_on)
        for source_id, url, published_on in connection.execute(
            "SELECT id, url, published_on FROM source WHERE id IN "
            "(SELECT DISTINCT source_id FROM claim WHERE source_id IS NOT NULL)"
        )
    }
    return {
        "@context": "https://schema.org",
        "@graph": [_review(row, *sources.get(row.source_id or -1, (None, None))) for row in rows],
    }


def render_claimreview(
    connection: DbConnection,
    *,
    claim_filter: ClaimFilter | None = None,
    order: ClaimOrder | None = None,
) -> tuple[bytes, int]:
    document = build_claimreviews(connection, claim_filter=claim_filter, order=order)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return data, len(document["@graph"])


# -- Reading ClaimReview back --------------------------------------------------------------


class ClaimReviewError(ClaimTrackerError):
    """A ClaimReview file cannot be read; the message says where."""


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """One ClaimReview as the fields of a claim."""

    position: int
    text: str
    uuid: str | None = None
    quote: str | None = None
    speaker: str | None = None
    speaker_kind: str | None = None
    said_on: date | None = None
    status: str | None = None
    tlp: str | None = None
    url: str | None = None
    source_title: str | None = None
    outlet: str | None = None
    published_on: date | None = None


@dataclass
class ClaimReviewSummary:
    reviews: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"Read {self.reviews} review(s): {self.created} new claims, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


def _reviews(document: Any) -> Iterator[dict[str, Any]]:
    if isinstance(document, list):
        for item in document:
            yield from _reviews(item)
        return
    if not isinstance(document, dict):
        return
    kind = document.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "ClaimReview" in kinds:
        yield document
        return
    for key in ("@graph", "dataFeedElement", "itemListElement", "item", "mainEntity"):
        if key in document:
            yield from _reviews(document[key])


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _name(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() or None if value else None


def _day(value: Any, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ClaimReviewError(f"{where}: {value!r} is not a date like 2018-08-25") from None


def _status(rating: Any, where: str) -> str | None:
    rating = _first(rating)
    if not isinstance(rating, dict):
        return None
    name = str(rating.get("alternateName") or "").strip()
    if name:
        code = STATUSES.lookup(name) or VERDICTS.get(name.casefold())
        if code is None:
            raise ClaimReviewError(
                f"{where}: the verdict {name!r} is not a known status "
                f"(one of: {', '.join(STATUSES.codes)})"
            )
        return code
    try:
        value = float(rating["ratingValue"])
        worst = float(rating.get("worstRating", 1))
        best = float(rating.get("bestRating", 5))
    except (KeyError, TypeError, ValueError):
        return None
    share = (value - worst) / (best - worst) if best > worst else 0.0
    return (
        "false"
        if share < 0.2
        else "misleading"
        if share < 0.45
        else ("inconclusive" if share < 0.75 else "verified")
    )


def read_claimreviews(path: Path) -> list[ReviewedClaim]:
    """The reviews in a ClaimReview JSON-LD file, checked; raises on the first problem."""
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ClaimReviewError(f"Cannot read {path}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise ClaimReviewError(
            f"{path.name}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    claims: list[ReviewedClaim] = []
    for position, review in enumerate(_reviews(document), start=1):
        where = f"{path.name}, review {position}"
        text = str(review.get("claimReviewed") or "").strip()
        if not text:
            raise ClaimReviewError(f"{where}: claimReviewed is missing or empty")
        item = _first(review.get("itemReviewed")) or {}
        author = _first(item.get("author")) if isinstance(item, dict) else None
        appearance = _first(item.get("appearance") or item.get("firstAppearance")) or {}
        if isinstance(appearance, str):
            appearance = {"url": appearance}
        identifier = str(_first(review.get("identifier")) or "")
        found = _UUID.search(identifier.lower())
        access = str(review.get("conditionsOfAccess") or "")
        claims.append(
            ReviewedClaim(
                position=position,
                text=text,
                uuid=found.group(0) if found else None,
                quote=str(item.get("text") or "").strip() or None
                if isinstance(item, dict)
                else None,
                speaker=_name(author),
                speaker_kind=(
                    "person"
                    if isinstance(author, dict) and author.get("@type") == "Person"
                    else "organisation"
                    if isinstance(author, dict)
                    else None
                ),
                said_on=_day(item.get("datePublished"), where) if isinstance(item, dict) else None,
                status=_status(review.get("reviewRating"), where),
                tlp=MARKINGS.lookup(access) if access else None,
                url=str(appearance.get("url") or "").strip() or None,
                source_title=str(appearance.get("headline") or appearance.get("name") or "").strip()
                or None,
                outlet=_name(appearance.get("publisher")),
                published_on=_day(appearance.get("datePublished"), where),
            )
        )
    if not claims:
        raise ClaimReviewError(f"{path.name}: no ClaimReview found")
    return claims
