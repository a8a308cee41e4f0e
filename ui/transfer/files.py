"""File work: new and open projects, the sample, importing articles and CSV, exporting CSV.

Dialogs run here on the GUI thread; reading, writing and parsing run as background tasks
(``ui.runtime.ops``) with progress and Cancel, and their changes reach the undo stack when done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from claimtracker.errors import ArticleImportError, ClaimTrackerError
from claimtracker.paths import user_data_dir
from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.vocabulary import MARKINGS
from ui.claims.editing import Editing
from ui.runtime.hub import Hub
from ui.runtime.ops import Cancelled, OpContext, Runner, WriteOp
from ui.runtime.project import Project
from ui.settings import Settings
from ui.sources.commands import CorrectedArticle, CorrectionsCommand, SourceVersions
from ui.transfer.commands import ImportArticlesCommand, ImportCsvCommand, ImportedArticle
from ui.transfer.exported_notice import ExportedNotice
from ui.transfer.going_out import may_go_out

if TYPE_CHECKING:
    from claimtracker.csvio import ImportSummary
    from ui.transfer.export_dialog import ExportRequest

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".mdown", ".html", ".htm", ".xhtml", ".pdf"}
)
DATABASE_SUFFIXES = frozenset({".db", ".sqlite", ".sqlite3", ".claims"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.xhtml *.pdf);;All files (*)"
DATABASE_FILTER = "ClaimTracker databases (*.db *.sqlite *.sqlite3 *.claims);;All files (*)"
SAMPLE_DATABASE_NAME = "Sample project.db"


def kind_of(path: Path) -> str | None:
    """ "database", "article" or "csv" by a dropped file's name."""
    suffix = path.suffix.lower()
    if suffix in DATABASE_SUFFIXES:
        return "database"
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return None


def sample_project_path() -> Path:
    return user_data_dir() / SAMPLE_DATABASE_NAME


@dataclass
class ArticleImportResult:
    imported: list[ImportedArticle] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Corrected versions of known articles that replaced their text (also in ``imported``).
    corrected: list[CorrectedArticle] = field(default_factory=list)

    @property
    def created(self) -> list[ImportedArticle]:
        return [item for item in self.imported if item.created]


def import_articles_work(
    project: Project, paths: list[Path], result: ArticleImportResult | None = None
) -> Callable[[OpContext], ArticleImportResult]:
    """The task body: read each file (parsing off the GUI thread), store it in one transaction.

    Cancel stops before the next file, after reading a file, and before its transaction
    commits: each file is imported whole or not at all. ``result`` (filled as files are
    imported) tells a cancelled import's caller what was kept.

    A different text at the URL of a known article is its corrected version: it replaces that
    source's text and the claims are placed again (``import_article_version``). The text and
    anchors before and after are kept, so that the import can be undone.
    """

    def work(context: OpContext) -> ArticleImportResult:
        from claimtracker.articles import read_article
        from claimtracker.safety.backup import backup_if_changed
        from claimtracker.services.revisions import (
            find_earlier_version,
            import_article_version,
            text_version,
        )

        done_so_far = result if result is not None else ArticleImportResult()
        backed_up = False
        for number, path in enumerate(paths):
            context.check()
            context.progress(number, len(paths), f"Importing {path.name}…")
            try:
                article = read_article(path)
                context.check()
                if not backed_up and project.path is not None:  # promised before an import
                    context.progress(number, len(paths), "Backing up before the import…")
                    backup_if_changed(project.path, reason="before-import")
                    backed_up = True
                with project.write() as session:
                    earlier = find_earlier_version(
                        session=session, url=article.url, text=article.text
                    )
                    before = (
                        text_version(session=session, source_id=earlier.id)
                        if earlier is not None and earlier.id is not None
                        else None
                    )
                    done = import_article_version(session=session, article=article, origin=path)
                    source_id = int(done.source.id or 0)
                    corrected = None
                    if done.outcome == "corrected" and before is not None and done.report:
                        corrected = CorrectedArticle(
                            source_id=source_id,
                            title=done.source.title or path.stem,
                            origin=path.name,
                            before=before,
                            after=text_version(session=session, source_id=source_id),
                            placed=dict(done.report.placed),
                            orphans=dict(done.report.orphans),
                        )
                    context.check()  # raising here rolls this file's transaction back
            except ClaimTrackerError as error:
                done_so_far.failed.append((path.name, str(error)))
                continue
            except OSError as error:
                done_so_far.failed.append((path.name, error.strerror or str(error)))
                continue
            title = article.title or path.stem
            created = done.outcome == "new"
            done_so_far.imported.append(ImportedArticle(source_id, created, title, path.name))
            if corrected is not None:
                done_so_far.corrected.append(corrected)
        context.progress(len(paths), len(paths), "Imported")
        return done_so_far

    return work


class FileOperations(QObject):
    """Opens projects and runs imports and exports for the window (``parent_widget``)."""

    #: Open this database file.
    openRequested = Signal(str)
    #: Articles were imported: the source to show (0 for none).
    articlesImported = Signal(int)
    #: After ``articlesImported``: what the import did (an ``ArticleImportResult``).
    importFinished = Signal(object)

    def __init__(
        self,
        parent_widget: QWidget,
        settings: Settings,
        hub: Hub,
        editing: Editing,
        tasks: Runner,
        project: Callable[[], Project | None],
    ) -> None:
        super().__init__(parent_widget)
        self._window = parent_widget
        self._settings = settings
        self._hub = hub
        self._editing = editing
        self._tasks = tasks
        self._project = project
        #: Each source's version after our last change to it, shared by the commands that
        #: change sources (corrections here, details in ``ui.sources.source_tools``).
        self.source_versions = SourceVersions()
        #: The notice of the last export (Open, Show in Folder), while it is shown.
        self.exported_notice: ExportedNotice | None = None

    # -- projects -------------------------------------------------------------------------

    def _folder(self) -> str:
        folder = Path(self._settings.last_folder)
        return str(folder if folder.is_dir() else Path.home())

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._window, "New project", str(Path(self._folder()) / "claims.db"), DATABASE_FILTER
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in DATABASE_SUFFIXES:
            target = target.with_suffix(".db")
        if target.exists():
            QMessageBox.warning(
                self._window,
                "New project",
                f"{target.name} already exists. Choose another name, or open it with Open Project.",
            )
            return
        self._settings.last_folder = str(target.parent)
        self.openRequested.emit(str(target))

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, "Open project", self._folder(), DATABASE_FILTER
        )
        if path:
            self._settings.last_folder = str(Path(path).parent)
            self.openRequested.emit(path)

    def open_sample(self) -> None:
        """Open the sample project, building it in the data folder the first time."""
        path = sample_project_path()

        def work(context: OpContext) -> str:
            from claimtracker.sample import build_sample
            from claimtracker.store import Store

            context.progress(0, 1, "Building the sample project…")
            with Store.open(path) as store:
                build_sample(store)
            return str(path)

        task = WriteOp("Building the sample project…", work)
        built: list[str] = []
        task.signals.succeeded.connect(built.append)
        task.signals.failed.connect(lambda error: self._fail(error, "Opening the sample project"))
        # Opened once the task is over (opening a project waits for running tasks).
        self._tasks.start(task, after=lambda: self._open_built(built))

    def _open_built(self, built: list[str]) -> None:
        if built:
            self.openRequested.emit(built[0])

    # -- articles -------------------------------------------------------------------------

    def choose_articles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self._window, "Import articles", self._folder(), ARTICLE_FILTER
        )
        if paths:
            self._settings.last_folder = str(Path(paths[0]).parent)
            self.import_articles([Path(p) for p in paths])

    def import_articles(self, paths: list[Path]) -> WriteOp | None:
        project = self._project()
        if project is None or not paths:
            return None
        title = (
            f"Importing {paths[0].name}…"
            if len(paths) == 1
            else f"Importing {len(paths)} articles…"
        )
        kept = ArticleImportResult()
        task = WriteOp(
            title,
            import_articles_work(project, paths, kept),
            if_cancelled="Articles already imported stay in the project (Undo removes them); "
            "the article being read is not saved.",
        )
        task.signals.succeeded.connect(lambda result: self._articles_done(project, result))
        task.signals.failed.connect(lambda error: self._fail(error, "Importing articles"))
        task.signals.cancelled.connect(lambda: self._articles_done(project, kept, cancelled=True))
        return self._tasks.start(task)

    def _articles_done(
        self, project: Project, result: ArticleImportResult, *, cancelled: bool = False
    ) -> None:
        if project is not self._project():
            return
        if cancelled:
            kept = len(result.imported)
            self._hub.statusMessage.emit(
                f"Import cancelled; {kept} article{'s' if kept != 1 else ''} imported before "
                "it stopped are kept",
                10000,
            )
            if not kept:
                return
            self._record_articles(result)
            self.articlesImported.emit(result.imported[-1].source_id)
            self.importFinished.emit(result)
            return
        self._record_articles(result)
        created = len(result.created)
        known = len(result.imported) - created - len(result.corrected)
        parts = [f"Imported {created} article{'s' if created != 1 else ''}"]
        if result.corrected:
            from ui.sources.correction_report import correction_summary

            parts.append(correction_summary(result.corrected))
        if known:
            parts.append(f"{known} already in the project")
        if result.failed:
            parts.append(f"{len(result.failed)} could not be read")
        self._hub.statusMessage.emit("; ".join(parts), 10000)
        if result.failed:
            details = "\n".join(f"• {name}: {reason}" for name, reason in result.failed)
            QMessageBox.warning(
                self._window,
                "Some articles were not imported",
                f"These files could not be imported; nothing from them was saved:\n\n{details}",
            )
        if result.corrected:
            from ui.sources.correction_report import show_correction_report

            show_correction_report(self._window, result.corrected)
        if result.imported:
            self.articlesImported.emit(result.imported[-1].source_id)
        self.importFinished.emit(result)

    def _record_new_articles(self, imported: list[ImportedArticle]) -> None:
        """Put finished article imports on the undo stack (they are already saved)."""
        if self._project() is None or not any(item.created for item in imported):
            return
        self._editing.record(ImportArticlesCommand(self._editing.context, imported))

    def _record_articles(self, result: ArticleImportResult) -> None:
        """New sources and corrected texts reach the undo stack as one step (already saved)."""
        if not result.corrected:
            self._record_new_articles(result.imported)
            return
        stack = self._editing.undo_stack
        macro = bool(result.created)
        if macro:
            stack.beginMacro(f"Import {len(result.created) + len(result.corrected)} articles")
        try:
            self._record_new_articles(result.imported)
            self._editing.record(
                CorrectionsCommand(self._editing.context, self.source_versions, result.corrected)
            )
        finally:
            if macro:
                stack.endMacro()

    # -- CSV export -----------------------------------------------------------------------

    def export_csv(
        self,
        claim_filter: ClaimFilter,
        order: ClaimOrder,
        *,
        matching: int | None,
        total: int | None,
        report: str = "claims",
        suggested_name: str | None = None,
    ) -> None:
        # The CSV modules import the ORM: only when the user asks for them.
        from ui.transfer.export_dialog import ExportDialog

        dialog = ExportDialog(
            self._settings,
            claim_filter,
            matching=matching,
            total=total,
            report=report,
            suggested_name=suggested_name,
            parent=self._window,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        request = dialog.request()
        dialog.deleteLater()
        if accepted:
            self.export_within_markings(request, order)

    def export_within_markings(self, request: ExportRequest, order: ClaimOrder) -> WriteOp | None:
        """Export; when nothing is left out and the claims going out are marked AMBER or
        above, only once the analyst has said they may go (checked on a worker)."""
        if not request.leaves_nothing_out:
            return self.run_export(request, order)
        project = self._project()
        if project is None:
            return None

        def work(_context: OpContext) -> str | None:
            from claimtracker.query import highest_marking_of

            with project.store.raw() as connection:
                return highest_marking_of(connection, request.claim_filter)

        task = WriteOp("Checking the markings of the claims to export…", work)
        task.signals.succeeded.connect(
            lambda marking: self._export_if_let_go(request, order, marking)
        )
        task.signals.failed.connect(lambda error: self._fail(error, "Exporting CSV"))
        return self._tasks.start(task)

    def _export_if_let_go(
        self, request: ExportRequest, order: ClaimOrder, marking: str | None
    ) -> None:
        if may_go_out(
            self._window,
            marking,
            unasked_up_to="green",
            title="Marked claims in the export",
            question=f"The export holds claims marked up to {MARKINGS.label(marking)}, and "
            "you chose to leave nothing out. Export them anyway?",
        ):
            self.run_export(request, order)
        else:
            self._hub.statusMessage.emit("Export not made; no file was written", 6000)

    def run_export(self, request: ExportRequest, order: ClaimOrder) -> WriteOp | None:
        project = self._project()
        if project is None:
            return None

        def work(context: OpContext) -> tuple[int, Path]:
            from claimtracker.csvio import ExportCancelled, export_csv

            context.progress(0, 0, f"Exporting to {request.path.name}…")
            try:
                with project.store.raw() as connection:
                    result = export_csv(
                        connection,
                        request.path,
                        report=request.report,
                        claim_filter=request.claim_filter,
                        columns=request.columns,
                        order=order,
                        bom=request.bom,
                        progress=context.progress,
                    )
            except ExportCancelled:
                raise Cancelled from None
            return result.rows, request.path

        task = WriteOp(f"Exporting {request.path.name}…", work, if_cancelled="No file is written.")
        task.signals.succeeded.connect(lambda result: self._exported(*result))
        task.signals.failed.connect(lambda error: self._fail(error, "Exporting CSV"))
        task.signals.cancelled.connect(
            lambda: self._hub.statusMessage.emit("Export cancelled; no file was written", 6000)
        )
        return self._tasks.start(task)

    def _exported(self, rows: int, path: Path) -> None:
        """Say where the report went, with the file and its folder one click away."""
        message = f"Exported {rows:,} row{'s' if rows != 1 else ''} to {path}"
        self._hub.statusMessage.emit(message, 10000)
        self.exported_notice = ExportedNotice(path, message, self._window)
        self.exported_notice.open()

    # -- CSV import -----------------------------------------------------------------------

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            "Import CSV",
            self._folder(),
            "CSV files (*.csv *.tsv *.txt);;All files (*)",
        )
        if path:
            self._settings.last_folder = str(Path(path).parent)
            self.import_csv(Path(path))

    def import_csv(self, path: Path) -> None:
        project = self._project()
        if project is None:
            return
        from ui.transfer.import_csv_dialog import ImportCsvDialog

        dialog = ImportCsvDialog(project, path, self._window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        options = dialog.options()
        dialog.deleteLater()
        if accepted:
            self.run_csv_import(project, path, options)

    def run_csv_import(self, project: Project, path: Path, options: object) -> WriteOp:
        from claimtracker.csvio import CsvImportOptions

        assert isinstance(options, CsvImportOptions)

        def work(context: OpContext) -> object:
            from claimtracker.csvio import ImportCancelled, import_csv
            from claimtracker.safety.backup import backup_before_import

            if project.store.path is not None:  # a server's backups are its administrator's
                context.progress(0, 0, "Backing up before the import…")
                backup_before_import(project.store)
            context.progress(0, 0, f"Importing {path.name}…")
            try:
                return import_csv(project.store, path, options, progress=context.progress)
            except ImportCancelled:
                raise Cancelled from None

        task = WriteOp(
            f"Importing {path.name}…", work, if_cancelled="Nothing from the CSV file is saved."
        )
        task.signals.succeeded.connect(lambda summary: self._csv_done(project, path, summary))
        task.signals.failed.connect(lambda error: self._fail(error, f"Importing {path.name}"))
        task.signals.cancelled.connect(
            lambda: self._hub.statusMessage.emit("CSV import cancelled; nothing was saved", 6000)
        )
        return self._tasks.start(task)

    def _csv_done(self, project: Project, path: Path, summary: ImportSummary) -> None:
        from claimtracker.csvio.undo import ImportStep

        if project is not self._project():
            return
        project.changed(summary.changes)
        self._hub.statusMessage.emit(summary.describe(), 10000)
        if not summary.changes.empty:
            created = len(summary.created_claims)
            text = (
                f"Import {created:,} claims from {path.name}" if created else f"Import {path.name}"
            )
            step = ImportStep(summary.changes, summary.new_tag_ids)
            self._editing.record(ImportCsvCommand(self._editing.context, text, step))

    def _fail(self, error: object, action: str) -> None:
        from ui.errors import show_error

        if isinstance(error, BaseException):
            if isinstance(error, ArticleImportError | ClaimTrackerError):
                show_error(self._window, error, action=action)
            else:
                show_error(self._window, error)
