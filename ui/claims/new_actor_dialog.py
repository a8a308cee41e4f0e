"""Confirming a new speaker: a name the project does not know becomes an actor only if the
analyst says so (and says what kind of actor it is)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from claimtracker.vocabulary import ACTOR_KINDS
from ui.claims.editor_fields import VocabularyCombo


def guess_kind(name: str) -> str:
    lowered = name.casefold()
    if any(w in lowered for w in ("people", "sources", "officials", "familiar", "diplomats")):
        return "described_group"
    if any(w in lowered for w in ("ministry", "government", "department", "council", "army")):
        return "government_body"
    if any(w in lowered for w in ("news", "times", "agency", "tass", "reuters", "bloomberg")):
        return "media_outlet"
    if len(name.split()) in (2, 3) and all(part[:1].isupper() for part in name.split()):
        return "person"
    return "unknown"


class NewActorDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New speaker")
        message = QLabel(f"“{name}” is not an actor of this project yet. Create it as a new actor?")
        message.setWordWrap(True)
        self.kind = VocabularyCombo(ACTOR_KINDS)
        self.kind.set_code(guess_kind(name))
        form = QFormLayout()
        form.addRow("Kind", self.kind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Create actor")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_kind(self) -> str:
        return self.kind.code() or "unknown"
