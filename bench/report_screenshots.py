"""Pictures of the reports, to look at what we hand colleagues.

    QT_QPA_PLATFORM=offscreen python bench/report_screenshots.py [OUT_DIR]

With the sample project (its source marked TLP:GREEN, the denial of claim 2 TLP:RED), writes to
``shots/reports/`` (gitignored): the app's report dialog with its preview, the PDF of the
dispute and of every claim as PNG pages (pdftoppm), and the XLSX reports as LibreOffice prints
them (soffice, then pdftoppm). A tool that is not installed is skipped with a note.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _pages(pdf: Path, out: Path, resolution: int = 70) -> None:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed: no PNG pages (apt install poppler-utils)")
        return
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(out / pdf.stem)], check=True
    )
    for page in sorted(out.glob(f"{pdf.stem}-*.png")):
        print(page)


def _spreadsheet_pages(xlsx: Path, out: Path, work: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice is not installed: no pages of the XLSX (apt install libreoffice-calc)")
        return
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(xlsx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    _pages(work / f"{xlsx.stem}.pdf", out)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots/reports").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="claimtracker-report-shots-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.pop("CLAIMTRACKER_DB", None)

    from PySide6.QtCore import QSettings, QTimer

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    from claimtracker import services
    from claimtracker.query import ClaimFilter
    from claimtracker.reports.dossier import build_dossier
    from claimtracker.reports.pdf import render_pdf
    from claimtracker.reports.xlsx import render_xlsx
    from claimtracker.sample import build_sample
    from claimtracker.schemas import ClaimUpdate, SourceUpdate
    from claimtracker.store import Store
    from ui import theme
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.settings import Settings

    database = work / "Sample project.db"
    with Store.open(database) as store:
        build_sample(store)
        with store.write() as session:
            services.update_source(session=session, source_id=1, changes=SourceUpdate(tlp="green"))
            services.update_claim(session=session, claim_id=12, changes=ClaimUpdate(tlp="red"))
        with store.raw() as connection:
            dispute = build_dossier(connection, claim_id=2, dispute=True)
            everything = build_dossier(connection, claim_filter=ClaimFilter())
            (work / "dispute.pdf").write_bytes(render_pdf(dispute))
            (work / "all-claims.pdf").write_bytes(render_pdf(everything))
            for report in ("claims", "pairs"):
                data, _rows = render_xlsx(connection, report=report)
                (work / f"xlsx-{report}.xlsx").write_bytes(data)
    _pages(work / "dispute.pdf", out)
    _pages(work / "all-claims.pdf", out)
    for report in ("claims", "pairs"):
        _spreadsheet_pages(work / f"xlsx-{report}.xlsx", out, work)

    app = create_application()
    theme.apply_theme(app, "light")

    def settle(ms: int = 400) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.start(ms)
        while timer.isActive():
            app.processEvents()

    window = MainWindow(Settings())
    window.resize(1480, 900)
    window.open_project(str(database))
    window.show()
    settle(800)
    window.select_claim(2)
    settle()
    window.grab().save(str(out / "main-window-markings.png"))
    print(out / "main-window-markings.png")
    window.export_report()
    dialog = window.report_dialog
    while dialog.dossier is None:
        settle(100)
    settle()
    dialog.grab().save(str(out / "report-dialog.png"))
    print(out / "report-dialog.png")
    dialog.leave_out.setChecked(False)
    settle(1500)
    dialog.grab().save(str(out / "report-dialog-everything.png"))
    print(out / "report-dialog-everything.png")
    dialog.close()
    window.close()


if __name__ == "__main__":
    main()
