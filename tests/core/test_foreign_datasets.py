"""A public fact-checking dataset imported as it comes (the files in tests/data/foreign are
written for these tests, in the shape of such datasets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtracker.csvio import CsvImportOptions, import_csv
from claimtracker.errors import CsvImportError
from claimtracker.query import ClaimFilter, search_rows
from claimtracker.store import Store

DATA = Path(__file__).parent.parent / "data" / "foreign"


def _rows(store: Store) -> list:
    with store.raw() as connection:
        return search_rows(connection, ClaimFilter())


def test_quotes_in_a_tab_separated_file_are_text(store: Store) -> None:
    summary = import_csv(store, DATA / "literal_quotes.tsv")
    assert not summary.shape.quoted
    assert [row.text for row in _rows(store)] == [
        'The mayor said "no new taxes" twice last year',
        '"Read my lips" was the slogan of the campaign',
        'The bridge costs 4" more per mile than planned',
    ]


def test_a_tab_separated_file_can_be_read_as_csv_quoted_when_asked(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "quoted.tsv"
    path.write_text('statement\tspeaker\n"Two\tcells in one"\tJane Roe\n', encoding="utf-8")
    import_csv(store, path, CsvImportOptions(quoting="csv"))
    assert [row.text for row in _rows(store)] == ["Two\tcells in one"]
    clearly = tmp_path / "clearly.tsv"
    clearly.write_text('statement\tspeaker\n"He said ""yes"""\t"Jane Roe"\n', encoding="utf-8")
    summary = import_csv(store, clearly)
    assert summary.shape.quoted  # every quoted cell closes its quotes: CSV quoting, detected
    assert 'He said "yes"' in [row.text for row in _rows(store)]


def test_a_fact_checking_datasets_headers_are_recognised(store: Store) -> None:
    summary = import_csv(store, DATA / "factcheck_headers.tsv", dry_run=True)
    fields = dict(summary.mapping.describe())
    assert fields["statement"] == "claim"
    assert fields["label"] == "status"
    assert fields["subject"] == "tags"
    assert fields["speaker"] == "speaker"
    assert fields["context"] == "context"
    assert fields["date"] == "said_on"
    assert fields["url"] == "url"
    assert fields["party"] == "speaker_affiliation"
    assert fields["state"] == "ignore"  # a US state, not the verification status
    assert fields["job title"] == "ignore"
    import_csv(store, DATA / "factcheck_headers.tsv")
    first, second = _rows(store)
    assert (first.status, first.said_on, first.tags) == (
        "false",
        "2019-04-02",
        ("environment", "floods"),
    )
    assert first.notes == "Context: a town hall" and second.status == "verified"
    with store.raw() as connection:
        assert connection.execute(
            "SELECT affiliation FROM actor WHERE name = 'Alex Example'"
        ).fetchone() == ("independent",)


def test_unknown_values_are_reported_once_each_with_their_count(store: Store) -> None:
    with pytest.raises(CsvImportError) as caught:
        import_csv(store, DATA / "unknown_values.tsv")
    message = str(caught.value)
    assert "'half-true' is not a known verification status" in message
    assert "(3 rows, first on line 2)" in message and "(and 1 more problem)" in message
    assert [reason.split(" is not")[0] for _, _, reason in caught.value.problems] == [
        "'half-true'",
        "'pants-fire'",
    ]
    assert "(2 rows, first on line 3)" in caught.value.problems[1][2]
    assert _rows(store) == []


def test_values_can_be_mapped(store: Store) -> None:
    options = CsvImportOptions(values=("status:half-true=misleading", "status:Pants-Fire=false"))
    summary = import_csv(store, DATA / "unknown_values.tsv", options)
    assert summary.created == 6
    assert [row.status for row in _rows(store)] == [
        "misleading", "false", "misleading", "misleading", "false", "false",
    ]  # fmt: skip


def test_a_bad_value_map_is_refused_in_one_line(store: Store) -> None:
    with pytest.raises(CsvImportError, match="expected FIELD:VALUE=REPLACEMENT"):
        import_csv(store, DATA / "unknown_values.tsv", CsvImportOptions(values=("half-true",)))
    with pytest.raises(CsvImportError, match="unknown field 'verdict'"):
        import_csv(store, DATA / "unknown_values.tsv", CsvImportOptions(values=("verdict:a=b",)))


def test_a_statement_repeated_in_another_context_is_one_claim_with_both(store: Store) -> None:
    summary = import_csv(store, DATA / "repeated_statement.tsv")
    assert (summary.rows, summary.created, summary.repeated) == (3, 2, 1)
    assert "1 repeated rows merged" in summary.describe()
    factory = next(row for row in _rows(store) if "factory" in row.text)
    assert factory.notes == "Context: a television ad\nContext: a campaign mailer"
    again = import_csv(store, DATA / "repeated_statement.tsv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_the_datasets_row_id_is_kept_and_a_reimport_updates_those_claims(store: Store) -> None:
    options = CsvImportOptions(mapping=("id=external_id",))
    import_csv(store, DATA / "external_ids.tsv", options)
    corrected = import_csv(store, DATA / "external_ids_corrected.tsv", options)
    assert (corrected.created, corrected.updated, corrected.unchanged) == (0, 1, 1)
    with store.raw() as connection:
        assert connection.execute(
            "SELECT external_id, text, status FROM claim ORDER BY id"
        ).fetchall() == [
            ("7001", "The new line carries twelve thousand riders a day.", "false"),
            ("7002", "The tunnel opened ahead of schedule.", "verified"),
        ]
