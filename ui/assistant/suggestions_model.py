"""The suggestions of one source as a list: one row per suggestion, checkable while it is open.

A row is "open" (to review), "done" (already a claim: one sits on the same words, see
:mod:`claimtracker.assistant.anchoring`) or "rejected"
(hidden unless the panel shows rejected ones). The model reads a :class:`ReviewState` (plain
Python) and the anchors of the source's live claims; it holds no ORM object and no session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from claimtracker.vocabulary import ATTRIBUTIONS
from ui.assistant.review_state import ReviewState
from ui.common.roles import BADGE_CODE_ROLE, NO_DATA

Index = QModelIndex | QPersistentModelIndex

_USER = int(Qt.ItemDataRole.UserRole)
#: The suggestion's number in the assistant's list (int, from 0).
SUGGESTION_INDEX_ROLE = _USER + 41
#: "open", "done" or "rejected".
REVIEW_STATE_ROLE = _USER + 42
#: The speaker's name as proposed or edited ("" for none).
SPEAKER_ROLE = _USER + 43
#: The verbatim attribution phrase ("" for none).
DESCRIPTOR_ROLE = _USER + 44
#: How many sources the article says stand behind it (int, or 0 when not stated).
SOURCE_COUNT_ROLE = _USER + 45
#: Numbers (from 1) of the suggestions this one counters (tuple of int).
COUNTERS_ROLE = _USER + 46
#: Numbers (from 1) of the suggestions that counter this one (tuple of int).
COUNTERED_BY_ROLE = _USER + 47
#: The id of the claim on the same words (0 while there is none).
ACCEPTED_CLAIM_ROLE = _USER + 48
#: True when the analyst edited the suggestion.
EDITED_ROLE = _USER + 49
#: (start, end): where the suggestion's words are in the source (Python offsets).
SPAN_ROLE = _USER + 50

OPEN, DONE, REJECTED = "open", "done", "rejected"


class SuggestionsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state: ReviewState | None = None
        self._claims_at: dict[tuple[int, int], int] = {}
        self._show_rejected = False
        self._rows: list[int] = []

    # == Model Interface ======================================================================

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.review_state(self._rows[index.row()]) == OPEN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        state = self._state
        if state is None or not self._valid(index):
            return NO_DATA
        number = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return state.wording(number)
        if role == Qt.ItemDataRole.CheckStateRole:
            if self.review_state(number) != OPEN:
                return NO_DATA
            checked = number in state.checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == SUGGESTION_INDEX_ROLE:
            return number
        if role == REVIEW_STATE_ROLE:
            return self.review_state(number)
        if role == BADGE_CODE_ROLE:
            return state.suggestion(number).attribution
        if role == SPEAKER_ROLE:
            return state.suggestion(number).speaker or ""
        if role == DESCRIPTOR_ROLE:
            return state.suggestion(number).descriptor or ""
        if role == SOURCE_COUNT_ROLE:
            return state.suggestion(number).source_count or 0
        if role == COUNTERS_ROLE:
            return tuple(i + 1 for i in state.proposed[number].counter_to)
        if role == COUNTERED_BY_ROLE:
            return tuple(i + 1 for i in state.countered_by(number))
        if role == ACCEPTED_CLAIM_ROLE:
            return self.claim_of(number)
        if role == EDITED_ROLE:
            return number in state.edits
        if role == SPAN_ROLE:
            suggestion = state.proposed[number]
            return (suggestion.start, suggestion.end)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(number)
        return NO_DATA

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        state = self._state
        if state is None or role != Qt.ItemDataRole.CheckStateRole or not self._valid(index):
            return False
        number = self._rows[index.row()]
        if self.review_state(number) != OPEN:
            return False
        if _is_checked(value):
            state.checked.add(number)
        else:
            state.checked.discard(number)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def _valid(self, index: Index) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and index.column() == 0
            and 0 <= index.row() < len(self._rows)
        )

    # == Data Access ==========================================================================

    @property
    def state(self) -> ReviewState | None:
        return self._state

    @property
    def show_rejected(self) -> bool:
        return self._show_rejected

    def review_state(self, number: int) -> str:
        if self.claim_of(number):
            return DONE
        if self._state is not None and number in self._state.rejected:
            return REJECTED
        return OPEN

    def claim_of(self, number: int) -> int:
        """The claim already on suggestion ``number``'s words (0 for none)."""
        if self._state is None:
            return 0
        # Imported here: the assistant package loads its patterns, which the first window
        # does not need (suggestions exist only once the assistant has run).
        from claimtracker.assistant.anchoring import claim_on_same_words

        suggestion = self._state.proposed[number]
        return claim_on_same_words((suggestion.start, suggestion.end), self._claims_at)

    def number(self, row: int) -> int:
        return self._rows[row]

    def row_of(self, number: int) -> int | None:
        try:
            return self._rows.index(number)
        except ValueError:
            return None

    def numbers(self, state: str | None = None) -> list[int]:
        """Every suggestion's number (shown or not), or those in ``state``."""
        if self._state is None:
            return []
        every = range(len(self._state))
        return [n for n in every if state is None or self.review_state(n) == state]

    def checked(self) -> list[int]:
        """The open suggestions the analyst ticked."""
        if self._state is None:
            return []
        return sorted(n for n in self._state.checked if self.review_state(n) == OPEN)

    def counts(self) -> dict[str, int]:
        numbers = self.numbers()
        counts = dict.fromkeys((OPEN, DONE, REJECTED), 0)
        for number in numbers:
            counts[self.review_state(number)] += 1
        return counts

    # == Data Edit ============================================================================

    def set_review(self, state: ReviewState | None, claims_at: dict[tuple[int, int], int]) -> None:
        self.beginResetModel()
        self._state = state
        self._claims_at = dict(claims_at)
        self._rows = self._visible_rows()
        self.endResetModel()

    def set_claims_at(self, claims_at: dict[tuple[int, int], int]) -> None:
        """The anchors of the source's live claims changed (accepted, undone, edited)."""
        if claims_at == self._claims_at:
            return
        self._claims_at = dict(claims_at)
        self._sync_rows()
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def set_show_rejected(self, show: bool) -> None:
        if show != self._show_rejected:
            self._show_rejected = show
            self._sync_rows()

    def set_rejected(self, numbers: list[int], rejected: bool) -> None:
        state = self._state
        if state is None:
            return
        for number in numbers:
            if rejected:
                state.rejected.add(number)
                state.checked.discard(number)
            else:
                state.rejected.discard(number)
        self._sync_rows()
        self.refresh(numbers)

    def set_all_checked(self, checked: bool) -> None:
        state = self._state
        if state is None:
            return
        if checked:
            state.checked.update(n for n in self._rows if self.review_state(n) == OPEN)
        else:
            state.checked.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [Qt.ItemDataRole.CheckStateRole]
            )

    def refresh(self, numbers: list[int]) -> None:
        """Suggestions ``numbers`` changed (edited, rejected): repaint their rows."""
        for number in numbers:
            row = self.row_of(number)
            if row is not None:
                self.dataChanged.emit(self.index(row), self.index(row))

    # -- rows shown -----------------------------------------------------------------------

    def _visible_rows(self) -> list[int]:
        return [
            n for n in self.numbers() if self._show_rejected or self.review_state(n) != REJECTED
        ]

    def _sync_rows(self) -> None:
        """Insert and remove rows so that the list shows what it should, in order."""
        wanted = self._visible_rows()
        # Remove rows no longer wanted (from the end, so earlier rows keep their numbers).
        keep = set(wanted)
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row] not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        # Insert the new ones where they belong (both lists are in ascending order).
        for position, number in enumerate(wanted):
            if position >= len(self._rows) or self._rows[position] != number:
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.insert(position, number)
                self.endInsertRows()

    def _tooltip(self, number: int) -> str:
        assert self._state is not None
        suggestion = self._state.suggestion(number)
        lines = [f"Suggestion {number + 1}: {self._state.wording(number)}"]
        if suggestion.quote:
            lines.append(f"Quote: “{suggestion.quote}”")
        lines.append(f"Speaker: {suggestion.speaker or 'none (the article itself)'}")
        lines.append(f"Attribution: {ATTRIBUTIONS.label(suggestion.attribution)}")
        if suggestion.descriptor:
            lines.append(f"Descriptor: {suggestion.descriptor}")
        if suggestion.cue:
            lines.append(f"Cue: {suggestion.cue}")
        claim = self.claim_of(number)
        if claim:
            lines.append(f"Already a claim: claim #{claim} sits on the same words")
        return "\n".join(lines)


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return value in (2, Qt.CheckState.Checked.value)
