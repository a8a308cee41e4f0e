"""The bulk path: many claims in one transaction, through plain DB-API (``store.dbapi``).

The ORM costs ~12× more per row than ``executemany``, and keeping the full-text index in step
row by row through its triggers costs ~3× more than indexing once at the end. So on an SQLite
file a bulk operation suspends the index triggers (inside its own transaction: no other writer
can see the gap), writes with ``executemany``, indexes the rows it touched in one statement, and
puts the triggers back before it commits.

On a PostgreSQL server the rows arrive by ``COPY`` (one stream, no statement per row). Claims
are copied into a temporary table and moved into ``claim`` by one ``INSERT … SELECT`` per batch
that computes their search documents together (the per-row trigger stands aside for that
statement: migration 0009); the server's indexes follow by themselves, so the suspensions and
the indexing afterwards are SQLite's alone, and are nothing there.

Computing a document (folding, splitting and indexing the words of six fields) is the largest
part of the server's work for a new claim: about as much as storing the claim with all its
indexes. Most of it, the words of the claim's own four fields, needs nothing but the claim's
values, so a caller may have it computed beforehand on another connection (another server
process, another core: :func:`row_words`) while the import's own connection stores the batch
before; the ``INSERT … SELECT`` then only adds the speaker's and the source's words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime

from claimtracker import fields
from claimtracker.store.dbapi import DbConnection, ServerConnection

#: Columns of ``claim`` written by :func:`insert_claims`, in order (the fields from the registry).
CLAIM_COLUMNS = ("uuid", *fields.CLAIM_STORED, "created_at", "updated_at", "version")

_FORGET = (
    "INSERT INTO claim_fts (claim_fts, rowid, text, quote, descriptor, notes, speaker,"
    " source_title) SELECT 'delete', * FROM claim_fts_content"
)
_ADD = (
    "INSERT INTO claim_fts (rowid, text, quote, descriptor, notes, speaker, source_title)"
    " SELECT * FROM claim_fts_content"
)


def timestamp() -> str:
    """Now, in the form SQLAlchemy stores UTC datetimes in SQLite."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


#: Page cache for bulk work (KiB, as SQLite's negative cache_size); grown only as used.
BULK_CACHE_KIB = 256 * 1024
#: Memory FTS5 may fill with new index entries before it writes a segment (default 1 MiB).
BULK_FTS_HASH_BYTES = 64 * 1024 * 1024
DEFAULT_FTS_HASH_BYTES = 1024 * 1024
DEFAULT_FTS_AUTOMERGE = 4
#: Below this many new rows, keeping the claim indexes up to date row by row is cheaper than
#: dropping and rebuilding them.
REBUILD_INDEXES_FROM_ROWS = 50_000


@contextmanager
def _schema_objects_dropped(
    connection: sqlite3.Connection, kind: str, where: str
) -> Iterator[None]:
    """Drop the schema objects of ``kind`` matching ``where`` and recreate them afterwards,
    from their own stored SQL; inside the caller's transaction, so no one sees the gap."""
    if not connection.in_transaction:
        raise RuntimeError(f"Drop {kind}s for bulk work only inside a transaction")
    objects = connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = '{kind}' AND {where}"
    ).fetchall()
    for name, _sql in objects:
        connection.execute(f'DROP {kind.upper()} "{name}"')
    try:
        yield
    finally:
        for _name, sql in objects:
            connection.execute(sql)


def fts_triggers_suspended(connection: sqlite3.Connection) -> AbstractContextManager[None]:
    """Drop the full-text triggers for the duration; must run inside a write transaction."""
    return _schema_objects_dropped(connection, "trigger", "name LIKE 'claim_fts_%'")


def claim_indexes_rebuilt(connection: sqlite3.Connection) -> AbstractContextManager[None]:
    """Drop the claim table's secondary indexes for the duration and build them again after.

    Building an index once, sorted, is cheaper than keeping eight of them up to date while a
    large number of rows arrive. Unique indexes stay: they guard the data.
    """
    return _schema_objects_dropped(
        connection,
        "index",
        "tbl_name = 'claim' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
    )


def _set_fts_option(connection: sqlite3.Connection, option: str, value: int) -> None:
    connection.execute("INSERT INTO claim_fts (claim_fts, rank) VALUES (?, ?)", (option, value))


def _fts_option(connection: sqlite3.Connection, option: str, default: int) -> int:
    row = connection.execute("SELECT v FROM claim_fts_config WHERE k = ?", (option,)).fetchone()
    return int(row[0]) if row else default


@contextmanager
def loading(connection: DbConnection, *, expected_rows: int) -> Iterator[None]:
    """Settings and suspensions for loading many claims in the current write transaction.

    On a server there is nothing to suspend: its index follows each row (see the module).

    A large page cache (random UUID keys and index builds touch pages all over the file), a
    larger FTS5 buffer, the index triggers suspended (the caller indexes what it touched), and
    for a big load relative to the table, the secondary indexes rebuilt at the end. FTS5's
    automatic merging of index segments is paused while the rows arrive (it merges the same
    entries again and again as the index grows: a third of the indexing time at a million
    claims) and resumes afterwards, where it continues in small steps with later writes.
    """
    if not isinstance(connection, sqlite3.Connection):
        yield
        return
    connection.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    automerge = _fts_option(connection, "automerge", DEFAULT_FTS_AUTOMERGE)
    _set_fts_option(connection, "hashsize", BULK_FTS_HASH_BYTES)
    _set_fts_option(connection, "automerge", 0)
    existing = int(connection.execute("SELECT count(*) FROM claim").fetchone()[0])
    rebuild = expected_rows >= REBUILD_INDEXES_FROM_ROWS and expected_rows > existing
    try:
        with (
            fts_triggers_suspended(connection),
            claim_indexes_rebuilt(connection) if rebuild else nullcontext(),
        ):
            yield
    finally:
        _set_fts_option(connection, "hashsize", DEFAULT_FTS_HASH_BYTES)
        _set_fts_option(connection, "automerge", automerge)


def insert_rows(
    connection: DbConnection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> None:
    """Insert many rows into ``table``: on a server by ``COPY`` (one stream, no statement per
    row), on a file with ``executemany``."""
    names = ", ".join(f'"{column}"' for column in columns)
    if isinstance(connection, ServerConnection):
        with (
            connection.psycopg.cursor() as cursor,
            cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


def insert_claims(
    connection: DbConnection,
    rows: Iterable[Sequence[object]],
    words: Iterable[str] | None = None,
) -> None:
    """Insert claim rows laid out as :data:`CLAIM_COLUMNS`, in their order (ids ascending):
    on a file with ``executemany``, on a server through :func:`_insert_claims_on_server`
    (with each row's :func:`row_words` when given, in the same order)."""
    if isinstance(connection, ServerConnection):
        _insert_claims_on_server(connection, rows, words)
    else:
        insert_rows(connection, "claim", CLAIM_COLUMNS, rows)


#: The session setting through which a bulk insert gives its claims' search documents
#: (the trigger of migration 0009 then keeps them instead of computing each one).
SEARCH_DOC_GIVEN = "claimtracker.search_doc_given"
#: The temporary table a batch of claims is copied into (dropped when the transaction ends).
_STAGE = "claim_stage"
#: The temporary table :func:`row_words` copies a batch's fields into.
_WORDS_STAGE = "claim_words_stage"


#: Between two fields' words in a search document (the spacer of migration 0007).
SPACER = "$$' ':1$$::tsvector"
#: The fields :func:`row_words` takes, in order.
ROW_WORD_FIELDS = ("text", "quote", "descriptor", "notes")
#: The first four of the six fields' words in ``claimtracker_search_doc`` (0007), joined the
#: same way: that document is exactly these, the spacer, the speaker's words, the spacer and
#: the source's words (``||`` groups from the left, so the positions come out the same).
ROW_WORDS = f" || {SPACER} || ".join(f"claimtracker_words({f})" for f in ROW_WORD_FIELDS)


def row_words(connection: ServerConnection, claims: Sequence[Sequence[object]]) -> list[str]:
    """The words of each claim's own fields (:data:`ROW_WORD_FIELDS`, in that order) as the
    search document begins with them, as ``tsvector`` text, in the claims' order. The values
    go by ``COPY`` into a temporary table of this connection's transaction (the cheapest way
    in: a statement's array parameters cost the client several times more), and nothing else
    is read or written, so any connection to the server may compute them."""
    if not claims:
        return []
    fields = ", ".join(ROW_WORD_FIELDS)
    connection.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_WORDS_STAGE} (n integer,"
        f" {', '.join(f'{field} text' for field in ROW_WORD_FIELDS)}) ON COMMIT DROP"
    )
    with (
        connection.psycopg.cursor() as cursor,
        cursor.copy(f"COPY {_WORDS_STAGE} (n, {fields}) FROM STDIN") as copy,
    ):
        for order, claim in enumerate(claims):
            copy.write_row((order, *claim))
    words = [
        own
        for (own,) in connection.execute(
            f"SELECT ({ROW_WORDS})::text FROM {_WORDS_STAGE} ORDER BY n"
        )
    ]
    connection.execute(f"TRUNCATE {_WORDS_STAGE}")
    return words


def _insert_claims_on_server(
    connection: ServerConnection,
    rows: Iterable[Sequence[object]],
    words: Iterable[str] | None = None,
) -> None:
    """``COPY`` the rows into a temporary table, then one ``INSERT … SELECT`` into ``claim``
    that joins the speakers and sources once and computes the search documents set-based
    (from the rows' own ``words`` when given: :func:`row_words`); the claims get their ids in
    the rows' order (``stage_order``)."""
    # The staging table lives as long as a transaction: one for these rows when there is none.
    with connection.psycopg.transaction() if connection.psycopg.autocommit else nullcontext():
        _stage_and_insert(connection, rows, words)


def _stage_and_insert(
    connection: ServerConnection, rows: Iterable[Sequence[object]], words: Iterable[str] | None
) -> None:
    columns = ", ".join(CLAIM_COLUMNS)
    connection.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_STAGE} ON COMMIT DROP AS SELECT 0::bigint AS"
        f" stage_order, {columns}, NULL::tsvector AS row_words FROM claim WITH NO DATA"
    )
    with (
        connection.psycopg.cursor() as cursor,
        cursor.copy(
            f"COPY {_STAGE} (stage_order, {columns}{'' if words is None else ', row_words'}) FROM STDIN"
        ) as copy,
    ):
        if words is None:
            for order, row in enumerate(rows):
                copy.write_row((order, *row))
        else:
            for order, (row, own) in enumerate(zip(rows, words, strict=True)):
                copy.write_row((order, *row, own))
    staged = ", ".join(f"st.{column}" for column in CLAIM_COLUMNS)
    document = (
        "claimtracker_search_doc(st.text, st.quote, st.descriptor, st.notes, a.name::text, s.title)"
        if words is None
        else f"st.row_words || {SPACER} || claimtracker_words(a.name::text) || {SPACER}"
        " || claimtracker_words(s.title)"
    )
    connection.execute("SELECT set_config(?, 'on', true)", (SEARCH_DOC_GIVEN,))
    connection.execute(
        f"INSERT INTO claim ({columns}, search_doc) SELECT {staged}, {document}"
        f" FROM {_STAGE} st LEFT JOIN actor a ON a.id = st.speaker_id"
        " LEFT JOIN source s ON s.id = st.source_id ORDER BY st.stage_order"
    )
    connection.execute("SELECT set_config(?, 'off', true)", (SEARCH_DOC_GIVEN,))
    connection.execute(f"TRUNCATE {_STAGE}")


def index_claims_after(connection: DbConnection, last_id_before: int) -> None:
    """Index every claim with an id above ``last_id_before`` (the rows just inserted)."""
    if not isinstance(connection, sqlite3.Connection):
        return
    connection.execute(_ADD + " WHERE id > ?", (last_id_before,))


@contextmanager
def claims_reindexed(connection: DbConnection, claim_ids: Iterable[int]) -> Iterator[None]:
    """Change existing claims in the block; their index entries follow.

    The index is external-content: it forgets a row only when told the values it indexed, so
    the entries are removed before the change (old values) and added after it (new values).
    A server's index follows by itself.
    """
    if not isinstance(connection, sqlite3.Connection):
        yield
        return
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS reindex_ids (id INTEGER PRIMARY KEY)")
    connection.execute("DELETE FROM temp.reindex_ids")
    connection.executemany(
        "INSERT OR IGNORE INTO temp.reindex_ids (id) VALUES (?)", ((i,) for i in claim_ids)
    )
    connection.execute(_FORGET + " WHERE id IN (SELECT id FROM temp.reindex_ids)")
    yield
    connection.execute(_ADD + " WHERE id IN (SELECT id FROM temp.reindex_ids)")
    connection.execute("DELETE FROM temp.reindex_ids")


def last_claim_id(connection: DbConnection) -> int:
    return int(connection.execute("SELECT coalesce(max(id), 0) FROM claim").fetchone()[0])


def rebuild_index(connection: DbConnection) -> None:
    """Rebuild the whole full-text index from the claims (repair, or after a huge load); on a
    server, the claim table's indexes (``REINDEX``, for the table's owner)."""
    if not isinstance(connection, sqlite3.Connection):
        connection.execute("REINDEX TABLE claim")
        return
    connection.execute("INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')")


def check_index(connection: DbConnection) -> bool:
    """True when the full-text index matches the claims it indexes; on a server, when the
    server uses every index of the claim table (it keeps them in step itself)."""
    if not isinstance(connection, sqlite3.Connection):
        return (
            connection.execute(
                "SELECT NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = 'claim'::regclass"
                " AND NOT (indisvalid AND indisready))"
            ).fetchone()[0]
            is True
        )
    try:
        connection.execute("INSERT INTO claim_fts (claim_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True
