"""Echoes and duplicates: the same wire sentence in two outlets, a claim phrased twice.

Candidates come from MinHash signatures (datasketch) of each claim's text and quote, over word
pairs, cut into bands: two claims that share one band's values are candidates. The band keys are
kept in ``echo_key`` with an index, so a claim's candidates are found by key lookups in a few
milliseconds even at a million claims, and the whole set by one ordered pass over the keys.
Each candidate pair is then scored with rapidfuzz on the normalised words, and kept above a
threshold. Two claims of the same source are *duplicates* (merge candidates); of different
sources, *echoes* (proposed as ``repeats`` links). Pairs already linked as repeats are left out.

The index is derived data: :func:`refresh_index` signs the claims that are new or changed
since they were signed (by version), in batches with progress and cancel.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from claimtracker.query.chunks import MARKS, select_in
from claimtracker.store.dbapi import DbConnection, dialect_of, insert_ignoring, streamed

#: Permutations per signature, and how they are cut into bands of ``ROWS``: a pair whose word
#: pairs overlap by Jaccard 0.5 is a candidate with probability 1 - (1 - 0.5**4)**8 ≈ 0.40 per
#: text, 0.7 → 0.89, 0.8 → 0.99; near-copies are almost always found, unrelated text rarely.
NUM_PERM = 32
ROWS = 4
BANDS = NUM_PERM // ROWS
#: Scores (0–100, rapidfuzz) from which a pair counts as an echo.
DEFAULT_THRESHOLD = 80.0
#: A band shared by more claims than this is boilerplate ("the ministry said"), not an echo.
MAX_BUCKET = 200
BATCH = 5000
#: Page cache while indexing (KiB, as SQLite's negative cache_size): the keys land all over
#: the index, and a large cache keeps its pages at hand instead of reading them again.
INDEXING_CACHE_KIB = 262_144

Progress = Callable[[int, int], bool]
_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").casefold())


def normalised(text: str | None) -> str:
    return " ".join(words(text))


def shingles(text: str | None) -> set[bytes]:
    """The word pairs of ``text`` (its single word if it has only one)."""
    found = words(text)
    if len(found) < 2:
        return {word.encode() for word in found}
    return {f"{a} {b}".encode() for a, b in itertools.pairwise(found)}


#: Fixed odd multipliers that fold a band's values into one 64-bit key (stored, so never change).
_FOLD = [
    int.from_bytes(hashlib.blake2b(f"echo band {i}".encode(), digest_size=8).digest(), "little") | 1
    for i in range(NUM_PERM)
]


def _band_keys(hashvalues: Sequence[int]) -> list[int]:
    """One signed 64-bit key per band: its values folded with the band's own multipliers."""
    import numpy as np

    folded = np.asarray(hashvalues, dtype=np.uint64) * np.asarray(_FOLD, dtype=np.uint64)
    keys = folded.reshape(BANDS, ROWS).sum(axis=1, dtype=np.uint64)
    return [int(key) for key in keys.view(np.int64)]


def signature_keys(texts: Sequence[tuple[str | None, str | None]]) -> list[set[int]]:
    """For each (claim text, quote), the band keys of both."""
    from datasketch import MinHash

    sets: list[list[bytes]] = []
    owners: list[int] = []
    for index, (text, quote) in enumerate(texts):
        for part in (text, quote):
            found = shingles(part)
            if found:
                sets.append(sorted(found))
                owners.append(index)
    keys: list[set[int]] = [set() for _ in texts]
    if sets:
        for owner, minhash in zip(owners, MinHash.bulk(sets, num_perm=NUM_PERM), strict=True):
            keys[owner].update(_band_keys(minhash.hashvalues))
    return keys


def similarity(a: str | None, b: str | None) -> float:
    """0–100: how alike two texts are, word order and punctuation aside."""
    from rapidfuzz import fuzz

    left, right = normalised(a), normalised(b)
    if not left or not right:
        return 0.0
    return max(fuzz.ratio(left, right), fuzz.token_sort_ratio(left, right))


# == The index ==================================================================================


def stale_claims(connection: DbConnection) -> list[int]:
    """Live claims never signed, or changed since they were."""
    return [
        claim_id
        for (claim_id,) in connection.execute(
            "SELECT c.id FROM claim c LEFT JOIN echo_signed s ON s.claim_id = c.id "
            "WHERE c.deleted_at IS NULL AND (s.version IS NULL OR s.version <> c.version) "
            "ORDER BY c.id"
        )
    ]


def refresh_index(
    connection: DbConnection, *, progress: Progress | None = None, batch: int = BATCH
) -> int:
    """Sign the claims that are new or changed; returns how many. Each batch is committed by
    itself, so a cancel (``progress`` returning False) keeps what was done."""
    todo = stale_claims(connection)
    total = len(todo)
    if progress is not None and not progress(0, total):
        return 0
    if not isinstance(connection, sqlite3.Connection):  # a server sizes its own cache
        connection.commit()  # the reading transaction; each batch is its own
        return _sign(connection, todo, progress, batch)
    (cache_before,) = connection.execute("PRAGMA cache_size").fetchone()
    if total > batch:
        connection.execute(f"PRAGMA cache_size = -{INDEXING_CACHE_KIB}")
    try:
        return _sign(connection, todo, progress, batch)
    finally:
        connection.execute(f"PRAGMA cache_size = {int(cache_before)}")


def _sign(connection: DbConnection, todo: list[int], progress: Progress | None, batch: int) -> int:
    total = len(todo)
    for start in range(0, total, batch):
        ids = todo[start : start + batch]
        rows = list(
            select_in(
                connection,
                f"SELECT id, version, text, quote FROM claim WHERE id IN ({MARKS})",
                ids,
            )
        )
        keys = signature_keys([(text, quote) for _id, _version, text, quote in rows])
        if isinstance(connection, sqlite3.Connection):
            connection.execute("BEGIN IMMEDIATE")  # a server's transaction begins by itself
        try:
            for chunk in _chunks([row[0] for row in rows]):
                marks = ", ".join("?" for _ in chunk)
                connection.execute(f"DELETE FROM echo_key WHERE claim_id IN ({marks})", chunk)
            connection.executemany(
                insert_ignoring(
                    "INSERT INTO echo_key (key, claim_id) VALUES (?, ?)", dialect_of(connection)
                ),
                # In key order: neighbouring inserts touch neighbouring pages of the index.
                sorted(
                    (key, row[0])
                    for row, claim_keys in zip(rows, keys, strict=True)
                    for key in claim_keys
                ),
            )
            connection.executemany(
                "INSERT INTO echo_signed (claim_id, version) VALUES (?, ?)"
                " ON CONFLICT (claim_id) DO UPDATE SET version = excluded.version",
                ((row[0], row[1]) for row in rows),
            )
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        done = min(start + batch, total)
        if progress is not None and not progress(done, total):
            return done
    return total


def _chunks(values: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# == Echoes =====================================================================================


@dataclass(frozen=True, slots=True)
class ClaimText:
    id: int
    text: str
    quote: str | None
    source_id: int | None
    source_title: str | None
    outlet: str | None
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Echo:
    """Two claims that say the same thing; ``a`` has the smaller id."""

    a: ClaimText
    b: ClaimText
    score: float
    #: "quote" when the verbatim words match best, "text" when the analyst's phrasing does.
    matched: str

    @property
    def kind(self) -> str:
        """ "duplicate" within one source (merge candidate), "echo" across two sources."""
        if self.a.source_id is not None and self.a.source_id == self.b.source_id:
            return "duplicate"
        return "echo"

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_a": asdict(self.a),
            "claim_b": asdict(self.b),
            "score": round(self.score, 1),
            "matched": self.matched,
            "kind": self.kind,
        }


_CLAIM_TEXT_SQL = f"""
    SELECT c.id, c.text, c.quote, c.source_id, s.title,
           (SELECT name FROM actor WHERE id = s.outlet_id),
           (SELECT name FROM actor WHERE id = c.speaker_id)
    FROM claim c LEFT JOIN source s ON s.id = c.source_id
    WHERE c.id IN ({MARKS}) AND c.deleted_at IS NULL
"""


def claim_texts(connection: DbConnection, ids: Iterable[int]) -> dict[int, ClaimText]:
    return {
        row[0]: ClaimText(*row) for row in select_in(connection, _CLAIM_TEXT_SQL, sorted(set(ids)))
    }


def score_pair(a: ClaimText, b: ClaimText) -> tuple[float, str]:
    """The best score between the two claims' words, and "quote" when both quotes gave it.

    A claim's text is compared with the other's quote too: an analyst may phrase a claim in the
    very words another outlet printed."""
    by_quote = similarity(a.quote, b.quote) if a.quote and b.quote else 0.0
    by_text = max(
        similarity(a.text, b.text),
        similarity(a.text, b.quote) if b.quote else 0.0,
        similarity(a.quote, b.text) if a.quote else 0.0,
    )
    return (by_quote, "quote") if by_quote >= by_text else (by_text, "text")


def _linked_as_repeats(connection: DbConnection, ids: list[int]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for a, b in select_in(
        connection,
        "SELECT claim_a_id, claim_b_id FROM link WHERE relation = 'repeats' "
        f"AND deleted_at IS NULL AND claim_a_id IN ({MARKS})",
        ids,
    ):
        pairs.add((min(a, b), max(a, b)))
    return pairs


def _echo(a: ClaimText, b: ClaimText, threshold: float) -> Echo | None:
    if a.id > b.id:
        a, b = b, a
    score, matched = score_pair(a, b)
    return Echo(a, b, score, matched) if score >= threshold else None


def echoes_of(
    connection: DbConnection,
    claim_id: int,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 50,
) -> list[Echo]:
    """The echoes and duplicates of one claim, best first (read-only: uses the index as is)."""
    found = claim_texts(connection, [claim_id])
    if claim_id not in found:
        return []
    claim = found[claim_id]
    keys = sorted(signature_keys([(claim.text, claim.quote)])[0])
    if not keys:
        return []
    candidates: set[int] = set()
    for (other,) in select_in(
        connection, f"SELECT claim_id FROM echo_key WHERE key IN ({MARKS})", keys
    ):
        if other != claim_id:
            candidates.add(other)
    linked = _linked_as_repeats(connection, sorted(candidates | {claim_id}))
    echoes = []
    for other in claim_texts(connection, candidates).values():
        if (min(claim_id, other.id), max(claim_id, other.id)) in linked:
            continue
        echo = _echo(claim, other, threshold)
        if echo is not None:
            echoes.append(echo)
    echoes.sort(key=lambda e: (-e.score, e.a.id, e.b.id))
    return echoes[:limit]


def candidate_pairs(connection: DbConnection) -> set[tuple[int, int]]:
    """Pairs of live claims that share a band key (from the index as it is)."""
    pairs: set[tuple[int, int]] = set()
    bucket: list[int] = []
    current: int | None = None

    def close() -> None:
        if 1 < len(bucket) <= MAX_BUCKET:
            members = sorted(set(bucket))
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    pairs.add((first, second))

    # One pass in key order (the table is stored so): each run of one key is a bucket.
    cursor = streamed(connection, "SELECT key, claim_id FROM echo_key ORDER BY key", batch=10_000)
    cursor.arraysize = 10_000
    for key, claim_id in cursor:
        if key != current:
            close()
            bucket, current = [], key
        bucket.append(claim_id)
    close()
    return pairs


def find_echoes(
    connection: DbConnection,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> list[Echo]:
    """Every echo and duplicate among the live claims, best first (refresh the index first)."""
    pairs = sorted(candidate_pairs(connection))
    total = len(pairs)
    if progress is not None and not progress(0, total):
        return []
    involved = sorted({claim for pair in pairs for claim in pair})
    linked = _linked_as_repeats(connection, involved)
    echoes: list[Echo] = []
    step = 5000
    for start in range(0, total, step):
        part = pairs[start : start + step]
        texts = claim_texts(connection, {claim for pair in part for claim in pair})
        for a, b in part:
            if (a, b) in linked or a not in texts or b not in texts:
                continue
            echo = _echo(texts[a], texts[b], threshold)
            if echo is not None:
                echoes.append(echo)
        if progress is not None and not progress(min(start + step, total), total):
            break
    echoes.sort(key=lambda e: (-e.score, e.a.id, e.b.id))
    return echoes
