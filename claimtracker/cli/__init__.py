"""The ``claimtracker`` command: headless with a subcommand, the desktop app without one."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Sequence

import click

from claimtracker import __version__
from claimtracker.cli import (
    assist,
    claims,
    csv_commands,
    dispute,
    library,
    merge,
    project_files,
    reports,
    safety,
    server,
    sync,
)
from claimtracker.cli.context import AppState
from claimtracker.cli.output import one_line
from claimtracker.errors import ClaimTrackerError

log = logging.getLogger(__name__)

HELP = """Track who asserted what, on what attribution, and who says the opposite.

Run without a command to open the desktop app.
"""


@click.group(help=HELP, invoke_without_command=True, context_settings={"max_content_width": 100})
@click.option(
    "--db",
    metavar="PATH|URL",
    default=None,
    help="Database file or SQLAlchemy URL (default: $CLAIMTRACKER_DB or the user data folder).",
)
@click.version_option(__version__, prog_name="claimtracker")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    state = AppState(db)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        ctx.exit(launch_app(["--db", db] if db else []))


for command in [
    *library.COMMANDS,
    *claims.COMMANDS,
    *csv_commands.COMMANDS,
    *assist.COMMANDS,
    *safety.COMMANDS,
    *merge.COMMANDS,
    *server.COMMANDS,
    *project_files.COMMANDS,
    *sync.COMMANDS,
    *reports.register(csv_commands.export),
    *dispute.register(csv_commands.export),
]:
    cli.add_command(command)


def launch_app(argv: Sequence[str]) -> int:
    """Start the desktop app (the ``ui`` package is loaded by name: the core never imports Qt)."""
    try:
        app = importlib.import_module("ui.app")
    except ImportError as error:
        raise ClaimTrackerError(
            f"The desktop app cannot start ({error}); the command line still works, see --help"
        ) from error
    return int(app.main(list(argv)))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        return launch_app([])
    try:
        result = cli.main(args=args, prog_name="claimtracker", standalone_mode=False)
    except click.exceptions.UsageError as error:
        command = error.ctx.command_path if error.ctx else "claimtracker"
        click.echo(
            f"{command}: error: {one_line(error.format_message())} (`{command} --help` tells more)",
            err=True,
        )
        return error.exit_code
    except click.exceptions.ClickException as error:
        click.echo(f"claimtracker: error: {one_line(error.format_message())}", err=True)
        return error.exit_code
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except click.exceptions.Abort:
        click.echo("claimtracker: aborted", err=True)
        return 1
    except ClaimTrackerError as error:
        click.echo(f"claimtracker: error: {one_line(str(error))}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo(
            "claimtracker: interrupted; nothing of the unfinished action was saved", err=True
        )
        return 130
    except Exception as error:
        if os.environ.get("CLAIMTRACKER_DEBUG"):
            raise
        log.exception("internal error")
        click.echo(
            f"claimtracker: internal error: {type(error).__name__}: {one_line(str(error))} "
            "(a bug: please report it; set CLAIMTRACKER_DEBUG=1 for the traceback)",
            err=True,
        )
        return 2
    return result if isinstance(result, int) else 0
