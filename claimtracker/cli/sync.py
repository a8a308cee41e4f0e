"""A team project offline and back from the command line: checkout and sync (issue 12)."""

from __future__ import annotations

from pathlib import Path

import click

from claimtracker.cli.context import db_option, echo_json, json_option, progress_bar
from claimtracker.cli.output import echo
from claimtracker.store import Store


@click.command("checkout")
@click.argument("url", metavar="URL")
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@json_option
def checkout_command(url: str, file: Path, as_json: bool) -> None:
    """Take a local copy of the team project on the server URL into a new project FILE, to
    work offline; `claimtracker sync --db FILE` exchanges changes with the server later.

    The password is read from ~/.pgpass (or the URL; the file keeps the URL without it).
    """
    from claimtracker.merging.sync import checkout

    with progress_bar("Checking out") as advance:
        done = checkout(url, file, progress=advance)
    if as_json:
        echo_json(
            {
                "url": done.url,
                "file": str(done.path),
                "records": done.verified,
                "can_push": done.can_push,
            }
        )
        return
    echo(done.describe())


@click.command("sync")
@click.argument("url", metavar="[URL]", required=False)
@json_option
@db_option
def sync_command(store: Store, url: str | None, as_json: bool) -> None:
    """Exchange changes with the team server this project file was checked out from (or URL):
    the server's work comes in first, then yours goes up, field by field.

    Fields both sides changed two ways are held as conflicts (see `claimtracker conflicts`);
    each analyst's changes reach the server under their own names and times.
    """
    from claimtracker.merging.sync import sync

    with progress_bar("Syncing") as advance:
        result = sync(store, url, progress=advance)
    if as_json:
        echo_json(result.to_dict())
        return
    for line in result.lines():
        echo(line)
    if result.conflicts:
        echo("Settle the conflicts with `claimtracker conflicts` and `claimtracker resolve`.")


COMMANDS = [checkout_command, sync_command]
