"""Every field of one claim, saved as the analyst goes (each save is an undoable command).

The editor shows a :class:`~claimtracker.query.ClaimRow` snapshot. A field commits when the user
picks a value, presses Enter, leaves the field or pauses typing; the commit goes to
:class:`ui.claims.editing.Editing`, which runs it as a command. When the core refuses a value the field
goes back to what is stored. When the claim changes (our edit, an undo), the snapshot is read
again and the fields follow — except one the user is typing in.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimtracker import fields
from claimtracker.query import ClaimRow, fetch_row
from claimtracker.query.choices import (
    actor_choice,
    actor_named,
    actor_names,
    actor_reliability,
    source_choices,
    source_outlet_id,
    tag_choices,
)
from claimtracker.vocabulary import ATTRIBUTIONS, CONFIDENCES, LIKELIHOODS, MARKINGS, STATUSES
from ui.claims.editing import Editing
from ui.claims.editor_fields import (
    AutoSaveLineEdit,
    AutoSaveTextEdit,
    CountSpin,
    DateField,
    RatingField,
    TagsField,
    VocabularyCombo,
)
from ui.claims.independence_note import IndependenceNote
from ui.claims.opinions_section import OpinionsSection
from ui.claims.speaker_field import SpeakerField, guess_kind
from ui.common.choice_popup import ChoicePopup, Entry
from ui.icons import icon
from ui.runtime.project import Project

log = logging.getLogger(__name__)


def _section(title: str) -> QLabel:
    label = QLabel(title.upper())
    label.setObjectName("SectionTitle")
    return label


class ClaimEditor(QWidget):
    """The form; ``show_claim`` fills it, user edits become commands through ``editing``."""

    #: The user asked to see the claim's source in the reader.
    openSourceRequested = Signal(int, int)  # source id, claim id

    def __init__(
        self,
        editing: Editing,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ClaimEditor")
        self.editing = editing
        self._project: Project | None = None
        self._row: ClaimRow | None = None
        self._names_loaded = False

        self.text = AutoSaveTextEdit(lines=3)
        self.text.setPlaceholderText("The claim, as you would phrase it")
        self.quote = AutoSaveTextEdit(lines=4)
        self.quote.setObjectName("QuoteEdit")
        self.quote.setPlaceholderText("The exact words in the source")
        self.anchor_label = QLabel()
        self.anchor_label.setObjectName("FieldHint")
        self.anchor_label.setWordWrap(True)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.open_source_button = QPushButton(icon("reader"), "Open in reader")
        self.change_source_button = QPushButton(icon("source"), "Change…")
        self.change_source_button.setToolTip("Attach the claim to another source")
        self.source_popup: ChoicePopup | None = None

        self.speaker = SpeakerField()
        self.attribution = VocabularyCombo(ATTRIBUTIONS)
        self.descriptor = AutoSaveLineEdit()
        self.descriptor.setPlaceholderText("The article's words, e.g. “people familiar with…”")
        self.source_count = CountSpin()
        self.source_count.setToolTip("How many sources the article says stand behind the claim")

        self.status = VocabularyCombo(STATUSES)
        self.rating = RatingField()
        self.independence = IndependenceNote()
        self.likelihood = VocabularyCombo(LIKELIHOODS, optional=True)
        self.confidence = VocabularyCombo(CONFIDENCES, optional=True)
        self.tlp = VocabularyCombo(MARKINGS, optional=True)
        self.tlp.setToolTip(
            "Who may see it (TLP 2.0). The claim keeps its source's marking if that is higher."
        )

        self.said_on = DateField()
        self.reported_on = DateField()
        self.event_on = DateField()

        self.tags = TagsField()
        self.notes = AutoSaveTextEdit(lines=4)
        self.notes.setPlaceholderText("Your notes: how you checked it, what is missing")
        self.opinions = OpinionsSection(editing)
        self.footer = QLabel()
        self.footer.setObjectName("FieldHint")
        self.footer.setWordWrap(True)

        self._build_layout()
        self._connect_fields()
        self.setEnabled(False)

    # -- layout ---------------------------------------------------------------------------

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        return form

    def _build_layout(self) -> None:
        # One form for every section, so that all fields start at the same line.
        form = self._form()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(form)

        form.addRow(_section("Claim"))
        form.addRow("Claim", self.text)
        form.addRow("Quote", self.quote)
        form.addRow("", self.anchor_label)
        source_buttons = QHBoxLayout()
        source_buttons.setSpacing(6)
        source_buttons.addWidget(self.open_source_button)
        source_buttons.addWidget(self.change_source_button)
        source_buttons.addStretch(1)
        source_box = QVBoxLayout()
        source_box.setSpacing(4)
        source_box.addWidget(self.source_label)
        source_box.addLayout(source_buttons)
        form.addRow("Source", source_box)

        form.addRow(_section("Who and how"))
        form.addRow("Speaker", self.speaker)
        form.addRow("Attribution", self.attribution)
        form.addRow("Descriptor", self.descriptor)
        form.addRow("Sources behind", self.source_count)

        form.addRow(_section("Assessment"))
        form.addRow("Status", self.status)
        form.addRow("Rating", self.rating)
        form.addRow("", self.independence)
        form.addRow("Likelihood", self.likelihood)
        form.addRow("Confidence", self.confidence)
        form.addRow("Marking", self.tlp)

        form.addRow(_section("Dates"))
        form.addRow("Said on", self.said_on)
        form.addRow("Reported on", self.reported_on)
        form.addRow("Event on", self.event_on)

        form.addRow(_section("Tags and notes"))
        form.addRow("Tags", self.tags)
        form.addRow("Notes", self.notes)

        form.addRow(_section("Opinions"))
        form.addRow("Analysts", self.opinions)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("Separator")
        layout.addWidget(line)
        layout.addWidget(self.footer)

    def _connect_fields(self) -> None:
        self.text.textCommitted.connect(lambda v: self._save({"text": v}, self.text))
        self.quote.textCommitted.connect(lambda v: self._save({"quote": v or None}, self.quote))
        self.descriptor.textCommitted.connect(
            lambda v: self._save({"descriptor": v or None}, self.descriptor)
        )
        self.notes.textCommitted.connect(lambda v: self._save({"notes": v or None}, self.notes))
        self.attribution.codeChosen.connect(lambda c: self._save({"attribution": c}))
        self.status.codeChosen.connect(lambda c: self._save({"status": c}))
        self.likelihood.codeChosen.connect(lambda c: self._save({"likelihood": c}))
        self.confidence.codeChosen.connect(lambda c: self._save({"confidence": c}))
        self.tlp.codeChosen.connect(lambda c: self._save({"tlp": c}))
        self.source_count.countEdited.connect(lambda n: self._save({"source_count": n}))
        self.rating.credibilityChosen.connect(lambda n: self._save({"credibility": n}))
        self.rating.reliabilityChosen.connect(self._save_reliability)
        self.said_on.dateEdited.connect(lambda d: self._save({"said_on": d}))
        self.reported_on.dateEdited.connect(lambda d: self._save({"reported_on": d}))
        self.event_on.dateEdited.connect(lambda d: self._save({"event_on": d}))
        self.tags.tagsCommitted.connect(lambda tags: self._save({"tags": tags}, self.tags))
        self.speaker.speakerChosen.connect(self._save_speaker)
        self.open_source_button.clicked.connect(self._open_source)
        self.change_source_button.clicked.connect(self._choose_source)

    # -- data in --------------------------------------------------------------------------

    @property
    def row(self) -> ClaimRow | None:
        return self._row

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self._names_loaded = False
        self.show_claim(None)

    def load_names(self) -> None:
        """Completion lists for speaker and tags (cheap; done after the first paint)."""
        if self._project is None:
            return
        reader = self._project.reader
        self.speaker.set_names(actor_names(reader))
        self.tags.set_names(tag_choices(reader, limit=5000))
        self._names_loaded = True

    def editing_widgets(self) -> list[QWidget]:
        """The fields and buttons that change the claim (a viewer sees them disabled)."""
        return [
            self.text,
            self.quote,
            self.change_source_button,
            self.speaker,
            self.attribution,
            self.descriptor,
            self.source_count,
            self.status,
            self.rating,
            self.likelihood,
            self.confidence,
            self.tlp,
            self.said_on,
            self.reported_on,
            self.event_on,
            self.tags,
            self.notes,
            self.opinions,
        ]

    def restrict_codes(self, combo: VocabularyCombo, codes: set[str], reason: str) -> None:
        """Offer ``codes`` of ``combo`` disabled, with ``reason`` as their tooltip (an analyst
        who is not a lead and a claim's verified / false status); an empty set offers all."""
        model = combo.model()
        if not isinstance(model, QStandardItemModel):
            return
        descriptions = {term.code: term.description for term in combo.vocabulary}
        for index in range(combo.count()):
            code = combo.itemData(index)
            item = model.item(index)
            if item is None:
                continue
            refused = code in codes
            item.setEnabled(not refused)
            item.setToolTip(reason if refused else descriptions.get(code) or "")

    def show_claim(self, row: ClaimRow | None) -> None:
        self.flush()
        self._row = row
        self.setEnabled(row is not None)
        if row is not None and not self._names_loaded:
            self.load_names()
        self._fill(row, keep_focused=False)

    def reload(self, *, refill: bool = True) -> None:
        """Read the shown claim again (it changed) without losing what is being typed.

        ``refill=False`` after the editor's own save: its fields already show the values, only
        the row behind them (its version, the derived rating) is taken up.
        """
        if self._project is None or self._row is None:
            return
        row = fetch_row(self._project.reader, self._row.id)
        if row is None or row.deleted_at is not None:
            self._row = None
            self.setEnabled(False)
            self._fill(None, keep_focused=False)
            return
        self._row = row
        if refill:
            self._fill(row, keep_focused=True)
        else:
            self._fill_derived(row)

    def flush(self) -> None:
        """Save what is typed but not yet saved (switching claims, closing, a crash)."""
        if self._row is None:
            return
        for field in (self.text, self.quote, self.notes, self.descriptor, self.tags):
            field.commit()
        self.speaker.commit()

    def _fill(self, row: ClaimRow | None, *, keep_focused: bool) -> None:
        def keep(widget: QWidget) -> bool:
            return keep_focused and widget.hasFocus() and bool(getattr(widget, "dirty", False))

        values: dict[str, Any] = (
            {}
            if row is None
            else {
                "text": row.text,
                "quote": row.quote or "",
                "descriptor": row.descriptor or "",
                "notes": row.notes or "",
            }
        )
        for name in ("text", "quote", "notes", "descriptor"):
            widget = getattr(self, name)
            if not keep(widget):
                widget.set_text_quietly(values.get(name, ""))
        if not keep(self.tags):
            self.tags.set_tags(row.tags if row else [])
        if not (keep_focused and self.speaker.hasFocus()):
            self.speaker.set_name_quietly(row.speaker or "" if row else "")
        self.attribution.set_code(row.attribution if row else "unknown")
        self.status.set_code(row.status if row else "unstarted")
        self.likelihood.set_code(row.likelihood if row else None)
        self.confidence.set_code(row.confidence if row else None)
        self.source_count.set_count(row.source_count if row else None)
        for name in fields.CLAIM_DATES:
            value = getattr(row, name) if row else None
            getattr(self, name).set_date(date.fromisoformat(value[:10]) if value else None)
        self.tlp.set_code(row.tlp if row else None)
        self._fill_derived(row)

    def _fill_derived(self, row: ClaimRow | None) -> None:
        """What follows from the fields: the rating's owner, the source line, the footer."""
        owner = self._reliability_owner(row)
        self.rating.set_rating(
            row.reliability if row else None,
            row.credibility if row else None,
            owner[1] if owner else "",
        )
        self._fill_source(row)
        self.show_dispute(row)
        if row is None:
            self.footer.setText("")
        else:
            updated = (row.updated_at or "")[:16].replace("T", " ")
            created = (row.created_at or "")[:16].replace("T", " ")
            self.footer.setText(
                f"Claim #{row.id} · created {created} UTC · updated {updated} UTC · "
                f"version {row.version}"
            )

    def show_dispute(self, row: ClaimRow | None = None) -> None:
        """Independence beside the rating and the analysts' opinions (ui.dispute)."""
        row = row if row is not None else self._row
        reader = self._project.reader if self._project is not None else None
        self.independence.show_claim(reader, row.id if row else None)
        self.opinions.show_claim(self._project, row.id if row else None)

    def _fill_source(self, row: ClaimRow | None) -> None:
        has_source = row is not None and row.source_id is not None
        if row is None:
            self.source_label.setText("")
        elif has_source:
            parts = [row.source_title or f"Source #{row.source_id}"]
            if row.outlet:
                parts.append(row.outlet)
            self.source_label.setText(" · ".join(parts))
        else:
            self.source_label.setText("No source")
        self.open_source_button.setEnabled(has_source)
        if row is not None and row.anchor_status == "orphan":
            # A corrected text lost its words (offsets cleared): the reader places it again.
            self.anchor_label.setText(
                "This claim lost its place when the source text was corrected. Open it in the "
                "reader, select the words where it belongs now and choose "
                f"“Place claim #{row.id} here”."
            )
        elif row is None or row.anchor_start is None:
            self.anchor_label.setText(
                "Not anchored in a source text." if row is not None and has_source else ""
            )
        else:
            self.anchor_label.setText(
                f"Anchored at characters {row.anchor_start:,}–{row.anchor_end:,} of the source."
            )
        self.anchor_label.setVisible(bool(self.anchor_label.text()))

    def _reliability_owner(self, row: ClaimRow | None) -> tuple[int, str] | None:
        """Whose reliability letter the rating shows: the speaker's, else the outlet's."""
        if row is None or self._project is None:
            return None
        if row.speaker_id is not None:
            return row.speaker_id, row.speaker or f"actor #{row.speaker_id}"
        if row.source_id is not None:
            outlet_id = source_outlet_id(self._project.reader, row.source_id)
            if outlet_id is not None:
                choice = actor_choice(self._project.reader, outlet_id)
                return outlet_id, choice.label if choice else row.outlet or "the outlet"
        return None

    # -- data out -------------------------------------------------------------------------

    def _save(self, changes: dict[str, Any], field: QWidget | None = None) -> None:
        row = self._row
        if row is None:
            return
        saved = self.editing.set_fields(row, changes, initiator=self)
        if not saved and not self.editing.last_failure_kept:
            self.reload_or_revert(field)  # a change kept to try again stays as typed

    def reload_or_revert(self, field: QWidget | None) -> None:
        if field is not None and hasattr(field, "revert"):
            field.revert()
        self._fill(self._row, keep_focused=False)

    def _save_speaker(self, name: str, new_kind: str = "") -> None:
        """A known name (or alias) sets that actor; a new one creates the actor as ``new_kind``
        in the same undoable step."""
        row = self._row
        if row is None or self._project is None:
            return
        if not name:
            ok = self.editing.set_speaker(row, None, new_actor_kind=None, initiator=self)
        else:
            known = actor_named(self._project.reader, name)
            if known is not None:
                ok = self.editing.set_speaker(row, known.label, new_actor_kind=None, initiator=self)
            else:
                kind = new_kind or guess_kind(name)
                ok = self.editing.set_speaker(row, name, new_actor_kind=kind, initiator=self)
            if ok:
                self.load_names()  # the new actor completes from now on
        if not ok and not self.editing.last_failure_kept:
            self.speaker.set_name_quietly(row.speaker or "")

    def _save_reliability(self, letter: str | None) -> None:
        owner = self._reliability_owner(self._row)
        if owner is None or self._project is None:
            return
        actor_id, name = owner
        old = actor_reliability(self._project.reader, actor_id)
        if not self.editing.set_reliability(actor_id, name, old, letter):
            self._fill(self._row, keep_focused=False)

    def _open_source(self) -> None:
        if self._row is not None and self._row.source_id is not None:
            self.openSourceRequested.emit(self._row.source_id, self._row.id)

    def _choose_source(self) -> None:
        if self._project is None:
            return
        reader = self._project.reader

        def fetch(text: str) -> list[Entry]:
            entries = [Entry(0, "No source")] if not text else []
            return entries + [
                Entry(c.id, c.label, c.detail or "") for c in source_choices(reader, text)
            ]

        if self.source_popup is None:
            self.source_popup = ChoicePopup("Sources", fetch=fetch, multi=False, parent=self)
            self.source_popup.chosen.connect(
                lambda entry: self._save({"source_id": int(entry.key) or None})
            )
        self.source_popup.show_below(self.change_source_button)
