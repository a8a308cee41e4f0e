"""How claims look in a terminal."""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Mapping

import click

from claimtracker.query import ClaimDetail, ClaimRow
from claimtracker.vocabulary import ATTRIBUTIONS, CONFIDENCES, LIKELIHOODS, MARKINGS, STATUSES

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as escapes, so that imported text cannot drive
    the terminal (colours, cursor moves, titles) or reorder what is shown (bidi overrides)."""
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


_LINE_BREAKS = re.compile(r"[\t\n\r]")


def one_line(text: str) -> str:
    """A message as one terminal-safe line: every control character escaped, line breaks and
    tabs too (they only come from names, such as a file name with a newline in it)."""
    return terminal_safe(_LINE_BREAKS.sub(lambda m: f"\\x{ord(m[0]):02x}", text))


def echo(text: str = "", *, err: bool = False) -> None:
    """Print a line of user data to the terminal, safely."""
    click.echo(terminal_safe(text), err=err)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def row_line(row: ClaimRow) -> str:
    """One line per claim: id, status, attribution, rating, speaker and the claim."""
    width = shutil.get_terminal_size((120, 24)).columns
    head = f"#{row.id:<6} {row.status:<12} {row.attribution:<18} {row.rating or '--':<3}"
    speaker = f"{row.speaker}: " if row.speaker else ""
    return f"{head} {_clip(speaker + row.text, max(20, width - len(head) - 1))}"


def echo_rows(
    rows: list[ClaimRow],
    *,
    total: int | None = None,
    reasons: Mapping[int, tuple[str, ...]] | None = None,
) -> None:
    """One line per claim; with ``reasons``, where a search matched when not in the claim."""
    for row in rows:
        found_in = (reasons or {}).get(row.id, ("claim",))
        if found_in and "claim" not in found_in:
            echo(f"{row_line(row)}  (matched in the {' and '.join(found_in)})")
        else:
            echo(row_line(row))
    if total is not None:
        shown = len(rows)
        more = f" (showing {shown})" if total > shown else ""
        echo(f"{total} claim{'s' if total != 1 else ''}{more}", err=True)


def echo_detail(detail: ClaimDetail) -> None:
    row = detail.row
    fields: list[tuple[str, str | None]] = [
        ("Claim", row.text),
        ("Quote", row.quote),
        ("Speaker", f"{row.speaker} ({row.speaker_kind})" if row.speaker else None),
        ("Attribution", ATTRIBUTIONS.label(row.attribution)),
        ("Descriptor", row.descriptor),
        ("Sources", str(row.source_count) if row.source_count is not None else None),
        ("Status", STATUSES.label(row.status)),
        ("Rating", row.rating or None),
        ("Likelihood", LIKELIHOODS.label(row.likelihood) if row.likelihood else None),
        ("Confidence", CONFIDENCES.label(row.confidence) if row.confidence else None),
        ("Said on", row.said_on),
        ("Reported on", row.reported_on),
        ("Event on", row.event_on),
        ("Source", f"#{row.source_id} {row.source_title}" if row.source_id else None),
        ("Outlet", row.outlet),
        ("URL", row.url),
        ("Tags", ", ".join(row.tags) or None),
        ("Notes", row.notes),
        ("Marking", MARKINGS.label(row.marking) if row.marking else None),
        ("UUID", row.uuid),
        ("Version", f"{row.version} (updated {row.updated_at[:19]})"),
        ("In trash", row.deleted_at[:19] if row.deleted_at else None),
    ]
    click.echo(click.style(f"Claim #{row.id}", bold=True))
    for label, value in fields:
        if value:
            wrapped = textwrap.fill(value, width=100, initial_indent="", subsequent_indent=" " * 16)
            echo(f"  {label + ':':<14}{wrapped}")
    if row.anchor_start is not None:
        context = f"…{detail.anchor_prefix or ''}[{detail.anchor_exact or ''}]{detail.anchor_suffix or ''}…"
        status = (
            " (ORPHAN: not found in the corrected text)" if row.anchor_status == "orphan" else ""
        )
        echo(f"  {'Anchor:':<14}{row.anchor_start}–{row.anchor_end}{status}")
        echo(f"  {'In context:':<14}{' '.join(context.split())}")
    for link in detail.links:
        speaker = f"{link.other_speaker}: " if link.other_speaker else ""
        note = f"  ({link.note})" if link.note else ""
        echo(
            f"  {link.label + ':':<14}#{link.other_id} {_clip(speaker + link.other_text, 70)}{note}"
        )
