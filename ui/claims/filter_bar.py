"""The filter bar above the claims table: search as you type, and filters that combine.

The bar owns the filter: every change produces a new immutable
:class:`~claimtracker.query.ClaimFilter` (``filterChanged``), which the table runs in the
database. Typing is debounced by a few milliseconds so a burst of keys becomes one query.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker.query import ClaimFilter
from claimtracker.query.choices import actor_choices, source_choices, tag_choices
from claimtracker.vocabulary import ATTRIBUTIONS, STATUSES
from ui.claims.editor_fields import DateField
from ui.common.choice_popup import ChoicePopup, Entry
from ui.common.flow_layout import FlowLayout
from ui.icons import icon
from ui.runtime.project import Project

#: Milliseconds between the last key and the query (a burst of keys is one query).
SEARCH_DEBOUNCE_MS = 3
DATE_FIELD_LABELS = {"reported_on": "Reported", "said_on": "Said", "event_on": "Event"}
#: The filter buttons: kind → (title, icon).
_KINDS = {
    "speaker": ("Speaker", "actor"),
    "attribution": ("Attribution", "quote"),
    "status": ("Status", "filter"),
    "tag": ("Tag", "tag"),
    "source": ("Source", "source"),
}


class FilterButton(QToolButton):
    """A button that names its filter and what is chosen ("Status: Disputed +1")."""

    def __init__(self, title: str, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setIcon(icon(icon_name))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setObjectName("FilterButton")
        self.show_choice([])

    def show_choice(self, labels: list[str]) -> None:
        if not labels:
            text = self.title
        elif len(labels) == 1:
            text = f"{self.title}: {labels[0]}"
        else:
            text = f"{self.title}: {labels[0]} +{len(labels) - 1}"
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, 180) + "  ▾")
        self.setToolTip("\n".join(labels) if labels else f"Filter by {self.title.lower()}")
        self.setProperty("active", bool(labels))
        self.style().unpolish(self)
        self.style().polish(self)


class DateRangePopup(QFrame):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("ChoicePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.field = QComboBox(self)
        for code, label in DATE_FIELD_LABELS.items():
            self.field.addItem(f"{label} date", code)
        self.date_from = DateField(self)
        self.date_to = DateField(self)
        clear = QPushButton("Clear", self)
        clear.clicked.connect(self.clear)
        title = QLabel("Date range", self)
        title.setObjectName("PopupTitle")
        form = QFormLayout()
        form.addRow("Which date", self.field)
        form.addRow("From", self.date_from)
        form.addRow("To", self.date_to)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(title)
        layout.addLayout(form)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(clear)
        layout.addLayout(footer)
        self.field.activated.connect(lambda _i: self.changed.emit())
        self.date_from.dateEdited.connect(lambda _d: self.changed.emit())
        self.date_to.dateEdited.connect(lambda _d: self.changed.emit())

    def clear(self) -> None:
        self.date_from.set_date(None)
        self.date_to.set_date(None)
        self.changed.emit()

    def show_below(self, anchor: QWidget) -> None:
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height() + 2)))
        self.show()


class FilterBar(QWidget):
    """Search field and filter buttons; emits a new ClaimFilter whenever any of them changes.

    The chosen values live here; the popups that change them are made when first opened.
    """

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self._project: Project | None = None
        self._trash = False
        self._in_conflict = False
        self._chosen: dict[str, list[Entry]] = {kind: [] for kind in _KINDS}
        self._date_field = "reported_on"
        self._date_from: date | None = None
        self._date_to: date | None = None
        self._popups: dict[str, ChoicePopup] = {}
        self._date_popup: DateRangePopup | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("SearchField")
        self.search.setPlaceholderText("Search claims, quotes, speakers, sources…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setToolTip(
            'Words match anywhere; "quoted phrases" match exactly; -word excludes;\n'
            "speaker:name, source:title, quote:word search one field."
        )
        self.search.setMinimumWidth(160)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.buttons = {
            kind: FilterButton(title, icon_name, self)
            for kind, (title, icon_name) in _KINDS.items()
        }
        self.date_button = FilterButton("Dates", "calendar", self)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear filters")
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_button.setToolTip("Show every claim again (Esc in the search field)")
        self.clear_button.clicked.connect(self.clear)
        self.conflict_button = QToolButton(self)
        self.conflict_button.setObjectName("FilterButton")  # looks like the filters beside it
        self.conflict_button.setText("In conflict")
        self.conflict_button.setIcon(icon("compare"))
        self.conflict_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.conflict_button.setCheckable(True)
        self.conflict_button.setToolTip(
            "Only claims a merge left a conflict on (your value stands until you settle it)"
        )
        self.conflict_button.toggled.connect(self.set_in_conflict)
        self.trash_label = QLabel("Showing the trash", self)
        self.trash_label.setObjectName("TrashChip")
        self.trash_label.hide()
        for kind, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, k=kind: self.open_popup(k))
        self.date_button.clicked.connect(self.open_date_popup)

        # The search, then the filter buttons, which wrap onto evenly filled rows in a narrow window.
        buttons = FlowLayout(spacing=4, balanced=True)
        for button in self.buttons.values():
            buttons.addWidget(button)
        buttons.addWidget(self.date_button)
        buttons.addWidget(self.conflict_button)
        buttons.addWidget(self.trash_label)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(5)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._on_escape)
        self._update_buttons()

    # -- popups, made when first opened ---------------------------------------------------

    def popup(self, kind: str) -> ChoicePopup:
        found = self._popups.get(kind)
        if found is None:
            title = {
                "speaker": "Speakers",
                "attribution": "Attributions",
                "status": "Statuses",
                "tag": "Tags",
                "source": "Sources",
            }[kind]
            if kind == "attribution":
                found = ChoicePopup(
                    title, entries=[Entry(t.code, t.label) for t in ATTRIBUTIONS], parent=self
                )
            elif kind == "status":
                found = ChoicePopup(
                    title, entries=[Entry(t.code, t.label) for t in STATUSES], parent=self
                )
            else:
                fetch = {
                    "speaker": self._fetch_speakers,
                    "tag": self._fetch_tags,
                    "source": self._fetch_sources,
                }[kind]
                found = ChoicePopup(title, fetch=fetch, parent=self)
            found.checkedChanged.connect(lambda entries, k=kind: self._on_checked(k, entries))
            self._popups[kind] = found
        return found

    def open_popup(self, kind: str) -> ChoicePopup:
        popup = self.popup(kind)
        popup.set_checked(self._chosen[kind])
        popup.show_below(self.buttons[kind])
        return popup

    def _on_checked(self, kind: str, entries: list[Entry]) -> None:
        self._chosen[kind] = list(entries)
        self._emit()

    @property
    def date_popup(self) -> DateRangePopup:
        if self._date_popup is None:
            popup = DateRangePopup(self)
            popup.changed.connect(self._on_dates)
            self._date_popup = popup
        return self._date_popup

    def open_date_popup(self) -> DateRangePopup:
        popup = self.date_popup
        popup.field.setCurrentIndex(max(0, popup.field.findData(self._date_field)))
        popup.date_from.set_date(self._date_from)
        popup.date_to.set_date(self._date_to)
        popup.show_below(self.date_button)
        return popup

    def _on_dates(self) -> None:
        popup = self.date_popup
        self._date_field = str(popup.field.currentData() or "reported_on")
        self._date_from = popup.date_from.date()
        self._date_to = popup.date_to.date()
        self._emit()

    # -- choices from the project ---------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.clear(emit=False)

    def _fetch_speakers(self, text: str) -> list[Entry]:
        if self._project is None:
            return []
        return [Entry(c.id, c.label) for c in actor_choices(self._project.reader, text)]

    def _fetch_sources(self, text: str) -> list[Entry]:
        if self._project is None:
            return []
        return [
            Entry(c.id, c.label, c.detail or "") for c in source_choices(self._project.reader, text)
        ]

    def _fetch_tags(self, text: str) -> list[Entry]:
        if self._project is None:
            return []
        return [Entry(name, name) for name in tag_choices(self._project.reader, text)]

    # -- the filter -----------------------------------------------------------------------

    def claim_filter(self) -> ClaimFilter:
        chosen = self._chosen
        return ClaimFilter(
            # Kept as typed (a trailing space ends the word being typed), unless blank.
            text=self.search.text() if self.search.text().strip() else "",
            speaker_ids=tuple(int(str(e.key)) for e in chosen["speaker"]),
            attributions=tuple(str(e.key) for e in chosen["attribution"]),
            statuses=tuple(str(e.key) for e in chosen["status"]),
            tags=tuple(str(e.key) for e in chosen["tag"]),
            source_ids=tuple(int(str(e.key)) for e in chosen["source"]),
            date_from=self._date_from,
            date_to=self._date_to,
            date_field=self._date_field,
            trash="trash" if self._trash else "live",
            in_conflict=self._in_conflict,
            prefix_last=True,
        )

    def is_filtering(self) -> bool:
        return not self.claim_filter().is_empty

    def _emit(self) -> None:
        self._debounce.stop()
        self._update_buttons()
        self.filterChanged.emit(self.claim_filter())

    def _update_buttons(self) -> None:
        for kind, button in self.buttons.items():
            button.show_choice([e.label for e in self._chosen[kind]])
        start, end = self._date_from, self._date_to
        field = DATE_FIELD_LABELS.get(self._date_field, "Reported")
        if start or end:
            span = f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"
            self.date_button.show_choice([f"{field} {span}"])
        else:
            self.date_button.show_choice([])
        self.trash_label.setVisible(self._trash)
        self.clear_button.setVisible(self.is_filtering())

    # -- changes from elsewhere (sidebar, shortcuts, tests) --------------------------------

    def _set_chosen(self, kind: str, entries: list[Entry]) -> None:
        self._chosen[kind] = list(entries)
        if kind in self._popups:
            self._popups[kind].set_checked(entries)
        self._emit()

    def set_search_text(self, text: str) -> None:
        self.search.setText(text)
        self._emit()

    def set_speakers(self, entries: list[Entry]) -> None:
        self._set_chosen("speaker", entries)

    def set_sources(self, entries: list[Entry]) -> None:
        self._set_chosen("source", entries)

    def set_statuses(self, codes: list[str]) -> None:
        self._set_chosen("status", [Entry(c, STATUSES.label(c)) for c in codes])

    def set_attributions(self, codes: list[str]) -> None:
        self._set_chosen("attribution", [Entry(c, ATTRIBUTIONS.label(c)) for c in codes])

    def set_tags(self, names: list[str]) -> None:
        self._set_chosen("tag", [Entry(n, n) for n in names])

    def set_date_range(
        self, start: date | None, end: date | None, field: str = "reported_on"
    ) -> None:
        self._date_field, self._date_from, self._date_to = field, start, end
        self._emit()

    def set_in_conflict(self, in_conflict: bool) -> None:
        """Only the claims in conflict after a merge (or every claim again)."""
        if in_conflict != self._in_conflict:
            self._in_conflict = in_conflict
            self.conflict_button.setChecked(in_conflict)
            self._mark_active(in_conflict)
            self._emit()

    def _mark_active(self, active: bool) -> None:
        self.conflict_button.setProperty("active", active)
        self.conflict_button.style().unpolish(self.conflict_button)
        self.conflict_button.style().polish(self.conflict_button)

    def set_trash(self, trash: bool) -> None:
        if trash != self._trash:
            self._trash = trash
            self._emit()

    @property
    def showing_trash(self) -> bool:
        return self._trash

    def clear(self, *, emit: bool = True) -> None:
        """Remove every filter and the search text (the trash view is left too)."""
        for kind in self._chosen:
            self._chosen[kind] = []
        for popup in self._popups.values():
            popup.set_checked([])
        self._date_from = self._date_to = None
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._trash = False
        self._in_conflict = False
        self.conflict_button.blockSignals(True)
        self.conflict_button.setChecked(False)
        self.conflict_button.blockSignals(False)
        self._mark_active(False)
        self._update_buttons()
        if emit:
            self._emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_escape(self) -> None:
        if self.search.text():
            self.search.clear()
        elif self.is_filtering():
            self.clear()
