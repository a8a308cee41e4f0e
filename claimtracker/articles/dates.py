"""Publication dates as articles write them: "August 25, 2018", "25 августа 2018", "2018-08-25".

Deliberately small and deterministic (no locale, no "today"): a date is only taken from text that is
unmistakably one. Day-first dotted dates (25.08.2018) are read the European way; slashed dates with
the day and month ambiguous (08/05/2018) are not read at all.
"""

from __future__ import annotations

import datetime
import re

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
    "января": 1, "январь": 1, "янв": 1, "февраля": 2, "февраль": 2, "фев": 2, "марта": 3,
    "март": 3, "мар": 3, "апреля": 4, "апрель": 4, "апр": 4, "мая": 5, "май": 5, "июня": 6,
    "июнь": 6, "июн": 6, "июля": 7, "июль": 7, "июл": 7, "августа": 8, "август": 8, "авг": 8,
    "сентября": 9, "сентябрь": 9, "сен": 9, "сент": 9, "октября": 10, "октябрь": 10, "окт": 10,
    "ноября": 11, "ноябрь": 11, "ноя": 11, "декабря": 12, "декабрь": 12, "дек": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\.?,?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = (
    r"(?:(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<ymd_y>\d{4})/(?P<ymd_m>\d{1,2})/(?P<ymd_d>\d{1,2})"
    rf"|(?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL},?\s+(?P<mdy_y>\d{{4}})"
    rf"|(?P<dmy_d>\d{{1,2}}){_ORDINAL}\.?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})\.?,?\s+(?P<dmy_y>\d{{4}})"
    r"(?:\s*(?:г\.?|года))?"
    r"|(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>\d{4}))"
)
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?\s?m\.?)?"
_ZONE = r"(?:\(?(?:[A-Z]{2,5}|UTC|GMT|МСК|мск)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)"
_LABEL = (
    r"(?:(?:last\s+)?(?:published|updated|posted|modified|dated|date)(?:\s+on)?"
    r"|опубликовано|обновлено|дата\s+публикации|дата)"
)
_DATE_ANYWHERE = re.compile(rf"(?<![\w.]){_DATE}(?![\w])", re.IGNORECASE)
_DATE_LINE = re.compile(
    rf"\s*(?:{_LABEL}\s*:?\s*)?(?:{_WEEKDAY}\s+)?{_DATE}"
    rf"(?:[\s,|/·•–—-]*(?:at\s+|в\s+)?{_TIME})?(?:\s*{_ZONE})?\s*\.?\s*",
    re.IGNORECASE,
)
_EARLIEST_YEAR = 1800
_LATEST_YEAR = 2200


def find_date(value: str) -> datetime.date | None:
    """The first date written anywhere in ``value``."""
    for match in _DATE_ANYWHERE.finditer(value):
        found = _date_of(match)
        if found is not None:
            return found
    return None


def find_date_span(value: str) -> tuple[datetime.date, int, int] | None:
    """The first date in ``value`` and where it is, as (date, start, end)."""
    for match in _DATE_ANYWHERE.finditer(value):
        found = _date_of(match)
        if found is not None:
            return found, match.start(), match.end()
    return None


def date_of_line(line: str) -> datetime.date | None:
    """The date when the whole line is one ("Published: Sat, Aug 25, 2018 10:42 AM EDT")."""
    match = _DATE_LINE.fullmatch(line)
    return _date_of(match) if match else None


def _date_of(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    for prefix in ("iso", "ymd", "mdy", "dmy", "dot"):
        year = groups[f"{prefix}_y"]
        if year is None:
            continue
        month_text = groups[f"{prefix}_m"]
        month = _MONTHS.get(month_text.lower()) if month_text.isalpha() else int(month_text)
        if month is None:
            return None
        return _valid_date(int(year), month, int(groups[f"{prefix}_d"]))
    return None


def _valid_date(year: int, month: int, day: int) -> datetime.date | None:
    if not _EARLIEST_YEAR <= year <= _LATEST_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
