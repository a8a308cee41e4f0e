"""Names to choose from: speakers, sources and tags for pickers and completion.

Light and bounded (a ``LIMIT`` on every list), so a picker over a large database answers at once.
DB-API only, like the rest of ``claimtracker.query``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimtracker.query.chunks import MARKS, select_in
from claimtracker.store.dbapi import SQLITE, DbConnection, dialect_of, nocase


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    label: str
    detail: str | None = None


def _like(text: str) -> str:
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def actor_choices(
    connection: DbConnection,
    text: str = "",
    *,
    limit: int = 200,
    most_quoted_first: bool = False,
) -> list[Choice]:
    """Live actors whose name or an alias contains ``text``: by name, or with
    ``most_quoted_first`` by how many claims they speak (counted from the index alone)."""
    by_name = nocase("a.name", dialect_of(connection))
    order = (
        f"(SELECT count(*) FROM claim WHERE speaker_id = a.id) DESC, {by_name}"
        if most_quoted_first
        else by_name
    )
    rows = connection.execute(
        f"""
        SELECT a.id, a.name, a.kind FROM actor a
        WHERE a.deleted_at IS NULL
          AND (a.name LIKE ?1 ESCAPE '\\'
               OR EXISTS (SELECT 1 FROM actor_alias x
                          WHERE x.actor_id = a.id AND x.alias LIKE ?1 ESCAPE '\\'))
        ORDER BY {order} LIMIT ?2
        """,
        (_like(text), limit),
    )
    return [Choice(*row) for row in rows]


def live_totals(connection: DbConnection) -> tuple[int, int]:
    """How many live sources and live actors there are."""
    sources = connection.execute("SELECT count(*) FROM source WHERE deleted_at IS NULL")
    actors = connection.execute("SELECT count(*) FROM actor WHERE deleted_at IS NULL")
    return int(sources.fetchone()[0]), int(actors.fetchone()[0])


def actor_names(connection: DbConnection) -> list[str]:
    """Every live actor's name and alias, for completion."""
    rows = connection.execute(
        """
        SELECT name FROM actor WHERE deleted_at IS NULL
        UNION
        SELECT x.alias FROM actor_alias x JOIN actor a ON a.id = x.actor_id
        WHERE a.deleted_at IS NULL
        """
    )
    return sorted((name for (name,) in rows), key=str.casefold)


def actor_named(connection: DbConnection, name: str) -> Choice | None:
    """The live actor called ``name`` or known by it as an alias (case-insensitive), if any."""
    row = connection.execute(
        """
        SELECT a.id, a.name, a.kind FROM actor a
        WHERE a.deleted_at IS NULL
          AND (a.name = ?1 OR a.id IN (SELECT actor_id FROM actor_alias WHERE alias = ?1))
        ORDER BY a.name <> ?1 LIMIT 1
        """,
        (name.strip(),),
    ).fetchone()
    return Choice(*row) if row else None


def actor_choice(connection: DbConnection, actor_id: int) -> Choice | None:
    row = connection.execute(
        "SELECT id, name, kind FROM actor WHERE id = ?", (actor_id,)
    ).fetchone()
    return Choice(*row) if row else None


def actor_reliability(connection: DbConnection, actor_id: int) -> str | None:
    row = connection.execute("SELECT reliability FROM actor WHERE id = ?", (actor_id,)).fetchone()
    return row[0] if row else None


def source_outlet_id(connection: DbConnection, source_id: int) -> int | None:
    row = connection.execute("SELECT outlet_id FROM source WHERE id = ?", (source_id,)).fetchone()
    return row[0] if row else None


def source_choices(connection: DbConnection, text: str = "", *, limit: int = 200) -> list[Choice]:
    """Live sources whose title or outlet contains ``text``, newest first."""
    like = "LIKE" if dialect_of(connection) == SQLITE else "ILIKE"
    rows = connection.execute(
        f"""
        SELECT s.id, CASE WHEN s.title <> '' THEN s.title ELSE 'Source #' || s.id END,
               trim(coalesce(o.name, '') || '  ' || coalesce(CAST(s.published_on AS TEXT), ''))
        FROM source s LEFT JOIN actor o ON o.id = s.outlet_id
        WHERE s.deleted_at IS NULL
          AND (s.title {like} ?1 ESCAPE '\\' OR o.name LIKE ?1 ESCAPE '\\')
        ORDER BY s.published_on IS NULL, s.published_on DESC, s.id DESC LIMIT ?2
        """,
        (_like(text), limit),
    )
    return [Choice(id_, label, detail or None) for id_, label, detail in rows]


def tag_choices(connection: DbConnection, text: str = "", *, limit: int = 200) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM tag WHERE name LIKE ? ESCAPE '\\' "
        f"ORDER BY {nocase('name', dialect_of(connection))} LIMIT ?",
        (_like(text), limit),
    )
    return [name for (name,) in rows]


_COUNTED_COLUMNS = {"source": "source_id", "speaker": "speaker_id"}


def claim_counts(
    connection: DbConnection, by: str, keys: Sequence[int] | None = None
) -> dict[int, int]:
    """Live claims per source or per speaker (``by`` = "source" or "speaker").

    For a few ``keys`` the claims are counted through the index. For all of them, in two passes
    that are each fast at a million claims: every claim per key from the index alone, minus the
    claims in the trash from one sequential scan (a single query with ``deleted_at IS NULL``
    would look every row up through the index, ten times slower).
    """
    column = _COUNTED_COLUMNS[by]
    if keys is not None:
        counts: dict[int, int] = dict.fromkeys(keys, 0)
        counts.update(
            select_in(
                connection,
                f"SELECT {column}, count(*) FROM claim WHERE {column} IN ({MARKS}) "
                f"AND deleted_at IS NULL GROUP BY {column}",
                counts,
            )
        )
        return counts
    counts = dict(
        connection.execute(  # every claim, from the index
            f"SELECT {column}, count(*) FROM claim WHERE {column} IS NOT NULL GROUP BY {column}"
        ).fetchall()
    )
    not_indexed = "NOT INDEXED" if dialect_of(connection) == SQLITE else ""
    for key, trashed in connection.execute(
        f"SELECT {column}, count(*) FROM claim {not_indexed} "
        f"WHERE deleted_at IS NOT NULL AND {column} IS NOT NULL GROUP BY {column}"
    ):
        counts[key] -= trashed
    return counts
