"""The PDF dossier: time, pages and size for 1,000 claims and for one dispute.

    python bench/report_pdf.py [N] [OUT_DIR]

Builds N synthetic claims (default 1,000; some Cyrillic) with counter-claims linked to a fifth
of them, some sources marked, then times each step of the report: gathering the dossier from
the database, writing its HTML, and WeasyPrint laying out the PDF. The ceiling, measured in the
same run, is WeasyPrint printing the same claim texts as bare paragraphs (no cards, no tables,
no page margins' content): what any WeasyPrint report of this much text costs at least. The
PDFs are left in OUT_DIR (default: a temporary folder) to look at (pdftoppm -png).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import generate_database
from claimtracker.models import new_uuid
from claimtracker.store import Store


def _link_counters(path: Path, n: int) -> int:
    """Link a fifth of the claims to one to three counter-claims; mark some sources."""
    rng = random.Random(11)
    now = "2026-12-05 00:00:00.000000"
    with Store.open(path) as store, store.raw(write=True) as connection:
        links = set()
        for claim in rng.sample(range(1, n + 1), n // 5):
            for _ in range(rng.randint(1, 3)):
                other = rng.randint(1, n)
                if other != claim:
                    links.add((claim, other, rng.choice(("denies", "counters", "contradicts"))))
        connection.executemany(
            "INSERT OR IGNORE INTO link (claim_a_id, claim_b_id, relation, uuid, created_at,"
            " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 1)",
            [(min(a, b) if r == "contradicts" else a, max(a, b) if r == "contradicts" else b, r,
              new_uuid(), now, now) for a, b, r in links],
        )  # fmt: skip
        connection.execute("UPDATE source SET tlp = 'green' WHERE id % 3 = 0")
        connection.execute("UPDATE source SET tlp = 'amber' WHERE id % 7 = 0")
        return len(links)


#: Processor seconds of each step, beside the wall-clock ones: on a shared machine the wall
#: clock also counts the time other programs had the cores.
CPU: dict[str, float] = {}


def _timed(step, name: str = ""):  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    result = step()
    CPU[name] = time.process_time() - cpu
    return result, time.perf_counter() - started


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def report(name: str, dossier_step, out: Path) -> None:  # type: ignore[no-untyped-def]
    import weasyprint

    from claimtracker.reports.html import render_html

    dossier, gather = _timed(dossier_step)
    page, html_seconds = _timed(lambda: render_html(dossier))
    pdf, pdf_seconds = _timed(lambda: weasyprint.HTML(string=page).write_pdf(), "pdf")
    (out / f"{name}.pdf").write_bytes(pdf)
    bare = "".join(f"<p>{escape(row.text)}</p>" for row in dossier.rows())
    bare_pdf, ceiling = _timed(
        lambda: weasyprint.HTML(string=f"<html><body>{bare}</body></html>").write_pdf(), "bare"
    )
    total = gather + html_seconds + pdf_seconds
    print(f"{name}: {dossier.claim_count:,} claims, {len(dossier.sources):,} sources")
    print(f"  gather from the database  {gather:8.2f} s")
    print(f"  write the HTML            {html_seconds:8.2f} s   ({len(page):,} characters)")
    print(f"  lay out the PDF           {pdf_seconds:8.2f} s   ({CPU['pdf']:.2f} s of processor)")
    print(f"  total                     {total:8.2f} s   {_pages(pdf):,} pages, {len(pdf):,} bytes")
    print(
        f"  ceiling: bare paragraphs  {ceiling:8.2f} s   ({CPU['bare']:.2f} s of processor) "
        f"{_pages(bare_pdf):,} pages, {len(bare_pdf):,} bytes"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="ct-report-"))
    out.mkdir(parents=True, exist_ok=True)
    path = out / "claims.db"
    generate_database(path, n)
    links = _link_counters(path, n)
    print(f"{n:,} synthetic claims, {links:,} links; PDFs in {out}")

    from claimtracker.query import ClaimFilter
    from claimtracker.reports.dossier import build_dossier

    with Store.open(path) as store, store.raw() as connection:
        disputed = connection.execute(
            "SELECT claim_a_id, count(*) FROM link GROUP BY claim_a_id ORDER BY 2 DESC, 1 LIMIT 1"
        ).fetchone()[0]
        report(
            "one-dispute", lambda: build_dossier(connection, claim_id=disputed, dispute=True), out
        )
        report("all-claims", lambda: build_dossier(connection, claim_filter=ClaimFilter()), out)


if __name__ == "__main__":
    main()
