"""Reading claims with plain DB-API queries: filters, full-text search, rows, details.

No SQLAlchemy here, so the app can paint its first rows before the ORM is imported.
"""

from claimtracker.query.detail import ClaimDetail, claim_detail
from claimtracker.query.filters import ClaimFilter, compile_filter
from claimtracker.query.links import LinkRow, links_of
from claimtracker.query.rows import ClaimRow, fetch_row, fetch_rows
from claimtracker.query.search import (
    ClaimOrder,
    count_claims,
    highest_marking_of,
    search_ids,
    search_rows,
)

__all__ = [
    "ClaimDetail",
    "ClaimFilter",
    "ClaimOrder",
    "ClaimRow",
    "LinkRow",
    "claim_detail",
    "compile_filter",
    "count_claims",
    "fetch_row",
    "fetch_rows",
    "highest_marking_of",
    "links_of",
    "search_ids",
    "search_rows",
]
