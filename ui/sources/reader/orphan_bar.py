"""The bar above the reader's text when claims lost their place in a corrected text.

"3 claims lost their place — Place…" opens the list of those claims with their old words; the
analyst picks one, selects the words where it belongs now and presses "Place claim #N here".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query.reading import OrphanedClaim
from ui.icons import icon
from ui.runtime.commands import shorten

_CLAIM_ID = int(Qt.ItemDataRole.UserRole) + 1


def orphan_label(orphan: OrphanedClaim) -> str:
    words = orphan.exact or orphan.quote or orphan.text
    return f"#{orphan.claim_id}  “{shorten(words, 90)}”"


def orphan_tooltip(orphan: OrphanedClaim) -> str:
    lines = [f"Claim #{orphan.claim_id}: {shorten(orphan.text, 160)}"]
    if orphan.exact:
        before = " ".join((orphan.prefix or "").split())
        after = " ".join((orphan.suffix or "").split())
        lines.append(f"Its words were: …{before} [{' '.join(orphan.exact.split())}] {after}…")
    return "\n".join(lines)


class OrphanBar(QFrame):
    #: Place this claim at the words selected in the text.
    placeRequested = Signal(int)
    #: The analyst picked this orphan in the list (show where it probably was).
    orphanChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OrphanBar")
        self._orphans: list[OrphanedClaim] = []
        self._can_place = False

        self.message = QLabel()
        self.message.setObjectName("OrphanMessage")
        self.message.setWordWrap(True)
        self.toggle = QPushButton("Place…")
        self.toggle.setCheckable(True)
        self.toggle.setToolTip("List the claims that lost their place, to place them by hand")
        self.list = QListWidget()
        self.list.setObjectName("OrphanList")
        self.list.setAlternatingRowColors(True)
        self.hint = QLabel()
        self.hint.setObjectName("FieldHint")
        self.hint.setWordWrap(True)
        self.place_button = QPushButton(icon("place"), "Place claim here")
        self.place_button.setObjectName("PlaceButton")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.message, 1)
        top.addWidget(self.toggle)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.place_button)
        self.details = QWidget()
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 4, 0, 0)
        details_layout.setSpacing(4)
        details_layout.addWidget(self.list)
        details_layout.addLayout(bottom)
        self.details.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.details)

        self.toggle.toggled.connect(self._on_toggled)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.place_button.clicked.connect(self._place)
        self.hide()

    # -- state ----------------------------------------------------------------------------

    @property
    def orphans(self) -> list[OrphanedClaim]:
        return list(self._orphans)

    def current_claim_id(self) -> int:
        item = self.list.currentItem()
        return int(item.data(_CLAIM_ID)) if item is not None else 0

    def set_orphans(self, orphans: list[OrphanedClaim]) -> None:
        chosen = self.current_claim_id()
        self._orphans = list(orphans)
        self.list.blockSignals(True)
        self.list.clear()
        for orphan in orphans:
            item = QListWidgetItem(orphan_label(orphan))
            item.setData(_CLAIM_ID, orphan.claim_id)
            item.setToolTip(orphan_tooltip(orphan))
            self.list.addItem(item)
        self.list.blockSignals(False)
        count = len(orphans)
        self.message.setText(
            f"{count} claim{'s' if count != 1 else ''} lost {'its' if count == 1 else 'their'} "
            "place when the text was corrected."
        )
        self.list.setFixedHeight(min(5, max(1, count)) * (self.list.fontMetrics().height() + 8) + 6)
        if not self.select_orphan(chosen) and orphans:
            self.list.setCurrentRow(0)
        self.setVisible(bool(orphans))
        if not orphans:
            self.toggle.setChecked(False)
        self._update()

    def select_orphan(self, claim_id: int) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and item.data(_CLAIM_ID) == claim_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def open_list(self, claim_id: int = 0) -> None:
        self.toggle.setChecked(True)
        if claim_id:
            self.select_orphan(claim_id)

    def set_can_place(self, can: bool) -> None:
        """Whether words are selected in the text."""
        self._can_place = can
        self._update()

    def _update(self) -> None:
        claim_id = self.current_claim_id()
        self.place_button.setText(
            f"Place claim #{claim_id} here" if claim_id else "Place claim here"
        )
        self.place_button.setEnabled(bool(claim_id) and self._can_place)
        self.hint.setText(
            "Now place it at the selected words."
            if self._can_place
            else "Select the words in the text where the claim belongs now."
        )

    # -- slots ----------------------------------------------------------------------------

    @Slot(bool)
    def _on_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle.setText("Hide List" if shown else "Place…")

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self._update()
        if current is not None:
            self.orphanChosen.emit(int(current.data(_CLAIM_ID)))

    @Slot()
    def _place(self) -> None:
        claim_id = self.current_claim_id()
        if claim_id and self._can_place:
            self.placeRequested.emit(claim_id)
