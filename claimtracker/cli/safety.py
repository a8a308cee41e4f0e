"""Keeping the database safe from the command line: backups, restore, check, history, trash."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from claimtracker.cli.context import WHOLE_NUMBER, AppState, db_option, echo_json, json_option
from claimtracker.errors import DatabaseDamagedError, UnsupportedDatabaseError
from claimtracker.fields import KINDS
from claimtracker.journal import analyst as preferences
from claimtracker.journal import reading as history
from claimtracker.journal.actions import undone_or_redone
from claimtracker.journal.reading import Change
from claimtracker.paths import database_target, sqlite_path_of
from claimtracker.safety import backup as backups
from claimtracker.safety import integrity
from claimtracker.services import restoring, trash
from claimtracker.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def file_option(command: F) -> F:
    """``--db PATH`` for commands that work on the file itself (it may be damaged), passing
    the file as ``database`` without opening it."""

    @click.option(
        "--db",
        "db",
        metavar="PATH",
        default=None,
        help="Database file (default: $CLAIMTRACKER_DB or the user data folder).",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, db: str | None, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(AppState)
        path = sqlite_path_of(database_target(db or (state.db if state else None)))
        if path is None:
            raise UnsupportedDatabaseError(
                "This command works on SQLite database files; a server's database is backed up "
                "and restored by its administrator (pg_dump, pg_restore), and "
                "`claimtracker export-project FILE` copies the project to a file."
            )
        return command(*args, database=path, **kwargs)

    return cast(F, wrapper)


@click.command("backup")
@json_option
@file_option
def backup_command(database: Path, as_json: bool) -> None:
    """Make a verified backup of the database now (old ones are rotated)."""
    made = backups.make_backup(database, reason="manual")
    if as_json:
        echo_json(_backup_dict(made))
        return
    click.echo(f"Backed up {database} to {made.path} ({backups.human_size(made.size)})")


@click.command("backups")
@json_option
@file_option
def backups_command(database: Path, as_json: bool) -> None:
    """List the database's backups, newest first, with their dates, sizes and reasons."""
    found = backups.list_backups(database)
    if as_json:
        echo_json([_backup_dict(b) for b in found])
        return
    click.echo(f"Backups of {database} in {backups.backup_dir(database)}:", err=True)
    for made in found:
        click.echo(made.describe())
    if not found:
        click.echo("  none yet", err=True)


def _backup_dict(made: backups.BackupInfo) -> dict[str, Any]:
    return {
        "name": made.name,
        "path": made.path,
        "created_at": made.created_at,
        "reason": made.reason,
        "size": made.size,
    }


@click.command("restore")
@click.argument("backup", metavar="BACKUP")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@file_option
def restore_command(database: Path, backup: str, yes: bool) -> None:
    """Replace the database by BACKUP (a name from `backups`, a path, or `latest`).

    The current file is kept beside it under a new name, never overwritten.
    """
    chosen = backups.find_backup(database, backup)
    if not yes:
        click.confirm(f"Replace {database} by the backup {chosen.name}?", abort=True)
    restored = backups.restore_backup(database, chosen)
    click.echo(f"Restored {database} from {chosen.name}")
    if restored.kept_aside is not None:
        click.echo(f"The replaced file is kept as {restored.kept_aside}")


@click.command("check")
@click.option(
    "--repair",
    is_flag=True,
    help="Rebuild the search index if it is out of step with the claims (on a server: the "
    "indexes the server no longer uses).",
)
@json_option
@click.option(
    "--db",
    "db",
    metavar="PATH|URL",
    default=None,
    help="Database file or server URL (default: $CLAIMTRACKER_DB or the user data folder).",
)
def check_command(db: str | None, repair: bool, as_json: bool) -> None:
    """Check the database: the file (integrity_check), references, and the search index; on a
    server, its schema, constraints and references."""
    state = click.get_current_context().find_object(AppState)
    target = database_target(db or (state.db if state else None))
    database = sqlite_path_of(target)
    if database is None:
        _check_server(target, as_json=as_json, repair=repair)
        return
    if not database.is_file():
        raise UnsupportedDatabaseError(f"There is no database at {database}")
    report = integrity.check_database(database)
    repaired = False
    if repair and report.only_index_wrong:
        with Store.open(database) as store:
            integrity.repair_index(store)
        report = integrity.check_database(database)
        repaired = True
    if as_json:
        echo_json(
            {
                "database": report.database,
                "ok": report.ok,
                "integrity": report.integrity,
                "foreign_keys": report.foreign_keys,
                "index_ok": report.index_ok,
                "repaired_index": repaired,
            }
        )
    else:
        for line in report.lines():
            click.echo(line)
        if repaired:
            click.echo("Rebuilt the search index.")
    if report.ok:
        return
    if report.only_index_wrong:
        click.echo("Run `claimtracker check --repair` to rebuild the search index.", err=True)
    elif report.integrity:
        error = integrity.damaged_error(database, report.integrity[0])
        click.echo(_advice(error), err=True)
    raise click.exceptions.Exit(1)


def _check_server(target: str, *, as_json: bool, repair: bool) -> None:
    from claimtracker.store.server_check import check_server, repair_indexes

    rebuilt: list[str] = []
    with Store.open(target) as store:
        report = check_server(store)
        if repair and report.invalid_indexes:
            rebuilt = repair_indexes(store)
            report = check_server(store)
    if as_json:
        echo_json(
            {
                "database": report.database,
                "ok": report.ok,
                "revision": report.revision,
                "missing_tables": report.missing_tables,
                "unvalidated_constraints": report.unvalidated,
                "foreign_keys": report.foreign_keys,
                "invalid_indexes": report.invalid_indexes,
                "repaired_indexes": rebuilt,
            }
        )
    else:
        for line in report.lines():
            click.echo(line)
        if rebuilt:
            click.echo("Rebuilt the index(es): " + ", ".join(rebuilt))
    if report.invalid_indexes and not repair:
        click.echo("Run `claimtracker check --repair` to rebuild them.", err=True)
    if not report.ok:
        raise click.exceptions.Exit(1)


def _advice(error: DatabaseDamagedError) -> str:
    if error.backup is None:
        return "No good backup of it exists."
    return f"Restore the newest good backup with: claimtracker restore {error.backup.name}"


@click.command("history")
@click.argument("record_id", type=WHOLE_NUMBER)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="claim",
    show_default=True,
    help="What RECORD_ID is the id of.",
)
@json_option
@db_option
def history_command(store: Store, record_id: int, kind: str, as_json: bool) -> None:
    """Every recorded change of a claim (with its links), or of a link, source or actor."""
    with store.read() as session:
        if kind == "claim":
            changes = history.claim_history(session=session, claim_id=record_id)
        else:
            changes = history.history_of(session=session, kind=kind, record_id=record_id)
    if as_json:
        echo_json([c.to_dict() for c in changes])
        return
    for change in changes:
        click.echo(describe_change(change))
    if not changes:
        click.echo(f"No recorded changes of {kind} #{record_id}", err=True)


def describe_change(change: Change) -> str:
    """One line of a record's history; an undo's or a redo's entry begins with what it undid."""
    when = change.changed_at.strftime("%Y-%m-%d %H:%M:%S")
    what = f"{change.kind} #{change.record_id}"
    if change.field is not None:
        done = f"{change.field}: {_value(change.old_value)} → {_value(change.new_value)}"
    else:
        done = change.action
    if undone_or_redone(change.note):
        return f"#{change.id:<6} {when}  {change.analyst:<16} {what:<12} {change.note} · {done}"
    note = f"  ({change.note})" if change.note else ""
    return f"#{change.id:<6} {when}  {change.analyst:<16} {what:<12} {done}{note}"


def _value(value: object, width: int = 60) -> str:
    text = "—" if value is None else repr(value) if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("restore-value")
@click.argument("change_id", type=WHOLE_NUMBER)
@click.option(
    "--version",
    "expected_version",
    type=WHOLE_NUMBER,
    help="Refuse if the record is no longer at this version.",
)
@db_option
def restore_value_command(store: Store, change_id: int, expected_version: int | None) -> None:
    """Put back the value a field had before history entry CHANGE_ID (see `history`)."""
    with store.write() as session:
        change = restoring.restore_value(
            session=session, change_id=change_id, expected_version=expected_version
        )
    click.echo(
        f"{change.kind.capitalize()} #{change.record_id}: {change.field} is "
        f"{_value(change.old_value)} again"
    )


@click.command("trash")
@json_option
@db_option
def trash_command(store: Store, as_json: bool) -> None:
    """List what is in the trash: claims, links, sources and actors."""
    with store.read() as session:
        items = trash.trash_items(session=session)
    if as_json:
        echo_json([item.to_dict() for item in items])
        return
    for item in items:
        when = item.deleted_at.strftime("%Y-%m-%d %H:%M")
        click.echo(f"{item.kind:<7} #{item.id:<6} {when}  {item.label}")
    click.echo(f"{len(items)} item(s) in the trash", err=True)


@click.command("untrash")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("record_ids", type=WHOLE_NUMBER, nargs=-1, required=True)
@db_option
def untrash_command(store: Store, kind: str, record_ids: tuple[int, ...]) -> None:
    """Bring records of KIND back from the trash."""
    with store.write() as session:
        for record_id in record_ids:
            trash.restore_from_trash(session=session, kind=kind, record_id=record_id)
    click.echo(f"Restored {len(record_ids)} {kind}(s) from the trash")


@click.command("analyst")
@click.argument("name", required=False)
def analyst_command(name: str | None) -> None:
    """Show the name written into the history, or set it to NAME ('' for the login name)."""
    if name is not None:
        preferences.set_analyst_name(name)
    click.echo(preferences.analyst_name())


COMMANDS = [
    backup_command,
    backups_command,
    restore_command,
    check_command,
    history_command,
    restore_value_command,
    trash_command,
    untrash_command,
    analyst_command,
]
