"""Correcting a suggestion before it becomes a claim: the wording, the speaker (completed from the
project's actors; a new name says it will become an actor), attribution, descriptor and count.

The words in the article stay where they are: the claim is anchored to them whatever the
wording says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Slot
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.vocabulary import ACTOR_KINDS, ATTRIBUTIONS
from ui.assistant.review_state import SuggestionEdit, default_wording
from ui.claims.editor_fields import CountSpin, VocabularyCombo
from ui.claims.speaker_field import guess_kind

if TYPE_CHECKING:
    from claimtracker.assistant import Suggestion


class SuggestionEditDialog(QDialog):
    """Edits one suggestion; ``accept_now`` says whether the analyst also accepted it."""

    def __init__(
        self,
        number: int,
        original: Suggestion,
        current: Suggestion,
        wording: str,
        *,
        actor_names: list[str],
        is_known_actor: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit suggestion {number + 1}")
        self.setMinimumWidth(560)
        self._original = original
        self._is_known = is_known_actor
        self.accept_now = False

        words = QLabel(" ".join(original.text.split()))
        words.setObjectName("SuggestionWords")
        words.setWordWrap(True)
        words.setTextFormat(Qt.TextFormat.PlainText)
        words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words.setToolTip("The words in the article the claim will be anchored to")

        self.wording = QPlainTextEdit(wording)
        self.wording.setTabChangesFocus(True)
        self.wording.setFixedHeight(self.wording.fontMetrics().lineSpacing() * 3 + 14)
        self.wording.setPlaceholderText("The claim, as you would phrase it")

        self.speaker = QLineEdit(current.speaker or "")
        self.speaker.setClearButtonEnabled(True)
        self.speaker.setPlaceholderText("Who asserts it (empty: the article itself)")
        completer = QCompleter(QStringListModel(actor_names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.speaker.setCompleter(completer)
        self.new_actor_hint = QLabel()
        self.new_actor_hint.setObjectName("FieldHint")
        self.new_actor_hint.setWordWrap(True)
        self.kind = VocabularyCombo(ACTOR_KINDS)
        self.kind.set_code(current.speaker_kind if current.speaker else "unknown")
        self.kind.setToolTip("What kind of actor the new speaker is")
        self._kind_chosen = False
        self.kind.codeChosen.connect(self._on_kind_chosen)
        new_actor = QHBoxLayout()
        new_actor.setContentsMargins(0, 0, 0, 0)
        new_actor.addWidget(self.new_actor_hint, 1)
        new_actor.addWidget(self.kind)

        self.attribution = VocabularyCombo(ATTRIBUTIONS)
        self.attribution.set_code(current.attribution)
        self.descriptor = QLineEdit(current.descriptor or "")
        self.descriptor.setPlaceholderText("The article's words, e.g. “people familiar with…”")
        self.source_count = CountSpin()
        self.source_count.set_count(current.source_count)
        self.source_count.setToolTip("How many sources the article says stand behind the claim")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("In the article", words)
        form.addRow("Claim", self.wording)
        form.addRow("Speaker", self.speaker)
        form.addRow("", new_actor)
        form.addRow("Attribution", self.attribution)
        form.addRow("Descriptor", self.descriptor)
        form.addRow("Sources behind", self.source_count)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Reset
        )
        self.accept_button = QPushButton("Save and Accept")
        self.accept_button.setDefault(True)
        self.accept_button.setToolTip("Keep these changes and make the suggestion a claim now")
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setToolTip("Keep these changes; accept the suggestion later")
            save.clicked.connect(self._save)
        reset = self.buttons.button(QDialogButtonBox.StandardButton.Reset)
        if reset is not None:
            reset.setText("As Proposed")
            reset.setToolTip("Go back to what the assistant proposed")
            reset.clicked.connect(self._reset)
        self.accept_button.clicked.connect(self._save_and_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.speaker.textChanged.connect(self._on_speaker_changed)
        self._on_speaker_changed(self.speaker.text())
        self.wording.setFocus()

    # -- what the analyst chose -----------------------------------------------------------

    def edit(self) -> SuggestionEdit:
        original = self._original
        speaker = " ".join(self.speaker.text().split()) or None
        if speaker is None:
            kind = "unknown"
        elif self._is_known(speaker):  # the actor exists: its kind is already set
            kind = original.speaker_kind if speaker == original.speaker else "unknown"
        else:
            kind = self.kind.code() or "unknown"
        wording = " ".join(self.wording.toPlainText().split()) or default_wording(original.text)
        return SuggestionEdit(
            speaker=speaker,
            speaker_kind=kind,
            attribution=self.attribution.code() or "unknown",
            descriptor=" ".join(self.descriptor.text().split()) or None,
            source_count=self.source_count.count(),
            wording=wording,
        )

    # -- slots ----------------------------------------------------------------------------

    @Slot(str)
    def _on_speaker_changed(self, text: str) -> None:
        name = " ".join(text.split())
        new = bool(name) and not self._is_known(name)
        self.new_actor_hint.setText("A new actor: accepting creates it as" if new else "")
        if new and not self._kind_chosen:
            same = name == (self._original.speaker or "")
            self.kind.set_code(self._original.speaker_kind if same else guess_kind(name))
        self.new_actor_hint.setVisible(new)
        self.kind.setVisible(new)

    @Slot(object)
    def _on_kind_chosen(self, _code: object) -> None:
        self._kind_chosen = True  # the analyst's choice: no more guessing from the name

    @Slot()
    def _reset(self) -> None:
        original = self._original
        self.wording.setPlainText(default_wording(original.text))
        self.speaker.setText(original.speaker or "")
        self.kind.set_code(original.speaker_kind)
        self.attribution.set_code(original.attribution)
        self.descriptor.setText(original.descriptor or "")
        self.source_count.set_count(original.source_count)

    @Slot()
    def _save(self) -> None:
        self.accept_now = False
        self.accept()

    @Slot()
    def _save_and_accept(self) -> None:
        self.accept_now = True
        self.accept()
