"""Export → Report…: the dossier previewed, its recipients' level, saving, printing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker import services
from claimtracker.schemas import ClaimUpdate
from claimtracker.store import Store
from ui.main_window import MainWindow
from ui.transfer.report_dialog import ReportDialog

DENIAL = "No chemical weapons were used by the Syrian military"


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    with Store.open(sample_db) as store, store.write() as session:
        services.update_claim(session=session, claim_id=12, changes=ClaimUpdate(tlp="red"))
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def _open(qtbot: QtBot, window: MainWindow, claim_id: int) -> ReportDialog:
    window.select_claim(claim_id)
    window.act.export_report.trigger()
    dialog = window.report_dialog
    qtbot.waitUntil(lambda: dialog.dossier is not None, timeout=10_000)
    return dialog


def test_the_report_of_a_dispute_leaves_out_what_its_recipients_may_not_see(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open(qtbot, window, 2)
    assert dialog.scope == "dispute" and dialog.recipients_level == "amber"
    preview = dialog.preview.toPlainText()
    assert "Assad may be planning a chemical attack in Idlib province" in preview
    assert "Countered by" in preview and DENIAL not in preview
    assert "1 claim(s) marked above the recipients' level left out" in dialog.summary.text()

    dialog.leave_out.setChecked(False)
    qtbot.waitUntil(lambda: DENIAL in dialog.preview.toPlainText(), timeout=10_000)
    assert "Denied by" in dialog.preview.toPlainText()
    assert "TLP:RED" in dialog.summary.text()

    dialog.choose(scope="filter", level="red")
    qtbot.waitUntil(lambda: dialog.dossier is not None and dialog.dossier.claim_count == 14)
    dialog.close()


def test_saving_above_the_recipients_level_asks_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, window, 2)
    dialog.leave_out.setChecked(False)
    qtbot.waitUntil(lambda: DENIAL in dialog.preview.toPlainText(), timeout=10_000)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def ask(_parent: object, _title: str, text: str, *_args: object) -> object:
            asked.append(text)
            return button

        return ask

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Cancel))
    assert not dialog.may_go_out()
    assert "TLP:RED, above TLP:AMBER" in asked[0]
    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Yes))
    assert dialog.may_go_out()

    html = tmp_path / "dispute.html"
    with qtbot.waitSignal(dialog.reportSaved, timeout=20_000):
        dialog.save(html, "html")
    assert DENIAL in html.read_text(encoding="utf-8")
    pdf = tmp_path / "dispute.pdf"
    with qtbot.waitSignal(dialog.reportSaved, timeout=60_000):
        dialog.save(pdf, "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Page 1 of" in text and "TLP:RED" in text

    dialog.choose(level="red")  # now the level allows it: nothing to ask
    qtbot.waitUntil(lambda: dialog.dossier is not None and dialog.recipients_level == "red")
    asked.clear()
    assert dialog.may_go_out() and asked == []
    dialog.close()


def test_the_report_prints(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = _open(qtbot, window, 2)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    printed = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "printed.pdf").pages
    )
    assert "Assad may be planning a chemical attack in Idlib province" in printed
    dialog.close()


def test_closing_the_dialog_while_it_gathers_is_safe(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open(qtbot, window, 2)
    dialog.choose(scope="filter", level="red")  # a new report is being gathered ...
    dialog.close()  # ... and the dialog goes away before it arrives
    qtbot.waitUntil(lambda: not window.ops.reading, timeout=10_000)
    window.select_claim(3)
    window.act.export_report.trigger()
    again = window.report_dialog
    qtbot.waitUntil(lambda: again.dossier is not None, timeout=10_000)
    assert again.dossier is not None and "Bolton told Patrushev" in again.dossier.title
    again.close()
