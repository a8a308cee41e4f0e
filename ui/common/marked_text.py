"""Text as rich text with the words a search found marked (amber, as in the table and reader).

The words are found by the core's :class:`~claimtracker.query.explain.Highlighter`, so every
view marks exactly what the search matched (word forms, prefixes, phrases). The text is escaped
before it is laid out, so imported words can never inject markup.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QPalette

from claimtracker.query.explain import Highlighter
from ui.common.text_delegate import match_colour


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def marked_html(text: str, marks: Highlighter, palette: QPalette) -> str:
    """``text`` escaped, its found words behind the search's marker colour."""
    spans = marks.spans(text) if marks else []
    if not spans:
        return _escaped(text)
    colour = match_colour(palette)
    opening = (
        f'<span style="background-color: rgba({colour.red()}, {colour.green()}, '
        f'{colour.blue()}, {colour.alpha()});">'
    )
    parts: list[str] = []
    done = 0
    for start, end in spans:
        parts += [_escaped(text[done:start]), opening, _escaped(text[start:end]), "</span>"]
        done = end
    parts.append(_escaped(text[done:]))
    return "".join(parts)
