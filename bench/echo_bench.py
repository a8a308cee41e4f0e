"""Echoes at scale: a claim's candidates through the index, and the whole set, beside ceilings.

    python bench/echo_bench.py [N] [WORKDIR]      # default N = 1,000,000

Builds (or reuses) a synthetic database of N claims (``synthetic.py``), plants 2,000 echoes
(another claim's quote, lightly edited, as a claim's quote), then measures:

- indexing every claim (MinHash band keys into ``echo_key``), beside the ceiling of reading
  every claim's text and quote with bare sqlite3 plus datasketch's bulk MinHash of them alone;
- the whole set of echoes from the index (``find_echoes``), beside one bare ordered read of
  every key;
- one claim's echoes (``echoes_of``) for 200 claims, median and 95th percentile, beside the bare
  key lookups those queries make. Target (issue 15): ≤ 100 ms for one claim at 1M.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PLANTED = 2000


def _plant(path: Path, n: int) -> list[tuple[int, int]]:
    rng = random.Random(15)
    connection = sqlite3.connect(path, isolation_level=None)
    pairs: list[tuple[int, int]] = []
    connection.execute("BEGIN")
    for _ in range(PLANTED):
        original, echo = rng.randint(1, n), rng.randint(1, n)
        (quote,) = connection.execute(
            "SELECT coalesce(quote, text) FROM claim WHERE id = ?", (original,)
        ).fetchone()
        connection.execute(
            "UPDATE claim SET quote = ?, version = version + 1 WHERE id = ?",
            (quote.rstrip(".") + ", the agency reported.", echo),
        )
        pairs.append((min(original, echo), max(original, echo)))
    connection.execute("COMMIT")
    connection.close()
    return pairs


def main() -> None:
    import synthetic

    from claimtracker.dispute import echoes
    from claimtracker.store import Store

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp")
    db = work / f"echoes-{n}.db"
    if not db.exists():
        seconds = synthetic.generate_database(db, n)
        print(f"built {n:,} claims in {seconds:.0f} s")
        planted = _plant(db, n)
    else:
        planted = []
        print(f"reusing {db}")
    store = Store.open(db)
    with store.raw() as connection:
        connection.execute("DELETE FROM echo_key")
        connection.execute("DELETE FROM echo_signed")

        started = time.perf_counter()
        texts = connection.execute("SELECT text, quote FROM claim").fetchall()
        read = time.perf_counter() - started
        from datasketch import MinHash

        started = time.perf_counter()
        sets = [sorted(echoes.shingles(t)) for pair in texts for t in pair if t]
        MinHash.bulk(sets, num_perm=echoes.NUM_PERM)
        minhash_only = time.perf_counter() - started
        del texts, sets

        last = [0.0]

        def progress(done: int, total: int) -> bool:
            if time.perf_counter() - last[0] > 30:
                last[0] = time.perf_counter()
                print(f"  indexed {done:,} / {total:,}", flush=True)
            return True

        started = time.perf_counter()
        signed = echoes.refresh_index(connection, progress=progress)
        indexing = time.perf_counter() - started
        print(
            f"index {signed:,} claims: {indexing:.0f} s "
            f"(ceiling: bare read {read:.1f} s + bulk MinHash alone {minhash_only:.0f} s "
            f"= {read + minhash_only:.0f} s)"
        )

        started = time.perf_counter()
        keys = connection.execute("SELECT key, claim_id FROM echo_key ORDER BY key").fetchall()
        bare_keys = time.perf_counter() - started
        started = time.perf_counter()
        found = echoes.find_echoes(connection)
        whole = time.perf_counter() - started
        pairs = {(e.a.id, e.b.id) for e in found}
        recall = f", {len(pairs & set(planted))}/{len(planted)} planted found" if planted else ""
        print(
            f"whole set: {len(found):,} echoes in {whole:.1f} s{recall} "
            f"(ceiling: bare ordered read of {len(keys):,} keys {bare_keys:.1f} s)"
        )
        del keys

        rng = random.Random(3)
        sample = [rng.randint(1, n) for _ in range(200)]
        times, bare = [], []
        for claim_id in sample:
            started = time.perf_counter()
            echoes.echoes_of(connection, claim_id)
            times.append((time.perf_counter() - started) * 1000)
            claim_keys = [
                k
                for (k,) in connection.execute(
                    "SELECT key FROM echo_key WHERE claim_id = ?", (claim_id,)
                )
            ]
            started = time.perf_counter()
            marks = ", ".join("?" for _ in claim_keys) or "NULL"
            connection.execute(
                f"SELECT claim_id FROM echo_key WHERE key IN ({marks})", claim_keys
            ).fetchall()
            bare.append((time.perf_counter() - started) * 1000)
        times.sort()
        bare.sort()
        print(
            f"one claim's echoes: median {statistics.median(times):.1f} ms, "
            f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms "
            f"(target ≤ 100 ms; ceiling: bare key lookups median {statistics.median(bare):.2f} ms)"
        )
    store.close()


if __name__ == "__main__":
    main()
