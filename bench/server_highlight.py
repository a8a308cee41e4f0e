"""Marking the words a server's search found, as the server folded them: which way is cheaper.

    python bench/server_highlight.py [ROWS]     # default 2,000 claims, pages of 100

Starts a throwaway PostgreSQL cluster (tests/pg.py) with ROWS claims in Russian and German
holding ё and ß, and for a search for "елка" / "strasse" measures:

* ``folding once``: what the app does, reading how the server folds every character once
  (``claimtracker.query.folding.server_folding``) when a team project opens;
* ``page, marks here``: then marking a page of claims' text in the client with it (per page);
* ``page, server folds``: the other way, asking the server per page to fold the page's words
  (``claimtracker_fold`` over the words, one statement a page), before marking them;
* ``round trip``: the ceiling of any per-page server work: ``SELECT 1`` on the same connection.

Each figure is the median of several runs after one warm-up. Say the machine's load beside them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server_load import server_database
from bench.server_search import _median_ms

PAGE = 100
#: A word as the index splits text (as ``claimtracker.query.explain`` does).
WORD = re.compile(r"[^\W_]+")
TEXTS = (
    "Ёлка у дома номер {n} горела всю ночь",
    "Die Straße {n} war gesperrt, sagte die Polizei",
    "В Łódź прошёл протест номер {n}",
)


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with server_database(None, settings=()) as url:
        measure(url, rows)
    return 0


def measure(url: str, rows: int) -> None:
    from claimtracker.query import ClaimFilter, search_ids
    from claimtracker.query.explain import highlighter
    from claimtracker.query.folding import server_folding
    from claimtracker.store import Store

    with Store.open(url) as store:
        with store.raw(write=True) as connection:
            connection.executemany(
                "INSERT INTO claim (text, uuid, created_at, updated_at)"
                " VALUES (?, ?, now(), now())",
                [(TEXTS[n % 3].format(n=n), f"bench-{n}") for n in range(rows)],
            )
        with store.raw() as connection:
            once = _median_ms(lambda: server_folding(connection), runs=3)
            folding = server_folding(connection)
            round_trip = _median_ms(lambda: connection.execute("SELECT 1").fetchall())
            print(f"{rows:,} claims; a page is {PAGE} claims' text")
            print(f"folding once (at open):  {once:8.1f} ms   ({len(folding.changes)} characters)")
            print(f"round trip (ceiling):    {round_trip:8.2f} ms")
            for typed in ("елка", "strasse"):
                ids = list(search_ids(connection, ClaimFilter(text=typed)))[:PAGE]
                texts = [
                    text
                    for (text,) in connection.execute(
                        "SELECT text FROM claim WHERE id = ANY(?)", (ids,)
                    ).fetchall()
                ]
                here = highlighter(typed, folding=folding)

                def mark_here(texts: list[str] = texts, here: object = here) -> int:
                    return sum(len(here.spans(text)) for text in texts)  # type: ignore[attr-defined]

                def server_folds(texts: list[str] = texts) -> int:
                    words = sorted({w for text in texts for w in WORD.findall(text)})
                    folded = connection.execute(
                        "SELECT claimtracker_fold(w) FROM unnest(?::text[]) AS w", (words,)
                    ).fetchall()
                    return len(folded) + mark_here()

                assert mark_here() == len(texts), typed  # every found claim is marked
                print(
                    f"{typed!r}: page, marks here {_median_ms(mark_here):6.2f} ms;"
                    f" page, server folds {_median_ms(server_folds):6.2f} ms"
                )


if __name__ == "__main__":
    sys.exit(main())
