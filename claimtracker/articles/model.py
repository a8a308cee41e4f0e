"""The result of reading an article file: its verbatim text and what the file says about itself."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article as the app stores it.

    ``text`` is exactly what is stored and shown by the reader; claim offsets are indices into it
    (Python ``str`` indices, i.e. code points). Every other field is optional metadata.
    """

    text: str
    format: str  # "text" | "markdown" | "html" | "pdf"
    title: str | None = None
    byline: str | None = None  # author(s) as written, without "By "
    outlet: str | None = None  # publisher / site name, else the URL's host without "www."
    published_on: datetime.date | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 code, e.g. "en", "ru"
    encoding: str | None = None  # the codec the bytes were decoded from (None for PDF)
