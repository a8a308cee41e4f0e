"""The analyst's whole workflow, through the widgets: import the sample article, read it, make
claims from selected words, fill them in, link a counter-claim, compare them side by side,
undo and redo, filter, and export a CSV report that is read back."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from claimtracker.articles.readable import readable_markdown
from claimtracker.paths import resources_dir
from tests.ui.conftest import wait_loaded
from tests.ui.helpers import activate, choose, drop_files, pick_completion, when_modal
from ui.claims.link_dialog import LinkDialog
from ui.main_window import MainWindow
from ui.transfer.export_dialog import ExportDialog

SAMPLE = resources_dir() / "sample" / "us-warns-russia-2018-08-25.md"
PLANNING = "Assad may be planning a chemical attack in the northwestern province of Idlib"
DENIAL = "no chemical weapons were used by the Syrian military"


def make_claim_from(qtbot: QtBot, window: MainWindow, phrase: str) -> int:
    """Select ``phrase`` in the reader and press Ctrl+Return."""
    # A window manager gives the focus back to the window after a dialog; offscreen, we do.
    activate(qtbot, window)
    reader = window.reader
    text = reader.source.text if reader.source else ""
    start = text.index(phrase)
    reader.select_span(start, start + len(phrase))
    assert reader.create_action.isEnabled()
    before = window.claims.rowCount()
    qtbot.keyClick(reader.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.claims.rowCount() == before + 1)
    row = window.detail.editor.row
    assert row is not None and row.quote == phrase
    assert (row.anchor_start, row.anchor_end) == (start, start + len(phrase))
    return row.id


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


class OpenedUrls(QObject):
    """What the app asked the desktop to open (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[Path] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.paths.append(Path(url.toLocalFile()))


def test_the_whole_workflow(
    qtbot: QtBot, make_window: object, empty_db: Path, tmp_path: Path
) -> None:
    window: MainWindow = make_window(empty_db)  # type: ignore[operator]
    assert window.claims.rowCount() == 0
    assert window.table.empty_state.isVisible()

    # Import the sample article by dropping it on the window; the reader opens on it.
    drop_files(window, [SAMPLE])
    qtbot.waitUntil(
        lambda: window._reader is not None and window.reader.source_id != 0, timeout=15_000
    )
    qtbot.waitUntil(lambda: not window.ops.busy)
    reader = window.reader
    assert window.reader_area.isVisible()
    assert reader.source is not None and "Ryabkov" in reader.source.text
    # The stored text is verbatim; the reader shows the Markdown as read (issue 16), as plain text.
    assert reader.text.toPlainText() == readable_markdown(reader.source.text).text
    assert "No claims yet" in reader.claims_label.text()
    assert window.undo_stack.undoText().startswith("Import article")

    # Select a phrase and make a claim of it (Ctrl+Return).
    planning = make_claim_from(qtbot, window, PLANNING)
    assert window.table.current_claim_id() == planning
    assert "1 claim highlighted" in reader.claims_label.text()
    editor = window.detail.editor

    # Rephrase it, and set speaker (a new actor, created in place), attribution, status and rating.
    type_into(qtbot, editor.text, "Assad may be planning a chemical attack in Idlib")
    editor.text.commit()
    offered = pick_completion(
        qtbot, editor.speaker, "U.S. officials", "Create speaker “U.S. officials” — Described group"
    )
    assert offered[0].endswith("— Described group")  # guessed from "officials"
    qtbot.waitUntil(lambda: editor.row is not None and editor.row.speaker == "U.S. officials")
    choose(editor.attribution, "anonymous")
    type_into(qtbot, editor.descriptor, "U.S. officials say")
    choose(editor.status, "in_progress")
    choose(editor.rating.reliability, "B")
    choose(editor.rating.credibility, "3")
    row = editor.row
    assert row is not None
    assert (row.text, row.attribution, row.descriptor, row.status) == (
        "Assad may be planning a chemical attack in Idlib",
        "anonymous",
        "U.S. officials say",
        "in_progress",
    )
    assert row.rating == "B3"
    assert window.claims.claim_row(window.claims.row_of(planning) or 0).rating == "B3"  # type: ignore[union-attr]

    # A second claim, the denial, from the same article.
    denial = make_claim_from(qtbot, window, DENIAL)
    choose(editor.status, "disputed")

    # Link the denial to the first claim: "the denial denies the planning claim".
    window.select_claim(planning)
    assert editor.row is not None and editor.row.id == planning

    def link(dialog: LinkDialog) -> None:
        dialog.search.setText("chemical weapons were used")
        dialog.run_search()
        assert dialog.other is not None and dialog.other.id == denial
        choose(dialog.relation, "denies")
        assert "denies" in dialog.sentence.text()
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        button.click()

    linked = when_modal(LinkDialog, link)
    window.act.link_counter.trigger()
    assert linked
    links = window.detail.links.links
    assert [(link.label, link.other_id) for link in links] == [("Denied by", denial)]

    # The side-by-side view: the claim left, its counter-claim right, differences marked.
    window.act.side_by_side.trigger()
    side = window.side_by_side
    qtbot.waitUntil(lambda: side.dispute_ids != [])
    assert side.dispute is not None and side.dispute.claim.id == planning
    (counter,) = side.dispute.counters
    assert counter.row.id == denial and counter.link.label == "Denied by"
    assert {"status", "speaker"} <= counter.differs
    assert "Dispute 1 of 2" in side.position_label.text()
    side.next_action.trigger()
    assert side.claim_id == denial
    side.close()

    # Undo and redo, with readable entries.
    assert window.undo_stack.undoText() == f"Link #{denial} denies #{planning}"
    window.act.undo.trigger()
    assert window.detail.links.links == []
    window.act.redo.trigger()
    assert [link.other_id for link in window.detail.links.links] == [denial]
    window.select_claim(denial)
    window.act.undo.trigger()  # the link again
    window.act.undo.trigger()  # the denial's status
    assert editor.row is not None and editor.row.status == "unstarted"
    window.act.redo.trigger()
    window.act.redo.trigger()
    assert editor.row is not None and editor.row.status == "disputed"

    # Delete to the trash and bring it back.
    window.select_claim(denial)
    window.act.delete.trigger()
    qtbot.waitUntil(lambda: window.claims.row_of(denial) is None)
    assert window.undo_stack.undoText() == f"Move claim #{denial} to the trash"
    window.act.undo.trigger()
    qtbot.waitUntil(lambda: window.claims.row_of(denial) is not None)

    # Filter: search as you type, then a status filter on top.
    bar = window.filter_bar
    qtbot.keyClicks(bar.search, "chemic")
    qtbot.waitUntil(lambda: not window.claims.loading and window.claims.rowCount() == 2)
    bar.set_statuses(["disputed"])
    wait_loaded(qtbot, window)
    assert [window.claims.claim_id(r) for r in range(window.claims.rowCount())] == [denial]
    assert "1 of 2 claims match" in window.status.matches.text()

    # Export the filtered claims and read the file back.
    target = tmp_path / "report.csv"

    def export(dialog: ExportDialog) -> None:
        assert dialog.scope_filter.isChecked()
        dialog.path.setText(str(target))
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        button.click()

    exported = when_modal(ExportDialog, export)
    window.act.export_csv.trigger()
    assert exported
    qtbot.waitUntil(lambda: not window.ops.busy and target.exists(), timeout=15_000)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["claim"] for r in rows] == ["no chemical weapons were used by the Syrian military"]
    assert rows[0]["status"] == "disputed"
    assert "Denies" in rows[0]["counter_claims"]

    # The file and its folder are one click away; the desktop is handed their addresses.
    qtbot.waitUntil(lambda: window.files.exported_notice is not None)
    notice = window.files.exported_notice
    assert notice is not None and str(target) in notice.text()
    opened = OpenedUrls()
    QDesktopServices.setUrlHandler("file", opened, "open_url")
    try:
        notice.folder_button.click()
        notice.open_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert opened.paths == [tmp_path, target]

    bar.clear()
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() == 2
