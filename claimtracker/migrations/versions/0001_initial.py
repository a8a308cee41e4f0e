"""Initial schema: actors, sources, claims, tags, links, and the claim full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import CITEXT

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Names compare and stay unique regardless of case: SQLite's NOCASE collation, PostgreSQL's
# citext type (case-insensitive text, a trusted extension any database owner may create). citext
# rather than a lower() unique index: every ``name = ?`` in every query then behaves as on SQLite
# without being rewritten, and the plain unique constraint stays the one that reports duplicates.
NOCASE = sa.String(collation="NOCASE").with_variant(CITEXT(), "postgresql")


def tracked_columns() -> list[sa.Column]:
    return [
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def codes(column: str, values: tuple[str, ...], nullable: bool = False) -> sa.CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    condition = f"{column} IN ({listed})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return sa.CheckConstraint(condition, name=f"ck_{column}_code")


ACTOR_KINDS = (
    "person", "organisation", "government_body", "media_outlet", "described_group", "unknown",
)
ATTRIBUTIONS = (
    "on_record", "official_statement", "anonymous", "secondhand", "unattributed", "unknown",
)
STATUSES = (
    "unstarted", "in_progress", "verified", "false", "misleading", "disputed", "inconclusive",
)
LIKELIHOODS = (
    "almost_no_chance", "very_unlikely", "unlikely", "roughly_even_chance", "likely",
    "very_likely", "almost_certain",
)
RELATIONS = ("contradicts", "denies", "counters", "supports", "repeats", "responds_to")

# The full-text index has external content: it stores only the index, and reads the indexed
# values from this view (the claim's fields plus its speaker's name and its source's title).
# Triggers keep it in step; an external-content index must be told the OLD values of a row to
# forget it, so every trigger that changes an indexed value first deletes with the old values.
FTS_CONTENT_VIEW = """
    CREATE VIEW claim_fts_content AS
    SELECT c.id AS id, c.text AS text, c.quote AS quote, c.descriptor AS descriptor,
           c.notes AS notes,
           (SELECT name FROM actor WHERE id = c.speaker_id) AS speaker,
           (SELECT title FROM source WHERE id = c.source_id) AS source_title
    FROM claim c
"""
_COLUMNS = "rowid, text, quote, descriptor, notes, speaker, source_title"
_FORGET = f"INSERT INTO claim_fts (claim_fts, {_COLUMNS})"
_ADD = f"INSERT INTO claim_fts ({_COLUMNS})"

FTS_TRIGGERS = [
    f"""
    CREATE TRIGGER claim_fts_after_insert AFTER INSERT ON claim BEGIN
        {_ADD} SELECT * FROM claim_fts_content WHERE id = new.id;
    END
    """,
    f"""
    CREATE TRIGGER claim_fts_before_update
    BEFORE UPDATE OF text, quote, descriptor, notes, speaker_id, source_id ON claim BEGIN
        {_FORGET} SELECT 'delete', * FROM claim_fts_content WHERE id = old.id;
    END
    """,
    f"""
    CREATE TRIGGER claim_fts_after_update
    AFTER UPDATE OF text, quote, descriptor, notes, speaker_id, source_id ON claim BEGIN
        {_ADD} SELECT * FROM claim_fts_content WHERE id = new.id;
    END
    """,
    f"""
    CREATE TRIGGER claim_fts_before_delete BEFORE DELETE ON claim BEGIN
        {_FORGET} SELECT 'delete', * FROM claim_fts_content WHERE id = old.id;
    END
    """,
    f"""
    CREATE TRIGGER claim_fts_before_actor_rename BEFORE UPDATE OF name ON actor BEGIN
        {_FORGET} SELECT 'delete', f.* FROM claim_fts_content f
            WHERE f.id IN (SELECT id FROM claim WHERE speaker_id = old.id);
    END
    """,
    f"""
    CREATE TRIGGER claim_fts_after_actor_rename AFTER UPDATE OF name ON actor BEGIN
        {_ADD} SELECT f.* FROM claim_fts_content f
            WHERE f.id IN (SELECT id FROM claim WHERE speaker_id = new.id);
    END
    """,
    f"""
    CREATE TRIGGER claim_fts_before_source_retitle BEFORE UPDATE OF title ON source BEGIN
        {_FORGET} SELECT 'delete', f.* FROM claim_fts_content f
            WHERE f.id IN (SELECT id FROM claim WHERE source_id = old.id);
    END
    """,
    f"""
    CREATE TRIGGER claim_fts_after_source_retitle AFTER UPDATE OF title ON source BEGIN
        {_ADD} SELECT f.* FROM claim_fts_content f
            WHERE f.id IN (SELECT id FROM claim WHERE source_id = new.id);
    END
    """,
    # Deleting an actor or a source for good clears the claims' references while the name or
    # title can still be read, so the index forgets exactly what it holds.
    """
    CREATE TRIGGER claim_fts_before_actor_delete BEFORE DELETE ON actor BEGIN
        UPDATE claim SET speaker_id = NULL WHERE speaker_id = old.id;
    END
    """,
    """
    CREATE TRIGGER claim_fts_before_source_delete BEFORE DELETE ON source BEGIN
        UPDATE claim SET source_id = NULL WHERE source_id = old.id;
    END
    """,
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS citext")
    op.create_table(
        "actor",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", NOCASE, nullable=False, unique=True),
        sa.Column("kind", sa.String(), nullable=False, server_default="unknown"),
        sa.Column("affiliation", sa.String()),
        sa.Column("country", sa.String()),
        sa.Column("reliability", sa.String(1)),
        sa.Column("notes", sa.Text()),
        *tracked_columns(),
        codes("kind", ACTOR_KINDS),
        codes("reliability", ("A", "B", "C", "D", "E", "F"), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "actor_alias",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "actor_id",
            sa.Integer(),
            sa.ForeignKey("actor.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("alias", NOCASE, nullable=False, unique=True),
    )
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(), nullable=False, server_default=""),
        sa.Column(
            "outlet_id",
            sa.Integer(),
            sa.ForeignKey("actor.id", ondelete="SET NULL"),
            index=True,
        ),
        sa.Column("byline", sa.String()),
        sa.Column("url", sa.String()),
        sa.Column("published_on", sa.Date()),
        sa.Column("retrieved_at", sa.DateTime()),
        sa.Column("language", sa.String(16)),
        sa.Column("format", sa.String(16), nullable=False, server_default="text"),
        sa.Column("origin", sa.String()),
        sa.Column("text", sa.Text(), nullable=False, server_default=""),
        sa.Column("sha256", sa.String(64), unique=True),
        *tracked_columns(),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text()),
        sa.Column(
            "source_id",
            sa.Integer(),
            sa.ForeignKey("source.id", ondelete="SET NULL"),
            index=True,
        ),
        sa.Column("anchor_start", sa.Integer()),
        sa.Column("anchor_end", sa.Integer()),
        sa.Column("anchor_exact", sa.Text()),
        sa.Column("anchor_prefix", sa.String()),
        sa.Column("anchor_suffix", sa.String()),
        sa.Column("anchor_status", sa.String(16)),
        sa.Column(
            "speaker_id",
            sa.Integer(),
            sa.ForeignKey("actor.id", ondelete="SET NULL"),
            index=True,
        ),
        sa.Column("attribution", sa.String(), nullable=False, server_default="unknown", index=True),
        sa.Column("descriptor", sa.String()),
        sa.Column("source_count", sa.Integer()),
        sa.Column("status", sa.String(), nullable=False, server_default="unstarted", index=True),
        sa.Column("credibility", sa.Integer(), index=True),
        sa.Column("likelihood", sa.String()),
        sa.Column("confidence", sa.String()),
        sa.Column("said_on", sa.Date(), index=True),
        sa.Column("reported_on", sa.Date(), index=True),
        sa.Column("event_on", sa.Date(), index=True),
        sa.Column("notes", sa.Text()),
        *tracked_columns(),
        codes("attribution", ATTRIBUTIONS),
        codes("status", STATUSES),
        codes("likelihood", LIKELIHOODS, nullable=True),
        codes("confidence", ("low", "moderate", "high"), nullable=True),
        codes("anchor_status", ("ok", "orphan"), nullable=True),
        sa.CheckConstraint(
            "credibility IS NULL OR credibility BETWEEN 1 AND 6", name="ck_credibility_range"
        ),
        sa.CheckConstraint(
            "source_count IS NULL OR source_count >= 0", name="ck_source_count_positive"
        ),
        sa.CheckConstraint(
            "anchor_start IS NULL OR (anchor_start >= 0 AND anchor_end >= anchor_start)",
            name="ck_anchor_range",
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", NOCASE, nullable=False, unique=True),
    )
    op.create_table(
        "claim_tag",
        sa.Column(
            "claim_id",
            sa.Integer(),
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "tag_id",
            sa.Integer(),
            sa.ForeignKey("tag.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )
    op.create_table(
        "link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "claim_a_id",
            sa.Integer(),
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "claim_b_id",
            sa.Integer(),
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("relation", sa.String(), nullable=False),
        sa.Column("note", sa.Text()),
        *tracked_columns(),
        sa.UniqueConstraint("claim_a_id", "claim_b_id", "relation", name="uq_link_pair"),
        sa.CheckConstraint("claim_a_id <> claim_b_id", name="ck_link_not_self"),
        codes("relation", RELATIONS),
        sqlite_autoincrement=True,
    )

    if op.get_bind().dialect.name == "sqlite":
        # unicode61 folds case for every script and, with remove_diacritics 2, finds "eclair"
        # in "Éclair"; the one- and two-letter prefix indexes make search-as-you-type fast from
        # the first letter (longer prefixes are selective enough without one).
        op.execute(FTS_CONTENT_VIEW)
        op.execute(
            """
            CREATE VIRTUAL TABLE claim_fts USING fts5(
                text, quote, descriptor, notes, speaker, source_title,
                content = 'claim_fts_content', content_rowid = 'id',
                tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2'
            )
            """
        )
        for trigger in FTS_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS claim_fts")
        op.execute("DROP VIEW IF EXISTS claim_fts_content")
    for table in ("link", "claim_tag", "tag", "claim", "source", "actor_alias", "actor"):
        op.drop_table(table)
