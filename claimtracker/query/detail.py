"""Everything about one claim, for the detail pane and ``claimtracker show``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimtracker.errors import NotFoundError
from claimtracker.query.links import LinkRow, links_of
from claimtracker.query.rows import ClaimRow, fetch_row
from claimtracker.store.dbapi import DbConnection


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    row: ClaimRow
    anchor_exact: str | None
    anchor_prefix: str | None
    anchor_suffix: str | None
    links: tuple[LinkRow, ...]

    def to_dict(self) -> dict[str, Any]:
        data = self.row.to_dict()
        if self.row.anchor_start is not None:
            data["anchor"] = {
                "status": self.row.anchor_status,
                "selectors": [
                    {
                        "type": "TextPositionSelector",
                        "start": self.row.anchor_start,
                        "end": self.row.anchor_end,
                    },
                    {
                        "type": "TextQuoteSelector",
                        "exact": self.anchor_exact,
                        "prefix": self.anchor_prefix,
                        "suffix": self.anchor_suffix,
                    },
                ],
            }
        data["links"] = [link.to_dict() for link in self.links]
        return data


def claim_detail(connection: DbConnection, claim_id: int) -> ClaimDetail:
    row = fetch_row(connection, claim_id)
    if row is None:
        raise NotFoundError(f"There is no claim #{claim_id}")
    exact, prefix, suffix = connection.execute(
        "SELECT anchor_exact, anchor_prefix, anchor_suffix FROM claim WHERE id = ?", (claim_id,)
    ).fetchone()
    return ClaimDetail(
        row=row,
        anchor_exact=exact,
        anchor_prefix=prefix,
        anchor_suffix=suffix,
        links=tuple(links_of(connection, claim_id)),
    )
