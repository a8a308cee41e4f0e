"""Commands on claims: add, edit, link, list, search, show, delete, restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from claimtracker import services
from claimtracker.cli.context import (
    COUNT,
    POSITIVE,
    WHOLE_NUMBER,
    build_filter,
    date_option,
    db_option,
    echo_json,
    filter_options,
    json_option,
)
from claimtracker.cli.output import echo_detail, echo_rows
from claimtracker.errors import ValidationError
from claimtracker.query import ClaimOrder, claim_detail, count_claims, search_rows
from claimtracker.query.explain import highlighter, match_reasons
from claimtracker.query.folding import folding_of
from claimtracker.query.fulltext import to_fts_query
from claimtracker.query.search import SORT_KEYS
from claimtracker.schemas import ActorUpdate, ClaimCreate, ClaimUpdate, LinkCreate
from claimtracker.store import Store
from claimtracker.vocabulary import (
    ACTOR_KINDS,
    ATTRIBUTIONS,
    CONFIDENCES,
    LIKELIHOODS,
    MARKINGS,
    RELATIONS,
    STATUSES,
    parse_rating,
)

F = TypeVar("F", bound=Callable[..., Any])


def claim_field_options(command: F) -> F:
    """Options for every field an analyst sets on a claim (add-claim and edit-claim)."""
    options = [
        click.option("--text", help="The claim as you phrase it (default: the quote)."),
        click.option("--quote", help="The verbatim words in the source."),
        click.option(
            "--source", "source_id", type=WHOLE_NUMBER, help="Id of the source it comes from."
        ),
        click.option(
            "--start", "anchor_start", type=WHOLE_NUMBER, help="Start offset of the passage."
        ),
        click.option("--end", "anchor_end", type=WHOLE_NUMBER, help="End offset of the passage."),
        click.option("--speaker", help="Who asserts it (an actor's name or alias)."),
        click.option(
            "--speaker-kind",
            type=click.Choice(ACTOR_KINDS.codes),
            help="Kind of a speaker that does not exist yet.",
        ),
        click.option("--attribution", type=click.Choice(ATTRIBUTIONS.codes)),
        click.option("--descriptor", help='The attribution as written ("U.S. officials say").'),
        click.option("--sources", "source_count", type=COUNT, help="Number of sources."),
        click.option("--status", type=click.Choice(STATUSES.codes)),
        click.option(
            "--rating",
            help="Admiralty rating, e.g. B2 (the letter rates the speaker, the digit the claim).",
        ),
        click.option("--credibility", type=click.IntRange(1, 6), help="Information credibility."),
        click.option("--likelihood", type=click.Choice(LIKELIHOODS.codes)),
        click.option("--confidence", type=click.Choice(CONFIDENCES.codes)),
        date_option("--said-on", "When it was said.", "said_on"),
        date_option(
            "--reported-on", "When it was reported (default: the source's date).", "reported_on"
        ),
        date_option("--event-on", "The date of the event it is about.", "event_on"),
        click.option("--tag", "tags", multiple=True, help="A tag (repeat for several)."),
        click.option("--notes"),
        click.option(
            "--tlp",
            type=click.Choice([*MARKINGS.codes, ""]),
            help="Marking (TLP 2.0); the claim keeps its source's if that is higher; '' clears.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _claim_values(session: Any, options: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Field values for a claim schema from the options; resolves speaker and rating.

    Returns the values and the reliability letter of the rating (it rates the speaker). A new
    speaker is noted in ``options["created_actor"]``, to be told once the action committed (a
    refused claim creates no actor, and says nothing about one).
    """
    values = {
        k: v
        for k, v in options.items()
        if v is not None and k not in ("speaker", "speaker_kind", "rating", "tags", "created_actor")
    }
    if options.get("tags"):
        values["tags"] = list(options["tags"])
    letter = None
    if options.get("rating"):
        letter, digit = parse_rating(options["rating"])
        if digit is not None:
            values["credibility"] = digit
    if options.get("speaker"):
        actor = services.find_actor(session=session, name=options["speaker"])
        if actor is None:
            actor = services.resolve_actor(
                session=session, name=options["speaker"], kind=options.get("speaker_kind")
            )
            options["created_actor"] = f"Created actor #{actor.id} {actor.name} ({actor.kind})"
        values["speaker_id"] = actor.id
    return values, letter


def _rate_speaker(session: Any, speaker_id: int | None, letter: str | None) -> None:
    if letter is None:
        return
    if speaker_id is None:
        raise ValidationError(
            "The rating's letter rates the speaker: give --speaker, or only the digit",
            field="rating",
        )
    services.update_actor(
        session=session, actor_id=speaker_id, changes=ActorUpdate(reliability=letter)
    )


@click.command("add-claim")
@claim_field_options
@json_option
@db_option
def add_claim(store: Store, as_json: bool, **options: Any) -> None:
    """Add a claim, anchored to its quote in a source.

    \b
    Example:
      claimtracker add-claim --source 1 --quote "new provocations are prepared" \\
          --speaker "Sergei Ryabkov" --attribution on_record --rating B2
    """
    with store.write() as session:
        values, letter = _claim_values(session, options)
        claim = services.create_claim(session=session, claim_in=ClaimCreate(**values))
        _rate_speaker(session, claim.speaker_id, letter)
        claim_id = claim.id
    assert claim_id is not None
    _tell_created_actor(options)
    _report(store, claim_id, as_json, f"Added claim #{claim_id}")


@click.command("edit-claim")
@click.argument("claim_id", type=WHOLE_NUMBER)
@claim_field_options
@click.option(
    "--version",
    "expected_version",
    type=WHOLE_NUMBER,
    help="Refuse the edit if the claim is no longer at this version.",
)
@json_option
@db_option
def edit_claim(
    store: Store, claim_id: int, as_json: bool, expected_version: int | None, **options: Any
) -> None:
    """Change fields of a claim (only the options given; an empty value clears a field)."""
    with store.write() as session:
        values, letter = _claim_values(session, options)
        for field in ("quote", "descriptor", "notes", "tlp"):
            if options.get(field) == "":
                values[field] = None
        claim, changes = services.update_claim(
            session=session,
            claim_id=claim_id,
            changes=ClaimUpdate(**values),
            expected_version=expected_version,
        )
        _rate_speaker(session, claim.speaker_id, letter)
    _tell_created_actor(options)
    message = (
        f"Claim #{claim_id}: changed {', '.join(changes)}"
        if changes
        else f"Claim #{claim_id}: nothing to change"
    )
    _report(store, claim_id, as_json, message)


def _tell_created_actor(options: dict[str, Any]) -> None:
    if options.get("created_actor"):
        click.echo(options["created_actor"], err=True)


def _report(store: Store, claim_id: int, as_json: bool, message: str) -> None:
    with store.raw() as connection:
        detail = claim_detail(connection, claim_id)
    if as_json:
        echo_json(detail.to_dict())
    else:
        click.echo(message, err=True)
        echo_detail(detail)


@click.command("link")
@click.argument("claim_id", type=WHOLE_NUMBER)
@click.argument("counter_id", type=WHOLE_NUMBER)
@click.option(
    "--relation",
    type=click.Choice(RELATIONS.codes),
    default="contradicts",
    show_default=True,
    help="How COUNTER_ID relates to CLAIM_ID.",
)
@click.option("--note", help="Why they are linked.")
@db_option
def link(store: Store, claim_id: int, counter_id: int, relation: str, note: str | None) -> None:
    """Link a claim to its counter-claim: COUNTER_ID <relation> CLAIM_ID.

    For example `link 12 15 --relation denies` records that claim #15 denies claim #12.
    """
    with store.write() as session:
        record, created = services.link_claims(
            session=session,
            link_in=LinkCreate(
                claim_a_id=claim_id, claim_b_id=counter_id, relation=relation, note=note
            ),
        )
    verb = "Linked" if created else "Already linked"
    click.echo(
        f"{verb}: #{counter_id} {RELATIONS.label(relation).lower()} #{claim_id} (link #{record.id})"
    )


@click.command("unlink")
@click.argument("link_id", type=WHOLE_NUMBER)
@db_option
def unlink(store: Store, link_id: int) -> None:
    """Move a link to the trash."""
    with store.write() as session:
        services.delete_link(session=session, link_id=link_id)
    click.echo(f"Link #{link_id} moved to the trash")


@click.command("list")
@filter_options
@click.option(
    "--sort", type=click.Choice(sorted(set(SORT_KEYS) - {"rank"})), default="id", show_default=True
)
@click.option("--desc", is_flag=True, help="Sort in descending order.")
@click.option("--limit", type=POSITIVE, default=200, show_default=True)
@click.option("--offset", type=COUNT, default=0)
@json_option
@db_option
def list_claims(
    store: Store, sort: str, desc: bool, limit: int, offset: int, as_json: bool, **filters: Any
) -> None:
    """List claims, optionally filtered."""
    _print_page(store, "", ClaimOrder(sort, desc), limit, offset, as_json, filters)


@click.command("search")
@click.argument("query")
@filter_options
@click.option("--rank", is_flag=True, help="Order by relevance instead of newest first.")
@click.option("--limit", type=POSITIVE, default=200, show_default=True)
@click.option("--offset", type=COUNT, default=0)
@json_option
@db_option
def search(
    store: Store, query: str, rank: bool, limit: int, offset: int, as_json: bool, **filters: Any
) -> None:
    """Full-text search over claim, quote, descriptor, notes, speaker and source title.

    \b
    QUERY supports words, "exact phrases", prefixes (provoc*), OR, NOT or -word,
    and field:word for claim, quote, descriptor, notes, speaker, source. A word also
    finds its other forms in English and Russian (warns: warned, warning). A claim
    that matched outside its own text says where (e.g. "in the source title").
    """
    if to_fts_query(query) is None:
        raise ValidationError(
            f"The search {query!r} holds no word to look for (quotes, *, - and NOT alone match "
            "nothing); give a word, or use `claimtracker list` for every claim",
            field="query",
        )
    order = ClaimOrder("rank") if rank else ClaimOrder("id", descending=True)
    _print_page(store, query, order, limit, offset, as_json, filters)


def _print_page(
    store: Store,
    text: str,
    order: ClaimOrder,
    limit: int,
    offset: int,
    as_json: bool,
    filters: dict[str, Any],
) -> None:
    claim_filter = build_filter(store, text, **filters)
    with store.raw() as connection:
        rows = search_rows(connection, claim_filter, order, limit=limit, offset=offset)
        reasons = (
            match_reasons(
                connection,
                [row.id for row in rows],
                highlighter(text, folding=folding_of(connection) if rows else None),
            )
            if text
            else {}
        )
        if as_json:
            from claimtracker.query.links import links_of

            echo_json(
                [
                    row.to_dict()
                    | {"links": [lk.to_dict() for lk in links_of(connection, row.id)]}
                    | ({"matched_in": list(reasons.get(row.id, ()))} if text else {})
                    for row in rows
                ]
            )
            return
        total = count_claims(connection, claim_filter)
    echo_rows(rows, total=total, reasons=reasons)


@click.command("show")
@click.argument("claim_id", type=WHOLE_NUMBER)
@json_option
@db_option
def show(store: Store, claim_id: int, as_json: bool) -> None:
    """Everything about one claim: fields, anchor in context, links."""
    with store.raw() as connection:
        detail = claim_detail(connection, claim_id)
    if as_json:
        echo_json(detail.to_dict())
    else:
        echo_detail(detail)


@click.command("delete")
@click.argument("claim_ids", type=WHOLE_NUMBER, nargs=-1, required=True)
@db_option
def delete(store: Store, claim_ids: tuple[int, ...]) -> None:
    """Move claims to the trash (see `restore` and `trash`)."""
    with store.write() as session:
        for claim_id in claim_ids:
            services.delete_claim(session=session, claim_id=claim_id)
    click.echo(f"Moved {len(claim_ids)} claim(s) to the trash")


@click.command("restore-claim")
@click.argument("claim_ids", type=WHOLE_NUMBER, nargs=-1, required=True)
@db_option
def restore_claim(store: Store, claim_ids: tuple[int, ...]) -> None:
    """Bring claims back from the trash."""
    with store.write() as session:
        for claim_id in claim_ids:
            services.restore_claim(session=session, claim_id=claim_id)
    click.echo(f"Restored {len(claim_ids)} claim(s)")


@click.command("empty-trash")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
def empty_trash(store: Store, yes: bool) -> None:
    """Delete what is in the trash for good (see `trash`); the history is kept."""
    from claimtracker.services.trash import empty_trash as empty_whole_trash

    if not yes:
        click.confirm("Delete everything in the trash for good?", abort=True)
    with store.write() as session:
        emptied = empty_whole_trash(session=session)
    click.echo(emptied.describe())


COMMANDS = [
    add_claim,
    edit_claim,
    link,
    unlink,
    list_claims,
    search,
    show,
    delete,
    restore_claim,
    empty_trash,
]
