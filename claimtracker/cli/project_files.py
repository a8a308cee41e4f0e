"""``export-project`` and ``import-project``: a whole project as an SQLite file, to and from a
server (see ``claimtracker.store.project_copy``)."""

from __future__ import annotations

from pathlib import Path

import click

from claimtracker.cli.context import db_option, echo_json, json_option
from claimtracker.store import Store


@click.command("export-project")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@db_option
def export_project_command(store: Store, file: Path, as_json: bool) -> None:
    """Write the whole project (a file's or a server's) to a new SQLite project FILE, checked.

    Every record with its id, the history, the trash and the analysts' opinions. A server's own
    backups are its administrator's (pg_dump); this is the project to take away or to move.
    """
    from claimtracker.store.project_copy import export_project

    copied = export_project(store, file)
    if as_json:
        echo_json({"file": str(file), "rows": copied.rows})
        return
    click.echo(copied.describe())


@click.command("import-project")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@db_option
def import_project_command(store: Store, file: Path, as_json: bool) -> None:
    """Fill an empty database (a server's, given by --db URL, or a new file) with the project
    FILE, as it is: the same ids, history and trash."""
    from claimtracker.store.project_copy import import_project

    copied = import_project(store, file)
    if as_json:
        echo_json({"database": copied.target, "rows": copied.rows})
        return
    click.echo(copied.describe())


COMMANDS = [export_project_command, import_project_command]
