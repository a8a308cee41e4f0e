"""Between the core's offsets (Python characters) and Qt's text positions (UTF-16 units).

They differ only after a character outside the Basic Multilingual Plane (an emoji, some CJK):
Python counts it once, Qt twice. The map keeps the positions of those characters and converts
with a binary search; for the usual all-BMP article both conversions are the identity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from claimtracker.articles.readable import ReadableText


class TextOffsets:
    def __init__(self, text: str) -> None:
        #: Python indices of characters that take two UTF-16 units.
        self._wide = (
            [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        )
        #: Their Qt positions (the first unit of each pair).
        self._wide_qt = [i + n for n, i in enumerate(self._wide)]

    @property
    def identity(self) -> bool:
        return not self._wide

    def to_qt(self, index: int) -> int:
        """The Qt position of the Python index ``index``."""
        return index + bisect_left(self._wide, index)

    def to_python(self, position: int) -> int:
        """The Python index of the Qt position ``position`` (inside a pair: its character)."""
        # Every pair that starts before ``position`` took one extra unit; a position between
        # the two units of a pair lands on that character.
        return position - bisect_right(self._wide_qt, position - 1)

    def to_python_end(self, position: int) -> int:
        """The Python index just after the character before ``position`` (a range's end)."""
        return self.to_python(position)

    def shown_to_qt(self, index: int) -> int:
        """The Qt position of a position in the text as shown (here, the text itself)."""
        return self.to_qt(index)


class ReaderOffsets:
    """Between stored offsets (what anchors use) and Qt positions in the text as shown.

    A Markdown article is shown without its syntax (``claimtracker.articles.readable``), so a
    stored offset first becomes a shown one, then a Qt position.
    """

    def __init__(self, readable: ReadableText) -> None:
        self.readable = readable
        self._qt = TextOffsets(readable.text)

    def shown_to_qt(self, shown: int) -> int:
        """The Qt position of a position in the shown text."""
        return self._qt.to_qt(shown)

    def to_qt(self, index: int) -> int:
        """The Qt position of stored offset ``index`` (hidden syntax: the next shown character)."""
        return self._qt.to_qt(self.readable.to_display(index))

    def to_python(self, position: int) -> int:
        """The stored offset of the character at Qt position ``position``."""
        return self.readable.to_source(self._qt.to_python(position))

    def to_python_end(self, position: int) -> int:
        """The stored offset just after the shown character before ``position``."""
        shown = self._qt.to_python(position)
        if shown == 0:
            return self.readable.to_source(0)
        return self.readable.source_range(shown - 1, shown)[1]
