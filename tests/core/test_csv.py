"""CSV reports: what Excel and LibreOffice will see, and what comes back on import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtracker import services
from claimtracker.csvio import (
    CsvImportOptions,
    ExportCancelled,
    export_csv,
    import_csv,
    is_dangerous,
    neutralise,
    restore,
)
from claimtracker.csvio.server_copy import write_copied
from claimtracker.errors import CsvImportError
from claimtracker.query import ClaimFilter, claim_detail, search_rows
from claimtracker.sample import build_sample
from claimtracker.schemas import LinkCreate
from claimtracker.store import Store
from tests.core.helpers import add_claim

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "\n=1",
    "   =cmd|' /C calc'!A0",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "'=already quoted",
    "''=twice",
    "\u3000=ideographic space",
]


def _export(store: Store, path: Path, **options: object) -> list[dict[str, str]]:
    with store.raw() as connection:
        export_csv(connection, path, **options)  # type: ignore[arg-type]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so that Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_cells_are_neutralised_and_restored(value: str) -> None:
    written = neutralise(value)
    assert not is_dangerous(written)
    assert restore(written) == value


@given(st.text())
@settings(max_examples=500)
def test_neutralise_round_trips_any_text(value: str) -> None:
    written = neutralise(value)
    assert not is_dangerous(written)
    assert restore(written) == value


def test_export_round_trips_every_character(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    texts = [
        *HOSTILE,
        'He said "no", then left,\nand wrote: «Провокации готовятся»',
        "Ümlaut café 😀",
    ]
    for text in texts:
        add_claim(store, text=text, notes=text, tags=["Идлиб", "x;y"[:1]])
    rows = _export(store, tmp_path / "out.csv")
    assert len(rows) == len(texts)
    with store.raw() as connection:
        stored = search_rows(connection, ClaimFilter())
    for row, original in zip(rows, stored, strict=True):
        for cell in row.values():
            assert not is_dangerous(cell), cell
        assert restore(row["claim"]) == original.text
        assert restore(row["notes"]) == original.notes
        assert row["tags"] == "x; Идлиб"
    assert {r.text for r in stored} >= {"=1", "＝1+1", "'=already quoted", "''=twice"}


def test_the_file_is_rfc_4180(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    add_claim(store, text='a "quoted", multi\nline claim')
    path = tmp_path / "out.csv"
    _export(store, path, columns=["claim_id", "claim"])
    assert path.read_bytes() == (
        b'\xef\xbb\xbfclaim_id,claim\r\n1,"a ""quoted"", multi\nline claim"\r\n'
    )


def test_columns_can_be_chosen_and_the_bom_left_out(store: Store, tmp_path: Path) -> None:
    add_claim(store, text="x", status="verified")
    path = tmp_path / "out.csv"
    with store.raw() as connection:
        export_csv(connection, path, columns=["status", "claim"], bom=False)
    assert path.read_bytes() == b"status,claim\r\nverified,x\r\n"


def test_sample_reports(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    build_sample(store)
    claims = _export(store, tmp_path / "claims.csv")
    assert len(claims) == 14
    planning = next(r for r in claims if r["claim"].startswith("Assad may be planning"))
    assert planning["speaker"] == "U.S. officials"
    assert planning["attribution"] == "anonymous"
    assert planning["rating"] == "B3"
    assert (
        "Denied by #12 (Assad and his ally Russia): No chemical weapons"
        in planning["counter_claims"]
    )
    pairs = _export(store, tmp_path / "pairs.csv", report="pairs")
    denial = next(r for r in pairs if r["relation"] == "denies")
    assert denial["claim"] == planning["claim"]
    assert denial["counter_claim"] == "No chemical weapons were used by the Syrian military"
    assert denial["counter_speaker"] == "Assad and his ally Russia"
    only_anonymous = _export(
        store,
        tmp_path / "filtered.csv",
        report="pairs",
        claim_filter=ClaimFilter(attributions=("anonymous",)),
    )
    assert 0 < len(only_anonymous) < len(pairs)


def test_a_filtered_export_lists_the_same_tags_and_linked_claims(
    store_both: Store, tmp_path: Path
) -> None:
    store = store_both
    build_sample(store)
    first = add_claim(store, text="Tagged first", tags=["Zeta", "alpha", "Идлиб"])
    second = add_claim(store, text="Tagged second", tags=["alpha"], status="verified")
    with store.write() as session:
        for a, b, relation in ((first, second, "denies"), (1, first, "supports")):
            services.link_claims(
                session=session, link_in=LinkCreate(claim_a_id=a, claim_b_id=b, relation=relation)
            )
    lists = ["claim_id", "claim", "tags", "links", "counter_claims"]
    everything = {row["claim_id"]: row for row in _export(store, tmp_path / "all.csv")}
    tagged = everything[str(first)]
    assert tagged["tags"] == "alpha; Zeta; Идлиб"
    # In the order the links were made, each read from this claim's side.
    assert tagged["counter_claims"].startswith(
        f"Denied by #{second}: Tagged second | Supports #1 ("
    )
    for claim_filter in (
        ClaimFilter(text="tagged first"),  # its linked claims lie outside the filter
        ClaimFilter(statuses=("verified",)),
        ClaimFilter(ids=(1, first, 12)),
    ):
        rows = _export(store, tmp_path / "some.csv", claim_filter=claim_filter, columns=lists)
        assert 0 < len(rows) < len(everything)
        for row in rows:
            assert row == {name: everything[row["claim_id"]][name] for name in lists}


def test_a_failed_export_leaves_no_file(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    add_claim(store, text="x")
    target = tmp_path / "out.csv"
    target.write_text("previous report")
    with store.raw() as connection, pytest.raises(ValueError, match="stop"):

        def stop(_done: int, _total: int) -> bool:
            raise ValueError("stop")

        export_csv(connection, target, progress=stop)
    assert target.read_text() == "previous report"
    assert list(tmp_path.glob("*.csv*")) == [target]


def test_a_cancelled_export_leaves_the_previous_report_and_can_be_run_again(
    store_both: Store, tmp_path: Path
) -> None:
    store = store_both
    for number in range(3):
        add_claim(store, text=f"claim {number}, with a comma", notes="two\nlines")
    with store.raw(write=True) as connection:
        connection.executemany(
            "INSERT INTO claim (uuid, text, attribution, status, anchor_status, created_at,"
            " updated_at, version) SELECT ?, text, attribution, status, anchor_status,"
            " created_at, updated_at, 1 FROM claim WHERE id = 1",
            [(f"copy-{number}",) for number in range(4000)],  # more than one batch
        )
    target = tmp_path / "out.csv"
    target.write_text("previous report")
    seen: list[int] = []

    def cancel(done: int, total: int) -> bool:
        seen.append(done)
        return False

    with store.raw() as connection, pytest.raises(ExportCancelled):
        export_csv(connection, target, columns=["claim_id", "claim", "notes"], progress=cancel)
    assert target.read_text() == "previous report"
    assert seen and seen[0] < 4003
    with store.raw() as connection:
        result = export_csv(connection, target, columns=["claim_id", "claim", "notes"])
    assert result.rows == 4003
    rows = list(csv.reader(target.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 4004 and rows[1][2] == "two\nlines"


def test_export_then_import_into_a_new_database_gives_the_same_claims(
    db_target: str, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "first.db")
    build_sample(store)
    path = tmp_path / "claims.csv"
    _export(store, path)
    with Store.open(db_target) as other:  # a new file, or a server's database
        summary = import_csv(other, path)
        assert (summary.created, summary.links) == (14, 7)
        again = import_csv(other, path)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 14)
        skip = {"id", "speaker_id", "source_id", "created_at", "updated_at", "version"}
        with store.raw() as a, other.raw() as b:
            for original in search_rows(a, ClaimFilter()):
                copy = next(r for r in search_rows(b, ClaimFilter()) if r.uuid == original.uuid)
                mine = {k: v for k, v in original.to_dict().items() if k not in skip}
                theirs = {k: v for k, v in copy.to_dict().items() if k not in skip}
                assert theirs == mine
                links_a = {(lk.label, lk.other_uuid) for lk in claim_detail(a, original.id).links}
                links_b = {(lk.label, lk.other_uuid) for lk in claim_detail(b, copy.id).links}
                assert links_a == links_b
    store.close()


def test_an_edited_export_updates_the_claims(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    build_sample(store)
    path = tmp_path / "claims.csv"
    rows = _export(store, path)
    rows[0]["status"] = "verified"
    rows[0]["tags"] = "checked"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    summary = import_csv(store, path)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 13)
    with store.raw() as connection:
        row = claim_detail(connection, int(rows[0]["claim_id"])).row
    assert (row.status, row.tags, row.version) == ("verified", ("checked",), 2)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_other_tools_files_are_mapped_by_their_headers(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    path = _write(
        tmp_path / "tool.tsv",
        "Statement\tWho\tVerdict\tDate\tKeywords\n"
        "Провокации готовятся\tСергей Рябков\tDisputed\t25.08.2018\tИдлиб, химоружие\n",
        "utf-16",
    )
    summary = import_csv(store, path)
    assert (summary.shape.delimiter, summary.created, summary.new_actors) == (
        "\t",
        1,
        ["Сергей Рябков"],
    )
    with store.raw() as connection:
        row = search_rows(connection, ClaimFilter(text="провокации"))[0]
    assert (row.speaker, row.status, row.said_on, row.tags) == (
        "Сергей Рябков",
        "disputed",
        "2018-08-25",
        ("Идлиб", "химоружие"),
    )


def test_cp1251_is_read_when_given_and_suggested_when_not(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "ru.csv", "claim;speaker\nПровокации готовятся;Рябков\n", "cp1251")
    with pytest.raises(
        CsvImportError, match=r"ru.csv, line 2, column 1: the file is not utf-8.*cp1251"
    ):
        import_csv(store, path)
    summary = import_csv(store, path, CsvImportOptions(encoding="cp1251"))
    assert (summary.shape.delimiter, summary.created) == (";", 1)


def test_headerless_files_are_mapped_by_position(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "plain.csv", "Assad may be planning an attack,U.S. officials,anonymous\n"
    )
    with pytest.raises(CsvImportError, match="--map 1=claim"):
        import_csv(store, path)
    options = CsvImportOptions(mapping=("1=claim", "2=speaker", "3=attribution"), has_header=False)
    summary = import_csv(store, path, options)
    assert summary.created == 1


def test_values_outside_a_vocabulary_are_reported_or_kept_as_tags(
    store: Store, tmp_path: Path
) -> None:
    path = _write(tmp_path / "v.csv", "claim,verdict\nfirst,Verified\nsecond,Half true\n")
    with pytest.raises(
        CsvImportError,
        match=r"line 3, column 2 \(verdict\): 'Half true' is not a known verification status",
    ) as caught:
        import_csv(store, path)
    assert caught.value.line == 3
    summary = import_csv(store, path, CsvImportOptions(mapping=("verdict=tags",)))
    assert summary.created == 2
    with store.raw() as connection:
        assert {r.tags for r in search_rows(connection, ClaimFilter())} == {
            ("Verified",),
            ("Half true",),
        }


def test_a_bad_file_adds_nothing_and_lists_its_problems(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    lines = ["claim,status,credibility,said_on"]
    lines += [f"claim {i},verified,2,2020-01-01" for i in range(5000)]
    lines += ["bad one,verified,9,2020-13-45"]
    path = _write(tmp_path / "bad.csv", "\n".join(lines) + "\n")
    with pytest.raises(CsvImportError) as caught:
        import_csv(store, path)
    message = str(caught.value)
    assert message.startswith("") and "line 5002" in message and "column 3 (credibility)" in message
    assert "and 1 more problem" in message
    assert [p[0] for p in caught.value.problems] == [5002, 5002]
    with store.raw() as connection:
        assert tuple(connection.execute("SELECT count(*) FROM claim").fetchone()) == (0,)
        if store.is_sqlite:
            assert connection.execute("SELECT count(*) FROM claim_fts").fetchone() == (0,)


def test_dry_run_changes_nothing(store_both: Store, tmp_path: Path) -> None:
    store = store_both
    path = _write(tmp_path / "a.csv", "claim,speaker\nx,New Person\n")
    summary = import_csv(store, path, dry_run=True)
    assert (summary.created, summary.new_actors) == (1, ["New Person"])
    with store.raw() as connection:
        assert tuple(connection.execute("SELECT count(*) FROM claim").fetchone()) == (0,)
        assert tuple(connection.execute("SELECT count(*) FROM actor").fetchone()) == (0,)


def test_importing_a_foreign_file_twice_does_not_duplicate(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "claim,speaker\nx,A\ny,B\n")
    import_csv(store, path)
    summary = import_csv(store, path)
    assert (summary.created, summary.unchanged) == (0, 2)


def test_imported_claims_are_searchable(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "claim,speaker\nprovocations prepared,Ryabkov\n")
    import_csv(store, path)
    with store.raw() as connection:
        assert [r.text for r in search_rows(connection, ClaimFilter(text="ryabkov provoc*"))] == [
            "provocations prepared"
        ]
        from claimtracker.bulk import check_index

        assert check_index(connection)


def test_export_streams_to_a_binary_stream(store_both: Store) -> None:
    add_claim(store_both, text="x")
    add_claim(store_both, text="y, z")
    for columns, expected in (
        (["claim"], b'claim\r\nx\r\n"y, z"\r\n'),
        (["claim", "status"], b'claim,status\r\nx,unstarted\r\n"y, z",unstarted\r\n'),
    ):
        buffer = io.BytesIO()
        with store_both.raw() as connection:
            result = export_csv(connection, buffer, columns=columns, bom=False)
        assert (result.rows, buffer.getvalue()) == (2, expected)


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_a_servers_csv_gets_crlf_line_ends_wherever_its_blocks_are_cut(size: int) -> None:
    copied = b'1,"a ""quoted""\nline",x\n2,,"\n"\n3,\xd0\x98\xd0\xb4,"say ""hi"""\n'
    blocks = [copied[at : at + size] for at in range(0, len(copied), size)]
    expected = b'1,"a ""quoted""\nline",x\r\n2,,"\n"\r\n3,\xd0\x98\xd0\xb4,"say ""hi"""\r\n'
    into_file = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    assert write_copied(blocks, into_file) == 3
    into_text = io.StringIO(newline="")
    assert write_copied(blocks, into_text) == 3
    assert into_file.buffer.getvalue() == expected  # type: ignore[attr-defined]
    assert into_text.getvalue() == expected.decode()


def test_an_exported_file_gets_the_usual_permissions(store: Store, tmp_path: Path) -> None:
    import os

    add_claim(store, text="x")
    previous = os.umask(0o022)
    try:
        with store.raw() as connection:
            export_csv(connection, tmp_path / "out.csv")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o644


def test_a_server_writes_the_same_bytes_as_a_file(
    db_path: Path, pg_migrated_url: str, tmp_path: Path
) -> None:
    texts = [
        *HOSTILE,
        'He said "no", then left,\nand wrote: «Провокации готовятся»',
        "a\r\nwindows line, and a comma",
        "",
        "Ümlaut café 😀",
        "\\.",  # alone on a line, PostgreSQL's end of data in COPY
        'back\\slash \\N, a\ttab and a quote"',
    ]
    written = []
    for target in (db_path, pg_migrated_url):
        with Store.open(target) as store:
            for text in texts:
                add_claim(store, text=text or "x", notes=text or None, tags=["Идлиб", "b,c"])
            add_claim(store, text="empty notes", notes="", descriptor="")
            build_sample(store)
            # What differs between two databases made apart: identifiers and times.
            with store.raw(write=True) as connection:
                server = target == pg_migrated_url
                for field, stamp in (("created_at", ".250000"), ("updated_at", ".000000")):
                    value = f"'2026-12-05 10:00:00{stamp}'" + ("::timestamp" if server else "")
                    connection.execute(f"UPDATE claim SET {field} = {value}")
                connection.execute("UPDATE claim SET uuid = 'claim-' || id")
                connection.execute("UPDATE source SET uuid = 'source-' || id")
            for name, columns, report in (
                ("claims", ["claim_id", "claim", "notes", "tags", "rating", "said_on"], "claims"),
                ("one", ["notes"], "claims"),
                ("every column", None, "claims"),
                ("pairs", ["claim", "relation", "counter_claim", "note"], "pairs"),
            ):
                out = tmp_path / f"{name}-{len(written)}.csv"
                with store.raw() as connection:
                    export_csv(connection, out, columns=columns, report=report)
                written.append((name, out.read_bytes()))
    half = len(written) // 2
    for (name, on_file), (_, on_server) in zip(written[:half], written[half:], strict=True):
        assert on_server == on_file, name
    assert b'\r\n""\r\n' in dict(written)["one"]  # a row of one empty cell
    assert b"\r\n\\.\r\n" in dict(written)["one"]
    every = dict(written)["every column"]
    assert b"2026-12-05 10:00:00.250000,2026-12-05 10:00:00.000000" in every
