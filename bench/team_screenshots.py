"""Offscreen screenshots of a team project on a throwaway PostgreSQL server, to look at.

    QT_QPA_PLATFORM=offscreen python bench/team_screenshots.py [OUT_DIR]

Writes into ``shots/`` (gitignored): the Open Team Project dialog (filled in, and with a wrong
password's one-line error), a change by another analyst arriving live (the status bar says who
changed what), a viewer's window (editing controls disabled, the reason as their tooltip), the
banner while the server does not answer, and Check Database on the server: an analyst's (an
index the server stopped using, the repair disabled with the reason) and a lead's after the
repair. Settings and data go to a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "screenshot password"


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="claimtracker-team-shots-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.pop("CLAIMTRACKER_DB", None)

    from tests.pg import find_bindir, throwaway_cluster

    bindir = find_bindir()
    if bindir is None:
        print(
            "PostgreSQL's programs (initdb, pg_ctl) are not installed: apt-get install postgresql"
        )
        return 1
    with throwaway_cluster(bindir) as server:
        server.admin("CREATE DATABASE claims")
        shoot(out, work, server)
    return 0


def shoot(out: Path, work: Path, server: object) -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QWidget

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    from claimtracker import services
    from claimtracker.journal.entries import ANALYST_KEY
    from claimtracker.sample import build_sample
    from claimtracker.schemas import ClaimUpdate
    from claimtracker.server.address import TeamAddress
    from claimtracker.server.analysts import add_analyst
    from claimtracker.server.setup import init_server
    from claimtracker.store import Store
    from tests import restartable
    from ui import theme
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.settings import Settings

    owner_url = server.url("claims")  # type: ignore[attr-defined]
    with Store.open(owner_url) as store:
        build_sample(store)
    init_server(owner_url)
    with Store.open(owner_url) as store, store.raw(write=True) as connection:
        add_analyst(connection, "anna", "analyst", PASSWORD)  # type: ignore[arg-type]
        add_analyst(connection, "vera", "viewer", PASSWORD)  # type: ignore[arg-type]
        add_analyst(connection, "lena", "lead", PASSWORD)  # type: ignore[arg-type]
    anna = server.url("claims", user="anna", password=PASSWORD)  # type: ignore[attr-defined]
    vera = server.url("claims", user="vera", password=PASSWORD)  # type: ignore[attr-defined]
    lena = server.url("claims", user="lena", password=PASSWORD)  # type: ignore[attr-defined]

    app = create_application()
    theme.apply_theme(app, "light")

    def settle(ms: int = 300) -> None:
        until = QTimer()
        until.setSingleShot(True)
        until.start(ms)
        while until.isActive():
            app.processEvents()

    def wait(condition: object, ms: int = 10_000) -> None:
        for _ in range(ms // 50):
            if condition():  # type: ignore[operator]
                return
            settle(50)

    def grab(widget: QWidget, name: str) -> None:
        settle(200)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    window = MainWindow(Settings())
    window.resize(1400, 860)
    window.show()
    settle()

    # The connection dialog, filled in; then a wrong password's one line.
    address, _ = TeamAddress.from_url(anna)
    dialog = window.team.show_dialog(address)
    dialog.password.setText("not the password")
    settle()
    grab(dialog, "team-connection-dialog")
    dialog.connect_now()
    wait(dialog.error.isVisible)
    grab(dialog, "team-connection-dialog-error")
    dialog.password.setText(PASSWORD)
    dialog.connect_now()
    wait(lambda: window.project is not None)
    wait(lambda: window.team.live.listening)
    window.project.store  # type: ignore[union-attr]  # noqa: B018
    wait(lambda: window.safety.external.watching)
    settle(500)

    # Another analyst changes a claim: it arrives live, the status bar says who.
    claim_id = window.claims.claim_id(1)
    window.select_claim(claim_id)
    settle()
    with Store.open(owner_url) as store, store.write() as session:
        session.info[ANALYST_KEY] = "lena"
        services.update_claim(
            session=session, claim_id=claim_id, changes=ClaimUpdate(status="disputed")
        )
    wait(lambda: "changed the status" in window.status.currentMessage())
    grab(window, "team-live-change")

    # Check Database on the server, as the analyst: an index the server stopped using.
    server.admin(  # type: ignore[attr-defined]
        "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_claim_status'::regclass",
        "claims",
    )
    check = window.safety.check_database()
    wait(lambda: check is not None and check.report is not None)
    grab(check, "team-check-database-analyst")  # type: ignore[arg-type]
    check.close()  # type: ignore[union-attr]

    # The server goes away: the banner.
    options = restartable.stop(server)  # type: ignore[arg-type]
    wait(window.team.live.banner.isVisible)
    grab(window, "team-server-gone")
    restartable.start(server, options)  # type: ignore[arg-type]
    wait(lambda: not window.team.live.banner.isVisible(), 20_000)
    window.close()
    window.ops.wait()

    # A viewer's window.
    viewer = MainWindow(Settings())
    viewer.resize(1400, 860)
    viewer.show()
    viewer.open_project(vera)
    wait(lambda: viewer.project is not None and not viewer.claims.loading)
    viewer.select_claim(viewer.claims.claim_id(1))
    settle(500)
    grab(viewer, "team-viewer")
    grab(viewer.detail, "team-viewer-detail")
    viewer.close()
    viewer.ops.wait()

    # The lead rebuilds the index from Check Database.
    lead = MainWindow(Settings())
    lead.resize(1400, 860)
    lead.show()
    lead.open_project(lena)
    wait(lambda: lead.project is not None and not lead.claims.loading)
    check = lead.safety.check_database()
    wait(lambda: check is not None and check.report is not None)
    grab(check, "team-check-database-lead")  # type: ignore[arg-type]
    check.repair_button.click()  # type: ignore[union-attr]
    wait(lambda: check.report is not None and check.report.ok)  # type: ignore[union-attr]
    grab(check, "team-check-database-repaired")  # type: ignore[arg-type]
    check.close()  # type: ignore[union-attr]
    lead.close()
    lead.ops.wait()


if __name__ == "__main__":
    sys.exit(main())
