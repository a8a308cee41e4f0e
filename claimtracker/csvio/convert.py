"""From CSV cells to field values: codes, numbers, dates, tags, links, with clear complaints."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from claimtracker.csvio.aggregates import INVERSE_RELATION_CODES
from claimtracker.csvio.formulas import restore
from claimtracker.csvio.mapping import ColumnMapping
from claimtracker.errors import ClaimTrackerError
from claimtracker.vocabulary import (
    ACTOR_KINDS,
    ATTRIBUTIONS,
    CONFIDENCES,
    CREDIBILITY,
    LIKELIHOODS,
    MARKINGS,
    RELATIONS,
    RELIABILITY,
    STATUSES,
    Term,
    Vocabulary,
    parse_rating,
)


class CellError(ValueError):
    """A cell's value cannot be used; the message says why."""


_FROM_INVERSE = {inverse: code for code, inverse in INVERSE_RELATION_CODES.items()}
_DAY_FORMATS = (
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%Y/%m/%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%b %d, %Y",
)
_TAG_SPLIT = re.compile(r"\s*[;,]\s*")
_LINK_ENTRY = re.compile(r"^\s*(\w+)\s+([0-9a-fA-F-]{36})\s*$")


def _code(vocabulary: Vocabulary) -> Callable[[str], str]:
    def convert(value: str) -> str:
        code = vocabulary.lookup(value)
        if code is None:
            raise CellError(
                f"{value!r} is not a known {vocabulary.name} (one of: {', '.join(vocabulary.codes)}); "
                "map the column to tags to keep such values as tags"
            )
        return code

    return convert


#: The largest integer SQLite stores.
_MAX_INTEGER = 2**63 - 1


def _whole_number(kind: str, negative: str, too_large_for: str) -> Callable[[str], int]:
    """A converter to a non-negative integer SQLite can store, with the column's own words."""

    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise CellError(f"{value!r} is not {kind}") from None
        if number < 0:
            raise CellError(negative)
        if number > _MAX_INTEGER:
            raise CellError(f"{value!r} is too large for {too_large_for}")
        return number

    return convert


_count = _whole_number(
    "a whole number", "the number of sources cannot be negative", "a number of sources"
)
_offset = _whole_number("a character offset", "offsets cannot be negative", "a character offset")


def _credibility(value: str) -> int:
    code = CREDIBILITY.lookup(value.strip())
    if code is None:
        raise CellError(f"{value!r} is not an information credibility 1–6")
    return int(code)


def _reliability(value: str) -> str:
    code = RELIABILITY.lookup(value.strip().upper()) or RELIABILITY.lookup(value)
    if code is None:
        raise CellError(f"{value!r} is not a source reliability A–F")
    return code


def _day(value: str) -> str:
    """A date as the database stores it (ISO 8601 text)."""
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    for pattern in _DAY_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise CellError(f"{value!r} is not a date (write it as 2018-08-25)")


def _moment(value: str) -> str:
    text = value.strip()
    if _STORED_MOMENT.fullmatch(text):
        return text  # already as SQLite keeps it (our own reports)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise CellError(f"{value!r} is not a date and time") from None
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _rating(value: str) -> tuple[str | None, int | None]:
    try:
        return parse_rating(value)
    except ClaimTrackerError as error:
        raise CellError(str(error)) from None


def _tags(value: str) -> list[str]:
    return [tag for tag in _TAG_SPLIT.split(value) if tag]


def _links(value: str) -> list[tuple[str, str]]:
    """``"denies <uuid>; denied_by <uuid>"`` → [(reading code, other uuid)]."""
    entries = []
    for part in value.split(";"):
        if not part.strip():
            continue
        match = _LINK_ENTRY.match(part)
        if not match or (match[1] not in RELATIONS and match[1] not in _FROM_INVERSE):
            raise CellError(
                f"{part.strip()!r} is not a link such as 'denies 0b7a…' (relation and uuid)"
            )
        entries.append((match[1], match[2].lower()))
    return entries


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STORED_MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _uuid(value: str) -> str:
    text = value.strip().lower()
    if not _UUID.fullmatch(text):
        raise CellError(f"{value!r} is not a UUID")
    return text


def _text(value: str) -> str:
    return value


CONVERTERS: dict[str, Callable[[str], object]] = {
    "uuid": _uuid,
    "claim": _text,
    "quote": _text,
    "speaker": str.strip,
    "speaker_kind": _code(ACTOR_KINDS),
    "speaker_reliability": _reliability,
    "attribution": _code(ATTRIBUTIONS),
    "descriptor": _text,
    "source_count": _count,
    "status": _code(STATUSES),
    "rating": _rating,
    "credibility": _credibility,
    "likelihood": _code(LIKELIHOODS),
    "confidence": _code(CONFIDENCES),
    "said_on": _day,
    "reported_on": _day,
    "event_on": _day,
    "source_title": str.strip,
    "outlet": str.strip,
    "url": str.strip,
    "published_on": _day,
    "source_uuid": _uuid,
    "tags": _tags,
    "links": _links,
    "notes": _text,
    "anchor_start": _offset,
    "anchor_end": _offset,
    "anchor_exact": _text,
    "anchor_prefix": _text,
    "anchor_suffix": _text,
    "anchor_status": _code(
        Vocabulary("anchor status", [Term("ok", "Ok"), Term("orphan", "Orphan")])
    ),
    "created_at": _moment,
    "tlp": _code(MARKINGS),
    "external_id": str.strip,
    "context": str.strip,
    "speaker_affiliation": str.strip,
}


#: Fields whose cells repeat a few values (codes, dates, numbers): each distinct cell is
#: converted once per import and remembered.
_REPEATING = frozenset(
    (
        "speaker_kind",
        "speaker_reliability",
        "attribution",
        "source_count",
        "status",
        "rating",
        "credibility",
        "likelihood",
        "confidence",
        "said_on",
        "reported_on",
        "event_on",
        "published_on",
        "anchor_status",
        "tlp",
    )
)
_UNSEEN = object()


@dataclass(slots=True)
class ParsedRow:
    line: int
    values: dict[str, object]
    tags: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


class RowParser:
    """Converts records for one column mapping (the per-column work is decided once)."""

    def __init__(
        self, mapping: ColumnMapping, value_maps: dict[str, dict[str, str]] | None = None
    ) -> None:
        #: field → {the file's value, case-folded: the value to read instead} (``--value``)
        self.value_maps = value_maps or {}
        self.width = len(mapping.fields)
        #: (position, field, converter or None for text, column as reported, memo or None)
        self.plan: list[
            tuple[int, str, Callable[[str], object] | None, str, dict[str, object] | None]
        ] = [
            (
                index,
                field_name,
                None if CONVERTERS[field_name] is _text else CONVERTERS[field_name],
                f"{index + 1} ({mapping.headers[index]})",
                {} if field_name in _REPEATING else None,
            )
            for index, field_name in enumerate(mapping.fields)
            if field_name not in (None, "ignore")
        ]

    def parse(self, line: int, cells: list[str]) -> ParsedRow:
        """Convert one record; problems are collected as (column, reason)."""
        row = ParsedRow(line=line, values={})
        values = row.values
        value_maps = self.value_maps
        count = len(cells)
        for index, field_name, convert, column, converted in self.plan:
            if index >= count:
                break
            raw = cells[index]
            if not raw:
                continue
            if raw[0] == "'":
                raw = restore(raw)
            if value_maps and field_name in value_maps:
                raw = value_maps[field_name].get(raw.strip().casefold(), raw)
                if not raw:
                    continue
            if convert is None:  # free text, kept as written
                values[field_name] = raw
                continue
            value = converted.get(raw, _UNSEEN) if converted is not None else _UNSEEN
            if value is _UNSEEN:
                try:
                    value = convert(raw)
                except CellError as error:
                    row.problems.append((column, str(error)))
                    continue
                if converted is not None:
                    converted[raw] = value
            if field_name == "tags":
                row.tags.extend(value)  # type: ignore[arg-type]
            elif value != "":
                values[field_name] = value
        if count > self.width and any(c.strip() for c in cells[self.width :]):
            row.problems.append(
                (str(self.width + 1), f"this row has {count} cells, the header {self.width}")
            )
        return row


def link_reading(code: str) -> tuple[str, bool]:
    """(relation, this row's claim is B) for a link entry's reading code."""
    if code in _FROM_INVERSE and code not in RELATIONS:
        return _FROM_INVERSE[code], False
    return code, True
