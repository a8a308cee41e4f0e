"""Writing a report file (through ``claimtracker.output_files``), and naming what a report
needs installed."""

from __future__ import annotations

from pathlib import Path

from claimtracker.errors import ClaimTrackerError
from claimtracker.output_files import written_bytes

REPORTS_EXTRA = "pip install 'claimtracker[reports]'"


class MissingRendererError(ClaimTrackerError):
    """A report format needs a library that is not installed (or cannot load)."""


def write_file(path: Path, data: bytes) -> Path:
    """Write a finished report: whole or not at all, with the replaced file's permissions; a
    pipe or device is written into (``claimtracker.output_files``, as the CSV export does)."""
    try:
        with written_bytes(path) as handle:
            handle.write(data)
    except OSError as error:
        raise ClaimTrackerError(f"Cannot write {path}: {error.strerror or error}") from error
    return path.expanduser()
