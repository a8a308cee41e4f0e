"""Markdown articles: stored verbatim; metadata from front matter, headings and header lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimtracker.articles.dates import find_date
from claimtracker.articles.decoding import DecodedText
from claimtracker.articles.formats import MARKDOWN
from claimtracker.articles.language import detect_language, language_from_tag
from claimtracker.articles.metadata import (
    clean_byline,
    clean_outlet,
    clean_title,
    http_url,
    looks_like_url,
    outlet_from_url,
)
from claimtracker.articles.model import ParsedArticle
from claimtracker.articles.text_metadata import TextLine, read_line_metadata, title_of_first_line

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_ENTRY = re.compile(r"([A-Za-z_][\w -]*?)\s*:\s*(.*)")
_FRONT_MATTER_LIST_ITEM = re.compile(r"\s+-\s+(.*)|-\s+(.*)")
_FRONT_MATTER_KEYS = {
    "title": "title", "headline": "title",
    "author": "byline", "authors": "byline", "byline": "byline", "by": "byline",
    "creator": "byline",
    "date": "date", "published": "date", "published_on": "date", "publish_date": "date",
    "pubdate": "date", "date_published": "date", "created": "date",
    "url": "url", "source_url": "url", "original_url": "url", "canonical_url": "url",
    "canonical": "url", "link": "url", "source": "source",
    "outlet": "outlet", "publisher": "outlet", "publication": "outlet", "site": "outlet",
    "site_name": "outlet",
    "lang": "language", "language": "language", "locale": "language",
}  # fmt: skip

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT_H1_UNDERLINE = re.compile(r" {0,3}=+[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_BLOCKQUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_INLINE_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"),
    re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"),
)
# Escaped characters hide in the Private Use Area while the syntax around them is removed.
_PRIVATE_USE_BASE = 0xF0000


@dataclass(slots=True)
class FrontMatter:
    values: dict[str, list[str]] = field(default_factory=dict)
    body_starts_at_line: int = 0

    def first(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None

    def joined(self, key: str) -> str | None:
        found = self.values.get(key)
        return ", ".join(found) if found else None


def parse_markdown(decoded: DecodedText) -> ParsedArticle:
    text = decoded.text
    front = read_front_matter(text)
    raw_lines = text.split("\n")[front.body_starts_at_line :]
    lines = _lines_for_metadata(raw_lines)

    title = clean_title(front.first("title")) or _first_level_one_heading(raw_lines)
    if title is None:
        title = title_of_first_line(lines)
    title_is_first_line = bool(lines) and title is not None and lines[0].plain == title
    from_lines = read_line_metadata(lines, skip_title=title_is_first_line)

    source = front.first("source")
    url = http_url(front.first("url")) or http_url(source) or from_lines.url
    outlet = clean_outlet(front.first("outlet"))
    if outlet is None and source is not None and not looks_like_url(source):
        outlet = clean_outlet(source)
    front_date = front.first("date")
    return ParsedArticle(
        text=text,
        format=MARKDOWN,
        title=title,
        byline=clean_byline(front.joined("byline")) or from_lines.byline,
        outlet=outlet or from_lines.outlet or outlet_from_url(url),
        published_on=(find_date(front_date) if front_date else None) or from_lines.published_on,
        url=url,
        language=language_from_tag(front.first("language")) or detect_language(text),
        encoding=decoded.encoding,
    )


def read_front_matter(text: str) -> FrontMatter:
    """Simple ``key: value`` YAML front matter (Jekyll, Hugo, Obsidian); nothing is evaluated."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter()
    front = FrontMatter(body_starts_at_line=match.group(0).count("\n"))
    key: str | None = None
    for line in match.group(1).split("\n"):
        entry = _FRONT_MATTER_ENTRY.fullmatch(line)
        if entry is not None and not line[:1].isspace():
            key = _FRONT_MATTER_KEYS.get(entry.group(1).strip().lower().replace("-", "_"))
            if key is not None:
                front.values[key] = _front_matter_values(entry.group(2))
            continue
        item = _FRONT_MATTER_LIST_ITEM.fullmatch(line)
        if item is not None and key is not None:
            front.values.setdefault(key, []).extend(
                _front_matter_values(item.group(1) or item.group(2) or "")
            )
    front.values = {key: found for key, found in front.values.items() if found}
    return front


def strip_inline_markdown(text: str) -> str:
    """The words of a line of Markdown: no emphasis, link syntax, code ticks or inline HTML."""
    text = _ESCAPED.sub(lambda m: chr(_PRIVATE_USE_BASE + ord(m.group(1))), text)
    text = _CODE_SPAN.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(3):  # nested emphasis: ***x***, **_x_**
        before = text
        for pattern in _EMPHASIS:
            text = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
        if text == before:
            break
    return "".join(
        chr(ord(char) - _PRIVATE_USE_BASE) if ord(char) >= _PRIVATE_USE_BASE else char
        for char in text
    )


def _front_matter_values(value: str) -> list[str]:
    value = value.strip()
    is_list = value.startswith("[") and value.endswith("]")
    parts = value[1:-1].split(",") if is_list else [value]
    return [part.strip().strip("\"'").strip() for part in parts if part.strip().strip("\"'")]


def _lines_for_metadata(raw_lines: list[str]) -> list[TextLine]:
    lines: list[TextLine] = []
    in_fence = False
    for raw in raw_lines:
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence or not raw.strip():
            continue
        if _SETEXT_H1_UNDERLINE.fullmatch(raw) or _THEMATIC_BREAK.fullmatch(raw):
            continue
        unquoted = _BLOCKQUOTE.sub("", raw, count=1)
        heading = _ATX_HEADING.fullmatch(unquoted)
        content = (heading.group(2) or "") if heading else unquoted
        plain = strip_inline_markdown(content).strip()
        if plain or raw.strip():
            lines.append(TextLine(raw.strip(), plain, is_heading=heading is not None))
    return lines


def _first_level_one_heading(raw_lines: list[str]) -> str | None:
    in_fence = False
    previous = ""
    for raw in raw_lines:
        if _FENCE.match(raw):
            in_fence = not in_fence
            previous = ""
            continue
        if in_fence:
            continue
        heading = _ATX_HEADING.fullmatch(raw)
        if heading is not None and len(heading.group(1)) == 1 and heading.group(2):
            return clean_title(strip_inline_markdown(heading.group(2)))
        if previous.strip() and _SETEXT_H1_UNDERLINE.fullmatch(raw):
            return clean_title(strip_inline_markdown(previous.strip()))
        previous = raw
    return None
