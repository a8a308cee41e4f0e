"""Dialogs: link a counter-claim, import and export CSV, shortcuts, about."""
