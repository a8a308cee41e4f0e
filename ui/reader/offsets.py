"""Between the core's offsets (Python characters) and Qt's text positions (UTF-16 units).

They differ only after a character outside the Basic Multilingual Plane (an emoji, some CJK):
Python counts it once, Qt twice. The map keeps the positions of those characters and converts
with a binary search; for the usual all-BMP article both conversions are the identity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class TextOffsets:
    def __init__(self, text: str) -> None:
        #: Python indices of characters that take two UTF-16 units.
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
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
