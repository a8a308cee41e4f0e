"""ClaimTracker's desktop app (PySide6), started by ``python -m ui`` or ``claimtracker``.

The core (``claimtracker``) never imports Qt; this package draws it. A user action flows one way:
widget → undo command (``ui.commands``) → core service in one transaction → a signal of the
``ui.hub.Hub`` that says what changed → the item models that show it refresh.
"""
