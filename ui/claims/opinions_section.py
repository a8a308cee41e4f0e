"""Analysts' opinions of a claim in the editor (everyone's, and one's own to set) and on the
side-by-side view's cards."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from claimtracker.dispute.opinions import OPINIONS, OpinionRow, opinions_of, summary
from claimtracker.journal.analyst import analyst_name
from claimtracker.query.opening import Connection, OperationalError
from ui.claims.editing import Editing
from ui.claims.editor_fields import AutoSaveLineEdit, VocabularyCombo
from ui.claims.opinion_commands import OpinionValue, SetOpinionCommand
from ui.runtime.project import Project


def opinion_lines(rows: list[OpinionRow]) -> str:
    """Rich text, one line per analyst: "Agree — Anna: two witnesses" (imported words escaped)."""
    lines = []
    for row in rows:
        note = f": {html.escape(row.note)}" if row.note else ""
        lines.append(f"<b>{html.escape(row.label)}</b> — {html.escape(row.analyst)}{note}")
    return "<br>".join(lines)


class OpinionsSection(QWidget):
    """Everyone's opinions, and this analyst's own: chosen from the scale, with a note."""

    def __init__(self, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OpinionsSection")
        self.editing = editing
        self._project: Project | None = None
        self._claim_id: int | None = None
        self._mine: OpinionRow | None = None
        self.others = QLabel()
        self.others.setObjectName("OpinionLine")
        self.others.setTextFormat(Qt.TextFormat.RichText)
        self.others.setWordWrap(True)
        self.you = QLabel("Yours")
        self.you.setObjectName("FieldHint")
        self.mine = VocabularyCombo(OPINIONS, optional=True)
        self.mine.setToolTip("Your opinion of this claim (STIX 2.1 scale)")
        self.note = AutoSaveLineEdit()
        self.note.setPlaceholderText("Why you think so")
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.you)
        row.addWidget(self.mine, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.others)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.mine.codeChosen.connect(self._chosen)
        self.note.textCommitted.connect(self._noted)

    def show_claim(self, project: Project | None, claim_id: int | None) -> None:
        self._project = project
        self._claim_id = claim_id
        rows: list[OpinionRow] = []
        if project is not None and claim_id is not None:
            try:
                rows = opinions_of(project.reader, claim_id)
            except OperationalError:  # a database from before opinions (read-only)
                rows = []
        me = analyst_name()
        self._mine = next((row for row in rows if row.analyst == me), None)
        others = [row for row in rows if row.analyst != me]
        heading = summary(rows)
        self.others.setText(
            html.escape(heading) + ("<br>" + opinion_lines(others) if others else "")
        )
        self.mine.set_code(self._mine.opinion if self._mine else None)
        if not (self.note.hasFocus() and self.note.dirty):
            self.note.set_text_quietly(self._mine.note or "" if self._mine else "")
        self.note.setEnabled(self._mine is not None)
        self.mine.setToolTip(f"Your opinion of this claim, recorded as {me}")
        self.you.setText(f"Yours ({me})")

    def _current(self) -> OpinionValue | None:
        if self._mine is None:
            return None
        return OpinionValue(self._mine.opinion, self._mine.note)

    def _chosen(self, code: object) -> None:
        if self._claim_id is None:
            return
        before = self._current()
        if code:
            after: OpinionValue | None = OpinionValue(str(code), before.note if before else None)
        else:
            after = None
        if after == before:
            return
        if before is None and after is None:
            return
        self._run(before, after)

    def _noted(self, text: str) -> None:
        before = self._current()
        if self._claim_id is None or before is None:
            return
        after = OpinionValue(before.opinion, text.strip() or None)
        if after != before:
            self._run(before, after)

    def _run(self, before: OpinionValue | None, after: OpinionValue | None) -> None:
        assert self._claim_id is not None
        command = SetOpinionCommand(self.editing.context, self._claim_id, before, after)
        if not self.editing.run(command):
            self.show_claim(self._project, self._claim_id)


def opinions_label(connection: Connection, claim_id: int) -> QLabel:
    """A card's line: "Opinions: 1 agree, 1 disagree", everyone's words in the tooltip."""
    try:
        rows = opinions_of(connection, claim_id)
    except OperationalError:
        rows = []
    label = QLabel(f"Opinions: {summary(rows)}")
    label.setObjectName("FieldHint")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if rows:
        label.setToolTip(opinion_lines(rows))
    return label
