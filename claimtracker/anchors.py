"""Anchoring a claim to the exact words of its source.

An anchor is stored the way the W3C Web Annotation model describes it: a TextPositionSelector
(``start``, ``end``: offsets in the stored text, in Python characters) and a TextQuoteSelector
(``exact``, ``prefix``, ``suffix``: the words and a little context either side). The position is
fast; the quote and its context let the anchor be found again in a corrected text.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtracker.errors import AnchorError

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def as_selectors(self) -> list[dict[str, object]]:
        """The anchor as W3C Web Annotation selectors (for JSON output)."""
        return [
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
        ]


def anchor_at(text: str, start: int, end: int) -> Anchor:
    """The anchor for ``text[start:end]``; raises :class:`AnchorError` for offsets outside it."""
    if not 0 <= start < end <= len(text):
        raise AnchorError(
            f"The offsets {start}–{end} are outside the source text (0–{len(text)})",
            field="anchor",
        )
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def occurrences(text: str, quote: str) -> list[int]:
    """Every start offset of ``quote`` in ``text``."""
    found: list[int] = []
    position = text.find(quote)
    while position != -1:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _shorten(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def anchor_quote(
    text: str,
    quote: str,
    *,
    start: int | None = None,
    end: int | None = None,
    source_label: str = "the source",
) -> Anchor:
    """Anchor ``quote`` in ``text``.

    With offsets, the quote must lie within ``text[start:end]`` (the anchored passage may be
    longer than the quote, e.g. a whole sentence around a quoted phrase). Without offsets, the
    quote must occur exactly once, or the error lists where it occurs so the caller can choose.
    """
    if start is not None or end is not None:
        if start is None:
            raise AnchorError("An end offset was given without a start offset", field="anchor")
        if end is None:
            end = start + len(quote)
        anchor = anchor_at(text, start, end)
        if quote and quote not in anchor.exact:
            raise AnchorError(
                f"The quote {_shorten(quote)!r} does not occur in {source_label} at offsets "
                f"{start}–{end} (the text there is {_shorten(anchor.exact)!r})",
                field="quote",
            )
        return anchor
    if not quote:
        raise AnchorError("A quote or offsets are needed to anchor a claim", field="quote")
    places = occurrences(text, quote)
    if not places:
        raise AnchorError(
            f"The quote {_shorten(quote)!r} does not occur in {source_label}", field="quote"
        )
    if len(places) > 1:
        listed = ", ".join(str(p) for p in places[:10])
        raise AnchorError(
            f"The quote {_shorten(quote)!r} occurs {len(places)} times in {source_label} "
            f"(at offsets {listed}); give the start offset of the one you mean",
            field="quote",
        )
    return anchor_at(text, places[0], places[0] + len(quote))
