"""The reports carry the shape of the dispute: each claim's independence verdict and the
analysts' opinions, in the dossier (HTML and PDF) and as columns of the XLSX."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from claimtracker.cli import main
from claimtracker.dispute.opinion_service import set_opinion
from claimtracker.journal.entries import ANALYST_KEY
from claimtracker.reports.dossier import build_dossier
from claimtracker.reports.html import render_html
from claimtracker.schemas import ClaimUpdate
from tests.dispute.conftest import Dispute, link


@pytest.fixture
def judged(dispute: Dispute) -> Dispute:
    """The wire story backed by its echo in the Ledger and by the residents' own account;
    Anna agrees with it, Boris does not."""
    link(dispute.store, dispute.wire, dispute.ledger, "supports")
    link(dispute.store, dispute.wire, dispute.coastal, "supports")
    with dispute.store.write() as session:
        session.info[ANALYST_KEY] = "Anna"
        set_opinion(
            session=session, claim_id=dispute.wire, opinion="agree", note="Residents saw it too"
        )
    with dispute.store.write() as session:
        session.info[ANALYST_KEY] = "Boris"
        set_opinion(session=session, claim_id=dispute.wire, opinion="disagree")
    return dispute


def _dossier_page(dispute: Dispute, max_tlp: str | None = None) -> str:
    with dispute.store.raw() as connection:
        page = render_html(build_dossier(connection, claim_id=dispute.wire, max_tlp=max_tlp))
    return " ".join(unescape(page).split())


def test_the_dossier_gives_each_claim_its_independence_and_the_analysts_opinions(
    judged: Dispute,
) -> None:
    page = _dossier_page(judged)
    wire_card = page[: page.index("Sources</h2>")]
    assert f"3 sources behind claim #{judged.wire}, 2 independent" in wire_card
    # Why the Ledger does not count on its own: the same words, and it cites Northwire.
    assert f"#{judged.wire} and #{judged.ledger} carry the same words (an echo)" in page
    assert f"#{judged.ledger} attributes it to Northwire" in page
    # Each linked claim has its own verdict too.
    assert f"1 source behind claim #{judged.coastal}, 1 independent" in page
    assert "Opinions</span> (1 agree, 1 disagree)" in page
    assert "Anna: Agree — Residents saw it too" in page and "Boris: Disagree" in page


def test_a_reason_naming_a_claim_above_the_limit_is_left_out_and_counted(judged: Dispute) -> None:
    from claimtracker import services

    with judged.store.write() as session:
        services.update_claim(
            session=session, claim_id=judged.ledger, changes=ClaimUpdate(tlp="red")
        )
    page = _dossier_page(judged, max_tlp="amber")
    assert f"#{judged.ledger}" not in page
    assert "2 more reasons name claims marked above the report's limit" in page
    assert f"#{judged.ledger} carry the same words" in _dossier_page(judged)


def test_the_pdf_dossier_prints_them(judged: Dispute, tmp_path: Path) -> None:
    from claimtracker.reports.pdf import render_pdf

    with judged.store.raw() as connection:
        pdf = render_pdf(build_dossier(connection, claim_id=judged.wire))
    path = tmp_path / "wire.pdf"
    path.write_bytes(pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "2 independent" in text and "come from the same outlet" not in text
    assert "Anna: Agree — Residents saw it too" in text


def _sheet(db: Path, out: Path, *args: str) -> list[list[object]]:
    assert main(["export", "xlsx", "--out", str(out), *args, "--db", str(db)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_xlsx_has_columns_for_independence_and_opinions(
    judged: Dispute, db_path: Path, tmp_path: Path
) -> None:
    rows = _sheet(db_path, tmp_path / "claims.xlsx")
    header = rows[0]
    at = header.index("Counter-claims")
    assert header[at + 1 : at + 3] == ["Independence", "Opinions"]
    wire = next(row for row in rows if row[header.index("#")] == judged.wire)
    assert str(wire[at + 1]).startswith(f"3 sources behind claim #{judged.wire}, 2 independent — ")
    assert wire[at + 2] == "Anna: Agree — Residents saw it too\nBoris: Disagree"
    # Chosen columns need not include the claim's number; the pairs report judges both ends.
    rows = _sheet(db_path, tmp_path / "few.xlsx", "--columns", "claim,opinions")
    assert rows[0] == ["Claim", "Opinions"]
    assert ["Government shelling killed six civilians in Karvash", wire[at + 2]] in rows
    pairs = _sheet(db_path, tmp_path / "pairs.xlsx", "--report", "pairs")
    assert {"Claim independence", "Counter opinions"} <= set(pairs[0])


def test_an_unknown_xlsx_column_is_refused_in_one_line(
    judged: Dispute, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.xlsx")
    code = main(["export", "xlsx", "--out", out, "--columns", "claim,opinon", "--db", str(db_path)])
    error = capsys.readouterr().err.strip()
    assert code != 0 and "\n" not in error
    assert "Unknown column(s) opinon" in error and "opinions" in error
