"""Parsing a saved web page into an lxml tree, and taking out everything that is not reading matter.

Nothing here fetches anything: lxml's HTML parser never touches the network (``no_network``), a
DOCTYPE's internal subset is cut off before parsing (so no entity is ever declared, let alone
expanded), and every element that could refer to or run something elsewhere is removed before any
text is taken from the page.

libxml2 parses HTML 4: it does not know that some HTML 5 elements are empty and lets ``<embed>``
swallow the rest of its parent. Those elements are unwrapped (their supposed content kept), not
deleted with it.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from claimtracker.errors import ArticleImportError

# Elements whose content is never reading matter: code, embedded documents, media, form controls.
ACTIVE_OR_EMBEDDED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "param", "svg", "math", "canvas", "audio", "video", "source", "track", "picture",
    "img", "map", "area", "link", "meta", "base", "input", "textarea", "select", "option",
    "optgroup", "datalist", "button", "output", "dialog", "portal", "slot", "noembed", "noframes",
)  # fmt: skip
# HTML 5 void elements libxml2 treats as containers; what it nests in them follows them.
_VOID_ELEMENTS_UNKNOWN_TO_LIBXML2 = ("embed", "source", "track", "wbr", "keygen", "menuitem")
# A form is dropped (newsletter sign-ups, comment boxes) unless it wraps the page, as ASP.NET
# WebForms pages do: then it holds the article, and only its controls go.
_PAGE_WRAPPING_FORM_MIN_PARAGRAPHS = 3
_ACTIVE_ATTRIBUTES = frozenset({"style", "src", "srcset", "action", "formaction", "background"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Some pages hide the whole body until their scripts have run; that is not hidden text.
_NEVER_HIDDEN = frozenset({"html", "body"})
_UNSAFE_URL = re.compile(r"\s*(?:javascript|vbscript|data|livescript)\s*:", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# Control characters: libxml2 reads them into the tree but lxml refuses them in any text set
# afterwards (cleaning the page sets text). Form feed and vertical tab separate words.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_CONTROL_SPACES = re.compile("[\x0b\x0c]")
_LEADING_DOCTYPE = re.compile(
    r"\A(\s*(?:<!--.*?-->\s*)*)<!DOCTYPE\b[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL
)
# libxml2 gives up at 256 levels of nesting (2048 with XML_PARSE_HUGE) and silently drops the
# rest of the page; we allow 2048 and refuse deeper pages rather than store half an article.
_TOO_DEEP = "Excessive depth"


def parse_document(text: str, *, path: str | Path) -> lxml_html.HtmlElement:
    """The page as a tree; comments and processing instructions are already gone."""
    # lxml refuses str input that carries an encoding declaration; the text is already decoded.
    text = _XML_DECLARATION.sub("", text, count=1)
    text = _LEADING_DOCTYPE.sub(r"\1", text, count=1)
    text = _CONTROL_SPACES.sub(" ", _CONTROL_CHARACTERS.sub("", text))
    if not text.strip():
        raise ArticleImportError("no article text found (the page is empty)", path=path)
    parser = lxml_html.HTMLParser(  # one per call: parsers keep an error log and are not shared
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
        default_doctype=False,
        huge_tree=True,
    )
    try:
        tree = lxml_html.document_fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise ArticleImportError(f"cannot read the page as HTML ({exc})", path=path) from exc
    if any(_TOO_DEEP in entry.message for entry in parser.error_log):
        raise ArticleImportError(
            "the page is nested too deeply to be read (more than 2048 levels of elements)",
            path=path,
        )
    if tree is None:
        raise ArticleImportError("no article text found (the page is empty)", path=path)
    return tree


def reading_matter(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """A copy of the page with scripts, styles, embeds, forms, hidden parts and handlers removed."""
    cleaned = copy.deepcopy(tree)
    for void in list(cleaned.iter(*_VOID_ELEMENTS_UNKNOWN_TO_LIBXML2)):
        void.drop_tag()
    doomed = [
        element
        for element in cleaned.iter(*ACTIVE_OR_EMBEDDED_TAGS, etree.Comment, etree.PI)
        if element.getparent() is not None
    ]
    for element in doomed:
        _remove(element)
    for form in list(cleaned.iter("form")):
        if len(form.findall(".//p")) < _PAGE_WRAPPING_FORM_MIN_PARAGRAPHS:
            _remove(form)
    for element in list(cleaned.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag not in _NEVER_HIDDEN and _is_hidden(element):
            _remove(element)
            continue
        _strip_active_attributes(element)
    return cleaned


def _is_hidden(element: lxml_html.HtmlElement) -> bool:
    return element.get("hidden") is not None or bool(
        _HIDDEN_STYLE.search(element.get("style") or "")
    )


def _strip_active_attributes(element: lxml_html.HtmlElement) -> None:
    for name, value in list(element.attrib.items()):
        lowered = name.lower()
        if lowered.startswith("on") or lowered in _ACTIVE_ATTRIBUTES or _UNSAFE_URL.match(value):
            del element.attrib[name]


def _remove(element: etree._Element) -> None:
    """Remove ``element`` and its content but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
