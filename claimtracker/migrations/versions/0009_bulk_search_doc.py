"""A bulk import on a server writes the claims' search documents itself, in one statement.

PostgreSQL only (on a file this revision does nothing). The trigger that keeps a claim's
search document (0007) runs PL/pgSQL and two look-ups for each row: at a million imported
claims that is most of the import's time. The CSV importer instead inserts a batch of claims
with one ``INSERT … SELECT`` that joins the speakers and sources once and computes every
document with the same function (``claimtracker_search_doc``). For that statement alone it sets
``claimtracker.search_doc_given`` to ``on`` (``set_config(…, true)``: never beyond its own
transaction, and only its own session sees it); the trigger then keeps the document the
statement gives. Every other write, and every update, is indexed by the trigger as before.
No ``ALTER TABLE … DISABLE TRIGGER``: that needs the table's owner and locks out colleagues.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from claimtracker.bulk import SEARCH_DOC_GIVEN

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_SKIP = f"""
            IF TG_OP = 'INSERT' AND NEW.search_doc IS NOT NULL
                    AND current_setting('{SEARCH_DOC_GIVEN}', true) = 'on' THEN
                RETURN NEW;
            END IF;"""

_FUNCTION = f"""
        CREATE OR REPLACE FUNCTION claimtracker_claim_search_doc() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            speaker text;
            source_title text;
        BEGIN{_SKIP}
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
        """


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.get_bind().exec_driver_sql(_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.get_bind().exec_driver_sql(_FUNCTION.replace(_SKIP, ""))
