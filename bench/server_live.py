"""A desk of analysts editing one team server at once: lost updates, stale edits, latency, and
how soon another client sees a change (LISTEN/NOTIFY), beside raw psycopg in the same run.

    python bench/server_live.py                      # 20 analysts, 2 minutes
    python bench/server_live.py --quick              # 20 analysts, 20 seconds
    python bench/server_live.py --analysts 10 --seconds 60 --url postgresql://owner@host/empty

Without ``--url`` a throwaway cluster is started the way the tests start theirs (tests/pg.py);
with it, the URL is the owner's, of an empty database, on which ``server init`` runs and the
analysts ``bench_analyst_NN`` are added (and removed at the end).

Each analyst is a process of its own with its own login (a password over TCP, as on another
machine) and its own Store, editing faster than a desk does, as the app does: it loads the claim
(and its version), types for 0.5–1.5 s, and saves with the version it loaded; the latency is the
save's alone. A fifth of the edits are a read-modify-write of one shared counter claim (most
find it changed meanwhile: a stale edit refused, then loaded again and saved at once), the rest
an edit of the analyst's own claim. At the end the counter must equal the increments that were saved (0
lost updates), and an edit with an old version must be refused.

An observer in this process listens as the app does (``ChangeListener``) and on each notice
reads the new journal entries as the app's watcher does; "visible" is the time from a writer's
commit to the observer having read its entry.

The ceiling: the same edits, the same pacing, the same server-side work (journal triggers
included) from raw psycopg statements, in a shorter phase before. Prints figures; never a timed
pass/fail.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench password"
#: How long an analyst types between loading a claim and saving it (seconds): about one save a
#: second each, faster than anyone types and saves, so 20 analysts make some 20 saves a second.
PACE = (0.5, 1.5)
#: The share of edits that go to the one claim everybody edits (the rest: one's own claim).
SHARED = 0.2


@dataclass
class Result:
    analyst: int
    latencies_ms: list[float] = field(default_factory=list)
    #: Per saved edit: the process's own CPU time (the client's share of the latency) and the
    #: round trips to the server (statements, BEGIN, COMMIT, pings of a pooled connection).
    cpu_ms: list[float] = field(default_factory=list)
    round_trips: list[int] = field(default_factory=list)
    commits: list[tuple[int, float]] = field(default_factory=list)  # (journal id, wall time)
    increments: int = 0
    stale: int = 0
    errors: list[str] = field(default_factory=list)


# -- the analysts ---------------------------------------------------------------------------------


def app_analyst(
    index: int, url: str, counter_id: int, own_id: int, seconds: float, queue: Any, go: Any
) -> None:
    """Edits through the Store and the services, as the app does."""
    from claimtracker import services
    from claimtracker.errors import ConflictError
    from claimtracker.models import Claim
    from claimtracker.schemas import ClaimUpdate
    from claimtracker.store import Store

    result = Result(index)
    rng = random.Random(index)
    store = Store.open(url, before_upgrade=None)
    trips = _count_round_trips(store)
    with store.read() as session:  # connected and warmed up before the clock starts
        session.get(Claim, own_id)
    queue.put(("ready", index))
    go.wait()
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            pause = rng.uniform(*PACE)
            shared = rng.random() < SHARED
            claim_id = counter_id if shared else own_id
            while True:
                with store.read() as session:
                    claim = session.get(Claim, claim_id)
                    assert claim is not None
                    value, version = int(claim.notes or 0), claim.version
                time.sleep(pause)  # typing (see the module's docstring)
                pause = 0.0
                started, cpu, trips_before = time.perf_counter(), time.process_time(), trips[0]
                try:
                    with store.change() as transaction:
                        services.update_claim(
                            session=transaction.session,
                            claim_id=claim_id,
                            changes=ClaimUpdate(notes=str(value + 1)),
                            expected_version=version,
                        )
                except ConflictError:
                    result.stale += 1
                    continue
                except Exception as exc:
                    result.errors.append(f"{type(exc).__name__}: {exc}")
                    break
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
                result.cpu_ms.append((time.process_time() - cpu) * 1000)
                result.round_trips.append(trips[0] - trips_before)
                result.commits.append((transaction.changes.last_entry, time.time()))
                result.increments += shared
                break
    finally:
        store.close()
        queue.put(result)


def _count_round_trips(store: Any) -> list[int]:
    """A counter of the store's round trips to the server: each statement, the BEGIN psycopg
    sends before a transaction's first one, the COMMIT, and each ping of a pooled connection."""
    from sqlalchemy import event

    trips = [0]

    def count(*_: object) -> None:
        trips[0] += 1

    for name in ("before_cursor_execute", "begin", "commit"):
        event.listen(store.engine, name, count)
    dialect = store.engine.dialect
    ping = dialect.do_ping

    def counted_ping(connection: Any) -> bool:
        count()
        return bool(ping(connection))

    dialect.do_ping = counted_ping
    return trips


def raw_analyst(
    index: int, url: str, counter_id: int, own_id: int, seconds: float, queue: Any, go: Any
) -> None:
    """The same edits from raw psycopg statements (the ceiling): a version compare-and-set
    ``UPDATE`` and the journal's ``INSERT``, whose trigger takes the journal lock last, as the
    Store's saves do (``claimtracker.journal.deferred``)."""
    import psycopg

    from claimtracker.server.address import TeamAddress

    address, password = TeamAddress.from_url(url)
    result = Result(index)
    rng = random.Random(1000 + index)
    connection = psycopg.connect(address.libpq_uri(), password=password)
    queue.put(("ready", index))
    go.wait()
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            pause = rng.uniform(*PACE)
            shared = rng.random() < SHARED
            claim_id = counter_id if shared else own_id
            while True:
                value, version = connection.execute(
                    "SELECT notes, version FROM claim WHERE id = %s", (claim_id,)
                ).fetchone()
                connection.commit()
                time.sleep(pause)
                pause = 0.0
                started, cpu = time.perf_counter(), time.process_time()
                with connection.transaction():
                    done = connection.execute(
                        "UPDATE claim SET notes = %s, version = version + 1, updated_at = now() "
                        "WHERE id = %s AND version = %s",
                        (str(int(value or 0) + 1), claim_id, version),
                    ).rowcount
                    last = None
                    if done:
                        last = connection.execute(
                            "INSERT INTO history (changed_at, analyst, kind, record_id, action, "
                            "field, old_value, new_value) VALUES (now(), current_user, 'claim', "
                            "%s, 'changed', 'notes', %s, %s) RETURNING id",
                            (claim_id, f'"{value}"', f'"{int(value or 0) + 1}"'),
                        ).fetchone()[0]
                if not done:
                    result.stale += 1
                    continue
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
                result.cpu_ms.append((time.process_time() - cpu) * 1000)
                result.round_trips.append(4)  # BEGIN, UPDATE, INSERT, COMMIT
                result.commits.append((int(last), time.time()))
                result.increments += shared
                break
    except Exception as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        connection.close()
        queue.put(result)


# -- the observer ---------------------------------------------------------------------------------


class Observer:
    """Listens as the app does and reads the new entries on each notice."""

    def __init__(self, url: str) -> None:
        from claimtracker.server.address import TeamAddress
        from claimtracker.server.live import ChangeListener
        from claimtracker.server.reader import ServerReader

        address, password = TeamAddress.from_url(url)
        self.reader = ServerReader(address, password)
        self.seen_at: dict[int, float] = {}
        self.last = int(
            self.reader.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
        )
        self.connected = threading.Event()
        self.listener = ChangeListener(
            address, password, self._on_notice, lambda up, _why: up and self.connected.set()
        )
        self.listener.start()
        self.connected.wait(10)

    def _on_notice(self, _first: int, _last: int) -> None:
        rows = self.reader.execute(
            "SELECT id FROM history WHERE id > ? ORDER BY id", (self.last,)
        ).fetchall()
        now = time.time()
        for (entry,) in rows:
            self.seen_at[int(entry)] = now
        if rows:
            self.last = int(rows[-1][0])

    def stop(self) -> None:
        self.listener.stop()
        self.reader.close()


# -- a run ----------------------------------------------------------------------------------------


def run_phase(
    worker: Any,
    urls: list[str],
    owner_url: str,
    counter_id: int,
    own_ids: list[int],
    seconds: float,
) -> tuple[list[Result], Observer]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    observer = Observer(owner_url)
    go = context.Event()
    processes = [
        context.Process(
            target=worker,
            args=(i, urls[i], counter_id, own_ids[i], seconds, queue, go),
            daemon=True,
        )
        for i in range(len(urls))
    ]
    for process in processes:
        process.start()
    for _ in processes:  # every analyst connected (imports and logins off the clock)
        queue.get(timeout=300)
    go.set()
    results = [queue.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(30)
    time.sleep(1.0)  # the last notices
    observer.stop()
    return results, observer


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(
    label: str, results: list[Result], observer: Observer, seconds: float
) -> dict[str, float]:
    latencies = [ms for r in results for ms in r.latencies_ms]
    visible = [
        (observer.seen_at[entry] - committed) * 1000
        for r in results
        for entry, committed in r.commits
        if entry in observer.seen_at
    ]
    commits = sum(len(r.commits) for r in results)
    unseen = commits - len(visible)
    errors = [e for r in results for e in r.errors]
    print(
        f"{label:<10} {commits:>6} edits ({commits / seconds:5.1f}/s), "
        f"{sum(r.stale for r in results):>4} stale refused and redone, {len(errors)} errors; "
        f"edit latency p50 {statistics.median(latencies) if latencies else float('nan'):5.1f} ms, "
        f"p95 {percentile(latencies, 0.95):5.1f} ms, max {max(latencies, default=float('nan')):6.1f} ms; "
        f"visible elsewhere p50 {statistics.median(visible) if visible else float('nan'):5.1f} ms, "
        f"p95 {percentile(visible, 0.95):6.1f} ms ({unseen} not seen)"
    )
    cpu = [ms for r in results for ms in r.cpu_ms]
    trips = [n for r in results for n in r.round_trips]
    if cpu:
        print(
            f"{'':<10} where a save's time goes: client CPU p50 {statistics.median(cpu):4.1f} ms, "
            f"p95 {percentile(cpu, 0.95):4.1f} ms (the rest is waiting: server, locks, "
            f"scheduler); round trips per save p50 {statistics.median(trips):.0f} "
            f"(min {min(trips)}, max {max(trips)})"
        )
    for error in errors[:5]:
        print(f"    {error}")
    return {
        "p95_latency": percentile(latencies, 0.95),
        "p95_visible": percentile(visible, 0.95),
        "unseen": unseen,
        "errors": len(errors),
    }


def prepare(owner_url: str, analysts: int) -> tuple[list[str], int, list[int]]:
    """server init, the analysts' logins, the counter claim and one claim per analyst."""
    from claimtracker import services
    from claimtracker.schemas import ClaimCreate
    from claimtracker.server.address import TeamAddress
    from claimtracker.server.analysts import add_analyst
    from claimtracker.server.setup import init_server
    from claimtracker.store import Store

    init_server(owner_url)
    with Store.open(owner_url) as store:
        with store.write() as session:
            counter = services.create_claim(
                session=session, claim_in=ClaimCreate(text="counter", notes="0")
            )
            own = [
                services.create_claim(
                    session=session, claim_in=ClaimCreate(text=f"claim of {i}", notes="0")
                ).id
                for i in range(analysts)
            ]
        with store.raw(write=True) as connection:
            for i in range(analysts):
                add_analyst(connection, f"bench_analyst_{i:02d}", "analyst", PASSWORD)  # type: ignore[arg-type]
    address, _ = TeamAddress.from_url(owner_url)
    tcp = "127.0.0.1" if address.is_socket else address.host
    urls = [
        TeamAddress(tcp, address.port, address.database, f"bench_analyst_{i:02d}").url(PASSWORD)
        for i in range(analysts)
    ]
    assert counter.id is not None
    return urls, counter.id, [int(i) for i in own if i is not None]


def counter_value(owner_url: str, counter_id: int) -> int:
    from claimtracker.server.address import TeamAddress
    from claimtracker.server.reader import ServerReader

    address, password = TeamAddress.from_url(owner_url)
    reader = ServerReader(address, password)
    try:
        return int(
            reader.execute("SELECT notes FROM claim WHERE id = ?", (counter_id,)).fetchone()[0]
        )
    finally:
        reader.close()


def stale_edit_refused(owner_url: str, claim_id: int) -> str | None:
    from claimtracker import services
    from claimtracker.errors import ConflictError
    from claimtracker.schemas import ClaimUpdate
    from claimtracker.store import Store

    with Store.open(owner_url) as store:
        try:
            with store.write() as session:
                services.update_claim(
                    session=session,
                    claim_id=claim_id,
                    changes=ClaimUpdate(notes="stale"),
                    expected_version=1,
                )
        except ConflictError as error:
            return str(error)
    return None


def bench(owner_url: str, analysts: int, seconds: float) -> int:
    urls, counter_id, own_ids = prepare(owner_url, analysts)
    ceiling_seconds = max(10.0, seconds / 4)
    print(
        f"{analysts} analysts, each its own login and process, typing {PACE[0]}–{PACE[1]} s "
        f"between loading a claim and saving it, {SHARED:.0%} of them on one shared claim; "
        f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    raw_results, raw_observer = run_phase(
        raw_analyst, urls, owner_url, counter_id, own_ids, ceiling_seconds
    )
    raw = report("raw psycopg", raw_results, raw_observer, ceiling_seconds)
    before = counter_value(owner_url, counter_id)
    results, observer = run_phase(app_analyst, urls, owner_url, counter_id, own_ids, seconds)
    app = report("ClaimTracker", results, observer, seconds)
    increments = sum(r.increments for r in results)
    after = counter_value(owner_url, counter_id)
    lost = before + increments - after
    print(
        f"shared counter: {before} + {increments} saved increments = {before + increments}, "
        f"stored {after}: {lost} lost updates"
    )
    refused = stale_edit_refused(owner_url, counter_id)
    print(
        f"stale edit with an old version: {'refused — ' + refused if refused else 'NOT DETECTED'}"
    )
    print(
        f"targets: p95 edit latency ≤ 50 ms (here {app['p95_latency']:.1f}, raw {raw['p95_latency']:.1f}); "
        f"p95 visible ≤ 1000 ms (here {app['p95_visible']:.1f}, raw {raw['p95_visible']:.1f}); 0 lost"
    )
    return 1 if lost or refused is None or app["errors"] else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="an owner's URL of an empty server database")
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--quick", action="store_true", help="20 seconds instead of 2 minutes")
    args = parser.parse_args()
    seconds = 20.0 if args.quick else args.seconds
    from bench.server_load import server_database

    # A throwaway cluster with the tests' settings (not the bulk loader's) unless --url is given.
    with server_database(args.url, settings=()) as url:
        return bench(url, args.analysts, seconds)


if __name__ == "__main__":
    sys.exit(main())
