"""``export csv`` and ``import-csv``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from claimtracker.cli.context import (
    build_filter,
    db_option,
    echo_json,
    filter_options,
    progress_bar,
)
from claimtracker.csvio import FIELDS, REPORTS, CsvImportOptions, export_csv, import_csv
from claimtracker.csvio.columns import PRESETS, preset_columns
from claimtracker.csvio.reading import check_readable
from claimtracker.safety.backup import backup_before_import
from claimtracker.store import Store


@click.group("export")
def export() -> None:
    """Export claim reports."""


@export.command("csv")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.option(
    "--report",
    type=click.Choice(sorted(REPORTS)),
    default="claims",
    show_default=True,
    help="claims: one row per claim; pairs: one row per claim and counter-claim.",
)
@click.option("--columns", help="Comma-separated column names to include, in order.")
@click.option(
    "--preset",
    type=click.Choice(sorted(PRESETS)),
    help="A column set: reading puts the claim, speaker, attribution, status, rating, source "
    "and counter-claims first and leaves out ids and anchors (the default is the full, stable "
    "exchange format).",
)
@click.option("--list-columns", is_flag=True, help="Print the report's columns and exit.")
@click.option(
    "--no-bom",
    is_flag=True,
    help="Leave out the UTF-8 byte-order mark (Excel needs it for Cyrillic).",
)
@click.option("--query", "text", default="", help="Only claims matching this full-text query.")
@filter_options(export=True)
@db_option
def export_csv_command(
    store: Store,
    out: Path | None,
    report: str,
    columns: str | None,
    preset: str | None,
    list_columns: bool,
    no_bom: bool,
    text: str,
    **filters: Any,
) -> None:
    """Export a CSV report (RFC 4180, UTF-8, formula-safe) of all or filtered claims."""
    if list_columns:
        for column in REPORTS[report]:
            click.echo(f"{column.name:<22}{column.description}")
        return
    chosen = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    if preset and not chosen:
        chosen = preset_columns(report, preset)
    claim_filter = build_filter(store, text, **filters)
    with store.raw() as connection:
        if out is None:
            result = export_csv(
                connection,
                sys.stdout.buffer,
                report=report,
                claim_filter=claim_filter,
                columns=chosen,
                bom=not no_bom,
            )
            return
        with progress_bar(f"Exporting {report}") as progress:
            result = export_csv(
                connection,
                out,
                report=report,
                claim_filter=claim_filter,
                columns=chosen,
                bom=not no_bom,
                progress=progress,
            )
    click.echo(f"Wrote {result.rows} row(s) to {out}", err=True)


@click.command("import-csv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Fill FIELD from COLUMN (a header name or a 1-based position). Repeatable. See --list-fields.",
)
@click.option("--encoding", help="The file's encoding, e.g. cp1251 (default: detected).")
@click.option("--delimiter", help="Field delimiter (default: sniffed; use 'tab' for TSV).")
@click.option(
    "--quoting",
    type=click.Choice(["csv", "none"]),
    help="csv: double quotes enclose cells; none: quotes are text (default: csv, but none for "
    "a tab-separated file that is not clearly CSV-quoted).",
)
@click.option(
    "--value",
    "values",
    multiple=True,
    metavar="FIELD:VALUE=REPLACEMENT",
    help="Read VALUE in FIELD's column as REPLACEMENT, e.g. status:half-true=misleading. "
    "Repeatable.",
)
@click.option(
    "--header/--no-header",
    "has_header",
    default=None,
    help="Whether the first row is a header (default: guessed).",
)
@click.option(
    "--dry-run", is_flag=True, help="Check the file and show what would happen; change nothing."
)
@click.option("--list-fields", is_flag=True, help="Print the fields a column can fill and exit.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@db_option
def import_csv_command(
    store: Store,
    file: Path,
    mapping: tuple[str, ...],
    encoding: str | None,
    delimiter: str | None,
    quoting: str | None,
    values: tuple[str, ...],
    has_header: bool | None,
    dry_run: bool,
    list_fields: bool,
    as_json: bool,
) -> None:
    """Import claims from a CSV or TSV file: all rows, or none if any is bad."""
    if list_fields:
        for name, meaning in FIELDS.items():
            click.echo(f"{name:<22}{meaning}")
        return
    options = CsvImportOptions(
        encoding=encoding,
        delimiter=delimiter,
        has_header=has_header,
        mapping=mapping,
        quoting=quoting,
        values=values,
    )
    if not dry_run and store.path is not None:
        check_readable(file, encoding)  # a file that cannot be read needs no backup first
        made = backup_before_import(store)
        click.echo(f"Backed up the database first: {made.name}", err=True)
    with progress_bar("Importing") as progress:
        summary = import_csv(store, file, options, dry_run=dry_run, progress=progress)
    if as_json:
        echo_json(
            {
                "file": str(summary.path),
                "dry_run": summary.dry_run,
                "encoding": summary.shape.encoding,
                "delimiter": summary.shape.delimiter,
                "header": summary.has_header,
                "mapping": dict(summary.mapping.describe()),
                "rows": summary.rows,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "new_actors": summary.new_actors,
                "new_sources": summary.new_sources,
                "links": summary.links,
                "repeated": summary.repeated,
                "warnings": summary.warnings,
            }
        )
        return
    delimiter_name = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}.get(
        summary.shape.delimiter, summary.shape.delimiter
    )
    click.echo(
        f"{summary.path.name}: {summary.shape.encoding}, {delimiter_name}-separated, {'with' if summary.has_header else 'without'} header"
    )
    if dry_run:
        for header, field in summary.mapping.describe():
            click.echo(f"  {header!r:<28} → {field}")
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(summary.describe())


COMMANDS = [export, import_csv_command]
