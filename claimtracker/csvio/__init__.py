"""CSV reports: export (claims, or claim–counter-claim pairs) and import, formula-safe.

No Qt here; the app calls the same functions from a worker thread, with ``progress`` callbacks
that may return False to cancel. The names below load their module on first use, so that the
export's helper process (``csvio.part_writer``) starts without the storage layer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimtracker.csvio.columns import CLAIM_COLUMNS, PAIR_COLUMNS, REPORTS, choose_columns
    from claimtracker.csvio.export import (
        ExportCancelled,
        ExportResult,
        export_csv,
        write_report,
    )
    from claimtracker.csvio.formulas import is_dangerous, neutralise, restore
    from claimtracker.csvio.importer import (
        CsvImportOptions,
        ImportCancelled,
        ImportSummary,
        import_csv,
    )
    from claimtracker.csvio.mapping import FIELDS

_HOMES = {
    "CLAIM_COLUMNS": "columns",
    "PAIR_COLUMNS": "columns",
    "REPORTS": "columns",
    "choose_columns": "columns",
    "ExportCancelled": "export",
    "ExportResult": "export",
    "export_csv": "export",
    "write_report": "export",
    "is_dangerous": "formulas",
    "neutralise": "formulas",
    "restore": "formulas",
    "CsvImportOptions": "importer",
    "ImportCancelled": "importer",
    "ImportSummary": "importer",
    "import_csv": "importer",
    "FIELDS": "mapping",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
