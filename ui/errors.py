"""Showing errors: clear messages for what the user can fix, a dialog for bugs.

Errors the core raises as :class:`ClaimTrackerError` say what happened and usually what to do;
they are shown as a warning with a title that names the kind of trouble. Anything else is a bug:
the global excepthook logs it, saves what can be saved (every change is already committed when
it is made; typing not yet saved is flushed) and shows the details with a way to copy them.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from claimtracker import errors as core_errors

log = logging.getLogger(__name__)

_TITLES: list[tuple[type[BaseException], str]] = [
    (core_errors.ConflictError, "Changed elsewhere"),
    (core_errors.CsvImportError, "Cannot import the CSV file"),
    (core_errors.ArticleImportError, "Cannot import the article"),
    (core_errors.AnchorError, "Cannot anchor the quote"),
    (core_errors.VocabularyError, "Unknown value"),
    (core_errors.ValidationError, "Cannot save this value"),
    (core_errors.NotFoundError, "Not found"),
    (core_errors.DiskFullError, "Disk full"),
    (core_errors.ReadOnlyDatabaseError, "Cannot write the database"),
    (core_errors.DatabaseBusyError, "Database busy"),
    (core_errors.DatabaseDamagedError, "Cannot open the database"),
    (core_errors.StorageError, "Database problem"),
    (core_errors.ClaimTrackerError, "ClaimTracker"),
]


def title_for(error: BaseException) -> str:
    for kind, title in _TITLES:
        if isinstance(error, kind):
            return title
    return "Unexpected error"


def user_message(error: BaseException) -> str:
    text = " ".join(str(error).split()) or error.__class__.__name__
    return text[0].upper() + text[1:] if text else text


def show_error(parent: QWidget | None, error: BaseException, *, action: str = "") -> None:
    """Show an error the user can act on; anything unexpected goes to the crash dialog."""
    if not isinstance(error, core_errors.ClaimTrackerError):
        report_bug(type(error), error, error.__traceback__)
        return
    log.info("Shown to the user: %s", error)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title_for(error))
    box.setText(f"{action} failed." if action else title_for(error))
    box.setInformativeText(user_message(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.exec()


class CrashDialog(QDialog):
    """"Something went wrong", with the details to copy and the reassurance that work is safe."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unexpected error")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = QLabel("<b>ClaimTracker ran into an unexpected problem.</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        explanation = QLabel(
            "Your work is safe: every change is written to the database as you make it, and "
            "what you were typing has been saved. You can keep working; if the problem comes "
            "back, please send the details below to the developers."
        )
        explanation.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(180)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        keep = buttons.addButton("Keep working", QDialogButtonBox.ButtonRole.AcceptRole)
        keep.setDefault(True)
        self.copy_button.clicked.connect(self._copy)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details.toPlainText())


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class _CrossThread(QObject):
    """Carries exceptions from other threads to the GUI thread."""

    raised = Signal(object)


class ExceptHook:
    """The global handler for unexpected exceptions (installed by ``ui.app.main``)."""

    def __init__(
        self,
        save_work: Callable[[], None] | None = None,
        parent: Callable[[], QWidget | None] | None = None,
        *,
        show_dialog: bool = True,
    ) -> None:
        self._save_work = save_work
        self._parent = parent
        self._show_dialog = show_dialog
        self._showing = False
        self._bridge = _CrossThread()
        self._bridge.raised.connect(lambda info: self.handle(*info))
        self.handled: list[BaseException] = []

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._from_thread

    def uninstall(self) -> None:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    def _from_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or args.exc_type is SystemExit:
            return
        self._bridge.raised.emit((args.exc_type, args.exc_value, args.exc_traceback))

    def handle(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        self.handled.append(value)
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unexpected error:\n%s", details)
        try:
            if self._save_work is not None:
                self._save_work()
        except Exception:
            log.exception("Saving pending work after an error failed")
        if isinstance(value, core_errors.ClaimTrackerError):
            QTimer.singleShot(0, lambda: show_error(self._parent() if self._parent else None, value))
            return
        if self._showing or not self._show_dialog or QApplication.instance() is None:
            return
        self._showing = True
        try:
            dialog = CrashDialog(details, self._parent() if self._parent else None)
            if dialog.exec() == QDialog.DialogCode.Rejected:
                app = QApplication.instance()
                if app is not None:
                    app.quit()
        finally:
            self._showing = False


_hook: ExceptHook | None = None


def install_excepthook(
    save_work: Callable[[], None] | None = None,
    parent: Callable[[], QWidget | None] | None = None,
) -> ExceptHook:
    global _hook
    _hook = ExceptHook(save_work, parent)
    _hook.install()
    return _hook


def report_bug(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Hand an unexpected exception caught by the app to the global handler.

    Without the handler (tests, embedding) the exception is raised again, so it is not lost.
    """
    if _hook is not None:
        _hook.handle(kind, value, tb)
    else:
        raise value
