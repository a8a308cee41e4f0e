"""Import CSV: which column fills which field, a preview of the first rows, and every problem
the import would hit (line and column) — found by a dry run before anything is written.

The dry run runs on a worker each time the options or the mapping change; "Import" is enabled
only when it found no problem. The import itself is all-or-nothing (the core's promise).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from claimtracker.csvio import FIELDS, CsvImportOptions, ImportSummary, import_csv
from claimtracker.csvio.mapping import guess_field, looks_like_header
from claimtracker.csvio.reading import records, shape_of
from claimtracker.errors import ClaimTrackerError, CsvImportError
from ui.common.screen_fit import fit_on_screen
from ui.runtime.ops import call_in_background
from ui.runtime.project import Project
from ui.transfer.csv_value_table import ValueMapTable

log = logging.getLogger(__name__)

PREVIEW_ROWS = 8
ENCODINGS = [
    ("Automatic (UTF-8 unless marked)", ""),
    ("UTF-8", "utf-8"),
    ("Windows Cyrillic (cp1251)", "cp1251"),
    ("Windows Western (cp1252)", "cp1252"),
    ("Latin-1", "latin-1"),
    ("UTF-16", "utf-16"),
    ("KOI8-R", "koi8-r"),
]
DELIMITERS = [("Automatic", ""), ("Comma", ","), ("Semicolon", ";"), ("Tab", "\t"), ("Bar |", "|")]
HEADERS = [("Automatic", None), ("Yes", True), ("No", False)]
QUOTINGS = [
    ("Automatic", ""),
    ("Double quotes enclose cells", "csv"),
    ("Quotes are text", "none"),
]


@dataclass(frozen=True)
class Probe:
    """The file as read with the chosen encoding and delimiter: its first records."""

    rows: list[list[str]]
    lines: int
    delimiter: str
    encoding: str


@dataclass(frozen=True)
class DryRun:
    summary: ImportSummary | None
    error: ClaimTrackerError | None


def _answer(work: Callable[[], Any]) -> Callable[[], object]:
    """``work`` whose failure is an answer for the dialog to show, not an error on a thread."""

    def answered() -> object:
        try:
            return work()
        except ClaimTrackerError as error:
            return error
        except Exception as error:  # shown in the dialog rather than lost on a thread
            log.exception("CSV check failed")
            return ClaimTrackerError(f"The file cannot be read ({error})")

    return answered


class ImportCsvDialog(QDialog):
    def __init__(self, project: Project, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import CSV — {path.name}")
        fit_on_screen(self, 980, 680)
        self._project = project
        self.path = path
        #: One event per read this dialog started, set when it is done (see :meth:`wait`).
        self._reads: list[threading.Event] = []
        self._ticket = 0
        self._probe: Probe | None = None
        self._summary: ImportSummary | None = None
        self._combos: list[QComboBox] = []

        self.encoding = QComboBox()
        for label, code in ENCODINGS:
            self.encoding.addItem(label, code)
        self.delimiter = QComboBox()
        for label, code in DELIMITERS:
            self.delimiter.addItem(label, code)
        self.header = QComboBox()
        for label, value in HEADERS:
            self.header.addItem(label, value)
        self.quoting = QComboBox()
        for label, code in QUOTINGS:
            self.quoting.addItem(label, code)
        self.quoting.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.quoting.setToolTip(
            "Automatic: double quotes enclose cells, except in a tab-separated file that is not "
            "clearly CSV-quoted, where they are text"
        )
        options = QHBoxLayout()
        form = QFormLayout()
        form.addRow("Encoding", self.encoding)
        options.addLayout(form)
        form2 = QFormLayout()
        form2.addRow("Delimiter", self.delimiter)
        options.addLayout(form2)
        form3 = QFormLayout()
        form3.addRow("First row is a header", self.header)
        options.addLayout(form3)
        form4 = QFormLayout()
        form4.addRow("Quotes", self.quoting)
        options.addLayout(form4)
        options.addStretch(1)

        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels(
            ["Column in the file", "First values", "Imports into"]
        )
        self.mapping.verticalHeader().hide()
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.mapping.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels(["Line", "Column", "Problem"])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.addTab(self.problems, "Problems")
        self.values = ValueMapTable()
        self.values.changed.connect(self._debounce_check)
        self.tabs.addTab(self.values, "Read values as")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.mapping)
        splitter.addWidget(self.tabs)
        self.status = QLabel("Reading the file…")
        self.status.setWordWrap(True)
        self.status.setObjectName("ImportStatus")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.import_button is not None:
            self.import_button.setText("Import")
            self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Check which field each column fills. Nothing is saved until you press Import, and "
            "the import saves every row or none."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(options)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._check)
        for combo in (self.encoding, self.delimiter, self.header, self.quoting):
            combo.activated.connect(lambda _i: self._probe_file())
        self._probe_file()

    def _debounce_check(self) -> None:
        self._debounce.start()

    # -- options --------------------------------------------------------------------------

    def options(self) -> CsvImportOptions:
        overrides = tuple(
            f"{number}={combo.currentData()}" for number, combo in enumerate(self._combos, start=1)
        )
        return CsvImportOptions(
            encoding=self.encoding.currentData() or None,
            delimiter=self.delimiter.currentData() or None,
            has_header=self._has_header(),
            mapping=overrides,
            quoting=self.quoting.currentData() or None,
            values=self.values.items(),
        )

    def _has_header(self) -> bool | None:
        value = self.header.currentData()
        if value is None and self._probe is not None and self._probe.rows:
            return looks_like_header(self._probe.rows[0])
        return value if isinstance(value, bool) else None

    # -- reading the file -----------------------------------------------------------------

    def _probe_file(self) -> None:
        self._ticket += 1
        self.status.setText("Reading the file…")
        path = self.path
        encoding = self.encoding.currentData() or None
        delimiter = self.delimiter.currentData() or None
        quoting = self.quoting.currentData() or None

        def work() -> Probe:
            shape = shape_of(path, encoding=encoding, delimiter=delimiter, quoting=quoting)
            rows = [record.cells for record in islice(records(path, shape), PREVIEW_ROWS + 1)]
            return Probe(
                rows=rows, lines=shape.lines, delimiter=shape.delimiter, encoding=shape.encoding
            )

        self._read(work, self._on_probed)

    def _on_probed(self, ticket: int, result: object) -> None:
        if ticket != self._ticket:
            return
        if isinstance(result, ClaimTrackerError):
            self._probe = None
            self._show_problems(result)
            self._set_mapping_rows([])
            return
        assert isinstance(result, Probe)
        self._probe = result
        header = self._has_header()
        first = result.rows[0] if result.rows else []
        names = first if header else [f"column {i}" for i in range(1, len(first) + 1)]
        self._set_mapping_rows(names)
        body = result.rows[1:] if header else result.rows
        self._fill_preview(names, body[:PREVIEW_ROWS])
        self._check()

    def _set_mapping_rows(self, names: list[str]) -> None:
        rows = self._probe.rows if self._probe else []
        header = bool(self._has_header())
        body = rows[1:] if header else rows
        self.mapping.setRowCount(len(names))
        self._combos = []
        for number, name in enumerate(names):
            samples = [r[number] for r in body[:3] if number < len(r) and r[number].strip()]
            self.mapping.setItem(number, 0, QTableWidgetItem(name))
            self.mapping.setItem(number, 1, QTableWidgetItem(" · ".join(s[:40] for s in samples)))
            combo = QComboBox()
            for field, meaning in FIELDS.items():
                combo.addItem(field if field != "ignore" else "— ignore —", field)
                combo.setItemData(combo.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
            guess = guess_field(name) if header else None
            combo.setCurrentIndex(max(0, combo.findData(guess or "ignore")))
            combo.activated.connect(lambda _i: self._debounce.start())
            self.mapping.setCellWidget(number, 2, combo)
            self._combos.append(combo)

    def _fill_preview(self, names: list[str], rows: list[list[str]]) -> None:
        self.preview.clear()
        self.preview.setColumnCount(len(names))
        self.preview.setHorizontalHeaderLabels(names)
        self.preview.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells[: len(names)]):
                item = QTableWidgetItem(value.replace("\n", " ")[:200])
                item.setToolTip(value[:1000])
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 260))

    # -- the dry run ----------------------------------------------------------------------

    def _check(self) -> None:
        if self._probe is None:
            return
        self._ticket += 1
        if self.import_button is not None:
            self.import_button.setEnabled(False)
        self.status.setText("Checking every row…")
        # The Store is asked for on the worker: it may still be loading (the window then stays
        # responsive), or gone with a closed project (that is answered like any problem).
        project, path, options = self._project, self.path, self.options()
        self._read(lambda: import_csv(project.store, path, options, dry_run=True), self._on_checked)

    def _on_checked(self, ticket: int, result: object) -> None:
        if ticket != self._ticket:
            return
        if isinstance(result, ClaimTrackerError):
            self._summary = None
            self._show_problems(result)
            return
        assert isinstance(result, ImportSummary)
        self._summary = result
        self.problems.setRowCount(0)
        self.tabs.setTabText(1, "Problems")
        lines = [result.describe() + "."]
        if result.warnings:
            lines.append("Warnings: " + "; ".join(result.warnings[:3]))
        self.status.setText(" ".join(lines))
        self.status.setProperty("error", False)
        self._restyle(self.status)
        if self.import_button is not None:
            self.import_button.setEnabled(result.rows > 0)

    def _show_problems(self, error: ClaimTrackerError) -> None:
        problems: list[tuple[Any, Any, str]] = (
            list(error.problems)
            if isinstance(error, CsvImportError)
            else [(None, None, str(error))]
        )
        self.problems.setRowCount(len(problems))
        for row, (line, column, reason) in enumerate(problems):
            self.problems.setItem(row, 0, QTableWidgetItem("" if line is None else str(line)))
            self.problems.setItem(row, 1, QTableWidgetItem("" if column is None else str(column)))
            self.problems.setItem(row, 2, QTableWidgetItem(reason))
        self.tabs.setTabText(1, f"Problems ({len(problems)})")
        self.tabs.setCurrentWidget(self.problems)
        count = len(problems)
        line, column, reason = problems[0]
        where = ", ".join(
            part
            for part in (
                f"line {line}" if line is not None else "",
                f"column {column}" if column is not None else "",
            )
            if part
        )
        first = f"{where}: {reason}" if where else reason
        self.status.setText(
            f"{count} problem{'s' if count != 1 else ''} would stop the import (nothing would "
            f"be saved). First, {first}. Change what that column imports into, or fix the file."
        )
        self.status.setProperty("error", True)
        self._restyle(self.status)
        if self.import_button is not None:
            self.import_button.setEnabled(False)

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    @property
    def summary(self) -> ImportSummary | None:
        return self._summary

    def _read(self, work: Callable[[], Any], answer: Callable[[int, object], None]) -> None:
        """Run ``work`` off the GUI thread (``ui.runtime.ops``); its answer comes back under the
        ticket it was asked with, so an answer to an older question is ignored."""
        ticket, done = self._ticket, threading.Event()
        self._reads = [event for event in self._reads if not event.is_set()] + [done]
        answered = _answer(work)

        def read() -> object:
            try:
                return answered()
            finally:
                done.set()

        call_in_background(self, read, lambda result: answer(ticket, result))

    def wait(self) -> None:
        """Until the reads this dialog started are done."""
        for event in self._reads:
            event.wait()

    def done(self, result: int) -> None:
        self._ticket += 1  # late answers are ignored
        self.wait()
        super().done(result)
