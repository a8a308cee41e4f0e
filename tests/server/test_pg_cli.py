"""The command line on a PostgreSQL server: what a desk's analyst types, with a server URL."""

from __future__ import annotations

import csv
import json

import pytest

from claimtracker.cli import main
from claimtracker.store.version import SCHEMA_HEAD


@pytest.fixture
def run(pg_url: str, capsys: pytest.CaptureFixture[str]):
    main(["--db", pg_url, "init", "--sample"])
    capsys.readouterr()

    def run(*args: str, status: int = 0) -> tuple[str, str]:
        code = main([*args, "--db", pg_url])
        out, err = capsys.readouterr()
        assert code == status, err
        return out, err

    return run


def test_check_on_a_server_reads_schema_constraints_and_references(run, pg_server, pg_url):
    out, _ = run("check")
    assert "(PostgreSQL server)" in out
    assert f"schema:        ok (revision {SCHEMA_HEAD})" in out
    assert "references:    ok" in out
    pg_server.admin(
        "SET session_replication_role = replica; "
        "INSERT INTO claim_tag (claim_id, tag_id) VALUES (1, 9999)",
        pg_server.dbname(pg_url),
    )
    out, _ = run("check", status=1)
    assert "claim_tag.tag_id points at tag #9999, which does not exist" in out
    report = json.loads(run("check", "--json", status=1)[0])
    assert report["ok"] is False and report["revision"] == SCHEMA_HEAD


def test_search_on_a_server_finds_words_prefixes_and_other_scripts(run):
    found = json.loads(run("search", "provoc*", "--json")[0])
    assert found and all("provoc" in (c["text"] + (c["quote"] or "")).lower() for c in found)
    everything = json.loads(run("list", "--json")[0])
    without = json.loads(run("search", "Idlib -chemical", "--json")[0])
    assert {c["id"] for c in without} <= {c["id"] for c in everything}
    assert all("chemical" not in c["text"].lower() for c in without)


def test_a_search_on_a_server_says_where_it_found_a_word_it_folded(run):
    """The server folds ё as е: "елка" finds "Ёлка", and says it was in the claim's text."""
    run("add-claim", "--text", "Ёлка на площади горела")
    found = json.loads(run("search", "елка", "--json")[0])
    assert [(c["text"], c["matched_in"]) for c in found] == [("Ёлка на площади горела", ["claim"])]


def test_sorted_list_on_a_server_is_in_the_files_order(run, tmp_path, capsys):
    file = str(tmp_path / "claims.db")
    main(["--db", file, "init", "--sample"])
    for key in ("speaker", "text", "said_on"):
        capsys.readouterr()
        main(["list", "--sort", key, "--json", "--db", file])
        on_file = [c["id"] for c in json.loads(capsys.readouterr().out)]
        on_server = [c["id"] for c in json.loads(run("list", "--sort", key, "--json")[0])]
        assert on_server == on_file, key


def test_a_csv_report_from_a_server_comes_back_as_an_update(run, tmp_path):
    report = tmp_path / "claims.csv"
    _, err = run("export", "csv", "--out", str(report))
    assert err.endswith("Wrote 14 row(s) to " + str(report) + "\n")
    with report.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["status"] = "verified"
    with report.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    summary = json.loads(run("import-csv", str(report), "--json")[0])
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 1, 13)
    shown = json.loads(run("show", rows[0]["claim_id"], "--json")[0])
    assert shown["status"] == "verified"
    assert "CSV import of claims.csv" in run("history", rows[0]["claim_id"])[0]


def test_an_opinion_is_recorded_and_listed_on_a_server(run):
    out, _ = run("opinion", "1", "agree", "--note", "seen the footage")
    assert out.startswith("Claim #1: 1 agree")
    history, _ = run("history", "1")
    assert "opinion" in history


def test_the_reading_pane_reads_the_same_from_a_file_and_a_server(run, pg_url, tmp_path):
    from claimtracker.query import reading
    from claimtracker.store import Store

    file = tmp_path / "claims.db"
    assert main(["--db", str(file), "init", "--sample"]) == 0
    seen = []
    for target in (str(file), pg_url):
        with Store.open(target) as store, store.raw() as connection:
            seen.append(
                (
                    reading.quote_in_context(connection, 1, context_chars=40),
                    [c.claim_id for c in reading.anchored_claims(connection, 1)],
                    reading.fetch_source_text(connection, 1).text[:200],
                )
            )
    assert seen[0] == seen[1]
    assert seen[0][0].exact


def test_an_index_the_server_stopped_using_is_found_and_rebuilt(run, pg_server, pg_url):
    pg_server.admin(
        "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_claim_status'::regclass",
        pg_server.dbname(pg_url),
    )
    out, err = run("check", status=1)
    assert "indexes:       not usable: ix_claim_status" in out
    assert "check --repair" in err
    out, _ = run("check", "--repair")
    assert "Rebuilt the index(es): ix_claim_status" in out
    assert "indexes:       ok" in out
