"""Cleaning metadata values, whatever format they came from.

Values from a document are data, never markup: tags are dropped, whitespace collapsed, control
characters removed, and lengths capped so that a hostile page cannot hand us a megabyte "title".
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit

MAX_TITLE_CHARS = 500
MAX_BYLINE_CHARS = 300
MAX_OUTLET_CHARS = 200
MAX_URL_CHARS = 2048

_TAG = re.compile(r"<[^<>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SPACE = re.compile(r"\s+")
_BY_PREFIX = re.compile(r"^(?:by|автор(?:ы)?)\b\s*:?\s*", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_URL_TRAILING_PUNCTUATION = ".,;:!?"
_HOST = re.compile(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]")


def clean_text_value(value: object, *, max_chars: int) -> str | None:
    """One line of plain text, or None when nothing is left."""
    if not isinstance(value, str):
        return None
    text = _TAG.sub(" ", value) if "<" in value else value
    text = _SPACE.sub(" ", _CONTROL.sub("", text)).strip()
    if not text:
        return None
    if len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    return text


def clean_title(value: object) -> str | None:
    return clean_text_value(value, max_chars=MAX_TITLE_CHARS)


def clean_outlet(value: object) -> str | None:
    outlet = clean_text_value(value, max_chars=MAX_OUTLET_CHARS)
    return None if outlet is None or looks_like_url(outlet) else outlet


def clean_byline(value: object) -> str | None:
    """The author(s) as written, without a leading "By "; URLs (profile links) are not bylines."""
    byline = clean_text_value(value, max_chars=MAX_BYLINE_CHARS)
    if byline is None:
        return None
    byline = _BY_PREFIX.sub("", byline).strip(" ,;|·-–—")
    if not byline or looks_like_url(byline):
        return None
    return byline


def looks_like_url(value: str) -> bool:
    lowered = value.strip().lower()
    return lowered.startswith(("http://", "https://", "www.", "//", "mailto:"))


def http_url(value: object) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host; anything else → None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > MAX_URL_CHARS or any(char.isspace() for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    host = parts.hostname or ""
    if not host or not _HOST.fullmatch(host):
        return None
    return url


def first_url_in(text: str) -> str | None:
    """The first http(s) URL written in ``text`` (in a Markdown link, autolink or bare)."""
    for match in _URL_IN_TEXT.finditer(text):
        url = http_url(match.group(0).rstrip(_URL_TRAILING_PUNCTUATION))
        if url is not None:
            return url
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without "www." (in Unicode when it is an internationalised name)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").removeprefix("www.")
    if "xn--" in host:
        with contextlib.suppress(UnicodeError):
            host = host.encode("ascii").decode("idna")
    return host or None
