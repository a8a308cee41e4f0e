"""Moments as an analyst reads them: local time, to the second (two changes in one minute differ)."""

from __future__ import annotations

from datetime import UTC, datetime


def local_time(moment: datetime) -> str:
    """``moment`` (naive means UTC, as the database stores it) in local time, to the second."""
    stamp = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M:%S")
