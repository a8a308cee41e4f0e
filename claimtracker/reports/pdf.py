"""The dossier as PDF: its HTML page printed by WeasyPrint (CSS paged media).

Chosen by measurement (see README, "Reports"): WeasyPrint prints the very page the HTML report
and the app's preview show, with page numbers and the marking on every page from CSS; it needs
the Pango library, which Linux desktops have. fpdf2 would have needed a hand-made layout and a
bundled Unicode font; Qt's QPdfWriter cannot serve the command line (the core has no Qt).
"""

from __future__ import annotations

from typing import Any

from claimtracker.reports.dossier import Dossier
from claimtracker.reports.files import REPORTS_EXTRA, MissingRendererError
from claimtracker.reports.html import render_html


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as error:
        raise MissingRendererError(
            f"PDF reports need WeasyPrint ({error}): {REPORTS_EXTRA}; on Windows and macOS "
            "also the Pango library (see WeasyPrint's installation notes). "
            "The HTML report needs nothing more: export html"
        ) from error
    except OSError as error:  # the Python package is there, its system library is not
        raise MissingRendererError(
            f"PDF reports need the Pango library, which WeasyPrint could not load ({error}); "
            "install Pango (e.g. apt install libpango-1.0-0), or export html instead"
        ) from error
    return weasyprint


def render_pdf(dossier: Dossier) -> bytes:
    """The dossier as PDF bytes (A4, page numbers, the marking on every page)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=render_html(dossier))
    pdf: bytes = document.write_pdf()
    return pdf
