"""Which names are text encodings: what ``--encoding`` accepts for articles and CSV files.

Python's codec registry also holds bytes-to-bytes codecs (base64, zlib, hex) and a
text-to-text one (rot13); given as the encoding of a file they fail deep inside a decoder.
"""

from __future__ import annotations

import codecs


def canonical_codec(name: str) -> str | None:
    """Python's name for a text codec, or None when ``name`` is not one."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    try:
        b"a".decode(info.name)  # rejects bytes-to-bytes codecs such as "base64"
    except LookupError:
        return None
    except UnicodeDecodeError:
        pass  # a text codec that needs more bytes, such as UTF-16
    return info.name


def codec_refusal(name: str) -> str:
    """Why ``name``, refused by :func:`canonical_codec`, cannot decode text."""
    try:
        codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return f"unknown text encoding {name!r}"
    return (
        f"{name!r} is not a text encoding (it transforms data instead of decoding text); "
        "give one such as utf-8, cp1252 or latin-1"
    )
