"""Article files → the verbatim text the app stores, plus what the file says about itself.

Pure functions: no database, no Qt. ``read_article(path)`` and ``parse_article(data, filename=...)``
return a :class:`ParsedArticle`; every problem with the file raises
:class:`~claimtracker.errors.ArticleImportError` naming it.
"""

from __future__ import annotations

from claimtracker.articles.model import ParsedArticle
from claimtracker.articles.parsing import MAX_ARTICLE_BYTES, parse_article, read_article

__all__ = ["MAX_ARTICLE_BYTES", "ParsedArticle", "parse_article", "read_article"]
