"""Check Database…: on a file, SQLite's full integrity check, the references between records
and the search index; on a team server, what can still be wrong there (the schema's revision
and tables, constraints not validated, records pointing at missing ones, indexes the server
stopped using). Run on a worker; the result in plain words, and the repair where there is one.

A damaged file cannot be repaired here: the way back is a backup (the button opens the Backups
window). On a server, rebuilding the indexes (``REINDEX``) is a lead's: anyone else sees the
button disabled with the reason; the server's files and backups are its administrator's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.runtime.ops import OpContext, Runner, WriteOp

if TYPE_CHECKING:
    from claimtracker.safety.integrity import CheckReport
    from claimtracker.store.server_check import ServerCheckReport
    from ui.runtime.project import Project

OK_MARK, BAD_MARK, UNKNOWN_MARK = "✓", "✗", "–"

ON_SERVER = "A team project on a PostgreSQL server"

#: What is checked, (key, title), on a file and on a server.
FILE_ROWS = (("file", "The file"), ("references", "References"), ("index", "Search index"))
SERVER_ROWS = (
    ("schema", "Schema"),
    ("constraints", "Constraints"),
    ("references", "References"),
    ("indexes", "Indexes"),
)


class CheckDatabaseDialog(QDialog):
    #: The search index was rebuilt (the views should search again).
    indexRepaired = Signal()
    #: The user wants to see the backups (the file is damaged).
    backupsRequested = Signal()
    #: A check finished (the report).
    checked = Signal(object)

    def __init__(self, project: Project, tasks: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CheckDatabaseDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Check Database")
        self.setMinimumWidth(560)
        self.project = project
        self.tasks = tasks
        self.report: CheckReport | ServerCheckReport | None = None
        self._running = False
        self.on_server = project.on_server

        heading = QLabel(f"Checking {project.display_name}")
        heading.setObjectName("DialogHeading")
        self.heading = heading
        where = QLabel(ON_SERVER if self.on_server else project.location)
        self.where = where
        where.setObjectName("FieldHint")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.step = QLabel()
        self.step.setObjectName("FieldHint")

        self.marks: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        for number, (key, title) in enumerate(SERVER_ROWS if self.on_server else FILE_ROWS):
            mark = QLabel(UNKNOWN_MARK)
            mark.setObjectName("CheckMark")
            mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
            mark.setMinimumWidth(22)
            caption = QLabel(f"<b>{title}</b>")
            text = QLabel("Waiting…")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(mark, number, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(caption, number, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, number, 2)
            self.marks[key] = mark
            self.texts[key] = text
        grid.setColumnStretch(2, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        if self.on_server:
            self.repair_button = QPushButton("Rebuild the Indexes")
            self.repair_tip = (
                "Rebuild the indexes the server stopped using (REINDEX); no record changes"
            )
        else:
            self.repair_button = QPushButton("Repair the Search Index")
            self.repair_tip = (
                "Rebuild the index from the claims (it holds nothing that is not in them)"
            )
        self.repair_button.setToolTip(self.repair_tip)
        self.repair_button.hide()
        self.repair_button.clicked.connect(self.repair)
        self.backups_button = QPushButton("Backups…")
        self.backups_button.hide()
        self.backups_button.clicked.connect(self.backupsRequested)
        self.again_button = QPushButton("Check Again")
        self.again_button.clicked.connect(self.start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.repair_button)
        row.addWidget(self.backups_button)
        row.addStretch(1)
        row.addWidget(self.again_button)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.where)
        layout.addWidget(self.progress)
        layout.addWidget(self.step)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addLayout(row)

    # -- checking -------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        if self._running:
            return
        for key in self.marks:
            self._show(key, None, "Checking…")
        self.summary.setText("")
        self.repair_button.hide()
        self.backups_button.hide()
        if self.on_server:
            self._busy(True, "Reading the schema, constraints, references and indexes…")
            task = self._server_check()
        else:
            self._busy(True, "Running SQLite's integrity check, then the references and the index…")
            task = self._file_check()
        task.signals.succeeded.connect(self._show_report)
        task.signals.failed.connect(self._show_failure)
        task.signals.cancelled.connect(lambda: self._busy(False, "The check was cancelled."))
        self.tasks.start(task)

    def _file_check(self) -> WriteOp:
        path = self.project.path
        assert path is not None

        def work(context: OpContext) -> CheckReport:
            from claimtracker.safety.integrity import check_database

            context.progress(0, 0, f"Checking {path.name}…")
            return check_database(Path(path))

        return WriteOp(f"Checking {path.name}…", work)

    def _server_check(self) -> WriteOp:
        project = self.project

        def work(context: OpContext) -> ServerCheckReport:
            from claimtracker.store.server_check import check_server

            context.progress(0, 0, f"Checking {project.display_name}…")
            return check_server(project.store)

        return WriteOp(f"Checking {project.display_name}…", work)

    def _busy(self, busy: bool, step: str) -> None:
        self._running = busy
        self.progress.setVisible(busy)
        self.again_button.setEnabled(not busy)
        self.step.setText(step)
        self.step.setVisible(bool(step))

    @Slot(object)
    def _show_report(self, report: object) -> None:
        from claimtracker.safety.integrity import CheckReport

        self._busy(False, "")
        self.heading.setText(f"Checked {self.project.display_name}")
        if not isinstance(report, CheckReport):
            self._show_server_report(report)
            return
        self.report = report
        if report.integrity:
            self._show("file", False, "Damaged: " + "; ".join(report.integrity[:5]))
            self._show("references", None, "Not checked (the file is damaged)")
            self._show("index", None, "Not checked (the file is damaged)")
        else:
            self._show("file", True, "Sound: SQLite's integrity check found nothing wrong.")
            self._show_references(report.foreign_keys)
            self._show(
                "index",
                bool(report.index_ok),
                "In step with the claims."
                if report.index_ok
                else "Out of step with the claims: searches may miss claims. It can be repaired.",
            )
        if report.ok:
            self.summary.setText("Everything is in order.")
        elif report.only_index_wrong:
            self.summary.setText(
                "Only the search index is wrong. Repairing it rebuilds it from the claims; no "
                "claim changes."
            )
            self.repair_button.show()
        elif report.integrity:
            self.summary.setText(
                "The file is damaged. Keep working on it only to copy what you need; restore "
                "the newest good backup from the Backups window (the damaged file is kept)."
            )
            self.backups_button.show()
        else:
            self.summary.setText(
                "Some records point at records that no longer exist. Restore a backup, or "
                "tell the developers what the check found."
            )
            self.backups_button.show()
        self.checked.emit(report)

    def _show_server_report(self, report: object) -> None:
        from claimtracker.server.roles import article
        from claimtracker.store.server_check import ServerCheckReport
        from claimtracker.store.version import SCHEMA_HEAD

        assert isinstance(report, ServerCheckReport)
        self.report = report
        self.where.setText(f"{ON_SERVER}, checked as {article(report.role)} {report.role}")
        if report.revision != SCHEMA_HEAD:
            schema = (
                f"At revision {report.revision or 'none'}; this ClaimTracker expects "
                f"{SCHEMA_HEAD}. The project's owner upgrades it (claimtracker server init)."
            )
        elif report.missing_tables:
            schema = "Tables missing: " + ", ".join(report.missing_tables)
        else:
            schema = f"At the newest revision ({SCHEMA_HEAD}), every table present."
        self._show("schema", report.schema_ok, schema)
        self._show(
            "constraints",
            not report.unvalidated,
            "Every constraint is validated."
            if not report.unvalidated
            else "Not validated (the server does not vouch for the rows they cover): "
            + ", ".join(report.unvalidated[:5]),
        )
        self._show_references(report.foreign_keys)
        self._show(
            "indexes",
            not report.invalid_indexes,
            "The server uses every index."
            if not report.invalid_indexes
            else "Not used by the server (searches and sorts may slow down): "
            + ", ".join(report.invalid_indexes),
        )
        may_repair, why_not = report.may_repair
        if report.ok:
            self.summary.setText(
                "Everything is in order. The server keeps its own files sound; its "
                "administrator backs them up."
            )
        elif report.invalid_indexes and report.schema_ok and not report.foreign_keys:
            self.summary.setText(
                "Indexes the server stopped using can be rebuilt from the tables; no record "
                "changes." + ("" if may_repair else " A lead of the project can rebuild them.")
            )
        else:
            self.summary.setText(
                "Tell the server's administrator what the check found: the server's own "
                "backups are the way back."
            )
        if report.invalid_indexes:
            self.repair_button.setEnabled(may_repair)
            self.repair_button.setToolTip(self.repair_tip if may_repair else why_not)
            self.repair_button.show()
        self.checked.emit(report)

    @Slot(object)
    def _show_failure(self, error: object) -> None:
        for key in self.marks:
            self._show(key, None, "Not checked")
        self._busy(False, f"The check could not run: {_one_line(error)}")

    @Slot(object)
    def _repair_failed(self, error: object) -> None:
        """What was found stays shown, with the repair to try again."""
        self._busy(False, f"The repair could not run: {_one_line(error)}")
        self.repair_button.show()

    def _show_references(self, broken: list[str]) -> None:
        """Records pointing at records that do not exist (the first few), on a file or server."""
        self._show(
            "references",
            not broken,
            "Every record points at records that exist." if not broken else "; ".join(broken[:5]),
        )

    def _show(self, key: str, good: bool | None, text: str) -> None:
        mark = self.marks[key]
        mark.setText(UNKNOWN_MARK if good is None else OK_MARK if good else BAD_MARK)
        mark.setProperty("state", "unknown" if good is None else "good" if good else "bad")
        mark.style().unpolish(mark)
        mark.style().polish(mark)
        self.texts[key].setText(text)

    # -- repairing ------------------------------------------------------------------------

    @Slot()
    def repair(self) -> None:
        """Rebuild the search index (a file) or the indexes the server stopped using."""
        if self._running:
            return
        project, on_server = self.project, self.on_server
        self._busy(
            True,
            "Rebuilding the indexes the server stopped using…"
            if on_server
            else "Rebuilding the search index from the claims…",
        )
        self.repair_button.hide()

        def work(context: OpContext) -> None:
            if on_server:
                from claimtracker.store.server_check import repair_indexes

                context.progress(0, 0, "Rebuilding the server's indexes…")
                repair_indexes(project.store)
                return
            from claimtracker.safety.integrity import repair_index

            context.progress(0, 0, "Repairing the search index…")
            repair_index(project.store)

        task = WriteOp("Repairing the indexes…", work)
        task.signals.succeeded.connect(self._repaired)
        task.signals.failed.connect(self._repair_failed)
        self.tasks.start(task)

    @Slot(object)
    def _repaired(self, _result: object) -> None:
        self._busy(False, "")
        if not self.on_server:  # a server's REINDEX changes no search result
            self.indexRepaired.emit()
        self.start()


def _one_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
