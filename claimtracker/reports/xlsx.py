"""A spreadsheet to read: the claims (or pairs) report as XLSX, laid out for a colleague.

The "reading" columns (see ``csvio.columns.PRESETS``) with labels instead of codes, set widths,
wrapped text, a frozen bold header and filters on every column, A4 landscape fitted to the page
width with the header repeated on each printed page and the marking in the page header. Rows
stream through openpyxl's write-only mode, so memory stays flat. Text is always stored as text:
a cell that begins with "=" is never a formula. Beside the CSV's columns, each claim's
independence verdict and the analysts' opinions (``JUDGEMENT_COLUMNS``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from claimtracker.csvio.columns import REPORTS, choose_columns, preset_columns
from claimtracker.csvio.export import pairs_query
from claimtracker.csvio.writing import claims_query, register_guard
from claimtracker.errors import ValidationError
from claimtracker.query import ClaimFilter, ClaimOrder
from claimtracker.reports.files import REPORTS_EXTRA, MissingRendererError
from claimtracker.reports.judgements import Judgement, judge_claims
from claimtracker.store.dbapi import DbConnection, dialect_of
from claimtracker.vocabulary import (
    ATTRIBUTIONS,
    CONFIDENCES,
    LIKELIHOODS,
    MARKINGS,
    RELATIONS,
    STATUSES,
)

#: Columns the spreadsheet adds to the CSV's: a claim's independence verdict (how many
#: independent sources stand behind it, and why the others are not) and the analysts'
#: opinions, each with the column holding the claim's number it is read from.
JUDGEMENT_COLUMNS: dict[str, dict[str, str]] = {
    "claims": {"independence": "claim_id", "opinions": "claim_id"},
    "pairs": {
        "claim_independence": "claim_id",
        "claim_opinions": "claim_id",
        "counter_independence": "counter_claim_id",
        "counter_opinions": "counter_claim_id",
    },
}
#: Where the reading layout shows them: after the column named here.
_JUDGEMENTS_AFTER = {"claims": "counter_claims", "pairs": "note"}

#: Column width (characters) by kind of content; wrapped text grows rows, not columns.
_WIDE = {
    "claim",
    "counter_claim",
    "counter_claims",
    "quote",
    "claim_quote",
    "counter_quote",
    "independence",
    "claim_independence",
    "counter_independence",
}
_MEDIUM = {
    "descriptor",
    "source_title",
    "claim_source",
    "counter_source",
    "notes",
    "note",
    "url",
    "opinions",
    "claim_opinions",
    "counter_opinions",
}
_NARROW = {"claim_id", "counter_claim_id", "rating", "claim_rating", "counter_rating", "tlp"}
_LABELS: dict[str, Callable[[str | None], str]] = {
    "attribution": ATTRIBUTIONS.label,
    "status": STATUSES.label,
    "likelihood": LIKELIHOODS.label,
    "confidence": CONFIDENCES.label,
    "relation": RELATIONS.label,
    "tlp": MARKINGS.label,
}
_HEADINGS = {
    "claim_id": "#",
    "counter_claim_id": "Counter #",
    "source_title": "Source",
    "said_on": "Said on",
    "reported_on": "Reported on",
    "event_on": "Event on",
    "counter_claims": "Counter-claims",
    "tlp": "Marking",
    "claim_tlp": "Marking",
    "counter_claim_tlp": "Counter marking",
    "url": "Address",
}


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as error:
        raise MissingRendererError(f"XLSX reports need openpyxl: {REPORTS_EXTRA}") from error
    return openpyxl


def _width(name: str) -> int:
    if name in _WIDE:
        return 48
    if name in _MEDIUM:
        return 28
    if name in _NARROW:
        return 9
    return 16


#: Points per line of wrapped text (Calibri 11), and the tallest row a spreadsheet allows.
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0
#: Columns printed, on A4 landscape fitted to the width: those up to the counter-claims; the
#: others are there on screen.
PRINTED_UP_TO = {"claims": "counter_claims", "pairs": "counter_speaker"}


def _row_height(values: list[Any], widths: list[int]) -> float | None:
    """A height that shows every wrapped cell whole (None: one line is enough)."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str) and value:
            per_line = max(1.0, width * 1.15)  # characters of average text per column unit
            lines = max(
                lines, sum(-(-len(part) // int(per_line)) or 1 for part in value.split("\n"))
            )
    return None if lines == 1 else min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT)


def _heading(name: str) -> str:
    return _HEADINGS.get(name) or name.replace("_", " ").capitalize()


def _labeller(name: str) -> Callable[[Any], Any] | None:
    for suffix, label in _LABELS.items():
        if name == suffix or name.endswith(f"_{suffix}"):
            return lambda value: label(value) if value else value
    return None


def _highest_marking(
    connection: DbConnection, report: str, claim_filter: ClaimFilter
) -> str | None:
    """The highest marking among the rows the report holds (for the page header)."""
    column = choose_columns(report, ["tlp" if report == "claims" else "claim_tlp"])
    if report == "claims":
        sql, params = claims_query(
            claim_filter, column, ClaimOrder(), dialect=dialect_of(connection)
        )
    else:
        sql, params = pairs_query(connection, claim_filter, column)
    ranks = {code: rank for rank, code in enumerate(MARKINGS.codes)}
    highest: str | None = None
    for (code,) in connection.execute(sql, params):
        if code and (highest is None or ranks[code] > ranks[highest]):
            highest = code
    if report == "pairs":  # the counter-claims' markings too
        column = choose_columns(report, ["counter_claim_tlp"])
        sql, params = pairs_query(connection, claim_filter, column)
        for (code,) in connection.execute(sql, params):
            if code and (highest is None or ranks[code] > ranks[highest]):
                highest = code
    return highest


def _reading_columns(report: str) -> list[str]:
    names = preset_columns(report, "reading")
    at = names.index(_JUDGEMENTS_AFTER[report]) + 1
    return [*names[:at], *JUDGEMENT_COLUMNS[report], *names[at:]]


def _check_names(report: str, names: list[str]) -> None:
    available = [c.name for c in REPORTS.get(report, ())] + list(JUDGEMENT_COLUMNS.get(report, {}))
    unknown = [n for n in names if n not in available]
    if unknown and report in REPORTS:
        raise ValidationError(
            f"Unknown column(s) {', '.join(unknown)} for the {report} XLSX report "
            f"(available: {', '.join(available)})",
            field="columns",
        )


class _Judge:
    """The judgement cells of one row, each claim judged once."""

    def __init__(self, connection: DbConnection, max_tlp: str | None) -> None:
        self.connection = connection
        self.max_tlp = max_tlp
        self.judged: dict[int, Judgement] = {}

    def cell(self, name: str, claim_id: int | None) -> str | None:
        if claim_id is None:
            return None
        if claim_id not in self.judged:
            self.judged.update(judge_claims(self.connection, [claim_id], max_tlp=self.max_tlp))
        judgement = self.judged[claim_id]
        if name.endswith("independence"):
            return judgement.verdict
        return "\n".join(judgement.opinion_lines) or None


def render_xlsx(
    connection: DbConnection,
    *,
    report: str = "claims",
    claim_filter: ClaimFilter | None = None,
    columns: list[str] | None = None,
    order: ClaimOrder | None = None,
) -> tuple[bytes, int]:
    """The report as XLSX bytes, and how many rows it holds."""
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    register_guard(connection)  # the tags column guards itself inside its subquery
    claim_filter = claim_filter or ClaimFilter()
    names = columns or _reading_columns(report)
    _check_names(report, names)
    judged = JUDGEMENT_COLUMNS[report]
    queried = [n for n in names if n not in judged]
    queried += sorted({judged[n] for n in names if n in judged} - set(queried))
    chosen = choose_columns(report, queried)
    # Plain values, not the CSV's formula guard: cells are typed as text below.
    plain = [replace(column, guard=False) for column in chosen]
    if report == "claims":
        sql, params = claims_query(
            claim_filter, plain, order or ClaimOrder(), dialect=dialect_of(connection)
        )
    else:
        sql, params = pairs_query(connection, claim_filter, plain)
    marking = _highest_marking(connection, report, claim_filter)

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Claims" if report == "claims" else "Claim pairs")
    widths = [_width(name) for name in names]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2" if names and names[0] in _WIDE else "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if marking:
        sheet.oddHeader.right.text = MARKINGS.label(marking)
        sheet.oddHeader.right.font = "Arial,Bold"
    sheet.oddFooter.center.text = "Page &P of &N"
    last_printed = PRINTED_UP_TO[report]
    printed = names.index(last_printed) + 1 if last_printed in names else len(names)

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F3A5F")
    wrap = Alignment(wrap_text=True, vertical="top")
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=_heading(name))
        cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
        header.append(cell)
    sheet.append(header)
    labellers = [_labeller(name) for name in names]
    judge = _Judge(connection, claim_filter.max_tlp)
    rows = 0
    for record in connection.execute(sql, params):
        values = dict(zip(queried, record, strict=True))
        shown_values = [
            judge.cell(name, values[judged[name]])
            if name in judged
            else (labeller(values[name]) if labeller else values[name])
            for name, labeller in zip(names, labellers, strict=True)
        ]
        height = _row_height(shown_values, widths)
        if height is not None:
            sheet.row_dimensions[rows + 2].height = height
        cells = []
        for shown in shown_values:
            cell = WriteOnlyCell(sheet, value=shown)
            if isinstance(shown, str):
                cell.data_type = "s"  # never a formula, whatever it begins with
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
        rows += 1
    if names:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{rows + 1}"
        sheet.print_area = f"A1:{get_column_letter(max(printed, 1))}{rows + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), rows
