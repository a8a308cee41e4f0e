"""Synthetic claim databases for benchmarks: realistic lengths, some Cyrillic, many actors.

    python bench/synthetic.py OUT.db N      # build a database of N claims and print the time

``generate_database(path, n)`` is used by the other benchmarks. It goes through the product's
own bulk path (``claimtracker.bulk``) on a database created by the product's migrations.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimtracker import bulk
from claimtracker.models import new_uuid
from claimtracker.store import Store

WORDS_EN = (
    "the officials said that forces were preparing a new attack near the border while "
    "ministry sources denied any involvement in chemical weapons provocations and warned "
    "against military escalation after talks in Geneva failed to reach agreement on troops "
    "sanctions ceasefire rebels province government spokesman statement report intelligence "
    "agencies missiles airbase strikes negotiations pretext evidence witnesses humanitarian "
    "convoy drone shelling casualties villages evacuation oil pipeline election fraud ballots"
).split()
WORDS_RU = (
    "официальные представители заявили что силы готовят новую атаку возле границы тогда как "
    "министерство отрицает причастность к провокациям с химическим оружием и предупреждает "
    "против военной эскалации после переговоров в Женеве санкции перемирие повстанцы"
).split()
ATTRIBUTIONS = ("on_record", "official_statement", "anonymous", "secondhand", "unattributed")
STATUSES = ("unstarted", "in_progress", "verified", "false", "misleading", "disputed")
DESCRIPTORS = (
    "according to four people familiar with the discussions",
    "U.S. officials say",
    "the ministry said in a statement",
    "a report in the Sunday Telegraph claims",
    "two of the people said",
    "по словам источника",
)
KINDS = ("person", "organisation", "government_body", "media_outlet", "described_group")


def _sentence(rng: random.Random, words: tuple[str, ...] | list[str], low: int, high: int) -> str:
    count = rng.randint(low, high)
    text = " ".join(rng.choice(words) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def _claim_rows(
    rng: random.Random, n: int, n_actors: int, n_sources: int
) -> Iterator[tuple[object, ...]]:
    now = bulk.timestamp()
    for _ in range(n):
        words = WORDS_RU if rng.random() < 0.1 else WORDS_EN
        text = _sentence(rng, words, 10, 28)
        quote = _sentence(rng, words, 6, 16) if rng.random() < 0.7 else None
        day = f"20{rng.randint(15, 26):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield (
            new_uuid(),
            text,
            quote,
            rng.randint(1, n_sources),
            None,
            None,
            None,
            None,
            None,
            None,
            rng.randint(1, n_actors),
            rng.choice(ATTRIBUTIONS),
            rng.choice(DESCRIPTORS) if rng.random() < 0.6 else None,
            rng.choice((None, None, 1, 2, 4)),
            rng.choice(STATUSES),
            rng.choice((None, 1, 2, 3, 4, 5, 6)),
            None,
            None,
            day if rng.random() < 0.5 else None,
            day,
            None,
            _sentence(rng, WORDS_EN, 5, 20) if rng.random() < 0.3 else None,
            None,
            None,
            now,
            now,
            1,
        )


def insert_people_and_sources(connection: sqlite3.Connection, rng: random.Random, n: int) -> None:
    """The actors and sources that ``n`` synthetic claims point at."""
    now = bulk.timestamp()
    connection.executemany(
        "INSERT INTO actor (name, kind, reliability, uuid, created_at, updated_at, version)"
        " VALUES (?, ?, ?, ?, ?, ?, 1)",
        (
            (
                f"Actor {i} " + rng.choice(WORDS_EN).title(),
                rng.choice(KINDS),
                rng.choice("ABCDEF"),
                new_uuid(),
                now,
                now,
            )
            for i in range(1, _actors_for(n) + 1)
        ),
    )
    connection.executemany(
        "INSERT INTO source (title, url, published_on, text, sha256, uuid, created_at,"
        " updated_at, version, format) VALUES (?, ?, ?, '', NULL, ?, ?, ?, 1, 'text')",
        (
            (
                _sentence(rng, WORDS_EN, 5, 12).rstrip("."),
                f"https://news.example/{i}",
                f"2024-01-{1 + i % 28:02d}",
                new_uuid(),
                now,
                now,
            )
            for i in range(1, _sources_for(n) + 1)
        ),
    )


def _actors_for(n: int) -> int:
    return max(10, n // 500)


def _sources_for(n: int) -> int:
    return max(5, n // 50)


def claim_rows(n: int, *, seed: int = 7) -> Iterator[tuple[object, ...]]:
    """``n`` claim rows laid out as ``bulk.CLAIM_COLUMNS``."""
    return _claim_rows(random.Random(seed), n, _actors_for(n), _sources_for(n))


def generate_database(path: str | Path, n: int, *, seed: int = 7) -> float:
    """Create ``path`` with ``n`` synthetic claims; returns the seconds the bulk load took."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Store.open(path).close()
    rng = random.Random(seed)
    started = time.perf_counter()
    store = Store.open(path)
    with store.raw(write=True) as connection:
        insert_people_and_sources(connection, rng, n)
        with bulk.loading(connection, expected_rows=n):
            before = bulk.last_claim_id(connection)
            bulk.insert_claims(connection, claim_rows(n, seed=seed))
            bulk.index_claims_after(connection, before)
    store.close()
    return time.perf_counter() - started


def main() -> None:
    out, n = sys.argv[1], int(sys.argv[2])
    seconds = generate_database(out, n)
    print(f"{n:,} claims in {seconds:.1f} s ({n / seconds:,.0f} claims/s including the index)")


if __name__ == "__main__":
    main()
