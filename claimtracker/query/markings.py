"""Markings (TLP 2.0) in SQL: a claim's marking in force, and leaving out what goes too far.

A claim's marking in force is the higher of its own and its source's; no marking counts as
TLP:CLEAR. Plain SQL over the stored codes, so every export filters in the database.
"""

from __future__ import annotations

from claimtracker.vocabulary import MARKINGS, marking_rank


def rank_sql(expression: str) -> str:
    """0 (clear or unmarked) … 4 (red) for the marking code in ``expression``."""
    whens = " ".join(f"WHEN '{code}' THEN {rank}" for rank, code in enumerate(MARKINGS.codes))
    return f"(CASE {expression} {whens} ELSE 0 END)"


def in_force_sql(claim: str = "c", source: str = "s") -> str:
    """The code of the claim's marking in force (NULL when neither it nor its source is marked)."""
    return (
        f"(CASE WHEN {rank_sql(f'{claim}.tlp')} >= {rank_sql(f'{source}.tlp')}"
        f" THEN coalesce({claim}.tlp, {source}.tlp) ELSE {source}.tlp END)"
    )


def within_sql(max_tlp: str, claim: str = "c") -> str:
    """A condition: the claim (alias ``claim``) and its source are marked at most ``max_tlp``."""
    limit = marking_rank(MARKINGS.parse(max_tlp, field="max_tlp"))
    return (
        f"({rank_sql(f'{claim}.tlp')} <= {limit} AND NOT EXISTS (SELECT 1 FROM source ms"
        f" WHERE ms.id = {claim}.source_id AND {rank_sql('ms.tlp')} > {limit}))"
    )
