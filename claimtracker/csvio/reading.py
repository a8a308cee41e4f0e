"""Reading a CSV or TSV file whatever its origin: encoding, delimiter, line numbers.

Encoding: a byte-order mark wins (UTF-8, UTF-16 LE/BE); else the encoding given; else UTF-8.
The whole file is checked before any row is used, so that a bad byte is reported with its line
and column, and with a guess at the right encoding.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimtracker.errors import CsvImportError
from claimtracker.input_files import PIPE, kind_problem
from claimtracker.text_codecs import canonical_codec, codec_refusal

SNIFF_BYTES = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = ",;\t|"

csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True)
class CsvShape:
    encoding: str
    delimiter: str
    #: Lines in the file: an upper bound on its rows, for progress bars.
    lines: int
    #: Whether double quotes enclose cells (RFC 4180). A tab-separated file has no quoting
    #: (IANA text/tab-separated-values): its quotes are text, unless it is clearly CSV-quoted.
    quoted: bool = True


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    cells: list[str]


def detect_encoding(path: Path, given: str | None) -> str:
    with path.open("rb") as handle:
        head = handle.read(4)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if given:
        codec = canonical_codec(given)
        if codec is None:
            raise CsvImportError(codec_refusal(given), path=path)
        return codec
    return "utf-8"


def check_decodes(path: Path, encoding: str) -> int:
    """The number of lines; raises an error naming the line and column of a byte that does not
    decode."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    line, offset_in_line = 1, 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                before = chunk[: error.start]
                newlines = before.count(b"\n")
                column = (
                    len(before) - before.rfind(b"\n")
                    if newlines
                    else offset_in_line + len(before) + 1
                )
                raise CsvImportError(
                    f"the file is not {encoding} (byte 0x{chunk[error.start]:02x}); "
                    f"{_guess_hint(path)}",
                    path=path,
                    line=line + newlines,
                    column=column,
                ) from None
            except UnicodeError as error:  # e.g. UTF-16 without its byte-order mark
                raise CsvImportError(
                    f"the file cannot be read as {encoding} ({error}); {_guess_hint(path)}",
                    path=path,
                    line=line,
                ) from None
            if "\x00" in text:
                _refuse_nul(path, text, line, offset_in_line)
            newlines = chunk.count(b"\n")
            line += newlines
            offset_in_line = (
                len(chunk) - chunk.rfind(b"\n") - 1 if newlines else offset_in_line + len(chunk)
            )
        try:
            decoder.decode(b"", final=True)
        except UnicodeError:
            raise CsvImportError(
                f"the file ends in the middle of a {encoding} character", path=path, line=line
            ) from None
    return line


def _refuse_nul(path: Path, text: str, line: int, offset_in_line: int) -> None:
    """No text file holds a NUL character: this is binary, or UTF-16 read as something else."""
    where = text.index("\x00")
    newlines = text.count("\n", 0, where)
    column = where - text.rfind("\n", 0, where) if newlines else offset_in_line + where + 1
    raise CsvImportError(
        "the file holds a NUL character, which no text file has: it is not a CSV file, or "
        f"its encoding is another one; {_guess_hint(path)}",
        path=path,
        line=line + newlines,
        column=column,
    )


def _guess_hint(path: Path) -> str:
    from charset_normalizer import from_path

    best = from_path(path, steps=5, chunk_size=4096).best()
    if best is None or best.encoding in ("utf_8", "utf-8"):
        return "give its encoding with --encoding"
    return f"it looks like {best.encoding}: try --encoding {best.encoding}"


def sniff_delimiter(path: Path, encoding: str, given: str | None) -> str:
    if given:
        delimiter = "\t" if given in ("\\t", "tab", "TAB") else given
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise CsvImportError(
                f"{given!r} cannot separate fields: give one character such as , ; | or tab",
                path=path,
            )
        return delimiter
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    with path.open(encoding=encoding, newline="") as handle:
        sample = handle.read(SNIFF_BYTES)
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first_line = sample.splitlines()[0] if sample else ""
        counts = {d: first_line.count(d) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


QUOTINGS = ("csv", "none")


def looks_csv_quoted(path: Path, encoding: str, delimiter: str) -> bool:
    """True when the cells that begin with a double quote all end with one, as RFC 4180
    quoting writes them (and at least one does); a quote inside text reads as text."""
    with path.open(encoding=encoding, newline="") as handle:
        sample = handle.read(SNIFF_BYTES)
    lines = sample.splitlines()
    if len(sample) == SNIFF_BYTES:
        lines = lines[:-1]  # cut short: its last cell may not be closed yet
    opened = 0
    for line in lines:
        for cell in line.split(delimiter):
            if cell.startswith('"'):
                if len(cell) < 2 or not cell.endswith('"'):
                    return False
                opened += 1
    return opened > 0


def check_readable(path: Path, encoding: str | None = None) -> str:
    """The encoding to read ``path`` with, once it is known to be a file that can be read
    (quick: nothing but its first bytes is read); a CsvImportError otherwise."""
    problem = kind_problem(path)
    if problem == PIPE:
        # The file is read several times (encoding, delimiter, rows): a pipe can be read once.
        problem += ": save what it carries to a file and import that"
    if problem is not None:
        raise CsvImportError(problem, path=path)
    return detect_encoding(path, encoding)


def shape_of(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    quoting: str | None = None,
) -> CsvShape:
    """Encoding, delimiter and quoting of a file (each detected unless given)."""
    if quoting is not None and quoting not in QUOTINGS:
        raise CsvImportError(f"--quoting {quoting!r}: expected csv or none", path=path)
    chosen = check_readable(path, encoding)
    lines = check_decodes(path, chosen)
    separator = sniff_delimiter(path, chosen, delimiter)
    if quoting is None:
        quoted = separator != "\t" or looks_csv_quoted(path, chosen, separator)
    else:
        quoted = quoting == "csv"
    return CsvShape(encoding=chosen, delimiter=separator, lines=lines, quoted=quoted)


def records(path: Path, shape: CsvShape) -> Iterator[Record]:
    """The file's records with the line each starts on; blank lines are skipped."""
    with path.open(encoding=shape.encoding, newline="") as handle:
        reader = (
            csv.reader(handle, delimiter=shape.delimiter, strict=True)
            if shape.quoted
            else csv.reader(handle, delimiter=shape.delimiter, quoting=csv.QUOTE_NONE)
        )
        line = 1
        try:
            for cells in reader:
                if cells and (cells[0].strip() or any(cell.strip() for cell in cells)):
                    yield Record(line=line, cells=cells)
                line = reader.line_num + 1
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise CsvImportError(
                    "malformed CSV: a quoted cell that starts in this row is never closed "
                    "(the file ends inside it)",
                    path=path,
                    line=line,
                ) from None
            raise CsvImportError(
                f"malformed CSV ({error})", path=path, line=reader.line_num
            ) from None
