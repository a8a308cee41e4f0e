"""Search that explains itself in the table: the found words are marked, a claim found through
another field says which, and a word finds its other forms (English and Russian)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from claimtracker.query import ClaimFilter
from tests.ui.conftest import wait_loaded
from ui.claims.columns import COLUMNS
from ui.common.roles import MATCH_SPANS_ROLE, MATCHED_ELSEWHERE_ROLE
from ui.common.text_delegate import match_colour
from ui.main_window import MainWindow

TEXT = next(i for i, c in enumerate(COLUMNS) if c.key == "text")
SPEAKER = next(i for i, c in enumerate(COLUMNS) if c.key == "speaker")


@pytest.fixture
def window(make_window: object, sample_db: Path) -> MainWindow:
    return make_window(sample_db)  # type: ignore[operator,no-any-return]


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.claims.set_query(ClaimFilter(text=text))
    wait_loaded(qtbot, window)


def test_found_words_are_marked_and_other_fields_named(qtbot: QtBot, window: MainWindow) -> None:
    model = window.claims
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    _search(qtbot, window, "chemical")
    assert model.rowCount() > 2
    marked = elsewhere = 0
    for row in range(model.rowCount()):
        text = model.index(row, TEXT).data()
        spans = model.index(row, TEXT).data(MATCH_SPANS_ROLE)
        note = model.index(row, TEXT).data(MATCHED_ELSEWHERE_ROLE)
        for start, end in spans:
            assert text[start:end].lower() == "chemical"
        if spans:
            marked += 1
            assert note == ""
        elif note:
            elsewhere += 1
            assert "source title" in note
            assert "Found in the source title" in model.index(row, TEXT).data(3)  # tooltip
    assert marked and elsewhere


def test_without_a_search_nothing_is_marked(qtbot: QtBot, window: MainWindow) -> None:
    model = window.claims
    assert model.index(0, TEXT).data(MATCH_SPANS_ROLE) == ()
    assert model.index(0, TEXT).data(MATCHED_ELSEWHERE_ROLE) == ""


def test_a_speakers_name_is_marked_in_its_column(qtbot: QtBot, window: MainWindow) -> None:
    model = window.claims
    _search(qtbot, window, "ryabkov")
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        speaker = model.index(row, SPEAKER).data()
        spans = model.index(row, SPEAKER).data(MATCH_SPANS_ROLE)
        if speaker == "Sergei Ryabkov":
            assert [speaker[a:b] for a, b in spans] == ["Ryabkov"]


def test_a_russian_word_finds_its_other_cases_in_the_app(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.detail.editor
    window.select_claim(1)
    editor.notes.setPlainText("Источник говорит о провокациях")
    editor.notes.commit()
    _search(qtbot, window, "провокация")
    assert [window.claims.claim_id(row) for row in range(window.claims.rowCount())] == [1]
    spans = window.claims.index(0, TEXT).data(MATCH_SPANS_ROLE)
    assert spans == ()  # found in the notes, not the claim
    assert window.claims.index(0, TEXT).data(MATCHED_ELSEWHERE_ROLE) == "notes"


def test_the_claim_panel_follows_a_filter_that_hides_its_claim(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.select_claim(4)  # "Russia is very concerned by the U.S. threat"
    assert window.detail.claim_id == 4
    window.filter_bar.search.setText("Bolton")
    qtbot.waitUntil(lambda: window.detail.claim_id == 0, timeout=5000)
    assert window.claims.row_of(4) is None
    window.filter_bar.search.setText("")
    wait_loaded(qtbot, window)
    window.select_claim(3)  # "Bolton told Patrushev …" stays when the filter keeps it
    window.filter_bar.search.setText("Bolton")
    qtbot.waitUntil(lambda: not window.claims.loading, timeout=5000)
    qtbot.wait(400)
    assert window.detail.claim_id == 3


def test_the_reader_marks_the_searched_words(qtbot: QtBot, window: MainWindow) -> None:
    window.open_reader(1)
    reader = window.reader
    window.filter_bar.search.setText("chemical")
    qtbot.waitUntil(lambda: not window.claims.loading, timeout=5000)
    qtbot.waitUntil(lambda: bool(reader._marks), timeout=5000)
    amber = match_colour(reader.text.palette())
    marked = [
        s.cursor.selectedText()
        for s in reader.text.extraSelections()
        if s.format.background().color() == amber
    ]
    shown = reader.text.toPlainText()
    expected = re.findall(r"\bchemicals?\b", shown, flags=re.IGNORECASE)
    assert marked and sorted(m.lower() for m in marked) == sorted(e.lower() for e in expected)
    window.filter_bar.search.setText("")
    qtbot.waitUntil(lambda: not reader._marks, timeout=5000)
    assert not any(s.format.background().color() == amber for s in reader.text.extraSelections())


def test_the_side_by_side_view_marks_the_searched_words(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QLabel

    from ui.claims.side_by_side.claim_card import ClaimCard

    window.filter_bar.set_search_text("provocations")
    wait_loaded(qtbot, window)
    assert window.claims.rowCount() > 0
    window.act.side_by_side.trigger()
    side = window.side_by_side
    qtbot.waitUntil(lambda: side.dispute is not None and bool(side.findChildren(ClaimCard)))
    colour = match_colour(side.palette())
    marker = f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {colour.alpha()})"

    def marked_words(label: QLabel) -> list[str]:
        pattern = re.escape(marker) + r';">([^<]*)</span>'
        return re.findall(pattern, label.text())

    found: list[str] = []
    for card in side.findChildren(ClaimCard):
        for label in card.findChildren(QLabel):
            found += marked_words(label)
    # Other forms of the word are marked too ("provocation", "provocations").
    assert found and {word.lower() for word in found} <= {"provocation", "provocations"}
    assert "provocation" in {word.lower() for word in found}
    # Only searched parts are marked: the speaker, not the status that holds the same word.
    from claimtracker.query.explain import highlighter
    from ui.claims.side_by_side.claim_card import field_html

    row = side.findChildren(ClaimCard)[0].row
    assert row.speaker
    named = highlighter(f"{row.speaker} {row.status}")
    assert marker in field_html(row, "speaker", named, side.palette())
    assert marker not in field_html(row, "status", named, side.palette())
    side.close()

    # Without a search nothing is marked.
    window.filter_bar.clear()
    wait_loaded(qtbot, window)
    window.act.side_by_side.trigger()
    qtbot.waitUntil(lambda: side.dispute_ids != [] and side.dispute is not None)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the cards shown before
    assert side.findChildren(ClaimCard)
    for card in side.findChildren(ClaimCard):
        for label in card.findChildren(QLabel):
            assert marker not in label.text()
    side.close()


def test_marked_text_escapes_what_it_marks(qtbot: QtBot) -> None:
    from PySide6.QtGui import QPalette

    from claimtracker.query.explain import highlighter
    from ui.common.marked_text import marked_html

    shown = marked_html("<b>Warns</b> & warned\nagain", highlighter("warn"), QPalette())
    assert "<b>" not in shown and "&lt;b&gt;" in shown and "&amp;" in shown
    assert shown.count("<span") == 2 and "<br>" in shown
