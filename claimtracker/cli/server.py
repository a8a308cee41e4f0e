"""``claimtracker server …``: set up a team project on a PostgreSQL server and manage its
analysts (issue 11; the roles are in :mod:`claimtracker.server.roles`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from claimtracker.cli.context import AppState, db_option, echo_json, json_option
from claimtracker.errors import UnsupportedDatabaseError
from claimtracker.paths import database_target
from claimtracker.server import analysts as team
from claimtracker.server.roles import GROUP_ROLES, article, login_of, role_of
from claimtracker.server.setup import init_server
from claimtracker.store import Store
from claimtracker.store.dbapi import ServerConnection

ROLE_OPTION = click.option(
    "--role",
    type=click.Choice(GROUP_ROLES),
    required=True,
    help="viewer reads; analyst also writes; lead also sets verified/false, empties the "
    "trash and manages analysts.",
)


@click.group("server")
def server_group() -> None:
    """A team project on a PostgreSQL server: set it up, manage its analysts."""


@server_group.command("init", short_help="Set up a database as a team project.")
@click.argument("url", required=False)
def init_command(url: str | None) -> None:
    """Set up the database at URL as a team project (run as its owner or a superuser).

    Creates the extensions and the schema (or upgrades an older one), the project's three
    group roles and what each may do. Running it again changes nothing but what is missing.
    """
    state = click.get_current_context().find_object(AppState)
    done = init_server(database_target(url or (state.db if state else None)))
    before = done.revision_before or "none"
    schema = (
        f"schema {done.revision_after}"
        if before == done.revision_after
        else f"schema {done.revision_after} (was {before})"
    )
    groups = ", ".join(done.groups)
    fresh = " (created)" if done.created_groups else " (already there)"
    click.echo(f"Team project {done.database!r} is set up: {schema}; roles {groups}{fresh}.")
    click.echo(
        "Add analysts with: claimtracker server add-analyst NAME --role viewer|analyst|lead "
        "--password-prompt --db URL"
    )


@contextmanager
def _on_server(store: Store, *, write: bool = False) -> Iterator[ServerConnection]:
    if store.is_sqlite:
        raise UnsupportedDatabaseError(
            f"{store.display_name} is a project file, which has one owner and no analysts: "
            "roles exist on a team server (see `claimtracker server init --help`)."
        )
    with store.raw(write=write) as connection:
        assert isinstance(connection, ServerConnection)
        yield connection


@server_group.command("add-analyst", short_help="Let an analyst into the project.")
@click.argument("name")
@ROLE_OPTION
@click.option(
    "--password-prompt",
    is_flag=True,
    help="Ask for the new login's password (without it, the login has none: it signs in "
    "only where the server trusts it, or with a password its administrator sets).",
)
@db_option
def add_analyst_command(store: Store, name: str, role: str, password_prompt: bool) -> None:
    """Let NAME into the project as viewer, analyst or lead (leads and the owner only)."""
    password = (
        click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
        if password_prompt
        else None
    )
    with _on_server(store, write=True) as connection:
        team.add_analyst(connection, name, role, password)
    click.echo(f"{name} is now {article(role)} {role} on this project.")


@server_group.command("set-role", short_help="Change an analyst's role.")
@click.argument("name")
@ROLE_OPTION
@db_option
def set_role_command(store: Store, name: str, role: str) -> None:
    """Make the analyst NAME a viewer, analyst or lead (leads and the owner only)."""
    with _on_server(store, write=True) as connection:
        team.set_role(connection, name, role)
    click.echo(f"{name} is now {article(role)} {role} on this project.")


@server_group.command("remove-analyst", short_help="Take an analyst off the project.")
@click.argument("name")
@db_option
def remove_analyst_command(store: Store, name: str) -> None:
    """Take the analyst NAME off the project (leads and the owner only); their history stays."""
    with _on_server(store, write=True) as connection:
        dropped = team.remove_analyst(connection, name)
    gone = (
        "; their login is dropped"
        if dropped
        else "; their login stays (it has another use on this server)"
    )
    click.echo(f"{name} is no longer on this project{gone}.")


@server_group.command("analysts", short_help="List the analysts, and who you are.")
@json_option
@db_option
def analysts_command(store: Store, as_json: bool) -> None:
    """List the project's analysts and their roles, and say who you are."""
    with _on_server(store) as connection:
        people = team.analysts(connection)
        me, my_role = login_of(connection), role_of(connection)
    if as_json:
        echo_json(
            {
                "analysts": [
                    {"name": a.name, "role": a.role, "can_log_in": a.can_log_in} for a in people
                ],
                "you": {"name": me, "role": my_role},
            }
        )
        return
    width = max((len(a.name) for a in people), default=4)
    for person in people:
        note = "" if person.can_log_in else "  (cannot log in)"
        click.echo(f"{person.name:<{width}}  {person.role}{note}")
    click.echo(f"{len(people)} analyst(s); you are {me}, {article(my_role)} {my_role}.", err=True)


COMMANDS = [server_group]
