"""What a saved web page says about itself: <title>, Open Graph, article:*, <meta name=author>,
schema.org JSON-LD (parsed as JSON data, never run), <link rel=canonical>, <html lang>.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

from claimtracker.articles.dates import find_date
from claimtracker.articles.language import language_from_tag
from claimtracker.articles.metadata import (
    clean_byline,
    clean_outlet,
    clean_text_value,
    clean_title,
    http_url,
)

logger = logging.getLogger(__name__)

_MAX_JSON_LD_CHARS = 1_000_000
_MAX_JSON_LD_NODES = 2_000
_ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "blogposting",
        "liveblogposting", "report", "scholarlyarticle", "socialmediaposting", "techarticle",
        "pressrelease",
    }
)  # fmt: skip
_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "article.published",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dcterms.created", "date",
)  # fmt: skip
_AUTHOR_META_KEYS = (
    "author", "article:author", "byline", "sailthru.author", "parsely-author", "dc.creator",
    "dcterms.creator",
)  # fmt: skip
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")
_JSON_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


@dataclass(frozen=True, slots=True)
class HtmlMetadata:
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published_on: datetime.date | None = None
    url: str | None = None
    language: str | None = None


def read_html_metadata(tree: lxml_html.HtmlElement, source: str) -> HtmlMetadata:
    """``tree`` is the page as parsed (JSON-LD still in it); ``source`` its decoded text."""
    meta = _meta_values(tree)
    article = _json_ld_article(tree)
    outlet = (
        clean_outlet(meta.get("og:site_name"))
        or clean_outlet(_name_of(article.get("publisher")))
        or clean_outlet(meta.get("application-name"))
    )
    return HtmlMetadata(
        title=_title(tree, meta, article, outlet),
        byline=_byline(tree, meta, article),
        outlet=outlet,
        published_on=_published_on(tree, meta, article),
        url=_url(tree, meta, article, source),
        language=_language(tree, meta, article),
    )


def _meta_values(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """<meta> content by property / name / itemprop / http-equiv (lower case); first one wins."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and key not in values:
                values[key] = content
    return values


def _title(
    tree: lxml_html.HtmlElement,
    meta: dict[str, str],
    article: dict[str, Any],
    outlet: str | None,
) -> str | None:
    for candidate in (
        meta.get("og:title"),
        _text(article.get("headline")),
        meta.get("twitter:title"),
        meta.get("dc.title"),
    ):
        title = clean_title(candidate)
        if title is not None:
            return title
    title_element = tree.find(".//title")
    if title_element is not None:
        title = clean_title(title_element.text_content())
        if title is not None:
            return _without_site_name(title, outlet)
    heading = tree.find(".//h1")
    return clean_title(heading.text_content()) if heading is not None else None


def _without_site_name(title: str, outlet: str | None) -> str:
    """Drop the site name from "Headline | The Daily Ledger" when the outlet is known."""
    if outlet is None:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    kept = [part for part in parts if part.strip().casefold() != outlet.casefold()]
    return " – ".join(kept) if kept and len(kept) < len(parts) else title


def _byline(
    tree: lxml_html.HtmlElement, meta: dict[str, str], article: dict[str, Any]
) -> str | None:
    for key in _AUTHOR_META_KEYS[:2]:
        byline = clean_byline(meta.get(key))
        if byline is not None:
            return byline
    byline = clean_byline(_names_of(article.get("author")))
    if byline is not None:
        return byline
    for key in _AUTHOR_META_KEYS[2:]:
        byline = clean_byline(meta.get(key))
        if byline is not None:
            return byline
    for element in tree.xpath('//*[@rel="author" or @itemprop="author"]'):
        byline = clean_byline(element.text_content())
        if byline is not None:
            return byline
    return None


def _published_on(
    tree: lxml_html.HtmlElement, meta: dict[str, str], article: dict[str, Any]
) -> datetime.date | None:
    candidates: list[object] = [meta.get("article:published_time"), article.get("datePublished")]
    candidates += [meta.get(key) for key in _DATE_META_KEYS[1:]]
    candidates += tree.xpath(
        '//time[@itemprop="datePublished" or @pubdate]/@datetime | //article//time/@datetime'
    )
    for candidate in candidates:
        if isinstance(candidate, str) and (found := find_date(candidate[:100])) is not None:
            return found
    return None


def _url(
    tree: lxml_html.HtmlElement, meta: dict[str, str], article: dict[str, Any], source: str
) -> str | None:
    candidates: list[object] = tree.xpath(
        '//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href'
    )
    candidates += [meta.get("og:url"), article.get("url"), _id_of(article.get("mainEntityOfPage"))]
    saved_from = _SAVED_FROM.search(source[:4096])
    if saved_from is not None:
        candidates.append(saved_from.group(1))
    for candidate in candidates:
        url = http_url(candidate)
        if url is not None:
            return url
    return None


def _language(
    tree: lxml_html.HtmlElement, meta: dict[str, str], article: dict[str, Any]
) -> str | None:
    root = tree.getroottree().getroot()
    candidates: list[object] = [
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        root.get("xml:lang"),
        meta.get("content-language"),
        meta.get("language"),
        meta.get("dc.language"),
        meta.get("og:locale"),
        article.get("inLanguage"),
    ]
    for candidate in candidates:
        if isinstance(candidate, str):
            # "Content-Language" may list several ("en, ru"); the first is the main one.
            language = language_from_tag(candidate.split(",")[0])
            if language is not None:
                return language
    return None


def _json_ld_article(tree: lxml_html.HtmlElement) -> dict[str, Any]:
    """The page's schema.org article object (or the first object with a headline), else {}."""
    fallback: dict[str, Any] = {}
    for node in _json_ld_nodes(tree):
        types = node.get("@type")
        type_names = types if isinstance(types, list) else [types]
        if any(isinstance(name, str) and name.lower() in _ARTICLE_TYPES for name in type_names):
            return node
        if not fallback and "headline" in node:
            fallback = node
    return fallback


def _json_ld_nodes(tree: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    seen = 0
    for script in tree.xpath('//script[contains(translate(@type, "JSONLD", "jsonld"), "ld+json")]'):
        raw = script.text or ""
        if not raw.strip() or len(raw) > _MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(_JSON_WRAPPERS.sub("", raw.strip()))
        except (ValueError, RecursionError):
            logger.debug("skipping a JSON-LD block that is not valid JSON")
            continue
        pending: list[object] = [data]
        while pending and seen < _MAX_JSON_LD_NODES:
            item = pending.pop(0)
            seen += 1
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph)
                yield item


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return None


def _name_of(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return clean_text_value(value, max_chars=300)


def _names_of(value: object) -> str | None:
    items = value if isinstance(value, list) else [value]
    names = [name for name in (_name_of(item) for item in items[:20]) if name]
    return ", ".join(dict.fromkeys(names)) if names else None


def _id_of(value: object) -> object:
    return value.get("@id") if isinstance(value, dict) else value
