"""The source reader: an imported article, verbatim, with the quotes of its claims highlighted.

The text is set with ``setPlainText``: nothing in it is ever interpreted as HTML, and no resource
is ever fetched (no links, no images). A Markdown article is shown as a reader sees it: its syntax
hidden and its headings, emphasis, links and code styled (``claimtracker.articles.readable``),
while every offset still refers to the stored text, so anchors and selections are verbatim. Highlights are extra selections coloured by
the claim's attribution; the current claim's is stronger and underlined. Clicking a highlight
asks for its claim; selecting words and pressing Ctrl+Return asks for a new claim anchored there.
Claims that lost their place in a corrected text are listed in a bar above the text, to be placed
at selected words; the assistant's current suggestion is tinted like a selection, with a dashed
underline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from claimtracker.articles.formats import MARKDOWN
from claimtracker.articles.readable import readable_markdown
from claimtracker.errors import NotFoundError
from claimtracker.query.explain import Highlighter
from claimtracker.query.reading import (
    AnchoredClaim,
    OrphanedClaim,
    SourceText,
    anchored_claims,
    fetch_source_text,
    orphaned_claims,
)
from claimtracker.vocabulary import ATTRIBUTIONS, STATUSES
from ui import theme
from ui.common.fitted_label import FittedLabel
from ui.common.flow_layout import FlowLayout
from ui.common.text_delegate import match_colour
from ui.icons import icon
from ui.runtime.project import Project
from ui.sources.reader.markdown_styles import apply_styles
from ui.sources.reader.notice_bar import NoticeBar
from ui.sources.reader.offsets import ReaderOffsets, TextOffsets
from ui.sources.reader.orphan_bar import OrphanBar

log = logging.getLogger(__name__)

#: A comfortable line length for reading (in average characters).
READING_WIDTH_CHARS = 86
#: Below this width the header's buttons show only their icons (their tooltips name them).
COMPACT_HEADER_WIDTH = 760
#: Below this height the header keeps to three lines (see ``_fit_header_height``).
SHORT_READER_HEIGHT = 300
#: Larger Markdown articles are shown as stored (hiding their syntax takes ~0.5 s a megabyte).
READABLE_LIMIT = 1_000_000
CREATE_SHORTCUT = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return)


class ReaderTextView(QPlainTextEdit):
    """Read-only text that reports clicks on highlights and shows claim tooltips."""

    positionClicked = Signal(int)  # Qt position of a click without a selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("ReaderText")
        font = QFont("DejaVu Serif")
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(max(10.5, QFont().pointSizeF() * 1.12))
        self.setFont(font)
        #: Hooks set by the reader: a tooltip for a position, extra context-menu entries.
        self.tooltip_at: Callable[[int], str] = lambda _position: ""
        self.extend_menu: Callable[[QMenu, int], None] = lambda _menu, _position: None
        self._press: QPoint | None = None
        self._follow_cursor = False
        self.verticalScrollBar().actionTriggered.connect(lambda _a: self._stop_following())

    def reading_margins(self) -> None:
        """Centre a readable column of text in wide windows."""
        column = self.fontMetrics().averageCharWidth() * READING_WIDTH_CHARS
        side = max(16, (self.width() - column) // 2)
        self.setViewportMargins(side, 12, side, 12)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Margins first: the base class lays the text out for the viewport's new width.
        self.reading_margins()
        super().resizeEvent(event)
        if self._follow_cursor:
            QTimer.singleShot(0, self._recentre)

    def scroll_to_cursor_soon(self) -> None:
        """Centre the cursor, and keep it centred while the pane is being laid out (shown,
        resized) until the user scrolls."""
        self._follow_cursor = True
        self.centerCursor()
        QTimer.singleShot(0, self._recentre)

    def _recentre(self) -> None:
        if self._follow_cursor and self.isVisible():
            self.centerCursor()

    def _stop_following(self) -> None:
        self._follow_cursor = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._recentre)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._stop_following()
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._stop_following()
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        self.extend_menu(menu, self.cursorForPosition(event.pos()).position())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._stop_following()
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        moved = press is not None and (event.position().toPoint() - press).manhattanLength() > 3
        clicked = event.button() == Qt.MouseButton.LeftButton and not moved
        if clicked and not self.textCursor().hasSelection():
            cursor = self.cursorForPosition(event.position().toPoint())
            self.positionClicked.emit(cursor.position())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.cursorForPosition(event.pos())
            text = self.tooltip_at(cursor.position())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class AttributionLegend(QWidget):
    """Small swatches explaining the highlight colours (all, or those of ``codes``)."""

    def __init__(self, codes: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._codes = codes or [t.code for t in ATTRIBUTIONS if t.code != "unknown"]
        labels = {
            "on_record": "On record",
            "official_statement": "Official",
            "anonymous": "Anonymous",
            "secondhand": "Second-hand",
            "unattributed": "Unattributed",
        }
        self._labels = [labels[c] for c in self._codes]
        self.setToolTip("Highlights are coloured by how the article attributes each claim")

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(t) + 22 for t in self._labels)
        return QSize(width, metrics.height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        x = 0
        muted = theme.muted_text(self.palette())
        for code, label in zip(self._codes, self._labels, strict=True):
            swatch = QRect(x, (self.height() - 10) // 2, 10, 10)
            painter.setPen(theme.accent("attribution", code))
            painter.setBrush(theme.highlight_colour(code, strong=True))
            painter.drawRoundedRect(swatch, 2, 2)
            painter.setPen(muted)
            painter.drawText(
                QRect(x + 14, 0, metrics.horizontalAdvance(label) + 2, self.height()),
                int(Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            x += metrics.horizontalAdvance(label) + 22
        painter.end()


class SourceReader(QWidget):
    """Header (title, outlet, date, URL as text) and the text with highlights."""

    #: A highlight was clicked: select this claim.
    claimClicked = Signal(int)
    #: Create a claim anchored at (source id, start, end) in Python offsets, with its quote.
    createClaimRequested = Signal(int, int, int, str)
    closeRequested = Signal()
    #: A source is shown (its id), or the reader was emptied (0).
    sourceOpened = Signal(int)
    #: Edit the details (title, outlet, date…) of this source.
    editDetailsRequested = Signal(int)
    #: Anchor the claim that lost its place at (claim id, start, end, words) of this source.
    placeClaimRequested = Signal(int, int, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SourceReader")
        self._project: Project | None = None
        self._source: SourceText | None = None
        self._offsets: TextOffsets | ReaderOffsets = TextOffsets("")
        #: The text as shown, and the words of the table's search to mark in it.
        self._shown = ""
        self._marks = Highlighter()
        self._claims: list[AnchoredClaim] = []
        self._current_claim = 0
        #: The assistant's current suggestion: (start, end, attribution) in Python offsets.
        self._suggestion: tuple[int, int, str] | None = None

        self.title = FittedLabel()
        self.title.setObjectName("ReaderTitle")
        self.meta = FittedLabel()
        self.meta.setObjectName("FieldHint")
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # One swatch per widget, so that the legend can wrap in a narrow reader.
        self.legend = [AttributionLegend([t.code]) for t in ATTRIBUTIONS if t.code != "unknown"]
        self.claims_label = QLabel()
        self.claims_label.setObjectName("FieldHint")
        self.claims_label.setContentsMargins(0, 0, 10, 0)

        self.create_action = QAction(icon("new-claim"), "New claim from selection", self)
        self.create_action.setShortcut(CREATE_SHORTCUT)
        self.create_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.create_action.setToolTip(
            "Make a claim of the selected words, anchored in this source (Ctrl+Return)"
        )
        self.create_action.setEnabled(False)
        self.create_action.triggered.connect(self.create_from_selection)
        self.addAction(self.create_action)
        create_button = QToolButton()
        create_button.setDefaultAction(self.create_action)
        create_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        create_button.setObjectName("ReaderCreateButton")
        close_button = QToolButton()
        close_button.setIcon(icon("clear"))
        close_button.setAutoRaise(True)
        close_button.setToolTip("Close the reader")
        close_button.clicked.connect(self.closeRequested)
        details_button = QToolButton()
        details_button.setObjectName("ReaderDetailsButton")
        details_button.setIcon(icon("edit"))
        details_button.setAutoRaise(True)
        details_button.setToolTip("Edit the source's details: title, outlet, byline, date, URL")
        details_button.clicked.connect(self._ask_for_details)
        self.details_button = details_button
        self.notice_bar = NoticeBar()
        self.orphan_bar = OrphanBar()
        self.orphan_bar.placeRequested.connect(self.place_claim)
        self.orphan_bar.orphanChosen.connect(self.locate_orphan)

        self.text = ReaderTextView()
        self.text.tooltip_at = self._tooltip_at
        self.text.positionClicked.connect(self._on_clicked)
        self.text.selectionChanged.connect(self._on_selection_changed)
        self.text.extend_menu = self._extend_menu

        header = QWidget()
        header.setObjectName("ReaderHeader")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(create_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(details_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._header_buttons = top
        self._create_button = create_button
        self._text_buttons: list[QToolButton] = [create_button]
        # The count and the legend wrap onto two lines in a narrow reader (e.g. beside the
        # assistant's panel) instead of holding the whole centre of the window at their width.
        bottom = QWidget()
        bottom_flow = FlowLayout(bottom, spacing=6)
        bottom_flow.addWidget(self.claims_label)
        for swatch in self.legend:
            swatch.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            bottom_flow.addWidget(swatch)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(14, 10, 10, 8)
        header_layout.setSpacing(2)
        header_layout.addLayout(top)
        header_layout.addWidget(self.meta)
        header_layout.addWidget(bottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("Separator")
        layout.addWidget(line)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.orphan_bar)
        layout.addWidget(self.text, 1)

    def _ask_for_details(self) -> None:
        if self.source_id:
            self.editDetailsRequested.emit(self.source_id)

    def add_header_action(self, action: QAction) -> QToolButton:
        """A button for ``action`` beside "New claim from selection" (e.g. Suggest claims)."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setObjectName("ReaderHeaderButton")
        index = self._header_buttons.indexOf(self._create_button)
        self._header_buttons.insertWidget(index, button, 0, Qt.AlignmentFlag.AlignTop)
        self._text_buttons.append(button)
        self._fit_header(self.width())
        return button

    def _fit_header(self, width: int) -> None:
        """Icons only in a narrow reader, so that the title keeps room beside them."""
        style = (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if width < COMPACT_HEADER_WIDTH
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        for button in self._text_buttons:
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)

    def _fit_header_height(self, height: int) -> None:
        """A short reader (a small screen, the table above it) keeps its header to three
        lines: the title and the details on one line each, cut with "…", and no legend."""
        short = height < SHORT_READER_HEIGHT
        self.title.set_one_line(short)
        self.meta.set_one_line(short)
        for swatch in self.legend:
            swatch.setVisible(not short)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_header(event.size().width())
        self._fit_header_height(event.size().height())
        super().resizeEvent(event)

    # -- data -----------------------------------------------------------------------------

    @property
    def source_id(self) -> int:
        return self._source.id if self._source is not None else 0

    @property
    def source(self) -> SourceText | None:
        return self._source

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self._source = None
        self._claims = []
        self._suggestion = None
        self._shown = ""
        self.text.setPlainText("")
        self.notice_bar.hide()
        self.orphan_bar.set_orphans([])
        self.sourceOpened.emit(0)

    def open_source(self, source_id: int, *, claim_id: int = 0) -> None:
        """Show ``source_id``; raises NotFoundError if it does not exist."""
        if self._project is None:
            return
        source = fetch_source_text(self._project.reader, source_id)
        if self._source is None or self._source.id != source.id or self._source.text != source.text:
            self.notice_bar.hide()
            self._suggestion = None
        self._source = source
        shown = source.text
        if source.format == MARKDOWN and len(source.text) <= READABLE_LIMIT:
            readable = readable_markdown(source.text)
            self._offsets = ReaderOffsets(readable)
            shown = readable.text
        else:
            self._offsets = TextOffsets(source.text)
        self.title.setText(source.title or source.origin or f"Source #{source.id}")
        meta = [
            part
            for part in (
                source.outlet,
                f"by {source.byline}" if source.byline else None,
                source.published_on,
                source.language and source.language.upper(),
                source.url,
            )
            if part
        ]
        if source.deleted:
            meta.insert(0, "In the trash")
        self.meta.setText("  ·  ".join(meta))
        self._shown = shown
        self.text.setPlainText(shown)  # plain text: never HTML, never the network
        if isinstance(self._offsets, ReaderOffsets):
            apply_styles(self.text.document(), self._offsets)
        if not source.text:
            self.text.setPlaceholderText(
                "This source has no text yet (it came from a CSV report). Import the article "
                "file to read it here."
            )
        self._current_claim = claim_id
        self.refresh_claims()
        if claim_id and any(o.claim_id == claim_id for o in self.orphan_bar.orphans):
            self.orphan_bar.open_list(claim_id)
        elif claim_id:
            self.show_claim(claim_id)
        else:
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.sourceOpened.emit(source.id)

    def refresh_claims(self) -> None:
        """Read the source's anchored claims again and redraw the highlights."""
        if self._project is None or self._source is None:
            return
        try:
            self._claims = anchored_claims(self._project.reader, self._source.id)
            orphans = orphaned_claims(self._project.reader, self._source.id)
        except NotFoundError:
            self._claims, orphans = [], []
        self.orphan_bar.set_orphans(orphans)
        count = len(self._claims)
        self.claims_label.setText(
            "No claims yet: select words and press Ctrl+Return"
            if not count
            else f"{count} claim{'s' if count != 1 else ''} highlighted"
        )
        self._paint_highlights()

    def show_claim(self, claim_id: int) -> None:
        """Mark ``claim_id`` as current and scroll to it (if it is anchored here)."""
        self._current_claim = claim_id
        self._paint_highlights()
        for claim in self._claims:
            if claim.claim_id == claim_id:
                cursor = QTextCursor(self.text.document())
                cursor.setPosition(self._offsets.to_qt(claim.start))
                self.text.setTextCursor(cursor)
                self.text.scroll_to_cursor_soon()
                break

    def _paint_highlights(self) -> None:
        selections = []
        document = self.text.document()
        for claim in self._claims:
            current = claim.claim_id == self._current_claim
            fmt = QTextCharFormat()
            fmt.setBackground(theme.highlight_colour(claim.attribution, strong=current))
            if current:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(theme.accent("attribution", claim.attribution))
                fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            cursor = QTextCursor(document)
            cursor.setPosition(self._offsets.to_qt(claim.start))
            cursor.setPosition(self._offsets.to_qt(claim.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        # The current claim last, so it is drawn over overlapping ones.
        selections.sort(
            key=lambda s: s.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
        )
        if self._suggestion is not None:
            start, end, _attribution = self._suggestion
            # The panel's choice, not a claim: the selection's tint, not an attribution colour.
            palette = self.text.palette()
            fmt = QTextCharFormat()
            fmt.setBackground(
                theme.blend(
                    palette.color(QPalette.ColorRole.Highlight),
                    palette.color(QPalette.ColorRole.Base),
                    0.34 if theme.is_dark(palette) else 0.22,
                )
            )
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(palette.color(QPalette.ColorRole.Highlight))
            cursor = QTextCursor(document)
            cursor.setPosition(self._offsets.to_qt(start))
            cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        selections += self._match_selections()
        self.text.setExtraSelections(selections)

    def set_search(self, marks: Highlighter) -> None:
        """Mark the words of the table's search in the text (amber, as in the table)."""
        if marks != self._marks:
            self._marks = marks
            self._paint_highlights()

    def _match_selections(self) -> list[QTextEdit.ExtraSelection]:
        if not self._marks or self._source is None:
            return []
        fmt = QTextCharFormat()
        fmt.setBackground(match_colour(self.text.palette()))
        document = self.text.document()
        selections = []
        for start, end in self._marks.spans(self._shown):
            cursor = QTextCursor(document)
            cursor.setPosition(self._offsets.shown_to_qt(start))
            cursor.setPosition(self._offsets.shown_to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        return selections

    # -- the assistant's suggestion, claims that lost their place -------------------------

    @property
    def suggestion_span(self) -> tuple[int, int] | None:
        return self._suggestion[:2] if self._suggestion is not None else None

    def show_suggestion(self, start: int, end: int, attribution: str) -> None:
        """Outline the words of a suggestion (Python offsets) and scroll to them."""
        if self._source is None or not 0 <= start < end <= len(self._source.text):
            return
        self._suggestion = (start, end, attribution)
        self._paint_highlights()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._offsets.to_qt(start))
        self.text.setTextCursor(cursor)
        self.text.scroll_to_cursor_soon()

    def clear_suggestion(self) -> None:
        if self._suggestion is not None:
            self._suggestion = None
            self._paint_highlights()

    def offer(self, text: str, action: QAction) -> None:
        """A bar above the text offering ``action`` (e.g. the assistant, after an import)."""
        self.notice_bar.offer(text, action)

    @property
    def orphans(self) -> list[OrphanedClaim]:
        return self.orphan_bar.orphans

    def place_claim(self, claim_id: int) -> bool:
        """Ask to anchor orphan ``claim_id`` at the selected words."""
        span = self.selected_span()
        if span is None or self._source is None:
            return False
        start, end = span
        self.placeClaimRequested.emit(claim_id, start, end, self._source.text[start:end])
        return True

    def locate_orphan(self, claim_id: int) -> None:
        """Scroll to where the orphan's words probably were: after their old left context."""
        if self._source is None or self.text.textCursor().hasSelection():
            return
        orphan = next((o for o in self.orphan_bar.orphans if o.claim_id == claim_id), None)
        if orphan is None:
            return
        text = self._source.text
        at = None
        before = (orphan.prefix or "").strip()[-24:]
        after = (orphan.suffix or "").strip()[:24]
        if len(before) >= 8 and text.count(before) == 1:
            at = text.index(before) + len(before)
        elif len(after) >= 8 and text.count(after) == 1:
            at = text.index(after)
        if at is not None:
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self._offsets.to_qt(at))
            self.text.setTextCursor(cursor)
            self.text.scroll_to_cursor_soon()

    def claims_at(self, qt_position: int) -> list[AnchoredClaim]:
        """The claims whose quote covers a Qt position, innermost first."""
        index = self._offsets.to_python(qt_position)
        hits = [c for c in self._claims if c.start <= index < c.end]
        return sorted(hits, key=lambda c: c.end - c.start)

    def _tooltip_at(self, qt_position: int) -> str:
        hits = self.claims_at(qt_position)
        if not hits:
            return ""
        return "\n\n".join(
            f"#{c.claim_id} · {ATTRIBUTIONS.label(c.attribution)} · {STATUSES.label(c.status)}\n"
            f"{' '.join(c.text.split())[:200]}"
            for c in hits[:3]
        )

    # -- user actions ---------------------------------------------------------------------

    def _on_clicked(self, qt_position: int) -> None:
        hits = self.claims_at(qt_position)
        if hits:
            chosen = hits[0]
            # Clicking again where claims overlap cycles through them.
            if chosen.claim_id == self._current_claim and len(hits) > 1:
                chosen = hits[1]
            self._current_claim = chosen.claim_id
            self._paint_highlights()
            self.claimClicked.emit(chosen.claim_id)

    def _on_selection_changed(self) -> None:
        selected = self.selected_span() is not None
        self.create_action.setEnabled(selected)
        self.orphan_bar.set_can_place(selected)

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as Python offsets, without surrounding white space."""
        if self._source is None:
            return None
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.to_python(cursor.selectionStart())
        end = self._offsets.to_python_end(cursor.selectionEnd())
        text = self._source.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select Python offsets ``start``–``end`` (what a user's drag does; used by tests)."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.setFocus(Qt.FocusReason.MouseFocusReason)

    def create_from_selection(self) -> None:
        span = self.selected_span()
        if span is None or self._source is None:
            return
        start, end = span
        self.createClaimRequested.emit(self._source.id, start, end, self._source.text[start:end])

    def _extend_menu(self, menu: QMenu, qt_position: int) -> None:
        extra = [self.create_action]
        if self.selected_span() is not None:
            for orphan in self.orphan_bar.orphans[:12]:
                words = " ".join((orphan.exact or orphan.quote or orphan.text).split())
                words = words if len(words) <= 40 else words[:39] + "…"
                place = QAction(
                    icon("place"), f"Place claim #{orphan.claim_id} here (was “{words}”)", menu
                )
                place.triggered.connect(lambda _c=False, i=orphan.claim_id: self.place_claim(i))
                extra.append(place)
        hits = self.claims_at(qt_position)
        if hits:
            go = QAction(f"Select claim #{hits[0].claim_id}", menu)
            go.triggered.connect(lambda: self.claimClicked.emit(hits[0].claim_id))
            extra.append(go)
        existing = menu.actions()
        if existing:
            menu.insertActions(existing[0], extra)
            menu.insertSeparator(existing[0])
        else:
            menu.addActions(extra)
