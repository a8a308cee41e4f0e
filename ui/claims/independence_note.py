"""Beside the credibility rating: whether the sources behind the claim are independent, and a
warning when "1 – confirmed by other sources" rests on sources that are not."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from claimtracker.dispute.independence import Independence, check_independence
from claimtracker.errors import NotFoundError
from claimtracker.query.opening import Connection


def describe(report: Independence) -> str:
    lines = [report.summary()]
    lines.extend(dependence.sentence for dependence in report.dependences[:4])
    if len(report.dependences) > 4:
        lines.append(f"and {len(report.dependences) - 4} more")
    return "\n".join(lines)


class IndependenceNote(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.report: Independence | None = None
        self.hide()

    def show_claim(self, connection: Connection | None, claim_id: int | None) -> None:
        self.report = None
        # Still written for SQLite only (claimtracker.dispute.independence): not on a server yet.
        if isinstance(connection, sqlite3.Connection) and claim_id is not None:
            try:
                self.report = check_independence(connection, claim_id)
            except NotFoundError:
                self.report = None
        report = self.report
        if report is None or (report.warning is None and len(report.witnesses) < 2):
            self.hide()
            return
        if report.warning:
            self.setObjectName("IndependenceWarning")
            self.setText(f"⚠ {report.warning}")
        else:
            self.setObjectName("FieldHint")
            self.setText(report.summary())
        self.setToolTip(describe(report))
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
