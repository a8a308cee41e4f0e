"""Are the sources behind a claim independent? VOCABULARY.md: "1 – Confirmed by other sources"
means confirmed by *independent* sources; two outlets repeating one wire story are one source.

The sources behind a claim are its own and those of the claims linked to it as supporting or
repeating it. Two of them depend on each other when they are the same article, carry the same
words (an echo, or linked as repeats), rest on the same described anonymous source ("people
familiar with the discussions" in two outlets), come from the same outlet or outlet family
(the outlets' affiliation), or when one cites the other (its attribution names the other's
outlet: "TASS reported"). Dependent sources are grouped; the number of groups is the number of
independent sources.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from claimtracker.dispute.echoes import DEFAULT_THRESHOLD, similarity
from claimtracker.errors import NotFoundError
from claimtracker.store.dbapi import DbConnection

#: How alike two descriptors must be (rapidfuzz token set ratio) to name one anonymous source.
DESCRIPTOR_THRESHOLD = 85.0

SAME_ARTICLE = "same_article"
ECHO = "echo"
SAME_ANONYMOUS_SOURCE = "same_anonymous_source"
SAME_OUTLET = "same_outlet"
SAME_OUTLET_FAMILY = "same_outlet_family"
CITES = "cites"

REASON_LABELS = {
    SAME_ARTICLE: "are the same article",
    ECHO: "carry the same words (an echo)",
    SAME_ANONYMOUS_SOURCE: "rest on the same described source",
    SAME_OUTLET: "come from the same outlet",
    SAME_OUTLET_FAMILY: "come from the same outlet family",
    CITES: "cite one another",
}


@dataclass(frozen=True, slots=True)
class Witness:
    """One claim behind the checked claim, with what its source says about where it came from."""

    claim_id: int
    text: str
    quote: str | None
    attribution: str
    descriptor: str | None
    source_id: int | None
    source_title: str | None
    outlet_id: int | None
    outlet: str | None
    outlet_names: tuple[str, ...]
    affiliation: str | None
    #: How it is linked to the checked claim: "itself", "supports" or "repeats".
    relation: str


@dataclass(frozen=True, slots=True)
class Dependence:
    claim_a: int
    claim_b: int
    reason: str
    detail: str

    @property
    def sentence(self) -> str:
        return f"#{self.claim_a} and #{self.claim_b} {REASON_LABELS[self.reason]}: {self.detail}"


@dataclass(frozen=True)
class Independence:
    claim_id: int
    credibility: int | None
    witnesses: list[Witness]
    dependences: list[Dependence]
    #: The witnesses grouped by dependence: each group counts as one source.
    groups: list[list[int]] = field(default_factory=list)

    @property
    def independent_sources(self) -> int:
        return len(self.groups)

    @property
    def warning(self) -> str | None:
        """A one-line warning when "1 – confirmed" does not rest on independent sources."""
        if self.credibility != 1:
            return None
        others = len(self.witnesses) - 1
        if others == 0:
            return (
                "Rated 1 – confirmed by other sources, but no other claim is linked to it as "
                "supporting or repeating it"
            )
        if self.independent_sources < 2:
            first = self.dependences[0].sentence if self.dependences else ""
            return (
                f"Rated 1 – confirmed by other sources, but its {len(self.witnesses)} sources "
                f"are not independent ({first})"
            )
        return None

    def summary(self) -> str:
        count = len(self.witnesses)
        return (
            f"{count} source{'s' if count != 1 else ''} behind claim #{self.claim_id}, "
            f"{self.independent_sources} independent"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "credibility": self.credibility,
            "sources": len(self.witnesses),
            "independent_sources": self.independent_sources,
            "groups": self.groups,
            "witnesses": [asdict(w) for w in self.witnesses],
            "dependences": [asdict(d) | {"sentence": d.sentence} for d in self.dependences],
            "warning": self.warning,
        }


_WITNESS_SQL = """
    SELECT c.id, c.text, c.quote, c.attribution, c.descriptor, c.source_id, s.title,
           s.outlet_id, o.name, o.affiliation
    FROM claim c LEFT JOIN source s ON s.id = c.source_id LEFT JOIN actor o ON o.id = s.outlet_id
    WHERE c.id = ? AND c.deleted_at IS NULL
"""

_BEHIND_SQL = """
    SELECT CASE WHEN claim_a_id = ?1 THEN claim_b_id ELSE claim_a_id END, relation
    FROM link
    WHERE deleted_at IS NULL AND (
        (relation = 'supports' AND claim_a_id = ?1)
        OR (relation = 'repeats' AND (claim_a_id = ?1 OR claim_b_id = ?1)))
    ORDER BY id
"""


def _witness(connection: DbConnection, claim_id: int, relation: str) -> Witness | None:
    row = connection.execute(_WITNESS_SQL, (claim_id,)).fetchone()
    if row is None:
        return None
    outlet_id = row[7]
    names: tuple[str, ...] = ()
    if outlet_id is not None:
        aliases = connection.execute(
            "SELECT alias FROM actor_alias WHERE actor_id = ?", (outlet_id,)
        ).fetchall()
        names = (row[8], *(alias for (alias,) in aliases))
    return Witness(
        claim_id=row[0],
        text=row[1],
        quote=row[2],
        attribution=row[3],
        descriptor=row[4],
        source_id=row[5],
        source_title=row[6],
        outlet_id=outlet_id,
        outlet=row[8],
        outlet_names=names,
        affiliation=row[9],
        relation=relation,
    )


def _names_in(text: str | None, names: tuple[str, ...]) -> str | None:
    for name in names:
        if name and text and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            return name
    return None


def dependences_between(a: Witness, b: Witness, *, repeats: bool = False) -> list[Dependence]:
    """Why two witnesses are not independent (empty when they are)."""
    from rapidfuzz import fuzz

    found: list[Dependence] = []

    def add(reason: str, detail: str) -> None:
        found.append(Dependence(a.claim_id, b.claim_id, reason, detail))

    if a.source_id is not None and a.source_id == b.source_id:
        add(SAME_ARTICLE, a.source_title or f"source #{a.source_id}")
    words = max(similarity(a.quote, b.quote), similarity(a.text, b.text))
    if repeats or words >= DEFAULT_THRESHOLD:
        add(
            ECHO,
            "linked as repeats" if repeats and words < DEFAULT_THRESHOLD else f"{words:.0f}% alike",
        )
    if (
        a.attribution == "anonymous"
        and b.attribution == "anonymous"
        and a.descriptor
        and b.descriptor
        and fuzz.token_set_ratio(a.descriptor.casefold(), b.descriptor.casefold())
        >= DESCRIPTOR_THRESHOLD
    ):
        add(SAME_ANONYMOUS_SOURCE, f"“{a.descriptor}” and “{b.descriptor}”")
    if a.outlet_id is not None and a.outlet_id == b.outlet_id and a.source_id != b.source_id:
        add(SAME_OUTLET, a.outlet or "")
    elif (
        a.affiliation
        and b.affiliation
        and a.outlet_id != b.outlet_id
        and a.affiliation.strip().casefold() == b.affiliation.strip().casefold()
    ):
        add(SAME_OUTLET_FAMILY, f"{a.outlet} and {b.outlet}: {a.affiliation}")
    for citing, cited in ((a, b), (b, a)):
        if citing.outlet_id == cited.outlet_id:
            continue
        name = _names_in(citing.descriptor, cited.outlet_names) or _names_in(
            citing.quote, cited.outlet_names
        )
        if name:
            add(CITES, f"#{citing.claim_id} attributes it to {name}")
            break
    return found


def check_independence(connection: DbConnection, claim_id: int) -> Independence:
    """The sources behind ``claim_id`` and whether they are independent."""
    claim = _witness(connection, claim_id, "itself")
    if claim is None:
        raise NotFoundError(f"There is no claim #{claim_id} (or it is in the trash)")
    credibility = connection.execute(
        "SELECT credibility FROM claim WHERE id = ?", (claim_id,)
    ).fetchone()[0]
    witnesses = [claim]
    seen = {claim_id}
    repeats: set[frozenset[int]] = set()
    for other_id, relation in connection.execute(_BEHIND_SQL, (claim_id,)).fetchall():
        if relation == "repeats":
            repeats.add(frozenset((claim_id, other_id)))
        if other_id in seen:
            continue
        witness = _witness(connection, other_id, relation)
        if witness is not None:
            witnesses.append(witness)
            seen.add(other_id)
    dependences: list[Dependence] = []
    parent = {w.claim_id: w.claim_id for w in witnesses}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, first in enumerate(witnesses):
        for second in witnesses[i + 1 :]:
            linked = frozenset((first.claim_id, second.claim_id)) in repeats
            found = dependences_between(first, second, repeats=linked)
            if found:
                dependences.extend(found)
                parent[root(second.claim_id)] = root(first.claim_id)
    groups: dict[int, list[int]] = {}
    for witness in witnesses:
        groups.setdefault(root(witness.claim_id), []).append(witness.claim_id)
    return Independence(
        claim_id=claim_id,
        credibility=credibility,
        witnesses=witnesses,
        dependences=dependences,
        groups=list(groups.values()),
    )
