"""Which kind of article a file is: by its name first, corrected by what its bytes say."""

from __future__ import annotations

import re
from pathlib import PurePath

TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
PDF = "pdf"

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})
PDF_SUFFIXES = frozenset({".pdf"})
# Single-file web archives bundle MIME parts or property lists, not a page we can read as HTML.
WEB_ARCHIVE_SUFFIXES = frozenset({".mht", ".mhtml", ".webarchive"})

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (for example a Word .docx, OpenDocument or EPUB file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS\x00", "an audio or video file"),
)
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024

_LEADING_NOISE = re.compile(r"\A(?:\s+|<\?xml[^>]*>|<!--.*?-->)+", re.DOTALL)
_HTML_OPENINGS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<title")


def suffix_of(filename: str) -> str:
    return PurePath(filename).suffix.lower()


def format_by_suffix(filename: str) -> str:
    suffix = suffix_of(filename)
    if suffix in PDF_SUFFIXES:
        return PDF
    if suffix in HTML_SUFFIXES:
        return HTML
    if suffix in MARKDOWN_SUFFIXES:
        return MARKDOWN
    return TEXT


def is_pdf(data: bytes, *, named_pdf: bool) -> bool:
    """A PDF starts with %PDF-; readers accept junk before it, so a .pdf may have some."""
    head = data[:_PDF_HEADER_WINDOW]
    if head.lstrip().startswith(_PDF_MAGIC):
        return True
    return named_pdf and _PDF_MAGIC in head


def binary_kind(data: bytes) -> str | None:
    """What a non-text file is, when its first bytes say so ("a PNG image")."""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"BM") and data[6:10] == b"\x00\x00\x00\x00":
        return "a bitmap image"
    if data.startswith(b"ID3") and data[3:4] in (b"\x02", b"\x03", b"\x04"):
        return "an MP3 audio file"
    if data[4:8] == b"ftyp":
        return "an audio or video file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "an image, audio or video file"
    return None


def looks_like_html(text: str) -> bool:
    """True when the text opens like a web page (after an XML declaration or comments)."""
    head = _LEADING_NOISE.sub("", text[:4096], count=1)[:64].lower()
    return head.startswith(_HTML_OPENINGS)
