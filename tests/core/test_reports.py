"""Reports to read and exchange formats: dossier HTML/PDF, XLSX, STIX 2.1, ClaimReview, markings."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import sys
from pathlib import Path

import openpyxl
import pytest
import stix2
from pypdf import PdfReader

from claimtracker import services
from claimtracker.cli import main
from claimtracker.schemas import LinkCreate, SourceUpdate
from claimtracker.store import Store
from tests.core.helpers import add_claim, add_source, database_at_revision

HARBOUR_TEXT = (
    "Port officials said the harbour reopened on Monday after repairs. "
    "A dock worker, who asked not to be named, said a secret shipment arrived at night. "
    "The ministry denied that any shipment arrived."
)
OPEN = "The harbour is open to ships again"
SECRET = "A secret cargo came in after dark"
DENIAL = "The ministry says no cargo arrived"


@pytest.fixture
def harbour(store: Store) -> dict[str, int]:
    """One source (TLP:GREEN) with three claims: open (clear), secret (RED), the denial of it
    (which also responds to the first)."""
    return build_harbour(store)


@pytest.fixture
def harbour_both(store_both: Store, db_target: str) -> tuple[dict[str, int], str]:
    """:func:`harbour` on an SQLite file, then on a PostgreSQL server; and ``--db``'s value."""
    return build_harbour(store_both), db_target


def build_harbour(store: Store) -> dict[str, int]:
    source_id = add_source(store, HARBOUR_TEXT, title="Harbour reopens")
    opened = add_claim(
        store,
        text=OPEN,
        quote="the harbour reopened on Monday",
        source_id=source_id,
        speaker="Port officials",
        attribution="official_statement",
        status="verified",
        credibility=1,
    )
    secret = add_claim(
        store,
        text=SECRET,
        quote="a secret shipment arrived at night",
        source_id=source_id,
        speaker="A dock worker",
        attribution="anonymous",
        descriptor="a dock worker, who asked not to be named",
        status="false",
        tlp="red",
    )
    denial = add_claim(
        store,
        text=DENIAL,
        quote="The ministry denied that any shipment arrived",
        source_id=source_id,
        speaker="The ministry",
        attribution="official_statement",
        status="disputed",
    )
    with store.write() as session:
        services.update_source(
            session=session,
            source_id=source_id,
            changes=SourceUpdate(tlp="green", url="https://news.example/harbour"),
        )
        services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=secret, claim_b_id=denial, relation="denies"),
        )
        services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=opened, claim_b_id=secret, relation="contradicts"),
        )
        services.link_claims(
            session=session,
            link_in=LinkCreate(claim_a_id=opened, claim_b_id=denial, relation="responds_to"),
        )
    return {"source": source_id, "open": opened, "secret": secret, "denial": denial}


def run(db: Path | str, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _text_of(path: Path) -> str:
    """What a reader of the file sees, whatever its format, on one line."""
    if path.suffix == ".pdf":
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    elif path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        text = " ".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
    else:
        text = path.read_text(encoding="utf-8-sig")
    return " ".join(text.split())


EXPORTS = {
    "csv claims": ["csv", "--report", "claims"],
    "csv pairs": ["csv", "--report", "pairs"],
    "html": ["html"],
    "pdf": ["pdf"],
    "xlsx claims": ["xlsx", "--report", "claims"],
    "xlsx pairs": ["xlsx", "--report", "pairs"],
    "stix": ["stix"],
    "claimreview": ["claimreview"],
}
SUFFIX = {"csv": ".csv", "html": ".html", "pdf": ".pdf", "xlsx": ".xlsx"}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_max_tlp_leaves_out_what_may_not_go_further(
    name: str,
    harbour: dict[str, int],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = EXPORTS[name]
    out = tmp_path / f"report{SUFFIX.get(args[0], '.json')}"
    run(db_path, "export", *args, "--out", str(out), capsys=capsys)
    everything = _text_of(out)
    assert SECRET in everything and DENIAL in everything
    run(db_path, "export", *args, "--max-tlp", "amber", "--out", str(out), capsys=capsys)
    allowed = _text_of(out)
    assert SECRET not in allowed, f"{name}: a TLP:RED claim went out under --max-tlp amber"
    assert DENIAL in allowed, f"{name}: a TLP:GREEN claim was left out"
    run(db_path, "export", *args, "--max-tlp", "clear", "--out", str(out), capsys=capsys)
    # The source is TLP:GREEN, and its claims inherit it: nothing may go out as CLEAR.
    assert DENIAL not in _text_of(out)


def test_a_claim_inherits_its_sources_marking_unless_set_higher(
    harbour: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = json.loads(run(db_path, "show", str(harbour["denial"]), "--json", capsys=capsys))
    assert (shown["tlp"], shown["marking"]) == (None, "green")
    run(db_path, "edit-claim", str(harbour["denial"]), "--tlp", "clear", capsys=capsys)
    shown = json.loads(run(db_path, "show", str(harbour["denial"]), "--json", capsys=capsys))
    assert (shown["tlp"], shown["marking"]) == ("clear", "green")
    run(db_path, "edit-claim", str(harbour["denial"]), "--tlp", "amber+strict", capsys=capsys)
    assert "TLP:AMBER+STRICT" in run(db_path, "show", str(harbour["denial"]), capsys=capsys)
    history = run(db_path, "history", str(harbour["denial"]), capsys=capsys)
    assert "tlp" in history


def test_a_marking_outside_tlp_is_refused_by_the_database(store: Store) -> None:
    source_id = add_source(store, "Some text.")
    with store.raw(write=True) as connection, pytest.raises(sqlite3.IntegrityError, match="tlp"):
        connection.execute("UPDATE source SET tlp = 'purple' WHERE id = ?", (source_id,))


def test_an_older_database_gains_markings_and_keeps_its_claims(db_path: Path) -> None:
    database_at_revision(db_path, "0004")
    with Store.open(db_path) as store, store.raw() as connection:
        assert connection.execute("SELECT text, tlp, external_id FROM claim").fetchall() == [
            ("kept", None, None)
        ]


def test_the_dossier_html_is_self_contained_and_sets_claims_beside_their_counters(
    harbour_both: tuple[dict[str, int], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    harbour, db_path = harbour_both
    out = tmp_path / "dispute.html"
    run(
        db_path,
        "export",
        "html",
        "--dispute",
        str(harbour["secret"]),
        "--out",
        str(out),
        capsys=capsys,
    )
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"(src|href)\s*=", page) and "@import" not in page and "url(" not in page
    assert "Dispute: A secret cargo came in after dark" in page
    # The claim, then beside it the counter-claims, read from the claim's side.
    pair = page[page.index('<table class="pair">') :]
    assert pair.index(SECRET) < pair.index("Denied by") < pair.index(DENIAL)
    assert pair.count('<td class="side">') == 4  # two rows: claim | denial, (empty) | open
    assert "Contradicts" in page and OPEN in page  # contradicts is opposing: in the dispute
    assert "a secret shipment arrived at night" in page  # the quote, in its context
    assert "“a dock worker, who asked not to be named”" in page  # the article's own words
    assert "https://news.example/harbour" in page and "Harbour reopens" in page
    assert "TLP:RED" in page and "Generated " in page


def test_the_pdf_dossier_numbers_its_pages_and_marks_every_page(
    store: Store, harbour: dict[str, int], tmp_path: Path
) -> None:
    from claimtracker.reports.dossier import build_dossier
    from claimtracker.reports.pdf import render_pdf

    for number in range(40):  # enough claims for several pages
        add_claim(store, text=f"Filler claim number {number} " + "words " * 40)
    with store.raw() as connection:
        pdf = render_pdf(build_dossier(connection))
    path = tmp_path / "all.pdf"
    path.write_bytes(pdf)
    pages = PdfReader(path).pages
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        assert "TLP:RED" in text  # the highest marking of its contents, on every page


def test_the_xlsx_is_laid_out_for_reading(
    store_both: Store,
    harbour_both: tuple[dict[str, int], str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, (_, db_path) = store_both, harbour_both
    add_claim(store, text='=HYPERLINK("http://evil.example")')
    out = tmp_path / "claims.xlsx"
    run(db_path, "export", "xlsx", "--out", str(out), capsys=capsys)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Claim", "Speaker", "Attribution", "Descriptor", "Status", "Rating"]
    assert "Uuid" not in header and not any("anchor" in str(h).lower() for h in header)
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}5"
    assert sheet.column_dimensions["A"].width > 40
    assert sheet.cell(2, 1).alignment.wrap_text
    assert sheet["C2"].value == "Official statement"  # labels, not codes
    formula = next(row[0] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in str(row[0].value))
    assert formula.data_type == "s"  # text, never a formula
    assert "TLP:RED" in sheet.oddHeader.right.text


def test_the_reading_csv_preset_puts_reading_columns_first_and_the_default_stays(
    harbour: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reading = run(db_path, "export", "csv", "--preset", "reading", capsys=capsys)
    header = next(csv.reader(io.StringIO(reading.lstrip("\ufeff"))))
    assert header[:10] == [
        "claim", "speaker", "attribution", "descriptor", "status", "rating",
        "source_title", "outlet", "url", "counter_claims",
    ]  # fmt: skip
    assert header[-1] == "claim_id" and "uuid" not in header
    assert not any(name.startswith("anchor") for name in header)
    default = run(db_path, "export", "csv", capsys=capsys)
    header = next(csv.reader(io.StringIO(default.lstrip("\ufeff"))))
    assert header[:3] == ["claim_id", "uuid", "claim"] and header[-2:] == ["tlp", "external_id"]


def test_the_stix_bundle_parses_with_the_oasis_library(
    harbour_both: tuple[dict[str, int], str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, db_path = harbour_both
    bundle = stix2.parse(run(db_path, "export", "stix", capsys=capsys), allow_custom=False)
    by_type: dict[str, list] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    assert len(by_type["note"]) == 3
    assert {o.name for o in by_type["identity"]} == {
        "Port officials",
        "A dock worker",
        "The ministry",
    }
    (report,) = by_type["report"]
    assert report.name == "Harbour reopens"
    assert report.external_references[0].url == "https://news.example/harbour"
    notes = {note.abstract: note for note in by_type["note"]}
    assert set(notes[SECRET].object_refs) <= {o.id for o in bundle.objects}
    assert "attribution:anonymous" in notes[SECRET].labels
    markings = {m.id: m.name for m in by_type["marking-definition"]}
    assert markings[notes[SECRET].object_marking_refs[0]] == "TLP:RED"
    assert markings[notes[DENIAL].object_marking_refs[0]] == "TLP:GREEN"  # inherited
    assert markings[report.object_marking_refs[0]] == "TLP:RED"  # the highest it holds
    opinions = {o.object_refs[0]: o.opinion for o in by_type["opinion"]}
    assert opinions[notes[SECRET].id] == "strongly-disagree"
    assert opinions[notes[OPEN].id] == "strongly-agree"
    denies = next(r for r in by_type["relationship"] if r.relationship_type == "denies")
    assert (denies.source_ref, denies.target_ref) == (notes[DENIAL].id, notes[SECRET].id)


def test_claimreview_round_trips(
    harbour_both: tuple[dict[str, int], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, db_path = harbour_both
    first = tmp_path / "reviews.json"
    run(db_path, "export", "claimreview", "--out", str(first), capsys=capsys)
    document = json.loads(first.read_text(encoding="utf-8"))
    reviews = {r["claimReviewed"]: r for r in document["@graph"]}
    assert set(reviews) == {OPEN, SECRET, DENIAL}
    secret = reviews[SECRET]
    assert secret["@type"] == "ClaimReview"
    assert secret["reviewRating"]["alternateName"] == "False"
    assert secret["reviewRating"]["ratingValue"] == 1
    assert secret["itemReviewed"]["author"]["name"] == "A dock worker"
    assert secret["itemReviewed"]["appearance"][0]["url"] == "https://news.example/harbour"
    assert secret["conditionsOfAccess"] == "TLP:RED"

    other = tmp_path / "other.db"
    assert "3 new claims" in run(other, "import-claimreview", str(first), capsys=capsys)
    second = tmp_path / "again.json"
    run(other, "export", "claimreview", "--out", str(second), capsys=capsys)
    again = json.loads(second.read_text(encoding="utf-8"))
    assert again == document
    assert "3 unchanged" in run(other, "import-claimreview", str(second), capsys=capsys)


def test_a_fact_checkers_claimreview_is_read_with_its_verdict_words(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {
                "@type": "ClaimReview",
                "claimReviewed": "The lake froze in July",
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": "R. Example"},
                    "appearance": {"@type": "CreativeWork", "url": "https://x.example/a"},
                },
                "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
            }
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    run(db_path, "import-claimreview", str(path), capsys=capsys)
    listed = json.loads(run(db_path, "list", "--json", capsys=capsys))
    (row,) = listed["claims"] if isinstance(listed, dict) else listed
    assert (row["text"], row["status"], row["speaker"]) == (
        "The lake froze in July",
        "false",
        "R. Example",
    )


def test_a_csv_report_with_markings_reads_back_unchanged(
    harbour: dict[str, int], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "claims.csv"
    run(db_path, "export", "csv", "--out", str(out), capsys=capsys)
    summary = run(db_path, "import-csv", str(out), capsys=capsys)
    assert "0 new claims, 0 updated, 3 unchanged" in summary
    with Store.open(db_path) as store, store.raw() as connection:
        assert dict(connection.execute("SELECT text, tlp FROM claim")) == {
            OPEN: None,  # the source's GREEN is in force, not the claim's own
            SECRET: "red",
            DENIAL: None,
        }


def test_a_dossier_of_a_claim_above_the_limit_is_refused_in_one_line(
    harbour: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "export",
            "html",
            "--claim",
            str(harbour["secret"]),
            "--max-tlp",
            "amber",
            "--db",
            str(db_path),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == (
        f"claimtracker: error: Claim #{harbour['secret']} is marked above TLP:AMBER: nothing to report"
    )


def test_without_weasyprint_the_pdf_command_says_how_to_install_it(
    harbour: dict[str, int],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    code = main(["export", "pdf", "--out", str(tmp_path / "r.pdf"), "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "pip install 'claimtracker[reports]'" in err and "export html" in err
    assert not (tmp_path / "r.pdf").exists()
