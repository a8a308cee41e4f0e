"""The assistant's review panel, driven as an analyst would: import the sample article, ask for
suggestions, accept some (ticked, selected, all), edit one before accepting, reject one, and
undo and redo; the claims appear in the table and the reader, counter pairs become links."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from claimtracker.assistant import suggest
from claimtracker.paths import resources_dir
from claimtracker.query import fetch_row, links_of
from claimtracker.query.choices import actor_named
from tests.ui.helpers import choose, drop_files, when_modal
from ui.assistant.edit_dialog import SuggestionEditDialog
from ui.assistant.review_state import ReviewState
from ui.assistant.suggestions_model import (
    ACCEPTED_CLAIM_ROLE,
    DONE,
    OPEN,
    REJECTED,
    REVIEW_STATE_ROLE,
    SPAN_ROLE,
    SPEAKER_ROLE,
    SuggestionsModel,
)
from ui.common.roles import BADGE_CODE_ROLE
from ui.main_window import MainWindow

SAMPLE = resources_dir() / "sample" / "us-warns-russia-2018-08-25.md"
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal
CAUTION = "We caution Washington against another military escapade"
PROVOCATIONS = "When things don't turn out the way the U.S. and its allies want"


def open_assistant(qtbot: QtBot, window: MainWindow) -> None:
    window.act.suggest_claims.trigger()
    assistant = window.source_tools.assistant
    qtbot.waitUntil(lambda: assistant.panel.showing_list and assistant.model.rowCount() > 0)


def number_of(window: MainWindow, words: str) -> int:
    state = window.source_tools.assistant.model.state
    assert state is not None
    return next(i for i, s in enumerate(state.proposed) if words in s.text)


def index_of(window: MainWindow, number: int) -> QModelIndex:
    model = window.source_tools.assistant.model
    row = model.row_of(number)
    assert row is not None, f"suggestion {number + 1} is not shown"
    return model.index(row)


def import_sample(qtbot: QtBot, window: MainWindow) -> None:
    drop_files(window, [SAMPLE])
    qtbot.waitUntil(
        lambda: window._reader is not None and window.reader.source_id != 0, timeout=15_000
    )
    qtbot.waitUntil(lambda: not window.ops.busy)


def test_review_accept_edit_reject_undo(qtbot: QtBot, make_window: object, empty_db: Path) -> None:
    window: MainWindow = make_window(empty_db)  # type: ignore[operator]
    assistant = window.source_tools.assistant
    tester = QAbstractItemModelTester(assistant.model, FATAL)
    import_sample(qtbot, window)
    reader = window.reader

    # The import offers the assistant; taking the offer opens the panel on the new article.
    assert reader.notice_bar.isVisible() and "assistant" in reader.notice_bar.message.text()
    reader.notice_bar.button.click()
    qtbot.waitUntil(lambda: assistant.panel.showing_list and assistant.model.rowCount() > 0)
    panel = assistant.panel
    assert window.source_tools.dock.isVisible() and not reader.notice_bar.isVisible()
    assert window.act.show_assistant.isChecked()
    model = assistant.model
    assert model.rowCount() == len(suggest(reader.source.text))  # type: ignore[union-attr]
    assert "U.S. Warns Russia" in panel.source_title.text()

    # What it proposes: Ryabkov's two direct quotes on the record, the four people familiar
    # as anonymous.
    caution, provocations = number_of(window, CAUTION), number_of(window, PROVOCATIONS)
    for number in (caution, provocations):
        index = index_of(window, number)
        assert index.data(SPEAKER_ROLE) == "Sergei Ryabkov"
        assert index.data(BADGE_CODE_ROLE) == "on_record"
    four = [
        model.index(row)
        for row in range(model.rowCount())
        if model.index(row).data(SPEAKER_ROLE) == "four people familiar with the discussions"
    ]
    assert four and {index.data(BADGE_CODE_ROLE) for index in four} == {"anonymous"}

    # Choosing a suggestion outlines its words in the reader.
    panel.list.setCurrentIndex(index_of(window, caution))
    start, end = index_of(window, caution).data(SPAN_ROLE)
    assert reader.suggestion_span == (start, end)
    assert CAUTION in reader.source.text[start:end]  # type: ignore[union-attr]

    # Tick the two quotes and accept: two claims, one undo step.
    for number in (caution, provocations):
        index = index_of(window, number)
        rect = panel.delegate.check_rect(_option(panel, index))
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert model.checked() == sorted([caution, provocations])
    assert panel.accept_button.text() == "Accept 2 Ticked"
    before = window.claims.rowCount()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.claims.rowCount() == before + 2)
    assert window.undo_stack.undoText().startswith("Accept 2 suggestions from “U.S. Warns Russia")
    made = [int(index_of(window, n).data(ACCEPTED_CLAIM_ROLE)) for n in (caution, provocations)]
    assert all(made) and {
        index_of(window, n).data(REVIEW_STATE_ROLE) for n in (caution, provocations)
    } == {DONE}
    project = window.project
    assert project is not None
    for claim_id in made:
        row = fetch_row(project.reader, claim_id)
        assert row is not None
        assert (row.speaker, row.attribution, row.source_id) == (
            "Sergei Ryabkov",
            "on_record",
            reader.source_id,
        )
        assert window.claims.row_of(claim_id) is not None
    assert {c.claim_id for c in reader._claims} == set(made)  # highlighted in the reader
    assert "2 claims highlighted" in reader.claims_label.text()

    # A counter pair: the allegation first, then the denial; accepting the second links them.
    denial = number_of(window, "no chemical weapons were used")
    target = suggest(reader.source.text)[denial].counter_to[0]  # type: ignore[union-attr]
    panel.select_suggestion(target)
    panel.accept_action.trigger()
    allegation = int(index_of(window, target).data(ACCEPTED_CLAIM_ROLE))
    assert allegation
    panel.select_suggestion(denial)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    denied = int(index_of(window, denial).data(ACCEPTED_CLAIM_ROLE))
    assert denied
    assert [(link.other_id, link.opposing) for link in links_of(project.reader, denied)] == [
        (allegation, True)
    ]

    # Undo: the denial's claim and its link go to the trash; redo brings the same ones back.
    window.act.undo.trigger()
    assert index_of(window, denial).data(REVIEW_STATE_ROLE) == OPEN
    assert fetch_row(project.reader, denied).deleted_at is not None  # type: ignore[union-attr]
    assert links_of(project.reader, allegation) == []
    window.act.redo.trigger()
    assert int(index_of(window, denial).data(ACCEPTED_CLAIM_ROLE)) == denied
    assert [link.other_id for link in links_of(project.reader, allegation)] == [denied]

    # Edit a suggestion before accepting it: another speaker (a new actor), other words.
    officials = number_of(window, "U.S. officials say they have information")
    panel.select_suggestion(officials)

    def edit(dialog: SuggestionEditDialog) -> None:
        dialog.speaker.setText("U.S. intelligence officials")
        assert dialog.new_actor_hint.isVisible()
        choose(dialog.kind, "described_group")
        choose(dialog.attribution, "anonymous")
        dialog.wording.setPlainText("Assad may be planning a chemical attack in Idlib")
        dialog.accept_button.click()

    edited = when_modal(SuggestionEditDialog, edit)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert edited
    claim_id = int(index_of(window, officials).data(ACCEPTED_CLAIM_ROLE))
    row = fetch_row(project.reader, claim_id)
    assert row is not None
    assert (row.speaker, row.text) == (
        "U.S. intelligence officials",
        "Assad may be planning a chemical attack in Idlib",
    )
    assert actor_named(project.reader, "U.S. intelligence officials") is not None
    window.act.undo.trigger()  # the new speaker goes to the trash with the claim
    assert actor_named(project.reader, "U.S. intelligence officials") is None
    assert index_of(window, officials).data(SPEAKER_ROLE) == "U.S. intelligence officials"

    # Reject one: hidden, listed again with "Show rejected", restored.
    estimate = number_of(window, "They are estimated to number tens of thousands")
    panel.select_suggestion(estimate)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert model.row_of(estimate) is None and model.counts()[REJECTED] == 1
    panel.show_rejected.click()
    assert index_of(window, estimate).data(REVIEW_STATE_ROLE) == REJECTED
    panel.select_suggestion(estimate)
    assert panel.reject_button.text() == "Restore"
    panel.reject_button.click()
    assert index_of(window, estimate).data(REVIEW_STATE_ROLE) == OPEN
    panel.show_rejected.click()

    # Accept all the rest at once.
    open_count = model.counts()[OPEN]
    panel.accept_all_button.click()
    assert model.counts()[OPEN] == 0 and model.counts()[DONE] == model.rowCount()
    assert window.undo_stack.undoText().startswith(f"Accept {open_count} suggestions")
    del tester


def _option(panel: object, index: QModelIndex) -> object:
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.rect = panel.list.visualRect(index)  # type: ignore[attr-defined]
    option.widget = panel.list  # type: ignore[attr-defined]
    return option


def test_the_model_passes_the_tester_through_every_change(qtbot: QtBot) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    proposed = tuple(suggest(text))
    model = SuggestionsModel()
    tester = QAbstractItemModelTester(model, FATAL)
    state = ReviewState(1, "Sample", text, proposed)
    model.set_review(state, {})
    assert model.rowCount() == len(proposed)
    first, last = proposed[0], proposed[-1]
    model.set_claims_at({(first.start, first.end): 7})
    assert model.index(0).data(REVIEW_STATE_ROLE) == DONE
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(model.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked() == [1]
    model.set_rejected([1, 2, len(proposed) - 1], True)
    assert model.rowCount() == len(proposed) - 3 and model.checked() == []
    model.set_show_rejected(True)
    assert model.rowCount() == len(proposed)
    model.set_show_rejected(False)
    model.set_claims_at(
        {(first.start, first.end): 7, (last.start, last.end): 9}
    )  # a rejected one accepted elsewhere
    assert model.row_of(len(proposed) - 1) is not None
    model.set_all_checked(True)
    assert set(model.checked()) == set(model.numbers(OPEN))
    model.set_rejected([1, 2], False)
    model.set_review(None, {})
    assert model.rowCount() == 0
    model.set_review(state, {})
    for role in range(300):  # every role of a row answers without error
        model.index(0).data(role)
    del tester


def test_the_panel_follows_the_reader_and_its_view_action(
    qtbot: QtBot, make_window: object, sample_db: Path
) -> None:
    from claimtracker import services
    from claimtracker.schemas import SourceCreate

    window: MainWindow = make_window(sample_db)  # type: ignore[operator]
    window.open_reader(1)
    open_assistant(qtbot, window)
    assistant = window.source_tools.assistant
    panel = assistant.panel
    assert panel.accept_all_button.isEnabled()
    # Accepting the current suggestion goes on to the next one still to review.
    first = panel.current_number()
    panel.accept_action.trigger()
    assert panel.current_number() > first
    assert assistant.model.review_state(panel.current_number()) == OPEN

    # Closing the dock removes the outline in the reader; the View action shows it again.
    assert window.reader.suggestion_span is not None
    window.act.show_assistant.setChecked(False)
    assert not window.source_tools.dock.isVisible() and window.reader.suggestion_span is None
    window.act.show_assistant.setChecked(True)
    assert window.source_tools.dock.isVisible()

    # A source known only from a CSV report has no text to read: the panel says so.
    project = window.project
    assert project is not None
    with project.write() as session:
        bare, _ = services.create_source(
            session=session, source_in=SourceCreate(title="Known by its URL", url="https://e.x/1")
        )
        bare_id = int(bare.id or 0)
    window.open_reader(bare_id)
    assert not panel.showing_list and "no text yet" in panel.message.text()
    assert not panel.accept_all_button.isEnabled()
    window.open_reader(1)  # back: the review made before is still there
    assert panel.showing_list and assistant.model.counts()[DONE] >= 1


def test_a_claim_made_from_the_same_words_marks_the_suggestion_already_a_claim(
    qtbot: QtBot,
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    proposed = tuple(suggest(text))
    model = SuggestionsModel()
    tester = QAbstractItemModelTester(model, FATAL)
    model.set_review(ReviewState(1, "Sample", text, proposed), {})
    quoted = next(n for n, s in enumerate(proposed) if s.quote and len(s.quote) < len(s.text) / 2)
    s = proposed[quoted]
    inside = s.start + s.text.index(s.quote.split(" … ")[0])
    # A claim made by hand on the quoted words only: the suggestion repeats it.
    model.set_claims_at({(inside, inside + len(s.quote.split(" … ")[0])): 12})
    assert model.index(model.row_of(quoted)).data(REVIEW_STATE_ROLE) == DONE
    assert model.claim_of(quoted) == 12
    # Words elsewhere in the article leave it open.
    model.set_claims_at({(0, 5): 12})
    assert model.index(model.row_of(quoted)).data(REVIEW_STATE_ROLE) == OPEN
    del tester
