"""Persisted preferences through QSettings: window geometry, splitters, table columns, the last
database and the recent files.

Always the INI format, so that tests (and portable installs) can point every setting at a folder
with ``QSettings.setPath``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

log = logging.getLogger(__name__)

ORGANIZATION = "ClaimTracker"
APPLICATION = "ClaimTracker"
MAX_RECENT = 10


class Settings:
    """Typed access to the app's QSettings; one instance per window is enough."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._qs = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # -- plain values ---------------------------------------------------------------------

    def text(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return value if isinstance(value, str) else default

    def set_text(self, key: str, value: str) -> None:
        self._qs.setValue(key, value)

    def flag(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def set_flag(self, key: str, value: bool) -> None:
        self._qs.setValue(key, value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- databases ------------------------------------------------------------------------

    @property
    def last_database(self) -> str:
        return self.text("files/last_database")

    @last_database.setter
    def last_database(self, path: str) -> None:
        self.set_text("files/last_database", path)

    @property
    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, list | tuple):
            return [str(v) for v in value if v]
        return []

    def add_recent_file(self, path: str) -> None:
        recent = [p for p in self.recent_files if p != path]
        self._qs.setValue("files/recent", [path, *recent][:MAX_RECENT])

    def remove_recent_file(self, path: str) -> None:
        self._qs.setValue("files/recent", [p for p in self.recent_files if p != path])

    def clear_recent_files(self) -> None:
        self._qs.setValue("files/recent", [])

    @property
    def last_folder(self) -> str:
        return self.text("files/last_folder", str(Path.home()))

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self.set_text("files/last_folder", folder)

    # -- appearance -----------------------------------------------------------------------

    @property
    def theme(self) -> str:
        return self.text("view/theme", "system")

    @theme.setter
    def theme(self, mode: str) -> None:
        self.set_text("view/theme", mode)

    # -- widget state ---------------------------------------------------------------------

    def save_geometry(self, key: str, widget: QWidget) -> None:
        self._qs.setValue(f"geometry/{key}", widget.saveGeometry())

    def restore_geometry(self, key: str, widget: QWidget) -> bool:
        state = self._bytes(f"geometry/{key}")
        return bool(state) and widget.restoreGeometry(state)  # type: ignore[arg-type]

    def save_splitter(self, key: str, splitter: QSplitter) -> None:
        self._qs.setValue(f"splitters/{key}", splitter.saveState())

    def restore_splitter(self, key: str, splitter: QSplitter) -> bool:
        state = self._bytes(f"splitters/{key}")
        return bool(state) and splitter.restoreState(state)  # type: ignore[arg-type]

    def save_header(self, key: str, header: QHeaderView) -> None:
        self._qs.setValue(f"headers/{key}", header.saveState())

    def restore_header(self, key: str, header: QHeaderView) -> bool:
        state = self._bytes(f"headers/{key}")
        if state is None:
            return False
        ok = header.restoreState(state)
        if not ok:
            log.info("Ignoring a saved column layout that no longer fits (%s)", key)
        return ok

    def save_state(self, key: str, state: QByteArray) -> None:
        self._qs.setValue(f"state/{key}", state)

    def state(self, key: str) -> QByteArray | None:
        return self._bytes(f"state/{key}")
