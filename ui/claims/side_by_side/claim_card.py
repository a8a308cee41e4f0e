"""One claim as a card: relation, text, the quote in its context, and the compared fields.

Imported words are escaped before they are laid out as rich text, so an article can never inject
markup; fields that differ from the claim on the left are tinted and marked, and the words the
table's search found are marked as in the table and the reader.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query import ClaimRow, LinkRow
from claimtracker.query.explain import Highlighter
from claimtracker.query.reading import QuoteInContext
from claimtracker.vocabulary import ATTRIBUTIONS, CREDIBILITY, RELIABILITY, STATUSES
from ui import theme
from ui.claims.side_by_side.comparison import COMPARED_FIELDS, claim_date
from ui.common.badge_strip import BadgeStrip
from ui.common.marked_text import marked_html

_FIELD_LABELS = {
    "speaker": "Speaker",
    "attribution": "Attribution",
    "source": "Source",
    "date": "Date",
    "status": "Status",
    "rating": "Rating",
}


def quote_html(
    quote: QuoteInContext, marks: Highlighter | None = None, palette: QPalette | None = None
) -> str:
    """The quote in bold between its context, the search's words marked in each part."""
    if quote.is_empty:
        return "<i>No quote recorded.</i>"
    found = marks or Highlighter()
    shade = palette or QPalette()
    before, exact, after = (
        marked_html(part, found, shade) for part in (quote.before, quote.exact, quote.after)
    )
    return f"{before}<b>{exact}</b>{after}"


def _rating_text(row: ClaimRow) -> str:
    if not row.rating:
        return "Not rated"
    parts = [row.rating]
    if row.reliability:
        parts.append(RELIABILITY.label(row.reliability).lower())
    if row.credibility is not None:
        parts.append(CREDIBILITY.label(str(row.credibility)).lower())
    return " · ".join(parts)


def field_text(row: ClaimRow, name: str) -> str:
    if name == "speaker":
        return row.speaker or "No speaker"
    if name == "attribution":
        label = ATTRIBUTIONS.label(row.attribution)
        return f"{label}\n“{row.descriptor}”" if row.descriptor else label
    if name == "source":
        title = row.source_title or "No source"
        return f"{title}\n{row.outlet}" if row.outlet else title
    if name == "date":
        said, reported = (row.said_on or "")[:10], (row.reported_on or "")[:10]
        if said and reported and said != reported:
            return f"said {said}, reported {reported}"
        return claim_date(row) or "No date"
    if name == "status":
        return STATUSES.label(row.status)
    if name == "rating":
        return _rating_text(row)
    return ""


def field_html(row: ClaimRow, name: str, marks: Highlighter, palette: QPalette) -> str:
    """A compared field as rich text: the search's words marked only in the parts it searched
    (the speaker, the article's attribution words, the source's title)."""
    nothing = Highlighter()
    if name == "speaker" and row.speaker:
        return marked_html(row.speaker, marks, palette)
    if name == "attribution" and row.descriptor:
        label = marked_html(ATTRIBUTIONS.label(row.attribution), nothing, palette)
        return f"{label}<br>{marked_html(f'“{row.descriptor}”', marks, palette)}"
    if name == "source" and row.source_title:
        title = marked_html(row.source_title, marks, palette)
        return f"{title}<br>{marked_html(row.outlet, nothing, palette)}" if row.outlet else title
    return marked_html(field_text(row, name), nothing, palette)


class ClaimCard(QFrame):
    def __init__(
        self,
        row: ClaimRow,
        quote: QuoteInContext,
        *,
        link: LinkRow | None = None,
        differs: frozenset[str] = frozenset(),
        marks: Highlighter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        found = marks or Highlighter()
        palette = self.palette()
        self.setObjectName("ClaimCard")
        self.setProperty("opposing", bool(link and link.opposing))
        self.row = row
        self.differs = differs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)

        heading = QHBoxLayout()
        if link is not None:
            relation = QLabel(link.label.upper())
            relation.setObjectName("RelationLabel")
            relation.setProperty("opposing", link.opposing)
            heading.addWidget(relation)
        number = QLabel(f"#{row.id}")
        number.setObjectName("FieldHint")
        heading.addWidget(number)
        heading.addStretch(1)
        badges = BadgeStrip()
        badges.set_badges(
            [
                ("status", row.status, ""),
                ("attribution", row.attribution, ""),
                ("credibility", str(row.credibility) if row.credibility else None, row.rating),
            ]
        )
        heading.addWidget(badges)
        layout.addLayout(heading)

        text = QLabel(marked_html(row.text, found, palette))
        text.setObjectName("CardClaim")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)

        quote_label = QLabel(quote_html(quote, found, palette))
        quote_label.setObjectName("CardQuote")
        quote_label.setTextFormat(Qt.TextFormat.RichText)
        quote_label.setWordWrap(True)
        quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        quote_label.setOpenExternalLinks(False)
        layout.addWidget(quote_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        difference = theme.difference_colour().name()
        for line, name in enumerate(COMPARED_FIELDS):
            label = QLabel(_FIELD_LABELS[name])
            label.setObjectName("FieldHint")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel(field_html(row, name, found, palette))
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setWordWrap(True)
            value.setObjectName("CardField")
            if name in differs:
                value.setProperty("differs", True)
                value.setStyleSheet(
                    f"background: {difference}; border-radius: 3px; padding: 1px 4px;"
                )
                value.setToolTip("Differs from the claim on the left")
                label.setText(f"≠ {_FIELD_LABELS[name]}")
            grid.addWidget(label, line, 0)
            grid.addWidget(value, line, 1)
        layout.addLayout(grid)
        if link is not None and link.note:
            note = QLabel(f"Note: {link.note}")
            note.setObjectName("FieldHint")
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            layout.addWidget(note)
