"""What every command shares: the ``--db`` option, the open store, JSON output, filters."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from claimtracker.errors import NotFoundError
from claimtracker.query import ClaimFilter
from claimtracker.query.filters import DATE_FIELDS
from claimtracker.safety.presence import Presence
from claimtracker.store import Store
from claimtracker.vocabulary import ATTRIBUTIONS, MARKINGS, STATUSES

F = TypeVar("F", bound=Callable[..., Any])


#: The largest whole number SQLite stores: no id or offset can be larger.
SQLITE_MAX_INTEGER = 2**63 - 1


class WholeNumber(click.ParamType):
    """An id, offset or count: a whole number SQLite can hold, from ``smallest`` on.

    A larger one is refused here, in one line, instead of overflowing deep in the driver.
    """

    name = "integer"

    def __init__(self, smallest: int = -SQLITE_MAX_INTEGER - 1) -> None:
        self.smallest = smallest

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not a whole number", param, ctx)
        if number > SQLITE_MAX_INTEGER:
            self.fail(
                f"{number} is too large: no record has it (SQLite keeps whole numbers up to "
                f"{SQLITE_MAX_INTEGER})",
                param,
                ctx,
            )
        if number < self.smallest:
            self.fail(f"{number} is not allowed: the smallest is {self.smallest}", param, ctx)
        return number


#: Record ids, offsets and counts on the command line.
WHOLE_NUMBER = WholeNumber()
COUNT = WholeNumber(0)
POSITIVE = WholeNumber(1)


class AppState:
    """The group's options, and the store opened on first use and closed at exit."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._store: Store | None = None
        self._presence: Presence | None = None

    def store(self, db: str | None = None) -> Store:
        if self._store is None:
            self._store = Store.open(db or self.db)
            if self._store.path is not None:
                from claimtracker.safety.location import location_warning

                warning = location_warning(self._store.path)
                if warning:
                    click.echo(f"claimtracker: warning: {warning}", err=True)
                # An open app window lists this command while it runs (issue 9).
                context = click.get_current_context(silent=True)
                command = (context.info_name or "") if context is not None else ""
                self._presence = Presence.register(self._store.path, "cli", command)
        return self._store

    def close(self) -> None:
        if self._presence is not None:
            self._presence.close()
            self._presence = None
        if self._store is not None:
            self._store.close()
            self._store = None


def db_option(command: F) -> F:
    """``--db PATH_OR_URL`` on a command, passing the opened store as ``store``."""

    @click.option(
        "--db",
        "db",
        metavar="PATH|URL",
        default=None,
        help="Database file or SQLAlchemy URL (default: $CLAIMTRACKER_DB or the user data folder).",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, db: str | None, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(AppState)
        assert state is not None
        return command(*args, store=state.store(db), **kwargs)

    return cast(F, wrapper)


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(
        command
    )


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def parse_day(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2018-08-25", param=param) from None


def date_option(name: str, help_text: str, dest: str | None = None) -> Callable[[F], F]:
    names = (name, dest) if dest else (name,)
    return click.option(*names, metavar="YYYY-MM-DD", callback=parse_day, help=help_text)


def filter_options(command: F | None = None, *, export: bool = False) -> Any:
    """The claim filters shared by list, search and export (exports also take --max-tlp)."""
    if command is None:
        return functools.partial(filter_options, export=export)
    options = [
        click.option("--speaker", multiple=True, help="Only claims by this actor (name or alias)."),
        click.option(
            "--attribution",
            multiple=True,
            type=click.Choice(ATTRIBUTIONS.codes),
            help="Only claims with this attribution.",
        ),
        click.option(
            "--status",
            multiple=True,
            type=click.Choice(STATUSES.codes),
            help="Only claims with this verification status.",
        ),
        click.option("--tag", multiple=True, help="Only claims with this tag."),
        click.option(
            "--source",
            "source_ids",
            multiple=True,
            type=WHOLE_NUMBER,
            help="Only claims from this source id.",
        ),
        date_option("--from", "From this date on (see --date-field).", "date_from"),
        date_option("--to", "Up to this date.", "date_to"),
        click.option(
            "--date-field",
            type=click.Choice(DATE_FIELDS),
            default="reported_on",
            show_default=True,
            help="Which date --from and --to look at.",
        ),
        click.option("--trash", is_flag=True, help="Show the claims in the trash instead."),
    ]
    if export:
        options.append(
            click.option(
                "--max-tlp",
                type=click.Choice(MARKINGS.codes),
                help="Leave out what is marked above this TLP level (a claim or its source).",
            )
        )
    for option in reversed(options):
        command = option(command)
    return command


def build_filter(store: Store, text: str = "", **options: Any) -> ClaimFilter:
    """A :class:`ClaimFilter` from the filter options, resolving speaker names to actors."""
    speaker_ids: list[int] = []
    if options.get("speaker"):
        from claimtracker.services import find_actor

        with store.read() as session:
            for name in options["speaker"]:
                actor = find_actor(session=session, name=name)
                if actor is None or actor.id is None:
                    raise NotFoundError(f"There is no actor called {name!r}")
                speaker_ids.append(actor.id)
    return ClaimFilter(
        text=text,
        speaker_ids=tuple(speaker_ids),
        attributions=tuple(options.get("attribution") or ()),
        statuses=tuple(options.get("status") or ()),
        tags=tuple(options.get("tag") or ()),
        source_ids=tuple(options.get("source_ids") or ()),
        date_from=options.get("date_from"),
        date_to=options.get("date_to"),
        date_field=options.get("date_field") or "reported_on",
        trash="trash" if options.get("trash") else "live",
        max_tlp=options.get("max_tlp"),
    )


def progress_enabled() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], bool]]:
    """A progress bar on standard error (when it is a terminal), as a core progress callback."""
    with click.progressbar(
        length=1, label=label, file=sys.stderr, hidden=not progress_enabled()
    ) as bar:

        def advance(done: int, total: int) -> bool:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)
            return True

        yield advance
