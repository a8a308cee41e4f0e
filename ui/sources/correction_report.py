"""Telling the analyst what a corrected version of an article did to its claims: how many were
found again, and which lost their place (orphans to place by hand in the reader)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.runtime.commands import shorten
from ui.sources.commands import CorrectedArticle


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def describe_correction(item: CorrectedArticle) -> str:
    """One paragraph: the article, the claims re-anchored, the orphans with their reasons."""
    lines = [f"“{shorten(item.title, 70)}” was replaced by its corrected version ({item.origin})."]
    placed = len(item.placed)
    if placed or not item.orphans:
        lines.append(f"{_plural(placed, 'claim')} found again in the corrected text.")
    if item.orphans:
        lines.append(
            f"{_plural(len(item.orphans), 'claim')} lost {'its' if len(item.orphans) == 1 else 'their'} "
            "place and must be placed by hand:"
        )
        for claim_id, reason in sorted(item.orphans.items()):
            words = item.before.anchors.get(claim_id, {}).get("anchor_exact") or ""
            shown = f" “{shorten(words, 60)}”" if words else ""
            lines.append(f"  • #{claim_id}{shown} — {reason}")
    return "\n".join(lines)


def correction_summary(corrected: list[CorrectedArticle]) -> str:
    """For the status bar."""
    placed = sum(len(item.placed) for item in corrected)
    orphans = sum(len(item.orphans) for item in corrected)
    text = f"{_plural(len(corrected), 'corrected version')}: {_plural(placed, 'claim')} re-anchored"
    return text + (f", {orphans} to place by hand" if orphans else "")


def show_correction_report(parent: QWidget, corrected: list[CorrectedArticle]) -> None:
    orphans = sum(len(item.orphans) for item in corrected)
    box = QMessageBox(
        QMessageBox.Icon.Warning if orphans else QMessageBox.Icon.Information,
        "Corrected article" if len(corrected) == 1 else "Corrected articles",
        "\n\n".join(describe_correction(item) for item in corrected),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("CorrectionReport")
    if orphans:
        box.setInformativeText(
            "The reader lists them above the text: select the words where each belongs now "
            "and choose “Place claim here”. Undo puts the earlier text back."
        )
    box.exec()
    box.deleteLater()
