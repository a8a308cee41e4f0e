"""Asking before something marked goes out: one question for reports and CSV exports."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from claimtracker.vocabulary import marking_rank


def may_go_out(
    parent: QWidget, marking: str | None, *, unasked_up_to: str, title: str, question: str
) -> bool:
    """True when ``marking`` is at most ``unasked_up_to``, or when the analyst, asked
    ``question``, lets it go out anyway."""
    if marking_rank(marking) <= marking_rank(unasked_up_to):
        return True
    answer = QMessageBox.warning(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
