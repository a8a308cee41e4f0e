"""How far each reported claim stands on its own: the independence of the sources behind it
(``dispute.independence``) and the analysts' opinions of it (``dispute.opinions``), as the
dossier and the XLSX report show them.

A reason why two sources are not independent names the other claim and quotes its words, so a
reason that names a claim marked above the report's limit is left out (and counted).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from claimtracker.dispute.independence import Independence, check_independence
from claimtracker.dispute.opinions import OpinionRow, opinions_of, summary
from claimtracker.query.chunks import MARKS, select_in
from claimtracker.query.markings import within_sql
from claimtracker.store.dbapi import DbConnection


@dataclass(frozen=True, slots=True)
class Judgement:
    independence: Independence
    opinions: tuple[OpinionRow, ...]
    #: Why some sources are not independent, each naming only claims the report may show.
    reasons: tuple[str, ...]
    #: Reasons left out because they name a claim marked above the report's limit.
    withheld: int = 0

    @property
    def verdict(self) -> str:
        """ "2 sources behind claim #4, 1 independent — #4 and #7 come from the same outlet: …" """
        why = list(self.reasons)
        if self.withheld:
            why.append(
                f"{self.withheld} more reason{'s' if self.withheld != 1 else ''} "
                "name claims marked above the report's limit"
            )
        return self.independence.summary() + (f" — {'; '.join(why)}" if why else "")

    @property
    def opinion_lines(self) -> list[str]:
        """ "Anna: Agree — two witnesses", one per analyst."""
        return [
            f"{row.analyst}: {row.label}" + (f" — {row.note}" if row.note else "")
            for row in self.opinions
        ]

    @property
    def opinion_summary(self) -> str:
        return summary(list(self.opinions))


def _allowed_ids(connection: DbConnection, ids: set[int], max_tlp: str | None) -> set[int]:
    if max_tlp is None:
        return ids
    sql = f"SELECT c.id FROM claim c WHERE c.id IN ({MARKS}) AND {within_sql(max_tlp)}"
    return {claim_id for (claim_id,) in select_in(connection, sql, list(ids))}


def judge_claims(
    connection: DbConnection, claim_ids: Iterable[int], *, max_tlp: str | None = None
) -> dict[int, Judgement]:
    """The judgement of each live claim of ``claim_ids``, by id."""
    checks: dict[int, Independence] = {}
    for claim_id in claim_ids:
        if claim_id not in checks:
            checks[claim_id] = check_independence(connection, claim_id)
    named = {w.claim_id for check in checks.values() for w in check.witnesses}
    hidden = named - _allowed_ids(connection, named, max_tlp)
    judgements: dict[int, Judgement] = {}
    for claim_id, check in checks.items():
        shown = tuple(d.sentence for d in check.dependences if not {d.claim_a, d.claim_b} & hidden)
        judgements[claim_id] = Judgement(
            independence=check,
            opinions=tuple(opinions_of(connection, claim_id)),
            reasons=shown,
            withheld=len(check.dependences) - len(shown),
        )
    return judgements
