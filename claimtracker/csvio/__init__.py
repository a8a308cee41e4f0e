"""CSV reports: export (claims, or claim–counter-claim pairs) and import, formula-safe.

No Qt here; the app calls the same functions from a worker thread, with ``progress`` callbacks
that may return False to cancel.
"""

from claimtracker.csvio.columns import CLAIM_COLUMNS, PAIR_COLUMNS, REPORTS, choose_columns
from claimtracker.csvio.export import ExportCancelled, ExportResult, export_csv, write_report
from claimtracker.csvio.formulas import is_dangerous, neutralise, restore
from claimtracker.csvio.importer import (
    CsvImportOptions,
    ImportCancelled,
    ImportSummary,
    import_csv,
)
from claimtracker.csvio.mapping import FIELDS

__all__ = [
    "CLAIM_COLUMNS",
    "FIELDS",
    "PAIR_COLUMNS",
    "REPORTS",
    "CsvImportOptions",
    "ExportCancelled",
    "ExportResult",
    "ImportCancelled",
    "ImportSummary",
    "choose_columns",
    "export_csv",
    "import_csv",
    "is_dangerous",
    "neutralise",
    "restore",
    "write_report",
]
