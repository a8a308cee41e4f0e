"""The field registry agrees with what it describes: the tables, the schemas, the CSV report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtracker import bulk, fields
from claimtracker.csvio import CLAIM_COLUMNS
from claimtracker.schemas import ActorUpdate, ClaimFields, SourceUpdate
from claimtracker.store import Store


def test_every_field_is_a_column_of_its_table(store: Store, db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    try:
        for kind in fields.KINDS:
            columns = {row[1] for row in connection.execute(f"PRAGMA table_info({kind})")}
            stored = {f.name for f in fields.fields_of(kind) if f.stored}
            assert stored <= columns, kind
        claim_columns = {row[1] for row in connection.execute("PRAGMA table_info(claim)")}
        assert set(bulk.CLAIM_COLUMNS) <= claim_columns
    finally:
        connection.close()


def test_bulk_rows_keep_their_layout() -> None:
    """Callers build bulk rows by position (bench/synthetic.py): the registry's order is it."""
    assert bulk.CLAIM_COLUMNS[:4] == ("uuid", "text", "quote", "source_id")
    assert bulk.CLAIM_COLUMNS.index("speaker_id") == 10
    assert bulk.CLAIM_COLUMNS[-5:] == ("tlp", "external_id", "created_at", "updated_at", "version")


def test_the_editable_fields_are_those_the_schemas_take() -> None:
    anchor_inputs = {"anchor_start", "anchor_end"}  # offsets a caller may give with a quote
    assert set(fields.CLAIM_EDITABLE) == set(ClaimFields.model_fields) - anchor_inputs
    assert fields.RESTORABLE["claim"] == set(fields.CLAIM_EDITABLE)
    assert fields.RESTORABLE["actor"] == set(ActorUpdate.model_fields)
    assert fields.RESTORABLE["source"] == set(SourceUpdate.model_fields)


def test_csv_columns_are_columns_of_the_report() -> None:
    report = {column.name for column in CLAIM_COLUMNS}
    named = {f.csv_column for f in fields.fields_of("claim") if f.csv_column}
    assert named <= report
    assert fields.CLAIM_CSV_COLUMNS["claim"] == "text"


def test_labels_read_as_the_analyst_reads_them() -> None:
    assert fields.label("claim", "source_count") == "Sources behind"
    assert fields.phrase("claim", "source_count") == "number of sources"
    assert fields.value_label("claim", "status", "disputed") == "Disputed"
    assert fields.value_label("actor", "reliability", "B") == "B"
    assert fields.label("claim", "new_field") == "New field"
