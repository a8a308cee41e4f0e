"""Keeping spreadsheet formulas out of exported cells, and putting the text back on import.

A cell that Excel or LibreOffice would run as a formula, or as DDE, starts with ``=``, ``+``,
``-``, ``@``, a tab, CR or LF, or their full-width forms, possibly after spaces. Following
OWASP's advice, such a cell is written with a leading apostrophe, which spreadsheets show as
text. To make the round trip exact, a cell that already starts with apostrophes before such a
character gets one more; the importer removes exactly one.
"""

from __future__ import annotations

import functools
import re
import sys

_TRIGGERS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
_NEEDS_GUARD = re.compile(rf"'*[\s\u3000]*[{re.escape(_TRIGGERS)}]")
_GUARDED = re.compile(rf"'+[\s\u3000]*[{re.escape(_TRIGGERS)}]")
#: First characters that can start a risky cell; anything else is safe at a glance.
_RISKY_START = frozenset(_TRIGGERS + "'")


def neutralise(value: str) -> str:
    """The cell text to write: ``value``, with an apostrophe in front if it could run."""
    if value and (value[0] in _RISKY_START or value[0].isspace()) and _NEEDS_GUARD.match(value):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The original text of a cell written by :func:`neutralise`."""
    if value and value[0] == "'" and _GUARDED.match(value):
        return value[1:]
    return value


def is_dangerous(value: str) -> bool:
    """True if a spreadsheet would treat ``value`` as a formula (used by tests and checks)."""
    return bool(value) and bool(re.match(rf"[\s\u3000]*[{re.escape(_TRIGGERS)}]", value))


#: First characters (as code points) that make a cell worth a closer look: the triggers, an
#: apostrophe, ASCII whitespace; any non-ASCII character is looked at too. Used to let SQLite
#: skip the Python check for the vast majority of cells.
RISKY_ASCII_STARTS = tuple(
    sorted(
        {ord(ch) for ch in _TRIGGERS + "'" if ord(ch) < 128}
        | {c for c in range(128) if chr(c).isspace()}
    )
)


def sql_guard(expression: str, function: str = "ct_neutralise", dialect: str = "sqlite") -> str:
    """SQL that passes ``expression`` through :func:`neutralise` only when it might need it.

    On SQLite the check calls ``function``, a Python function registered on the connection; a
    server cannot call back into Python, so there the same test is a regular expression
    (:func:`server_guard_pattern`) and the apostrophe is added in SQL.
    """
    if dialect != "sqlite":
        expression = f"CAST({expression} AS text)"  # numbers and dates too, as SQLite's text
        # The first character's code decides for almost every cell, without the expression.
        return (
            f"CASE WHEN ascii({expression}) IN ({server_guard_starts()}) "
            f"AND {expression} ~ '{server_guard_pattern()}' "
            f"THEN '''' || {expression} ELSE {expression} END"
        )
    listed = ", ".join(str(code) for code in RISKY_ASCII_STARTS)
    return (
        f"CASE WHEN unicode({expression}) IN ({listed}) OR unicode({expression}) > 127 "
        f"THEN {function}({expression}) ELSE {expression} END"
    )


@functools.cache
def server_guard_pattern() -> str:
    """``_NEEDS_GUARD`` as a PostgreSQL regular expression, quoted for an SQL literal: Python's
    ``\\s`` spelt out as the characters ``str.isspace`` accepts, so both databases agree."""
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    triggers = _TRIGGERS.replace("-", "") + "-"  # a hyphen last in a bracket is itself
    return f"^''*[{spaces}\u3000]*[{triggers}]"


@functools.cache
def server_guard_starts() -> str:
    """The code points a cell the guard changes can start with (an apostrophe, a space, a
    trigger), listed for SQL: ``ascii()`` gives a cell's first one on a server."""
    spaces = {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    starts = {ord("'"), 0x3000} | spaces | {ord(ch) for ch in _TRIGGERS}
    return ", ".join(str(code) for code in sorted(starts))
