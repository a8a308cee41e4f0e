"""The analyst's review of one source's suggestions during a session: edits, checks, rejections.

Nothing here is saved: a suggestion becomes data only when it is accepted (an undoable command).
Rejections hide a suggestion for this source until the app closes; the text is kept so that a
corrected version of the article starts a fresh review.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtracker.assistant import Suggestion


def default_wording(text: str) -> str:
    """A claim's wording made from the article's words: one line, single spaces (as the core
    phrases an accepted suggestion)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class SuggestionEdit:
    """What the analyst changed in a suggestion before accepting it."""

    speaker: str | None
    speaker_kind: str
    attribution: str
    descriptor: str | None
    source_count: int | None
    wording: str


@dataclass
class ReviewState:
    source_id: int
    title: str
    text: str
    #: As the assistant proposed them; indices are the suggestions' numbers (``counter_to``).
    proposed: tuple[Suggestion, ...]
    edits: dict[int, SuggestionEdit] = field(default_factory=dict)
    rejected: set[int] = field(default_factory=set)
    checked: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.proposed)

    def suggestion(self, index: int) -> Suggestion:
        """The suggestion as the analyst left it (edits applied; the span never changes)."""
        original = self.proposed[index]
        edit = self.edits.get(index)
        if edit is None:
            return original
        return replace(
            original,
            speaker=edit.speaker,
            speaker_kind=edit.speaker_kind,
            attribution=edit.attribution,
            descriptor=edit.descriptor,
            source_count=edit.source_count,
        )

    def suggestions(self) -> list[Suggestion]:
        """The whole list with edits applied (counter indices point into it)."""
        return [self.suggestion(i) for i in range(len(self.proposed))]

    def wording(self, index: int) -> str:
        edit = self.edits.get(index)
        return edit.wording if edit is not None else default_wording(self.proposed[index].text)

    def reworded(self) -> dict[int, str]:
        """The suggestions whose claim wording the analyst changed."""
        return {
            index: edit.wording
            for index, edit in self.edits.items()
            if edit.wording != default_wording(self.proposed[index].text)
        }

    def set_edit(self, index: int, edit: SuggestionEdit) -> None:
        original = self.proposed[index]
        unchanged = SuggestionEdit(
            speaker=original.speaker,
            speaker_kind=original.speaker_kind,
            attribution=original.attribution,
            descriptor=original.descriptor,
            source_count=original.source_count,
            wording=default_wording(original.text),
        )
        if edit == unchanged:
            self.edits.pop(index, None)
        else:
            self.edits[index] = edit

    def countered_by(self, index: int) -> tuple[int, ...]:
        """The suggestions that deny or contradict suggestion ``index``."""
        return tuple(i for i, s in enumerate(self.proposed) if index in s.counter_to)

    def partners(self, indices: list[int]) -> set[int]:
        """Every suggestion on the other end of a counter pair with one of ``indices``."""
        found: set[int] = set()
        for index in indices:
            found.update(self.proposed[index].counter_to)
            found.update(self.countered_by(index))
        return found - set(indices)
