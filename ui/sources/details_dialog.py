"""Correcting a source's details: title, outlet, byline, published date, URL, language, marking.

The text itself is fixed (a corrected text is imported as a new version). The dialog only says
what changed; ``ui.sources.editing`` makes it one undoable command, checked against the version
the dialog was opened on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QStringListModel, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query.reading import SourceDetails
from claimtracker.vocabulary import MARKINGS
from ui.claims.editor_fields import DateField, VocabularyCombo

#: Languages offered first (any ISO 639-1 code can be typed).
COMMON_LANGUAGES = ("en", "ru", "uk", "fr", "de", "es", "ar", "zh", "tr", "fa", "pl", "it")


def language_label(code: str) -> str:
    name = QLocale.languageToString(QLocale(code).language())
    return f"{code} — {name}" if name and name != "C" else code


def parse_language(text: str) -> str | None:
    """An ISO 639-1 code from what was typed ("en", "en-GB", "eng", "en — English")."""
    from claimtracker.articles.language import language_from_tag

    head = text.strip().split(" ")[0] if text.strip() else ""
    return language_from_tag(head) if head else None


@dataclass(frozen=True)
class SourceChanges:
    """What the analyst changed, as ``SourceUpdate`` takes it."""

    before: dict[str, Any]
    after: dict[str, Any]
    #: The outlet's name as typed (for the undo entry).
    outlet_name: str | None
    #: A name that is no actor yet: to be created as a media outlet.
    new_outlet: str | None

    @property
    def empty(self) -> bool:
        return not self.after


class SourceDetailsDialog(QDialog):
    def __init__(
        self,
        details: SourceDetails,
        *,
        actor_names: list[str],
        actor_id_of: Callable[[str], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Source #{details.id} details")
        self.setMinimumWidth(520)
        self.details = details
        self._actor_id_of = actor_id_of

        self.title = QLineEdit(details.title)
        self.title.setPlaceholderText("The article's headline")
        self.outlet = QLineEdit(details.outlet or "")
        self.outlet.setPlaceholderText("Who published it, e.g. Bloomberg")
        self.outlet.setClearButtonEnabled(True)
        completer = QCompleter(QStringListModel(actor_names, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.outlet.setCompleter(completer)
        self.outlet_hint = QLabel()
        self.outlet_hint.setObjectName("FieldHint")
        self.outlet_hint.setWordWrap(True)
        self.byline = QLineEdit(details.byline or "")
        self.byline.setPlaceholderText("The author(s)")
        self.published = DateField()
        self.published.set_date(_date(details.published_on))
        self.url = QLineEdit(details.url or "")
        self.url.setPlaceholderText("https://…")
        self.url.setCursorPosition(0)
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.language.addItem("", "")
        codes = list(COMMON_LANGUAGES)
        if details.language and details.language not in codes:
            codes.insert(0, details.language)
        for code in codes:
            self.language.addItem(language_label(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(details.language or "")))
        self.language.setToolTip("An ISO 639-1 code, e.g. en or ru")
        self.marking = VocabularyCombo(MARKINGS, optional=True)
        self.marking.set_code(details.tlp)
        self.marking.setToolTip(
            "Who may see it (TLP 2.0). Every claim from this source is marked at least this."
        )
        self.problem = QLabel()
        self.problem.setObjectName("ErrorText")
        self.problem.setWordWrap(True)
        note = QLabel(
            "The text is kept as imported: import a corrected version of the article to replace "
            "it (its claims are placed again)."
        )
        note.setObjectName("FieldHint")
        note.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("Title", self.title)
        form.addRow("Outlet", self.outlet)
        form.addRow("", self.outlet_hint)
        form.addRow("Byline", self.byline)
        form.addRow("Published", self.published)
        form.addRow("URL", self.url)
        form.addRow("Language", self.language)
        form.addRow("Marking", self.marking)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

        self.outlet.textChanged.connect(self._on_outlet_changed)
        self.published.edit.textChanged.connect(lambda _t: self._check())
        self.language.currentTextChanged.connect(lambda _t: self._check())
        self._on_outlet_changed(self.outlet.text())
        self._check()
        self.title.setFocus()
        self.title.selectAll()

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    # -- what the analyst changed ---------------------------------------------------------

    def _typed_date(self) -> tuple[dt.date | None, bool]:
        text = self.published.edit.text().strip()
        if not text:
            return None, True
        try:
            return dt.date.fromisoformat(text), True
        except ValueError:
            return None, False

    def _typed_language(self) -> tuple[str | None, bool]:
        text = self.language.currentText().strip()
        if not text:
            return None, True
        code = parse_language(text)
        return code, code is not None

    def changes(self) -> SourceChanges:
        details = self.details
        now: dict[str, Any] = {
            "title": " ".join(self.title.text().split()),
            "byline": _text_or_none(self.byline.text()),
            "published_on": self._typed_date()[0],
            "url": _text_or_none(self.url.text()),
            "language": self._typed_language()[0],
            "tlp": self.marking.code(),
        }
        was: dict[str, Any] = {
            "title": details.title,
            "byline": details.byline,
            "published_on": _date(details.published_on),
            "url": details.url,
            "language": details.language,
            "tlp": details.tlp,
        }
        outlet_name = " ".join(self.outlet.text().split()) or None
        new_outlet = None
        outlet_id = self._actor_id_of(outlet_name) if outlet_name else None
        if outlet_name and outlet_id is None:
            new_outlet = outlet_name
        if new_outlet or outlet_id != details.outlet_id:
            now["outlet_id"] = outlet_id
            was["outlet_id"] = details.outlet_id
        order = ("title", "outlet_id", "byline", "published_on", "url", "language", "tlp")
        after = {
            k: now[k]
            for k in order
            if k in now and (now[k] != was.get(k) or (k == "outlet_id" and new_outlet))
        }
        before = {k: was[k] for k in after}
        return SourceChanges(before, after, outlet_name, new_outlet)

    # -- slots ----------------------------------------------------------------------------

    @Slot(str)
    def _on_outlet_changed(self, text: str) -> None:
        name = " ".join(text.split())
        new = bool(name) and self._actor_id_of(name) is None
        self.outlet_hint.setText(
            f"“{name}” is not an actor yet: it will be created as a media outlet." if new else ""
        )
        self.outlet_hint.setVisible(new)

    def _check(self) -> bool:
        problems = []
        if not self._typed_date()[1]:
            problems.append("The published date must be a date such as 2018-08-25.")
        if not self._typed_language()[1]:
            problems.append("The language must be a code such as en, ru or uk.")
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)
        return not problems

    @Slot()
    def _on_ok(self) -> None:
        if self._check():
            self.accept()


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text_or_none(text: str) -> str | None:
    return " ".join(text.split()) or None
