"""Input widgets for claim fields: vocabulary combos, optional dates with a calendar, text that
saves itself when the user pauses or leaves the field, tags with completion, and the
Admiralty rating as letter + digit.

Each widget emits one signal when the *user* changed the value; setting a value from code never
emits, so reloading a claim cannot write it back.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from claimtracker.vocabulary import CREDIBILITY, RELIABILITY, Vocabulary
from ui.icons import icon

#: How long typing may pause before the text is saved (ms).
AUTOSAVE_DELAY_MS = 1200
NONE_LABEL = "—"


class VocabularyCombo(QComboBox):
    """The vocabulary's labels; stores codes. ``optional`` adds a "—" entry for no value."""

    codeChosen = Signal(object)

    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        optional: bool = False,
        parent: QWidget | None = None,
        show_codes: bool = False,
    ) -> None:
        super().__init__(parent)
        self.vocabulary = vocabulary
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        if optional:
            self.addItem(NONE_LABEL, "")
        for term in vocabulary:
            label = f"{term.code} – {term.label}" if show_codes else term.label
            self.addItem(label, term.code)
            if term.description:
                self.setItemData(self.count() - 1, term.description, Qt.ItemDataRole.ToolTipRole)
        self.activated.connect(self._on_activated)

    def code(self) -> str | None:
        value = self.currentData()
        return str(value) if value else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code or "")
        if index < 0 and code:
            self.addItem(code, code)  # a value from a newer vocabulary: show, do not lose it
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def _on_activated(self, _index: int) -> None:
        self.codeChosen.emit(self.code())


class _DateValidator(QValidator):
    _PARTIAL = re.compile(r"^\d{0,4}(-\d{0,2}(-\d{0,2})?)?$")

    def validate(self, text: str, pos: int) -> object:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        if _parse_date(text) is not None:
            return QValidator.State.Acceptable, text, pos
        if self._PARTIAL.match(text.strip()):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


class DateField(QWidget):
    """An optional date: typed as YYYY-MM-DD or picked on a calendar; empty means none."""

    dateEdited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: dt.date | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setClearButtonEnabled(True)
        self.edit.setValidator(_DateValidator(self.edit))
        self.edit.setMaximumWidth(150)
        self.button = QToolButton(self)
        self.button.setIcon(icon("calendar"))
        self.button.setToolTip("Pick a date on the calendar")
        self.button.setAutoRaise(True)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self.button)
        self._calendar: QCalendarWidget | None = None  # made when first opened (it is heavy)
        self._menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(self._menu)
        self.edit.editingFinished.connect(self._on_typed)
        self.edit.textChanged.connect(self._on_text_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def date(self) -> dt.date | None:
        return self._value

    def set_date(self, value: dt.date | None) -> None:
        self._value = value
        self.edit.blockSignals(True)
        self.edit.setText(value.isoformat() if value else "")
        self.edit.blockSignals(False)

    @property
    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            calendar = QCalendarWidget(self._menu)
            calendar.setGridVisible(False)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(calendar)
            self._menu.addAction(action)
            calendar.clicked.connect(self._on_calendar)
            self._calendar = calendar
        return self._calendar

    def _prepare_calendar(self) -> None:
        shown = self._value or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _on_calendar(self, picked: QDate) -> None:
        self._menu.close()
        self._commit(dt.date(picked.year(), picked.month(), picked.day()))
        self.set_date(self._value)

    def _on_text_changed(self, text: str) -> None:
        if not text:  # the clear button
            self._commit(None)

    def _on_typed(self) -> None:
        text = self.edit.text().strip()
        value = _parse_date(text) if text else None
        if text and value is None:
            return  # incomplete: keep what is typed until it is a date
        self._commit(value)

    def _commit(self, value: dt.date | None) -> None:
        if value != self._value:
            self._value = value
            self.dateEdited.emit(value)


class AutoSaveTextEdit(QPlainTextEdit):
    """Multi-line text that commits when the user pauses typing or leaves the field.

    It grows with its text from ``lines`` lines up to ``MAX_LINES``, so a claim or a quote is
    read whole in the panel (which scrolls) instead of in a small box with its own scroll bar.
    """

    textCommitted = Signal(str)
    MAX_LINES = 14

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._saved = ""
        self._min_lines = lines
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._on_changed)
        self.textChanged.connect(self._fit_height)
        self.set_lines(lines)

    def set_lines(self, lines: int) -> None:
        """Show at least ``lines`` lines."""
        self._min_lines = lines
        self._fit_height()

    def _wrapped_lines(self) -> int:
        """How many lines the text takes at the field's width (the layout is lazy, so ask the
        font: it wraps at word boundaries as the field does)."""
        width = self.viewport().width() - int(self.document().documentMargin() * 2)
        if width <= 0 or not self.toPlainText():
            return 1
        metrics = self.fontMetrics()
        box = metrics.boundingRect(
            QRect(0, 0, width, 1_000_000),
            int(Qt.TextFlag.TextWordWrap),
            self.toPlainText(),
        )
        return max(1, -(-box.height() // metrics.lineSpacing()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def _fit_height(self) -> None:
        lines = max(self._min_lines, min(self._wrapped_lines(), self.MAX_LINES))
        # Frame, style sheet border and padding: whatever lies between the field and its text.
        chrome = max(self.height() - self.viewport().height(), 0)
        margin = int(self.document().documentMargin() * 2)
        height = self.fontMetrics().lineSpacing() * lines + margin + chrome + 2
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self._saved

    def set_text_quietly(self, text: str) -> None:
        """Show ``text`` as the saved value (keeps the cursor if the text is unchanged)."""
        self._timer.stop()
        self._saved = text
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
            self._fit_height()

    def commit(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text
            self.textCommitted.emit(text)

    def revert(self) -> None:
        self.set_text_quietly(self._saved)
        self.blockSignals(True)
        self.setPlainText(self._saved)
        self.blockSignals(False)
        self._fit_height()

    def _on_changed(self) -> None:
        self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class AutoSaveLineEdit(QLineEdit):
    """One line of text that commits on Enter, on leaving the field, or after a pause."""

    textCommitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.editingFinished.connect(self.commit)

    @property
    def dirty(self) -> bool:
        return self.text() != self._saved

    def set_text_quietly(self, text: str) -> None:
        self._timer.stop()
        self._saved = text
        if self.text() != text:
            self.blockSignals(True)
            self.setText(text)
            self.blockSignals(False)

    def commit(self) -> None:
        self._timer.stop()
        if self.text() != self._saved:
            self._saved = self.text()
            self.textCommitted.emit(self._saved)

    def revert(self) -> None:
        self.blockSignals(True)
        self.setText(self._saved)
        self.blockSignals(False)


class _SegmentCompleter(QCompleter):
    """Completes the last comma-separated item of a line edit."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        current = widget.text() if isinstance(widget, QLineEdit) else ""
        head = current.rsplit(",", 1)[0] + ", " if "," in current else ""
        return head + str(index.data()) + ", "


def split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class TagsField(AutoSaveLineEdit):
    """Comma-separated tags, completing each from the project's tags."""

    tagsCommitted = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("e.g. idlib, chemical weapons")
        self._names = QStringListModel(self)
        completer = _SegmentCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.textCommitted.connect(lambda text: self.tagsCommitted.emit(split_tags(text)))

    def set_names(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def set_tags(self, tags: list[str] | tuple[str, ...]) -> None:
        self.set_text_quietly(", ".join(tags))

    def commit(self) -> None:
        # "a, b, " and "a,b" mean the same tags: only a real change is saved.
        if split_tags(self.text()) == split_tags(self._saved):
            return
        super().commit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class CountSpin(QSpinBox):
    """How many sources stand behind a claim; "Not stated" when the article does not say."""

    countEdited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, 999)
        self.setSpecialValueText("Not stated")
        self.setMaximumWidth(130)
        self._value: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._commit)
        self.editingFinished.connect(self._commit)
        self.valueChanged.connect(lambda _v: self._timer.start())

    def count(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_count(self, value: int | None) -> None:
        self._value = value
        self._timer.stop()
        self.blockSignals(True)
        self.setValue(-1 if value is None else value)
        self.blockSignals(False)

    def _commit(self) -> None:
        self._timer.stop()
        if self.count() != self._value:
            self._value = self.count()
            self.countEdited.emit(self._value)


class RatingField(QWidget):
    """The Admiralty rating: the source's reliability letter and the information's digit.

    The letter belongs to the actor (the speaker, else the source's outlet), so changing it
    changes every claim of that actor; the widget says whose letter it is.
    """

    reliabilityChosen = Signal(object)
    credibilityChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reliability = VocabularyCombo(RELIABILITY, optional=True, show_codes=True)
        self.reliability.setMinimumContentsLength(10)
        self.reliability.setToolTip("Source reliability (A–F): how far the source can be trusted")
        self.credibility = VocabularyCombo(CREDIBILITY, optional=True, show_codes=True)
        self.credibility.setMinimumContentsLength(10)
        self.credibility.setToolTip(
            "Information credibility (1–6): 1 means confirmed by independent sources"
        )
        self.code = QLabel()
        self.code.setObjectName("RatingCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setMinimumWidth(38)
        self.code.setToolTip("The Admiralty rating: reliability letter and credibility digit")
        self.owner = QLabel()
        self.owner.setObjectName("FieldHint")
        self.owner.setWordWrap(True)
        self.reliability.codeChosen.connect(self.reliabilityChosen)
        self.credibility.codeChosen.connect(
            lambda code: self.credibilityChosen.emit(int(code) if code else None)
        )
        combos = QVBoxLayout()
        combos.setContentsMargins(0, 0, 0, 0)
        combos.setSpacing(4)
        combos.addWidget(self.reliability)
        combos.addWidget(self.credibility)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.code, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(combos, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(row)
        layout.addWidget(self.owner)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rating(self, reliability: str | None, credibility: int | None, owner: str) -> None:
        self.reliability.set_code(reliability)
        self.credibility.set_code(str(credibility) if credibility is not None else None)
        self.code.setText(f"{reliability or '·'}{credibility if credibility is not None else '·'}")
        self.reliability.setEnabled(bool(owner))
        self.owner.setText(
            f"The letter rates {owner} and is shared by all their claims."
            if owner
            else "Set a speaker or a source with an outlet to rate reliability."
        )
