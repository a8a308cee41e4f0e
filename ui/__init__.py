"""ClaimTracker's desktop app (PySide6), started by ``python -m ui`` or ``claimtracker``.

The core (``claimtracker``) never imports Qt; this package draws it. A user action flows one way:
widget → undo command (``ui.claims.commands``) → core service in one transaction → a signal of the
``ui.runtime.hub.Hub`` that says what changed → the item models that show it refresh.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (loads shiboken's support modules, patched below)


def _skip_pyside_feature_scan() -> None:
    """Stop PySide6 from reading the source of every module imported after it.

    PySide6's ``__feature__`` support (snake_case, true_property) decides per module whether
    it "uses PySide" by reading the module's whole source text and searching it for "PySide6"
    (``shibokensupport.feature._mod_uses_pyside``), and the source stays in ``linecache``. For
    this app that is ~0.3 s and ~24 MB spent on its own modules and on SQLAlchemy's. The app
    uses no ``__feature__``, so every module can be left to the default behaviour.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = lambda _module: False  # type: ignore[attr-defined]


_skip_pyside_feature_scan()
