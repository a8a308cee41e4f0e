"""Sources in the app: a corrected version imported over a known article (claims re-anchored,
orphans listed and placed by hand, all undoable), and a source's details edited and undone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor, QTextDocument, QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from claimtracker.articles.markdown import strip_inline_markdown
from claimtracker.articles.readable import readable_markdown
from claimtracker.errors import ConflictError
from claimtracker.paths import resources_dir
from claimtracker.query import fetch_row
from claimtracker.query.choices import actor_named
from claimtracker.query.reading import anchored_claims, fetch_source_text, source_details
from tests.ui.helpers import drop_files, when_modal
from ui.claims.editing import Editing
from ui.main_window import MainWindow
from ui.runtime.hub import Hub
from ui.runtime.project import Project
from ui.sources.commands import EditSourceCommand, SourceVersions
from ui.sources.details_dialog import SourceDetailsDialog

SAMPLE = resources_dir() / "sample" / "us-warns-russia-2018-08-25.md"
OLD_WORDS = "We caution Washington against another military escapade"
NEW_WORDS = "We warn Washington against a new adventure"


def test_a_corrected_version_reanchors_and_orphans_are_placed(
    qtbot: QtBot, make_window: object, empty_db: Path, tmp_path: Path
) -> None:
    window: MainWindow = make_window(empty_db)  # type: ignore[operator]
    drop_files(window, [SAMPLE])
    qtbot.waitUntil(
        lambda: window._reader is not None and window.reader.source_id != 0, timeout=15_000
    )
    qtbot.waitUntil(lambda: not window.ops.busy)
    reader = window.reader
    source_id = reader.source_id
    window.act.suggest_claims.trigger()
    assistant = window.source_tools.assistant
    qtbot.waitUntil(lambda: assistant.model.rowCount() > 0)
    made = assistant.accept_all()
    assert len(made) == assistant.model.rowCount()
    project = window.project
    assert project is not None
    moved = next(c for c in made if OLD_WORDS in (fetch_row(project.reader, c).quote or ""))  # type: ignore[union-attr]

    # The same article (same URL) with corrected words: its text is replaced.
    corrected = tmp_path / "us-warns-russia-corrected.md"
    corrected.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(OLD_WORDS, NEW_WORDS), encoding="utf-8"
    )
    reports: list[str] = []
    seen = when_modal(
        QMessageBox,
        lambda box: (reports.append(box.text() + "\n" + box.informativeText()), box.accept()),
    )
    drop_files(window, [corrected])
    qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
    qtbot.waitUntil(lambda: not window.ops.busy)
    report = reports[0]
    assert "replaced by its corrected version" in report
    assert f"{len(made) - 1} claims found again" in report
    assert f"#{moved}" in report and "Place claim here" in report
    assert window.undo_stack.undoText().startswith("Import corrected version of")
    assert reader.source_id == source_id and NEW_WORDS in reader.text.toPlainText()

    # The reader lists the orphan; the claim editor points there.
    bar = reader.orphan_bar
    assert bar.isVisible() and [o.claim_id for o in reader.orphans] == [moved]
    assert "1 claim lost its place" in bar.message.text()
    window.select_claim(moved)
    assert "lost its place" in window.detail.editor.anchor_label.text()
    bar.toggle.click()
    assert bar.list.isVisible() and bar.current_claim_id() == moved
    assert not bar.place_button.isEnabled()  # nothing selected yet

    # Select the new words and place the claim there.
    text = reader.source.text  # type: ignore[union-attr]
    start = text.index(NEW_WORDS)
    reader.select_span(start, start + len(NEW_WORDS))
    assert bar.place_button.isEnabled() and bar.place_button.text() == f"Place claim #{moved} here"
    bar.place_button.click()
    row = fetch_row(project.reader, moved)
    assert row is not None
    assert (row.anchor_start, row.anchor_end, row.anchor_status, row.quote) == (
        start,
        start + len(NEW_WORDS),
        "ok",
        NEW_WORDS,
    )
    assert not bar.isVisible() and moved in {c.claim_id for c in reader._claims}
    assert (
        window.undo_stack.undoText()
        == f"Place claim #{moved} at “We warn Washington against a new ad…”"
    )

    # Undo: an orphan again, with its old words; redo places it again.
    window.act.undo.trigger()
    assert [o.claim_id for o in reader.orphans] == [moved]
    assert OLD_WORDS in (reader.orphans[0].exact or "")
    window.act.redo.trigger()
    assert reader.orphans == []

    # Undoing the placement and then the import gives the earlier text and anchors back.
    window.act.undo.trigger()
    window.act.undo.trigger()
    assert OLD_WORDS in reader.text.toPlainText() and reader.orphans == []
    row = fetch_row(project.reader, moved)
    assert row is not None and row.anchor_status == "ok" and row.quote and OLD_WORDS in row.quote
    window.act.redo.trigger()
    assert NEW_WORDS in reader.text.toPlainText() and [o.claim_id for o in reader.orphans] == [
        moved
    ]

    # The context menu offers the same, once words are selected.
    reader.select_span(start, start + len(NEW_WORDS))
    assert reader.place_claim(moved)
    assert reader.orphans == []


def test_source_details_are_edited_undone_and_stale_edits_refused(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    window.open_reader(1)
    reader = window.reader
    project = window.project
    assert project is not None
    original = source_details(project.reader, 1)
    assert window.act.edit_source.isEnabled()

    def edit(dialog: SourceDetailsDialog) -> None:
        dialog.title.setText("U.S. warns Russia over Idlib")
        dialog.outlet.setText("Bloomberg News")
        assert dialog.outlet_hint.isVisible()  # a new actor, created as a media outlet
        dialog.byline.setText("Nick Wadhams")
        qtbot.keyClicks(dialog.published.edit, "")
        dialog.published.edit.setText("2018-08-26")
        dialog.language.setEditText("xx-nonsense")
        assert not dialog.ok_button.isEnabled() and dialog.problem.isVisible()
        dialog.language.setEditText("en-GB")
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    seen = when_modal(SourceDetailsDialog, edit)
    reader.details_button.click()
    assert seen
    details = source_details(project.reader, 1)
    assert (
        details.title,
        details.outlet,
        details.byline,
        details.published_on,
        details.language,
    ) == (
        "U.S. warns Russia over Idlib",
        "Bloomberg News",
        "Nick Wadhams",
        "2018-08-26",
        "en",
    )
    assert reader.title.text() == "U.S. warns Russia over Idlib"
    assert "Bloomberg News" in reader.meta.text()
    assert window.undo_stack.undoText().startswith(
        "Edit title, outlet, byline and published date of"
    )
    outlet = actor_named(project.reader, "Bloomberg News")
    assert outlet is not None

    window.act.undo.trigger()
    back = source_details(project.reader, 1)
    assert (back.title, back.outlet_id, back.byline, back.published_on) == (
        original.title,
        original.outlet_id,
        original.byline,
        original.published_on,
    )
    assert actor_named(project.reader, "Bloomberg News") is None  # the new outlet is trashed
    assert reader.title.text() == original.title
    window.act.redo.trigger()
    assert source_details(project.reader, 1).outlet_id == outlet.id  # the same actor back

    # From the sidebar's context menu; one field gives a short entry; Cancel changes nothing.
    def retitle(dialog: SourceDetailsDialog) -> None:
        dialog.title.setText("Another title")
        dialog.ok_button.click()

    when_modal(SourceDetailsDialog, retitle)
    window.sidebar.editSourceRequested.emit(1)
    assert (
        window.undo_stack.undoText()
        == "Set title of “U.S. warns Russia over Idlib” to “Another title”"
    )
    when_modal(SourceDetailsDialog, lambda dialog: dialog.reject())
    window.sidebar.editSourceRequested.emit(1)
    assert source_details(project.reader, 1).title == "Another title"


def test_a_stale_source_edit_is_refused(qtbot: QtBot, sample_db: Path) -> None:
    from claimtracker import services
    from claimtracker.schemas import SourceUpdate

    project = Project.open(sample_db)
    try:
        hub = Hub()
        editing = Editing(hub, QUndoStack())
        editing.set_project(project)
        errors: list[object] = []
        editing.errorRaised.connect(lambda error, _action: errors.append(error))
        seen = source_details(project.reader, 1)
        with project.write() as session:  # someone else changes it meanwhile
            services.update_source(session=session, source_id=1, changes=SourceUpdate(byline="X"))
        command = EditSourceCommand(
            editing.context,
            SourceVersions(),
            1,
            {"title": seen.title},
            {"title": "Mine"},
            expected_version=seen.version,
            title=seen.title,
        )
        assert not editing.run(command)
        assert errors and isinstance(errors[0], ConflictError)
        assert source_details(project.reader, 1).title == seen.title
        assert editing.undo_stack.count() == 0
    finally:
        project.close()


def test_a_markdown_article_reads_without_its_markup_and_anchors_stay_verbatim(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    window.open_reader(1)
    reader = window.reader
    stored = reader.source.text  # type: ignore[union-attr]
    assert "**" in stored and "[Bloomberg](#)" in stored
    shown = reader.text.toPlainText()
    assert "**" not in shown and "](#)" not in shown and "\n# " not in f"\n{shown}"
    assert "By Bloomberg" in shown

    # Every claim's highlight covers its stored words as they are shown.
    document = reader.text.document()
    assert reader._claims
    for claim in reader._claims:
        cursor = QTextCursor(document)
        cursor.setPosition(reader._offsets.to_qt(claim.start))
        cursor.setPosition(reader._offsets.to_qt(claim.end), QTextCursor.MoveMode.KeepAnchor)
        words = stored[claim.start : claim.end]
        assert cursor.selectedText() == strip_inline_markdown(words)

    # Words selected on screen become a claim on the stored words, markup included.
    bold = next(line for line in stored.splitlines() if line.startswith("**"))
    inner = bold.strip("*")
    at = shown.index(inner)
    cursor = QTextCursor(document)
    cursor.setPosition(at)
    cursor.setPosition(at + len(inner), QTextCursor.MoveMode.KeepAnchor)
    reader.text.setTextCursor(cursor)
    with qtbot.waitSignal(reader.createClaimRequested) as made:
        reader.create_from_selection()
    _source, start, end, quote = made.args
    assert quote == inner and stored[start:end] == inner


def test_the_side_by_side_quotes_a_markdown_article_as_the_reader_shows_it(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    project = window.project
    assert project is not None
    stored = fetch_source_text(project.reader, 1).text
    first = min(anchored_claims(project.reader, 1), key=lambda claim: claim.start)
    # The words before the first claim hold bold and a link in the stored Markdown.
    assert "**" in stored[: first.start] and "[Bloomberg](#)" in stored[: first.start]

    window.select_claim(first.claim_id)
    qtbot.waitUntil(lambda: window.detail.claim_id == first.claim_id)
    window.show_side_by_side()
    side = window.side_by_side
    qtbot.addWidget(side)
    quotes = [label for label in side.findChildren(QLabel) if label.objectName() == "CardQuote"]
    shown = []
    for label in quotes:
        document = QTextDocument()
        document.setHtml(label.text())
        shown.append(document.toPlainText())
    assert shown and not [text for text in shown if "**" in text or "](#)" in text]
    readable = readable_markdown(stored)
    exact = readable.text[slice(*readable.display_range(first.start, first.end))]
    card = next(text for text in shown if exact in text)
    # The context reads as the reader shows it, its paragraphs joined on one line.
    assert "Report By Bloomberg August 25, 2018 Mikhail Klimentev / TASS" in card
    assert card.endswith("…") and card.index(exact) > 0
    side.close()
