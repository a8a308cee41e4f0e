"""Offscreen screenshots of the app with the sample project, to look at what we build.

    QT_QPA_PLATFORM=offscreen python bench/ui_screenshots.py [OUT_DIR]

Writes into ``shots/`` (gitignored): the main window, the reader with highlights, the
assistant's review panel and its dialogs, the side-by-side view, the editor, the link dialog, the
CSV dialogs, the main window in the dark palette, the reader with claims that lost their place
in a corrected text, the data-safety windows (history, a stale edit's question, a change the
disk refused, the trash, Check Database, a damaged file), the notice of a second window on the
same project, and the assistant's progress and Cancel on a very long article. Then the window as
it opens on three screens — 1024×640, 1600×1000 and 2400×1500 at 2× scaling — with the reader and
the assistant open, light and dark (``size-*.png``; each in a process of its own, whose offscreen
screen has that size). Settings and data go to a temporary folder; nothing of the user's is
touched.

    QT_QPA_PLATFORM=offscreen python bench/ui_screenshots.py --sizes-only [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


#: The screens the window is shown on: width, height (device pixels) and scale.
SCREENS = [(1024, 640, 1), (1600, 1000, 1), (2400, 1500, 2)]


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    out = Path(args[0] if args else "shots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    if "--screen" in sys.argv:
        screen_shots(out)
        return
    if "--every-shot" in sys.argv:
        all_shots(out)
        return
    if "--sizes-only" not in sys.argv:
        run_on_screen(out, 1600, 1000, 1, every_shot=True)
    for width, height, scale in SCREENS:
        run_on_screen(out, width, height, scale)


def run_on_screen(
    out: Path, width: int, height: int, scale: int, *, every_shot: bool = False
) -> None:
    """This script again, in a process whose offscreen screen is ``width``×``height``: the
    window as it opens there, or (``every_shot``) all the other pictures."""
    import json
    import subprocess

    config = out / f".screen-{width}x{height}.json"
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    env["QT_SCALE_FACTOR"] = str(scale)
    env["SHOTS_NAME"] = f"size-{width}x{height}" + (f"-at-{scale}x" if scale != 1 else "")
    try:
        mode = "--every-shot" if every_shot else "--screen"
        subprocess.run([sys.executable, __file__, mode, str(out)], env=env, check=True)
    finally:
        config.unlink()


def start_app() -> tuple[Path, Callable[..., None]]:
    """The app on the sample project in a temporary folder, light; its database and a way to
    let it settle for some milliseconds."""
    work = Path(tempfile.mkdtemp(prefix="claimtracker-shots-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.pop("CLAIMTRACKER_DB", None)
    from PySide6.QtCore import QSettings, QTimer

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    from claimtracker.sample import build_sample
    from claimtracker.store import Store
    from ui import theme
    from ui.app import create_application

    database = work / "Sample project.db"
    with Store.open(database) as store:
        build_sample(store)
    app = create_application()
    theme.apply_theme(app, "light")

    def settle(ms: int = 300) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.start(ms)
        while timer.isActive():
            app.processEvents()

    return database, settle


def screen_shots(out: Path) -> None:
    """The window as it opens on this process's screen, with the reader and the assistant."""
    database, settle = start_app()
    from tests.ui.window_on_screen import open_with_reader_and_assistant
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = open_with_reader_and_assistant(MainWindow(Settings()), str(database), settle)
    name = os.environ.get("SHOTS_NAME", "size")
    for mode in ("light", "dark"):
        window.set_theme(mode)
        settle()
        path = out / f"{name}-{mode}.png"
        window.grab().save(str(path))
        free = window.screen().availableGeometry()
        frame = window.frameGeometry()
        print(
            f"{path}  window {frame.width()}×{frame.height()} on a screen of "
            f"{free.width()}×{free.height()} at {window.devicePixelRatioF():g}×, "
            f"{'within' if free.contains(frame) else 'NOT within'} it"
        )
    window.close()
    settle(50)


def all_shots(out: Path) -> None:
    database, settle = start_app()
    work = database.parent
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from ui.main_window import MainWindow
    from ui.settings import Settings

    def grab(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    window = MainWindow(Settings())
    window.resize(1480, 900)
    window.open_project(str(database))
    window.show()
    settle(800)
    claims = window.claims
    target = next(
        claims.claim_id(r)
        for r in range(claims.rowCount())
        if (claims.claim_row(r) or object()).__getattribute__("text").startswith("Assad may")
    )
    window.select_claim(target)
    settle()
    grab(window, "main-window")

    window.open_current_in_reader()
    settle()
    grab(window, "reader")
    if window._reader is not None:
        grab(window._reader, "reader-pane")

    # The assistant's review panel on the sample article: one accepted, one chosen.
    window.act.suggest_claims.trigger()
    assistant = window.source_tools.assistant
    settle(800)
    state = assistant.model.state
    assert state is not None
    caution = next(i for i, s in enumerate(state.proposed) if "We caution" in s.text)
    assistant.accept([caution])
    officials = next(i for i, s in enumerate(state.proposed) if s.speaker == "U.S. officials")
    assistant.panel.select_suggestion(officials)
    assistant.model.setData(
        assistant.model.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    grab(window, "assistant")
    grab(window.source_tools.dock, "assistant-panel")

    from ui.assistant.edit_dialog import SuggestionEditDialog

    number = assistant.panel.current_number()
    edit = SuggestionEditDialog(
        number,
        state.proposed[number],
        state.suggestion(number),
        state.wording(number),
        actor_names=["U.S. officials"],
        is_known_actor=lambda name: name == "U.S. officials",
        parent=window,
    )
    edit.speaker.setText("U.S. intelligence officials")
    edit.show()
    grab(edit, "assistant-edit-dialog")
    edit.close()

    from claimtracker.query.reading import source_details
    from ui.sources.details_dialog import SourceDetailsDialog

    assert window.project is not None
    details = SourceDetailsDialog(
        source_details(window.project.reader, window.reader.source_id),
        actor_names=[],
        actor_id_of=lambda name: 1,
        parent=window,
    )
    details.show()
    grab(details, "source-details-dialog")
    details.close()
    window.source_tools.dock.hide()

    window.show_side_by_side()
    side = window.side_by_side
    side.resize(1320, 820)
    settle(800)
    grab(side, "side-by-side")
    side.close()

    grab(window.detail, "detail-pane")

    from ui.claims.link_dialog import LinkDialog

    row = window.detail.editor.row
    assert row is not None and window.project is not None
    dialog = LinkDialog(window.project, row, window)
    dialog.search.setText("chemical")
    dialog.run_search()
    dialog.show()
    grab(dialog, "link-dialog")
    dialog.close()

    from ui.transfer.export_dialog import ExportDialog

    export = ExportDialog(
        window.settings,
        window.claims.claim_filter,
        matching=claims.rowCount(),
        total=claims.rowCount(),
        parent=window,
    )
    export.show()
    grab(export, "export-dialog")
    export.close()

    csv_path = work / "other-tool.csv"
    csv_path.write_text(
        "Statement,Who,Verdict,Date,Source\n"
        "Talks in Geneva addressed the removal of US troops,people familiar,unverified,2018-08-25,Bloomberg\n"
        "No agreement was reached,people familiar,in_progress,2018-08-25,Bloomberg\n"
        "Oil sanctions on Iran stay,U.S. officials,maybe,25/13/2018,Bloomberg\n",
        encoding="utf-8",
    )
    from ui.transfer.import_csv_dialog import ImportCsvDialog

    importer = ImportCsvDialog(window.project, csv_path, window)
    importer.show()
    settle(1500)
    grab(importer, "import-csv-dialog")
    importer.close()

    window.set_theme("dark")
    window.select_claim(target)
    settle(500)
    grab(window, "main-window-dark")
    window.show_side_by_side()
    settle(800)
    grab(window.side_by_side, "side-by-side-dark")
    window.side_by_side.close()
    window.act.suggest_claims.trigger()
    settle(500)
    grab(window, "assistant-dark")
    window.source_tools.dock.hide()
    window.set_theme("light")

    # A corrected version of the article: the claims on changed words lose their place and
    # wait in the reader to be placed by hand.
    from claimtracker.articles import read_article
    from claimtracker.sample import sample_article_path
    from claimtracker.services.revisions import import_article_version

    corrected = work / "us-warns-russia-corrected.md"
    corrected.write_text(
        sample_article_path()
        .read_text(encoding="utf-8")
        .replace("We caution Washington against another military escapade", "We warn Washington")
        .replace('"very concerned"', '"deeply worried"'),
        encoding="utf-8",
    )
    with window.project.write() as session:
        import_article_version(session=session, article=read_article(corrected), origin=corrected)
    window.reader.orphan_bar.open_list()
    grab(window.reader, "reader-orphans")

    safety_shots(window, target, grab, settle)
    working_together_shots(window, work, grab, settle)

    window.close()
    settle(50)


def safety_shots(
    window: Any, claim_id: int, grab: Callable[..., None], settle: Callable[..., None]
) -> None:
    """History, a stale edit's question, a change the disk refused, the trash of every kind,
    Check Database and a damaged file's way back."""
    from claimtracker import services
    from claimtracker.safety.backup import make_backup
    from claimtracker.safety.integrity import CheckReport
    from claimtracker.schemas import ActorCreate, ClaimUpdate, SourceCreate
    from ui.safety.conflicts import Conflict, ConflictDialog, ConflictingValue
    from ui.safety.damaged_database import DamagedDatabaseDialog, backup_info

    project = window.project
    with project.write() as session:
        for changes in (
            ClaimUpdate(status="disputed"),
            ClaimUpdate(notes="Checked against the ministry's own statement."),
        ):
            services.update_claim(session=session, claim_id=claim_id, changes=changes)
    window.select_claim(claim_id)
    history = window.safety.history.show("claim", claim_id)
    history.resize(980, 600)
    settle(600)
    history.table.selectRow(1)
    grab(history, "history-dialog")
    history.close()

    conflict = ConflictDialog(
        Conflict(
            record=f"claim #{claim_id}",
            values=[
                ConflictingValue("Status", "Verified", "Disputed"),
                ConflictingValue(
                    "Notes",
                    "Confirmed by a second outlet.",
                    "Checked against the ministry's own statement.",
                ),
            ],
            last_change="by jane on 2026-11-26 18:24",
            current_version=7,
        ),
        window,
    )
    conflict.show()
    grab(conflict, "conflict-dialog")
    conflict.close()

    from claimtracker.errors import DiskFullError

    window.safety.pending.keep(
        _FakeCommand(f"Edit notes of #{claim_id}"),
        DiskFullError(
            f"The disk holding {project.path} is full; nothing was saved from this action. Free some space and try again."
        ),
    )
    grab(window.detail, "detail-pane-not-saved")
    window.safety.pending.clear()

    with project.write() as session:
        services.delete_claim(session=session, claim_id=claim_id)
        blog, _ = services.create_source(
            session=session,
            source_in=SourceCreate(text="An unrelated post.", title="A blog post nobody cites"),
        )
        services.delete_source(session=session, source_id=blog.id)
        actor = services.create_actor(
            session=session, actor_in=ActorCreate(name="An anonymous account")
        )
        services.delete_actor(session=session, actor_id=actor.id)
        services.update_claim(
            session=session, claim_id=claim_id + 1, changes=ClaimUpdate(status="verified")
        )
    window.hub.reload_everything()
    settle(600)
    trash_entry = next(e for e in window.sidebar.model.entries("library") if e.kind == "trash")
    window.sidebar.entryChosen.emit(trash_entry)
    settle(600)
    grab(window, "trash-view")
    window.trash_popup = window.safety.trash.bar.open_others()  # type: ignore[attr-defined]
    grab(window.trash_popup, "trash-view-others")  # type: ignore[attr-defined]
    window.trash_popup.hide()  # type: ignore[attr-defined]
    everything = next(e for e in window.sidebar.model.entries("library") if e.kind == "all")
    window.sidebar.entryChosen.emit(everything)

    check = window.safety.check_database()
    settle(1200)
    grab(check, "check-database")
    check._show_report(CheckReport(database=project.path, index_ok=False))
    grab(check, "check-database-index")
    check.close()

    backup = backup_info(make_backup(project.path).path)
    damaged = DamagedDatabaseDialog(
        project.path,
        "its header is zeroed (the first bytes of the file were overwritten with zeros)",
        backup,
        window,
    )
    damaged.show()
    grab(damaged, "damaged-database-dialog")
    damaged.close()


def working_together_shots(
    window: Any, work: Path, grab: Callable[..., None], settle: Callable[..., None]
) -> None:
    """A second window on the same project (its notice), and the assistant's progress and
    Cancel on a very long article."""
    import subprocess

    from PySide6.QtWidgets import QApplication

    from claimtracker.articles import read_article
    from claimtracker.sample import sample_article_path
    from claimtracker.services import import_article

    project = window.project
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path;"
            " from claimtracker.safety.presence import Presence;"
            " p = Presence.register(Path(sys.argv[1]), 'app'); print('ok', flush=True);"
            " sys.stdin.readline(); p.close()",
            str(project.path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        window.safety.presence.look()
        grab(window, "second-window-notice")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    window.safety.presence.look()

    text = sample_article_path().read_text(encoding="utf-8")
    long_path = work / "transcripts-dump.txt"
    long_path.write_text("\n\n".join([text] * 250), encoding="utf-8")
    with project.write() as session:
        source, _ = import_article(
            session=session, article=read_article(long_path), origin=long_path
        )
    window.open_reader(source.id)
    settle(500)
    window.source_tools.suggest_claims()
    progress = window.source_tools.assistant.panel.progress
    while progress.bar.value() < progress.bar.maximum() // 5:
        QApplication.processEvents()
    grab(window, "assistant-long-article")
    grab(window.source_tools.dock, "assistant-progress")
    progress.button.click()
    grab(window.source_tools.dock, "assistant-stopped")
    window.source_tools.dock.hide()


class _FakeCommand:
    """Stands for a change the disk refused (only its text is shown)."""

    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text


if __name__ == "__main__":
    main()
