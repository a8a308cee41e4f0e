"""Turning a tree into the stored text: a paragraph per block, a blank line between paragraphs.

Two vocabularies are rendered: the XML trafilatura returns for the main text (``head``, ``p``,
``list``/``item``, ``quote``, ``table``/``row``/``cell``, ``lb``) and plain HTML for the fallback.
The walk is iterative, so a maliciously deep page cannot exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

PARAGRAPH_SEPARATOR = "\n\n"

TRAFILATURA_BLOCKS = frozenset(
    {"body", "doc", "main", "div", "head", "p", "quote", "list", "item", "table", "row", "code"}
)
TRAFILATURA_PREFORMATTED = frozenset({"code"})
HTML_BLOCKS = frozenset(
    {
        "html", "body", "main", "article", "section", "div", "header", "footer", "aside", "nav",
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "blockquote", "pre", "address",
        "figure", "figcaption", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead",
        "tbody", "tfoot", "tr", "form", "fieldset", "legend", "details", "summary", "center",
        "hr", "menu",
    }
)  # fmt: skip
HTML_PREFORMATTED = frozenset({"pre", "textarea", "listing", "plaintext", "xmp"})
_LINE_BREAKS = frozenset({"lb", "br"})
_CELLS = frozenset({"cell", "td", "th"})
_SKIPPED = frozenset({"graphic"})
# Stand for a hard line break and a cell separator while runs of source whitespace are collapsed
# (preformatted text keeps its line breaks, not its indentation).
_HARD_BREAK = "\x00"
_CELL_SEPARATOR = "\x01"
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_SPACED_CELL_SEPARATOR = re.compile(r" ?\x01 ?")


def render_paragraphs(
    root: etree._Element,
    *,
    blocks: frozenset[str],
    preformatted: frozenset[str],
) -> str:
    """The text of ``root``: blocks become paragraphs, line breaks become newlines."""
    paragraphs: list[str] = []
    buffer: list[str] = []
    preformatted_depth = 0

    def flush() -> None:
        paragraph = _tidy("".join(buffer))
        buffer.clear()
        if paragraph:
            paragraphs.append(paragraph)

    def add(text: str | None) -> None:
        if text:
            buffer.append(text.replace("\n", _HARD_BREAK) if preformatted_depth else text)

    skipping: etree._Element | None = None
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if skipping is not None:
            if event == "end" and element is skipping:
                skipping = None
                add(element.tail)
            continue
        if event == "start":
            if not tag or tag in _SKIPPED:
                skipping = element
                continue
            if tag in blocks:
                flush()
            if tag in preformatted:
                preformatted_depth += 1
            if tag in _LINE_BREAKS:
                buffer.append(_HARD_BREAK)
            elif tag in _CELLS and element.getprevious() is not None:
                buffer.append(_CELL_SEPARATOR)
            add(element.text)
        else:
            if tag in preformatted:
                preformatted_depth -= 1
            if tag in blocks:
                flush()
            if element is not root:
                add(element.tail)
    flush()
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip(" ") for line in text.split(_HARD_BREAK))
    return _SPACED_CELL_SEPARATOR.sub("\t", "\n".join(_without_blank_edges(lines)))


def _without_blank_edges(lines: Iterable[str]) -> list[str]:
    kept = list(lines)
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    return kept
