"""Merging another analyst's project file from the command line: merge, conflicts, resolve,
undo-merge (issue 12)."""

from __future__ import annotations

import click

from claimtracker.cli.context import (
    POSITIVE,
    db_option,
    echo_json,
    json_option,
    progress_bar,
)
from claimtracker.cli.output import echo
from claimtracker.errors import ValidationError
from claimtracker.store import Store


@click.command("merge")
@click.argument("other", metavar="OTHER")
@click.option("--dry-run", is_flag=True, help="Say what the merge would do; change nothing.")
@json_option
@db_option
def merge_command(store: Store, other: str, dry_run: bool, as_json: bool) -> None:
    """Bring in the work of another copy of a project (a project FILE or a server URL), field
    by field; --db may be a server too.

    Fields only the other side changed are taken; fields both changed two ways become
    conflicts (your value stands; see `claimtracker conflicts`). Into a file, a verified
    backup is made first, and `claimtracker undo-merge` takes the whole merge back; a
    server's backups are its administrator's.
    """
    from claimtracker.merging.merge_file import merge_file

    with progress_bar("Merging") as advance:
        summary = merge_file(store, other, dry_run=dry_run, progress=advance)
    if as_json:
        echo_json(summary.to_dict())
        return
    echo(summary.describe())
    if summary.backup and not store.is_sqlite and not dry_run:
        echo(f"Backup: {summary.backup}.")
    if summary.conflicts or summary.alias_offers:
        echo("Settle them with `claimtracker conflicts` and `claimtracker resolve`.")


@click.command("conflicts")
@click.option("--claim", "claim_id", type=POSITIVE, help="Only the conflicts of this claim.")
@json_option
@db_option
def conflicts_command(store: Store, claim_id: int | None, as_json: bool) -> None:
    """List the conflicts merges left to settle (your value stands until then)."""
    from claimtracker.merging.conflicts import open_conflicts

    with store.read() as session:
        found = open_conflicts(
            session=session, kind="claim" if claim_id else None, record_id=claim_id
        )
    if as_json:
        echo_json([conflict.to_dict() for conflict in found])
        return
    if not found:
        echo("No conflicts to settle.")
        return
    for conflict in found:
        echo(conflict.describe())
    echo(
        f"{len(found)} conflict(s). Settle one with `claimtracker resolve N --mine`, "
        "`--theirs` or `--value V`."
    )


@click.command("resolve")
@click.argument("conflict_id", metavar="N", type=POSITIVE)
@click.option("--mine", "how", flag_value="mine", help="Keep your value.")
@click.option("--theirs", "how", flag_value="theirs", help="Take the other side's value.")
@click.option("--value", "value", metavar="V", help="Set a value of your own.")
@json_option
@db_option
def resolve_command(
    store: Store, conflict_id: int, how: str | None, value: str | None, as_json: bool
) -> None:
    """Settle conflict N (as `claimtracker conflicts` numbers them).

    For "In the trash": --theirs moves the record into or out of the trash as the other side
    has it. For "Same actor as": --theirs makes the other side's actor an alias of yours,
    --mine keeps two actors.
    """
    from claimtracker.merging.conflicts import EDIT, resolve_conflict

    if (how is None) == (value is None):
        raise ValidationError("Give one of --mine, --theirs or --value V")
    with store.write() as session:
        changes = resolve_conflict(
            session=session,
            conflict_id=conflict_id,
            how=how or EDIT,
            value=None if value == "" else value,
        )
    if as_json:
        echo_json({"conflict": conflict_id, "settled": how or EDIT, "changes": changes.describe()})
        return
    echo(f"Conflict #{conflict_id} settled ({how or 'edited'}).")


@click.command("undo-merge")
@json_option
@db_option
def undo_merge_command(store: Store, as_json: bool) -> None:
    """Take back the last merge as a whole (refused if what it changed was edited since)."""
    from claimtracker.merging.undo import undo_last_merge

    undone = undo_last_merge(store)
    if as_json:
        echo_json(
            {"run": undone.run_id, "peer": undone.peer_name, "changes": undone.changes.describe()}
        )
        return
    echo(undone.describe())


COMMANDS = [merge_command, conflicts_command, resolve_command, undo_merge_command]
