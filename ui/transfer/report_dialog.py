"""Export → Report…: a dossier to read, previewed, saved as HTML or PDF, or printed.

The dossier is gathered on a worker (``claimtracker.reports.dossier``) and previewed as the HTML
the files hold. The recipients' level decides what goes in: claims marked above it are left out,
unless the analyst unticks that, in which case saving or printing something above the level is
asked about first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from claimtracker.errors import ClaimTrackerError
from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.query.opening import Connection
from claimtracker.reports.dossier import Dossier, build_dossier
from claimtracker.reports.html import render_html
from claimtracker.store.dbapi import require_sqlite
from claimtracker.vocabulary import MARKINGS
from ui.runtime.ops import Runner
from ui.settings import Settings
from ui.transfer.going_out import may_go_out

log = logging.getLogger(__name__)

SCOPES = {
    "filter": "The claims of the current filter",
    "claim": "The selected claim and its linked claims",
    "dispute": "The selected claim and its dispute",
}
#: The level recipients may see, remembered between reports.
LEVEL_KEY = "reports/recipients_level"
DEFAULT_LEVEL = "amber"


class ReportDialog(QDialog):
    """Scope and recipients' level on the left of a preview; Save HTML, Save PDF, Print."""

    #: Emitted with a file the report was saved to.
    reportSaved = Signal(str)

    def __init__(
        self,
        *,
        connect: Callable[[], Connection],
        runner: Runner,
        settings: Settings,
        claim_filter: ClaimFilter,
        order: ClaimOrder,
        current_claim_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report")
        self.resize(1080, 760)
        self._connect = connect
        self._runner = runner
        self._settings = settings
        self._filter = claim_filter
        self._order = order
        self._claim_id = current_claim_id
        self.dossier: Dossier | None = None
        self.failure = ""
        #: False once closed: a worker's answer may still arrive, and must find no widgets.
        self._open = True
        self._window = parent

        self.scope_buttons = QButtonGroup(self)
        scope_box = QVBoxLayout()
        scope_box.setSpacing(4)
        for code, label in SCOPES.items():
            button = QRadioButton(label)
            button.setProperty("scope", code)
            button.setEnabled(code == "filter" or current_claim_id is not None)
            self.scope_buttons.addButton(button)
            scope_box.addWidget(button)
        start = "dispute" if current_claim_id is not None else "filter"
        self._button(start).setChecked(True)

        self.level = QComboBox()
        for number, term in enumerate(MARKINGS):
            self.level.addItem(term.label, term.code)
            self.level.setItemData(number, term.description, Qt.ItemDataRole.ToolTipRole)
        remembered = settings.text(LEVEL_KEY, DEFAULT_LEVEL)
        self.level.setCurrentIndex(max(0, self.level.findData(remembered)))
        self.leave_out = QCheckBox("Leave out what they may not see")
        self.leave_out.setChecked(True)

        self.summary = QLabel()
        self.summary.setObjectName("FieldHint")
        self.summary.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setMinimumWidth(560)

        self.save_html_button = QPushButton("Save HTML…")
        self.save_pdf_button = QPushButton("Save PDF…")
        self.print_button = QPushButton("Print…")
        close = QPushButton("Close")
        for push in (self.save_html_button, self.save_pdf_button, self.print_button):
            push.setEnabled(False)

        self.level_hint = QLabel()
        self.level_hint.setObjectName("FieldHint")
        self.level_hint.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(_heading("Covers"))
        side.addLayout(scope_box)
        side.addSpacing(10)
        side.addWidget(_heading("Recipients may see"))
        side.addWidget(self.level)
        side.addWidget(self.level_hint)
        side.addWidget(self.leave_out)
        side.addSpacing(10)
        side.addWidget(self.summary)
        side.addStretch(1)
        for push in (self.save_html_button, self.save_pdf_button, self.print_button, close):
            side.addWidget(push)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(340)
        layout = QHBoxLayout(self)
        layout.addWidget(side_widget)
        layout.addWidget(self.preview, 1)

        self._describe_level()
        self.scope_buttons.buttonToggled.connect(self._on_scope_toggled)
        self.level.currentIndexChanged.connect(self._on_level_changed)
        self.leave_out.toggled.connect(lambda _checked: self.refresh())
        self.save_html_button.clicked.connect(self.choose_html)
        self.save_pdf_button.clicked.connect(self.choose_pdf)
        self.print_button.clicked.connect(self.choose_printer)
        close.clicked.connect(self.reject)
        self.refresh()

    # -- choices ---------------------------------------------------------------------------

    def _button(self, scope: str) -> QRadioButton:
        for button in self.scope_buttons.buttons():
            if button.property("scope") == scope:
                assert isinstance(button, QRadioButton)
                return button
        raise KeyError(scope)

    @property
    def scope(self) -> str:
        checked = self.scope_buttons.checkedButton()
        return str(checked.property("scope")) if checked is not None else "filter"

    @property
    def recipients_level(self) -> str:
        return str(self.level.currentData())

    def choose(self, *, scope: str | None = None, level: str | None = None) -> None:
        """Set the scope and the recipients' level, as a user would."""
        if scope is not None:
            self._button(scope).setChecked(True)
        if level is not None:
            self.level.setCurrentIndex(self.level.findData(level))

    @Slot()
    def _on_scope_toggled(self, *_args: object) -> None:
        self.refresh()

    @Slot(int)
    def _on_level_changed(self, _index: int) -> None:
        self._settings.set_text(LEVEL_KEY, self.recipients_level)
        self._describe_level()
        self.refresh()

    def _describe_level(self) -> None:
        term = next(t for t in MARKINGS if t.code == self.recipients_level)
        self.level_hint.setText(f"{term.description}.")

    # -- gathering the dossier -------------------------------------------------------------

    def refresh(self) -> None:
        """Gather the dossier again on a worker; the preview follows."""
        for button in (self.save_html_button, self.save_pdf_button, self.print_button):
            button.setEnabled(False)
        self.summary.setText("Gathering the report…")
        scope, claim_id = self.scope, self._claim_id
        max_tlp = self.recipients_level if self.leave_out.isChecked() else None
        claim_filter, order = self._filter, self._order

        def work(reader: Connection) -> Dossier:
            connection = require_sqlite(reader, "The dossier")
            if scope == "filter" or claim_id is None:
                return build_dossier(
                    connection, claim_filter=claim_filter, order=order, max_tlp=max_tlp
                )
            return build_dossier(
                connection, claim_id=claim_id, dispute=scope == "dispute", max_tlp=max_tlp
            )

        self._runner.submit("report", self._connect, work, self._show, self._failed)

    def done(self, result: int) -> None:
        self._open = False
        super().done(result)

    def _show(self, dossier: object) -> None:
        if not self._open:
            return
        assert isinstance(dossier, Dossier)
        self.dossier, self.failure = dossier, ""
        self.preview.setHtml(render_html(dossier, for_qt=True))
        marking = MARKINGS.label(dossier.marking) if dossier.marking else "not marked"
        text = (
            f"{dossier.claim_count} claim(s) from {len(dossier.sources)} source(s); "
            f"the report is {marking}."
        )
        if dossier.left_out:
            text += f" {dossier.left_out} claim(s) marked above the recipients' level left out."
        self.summary.setText(text)
        for button in (self.save_html_button, self.save_pdf_button, self.print_button):
            button.setEnabled(bool(dossier.entries))

    def _failed(self, error: BaseException) -> None:
        if not self._open:
            return
        self.dossier = None
        self.failure = str(error)
        self.preview.clear()
        self.summary.setText(f"No report: {error}")
        if not isinstance(error, ClaimTrackerError):
            log.error("gathering a report failed", exc_info=error)

    # -- saving and printing ---------------------------------------------------------------

    def may_go_out(self) -> bool:
        """True unless the report holds something above the recipients' level and the
        analyst, asked, does not want it to go out."""
        dossier = self.dossier
        if dossier is None:
            return False
        return may_go_out(
            self,
            dossier.marking,
            unasked_up_to=self.recipients_level,
            title="Above the recipients' level",
            question=f"This report is {MARKINGS.label(dossier.marking)}, above "
            f"{MARKINGS.label(self.recipients_level)}, the level you chose for its "
            "recipients. Let it go out anyway?",
        )

    @Slot()
    def choose_html(self) -> None:
        self._choose_file("html")

    @Slot()
    def choose_pdf(self) -> None:
        self._choose_file("pdf")

    def _choose_file(self, kind: str) -> None:
        """Ask (above the level), then where to save the report as ``kind`` (html or pdf)."""
        if not self.may_go_out():
            return
        folder = Path(self._settings.text("reports/folder", str(Path.home())))
        suggested = folder / f"claims-report-{date.today().isoformat()}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Save report as {kind.upper()}", str(suggested), f"{kind.upper()} (*.{kind})"
        )
        if path:
            self.save(Path(path), kind)

    def save(self, path: Path, kind: str) -> None:
        """Write the previewed report to ``path`` (html or pdf) on a worker."""
        dossier = self.dossier
        if dossier is None:
            return
        self._settings.set_text("reports/folder", str(path.parent))
        self.summary.setText(f"Writing {path.name}…")

        def work(_connection: Connection) -> str:
            from claimtracker.reports.files import write_file

            if kind == "pdf":
                from claimtracker.reports.pdf import render_pdf

                write_file(path, render_pdf(dossier))
            else:
                write_file(path, render_html(dossier).encode("utf-8"))
            return str(path)

        self._runner.submit(f"report-{kind}", self._connect, work, self._saved, self._not_saved)

    def _saved(self, path: object) -> None:
        if not self._open:
            return
        self.summary.setText(f"Saved {Path(str(path)).name}.")
        self.reportSaved.emit(str(path))

    def _not_saved(self, error: BaseException) -> None:
        if not self._open:
            QMessageBox.warning(self._window, "Report not saved", str(error))
            return
        self.summary.setText(f"Not saved: {error}")
        QMessageBox.warning(self, "Report not saved", str(error))

    @Slot()
    def choose_printer(self) -> None:
        if not self.may_go_out():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the previewed report (Qt lays the pages out; the PDF file is WeasyPrint's)."""
        if self.dossier is None:
            return
        document = QTextDocument()
        document.setHtml(render_html(self.dossier, for_qt=True))
        document.print_(printer)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def open_report_dialog(
    parent: QWidget,
    *,
    connect: Callable[[], Connection],
    runner: Runner,
    settings: Settings,
    claim_filter: ClaimFilter,
    order: ClaimOrder,
    current_claim_id: int | None,
) -> ReportDialog:
    dialog = ReportDialog(
        connect=connect,
        runner=runner,
        settings=settings,
        claim_filter=claim_filter,
        order=order,
        current_claim_id=current_claim_id,
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
