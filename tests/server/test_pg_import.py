"""CSV import on a server: the claims' search documents written in bulk, batches written while
the next is read, and undo of an import with a colleague's claim saved meanwhile."""

from __future__ import annotations

import csv
from pathlib import Path

import psycopg
import pytest

from claimtracker import bulk
from claimtracker.csvio import import_csv, importer
from claimtracker.csvio.background import BackgroundWrites
from claimtracker.csvio.undo import ImportStep, undo_import
from claimtracker.query import ClaimFilter, search_rows
from claimtracker.store import Store
from tests.core.helpers import add_claim

HEADER = ("claim", "quote", "speaker", "source_title", "url", "notes", "tags")

#: Search documents that differ from what the claim's trigger computes from its fields.
DIFFERING_DOCUMENTS = (
    "SELECT count(*) FROM claim c WHERE search_doc IS DISTINCT FROM claimtracker_search_doc("
    "c.text, c.quote, c.descriptor, c.notes, (SELECT name::text FROM actor WHERE id = c.speaker_id),"
    " (SELECT title FROM source WHERE id = c.source_id))"
)


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _rows(n: int) -> list[tuple[str, ...]]:
    return [
        (
            f"Claim {i}: the convoy crossed near Škoda works" if i % 3 else f"Заявление {i}",
            f"quote {i}" if i % 2 else "",
            f"Speaker Žofie {i % 4}" if i % 5 else "",
            f"Report Ärger {i % 3}" if i % 7 else "",
            f"https://news.example/{i % 3}" if i % 7 else "",
            f"note {i}" if i % 4 == 0 else "",
            "alpha; beta" if i % 6 == 0 else "",
        )
        for i in range(1, n + 1)
    ]


def test_imported_claims_carry_the_search_document_the_trigger_would_give(
    pg_migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 4)  # several batches, written while reading on
    path = tmp_path / "claims.csv"
    _write(path, _rows(23))
    with Store.open(pg_migrated_url) as store:
        summary = import_csv(store, path)
        assert summary.created == 23 and len(summary.new_actors) == 4
        saved_after = add_claim(store, text="typed by hand after the import", speaker="Nobody")
        with store.raw() as connection:
            assert connection.execute(DIFFERING_DOCUMENTS).fetchone()[0] == 0
            texts = [
                text
                for (text,) in connection.execute(
                    "SELECT text FROM claim WHERE id <> ? ORDER BY id", (saved_after,)
                )
            ]
            # Words of the speaker's name and the source's title are found, accents folded.
            found = search_rows(connection, ClaimFilter(text="zofie arger"))
            tagged = connection.execute(
                "SELECT count(*) FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
                " WHERE t.name IN ('alpha', 'beta')"
            ).fetchone()[0]
    assert texts == [row[0] for row in _rows(23)]  # ids in the file's order
    expected = {row[0] for row in _rows(23) if row[2] and row[3]}
    assert {row.text for row in found} == expected
    assert tagged == 2 * 3  # rows 6, 12 and 18


def test_a_colleagues_claim_saved_during_an_import_survives_its_undo(
    pg_migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 300)
    path = tmp_path / "claims.csv"
    _write(path, _rows(2500))
    colleague = psycopg.connect(pg_migrated_url.replace("+psycopg", ""), autocommit=True)

    def meanwhile(done: int, total: int) -> bool:
        if done == 1000:  # a program that writes no journal (journal writers take turns)
            colleague.execute(
                "INSERT INTO claim (uuid, text, attribution, status, created_at, updated_at,"
                " version) VALUES (gen_random_uuid()::text, 'saved meanwhile', 'unknown',"
                " 'unstarted', now(), now(), 1)"
            )
        return True

    try:
        with Store.open(pg_migrated_url) as store:
            before = add_claim(store, text="there before the import")
            summary = import_csv(store, path, progress=meanwhile)
            assert summary.created == 2500
            undo_import(store, ImportStep(summary.changes, summary.new_tag_ids), note="undo")
            with store.raw() as connection:
                left = connection.execute("SELECT id, text FROM claim ORDER BY id").fetchall()
                documents = connection.execute(DIFFERING_DOCUMENTS).fetchone()[0]
    finally:
        colleague.close()
    assert [text for _, text in left] == ["there before the import", "saved meanwhile"]
    assert left[0][0] == before and documents == 0


def test_a_batch_that_fails_on_the_server_is_reported_with_its_own_error(
    pg_migrated_url: str,
) -> None:
    with (
        Store.open(pg_migrated_url) as store,
        store.raw() as connection,
        pytest.raises(psycopg.errors.UndefinedTable),
        BackgroundWrites(connection) as writes,
    ):
        writes.submit(lambda: connection.execute("INSERT INTO no_such_table VALUES (1)"))
        connection.execute("SELECT 1")  # meets the aborted transaction, or runs first


#: Values whose documents are easy to get wrong: empty and missing fields, a field of nothing
#: but punctuation, accents and Cyrillic to fold, a word split by a hyphen, and notes of more
#: words than a document has positions (16,383), where the positions stop growing.
AWKWARD_FIELDS = [
    ("Škoda—works said: e-mail", None, None, None),
    ("", "", "", ""),
    ("?!", "— …", None, "Заявление ЁЛКИ, Ærø"),
    ("one", None, "two", " ".join(f"w{i}" for i in range(17_000))),
]


def test_an_imports_words_computed_on_another_connection_make_the_triggers_document(
    pg_migrated_url: str, tmp_path: Path
) -> None:
    """The words of a claim's own fields, computed ahead on a second connection, give with the
    speaker's and source's words exactly the document the trigger computes, for awkward
    values too; a claim with no speaker or source included."""
    path = tmp_path / "claims.csv"
    names = [("Žofie Ärger", "Report Ärger"), ("", ""), ("Анна", ""), ("", "Отчёт")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("claim", "quote", "descriptor", "notes", "speaker", "source_title"))
        for (text, quote, descriptor, notes), (speaker, title) in zip(
            AWKWARD_FIELDS, names, strict=True
        ):
            writer.writerow(
                (text or "x", quote or "", descriptor or "", notes or "", speaker, title)
            )
    with Store.open(pg_migrated_url) as store:
        with store.raw() as connection:
            own = bulk.row_words(connection, AWKWARD_FIELDS)
            same = [
                connection.execute(
                    f"SELECT ?::tsvector || {bulk.SPACER} || claimtracker_words(?)"
                    f" || {bulk.SPACER} || claimtracker_words(?)"
                    " = claimtracker_search_doc(?, ?, ?, ?, ?, ?)",
                    (
                        words,
                        speaker or None,
                        title or None,
                        *fields,
                        speaker or None,
                        title or None,
                    ),
                ).fetchone()[0]
                for words, fields, (speaker, title) in zip(own, AWKWARD_FIELDS, names, strict=True)
            ]
        summary = import_csv(store, path)
        with store.raw() as connection:
            differing = connection.execute(DIFFERING_DOCUMENTS).fetchone()[0]
            positions = connection.execute(
                "SELECT count(*) FROM claim WHERE search_doc @@ 'w16999'::tsquery"
            ).fetchone()[0]
    assert same == [True] * 4
    assert summary.created == 4 and differing == 0 and positions == 1
