"""``opinion``, ``echoes``, ``independence`` and ``export graphml`` from the command line."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import networkx as nx
import pytest

from claimtracker.cli import main
from claimtracker.store import Store
from claimtracker.store.engine import make_engine
from claimtracker.store.migrate import upgrade
from tests.core.helpers import database_at_revision
from tests.dispute.conftest import Dispute, link


def run(db: Path | str, capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    capsys.readouterr()
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == status, err
    return out if status == 0 else err


def test_opinions_from_the_command_line(
    dispute: Dispute,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Anna")
    run(db_path, capsys, "opinion", str(dispute.wire), "agree", "--note", "Two outlets")
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Boris")
    out = run(db_path, capsys, "opinion", str(dispute.wire), "strongly-disagree")
    assert "Claim #1: 1 agree, 1 strongly disagree" in out
    assert "Agree              Anna — Two outlets" in out
    listed = json.loads(run(db_path, capsys, "opinion", str(dispute.wire), "--json"))
    assert [(o["analyst"], o["opinion"]) for o in listed] == [
        ("Anna", "agree"),
        ("Boris", "strongly-disagree"),
    ]
    err = run(db_path, capsys, "opinion", str(dispute.wire), "perhaps", status=1)
    assert err.count("\n") == 1 and "'perhaps' is not a known opinion" in err
    err = run(db_path, capsys, "opinion", "404", "agree", status=1)
    assert err.strip() == "claimtracker: error: There is no claim #404"


def test_echoes_and_independence_from_the_command_line(
    dispute_both: Dispute, db_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dispute, db_path = dispute_both, db_target
    found = json.loads(run(db_path, capsys, "echoes", "--json"))
    assert [(e["claim_a"]["id"], e["claim_b"]["id"], e["kind"]) for e in found] == [
        (dispute.wire, dispute.ledger, "echo")
    ]
    one = json.loads(run(db_path, capsys, "echoes", "--claim", str(dispute.ledger), "--json"))
    assert len(one) == 1
    link(dispute.store, dispute.wire, dispute.ledger, "supports")
    out = run(db_path, capsys, "independence", str(dispute.wire))
    assert out.startswith("2 sources behind claim #1, 1 independent")
    assert "not independent: #1 and #2 carry the same words (an echo)" in out
    report = json.loads(run(db_path, capsys, "independence", str(dispute.wire), "--json"))
    assert report["independent_sources"] == 1 and report["warning"]
    # Linking the echoes as repeats: then none is left to propose.
    run(db_path, capsys, "echoes", "--link")
    assert json.loads(run(db_path, capsys, "echoes", "--json")) == []


def test_export_graphml(
    dispute_both: Dispute, db_target: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dispute, db_path = dispute_both, db_target
    link(dispute.store, dispute.wire, dispute.denial, "denies")
    out = tmp_path / "ministry.graphml"
    run(db_path, capsys, "export", "graphml", "--out", str(out), "--speaker", "Defence ministry")
    graph = nx.read_graphml(out)
    assert sorted(graph.nodes) == sorted([str(dispute.denial), str(dispute.prediction)])
    err = run(db_path, capsys, "export", "graphml", "--out", str(tmp_path / "x.txt"), status=1)
    assert "should end in .graphml" in err


def test_an_older_database_gains_opinions_and_keeps_its_history(db_path: Path) -> None:
    database_at_revision(db_path, "0004")
    with Store.open(db_path) as store, store.raw() as connection:
        assert connection.execute("SELECT text FROM claim WHERE uuid = 'u-1'").fetchone() == (
            "kept",
        )
        connection.execute(
            "INSERT INTO history (changed_at, analyst, kind, record_id, action) "
            "VALUES ('2026-12-05', 'Anna', 'opinion', 1, 'created')"
        )
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "INSERT INTO history (changed_at, analyst, kind, record_id, action) "
                "VALUES ('2026-12-05', 'Anna', 'opinions', 1, 'created')"
            )
    from alembic import command

    from claimtracker.store.engine import writing
    from claimtracker.store.migrate import alembic_config

    engine = make_engine(str(db_path))
    config = alembic_config()
    with writing(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    upgrade(engine)
    engine.dispose()
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert connection.execute("SELECT count(*) FROM history WHERE kind = 'opinion'").fetchone() == (
        0,
    )
    connection.close()


def test_opinion_changes_appear_in_the_claims_history_with_analyst_and_time(
    dispute: Dispute,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Anna")
    run(db_path, capsys, "opinion", str(dispute.wire), "agree", "--note", "Two outlets")
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Boris")
    run(db_path, capsys, "opinion", str(dispute.ledger), "disagree")  # another claim's
    monkeypatch.setenv("CLAIMTRACKER_ANALYST", "Anna")
    run(db_path, capsys, "opinion", str(dispute.wire), "disagree", "--note", "Only one source")
    lines = run(db_path, capsys, "history", str(dispute.wire)).splitlines()
    opinion_lines = [line for line in lines if "opinion #" in line]
    assert len(opinion_lines) == 5  # created, its opinion and note, then both changed
    assert all(
        "Anna" in line and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", line) for line in opinion_lines
    )
    assert "opinion: — → 'agree'" in opinion_lines[1]
    assert "note: — → 'Two outlets'" in opinion_lines[2]
    assert "opinion: 'agree' → 'disagree'" in opinion_lines[3]
    assert not any("Boris" in line for line in lines)
    entries = json.loads(run(db_path, capsys, "history", str(dispute.wire), "--json"))
    changed = [e for e in entries if e["kind"] == "opinion" and e["field"] == "opinion"]
    assert [(e["analyst"], e["new_value"]) for e in changed] == [
        ("Anna", "agree"),
        ("Anna", "disagree"),
    ]
    assert all(e["changed_at"] for e in changed)
