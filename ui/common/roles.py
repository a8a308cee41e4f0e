"""Custom item data roles shared by the models and delegates (``Qt.UserRole + n``)."""

from __future__ import annotations

from PySide6.QtCore import Qt

_USER = int(Qt.ItemDataRole.UserRole)

#: The claim id of a row (int).
CLAIM_ID_ROLE = _USER + 1
#: The row's ``ClaimRow`` snapshot (or None while it cannot be loaded).
CLAIM_ROW_ROLE = _USER + 2
#: The vocabulary code a badge column shows (str).
BADGE_CODE_ROLE = _USER + 3
#: Which vocabulary a badge belongs to: "status", "attribution" or "credibility".
BADGE_KIND_ROLE = _USER + 4
#: The id of a sidebar entry's source or actor.
ENTRY_ID_ROLE = _USER + 5
#: The kind of a sidebar entry: "all", "trash", "source", "actor" or "section".
ENTRY_KIND_ROLE = _USER + 6
#: Where the search's words are in a cell's text: a tuple of (start, end) character ranges.
MATCH_SPANS_ROLE = _USER + 7
#: For a claim the search found through another field: those fields ("source title"), else "".
MATCHED_ELSEWHERE_ROLE = _USER + 8

# PySide6 6.12.0 on Python 3.11 leaks a reference to None each time a data() override hands
# None to Qt, and aborts after some thousands (none_dealloc). We pin <6.12 there; models still
# answer None only for roles they do not handle, and tests/ui/test_none_regression.py guards it.
NO_DATA = None
