"""Full-text search on a server: a search document per claim, kept by triggers, in a GIN index;
and sort indexes in the order a file sorts.

PostgreSQL only (a database file has its FTS5 index since 0001; there this revision does
nothing). The document holds the same six fields as the file's index (claim text, quote,
descriptor, notes, speaker's name, source's title), each folded the same way: lower case,
accents removed (the ``unaccent`` extension), every run of characters that are not letters or
digits a word break (what SQLite's ``unicode61`` tokenizer does), words kept as written (the
``simple`` configuration: no stemming, no stop words; word forms are widened in the query, as
on a file). A spacer lexeme no query can ask for sits between the fields, so that a phrase never
runs from one field into the next, as it cannot in FTS5.

``unaccent`` is a trusted extension (PostgreSQL 13 and later): the database's owner, or anyone
allowed to CREATE in it, creates it; it ships in the server's contrib package. When it cannot
be created this revision stops with one line saying what the server's administrator must do.

Functions (in the schema's own namespace, used by ``claimtracker.query.server_search``):
``claimtracker_fold(text)`` the folding, ``claimtracker_words(text)`` one field's words as a
tsvector, ``claimtracker_search_doc(...)`` the six fields' document, and
``claimtracker_tsquery_term(text[], boolean)`` one query term (any of its forms; the first as a
prefix) as tsquery text, folded and split into words exactly as the document is.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from claimtracker.errors import StorageError

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: Between two fields' words: a lexeme no query asks for (queries hold letters and digits only).
SPACER = "$$' ':1$$::tsvector"

_FIELDS = ("text", "quote", "descriptor", "notes", "speaker", "source_title")


def _functions(unaccent_schema: str) -> list[str]:
    unaccent = f"{unaccent_schema}.unaccent('{unaccent_schema}.unaccent'::regdictionary, value)"
    document = f" || {SPACER} || ".join(f"claimtracker_words({name})" for name in _FIELDS)
    arguments = ", ".join(f"{name} text" for name in _FIELDS)
    return [
        f"""
        CREATE FUNCTION claimtracker_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN lower({unaccent})
        """,
        """
        CREATE FUNCTION claimtracker_words(value text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN to_tsvector('pg_catalog.simple',
            regexp_replace(claimtracker_fold(coalesce(value, '')), '[^[:alnum:]]+', ' ', 'g'))
        """,
        f"""
        CREATE FUNCTION claimtracker_search_doc({arguments}) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN {document}
        """,
        # One word of a query, folded and split as the document's words are: a phrase when it
        # holds several (e-mail: 'e' <-> 'mail'), the last one a prefix when asked. A word
        # that folds to nothing asks for a lexeme no document holds.
        """
        CREATE FUNCTION claimtracker_tsquery_word(word text, prefix boolean) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN (
            SELECT coalesce(
                string_agg('''' || w || '''', ' <-> ' ORDER BY n)
                    || CASE WHEN prefix THEN ':*' ELSE '' END,
                '''  ''')
            FROM regexp_split_to_table(claimtracker_fold(word), '[^[:alnum:]]+')
                WITH ORDINALITY AS t(w, n)
            WHERE w <> '')
        """,
        # A query term: any of its forms, the first one a prefix when asked.
        """
        CREATE FUNCTION claimtracker_tsquery_term(forms text[], prefix boolean) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN (
            SELECT '(' || string_agg(
                '(' || claimtracker_tsquery_word(f, prefix AND n = 1) || ')', ' | ' ORDER BY n)
                || ')'
            FROM unnest(forms) WITH ORDINALITY AS t(f, n))
        """,
        """
        CREATE FUNCTION claimtracker_claim_search_doc() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            speaker text;
            source_title text;
        BEGIN
            -- Looked up first: a sub-select among the arguments would keep the document's
            -- function from being inlined (several times slower per row).
            IF NEW.speaker_id IS NOT NULL THEN
                SELECT name INTO speaker FROM actor WHERE id = NEW.speaker_id;
            END IF;
            IF NEW.source_id IS NOT NULL THEN
                SELECT title INTO source_title FROM source WHERE id = NEW.source_id;
            END IF;
            NEW.search_doc := claimtracker_search_doc(
                NEW.text, NEW.quote, NEW.descriptor, NEW.notes, speaker, source_title);
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE FUNCTION claimtracker_actor_renamed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE claim c SET search_doc = claimtracker_search_doc(
                c.text, c.quote, c.descriptor, c.notes, NEW.name::text,
                (SELECT title FROM source WHERE id = c.source_id))
            WHERE c.speaker_id = NEW.id;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE FUNCTION claimtracker_source_retitled() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE claim c SET search_doc = claimtracker_search_doc(
                c.text, c.quote, c.descriptor, c.notes,
                (SELECT name::text FROM actor WHERE id = c.speaker_id), NEW.title)
            WHERE c.source_id = NEW.id;
            RETURN NULL;
        END
        $$
        """,
    ]


_TRIGGERS = [
    # Deleting an actor or a source sets the claims' reference to NULL (the foreign key's
    # action), an UPDATE OF that column: this trigger then drops the name from the document.
    """
    CREATE TRIGGER claim_search_doc
    BEFORE INSERT OR UPDATE OF text, quote, descriptor, notes, speaker_id, source_id ON claim
    FOR EACH ROW EXECUTE FUNCTION claimtracker_claim_search_doc()
    """,
    """
    CREATE TRIGGER claim_search_actor_renamed AFTER UPDATE OF name ON actor
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION claimtracker_actor_renamed()
    """,
    """
    CREATE TRIGGER claim_search_source_retitled AFTER UPDATE OF title ON source
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION claimtracker_source_retitled()
    """,
]


#: Claim columns that may be empty and are sorted on: SQLite puts NULL first going up, and so
#: does ``ClaimOrder`` on a server; their indexes are rebuilt in that order, so that a first
#: page sorted by them reads the index instead of sorting a million claims (the claim id rides
#: along, as in SQLite's indexes: half the claims may have no date, one tie to sort).
NULLABLE_SORTED = ("credibility", "said_on", "reported_on", "event_on")


def _unaccent_schema() -> str:
    """The schema holding ``unaccent``, created here if it is not yet; or one line saying
    what the server's administrator must do."""
    run = op.get_bind().exec_driver_sql
    schema = run(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'"
    ).scalar()
    if schema is not None:
        return str(schema)
    database = run("SELECT current_database()").scalar()
    if run("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").scalar() is None:
        raise StorageError(
            "Search on the server needs PostgreSQL's unaccent extension, which this server does "
            "not have: its administrator installs the server's contrib package "
            "(Debian/Ubuntu: postgresql-contrib), then open the database again."
        )
    if not run("SELECT has_database_privilege(current_database(), 'CREATE')").scalar():
        raise StorageError(
            f"Search on the server needs PostgreSQL's unaccent extension in database "
            f"{database}, and this role may not create it: its owner or the server's "
            f"administrator runs CREATE EXTENSION unaccent; in it, then open it again."
        )
    run("CREATE EXTENSION unaccent")
    return str(run("SELECT current_schema()").scalar())


def _run(sql: str) -> None:
    # As written: SQLAlchemy's text() would read ':1' in the tsvector literals as a parameter.
    op.get_bind().exec_driver_sql(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for statement in _functions(_unaccent_schema()):
        _run(statement)
    _run("ALTER TABLE claim ADD COLUMN search_doc tsvector")
    _run(
        "UPDATE claim c SET search_doc = claimtracker_search_doc(c.text, c.quote, c.descriptor, "
        "c.notes, (SELECT name::text FROM actor WHERE id = c.speaker_id), "
        "(SELECT title FROM source WHERE id = c.source_id))"
    )
    for statement in _TRIGGERS:
        _run(statement)
    _run("CREATE INDEX ix_claim_search ON claim USING gin (search_doc)")
    # speaker:word and source:word look the names up here (claimtracker.query.server_search).
    _run("CREATE INDEX ix_actor_search ON actor USING gin (claimtracker_words(name::text))")
    _run("CREATE INDEX ix_source_search ON source USING gin (claimtracker_words(title))")
    for column in NULLABLE_SORTED:
        _run(f"DROP INDEX ix_claim_{column}")
        _run(f"CREATE INDEX ix_claim_{column} ON claim ({column} NULLS FIRST, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for column in NULLABLE_SORTED:
        _run(f"DROP INDEX ix_claim_{column}")
        _run(f"CREATE INDEX ix_claim_{column} ON claim ({column})")
    _run("DROP INDEX ix_source_search")
    _run("DROP INDEX ix_actor_search")
    _run("DROP TRIGGER claim_search_source_retitled ON source")
    _run("DROP TRIGGER claim_search_actor_renamed ON actor")
    _run("DROP TRIGGER claim_search_doc ON claim")
    _run("ALTER TABLE claim DROP COLUMN search_doc")
    for name in (
        "claimtracker_source_retitled()",
        "claimtracker_actor_renamed()",
        "claimtracker_claim_search_doc()",
        "claimtracker_tsquery_term(text[], boolean)",
        "claimtracker_tsquery_word(text, boolean)",
        f"claimtracker_search_doc({', '.join('text' for _ in _FIELDS)})",
        "claimtracker_words(text)",
        "claimtracker_fold(text)",
    ):
        _run(f"DROP FUNCTION {name}")
