"""The speaker field: a name completed from the project's actors, and a new name created in
place — no dialog.

While the typed name is not an actor's, the completer ends with "Create speaker “X” — Person"
(the kind guessed from the name first, then every other kind — only the first when actors'
names match too); choosing one creates the actor
in the same undoable step that sets the speaker. Enter or leaving the field with a new name
creates it with the guessed kind, which the first line has shown; Esc takes the typing back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from claimtracker.vocabulary import ACTOR_KINDS
from ui.common.roles import NO_DATA

Index = QModelIndex | QPersistentModelIndex
#: The actor kind a "Create speaker" line creates ("" for a known name's line).
NEW_KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 60


def guess_kind(name: str) -> str:
    """The kind of actor a new name most likely is (the analyst can choose another)."""
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


def kinds_for(name: str) -> list[str]:
    """Every actor kind, the one guessed for ``name`` first."""
    guessed = guess_kind(name)
    return [guessed, *(code for code in ACTOR_KINDS.codes if code != guessed)]


class SpeakerCompletions(QAbstractListModel):
    """The actors' names, then — for a typed name no actor has — a line per kind to create it.

    The completer filters on the edit role: a name line's is the name, a create line's is the
    typed name itself, so the create lines always stay in the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._known: set[str] = set()
        self._new_name = ""
        self._new_kinds: list[str] = []

    # == Model Interface =======================================================================

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names) + len(self._new_kinds)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return NO_DATA
        row = index.row()
        if row < len(self._names):
            name = self._names[row]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return name
            if role == NEW_KIND_ROLE:
                return ""
            return NO_DATA
        kind = self._new_kinds[row - len(self._names)]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Create speaker “{self._new_name}” — {ACTOR_KINDS.label(kind)}"
        if role == Qt.ItemDataRole.EditRole:
            return self._new_name
        if role == NEW_KIND_ROLE:
            return kind
        if role == Qt.ItemDataRole.FontRole and row == len(self._names):
            font = QFont()
            font.setBold(True)  # the line Enter takes
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return "A new actor of this project; undo takes it back with the speaker"
        return NO_DATA

    # == Data Access ===========================================================================

    @property
    def creating(self) -> bool:
        """The typed name is new: the list ends with lines that create it."""
        return bool(self._new_kinds)

    def is_known(self, name: str) -> bool:
        return " ".join(name.split()).casefold() in self._known

    # == Data Edit =============================================================================

    def set_names(self, names: list[str]) -> None:
        self.beginResetModel()
        self._names = list(names)
        self._known = {name.casefold() for name in names}
        self._new_kinds = []
        self._new_name = ""
        self.endResetModel()

    def set_typed(self, text: str) -> None:
        """Offer to create ``text`` when no actor has that name (the create lines change)."""
        name = " ".join(text.split())
        kinds = kinds_for(name) if name and not self.is_known(name) else []
        folded = name.casefold()
        if kinds and any(folded in known for known in self._known):
            kinds = kinds[:1]  # actors match too: only the likeliest new one beside them
        first = len(self._names)
        if self._new_kinds:
            self.beginRemoveRows(QModelIndex(), first, first + len(self._new_kinds) - 1)
            self._new_kinds = []
            self.endRemoveRows()
        self._new_name = name
        if kinds:
            self.beginInsertRows(QModelIndex(), first, first + len(kinds) - 1)
            self._new_kinds = kinds
            self.endInsertRows()


class SpeakerField(QLineEdit):
    """A speaker's name; commits on choosing a line, Enter or leaving the field."""

    #: The user set the speaker: a known name, a new one (created with ``kind``), or "" (none).
    speakerChosen = Signal(str, str)  # name, kind for a new actor ("" for a known name)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Who asserts it: a person, a body, “people familiar…”")
        self.setClearButtonEnabled(True)
        self.setToolTip(
            "Type to find an actor. A name the project does not know can be created here: "
            "choose “Create speaker …” with its kind, or press Enter for the kind shown first."
        )
        self._saved = ""
        self.completions = SpeakerCompletions(self)
        completer = QCompleter(self.completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self.setCompleter(completer)
        # A long name keeps its kind in sight: the middle is elided, and the list is as wide
        # as its longest line allows (the completer sizes it to the field otherwise).
        popup = completer.popup()
        assert popup is not None  # a completer makes its list view
        self._popup: QAbstractItemView = popup
        self._popup.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.textEdited.connect(self.completions.set_typed)
        self.textEdited.connect(lambda _text: self._fit_popup())
        self.editingFinished.connect(self.commit)

    def set_names(self, names: list[str]) -> None:
        self.completions.set_names(names)

    def _fit_popup(self) -> None:
        lines = self.completions
        if not lines.creating:
            self._popup.setMinimumWidth(0)
            return
        longest = str(lines.index(lines.rowCount() - 1, 0).data())
        wanted = self.fontMetrics().horizontalAdvance(longest) + 48
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        self._popup.setMinimumWidth(min(wanted, screen // 2))

    def set_name_quietly(self, name: str) -> None:
        self._saved = name
        self.blockSignals(True)
        self.setText(name)
        self.setCursorPosition(0)  # a long name opens at its start, not scrolled to its end
        self.blockSignals(False)
        self.completions.set_typed("")

    def _on_activated(self, index: QModelIndex) -> None:
        # The line's own name: the completer may set the field's text only after this.
        name = " ".join(str(index.data(Qt.ItemDataRole.EditRole) or "").split())
        kind = str(index.data(NEW_KIND_ROLE) or "")
        self.blockSignals(True)
        self.setText(name)
        self.blockSignals(False)
        self._commit_as(name, kind)

    def commit(self) -> None:
        name = " ".join(self.text().split())
        kind = "" if not name or self.completions.is_known(name) else guess_kind(name)
        self._commit_as(name, kind)

    def _commit_as(self, name: str, kind: str) -> None:
        if name.casefold() != self._saved.casefold():
            self._saved = name
            self.completions.set_typed("")
            self.speakerChosen.emit(name, kind)

    def revert(self) -> None:
        self.set_name_quietly(self._saved)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        open_list = popup is not None and popup.isVisible()
        if event.key() == Qt.Key.Key_Escape and not open_list and self.text() != self._saved:
            self.revert()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and popup is not None
            and open_list
            and popup.currentIndex().isValid()
        ):
            # The completer takes the chosen line (its kind): not "editing finished" first.
            event.ignore()
            return
        super().keyPressEvent(event)
