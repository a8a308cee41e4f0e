"""Turning an article file's bytes into text.

The order of trust: an explicit ``encoding=`` from the user overrides everything; then a
byte-order mark; then strict UTF-8 (bytes that decode as UTF-8 almost never are anything else);
then the charset the document declares (HTML only); then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from claimtracker.errors import ArticleImportError
from claimtracker.text_codecs import canonical_codec, codec_refusal

logger = logging.getLogger(__name__)

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# HTML5 treats these labels as windows-1252, and so do the browsers that saved the page.
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "ascii"})

# Control characters that text files legitimately contain.
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a")
_BINARY_SAMPLE_CHARS = 65536
_DECLARATION_WINDOW = 4096


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str  # the byte-order mark removed, line endings normalised to "\n"
    encoding: str  # Python's canonical codec name, e.g. "utf-8", "cp1251"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_article_bytes(
    data: bytes,
    *,
    path: str | Path,
    encoding: str | None = None,
    declared: str | None = None,
) -> DecodedText:
    """Decode ``data``; ``declared`` is the charset the document itself names, if any."""
    if encoding is not None:
        codec = _explicit_codec(encoding, path)
        text = _decode_strictly(data, codec, path=path, why=f"it is not valid {codec}")
    else:
        text, codec = _decode_by_guessing(data, path=path, declared=declared)
    text = text.removeprefix("\ufeff")
    _reject_binary(text, path=path)
    return DecodedText(normalise_newlines(text), codec)


def _explicit_codec(encoding: str, path: str | Path) -> str:
    codec = canonical_codec(encoding)
    if codec is None:
        raise ArticleImportError(codec_refusal(encoding), path=path)
    return codec


def _decode_by_guessing(data: bytes, *, path: str | Path, declared: str | None) -> tuple[str, str]:
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            why = f"it starts with a {codec.upper()} byte-order mark but is not valid {codec}"
            return _decode_strictly(data[len(mark) :], codec, path=path, why=why), codec

    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise ArticleImportError("this is not a text file (it contains NUL bytes)", path=path)
        return utf16

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    if declared:
        declared_text = _decode_declared(data, declared)
        if declared_text is not None:
            return declared_text

    return _decode_detected(data, path=path)


def _decode_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    codec = canonical_codec(declared)
    if codec is None or codec == "utf-8":
        return None
    candidates = ["cp1252", codec] if codec in _WINDOWS_1252_ALIASES else [codec]
    for candidate in candidates:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    return None


def _decode_detected(data: bytes, *, path: str | Path) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    codec = canonical_codec(best.encoding) if best is not None else None
    if best is None or codec is None:
        raise ArticleImportError(
            "cannot tell which text encoding this file uses (or it is not text); "
            "name the encoding explicitly",
            path=path,
        )
    logger.debug("%s: detected encoding %s", path, codec)
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return str(best), codec


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark shows NULs at one parity only (the high bytes)."""
    sample = data[:8192]
    if len(sample) % 2:
        sample = sample[:-1]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    pairs = len(sample) // 2
    if pairs == 0 or min(even_nuls, odd_nuls) > 0.02 * pairs:
        return None
    if max(even_nuls, odd_nuls) < 0.05 * pairs:
        return None
    codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _decode_strictly(data: bytes, codec: str, *, path: str | Path, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data[: exc.start], codec)
        bad = data[exc.start : exc.start + 1].hex()
        raise ArticleImportError(
            f"cannot decode the file: {why} (byte 0x{bad}: {exc.reason})",
            path=path,
            line=line,
            column=column,
        ) from exc


def _line_and_column(prefix: bytes, codec: str) -> tuple[int, int]:
    """1-based line and column (in characters) just after ``prefix``."""
    text = normalise_newlines(prefix.decode(codec, errors="replace")).removeprefix("\ufeff")
    line = text.count("\n") + 1
    column = len(text) - (text.rfind("\n") + 1) + 1
    return line, column


def _reject_binary(text: str, *, path: str | Path) -> None:
    if "\x00" in text:
        raise ArticleImportError("this is not a text file (it contains NUL characters)", path=path)
    sample = text[:_BINARY_SAMPLE_CHARS]
    controls = sum(
        1 for char in sample if (char < " " or char == "\x7f") and char not in _ALLOWED_CONTROLS
    )
    if controls > max(2, len(sample) // 100):
        raise ArticleImportError(
            "this does not look like a text file (it is full of control characters)", path=path
        )


_HTML_CHARSET = re.compile(
    rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})")


def html_declared_charset(data: bytes) -> str | None:
    """The charset a page names in <meta charset>, <meta http-equiv> or its XML declaration."""
    head = data[:_DECLARATION_WINDOW]
    match = _XML_ENCODING.match(head) or _HTML_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None
