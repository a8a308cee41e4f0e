"""PDF articles: the text layer as pypdf extracts it, pages separated by a blank line.

The text is what the PDF says, verbatim: words hyphenated across lines stay hyphenated. A PDF made
by scanning paper has no text layer; it is refused (OCR is out of scope).
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimtracker.articles.decoding import normalise_newlines
from claimtracker.articles.formats import PDF
from claimtracker.articles.language import detect_language, language_from_tag
from claimtracker.articles.metadata import clean_byline, clean_title
from claimtracker.articles.model import ParsedArticle
from claimtracker.articles.text_metadata import (
    plain_text_lines,
    read_line_metadata,
    title_of_first_line,
)
from claimtracker.errors import ArticleImportError

if TYPE_CHECKING:
    from pypdf import PdfReader

logger = logging.getLogger(__name__)

_PAGE_SEPARATOR = "\n\n"
_AUTHORING_TOOL_PREFIX = re.compile(r"^(?:Microsoft (?:Word|PowerPoint|Excel)\s*-\s*)")
_FILENAME_TITLE = re.compile(r"\S+\.(?:docx?|odt|rtf|pdf|indd|txt|html?|pages|qxp)", re.IGNORECASE)
_PLACEHOLDER_TITLES = frozenset({"untitled", "untitled document", "title", "document", "pdf"})


class _PypdfNotes(logging.Handler):
    """pypdf's own warnings ("EOF marker not found"), kept from the terminal: they are logged
    here at debug level, and the ones of the PDF being read go into its error message."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        logger.debug("pypdf: %s", message)
        notes: list[str] | None = getattr(self.local, "notes", None)
        if notes is not None and message not in notes:
            notes.append(message)

    @contextmanager
    def collecting(self) -> Iterator[list[str]]:
        notes: list[str] = []
        self.local.notes = notes
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # pypdf's PdfReadWarning, said in our words
                yield notes
        finally:
            self.local.notes = None


_NOTES = _PypdfNotes()


def _quiet_pypdf() -> None:
    pypdf_logger = logging.getLogger("pypdf")
    if _NOTES not in pypdf_logger.handlers:
        pypdf_logger.addHandler(_NOTES)
        pypdf_logger.propagate = False


def _damaged(exc: BaseException, *, path: str | Path) -> ArticleImportError:
    notes: list[str] = getattr(_NOTES.local, "notes", None) or []
    why = "; ".join([*notes[:2], str(exc)])
    return ArticleImportError(f"the PDF is damaged and cannot be read ({why})", path=path)


def parse_pdf(data: bytes, *, path: str | Path) -> ParsedArticle:
    _quiet_pypdf()
    with _NOTES.collecting():
        reader = _open(data, path=path)
        text = _text_of(reader, path=path)
        info = _document_information(reader)
    lines = plain_text_lines(text)
    title = info.title or title_of_first_line(lines)
    from_lines = read_line_metadata(lines, skip_title=title is not None)
    return ParsedArticle(
        text=text,
        format=PDF,
        title=title,
        byline=info.author or from_lines.byline,
        published_on=info.created_on or from_lines.published_on,
        url=from_lines.url,
        language=info.language or detect_language(text),
    )


@dataclass(slots=True)
class _DocumentInformation:
    title: str | None = None
    author: str | None = None
    created_on: datetime.date | None = None
    language: str | None = None


def _open(data: bytes, *, path: str | Path) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise _damaged(exc, path=path) from exc
    if not reader.is_encrypted:
        return reader
    try:
        # Many PDFs are encrypted only to restrict printing or copying, with an empty password
        # for reading; those open like any other.
        opened = bool(reader.decrypt(""))
    except DependencyError as exc:
        raise ArticleImportError(
            f"the PDF is encrypted with a method this installation cannot decrypt ({exc})",
            path=path,
        ) from exc
    except Exception as exc:
        raise ArticleImportError(
            f"the PDF is encrypted and cannot be read ({exc})", path=path
        ) from exc
    if not opened:
        raise ArticleImportError(
            "the PDF is encrypted (password-protected); save an unprotected copy and import that",
            path=path,
        )
    return reader


def _text_of(reader: PdfReader, *, path: str | Path) -> str:
    pages: list[str] = []
    try:
        for page in reader.pages:
            page_text = normalise_newlines(page.extract_text() or "").strip()
            if page_text:
                pages.append(page_text)
    except Exception as exc:  # damaged page trees, streams and fonts surface here
        raise _damaged(exc, path=path) from exc
    if not pages:
        raise ArticleImportError(
            "the PDF has no text layer (is it a scanned image?); run OCR on it first", path=path
        )
    return _PAGE_SEPARATOR.join(pages)


def _document_information(reader: PdfReader) -> _DocumentInformation:
    """The document information dictionary and catalog /Lang; broken entries are skipped."""
    info = _DocumentInformation()
    try:
        metadata = reader.metadata
    except Exception:
        logger.debug("unreadable PDF document information", exc_info=True)
        metadata = None
    if metadata is not None:
        info.title = _useful_title(_safely(lambda: metadata.title))
        info.author = clean_byline(_safely(lambda: metadata.author))
        created = _safely(lambda: metadata.creation_date)
        if isinstance(created, datetime.datetime):
            info.created_on = created.date()
    language = _safely(lambda: reader.root_object.get("/Lang"))
    info.language = language_from_tag(str(language)) if language is not None else None
    return info


def _useful_title(value: object) -> str | None:
    title = clean_title(value)
    if title is None:
        return None
    title = _AUTHORING_TOOL_PREFIX.sub("", title).strip()
    if not title or title.lower() in _PLACEHOLDER_TITLES or _FILENAME_TITLE.fullmatch(title):
        return None
    return title


def _safely(read: Callable[[], object]) -> object:
    try:
        return read()
    except Exception:
        logger.debug("unreadable PDF metadata entry", exc_info=True)
        return None
