"""The command line, as an analyst or a script uses it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claimtracker.cli import main
from claimtracker.csvio import is_dangerous, restore


class Cli:
    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, status: int = 0) -> str:
        self.capsys.readouterr()
        code = main([*args, "--db", str(self.db)])
        out, err = self.capsys.readouterr()
        assert code == status, err
        self.err = err
        return out

    def json(self, *args: str) -> object:
        return json.loads(self(*args, "--json"))


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_path, capsys)


@pytest.fixture
def cli_both(db_target: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The command line on an SQLite file, then on a PostgreSQL server (tests/pg.py)."""
    return Cli(db_target, capsys)


def test_the_analysts_workflow_from_the_command_line(
    cli: Cli, sample_path: Path, tmp_path: Path
) -> None:
    imported = cli.json("import-article", str(sample_path))
    assert imported[0]["source_id"] == 1 and imported[0]["created"]
    again = cli.json("import-article", str(sample_path))
    assert again[0]["source_id"] == 1 and not again[0]["created"]

    allegation = cli.json(
        "add-claim",
        "--source",
        "1",
        "--quote",
        "U.S. officials say they have information Assad may be planning a chemical attack",
        "--text",
        "Assad may be planning a chemical attack in Idlib",
        "--speaker",
        "U.S. officials",
        "--speaker-kind",
        "described_group",
        "--attribution",
        "anonymous",
        "--descriptor",
        "U.S. officials say",
        "--rating",
        "B3",
    )
    assert allegation["speaker"] == "U.S. officials"
    assert allegation["rating"] == "B3"
    assert allegation["anchor"]["selectors"][1]["exact"].startswith("U.S. officials say")
    provocation = cli.json(
        "add-claim",
        "--source",
        "1",
        "--quote",
        "new provocations are prepared",
        "--speaker",
        "Sergei Ryabkov",
        "--attribution",
        "on_record",
        "--status",
        "disputed",
        "--tag",
        "provocation narrative",
        "--notes",
        "Рябков: «провокации»",
    )
    denial = cli.json(
        "add-claim",
        "--source",
        "1",
        "--quote",
        "no chemical weapons were used by the Syrian military",
        "--speaker",
        "Assad and his ally Russia",
        "--attribution",
        "on_record",
    )
    linked = cli("link", str(allegation["id"]), str(denial["id"]), "--relation", "denies")
    assert linked.startswith(f"Linked: #{denial['id']} denies #{allegation['id']}")

    found = cli.json("search", "provoc*")
    assert [c["id"] for c in found] == [provocation["id"]]
    assert [c["id"] for c in cli.json("search", "рябков")] == [provocation["id"]]
    shown = cli.json("show", str(allegation["id"]))
    assert [(link["label"], link["other_id"]) for link in shown["links"]] == [
        ("Denied by", denial["id"])
    ]
    listed = cli.json("list", "--attribution", "on_record")
    assert {c["id"] for c in listed} == {provocation["id"], denial["id"]}

    claims_csv, pairs_csv = tmp_path / "claims.csv", tmp_path / "pairs.csv"
    cli("export", "csv", "--out", str(claims_csv))
    cli("export", "csv", "--report", "pairs", "--out", str(pairs_csv))
    with claims_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    for row in rows:
        assert not any(is_dangerous(cell) for cell in row.values())
    assert restore(rows[1]["notes"]) == "Рябков: «провокации»"
    with pairs_csv.open(encoding="utf-8-sig", newline="") as handle:
        pairs = list(csv.DictReader(handle))
    assert [(p["claim_id"], p["relation"], p["counter_claim_id"]) for p in pairs] == [
        (str(allegation["id"]), "denies", str(denial["id"]))
    ]


def test_errors_are_one_line_with_a_non_zero_status(cli_both: Cli, sample_path: Path) -> None:
    cli = cli_both
    cli("import-article", str(sample_path))
    cli("add-claim", "--source", "1", "--quote", "words nobody wrote", status=1)
    assert (
        cli.err
        == "claimtracker: error: The quote 'words nobody wrote' does not occur in source #1\n"
    )
    cli("show", "99", status=1)
    assert cli.err == "claimtracker: error: There is no claim #99\n"
    cli("add-claim", "--text", "x", "--attribution", "rumour", status=2)
    assert "rumour" in cli.err


def test_a_bad_article_is_reported_and_the_others_imported(
    cli: Cli, sample_path: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    results = json.loads(cli("import-article", str(junk), str(sample_path), "--json", status=1))
    assert "junk.txt" in results[0]["error"]
    assert results[1]["source_id"] == 1


def test_init_sample_is_idempotent(cli_both: Cli) -> None:
    cli = cli_both
    assert "14 claims, 7 links" in cli("init", "--sample")
    cli("init", "--sample")
    assert len(cli.json("list")) == 14


def test_stale_edits_are_refused(cli_both: Cli) -> None:
    cli = cli_both
    claim = cli.json("add-claim", "--text", "original")
    cli("edit-claim", str(claim["id"]), "--text", "theirs")
    cli("edit-claim", str(claim["id"]), "--text", "mine", "--version", "1", status=1)
    assert "changed elsewhere" in cli.err


def test_database_option_before_or_after_the_command(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "init"]) == 0
    assert main(["list", "--db", str(db_path)]) == 0
    assert db_path.exists()


def test_imported_text_cannot_drive_the_terminal(cli: Cli) -> None:
    claim = cli.json("add-claim", "--text", "red \x1b[31malert\x07 \u202egnp.exe")
    shown = cli("show", str(claim["id"]))
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "red \\x1b[31malert\\x07 \\u202egnp.exe" in shown
    assert "\x1b" not in cli("list")


def test_search_finds_word_forms_and_says_where_it_matched(cli: Cli, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Kremlin warns Washington\n\nTalks resume on Monday.\n", encoding="utf-8")
    source = cli.json("import-article", str(article))[0]["source_id"]
    cli("add-claim", "--source", str(source), "--quote", "Talks resume on Monday")
    cli("add-claim", "--text", "Officials warned of strikes")

    found = cli.json("search", "warning")
    assert {tuple(c["matched_in"]) for c in found} == {("source title",), ("claim",)}
    lines = cli("search", "warning").splitlines()
    assert any(
        "Talks resume on Monday" in line and line.endswith("(matched in the source title)")
        for line in lines
    )
    assert any("Officials warned" in line and "matched in" not in line for line in lines)


def test_a_suggestion_is_accepted_in_the_analysts_own_words(
    cli_both: Cli, sample_path: Path
) -> None:
    cli = cli_both
    suggestions = cli.json("suggest", str(sample_path))
    assert isinstance(suggestions, list)
    index = next(i for i, s in enumerate(suggestions) if s["speaker"] == "Sergei Ryabkov")
    done = cli.json(
        "suggest",
        str(sample_path),
        "--accept",
        str(index),
        "--reword",
        f"{index}=Ryabkov warns Washington against strikes on Syria",
    )
    assert isinstance(done, dict) and done["created"] == 1
    claim_id = done["claims"][str(index)]
    shown = cli.json("show", str(claim_id))
    assert isinstance(shown, dict)
    assert shown["text"] == "Ryabkov warns Washington against strikes on Syria"
    assert shown["quote"] and shown["quote"] in suggestions[index]["text"]
    cli("suggest", str(sample_path), "--reword", "0=words", status=2)
    assert "--reword needs --accept" in cli.err
    cli("suggest", str(sample_path), "--accept", "0", "--reword", "zero", status=2)
    assert "--reword" in cli.err and "'zero'" in cli.err
