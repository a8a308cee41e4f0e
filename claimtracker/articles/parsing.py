"""Reading an article file: check its size, tell its format, decode it, hand it to its reader."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from claimtracker.articles.decoding import decode_article_bytes, html_declared_charset
from claimtracker.articles.formats import (
    HTML,
    MARKDOWN,
    PDF,
    WEB_ARCHIVE_SUFFIXES,
    binary_kind,
    format_by_suffix,
    is_pdf,
    looks_like_html,
    suffix_of,
)
from claimtracker.articles.html import parse_html
from claimtracker.articles.markdown import parse_markdown
from claimtracker.articles.model import ParsedArticle
from claimtracker.articles.pdf import parse_pdf
from claimtracker.articles.plaintext import parse_plaintext
from claimtracker.errors import ArticleImportError
from claimtracker.input_files import PIPE, kind_problem, read_pipe

logger = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 50 * 1024 * 1024
_HTML_SNIFF_BYTES = 4096


def read_article(path: str | os.PathLike[str], *, encoding: str | None = None) -> ParsedArticle:
    """Read the article file at ``path``; every problem with the file is an ArticleImportError."""
    file_path = Path(path)
    problem = kind_problem(file_path)
    try:
        if problem == PIPE:  # `import-article <(curl …)`: read what the pipe carries
            data = read_pipe(file_path, MAX_ARTICLE_BYTES)
            if not data:
                raise ArticleImportError(
                    "this named pipe gave nothing to read (no program was writing to it)",
                    path=file_path,
                )
        elif problem is not None:
            raise ArticleImportError(problem, path=file_path)
        else:
            with file_path.open("rb") as stream:
                data = stream.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError as exc:
        raise ArticleImportError("the file does not exist", path=file_path) from exc
    except IsADirectoryError as exc:
        raise ArticleImportError("this is a folder, not a file", path=file_path) from exc
    except PermissionError as exc:
        raise ArticleImportError("permission denied: cannot read the file", path=file_path) from exc
    except OSError as exc:
        raise ArticleImportError(
            f"cannot read the file ({exc.strerror or exc})", path=file_path
        ) from exc
    return parse_article(data, filename=str(file_path), encoding=encoding)


def parse_article(data: bytes, *, filename: str, encoding: str | None = None) -> ParsedArticle:
    """Parse an article from its bytes; ``filename`` names it in errors and gives its extension."""
    try:
        return _parse(data, filename=filename, encoding=encoding)
    except ArticleImportError:
        raise
    except Exception as exc:
        # The readers wrap what the libraries are known to raise. Whatever else a hostile or
        # broken file provokes is still a problem with that file for the user, and a possible
        # bug for us: the traceback goes to the log.
        logger.exception("unexpected failure reading the article %s", filename)
        raise ArticleImportError(
            f"cannot read the file (unexpected {type(exc).__name__}; details are in the log)",
            path=filename,
        ) from exc


def _parse(data: bytes, *, filename: str, encoding: str | None) -> ParsedArticle:
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleImportError(
            f"the file is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB; "
            "articles that large are not supported",
            path=filename,
        )
    if not data.strip():
        raise ArticleImportError("the file is empty", path=filename)
    if suffix_of(filename) in WEB_ARCHIVE_SUFFIXES:
        raise ArticleImportError(
            "single-file web archives (.mht, .mhtml, .webarchive) are not supported; "
            'save the page from the browser as "Web Page, HTML only" and import that',
            path=filename,
        )

    by_suffix = format_by_suffix(filename)
    if is_pdf(data, named_pdf=by_suffix == PDF):
        return parse_pdf(data, path=filename)
    kind = binary_kind(data)
    if kind is not None:
        raise ArticleImportError(
            f"this is {kind}, not an article ClaimTracker can read", path=filename
        )
    if by_suffix == PDF:
        raise ArticleImportError("this is not a PDF file (it has no %PDF header)", path=filename)

    sniffed_html = by_suffix == HTML or looks_like_html(data[:_HTML_SNIFF_BYTES].decode("latin-1"))
    declared = html_declared_charset(data) if sniffed_html else None
    decoded = decode_article_bytes(data, path=filename, encoding=encoding, declared=declared)
    if not decoded.text.strip():
        raise ArticleImportError("the file is empty (it holds only white space)", path=filename)
    if by_suffix == HTML or looks_like_html(decoded.text):
        return parse_html(decoded, path=filename)
    if by_suffix == MARKDOWN:
        return parse_markdown(decoded)
    return parse_plaintext(decoded)
