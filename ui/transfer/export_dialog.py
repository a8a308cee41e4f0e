"""Export CSV: which report, which columns (in which order), current filter or everything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.csvio import REPORTS
from claimtracker.query import ClaimFilter
from claimtracker.vocabulary import MARKINGS
from ui.common.screen_fit import fit_on_screen
from ui.settings import Settings

REPORT_LABELS = {
    "claims": "Claims — one row per claim",
    "pairs": "Claim pairs — one row per claim and linked claim (the side-by-side view)",
}


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    report: str
    columns: list[str]
    claim_filter: ClaimFilter
    bom: bool

    @property
    def leaves_nothing_out(self) -> bool:
        """True when the recipients may see every marking (claims marked AMBER or above go
        out with the file, so the analyst is asked first)."""
        return self.claim_filter.max_tlp is None


def documents_folder() -> str:
    """The user's Documents folder (their home where there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())


class ExportDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        current_filter: ClaimFilter,
        *,
        matching: int | None,
        total: int | None,
        report: str = "claims",
        suggested_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export CSV")
        fit_on_screen(self, 660, 660)
        self._settings = settings
        self._current_filter = current_filter

        self.report_buttons = QButtonGroup(self)
        report_box = QGroupBox("Report")
        report_layout = QVBoxLayout(report_box)
        for code, label in REPORT_LABELS.items():
            button = QRadioButton(label)
            button.setProperty("report", code)
            self.report_buttons.addButton(button)
            report_layout.addWidget(button)
            button.setChecked(code == report)
        self.report_buttons.buttonToggled.connect(self._on_report_toggled)

        scope_box = QGroupBox("Claims")
        scope_layout = QVBoxLayout(scope_box)
        filtered = not current_filter.is_empty
        count = f" ({matching:,})" if matching is not None else ""
        self.scope_filter = QRadioButton(
            f"Those in the current filter{count}" if filtered else "Those shown (no filter is set)"
        )
        all_count = f" ({total:,})" if total is not None else ""
        self.scope_all = QRadioButton(f"Every claim in the project{all_count}")
        self.scope_filter.setChecked(True)
        self.scope_filter.setEnabled(filtered)
        if not filtered:
            self.scope_all.setChecked(True)
        scope_layout.addWidget(self.scope_filter)
        scope_layout.addWidget(self.scope_all)
        # Nothing left out unless the analyst says so: a CSV is often the full record.
        self.level = QComboBox()
        for number, term in enumerate(MARKINGS):
            self.level.addItem(term.label, term.code)
            self.level.setItemData(number, term.description, Qt.ItemDataRole.ToolTipRole)
        self.level.setCurrentIndex(self.level.count() - 1)
        self.level_hint = QLabel()
        self.level_hint.setObjectName("FieldHint")
        self.level_hint.setWordWrap(True)
        self.level.currentIndexChanged.connect(self._describe_level)
        level_row = QHBoxLayout()
        level_row.addWidget(QLabel("Recipients may see up to"))
        level_row.addWidget(self.level)
        level_row.addWidget(self.level_hint, 1)
        scope_layout.addLayout(level_row)
        self._describe_level()

        columns_box = QGroupBox("Columns (drag to reorder)")
        self.columns = QListWidget()
        self.columns.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.columns.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.columns.setAlternatingRowColors(True)
        select_all = QPushButton("All")
        select_all.clicked.connect(lambda: self._check_all(True))
        select_none = QPushButton("None")
        select_none.clicked.connect(lambda: self._check_all(False))
        column_buttons = QHBoxLayout()
        column_buttons.addWidget(select_all)
        column_buttons.addWidget(select_none)
        column_buttons.addStretch(1)
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.addWidget(self.columns)
        columns_layout.addLayout(column_buttons)

        self.bom = QCheckBox("For Excel: UTF-8 with a byte-order mark")
        self.bom.setChecked(settings.flag("export/bom", True))
        self.path = QLineEdit()
        # Reports go where the last one went, else to Documents — not to the folder an
        # article was last imported from.
        folder = Path(settings.text("export/folder", "") or documents_folder())
        name = suggested_name or f"claims-{date.today().isoformat()}.csv"
        self.path.setText(str(folder / name))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Save as", path_row)
        form.addRow("", self.bom)
        guard = QLabel(
            "A cell that a spreadsheet would run as a formula (one starting with =, +, -, @) is "
            "written with a leading apostrophe, so opening the report can never run anything. "
            "Excel hides the apostrophe; LibreOffice shows it. Importing the file into "
            "ClaimTracker removes it."
        )
        guard.setObjectName("FieldHint")
        guard.setWordWrap(True)
        form.addRow("", guard)

        self.warning = QLabel()
        self.warning.setObjectName("ErrorText")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Export")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(report_box)
        layout.addWidget(scope_box)
        layout.addWidget(columns_box, 1)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self._fill_columns()

    @property
    def recipients_level(self) -> str:
        return str(self.level.currentData())

    def _describe_level(self) -> None:
        if self.level.currentIndex() == self.level.count() - 1:
            self.level_hint.setText("Nothing is left out.")
        else:
            self.level_hint.setText("Claims marked above it are left out.")

    def _on_report_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._fill_columns()

    def report(self) -> str:
        checked = self.report_buttons.checkedButton()
        return str(checked.property("report")) if checked is not None else "claims"

    def _fill_columns(self) -> None:
        report = self.report()
        remembered = self._settings.text(f"export/columns_{report}")
        chosen = [c for c in remembered.split(",") if c] if remembered else None
        available = {column.name: column for column in REPORTS[report]}
        order = [n for n in chosen or [] if n in available] + [
            n for n in available if not chosen or n not in chosen
        ]
        self.columns.clear()
        for name in order:
            item = QListWidgetItem(f"{name}  —  {available[name].description}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(available[name].description)
            item.setFlags(
                item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled
            )
            checked = chosen is None or name in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.columns.addItem(item)

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.columns.count()):
            self.columns.item(row).setCheckState(state)

    def chosen_columns(self) -> list[str]:
        return [
            str(self.columns.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.columns.count())
            if self.columns.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export CSV", self.path.text(), "CSV files (*.csv);;All files (*)"
        )
        if path:
            self.path.setText(path if path.lower().endswith(".csv") else f"{path}.csv")

    def request(self) -> ExportRequest:
        claim_filter = self._current_filter if self.scope_filter.isChecked() else ClaimFilter()
        highest = self.level.currentIndex() == self.level.count() - 1
        claim_filter = claim_filter.with_(max_tlp=None if highest else self.recipients_level)
        return ExportRequest(
            path=Path(self.path.text().strip()).expanduser(),
            report=self.report(),
            columns=self.chosen_columns(),
            claim_filter=claim_filter,  # what the table shows, within the recipients' level
            bom=self.bom.isChecked(),
        )

    def _accept(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.warning.setText("Choose where to save the file.")
            return
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            self.warning.setText(f"The folder {path.parent} does not exist.")
            return
        if not self.chosen_columns():
            self.warning.setText("Choose at least one column.")
            return
        self._settings.set_text(f"export/columns_{self.report()}", ",".join(self.chosen_columns()))
        self._settings.set_text("export/folder", str(path.parent))
        self._settings.set_flag("export/bom", self.bom.isChecked())
        self.accept()
