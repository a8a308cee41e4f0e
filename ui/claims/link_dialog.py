"""Link a counter-claim: find the other claim by search, choose how they relate.

Links read "B <relation> A" (VOCABULARY.md): by default the claim found is B, the one being
worked on is A — "the found claim denies this one". A swap button turns the reading around; the
sentence under the fields always says what will be recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query import ClaimFilter, ClaimOrder, ClaimRow, search_rows
from claimtracker.vocabulary import RELATIONS
from ui.claims.claim_search import ClaimSearchModel
from ui.claims.editor_fields import VocabularyCombo
from ui.common.screen_fit import fit_on_screen
from ui.common.snapshot_view import read_only_table
from ui.icons import icon
from ui.runtime.project import Project

RESULT_LIMIT = 200


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LinkDialog(QDialog):
    def __init__(self, project: Project, claim: ClaimRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Link a counter-claim to #{claim.id}")
        fit_on_screen(self, 820, 560)
        self._project = project
        self.claim = claim
        self._swapped = False

        this = QLabel(f"#{claim.id} · {claim.speaker or 'no speaker'} · {_short(claim.text, 110)}")
        this.setObjectName("FieldHint")
        this.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Search for the other claim (words, “phrases”, speaker:name)"
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.model = ClaimSearchModel(self)
        self.results = read_only_table(self.model)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 48)
        header.resizeSection(2, 150)
        header.resizeSection(3, 140)
        header.resizeSection(4, 120)
        self.count = QLabel()
        self.count.setObjectName("FieldHint")
        self.relation = VocabularyCombo(RELATIONS)
        self.relation.set_code("contradicts")
        self.swap = QPushButton("Swap direction")
        self.swap.setToolTip("Read the relation the other way round")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional: why they relate")
        self.sentence = QLabel()
        self.sentence.setObjectName("LinkSentence")
        self.sentence.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Link")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        relation_row = QHBoxLayout()
        relation_row.addWidget(self.relation, 1)
        relation_row.addWidget(self.swap)
        form = QFormLayout()
        form.addRow("Relation", relation_row)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(this)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        layout.addLayout(form)
        layout.addWidget(self.sentence)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(80)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.results.selectionModel().selectionChanged.connect(self._on_selection)
        self.results.doubleClicked.connect(lambda _i: self.accept() if self.other else None)
        self.relation.currentIndexChanged.connect(lambda _i: self._update_sentence())
        self.swap.clicked.connect(self._on_swap)
        self.run_search()
        self._update_sentence()

    @property
    def other(self) -> ClaimRow | None:
        rows = self.results.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def run_search(self) -> None:
        text = self.search.text()
        claim_filter = ClaimFilter(text=text if text.strip() else "", prefix_last=True)
        # Newest first: a counter-claim is usually recorded after the claim it answers. (By
        # relevance would rank every hit: half a second for a common word at a million.)
        order = ClaimOrder("id", descending=True)
        found = search_rows(self._project.reader, claim_filter, order, limit=RESULT_LIMIT + 1)
        rows = [row for row in found if row.id != self.claim.id][:RESULT_LIMIT]
        self.model.set_rows(rows)
        self.count.setText(
            "No claims found"
            if not rows
            else f"{len(rows)} claim{'s' if len(rows) != 1 else ''} shown"
            + (" (refine the search to see others)" if len(rows) >= RESULT_LIMIT else "")
        )
        if rows:
            self.results.selectRow(0)
        self._update_sentence()

    def _on_selection(self, _s: QItemSelection, _d: QItemSelection) -> None:
        self._update_sentence()

    def _on_swap(self) -> None:
        self._swapped = not self._swapped
        self._update_sentence()

    def link_ends(self) -> tuple[int, int] | None:
        """(A, B) for "B <relation> A", or None without a chosen claim."""
        other = self.other
        if other is None:
            return None
        return (other.id, self.claim.id) if self._swapped else (self.claim.id, other.id)

    def _update_sentence(self) -> None:
        other = self.other
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(other is not None)
        if other is None:
            self.sentence.setText("Choose the other claim in the list.")
            return
        a, b = (other, self.claim) if self._swapped else (self.claim, other)
        relation = RELATIONS.label(self.relation.code()).lower()
        self.sentence.setText(
            f"Will record: #{b.id} “{_short(b.text)}” — {relation} — #{a.id} “{_short(a.text)}”"
        )
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)

    def chosen_relation(self) -> str:
        return self.relation.code() or "contradicts"

    def note_text(self) -> str | None:
        return self.note.text().strip() or None
