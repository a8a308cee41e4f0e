"""A Markdown article as a reader sees it, with every character traced back to the stored text.

An article is stored verbatim, and claims are anchored to offsets in that text, so the markup
stays in the database. The reader shows ``ReadableText.text`` instead: the same characters with
the syntax hidden (``#`` of headings, ``**`` of bold, ``[..](url)`` of links, fences, front
matter, backslash escapes) and ``styles`` saying what the hidden syntax meant. ``to_source`` and
``to_display`` convert offsets both ways, so highlights and selections still land on the
verbatim words. Nothing is rewritten: every shown character is a stored character (list bullets
are the one substitution, one character for one).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from claimtracker.articles.formats import MARKDOWN
from claimtracker.articles.markdown import read_front_matter

#: Style kinds: "heading1" … "heading6", "bold", "italic", "strike", "code", "link", "quote".
Style = tuple[int, int, str]

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"( {0,3}#{1,6}[ \t]+|[ \t]{0,3}#{1,6}$)(.*?)([ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"( {0,3})([-*+])[ \t]")

_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|~]")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"(!\[)([^\[\]]*)(\]\([^()\s]*(?:\s+\"[^\"]*\")?\))")
_LINK = re.compile(r"(\[)([^\[\]]+)(\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\))")
_REFERENCE = re.compile(r"(\[)([^\[\]]+)(\]\[[^\[\]]*\])")
_AUTOLINK = re.compile(r"(<)((?:https?|ftp|mailto):[^<>\s]+)(>)", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_EMPHASIS = (
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), "bold"),
    (re.compile(r"(~~)(?=\S)(.+?)(?<=\S)~~"), "strike"),
    (re.compile(r"(\*)(?=\S)(.+?)(?<=\S)\*"), "italic"),
    (re.compile(r"(?<!\w)(_)(?=\S)(.+?)(?<=\S)_(?!\w)"), "italic"),
)
#: What hides a character while later patterns run: same length, matches no syntax.
_MASK = "\x00"
#: Larger Markdown articles are shown as stored (hiding their syntax takes ~0.5 s a megabyte).
READABLE_LIMIT = 1_000_000


@dataclass(frozen=True)
class ReadableText:
    """What the reader shows, where each shown character is stored, and its styles."""

    text: str
    #: ``source_offsets[i]`` is the stored offset of shown character ``i``.
    source_offsets: tuple[int, ...]
    styles: tuple[Style, ...] = ()
    source_length: int = 0

    def to_source(self, position: int) -> int:
        """The stored offset of shown ``position`` (the end maps to the end)."""
        if position >= len(self.source_offsets):
            return self.source_length
        return self.source_offsets[max(position, 0)]

    def to_display(self, offset: int) -> int:
        """The shown position of stored ``offset``: its character, or the next one shown."""
        return bisect.bisect_left(self.source_offsets, offset)

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """The stored range behind the shown range ``[start, end)``."""
        if end <= start:
            offset = self.to_source(start)
            return offset, offset
        return self.to_source(start), self.source_offsets[min(end, len(self.text)) - 1] + 1

    def display_range(self, start: int, end: int) -> tuple[int, int]:
        """The shown range of the stored range ``[start, end)``; hidden syntax drops out."""
        return self.to_display(start), self.to_display(end)


def plain_readable(text: str) -> ReadableText:
    """Text shown as stored."""
    return ReadableText(text, tuple(range(len(text))), (), len(text))


def shows_readable(format_: str, text: str) -> bool:
    """Whether a source of ``format_`` is shown without its Markdown syntax."""
    return format_ == MARKDOWN and len(text) <= READABLE_LIMIT


@dataclass
class _Marks:
    """Hidden characters, substitutions and styles, all in stored offsets."""

    hidden: bytearray
    substitutes: dict[int, str] = field(default_factory=dict)
    styles: list[Style] = field(default_factory=list)

    def hide(self, start: int, end: int) -> None:
        self.hidden[start:end] = b"\x01" * (end - start)


def readable_markdown(text: str) -> ReadableText:
    """``text`` (Markdown) as a reader sees it; see the module's docstring."""
    marks = _Marks(bytearray(len(text)))
    front = read_front_matter(text)
    lines = text.split("\n")
    offset = 0
    for number, line in enumerate(lines):
        if number < front.body_starts_at_line:
            marks.hide(offset, offset + len(line) + 1)
        offset += len(line) + 1
    _block_syntax(text, lines, front.body_starts_at_line, marks)
    shown = [i for i in range(len(text)) if not marks.hidden[i]]
    display = "".join(marks.substitutes.get(i, text[i]) for i in shown)
    readable = ReadableText(display, tuple(shown), (), len(text))
    styles = tuple(
        (readable.to_display(start), readable.to_display(end), kind)
        for start, end, kind in sorted(marks.styles)
        if readable.to_display(start) < readable.to_display(end)
    )
    return ReadableText(display, tuple(shown), styles, len(text))


def _block_syntax(text: str, lines: list[str], first_line: int, marks: _Marks) -> None:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    fence: str | None = None
    for number in range(first_line, len(lines)):
        line, start = lines[number], starts[number]
        end = start + len(line)
        opening = _FENCE.match(line)
        if fence is not None or opening:
            if opening and (fence is None or opening.group(1).startswith(fence)):
                marks.hide(start, min(end + 1, len(text)))
                fence = None if fence is not None else opening.group(1)[:3]
            else:
                marks.styles.append((start, end, "code"))
            continue
        previous = lines[number - 1] if number > first_line else ""
        if _SETEXT.match(line) and previous.strip() and not _THEMATIC_BREAK.match(previous):
            level = "heading1" if line.strip().startswith("=") else "heading2"
            marks.styles.append((starts[number - 1], starts[number - 1] + len(previous), level))
            marks.hide(start, min(end + 1, len(text)))
            continue
        if _THEMATIC_BREAK.match(line):
            marks.hide(start, end)
            continue
        quote = _QUOTE.match(line)
        if quote:
            marks.hide(start, start + quote.end())
            marks.styles.append((start + quote.end(), end, "quote"))
        body = start + (quote.end() if quote else 0)
        heading = _ATX.match(text, body, end)
        if heading:
            depth = len(heading.group(1).strip())
            marks.hide(body, heading.end(1))
            if heading.group(3):
                marks.hide(heading.start(3), heading.end())
            marks.styles.append((heading.start(2), heading.end(2), f"heading{depth}"))
        bullet = _BULLET.match(text, body, end)
        if bullet:
            marks.substitutes[bullet.start(2)] = "•"
        _inline_syntax(text, body, end, marks)


def _inline_syntax(text: str, start: int, end: int, marks: _Marks) -> None:
    work = list(text[start:end])

    def mask(a: int, b: int) -> None:
        work[a:b] = _MASK * (b - a)

    def current() -> str:
        return "".join(work)

    for found in _ESCAPE.finditer(current()):
        marks.hide(start + found.start(), start + found.start() + 1)
        mask(found.start(), found.end())
    for found in _CODE_SPAN.finditer(current()):
        marks.hide(start + found.start(1), start + found.end(1))
        marks.hide(start + found.end(2), start + found.end())
        marks.styles.append((start + found.start(2), start + found.end(2), "code"))
        mask(found.start(), found.end())
    for pattern, kind in ((_IMAGE, ""), (_LINK, "link"), (_REFERENCE, "link"), (_AUTOLINK, "link")):
        for found in pattern.finditer(current()):
            marks.hide(start + found.start(1), start + found.end(1))
            marks.hide(start + found.start(3), start + found.end(3))
            if kind:
                marks.styles.append((start + found.start(2), start + found.end(2), kind))
            mask(found.start(3), found.end(3))
            mask(found.start(1), found.end(1))
    for found in _HTML_TAG.finditer(current()):
        marks.hide(start + found.start(), start + found.end())
        mask(found.start(), found.end())
    for pattern, kind in _EMPHASIS:
        for found in pattern.finditer(current()):
            size = len(found.group(1))
            marks.hide(start + found.start(), start + found.start() + size)
            marks.hide(start + found.end() - size, start + found.end())
            marks.styles.append((start + found.start(2), start + found.end(2), kind))
            mask(found.start(), found.start() + size)
            mask(found.end() - size, found.end())
