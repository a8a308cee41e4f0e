"""The main window: composes the panes, owns the project's lifecycle, wires widgets together.

All cross-widget connections are made in :meth:`MainWindow._connect` (one block). Panes do not
know each other; they emit requests ("open this source", "select this claim") and the hub's
signals say what changed in the data.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from claimtracker.errors import ClaimTrackerError, DatabaseDamagedError
from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.server.address import TeamAddress, is_server_url
from claimtracker.vocabulary import ATTRIBUTIONS, STATUSES
from ui import theme
from ui.actions import Actions, name_step
from ui.claims.claims_table import ClaimsTableModel
from ui.claims.claims_view import ClaimsView
from ui.claims.columns import COLUMNS
from ui.claims.detail_pane import DetailPane
from ui.claims.editing import Editing
from ui.claims.empty_table import describe_empty_table
from ui.claims.filter_bar import FilterBar
from ui.claims.library import LibraryEntry
from ui.claims.library_loader import LibraryLoader
from ui.claims.sidebar import Sidebar
from ui.common.choice_popup import Entry
from ui.common.screen_fit import fit_on_screen, keep_on_screen_when_shown
from ui.errors import show_error
from ui.help_dialogs import ShortcutsDialog, UserGuide, show_about
from ui.icons import app_icon
from ui.menus import build_menus
from ui.runtime.hub import Hub
from ui.runtime.ops import Runner
from ui.runtime.project import Project
from ui.safety.backups import Backups
from ui.safety.features import SafetyParts, install_safety
from ui.settings import Settings
from ui.status_bar import StatusBar
from ui.transfer.files import FileOperations, kind_of
from ui.window_panes import WindowPanes, detail_width
from ui.window_shortcuts import WindowShortcuts

if TYPE_CHECKING:
    from claimtracker.journal.changes import ChangeSet
    from ui.claims.side_by_side.window import SideBySideWindow
    from ui.sources.reader.source_reader import SourceReader

log = logging.getLogger(__name__)

#: Rows of claims kept in sight when the reader opens below the table in a short window...
TABLE_ROWS_KEPT = 6
#: ...while the reader keeps at least this height (its header and a few lines of text).
READER_HEIGHT_KEPT = 200


class MainWindow(QMainWindow):
    #: The first rows of a project are on screen (work that can wait starts after it).
    firstRowsShown = Signal()
    #: The Store finished opening in the background (the error, or None).
    storeOpened = Signal(object)

    def __init__(self, settings: Settings, *, hub: Hub | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.settings = settings
        self.hub = hub or Hub(self)
        self.project: Project | None = None
        self._started: Project | None = None
        self._waiting_for_ids: Project | None = None

        self.undo_stack = QUndoStack(self)
        self.editing = Editing(self.hub, self.undo_stack, self)
        #: The one runner of this window's background work (reads, writes, calls).
        self.ops = Runner(self)
        self.act = Actions.create(self)
        a = self.act
        commands = [a.import_articles, a.export_csv, a.new_claim, a.open_reader, a.link_counter]
        commands += [a.side_by_side, a.suggest_claims, a.clear_filters]
        self._window_shortcuts = WindowShortcuts(self, commands)
        self.files = FileOperations(
            self, settings, self.hub, self.editing, self.ops, lambda: self.project
        )
        self.backups = Backups(self.ops, lambda: self.project, self)

        self.filter_bar = FilterBar()
        self.claims = ClaimsTableModel(self)
        self.table = ClaimsView(self.claims)
        self.sidebar = Sidebar()
        self.library = LibraryLoader(
            self.sidebar.model,
            self.ops,
            lambda: self.project,
            lambda: self.sidebar.search_text,
            self,
        )
        self.detail = DetailPane(
            self.editing,
            link_action=self.act.link_counter,
            compare_action=self.act.side_by_side,
            reader_action=self.act.open_reader,
            delete_action=self.act.delete,
        )
        self.reader_area = QWidget()
        self.reader_area.setObjectName("ReaderArea")
        self.reader_layout = QVBoxLayout(self.reader_area)
        self.reader_layout.setContentsMargins(0, 0, 0, 0)
        self.reader_area.hide()
        self._reader: SourceReader | None = None
        self._side_by_side: SideBySideWindow | None = None
        self._user_guide: UserGuide | None = None
        #: The filter changed and its query has not finished yet.
        self._filter_just_changed = False
        self._history: QDockWidget | None = None
        self.status = StatusBar(self.ops)
        self.setStatusBar(self.status)

        self._build_layout()
        menus = build_menus(self, self.act)
        self.recent_menu, self.columns_menu, self.toolbar = (
            menus.recent,
            menus.columns,
            menus.toolbar,
        )
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.columns_menu.aboutToShow.connect(
            lambda: self.table.fill_column_menu(self.columns_menu)
        )
        self._connect()
        self._restore_settings()
        self.table.set_empty_messages(
            lambda: describe_empty_table(
                project_open=self.project is not None,
                showing_trash=self.filter_bar.showing_trash,
                filtering=self.filter_bar.is_filtering(),
                open_project=self.files.open_project,
                new_project=self.files.new_project,
                open_sample=self.files.open_sample,
                import_articles=self.files.choose_articles,
                clear_filters=self.filter_bar.clear,
                connecting=self.team.connecting.describe() if self.team.connecting else None,
            )
        )
        self.team.connectingChanged.connect(self.table.refresh_empty_state)
        self._update_actions()
        self._update_title()
        self.table.setFocus()

    # == Layout ===============================================================================

    def _build_layout(self) -> None:
        table_area = QWidget()
        table_area.setObjectName("TableArea")
        table_layout = QVBoxLayout(table_area)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.setSpacing(0)
        table_layout.addWidget(self.filter_bar)
        table_layout.addWidget(self.table, 1)
        self._table_layout = table_layout
        self.center_splitter = QSplitter(Qt.Orientation.Vertical)
        self.center_splitter.setObjectName("CenterSplitter")
        self.center_splitter.addWidget(table_area)
        self.center_splitter.addWidget(self.reader_area)
        self.center_splitter.setChildrenCollapsible(False)
        self.center_splitter.setStretchFactor(0, 3)
        self.center_splitter.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("MainSplitter")
        self.main_splitter.addWidget(self.sidebar)
        self.main_splitter.addWidget(self.center_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([230, 820])
        self.center_splitter.setSizes([480, 420])
        self.sidebar.setMinimumWidth(140)
        self.setCentralWidget(self.main_splitter)
        # The claim editor docks on the right, where the tool panels (the assistant, the undo
        # history) join it: beside it in a wide window, as its tabs in a narrow one.
        self.detail_dock = QDockWidget("Claim", self)
        self.detail_dock.setObjectName("ClaimDock")
        self.detail_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.detail_dock.setTitleBarWidget(QWidget(self.detail_dock))  # a pane, not a window
        self.detail_dock.setWidget(self.detail)
        self.detail.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)
        self.panes = WindowPanes(self, self.detail_dock, self.sidebar, self.act.show_sidebar)

    def add_notice(self, bar: QWidget) -> None:
        """A bar above the filter bar that speaks about the whole project (shown by its owner)."""
        self._table_layout.insertWidget(0, bar)

    # == Wiring (every cross-widget connection is here) ========================================

    def _connect(self) -> None:
        a, hub = self.act, self.hub
        # Files
        a.new_project.triggered.connect(self.files.new_project)
        a.open_project.triggered.connect(self.files.open_project)
        a.open_sample.triggered.connect(self.files.open_sample)
        a.import_articles.triggered.connect(self.files.choose_articles)
        a.import_csv.triggered.connect(self.files.choose_csv)
        a.export_csv.triggered.connect(self.export_csv)
        a.export_report.triggered.connect(self.export_report)
        a.backups.triggered.connect(self.show_backups)
        self.backups.backedUp.connect(
            lambda name: self.status.showMessage(f"Backed up ({name})", 5000)
        )
        self.backups.failed.connect(
            lambda message: self.status.showMessage(f"The backup failed: {message}", 15000)
        )
        self.storeOpened.connect(self._on_store_opened)
        a.quit.triggered.connect(self.close)
        self.files.openRequested.connect(self.open_project)
        self.files.articlesImported.connect(self._on_articles_imported)
        # Editing
        self.undo_stack.canUndoChanged.connect(a.undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(a.redo.setEnabled)
        # The menu says what will be undone; the toolbar keeps its short label (a long text
        # would push other buttons out of the toolbar) and says it in its tooltip.
        self.undo_stack.undoTextChanged.connect(lambda text: name_step(a.undo, "Undo", text))
        self.undo_stack.redoTextChanged.connect(lambda text: name_step(a.redo, "Redo", text))
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.new_claim.triggered.connect(self.new_claim)
        a.delete.triggered.connect(self.delete_selected)
        a.restore.triggered.connect(self.restore_selected)
        a.empty_trash.triggered.connect(self.empty_trash)
        a.find.triggered.connect(self.filter_bar.focus_search)
        a.preferences.triggered.connect(self.show_preferences)
        a.reload.triggered.connect(self.hub.reload_everything)
        a.clear_filters.triggered.connect(self.filter_bar.clear)
        a.open_reader.triggered.connect(self.open_current_in_reader)
        a.link_counter.triggered.connect(self.link_counter_claim)
        a.side_by_side.triggered.connect(self.show_side_by_side)
        self.editing.errorRaised.connect(
            lambda error, action: show_error(self, error, action=action)
        )
        # Data safety: history, changes made elsewhere, stale edits, trash, checks (ui.safety)
        self.safety = install_safety(
            SafetyParts(
                window=self,
                hub=hub,
                editing=self.editing,
                undo_stack=self.undo_stack,
                ops=self.ops,
                project=lambda: self.project,
                claims=self.claims,
                table=self.table,
                detail=self.detail,
                add_notice=self.add_notice,
                reader_text=lambda: self.reader.text if self.reader_area.isVisible() else None,
                side_by_side=a.side_by_side,
                empty_trash=a.empty_trash,
                restore=a.restore,
                backups=a.backups,
                show_status=self.status.showMessage,
                open_project=self.open_project,
                choose_project=self.files.open_project,
                show_backups=self.show_backups,
            )
        )
        self.sidebar.historyRequested.connect(self.safety.history.show)
        self.storeOpened.connect(self.safety.on_store_opened)
        # Team projects: opening one, live changes, the server going away, roles (ui.team)
        from ui.team.features import TeamParts, install_team

        self.team = install_team(
            TeamParts(
                window=self,
                hub=hub,
                ops=self.ops,
                project=lambda: self.project,
                external=self.safety.external,
                pending=self.safety.pending,
                editor=self.detail.editor,
                add_notice=self.add_notice,
                show_opened=self.show_opened_project,
                show_status=self.status.showMessage,
                add_status_widget=self.status.addPermanentWidget,
                show_folding=self.claims.set_folding,
                open_project=a.open_project,
                edit_actions=(
                    a.new_claim,
                    a.delete,
                    a.restore,
                    a.import_articles,
                    a.import_csv,
                    a.link_counter,
                    a.suggest_claims,
                    a.edit_source,
                ),
                empty_trash=a.empty_trash,
            )
        )
        # View
        a.show_detail.toggled.connect(self._set_detail_visible)
        a.show_reader.toggled.connect(self._set_reader_visible)
        a.show_history.toggled.connect(self._set_history_visible)
        a.theme_system.triggered.connect(lambda: self.set_theme("system"))
        a.theme_light.triggered.connect(lambda: self.set_theme("light"))
        a.theme_dark.triggered.connect(lambda: self.set_theme("dark"))
        a.user_guide.triggered.connect(self.show_user_guide)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)
        # Filter bar → table
        self.filter_bar.filterChanged.connect(self._on_filter_changed)
        # Table → panes
        self.table.currentClaimChanged.connect(self._on_current_claim)
        self.table.selectionChangedIds.connect(self._on_selection)
        self.table.claimActivated.connect(lambda claim_id: self.open_current_in_reader())
        self.table.contextMenuRequested.connect(self._table_menu)
        self.table.addAction(a.delete)
        a.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.claims.loadingChanged.connect(lambda _loading: self._update_matches())
        self.claims.queryFinished.connect(self._on_query_finished)
        self.claims.queryFailed.connect(self._on_query_failed)
        self.claims.rowsInserted.connect(lambda *_: self._update_matches())
        self.claims.rowsRemoved.connect(lambda *_: self._update_matches())
        self.claims.rowsReplaced.connect(self._on_rows_replaced)
        # Sidebar
        self.sidebar.entryChosen.connect(self._on_sidebar_entry)
        self.sidebar.openSourceRequested.connect(lambda source_id: self.open_reader(source_id))
        self.sidebar.searchChanged.connect(lambda _text: self.library.load_lists())
        self.library.listsLoaded.connect(self._restore_sidebar_selection)
        self.library.totalsChanged.connect(self._on_totals_changed)
        # Detail pane
        self.detail.claimRequested.connect(self.select_claim)
        self.detail.openSourceRequested.connect(self.open_reader)
        self.detail.bulkEditRequested.connect(self._bulk_edit)
        # Hub: what changed in the data
        hub.changed.connect(self._on_changed)
        hub.statusMessage.connect(self.status.showMessage)
        # Tasks
        self.ops.busyChanged.connect(lambda _busy: self._update_actions())
        # The assistant's panel, claims to place, source details: wired in ui.sources.source_tools
        from ui.sources.source_tools import SourceToolsParts, install_source_tools

        self.source_tools = install_source_tools(
            SourceToolsParts(
                window=self,
                hub=hub,
                editing=self.editing,
                project=lambda: self.project,
                source_versions=self.files.source_versions,
                panes=self.panes,
                reader_area=self.reader_area,
                suggest_claims=a.suggest_claims,
                show_assistant=a.show_assistant,
                edit_source=a.edit_source,
                show_status=self.status.showMessage,
                select_claim=self.select_claim,
                open_reader=self.open_reader,
                open_current_in_reader=self.open_current_in_reader,
            )
        )
        self.sidebar.editSourceRequested.connect(self.source_tools.edit_source)
        self.files.importFinished.connect(
            lambda result: self.source_tools.offer_assistant(
                [item.source_id for item in result.created]
            )
        )
        # The claim network, the timeline and echoes: wired in ui.dispute
        from ui.dispute.features import DisputeParts, install_dispute

        self.dispute = install_dispute(
            DisputeParts(
                window=self,
                hub=hub,
                editing=self.editing,
                ops=self.ops,
                project=lambda: self.project,
                detail=self.detail,
                claim_filter=self.filter_bar.claim_filter,
                show_history=a.show_history,
                side_by_side=a.side_by_side,
                select_claim=self.select_claim,
                open_reader=self.open_reader,
            )
        )
        self.filter_bar.filterChanged.connect(self.dispute.set_filter)
        # Merging another copy of the project, and settling its conflicts: wired in ui.merging
        from ui.merging.features import MergeParts, install_merging

        self.merging = install_merging(
            MergeParts(
                window=self,
                hub=hub,
                editing=self.editing,
                ops=self.ops,
                project=lambda: self.project,
                import_csv=a.import_csv,
                side_by_side=a.side_by_side,
                select_claim=self.select_claim,
                show_status=self.status.showMessage,
                last_folder=lambda: self.settings.last_folder,
                store_opened=self.storeOpened,
            )
        )

    # == The project ===========================================================================

    def open_project(self, path: str) -> bool:
        """Open (or create) the database ``path`` in this window; False if it cannot be used.

        A team server's URL opens through :attr:`team` (which asks for what is missing).
        """
        if is_server_url(path):
            return self.team.open_url(path)
        if self.ops.busy and not self._stop_tasks():
            return False
        try:
            project = Project.open(path)
        except ClaimTrackerError as error:
            if isinstance(error, DatabaseDamagedError):
                return self.safety.recover_damaged(error, path)
            show_error(self, error, action=f"Opening {Path(path).name}")
            self.settings.remove_recent_file(str(Path(path).expanduser().resolve()))
            return False
        self.close_project()
        self._show_project(project)
        return True

    def show_opened_project(self, project: Project) -> bool:
        """Show a project opened elsewhere (a team project); False, and closed, if the window
        cannot let go of the current one (a task the user did not stop)."""
        if self.ops.busy and not self._stop_tasks():
            project.close()
            return False
        self.close_project()
        self._show_project(project)
        return True

    def _show_project(self, project: Project) -> None:
        self.project = project
        project.announce = self.hub.announce  # the single write path tells the hub
        self.editing.set_project(project)
        self.filter_bar.set_project(project)
        self.detail.set_project(project)
        if self._reader is not None:
            self._reader.set_project(project)
        self.library.reset()
        self.claims.set_query(self.filter_bar.claim_filter(), self.claims.order)
        self.claims.set_project(project, defer_stream=True)
        self.settings.last_database = project.target
        self.settings.add_recent_file(project.target)
        self.status.database.setText(project.location)
        self._update_title()
        self._update_actions()
        self.hub.projectOpened.emit(project)
        # The first rows are painted first; then the rest of the ids stream in, and then the
        # ORM, the sidebar and the counts load (each would slow the one before it).
        self._started = project
        self.table.after_next_paint(self._after_first_paint)
        QTimer.singleShot(400, self._after_first_paint)  # if nothing is painted (hidden window)

    def _after_first_paint(self) -> None:
        project = self.project
        if project is None or self._started is not project:
            return
        self._started = None
        if self.claims.rowCount():
            self.firstRowsShown.emit()
        self.claims.resume()
        if self.claims.loading:
            self._waiting_for_ids = project
        else:
            self._after_first_ids()

    def _after_first_ids(self) -> None:
        project = self.project
        self._waiting_for_ids = None
        if project is None:
            return
        project.load_store_in_background(self.storeOpened.emit)
        self.library.load_lists()

    def _on_store_opened(self, error: object) -> None:
        """The Store checked the file and opened it: start the backups, or say what is wrong."""
        project = self.project
        if project is None:
            return
        if isinstance(error, DatabaseDamagedError) and project.path is not None:
            self.close_project(back_up=False)
            self.safety.recover_damaged(error, project.path)
            self.table.refresh_empty_state()
            return
        if isinstance(error, BaseException):
            show_error(self, error, action=f"Opening {project.display_name}")
            self.close_project(back_up=False)
            self.table.refresh_empty_state()
            return
        self.backups.start()
        self._warn_about_location(project)
        QTimer.singleShot(0, _freeze_startup_objects)

    def _warn_about_location(self, project: Project) -> None:
        from claimtracker.safety.location import location_warning

        if project.path is None:
            return
        message = location_warning(project.path)
        key = f"warned/{project.path}"
        if message is None or self.settings.flag(key, False):
            return
        self.settings.set_flag(key, True)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "A risky place for a database",
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def close_project(self, *, back_up: bool = True) -> None:
        project = self.project
        if project is None:
            return
        self.detail.flush()
        self.backups.stop()
        if back_up and project.store_loaded:
            self.status.showMessage("Backing up…")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.backups.back_up_now_blocking("close")
            finally:
                QApplication.restoreOverrideCursor()
        self.hub.projectClosing.emit()
        if self._side_by_side is not None:
            self._side_by_side.close()
        self.claims.stop()
        self.claims.set_project(None)
        self.ops.cancel_queries()
        self.ops.wait_for_reads()
        self.editing.set_project(None)
        self.detail.set_project(None)
        self.filter_bar.set_project(None)
        if self._reader is not None:
            self._reader.set_project(None)
            self._set_reader_visible(False)
        self.project = None
        project.announce = None
        project.close()
        self._update_title()
        self._update_actions()

    def _stop_tasks(self, wait_ms: int = 30_000) -> bool:
        """Ask whether to stop the running tasks (saying what stopping keeps); stop them."""
        from ui.runtime.shutdown import ask_to_stop

        if not ask_to_stop(self, self.ops.running()):
            return False
        self.ops.cancel_all()
        self.ops.wait(wait_ms)
        QApplication.processEvents()
        return True

    # == The sidebar's selection follows the filter ==========================================

    def _on_totals_changed(self) -> None:
        self._update_matches()
        self.table.refresh_empty_state()

    def _restore_sidebar_selection(self) -> None:
        current = self.filter_bar.claim_filter()
        if current.trash == "trash":
            self.sidebar.select_entry("trash", 0)
        elif len(current.source_ids) == 1 and not current.speaker_ids:
            self.sidebar.select_entry("source", current.source_ids[0])
        elif len(current.speaker_ids) == 1 and not current.source_ids:
            self.sidebar.select_entry("actor", current.speaker_ids[0])
        elif current.is_empty:
            self.sidebar.select_entry("all", 0)
        else:
            self.sidebar.select_entry("none", 0)

    # == Reactions =============================================================================

    def _on_filter_changed(self, claim_filter: ClaimFilter) -> None:
        self._filter_just_changed = True
        self.claims.set_query(claim_filter)
        if self._reader is not None:
            self._reader.set_search(self.claims.search_marks)
        self._restore_sidebar_selection()
        self._update_actions()

    def _on_sidebar_entry(self, entry: LibraryEntry) -> None:
        bar = self.filter_bar
        bar.blockSignals(True)
        if entry.kind == "trash":
            bar.clear(emit=False)
            bar.set_trash(True)
        elif entry.kind == "all":
            bar.clear(emit=False)
        elif entry.kind == "source":
            bar.set_trash(False)
            bar.set_speakers([])
            bar.set_sources([Entry(entry.key, entry.label)])
        elif entry.kind == "actor":
            bar.set_trash(False)
            bar.set_sources([])
            bar.set_speakers([Entry(entry.key, entry.label)])
        bar.blockSignals(False)
        self._on_filter_changed(bar.claim_filter())

    def _on_current_claim(self, _claim_id: int) -> None:
        self._update_actions()

    def _on_selection(self, ids: list[int]) -> None:
        """The pane shows what is selected: one claim's editor, bulk actions, or a hint."""
        if len(ids) != 1 or ids[0] != self.detail.claim_id:
            self.detail.show_selection(ids)
        reader = self._reader
        row = self.detail.editor.row
        if reader is not None and row is not None and row.source_id == reader.source_id:
            reader.show_claim(row.id)
        self._update_actions()

    def _on_rows_replaced(self) -> None:
        claim_id = self.detail.claim_id
        if claim_id:
            self.table.blockSignals(True)
            self.table.select_claim(claim_id)
            self.table.blockSignals(False)
        self._update_matches()

    def _on_query_finished(self, _total: int) -> None:
        if self._waiting_for_ids is not None and self._waiting_for_ids is self.project:
            QTimer.singleShot(0, self._after_first_ids)
        claim_id = self.detail.claim_id
        if claim_id and self.claims.row_of(claim_id) is None and self._filter_just_changed:
            # The filter now hides the claim the panel showed: the panel follows the table
            # (what was typed in it is saved first).
            self.detail.flush()
            self.detail.show_selection([])
        elif claim_id and self.table.current_claim_id() != claim_id:
            self.table.blockSignals(True)
            self.table.select_claim(claim_id)
            self.table.blockSignals(False)
        self._filter_just_changed = False
        self._update_matches()

    def _on_query_failed(self, error: object) -> None:
        if self._waiting_for_ids is not None:
            QTimer.singleShot(0, self._after_first_ids)
        self.status.showMessage(f"The search failed: {error}", 8000)

    @Slot(object, object)
    def _on_changed(self, changes: ChangeSet, initiator: object) -> None:
        """Every view updates what changed, once (see ``ui.runtime.hub``)."""
        if self.project is None:
            return
        if not changes.complete:
            self._reload_everything()
            return
        updated = sorted(changes.updated_ids("claim"))
        moved = sorted(changes.created_ids("claim") | changes.deleted_ids("claim"))
        actors, sources = changes.touches("actor"), changes.touches("source")
        if updated:
            self.claims.refresh_claims(updated)
        if moved:
            self.claims.reconcile(moved)
        if actors or sources:
            # A speaker's reliability, a source's marking or outlet show on the claims' rows.
            self.claims.clear_cache()
        if actors:
            self.detail.editor.load_names()
        if actors or sources:
            self.library.load_lists()
        if updated or moved or sources:
            self.library.recount_soon()
        if moved:
            self._update_matches()
        shown = self.detail.claim_id
        if (
            actors
            or sources
            or shown in updated
            or shown in moved
            or shown in changes.opinion_claims
        ):
            self.detail.refresh(initiator)
        elif shown in changes.link_claims:
            self.detail.refresh_links()
        if sources:
            self._reopen_reader_source()
        elif updated or moved or actors:
            self._refresh_reader()
        if updated or moved or actors or changes.link_claims:
            self._refresh_comparison()

    def _reload_everything(self) -> None:
        self.claims.requery()
        self.library.load_lists()
        self.library.recount_soon()
        self.detail.refresh()
        self.detail.editor.load_names()
        self._reopen_reader_source()
        self._refresh_comparison()

    def _reopen_reader_source(self) -> None:
        if self._reader is not None and self._reader.source_id:
            try:
                self._reader.open_source(self._reader.source_id)
            except ClaimTrackerError:
                self._set_reader_visible(False)

    def _refresh_reader(self) -> None:
        if self._reader is not None and self._reader.source_id:
            self._reader.refresh_claims()

    def _refresh_comparison(self) -> None:
        if self._side_by_side is not None and self._side_by_side.isVisible():
            self._side_by_side.refresh()

    def _on_articles_imported(self, source_id: int) -> None:
        if source_id:
            self.open_reader(source_id)

    # == Commands the user gives ===============================================================

    def undo(self) -> None:
        self.detail.flush()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.detail.flush()
        self.undo_stack.redo()

    def new_claim(self) -> None:
        from claimtracker.schemas import ClaimCreate

        if self.project is None:
            return
        claim_id = self.editing.create_claim(ClaimCreate(text="New claim"))
        if claim_id:
            self._select_new_claim(claim_id)

    def _select_new_claim(self, claim_id: int) -> None:
        if not self.table.select_claim(claim_id):
            self.detail.show_claim(claim_id)
            self.status.showMessage(
                f"Claim #{claim_id} was created; the current filter hides it in the table", 8000
            )
        self.detail_dock.raise_()  # its tab in front, if it shares one with the assistant
        self.detail.focus_claim_text()

    def create_claim_at(self, source_id: int, start: int, end: int, quote: str) -> int | None:
        """A claim anchored at ``start``–``end`` of a source (from the reader's selection)."""
        from claimtracker.schemas import ClaimCreate

        claim_id = self.editing.create_claim(
            ClaimCreate(source_id=source_id, quote=quote, anchor_start=start, anchor_end=end)
        )
        if claim_id:
            self._select_new_claim(claim_id)
        return claim_id

    def delete_selected(self) -> None:
        if self.filter_bar.showing_trash:
            return
        ids = self.table.selected_ids()
        if ids:
            row = self.claims.row_of(ids[-1])
            if self.editing.delete_claims(ids) and row is not None:
                following = min(row - len(ids) + 1, self.claims.rowCount() - 1)
                if following >= 0:
                    self.table.select_claim(self.claims.claim_id(following))

    def restore_selected(self) -> None:
        ids = self.table.selected_ids()
        if ids and self.filter_bar.showing_trash:
            self.editing.restore_claims(ids)

    def empty_trash(self) -> None:
        """Delete everything in the trash, of every kind, for good (after a confirmation)."""
        self.safety.emptier.empty()

    def _bulk_edit(self, field: str, code: str) -> None:
        ids = self.table.selected_ids()
        if not ids or self.project is None:
            return
        from claimtracker.query import fetch_rows

        rows = fetch_rows(self.project.reader, ids)
        if len(rows) == 1:
            self.editing.set_fields(rows[0], {field: code})
            return
        label = field.replace("_", " ")
        self.undo_stack.beginMacro(f"Set {label} of {len(rows):,} claims")
        try:
            for row in rows:
                if not self.editing.set_fields(row, {field: code}):
                    break
        finally:
            self.undo_stack.endMacro()

    def select_claim(self, claim_id: int) -> None:
        """Select ``claim_id`` in the table; if the filter hides it, show it in the pane."""
        if not self.table.select_claim(claim_id):
            self.detail.show_claim(claim_id)
            self.status.showMessage(
                f"Claim #{claim_id} is not in the table with the current filter", 6000
            )

    def export_csv(self) -> None:
        self.files.export_csv(
            self.claims.claim_filter,
            self.claims.order,
            matching=self.claims.total,
            total=self.library.total_live,
        )

    def export_report(self) -> None:
        from ui.transfer.report_dialog import open_report_dialog

        if self.project is None:
            return
        self.report_dialog = open_report_dialog(
            self,
            connect=self.project.connect,
            runner=self.ops,
            settings=self.settings,
            claim_filter=self.claims.claim_filter,
            order=self.claims.order,
            current_claim_id=self.table.current_claim_id() or None,
        )

    def export_pairs(self, claim_filter: ClaimFilter, suggested_name: str) -> None:
        self.files.export_csv(
            claim_filter,
            ClaimOrder(),
            matching=None,
            total=self.library.total_live,
            report="pairs",
            suggested_name=suggested_name,
        )

    def show_backups(self) -> None:
        project = self.project
        if project is None or project.path is None:
            return
        from ui.safety.backups_dialog import BackupsDialog

        dialog = BackupsDialog(project.path, self)
        dialog.restoreRequested.connect(self.restore_backup)
        dialog.exec()
        dialog.deleteLater()

    def restore_backup(self, backup: Path) -> None:
        """Put a backup in the project's place (the current file is kept aside) and reopen."""
        project = self.project
        if project is None or project.path is None:
            return
        if self.ops.busy and not self._stop_tasks():
            return
        path = project.path
        self.close_project(back_up=False)
        from claimtracker.safety.backup import restore_backup

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            restored = restore_backup(path, backup)
        except ClaimTrackerError as error:
            QApplication.restoreOverrideCursor()
            show_error(self, error, action="Restoring the backup")
            self.open_project(str(path))
            return
        QApplication.restoreOverrideCursor()
        self.open_project(str(path))
        aside = (
            f"; the replaced file is kept as {restored.kept_aside.name}"
            if restored.kept_aside
            else ""
        )
        self.status.showMessage(f"Restored the backup {backup.name}{aside}", 15000)

    # -- the reader -----------------------------------------------------------------------

    @property
    def reader(self) -> SourceReader:
        """The source reader, created the first time it is needed."""
        if self._reader is None:
            from ui.sources.reader.source_reader import SourceReader

            reader = SourceReader()
            reader.set_project(self.project)
            reader.set_search(self.claims.search_marks)
            reader.claimClicked.connect(self.select_claim)
            reader.createClaimRequested.connect(self.create_claim_at)
            reader.closeRequested.connect(lambda: self.act.show_reader.setChecked(False))
            self.source_tools.attach_reader(reader)
            self.reader_layout.addWidget(reader)
            self._reader = reader
        return self._reader

    def open_reader(self, source_id: int, claim_id: int = 0) -> None:
        if self.project is None:
            return
        try:
            self.reader.open_source(source_id, claim_id=claim_id)
        except ClaimTrackerError as error:
            show_error(self, error, action="Opening the source")
            return
        self.act.show_reader.setChecked(True)
        self._set_reader_visible(True)

    def open_current_in_reader(self) -> None:
        row = self.detail.editor.row
        if row is not None and row.source_id is not None:
            self.open_reader(row.source_id, row.id)

    def _set_reader_visible(self, visible: bool) -> None:
        if visible and (self._reader is None or not self._reader.source_id):
            row = self.detail.editor.row
            if row is not None and row.source_id is not None:
                self.open_reader(row.source_id, row.id)
                return
            self.act.show_reader.setChecked(False)
            self.status.showMessage(
                "Choose a claim with a source, or a source in the sidebar", 5000
            )
            return
        if visible and not self.reader_area.isVisible():
            self.reader_area.setVisible(True)
            QTimer.singleShot(0, self, self._keep_table_rows)
        self.reader_area.setVisible(visible)
        if self.act.show_reader.isChecked() != visible:
            self.act.show_reader.setChecked(visible)

    def _keep_table_rows(self) -> None:
        """The reader opened below the table: in a short window the table keeps a few rows in
        sight, and the reader the rest."""
        total = sum(self.center_splitter.sizes())
        table = self.table
        rows = table.viewport().height() // max(1, table.verticalHeader().defaultSectionSize())
        if rows >= TABLE_ROWS_KEPT or total <= 0:
            return
        wanted = self.center_splitter.sizes()[0] + (TABLE_ROWS_KEPT - rows) * (
            table.verticalHeader().defaultSectionSize()
        )
        reader = min(total - wanted, total // 2)
        reader = max(reader, self.reader_area.minimumSizeHint().height(), READER_HEIGHT_KEPT)
        self.center_splitter.setSizes([max(0, total - reader), min(reader, total)])

    # -- linking and comparing ------------------------------------------------------------

    def link_counter_claim(self) -> None:
        row = self.detail.editor.row
        if self.project is None or row is None:
            return
        from ui.claims.link_dialog import LinkDialog

        dialog = LinkDialog(self.project, row, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                ends = dialog.link_ends()
                if ends is not None:
                    self.editing.link(
                        claim_a_id=ends[0],
                        claim_b_id=ends[1],
                        relation=dialog.chosen_relation(),
                        note=dialog.note_text(),
                    )
        finally:
            dialog.deleteLater()

    @property
    def side_by_side(self) -> SideBySideWindow:
        if self._side_by_side is None:
            from ui.claims.side_by_side.window import SideBySideWindow

            window = SideBySideWindow(self.settings, self)
            window.claimRequested.connect(self._show_from_side_by_side)
            window.conflictsRequested.connect(self.merging.show_claim_conflicts)
            window.exportRequested.connect(self.export_pairs)
            window.statusRequested.connect(self._set_status_from_side_by_side)
            self._side_by_side = window
        return self._side_by_side

    def show_side_by_side(self) -> None:
        if self.project is None:
            return
        window = self.side_by_side
        window.start(
            self.project, self.claims.claim_filter, self.claims.order, self.detail.claim_id
        )
        window.show()
        window.raise_()
        window.activateWindow()

    def _set_status_from_side_by_side(self, claim_id: int, status: str) -> None:
        """A verdict given in the side-by-side view: the same undoable edit as in the editor."""
        if self.project is None:
            return
        from claimtracker.query import fetch_row

        row = fetch_row(self.project.reader, claim_id)
        if row is not None:
            self.editing.set_fields(row, {"status": status})

    def _show_from_side_by_side(self, claim_id: int) -> None:
        self.select_claim(claim_id)
        self.raise_()
        self.activateWindow()

    # -- views ----------------------------------------------------------------------------

    def _set_detail_visible(self, visible: bool) -> None:
        if not visible and self.panes.raise_instead_of_hiding(
            self.detail_dock, self.act.show_detail
        ):
            return
        self.detail_dock.setVisible(visible)

    def _set_history_visible(self, visible: bool) -> None:
        history = self._history
        if (
            not visible
            and history is not None
            and self.panes.raise_instead_of_hiding(history, self.act.show_history)
        ):
            return
        if self._history is None:
            dock = QDockWidget("Undo history", self)
            dock.setObjectName("UndoHistoryDock")
            view = QUndoView(self.undo_stack)
            view.setEmptyLabel("Project opened")
            dock.setWidget(view)
            self.panes.add_tool(dock)
            dock.visibilityChanged.connect(
                lambda _shown: self.act.show_history.setChecked(not dock.isHidden())
            )
            self._history = dock
        self._history.setVisible(visible)

    def set_theme(self, mode: str) -> None:
        self.settings.theme = mode
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, mode)
        self._check_theme_action()
        if self._reader is not None:
            self._reader.refresh_claims()
        self.table.viewport().update()

    def _check_theme_action(self) -> None:
        mode = self.settings.theme
        {"light": self.act.theme_light, "dark": self.act.theme_dark}.get(
            mode, self.act.theme_system
        ).setChecked(True)

    def show_preferences(self) -> None:
        from ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings.theme, self)
        if (
            dialog.exec() == QDialog.DialogCode.Accepted
            and dialog.theme_mode() != self.settings.theme
        ):
            self.set_theme(dialog.theme_mode())
        dialog.deleteLater()

    def _table_menu(self, point: QPoint) -> None:
        """Right-click on claims: the actions that apply to them."""
        a = self.act
        menu = QMenu(self)
        menu.addActions([a.open_reader, a.link_counter, a.side_by_side])
        self.safety.add_to_claim_menu(menu)
        menu.addSeparator()
        ids = self.table.selected_ids()
        for field, vocabulary, title in (
            ("status", STATUSES, "Set Status"),
            ("attribution", ATTRIBUTIONS, "Set Attribution"),
        ):
            submenu = menu.addMenu(title)
            submenu.setEnabled(bool(ids) and not self.filter_bar.showing_trash)
            for term in vocabulary:
                action = submenu.addAction(term.label)
                action.triggered.connect(
                    lambda _c=False, f=field, code=term.code: self._bulk_edit(f, code)
                )
        menu.addSeparator()
        menu.addAction(a.restore if self.filter_bar.showing_trash else a.delete)
        menu.exec(self.table.viewport().mapToGlobal(point))
        menu.deleteLater()

    def show_user_guide(self) -> None:
        if self._user_guide is None:
            self._user_guide = UserGuide(self)
        self._user_guide.show()
        self._user_guide.raise_()
        self._user_guide.activateWindow()

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.act.all(), self)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        show_about(self)

    # == State of actions, title, status =======================================================

    def _update_actions(self) -> None:
        a = self.act
        has_project = self.project is not None
        row = self.detail.editor.row
        selected = self.table.selected_ids() if has_project else []
        trash = self.filter_bar.showing_trash
        busy = self.ops.busy
        for action in (a.import_articles, a.import_csv, a.new_claim, a.export_csv, a.export_report):
            action.setEnabled(has_project and not busy)
        a.find.setEnabled(has_project)
        a.clear_filters.setEnabled(has_project and self.filter_bar.is_filtering())
        a.delete.setEnabled(bool(selected) and not trash)
        a.restore.setEnabled(bool(selected) and trash)
        a.empty_trash.setEnabled(has_project)
        a.open_reader.setEnabled(row is not None and row.source_id is not None)
        a.link_counter.setEnabled(row is not None and row.deleted_at is None)
        a.side_by_side.setEnabled(has_project)
        a.undo.setEnabled(self.undo_stack.canUndo())
        a.redo.setEnabled(self.undo_stack.canRedo())
        self.team.apply_role()

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle("ClaimTracker")
            self.setWindowFilePath("")
        else:
            self.setWindowTitle(f"{self.project.display_name} — ClaimTracker")
            self.setWindowFilePath(str(self.project.path or ""))

    def _update_matches(self) -> None:
        if self.project is None:
            self.status.matches.setText("")
            return
        self.status.show_matches(
            self.claims.rowCount(),
            self.library.total_live,
            loading=self.claims.loading,
            trash=self.filter_bar.showing_trash,
        )

    # == Settings ==============================================================================

    def _restore_settings(self) -> None:
        settings = self.settings
        if settings.restore_geometry("main_window", self):
            keep_on_screen_when_shown(self)  # saved on another screen, perhaps a larger one
        else:
            fit_on_screen(self, 1480, 900)
        state = settings.state("main_window")
        if state is not None:
            self.restoreState(state)
        self._default_sizes = not settings.restore_splitter("sidebar", self.main_splitter)
        settings.restore_splitter("center", self.center_splitter)
        self.table.restore_state(settings)
        self.act.show_sidebar.setChecked(settings.flag("view/sidebar", True))
        self.act.show_detail.setChecked(settings.flag("view/detail", True))
        self.sidebar.setVisible(self.act.show_sidebar.isChecked())
        self.detail_dock.setVisible(self.act.show_detail.isChecked())
        self._check_theme_action()
        header = self.table.horizontalHeader()
        section = header.sortIndicatorSection()
        if 0 <= section < len(COLUMNS) and COLUMNS[section].sort_key:
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            self.claims.set_query(
                self.claims.claim_filter, ClaimOrder(COLUMNS[section].sort_key or "id", descending)
            )
        self.table.enable_sorting()

    def save_settings(self) -> None:
        settings = self.settings
        settings.save_geometry("main_window", self)
        settings.save_state("main_window", self.saveState())
        settings.save_splitter("sidebar", self.main_splitter)
        settings.save_splitter("center", self.center_splitter)
        self.table.save_state(settings)
        # A sidebar folded for a narrow window comes back in a wider one.
        shown = self.act.show_sidebar.isChecked() or self.panes.sidebar_folded
        settings.set_flag("view/sidebar", shown)
        settings.set_flag("view/detail", self.act.show_detail.isChecked())
        settings.sync()

    def save_pending_work(self) -> None:
        """Save what is typed but not saved yet, and the window's settings (after a crash too)."""
        self.detail.flush()
        self.save_settings()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_files
        for path in recent:
            on_server = is_server_url(path)
            shown = TeamAddress.from_url(path)[0].describe() if on_server else path
            action = QAction(shown if on_server else Path(path).name, menu)
            action.setToolTip(shown)
            action.setStatusTip(shown)
            action.setEnabled(on_server or Path(path).exists())
            action.triggered.connect(lambda _c=False, p=path: self.open_project(p))
            menu.addAction(action)
        if not recent:
            empty = menu.addAction("No recent projects")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("Clear the list")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.settings.clear_recent_files)

    # == Window events =========================================================================

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_sizes:
            self._default_sizes = False
            QTimer.singleShot(0, self._apply_default_sizes)

    def _apply_default_sizes(self) -> None:
        """First start: room for names in the sidebar and for the editor, the rest to the table."""
        if not self.panes.tabbed:
            detail = detail_width(max(self.width(), 900))
            self.resizeDocks([self.detail_dock], [detail], Qt.Orientation.Horizontal)
        if self.sidebar.isVisible():
            self.main_splitter.setSizes([230, max(0, self.main_splitter.width() - 230)])

    def closeEvent(self, event: QCloseEvent) -> None:
        from ui.runtime.shutdown import SHUTDOWN_WAIT_MS

        if self.ops.busy and not self._stop_tasks(SHUTDOWN_WAIT_MS):
            event.ignore()
            return
        self.save_pending_work()
        self.close_project()
        self.ops.wait(SHUTDOWN_WAIT_MS)
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(url.isLocalFile() and kind_of(Path(url.toLocalFile())) for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.open_dropped(paths)

    def open_dropped(self, paths: list[Path]) -> None:
        """A database opens; articles are imported; a CSV file opens the import dialog."""
        databases = [p for p in paths if kind_of(p) == "database"]
        articles = [p for p in paths if kind_of(p) == "article"]
        tables = [p for p in paths if kind_of(p) == "csv"]
        if databases:
            self.open_project(str(databases[0]))
            return
        if articles:
            self.files.import_articles(articles)
        if tables and not articles:
            self.files.import_csv(tables[0])


def _freeze_startup_objects() -> None:
    """Keep the garbage collector off the objects of start-up (modules, the ORM's classes).

    With SQLAlchemy loaded, a full collection walks some hundred thousand long-lived objects
    (~30 ms) and would land in the middle of a keystroke or a scroll; frozen, it skips them.
    """
    gc.collect()
    gc.freeze()
