"""A report from a server by ``COPY``: the server writes the CSV, the client mends the line ends.

PostgreSQL's CSV (``COPY ... TO STDOUT (FORMAT csv)``) is what Python's csv writer writes for a
file's export, byte for byte, but for two things, both settled here:

* it writes an empty text as ``""`` (to tell it from NULL), where Python writes nothing: the
  query gives every empty text as NULL (:func:`copy_select`), which COPY writes as nothing;
* it ends each row with LF, where RFC 4180 (and Python) end it with CRLF: a line feed outside
  quotes ends a row, one inside is a cell's own, and COPY quotes every cell holding a quote, so
  the quotes before a line feed tell which it is (:func:`write_copied`).

A report of one column keeps the server's own lines (``writing.server_lines``): there COPY
would also quote a cell holding only ``\\.``, and an empty row is ``""``.
"""

from __future__ import annotations

import codecs
import itertools
from collections.abc import Iterable, Sequence
from typing import IO

from claimtracker.csvio.writing import BATCH, ExportCancelled, Progress


def copy_select(cells: Sequence[tuple[str, bool]], from_sql: str, tail: str) -> str:
    """``SELECT items FROM from_sql tail`` for ``COPY ... (FORMAT csv)``: each item as text,
    an empty text as NULL (``cells``: each item's SQL, and whether it is free text)."""
    items = ", ".join(f"nullif(CAST({item} AS text), '')" for item, _ in cells)
    return f"SELECT {items} FROM {from_sql} {tail}"


def write_copied(
    blocks: Iterable[bytes | bytearray | memoryview],
    stream: IO[str],
    *,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write COPY's CSV ``blocks`` (UTF-8) to ``stream`` with CRLF line ends; returns rows.

    The bytes go to the stream's binary buffer when it has one (a file, stdout), after what
    the text layer holds; otherwise they are decoded."""
    stream.flush()
    binary = getattr(stream, "buffer", None)
    decoder = codecs.getincrementaldecoder("utf-8")() if binary is None else None
    blocks = iter(blocks)
    quoted = False  # whether the text so far ends inside a quoted cell
    written = 0
    while chunk := b"".join(itertools.islice(blocks, BATCH)):
        if not quoted and b'"' not in chunk:
            mended = chunk.replace(b"\n", b"\r\n")
        else:
            parts = chunk.split(b'"')
            outside = slice(1 if quoted else 0, None, 2)
            parts[outside] = [part.replace(b"\n", b"\r\n") for part in parts[outside]]
            quoted ^= len(parts) % 2 == 0
            mended = b'"'.join(parts)
        if binary is not None:
            binary.write(mended)
        else:
            assert decoder is not None
            stream.write(decoder.decode(mended))
        written += len(mended) - len(chunk)  # one CR added per row
        if progress is not None and progress(written, max(total, written)) is False:
            raise ExportCancelled("Export cancelled; no file was written")
    return written
