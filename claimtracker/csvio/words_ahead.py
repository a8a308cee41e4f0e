"""The words of a server import's new claims, computed ahead on a second connection.

Most of the server's work for a new claim is its search document, and most of that is the
words of the claim's own text, quote, descriptor and notes, which need nothing but those
values (``bulk.row_words``). :class:`WordsAhead` has them computed for each batch on a second
connection to the same server (another server process, so another core) on a helper thread,
while the import's own connection is still storing the batch before; the batch's
``INSERT … SELECT`` then only adds the speaker's and the source's words. The second
connection only computes: it reads and writes no table, so it neither sees nor needs the
import's uncommitted rows, and its work is the same function the trigger runs. A failure
there is raised where the batch is written (``csvio.background``), as the batch's own error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

from claimtracker import bulk
from claimtracker.store import Store
from claimtracker.store.dbapi import ServerConnection


class WordsAhead:
    """Submit a batch's claims; the future gives each claim's words by its uuid."""

    def __init__(self, connection: ServerConnection, executor: ThreadPoolExecutor) -> None:
        self._connection = connection
        self._executor = executor

    def submit(self, claims: Sequence[tuple[str, dict[str, object]]]) -> Future[dict[str, str]]:
        """Start computing the words of ``claims`` (uuid, values) on the helper thread."""
        uuids = [claim_uuid for claim_uuid, _ in claims]
        values = [
            tuple(values.get(field) for field in bulk.ROW_WORD_FIELDS) for _, values in claims
        ]

        def compute() -> dict[str, str]:
            return dict(zip(uuids, bulk.row_words(self._connection, values), strict=True))

        return self._executor.submit(compute)


@contextmanager
def words_ahead(store: Store) -> Iterator[WordsAhead]:
    """A :class:`WordsAhead` on a second connection of ``store`` (a server), for the block."""
    with (
        store.raw() as connection,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="csv-import-words") as executor,
    ):
        assert isinstance(connection, ServerConnection)
        yield WordsAhead(connection, executor)
