"""The claim editor and the reader: every field saved as the analyst goes, each undoable;
refused values go back; the reader shows plain text and its highlights select claims."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from claimtracker.articles.readable import readable_markdown
from tests.ui.conftest import wait_loaded
from tests.ui.helpers import choose, pick_completion
from ui.main_window import MainWindow
from ui.sources.reader.offsets import TextOffsets


def first_claim(window: MainWindow, text_start: str) -> int:
    claims = window.claims
    for row in range(claims.rowCount()):
        snapshot = claims.claim_row(row)
        if snapshot is not None and snapshot.text.startswith(text_start):
            return snapshot.id
    raise AssertionError(text_start)


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def test_each_field_is_saved_and_undone_one_step_at_a_time(
    qtbot: QtBot, window: MainWindow
) -> None:
    claim_id = first_claim(window, "Rebels in Idlib")
    window.select_claim(claim_id)
    editor = window.detail.editor
    stack = window.undo_stack
    before = stack.count()
    original = editor.row
    assert original is not None

    choose(editor.likelihood, "likely")
    assert stack.undoText() == f"Set likelihood of #{claim_id} to Likely"
    choose(editor.confidence, "moderate")
    editor.source_count.setValue(3)
    editor.source_count.editingFinished.emit()
    assert stack.undoText() == f"Set number of sources of #{claim_id} to 3"
    editor.event_on.edit.setText("2018-09-01")
    editor.event_on.edit.editingFinished.emit()
    assert stack.undoText() == f"Set event date of #{claim_id} to 2018-09-01"
    editor.tags.setText("idlib, rebels")
    editor.tags.editingFinished.emit()
    editor.notes.setPlainText("Estimate; check against UN figures.")
    editor.notes.commit()
    assert stack.undoText() == f"Edit notes of #{claim_id}"
    row = editor.row
    assert row is not None
    assert (row.likelihood, row.confidence, row.source_count, row.event_on[:10]) == (
        "likely",
        "moderate",
        3,
        "2018-09-01",
    )
    assert (
        row.tags == ("Idlib", "rebels") and row.notes
    )  # the project's own "Idlib" tag == "Estimate; check against UN figures."
    assert stack.count() == before + 6

    for _ in range(6):
        window.act.undo.trigger()
    row = editor.row
    assert row is not None
    fields = ("likelihood", "confidence", "source_count", "event_on", "tags", "notes")
    assert [getattr(row, f) for f in fields] == [getattr(original, f) for f in fields]
    assert editor.event_on.date() is None and editor.tags.text() == ", ".join(original.tags)


def test_typing_pauses_merge_into_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    claim_id = first_claim(window, "Rebels in Idlib")
    window.select_claim(claim_id)
    editor = window.detail.editor
    count = window.undo_stack.count()
    editor.notes.setPlainText("First")
    editor.notes.commit()
    editor.notes.setPlainText("First thoughts")
    editor.notes.commit()
    assert window.undo_stack.count() == count + 1
    window.act.undo.trigger()
    assert editor.row is not None and editor.row.notes is None


def test_a_value_the_core_refuses_is_explained_and_put_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.main_window as main_window

    shown: list[str] = []
    monkeypatch.setattr(
        main_window, "show_error", lambda _p, error, action="": shown.append(str(error))
    )
    window.editing.errorRaised.disconnect()
    window.editing.errorRaised.connect(lambda error, action: shown.append(str(error)))
    claim_id = first_claim(window, "Rebels in Idlib")
    window.select_claim(claim_id)
    editor = window.detail.editor
    editor.text.setPlainText("   ")
    editor.text.commit()
    assert shown and "must not be empty" in shown[0]
    assert editor.text.toPlainText() == "Rebels in Idlib number tens of thousands of fighters"


def test_a_new_speaker_is_created_inline_with_its_kind_in_the_same_undoable_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    from claimtracker.query.choices import actor_named

    claim_id = first_claim(window, "Rebels in Idlib")
    window.select_claim(claim_id)
    editor = window.detail.editor
    assert window.project is not None
    reader = window.project.reader
    before = editor.row.speaker if editor.row else None
    steps = window.undo_stack.count()

    name = "Idlib health directorate"
    offered = pick_completion(
        qtbot, editor.speaker, name, f"Create speaker “{name}” — Government body"
    )
    assert offered[0] == f"Create speaker “{name}” — Unknown"  # the kind guessed first
    assert len(offered) == 6 and QApplication.activeModalWidget() is None  # no dialog
    assert editor.row is not None and editor.row.speaker == name
    created = actor_named(reader, name)
    assert created is not None and created.detail == "government_body"
    assert window.undo_stack.count() == steps + 1
    assert window.undo_stack.undoText() == (
        f"Create speaker {name} (government body) for #{claim_id}"
    )

    # One undo takes back the speaker and the new actor; redo brings both.
    window.act.undo.trigger()
    assert editor.row is not None and editor.row.speaker == before
    assert actor_named(reader, name) is None
    window.act.redo.trigger()
    assert editor.row is not None and editor.row.speaker == name
    assert actor_named(reader, name) is not None

    # A known name (or alias) is set as it is; the new actor now completes like the others.
    offered = pick_completion(qtbot, editor.speaker, "ryab", "Sergei Ryabkov")
    assert "Sergei Ryabkov" in offered
    assert offered[-1] == "Create speaker “ryab” — Unknown"  # names match: one create line
    assert editor.row is not None and editor.row.speaker == "Sergei Ryabkov"
    assert editor.row.rating.startswith("C")  # the speaker's reliability letter
    offered = pick_completion(qtbot, editor.speaker, "health dir", name)
    assert editor.row is not None and editor.row.speaker == name

    # Enter on a new name creates it with the kind of the completer's first line.
    editor.speaker.setFocus()
    editor.speaker.clear()
    QTest.keyClicks(editor.speaker, "Syrian Civil Defence")
    editor.speaker.completer().popup().hide()
    QTest.keyClick(editor.speaker, Qt.Key.Key_Return)
    assert editor.row is not None and editor.row.speaker == "Syrian Civil Defence"
    made = actor_named(reader, "Syrian Civil Defence")
    assert made is not None and made.detail == "person"

    # Esc takes the typing back: nothing is created.
    steps = window.undo_stack.count()
    editor.speaker.setFocus()
    editor.speaker.clear()
    QTest.keyClicks(editor.speaker, "Nobody at all")
    editor.speaker.completer().popup().hide()
    QTest.keyClick(editor.speaker, Qt.Key.Key_Escape)
    assert editor.speaker.text() == "Syrian Civil Defence"
    assert window.undo_stack.count() == steps and actor_named(reader, "Nobody at all") is None


def test_reliability_belongs_to_the_speaker_and_changes_all_their_claims(
    qtbot: QtBot, window: MainWindow
) -> None:
    claim_id = first_claim(window, "Russia is very concerned")
    window.select_claim(claim_id)
    editor = window.detail.editor
    assert "Sergei Ryabkov" in editor.rating.owner.text()
    choose(editor.rating.reliability, "B")
    assert window.undo_stack.undoText() == "Set reliability of Sergei Ryabkov to B"
    other = first_claim(window, "We caution Washington")
    row = window.claims.row_of(other)
    assert row is not None and (window.claims.claim_row(row) or object()).rating.startswith("B")  # type: ignore[attr-defined]
    window.act.undo.trigger()
    assert (window.claims.claim_row(row) or object()).rating.startswith("C")  # type: ignore[attr-defined]


def test_date_fields_take_typed_dates_and_the_calendar(qtbot: QtBot, window: MainWindow) -> None:
    claim_id = first_claim(window, "Rebels in Idlib")
    window.select_claim(claim_id)
    field = window.detail.editor.said_on
    field.edit.setText("2018-13-40")  # not a date: nothing is saved
    field.edit.editingFinished.emit()
    assert window.detail.editor.row is not None and window.detail.editor.row.said_on is None
    field._prepare_calendar()
    field._on_calendar(field.calendar.selectedDate().addDays(-1))
    expected = date.today().toordinal() - 1
    assert field.date() is not None and field.date().toordinal() == expected  # type: ignore[union-attr]
    assert window.detail.editor.row.said_on[:10] == date.fromordinal(expected).isoformat()  # type: ignore[index]


def test_the_reader_shows_plain_text_and_a_click_on_a_highlight_selects_its_claim(
    qtbot: QtBot, window: MainWindow
) -> None:
    claim_id = first_claim(window, "Assad may be planning")
    window.select_claim(claim_id)
    window.act.open_reader.trigger()
    reader = window.reader
    assert window.reader_area.isVisible()
    # Markdown is shown as a reader sees it (issue 16), as plain text, never as HTML.
    shown = readable_markdown(reader.source.text).text  # type: ignore[union-attr]
    assert reader.text.document().toPlainText() == shown
    assert "# U.S. Warns" not in reader.text.toPlainText() and "U.S. Warns" in shown
    assert "14 claims highlighted" in reader.claims_label.text()
    other = first_claim(window, "No chemical weapons were used")
    start = next(c.start for c in reader._claims if c.claim_id == other)
    reader._on_clicked(reader._offsets.to_qt(start) + 2)
    assert window.table.current_claim_id() == other
    assert window.detail.editor.row is not None and window.detail.editor.row.id == other
    assert "No chemical weapons" in reader._tooltip_at(reader._offsets.to_qt(start) + 2)


def test_html_in_a_source_is_shown_as_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = tmp_path / "note.txt"
    page.write_text(
        'Officials said <img src="http://example.com/x.png"> <b>nothing</b> happened.',
        encoding="utf-8",
    )
    window.files.import_articles([page])
    qtbot.waitUntil(
        lambda: (
            window._reader is not None
            and window.reader.source_id != 0
            and "Officials" in window.reader.text.toPlainText()
        ),
        timeout=10_000,
    )
    assert '<img src="http://example.com/x.png"> <b>nothing</b>' in window.reader.text.toPlainText()


@given(st.text(alphabet=st.sampled_from(["a", "é", "😀", "\n", " ", "字", "𝔘"]), max_size=40))
def test_reader_offsets_round_trip_python_and_qt_positions(text: str) -> None:
    offsets = TextOffsets(text)
    for index in range(len(text) + 1):
        qt = len(text[:index].encode("utf-16-le")) // 2
        assert offsets.to_qt(index) == qt
        assert offsets.to_python(qt) == index


def test_a_claim_made_in_the_reader_around_an_emoji_keeps_the_exact_words(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = tmp_path / "post.txt"
    page.write_text(
        "Title\n\nThe minister 😀 said the talks were 👍 productive today.\n", encoding="utf-8"
    )
    window.files.import_articles([page])
    qtbot.waitUntil(
        lambda: window._reader is not None and "productive" in window.reader.text.toPlainText(),
        timeout=10_000,
    )
    wait_loaded(qtbot, window)
    reader = window.reader
    text = reader.source.text  # type: ignore[union-attr]
    start = text.index("said the talks")
    end = text.index(" today")
    reader.select_span(start - 1, end + 1)  # a sloppy selection: spaces are trimmed
    claim_id = window.create_claim_at(reader.source_id, *reader.selected_span(), text[start:end])  # type: ignore[misc]
    assert claim_id
    row = window.detail.editor.row
    assert row is not None and row.quote == "said the talks were 👍 productive"
    assert (row.anchor_start, row.anchor_end) == (start, end)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # the view still answers


def test_a_long_descriptor_opens_at_its_start(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.detail.editor
    claims = [window.claims.claim_row(row) for row in range(window.claims.rowCount())]
    wordy = max((row for row in claims if row and row.descriptor), key=lambda r: len(r.descriptor))
    short = next(row for row in claims if row and row.id != wordy.id)
    descriptor = editor.descriptor
    for claim in (wordy, short, wordy):  # as opened, and as opened again from another claim
        window.select_claim(claim.id)
        qtbot.waitUntil(lambda c=claim: editor.row is not None and editor.row.id == c.id)
        assert descriptor.text() == (claim.descriptor or "")
        assert descriptor.cursorPosition() == 0
    # Longer than the field, so its end would be in sight and its start cut off otherwise.
    metrics = descriptor.fontMetrics()
    assert metrics.horizontalAdvance(descriptor.text()) > descriptor.width()
    assert descriptor.cursorRect().left() < metrics.averageCharWidth() * 2


def test_a_long_speaker_opens_at_its_start(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.detail.editor
    claims = [window.claims.claim_row(row) for row in range(window.claims.rowCount())]
    wordy = max((row for row in claims if row and row.speaker), key=lambda r: len(r.speaker))
    short = next(row for row in claims if row and row.id != wordy.id)
    speaker = editor.speaker
    for claim in (wordy, short, wordy):  # as opened, and as opened again from another claim
        window.select_claim(claim.id)
        qtbot.waitUntil(lambda c=claim: editor.row is not None and editor.row.id == c.id)
        assert speaker.text() == (claim.speaker or "")
        assert speaker.cursorPosition() == 0
