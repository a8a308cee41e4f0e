"""``export html|pdf|xlsx|stix|claimreview`` and ``import-claimreview``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from claimtracker.cli.context import build_filter, db_option, filter_options
from claimtracker.csvio import REPORTS
from claimtracker.errors import ValidationError
from claimtracker.query import ClaimFilter
from claimtracker.reports.files import write_file
from claimtracker.store import Store


def _out_option(suffix: str, *, required: bool = False) -> Callable[[Any], Any]:
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        required=required,
        help=f"File to write (e.g. report.{suffix})"
        + ("." if required else "; default: standard output."),
    )


def _query_option(command: Any) -> Any:
    return click.option(
        "--query", "text", default="", help="Only claims matching this full-text query."
    )(command)


def _emit(data: bytes, out: Path | None, what: str) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_file(out, data)
    click.echo(f"Wrote {what} to {out} ({len(data):,} bytes)", err=True)


def _dossier_command(kind: str) -> click.Command:
    @click.command(kind)
    @click.option("--claim", "claim_id", type=int, help="One claim and the claims linked to it.")
    @click.option(
        "--dispute",
        "dispute_id",
        type=int,
        help="One claim and the claims that contradict, deny or counter it.",
    )
    @click.option("--title", help="The report's title (default: from what it covers).")
    @_out_option(kind, required=kind == "pdf")
    @_query_option
    @filter_options(export=True)
    @db_option
    def command(
        store: Store,
        claim_id: int | None,
        dispute_id: int | None,
        title: str | None,
        out: Path | None,
        text: str,
        **filters: Any,
    ) -> None:
        from claimtracker.reports.dossier import build_dossier

        if claim_id is not None and dispute_id is not None:
            raise ValidationError("Give --claim or --dispute, not both", field="claim")
        claim_filter = build_filter(store, text, **filters)
        with store.raw() as connection:
            dossier = build_dossier(
                connection,
                claim_id=claim_id if claim_id is not None else dispute_id,
                dispute=dispute_id is not None,
                claim_filter=claim_filter.with_(max_tlp=None),
                max_tlp=claim_filter.max_tlp,
                title=title,
            )
        if kind == "pdf":
            from claimtracker.reports.pdf import render_pdf

            data = render_pdf(dossier)
        else:
            from claimtracker.reports.html import render_html

            data = render_html(dossier).encode("utf-8")
        if dossier.left_out:
            click.echo(
                f"Left out {dossier.left_out} claim(s) marked above {filters['max_tlp']}",
                err=True,
            )
        _emit(data, out, f"a dossier of {dossier.claim_count} claim(s)")

    command.help = (
        f"A dossier to read, as {kind.upper()}: claims beside their counter-claims, quotes in "
        "context, sources, the highest marking; one claim, a dispute, or the filtered claims."
    )
    return command


def _filtered(store: Store, text: str, filters: dict[str, Any]) -> ClaimFilter:
    return build_filter(store, text, **filters)


@click.command("xlsx")
@_out_option("xlsx", required=True)
@click.option(
    "--report",
    type=click.Choice(sorted(REPORTS)),
    default="claims",
    show_default=True,
    help="claims: one row per claim; pairs: one row per claim and counter-claim.",
)
@click.option("--columns", help="Comma-separated column names (default: the reading preset).")
@_query_option
@filter_options(export=True)
@db_option
def export_xlsx(
    store: Store, out: Path, report: str, columns: str | None, text: str, **filters: Any
) -> None:
    """A spreadsheet to read (XLSX): reading columns first, widths, wrapped text, frozen
    header, filters, A4 landscape."""
    from claimtracker.reports.xlsx import render_xlsx

    chosen = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    with store.raw() as connection:
        data, rows = render_xlsx(
            connection,
            report=report,
            claim_filter=_filtered(store, text, filters),
            columns=chosen,
        )
    _emit(data, out, f"{rows} row(s)")


@click.command("stix")
@_out_option("json")
@_query_option
@filter_options(export=True)
@db_option
def export_stix(store: Store, out: Path | None, text: str, **filters: Any) -> None:
    """A STIX 2.1 bundle: a report per source, notes for claims, identities for actors,
    opinions for assessments, relationships for links, TLP 2.0 markings."""
    from claimtracker.reports.stix import render_stix

    with store.raw() as connection:
        data, claims = render_stix(connection, claim_filter=_filtered(store, text, filters))
    _emit(data, out, f"a STIX bundle of {claims} claim(s)")


@click.command("claimreview")
@_out_option("json")
@_query_option
@filter_options(export=True)
@db_option
def export_claimreview(store: Store, out: Path | None, text: str, **filters: Any) -> None:
    """schema.org ClaimReview JSON-LD of the assessed claims (verified, false, misleading,
    disputed, inconclusive)."""
    from claimtracker.reports.claimreview import render_claimreview

    with store.raw() as connection:
        data, reviews = render_claimreview(connection, claim_filter=_filtered(store, text, filters))
    _emit(data, out, f"{reviews} ClaimReview(s)")


@click.command("import-claimreview")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Check the file and show what would happen; change nothing."
)
@db_option
def import_claimreview(store: Store, file: Path, dry_run: bool) -> None:
    """Import schema.org ClaimReview JSON-LD: a review whose identifier is a known claim's UUID
    updates it; others become claims. All reviews, or none if any is bad."""
    from claimtracker.reports.claimreview_import import import_claimreviews

    if not dry_run and store.path is not None:
        from claimtracker.safety.backup import backup_before_import

        made = backup_before_import(store)
        click.echo(f"Backed up the database first: {made.name}", err=True)
    summary = import_claimreviews(store, file, dry_run=dry_run)
    click.echo(("Would have: " if dry_run else "") + summary.describe())


EXPORT_COMMANDS = [
    _dossier_command("html"),
    _dossier_command("pdf"),
    export_xlsx,
    export_stix,
    export_claimreview,
]
COMMANDS = [import_claimreview]


def register(export_group: click.Group) -> list[click.Command]:
    """Add the report formats to ``export``; returns the top-level commands."""
    for command in EXPORT_COMMANDS:
        export_group.add_command(command)
    return COMMANDS
