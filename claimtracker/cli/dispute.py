"""``opinion``, ``echoes``, ``independence`` and ``export graphml``: the shape of a dispute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from claimtracker.cli.context import (
    build_filter,
    db_option,
    echo_json,
    filter_options,
    json_option,
    progress_bar,
)
from claimtracker.cli.output import echo
from claimtracker.dispute.echoes import DEFAULT_THRESHOLD
from claimtracker.dispute.opinions import OPINIONS
from claimtracker.errors import ValidationError
from claimtracker.store import Store


def _clip(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("opinion")
@click.argument("claim_id", type=int)
@click.argument("value", required=False, metavar="[" + "|".join(OPINIONS.codes) + "]")
@click.option("--note", help="Why you think so.")
@click.option("--withdraw", is_flag=True, help="Take back your opinion of the claim.")
@json_option
@db_option
def opinion_command(
    store: Store, claim_id: int, value: str | None, note: str | None, withdraw: bool, as_json: bool
) -> None:
    """Record your opinion of claim CLAIM_ID (STIX 2.1 scale), or list everyone's.

    Each analyst has one opinion per claim, recorded under their name (see ``analyst``) and kept
    in the history; giving it again replaces it.
    """
    from claimtracker.dispute.opinion_service import set_opinion, withdraw_opinion
    from claimtracker.dispute.opinions import opinions_of, summary

    if value is not None and withdraw:
        raise click.UsageError("Give an opinion or --withdraw, not both")
    if value is None and note is not None:
        raise click.UsageError("--note goes with an opinion, e.g. 'opinion 12 agree --note …'")
    if value is not None or withdraw:
        with store.write() as session:
            if withdraw:
                withdraw_opinion(session=session, claim_id=claim_id)
            else:
                set_opinion(session=session, claim_id=claim_id, opinion=value or "", note=note)
    with store.raw() as connection:
        if (
            connection.execute(
                "SELECT 1 FROM claim WHERE id = ? AND deleted_at IS NULL", (claim_id,)
            ).fetchone()
            is None
        ):
            from claimtracker.errors import NotFoundError

            raise NotFoundError(f"There is no claim #{claim_id} (or it is in the trash)")
        rows = opinions_of(connection, claim_id)
    if as_json:
        echo_json([row.to_dict() for row in rows])
        return
    echo(f"Claim #{claim_id}: {summary(rows)}")
    for row in rows:
        echo(f"  {row.label:<18} {row.analyst}" + (f" — {row.note}" if row.note else ""))


@click.command("echoes")
@click.option("--claim", "claim_id", type=int, help="Only the echoes of this claim.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="How alike (0–100) two claims must be.",
)
@click.option(
    "--link", "link_them", is_flag=True, help="Link every echo found as 'repeats' (not duplicates)."
)
@click.option(
    "--merge",
    type=(int, int),
    metavar="KEEP DROP",
    help="Merge duplicate DROP into KEEP: its links, tags and opinions move, DROP goes to the "
    "trash.",
)
@json_option
@db_option
def echoes_command(
    store: Store,
    claim_id: int | None,
    threshold: float,
    link_them: bool,
    merge: tuple[int, int] | None,
    as_json: bool,
) -> None:
    """Near-duplicate claims and quotes: echoes across sources, duplicates within one.

    Claims new or changed since the last run are indexed first (with progress on a terminal).
    """
    from claimtracker.dispute.echoes import echoes_of, find_echoes, refresh_index

    if merge is not None:
        _merge(store, *merge, as_json=as_json)
        return
    with store.raw() as connection:
        with progress_bar("Indexing claims") as progress:
            refresh_index(connection, progress=progress)
        if claim_id is not None:
            found = echoes_of(connection, claim_id, threshold=threshold, limit=1000)
        else:
            with progress_bar("Comparing candidates") as progress:
                found = find_echoes(connection, threshold=threshold, progress=progress)
    linked = 0
    if link_them:
        from claimtracker.schemas import LinkCreate
        from claimtracker.services import link_claims

        with store.write() as session:
            for item in found:
                if item.kind == "echo":
                    _, created = link_claims(
                        session=session,
                        link_in=LinkCreate(
                            claim_a_id=item.a.id,
                            claim_b_id=item.b.id,
                            relation="repeats",
                            note=f"echo, {item.score:.0f}% alike ({item.matched})",
                        ),
                    )
                    linked += int(created)
    if as_json:
        echo_json([item.to_dict() for item in found])
    else:
        for item in found:
            echo(f"#{item.a.id} ~ #{item.b.id}  {item.kind:<9} {item.score:5.1f}% ({item.matched})")
            for claim in (item.a, item.b):
                where = claim.outlet or claim.source_title or "no source"
                words = claim.quote if item.matched == "quote" else claim.text
                echo(f"    #{claim.id} [{_clip(where, 30)}] {_clip(words)}")
        echo(f"{len(found)} echo(es) and duplicate(s)", err=True)
    if link_them:
        echo(f"Linked {linked} echo(es) as repeats", err=True)


def _merge(store: Store, keep_id: int, drop_id: int, *, as_json: bool) -> None:
    from claimtracker.dispute.merging import merge_claims

    with store.write() as session:
        merged = merge_claims(session=session, keep_id=keep_id, drop_id=drop_id)
    if as_json:
        echo_json(merged.to_dict())
    else:
        echo(merged.summary())


@click.command("independence")
@click.argument("claim_id", type=int)
@json_option
@db_option
def independence_command(store: Store, claim_id: int, as_json: bool) -> None:
    """The sources behind claim CLAIM_ID and whether they are independent.

    Behind a claim are its own source and those of the claims that support or repeat it. Two
    are not independent when they are the same article, carry the same words, rest on the same
    described anonymous source, share an outlet or outlet family, or one cites the other.
    """
    from claimtracker.dispute.independence import check_independence

    with store.raw() as connection:
        report = check_independence(connection, claim_id)
    if as_json:
        echo_json(report.to_dict())
        return
    echo(report.summary())
    for witness in report.witnesses:
        where = witness.outlet or witness.source_title or "no source"
        echo(
            f"  #{witness.claim_id:<6} {witness.relation:<9} {_clip(where, 30):<30} {_clip(witness.text, 60)}"
        )
    for dependence in report.dependences:
        echo(f"  not independent: {dependence.sentence}")
    if report.warning:
        echo(f"warning: {report.warning}", err=True)


@click.command("graphml")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .graphml file to write.",
)
@click.option("--query", "text", default="", help="Only claims matching this full-text query.")
@click.option(
    "--limit", type=click.IntRange(1), default=None, help="At most this many claims (by id)."
)
@filter_options
@db_option
def export_graphml(store: Store, out: Path, text: str, limit: int | None, **filters: Any) -> None:
    """Export the claim network (claims, typed links) as GraphML for Gephi and yEd."""
    from claimtracker.dispute.graph import claim_network, write_graphml

    if out.suffix.lower() != ".graphml":
        raise ValidationError(f"{out}: the file name should end in .graphml", field="out")
    claim_filter = build_filter(store, text, **filters)
    with store.raw() as connection:
        network = claim_network(connection, claim_filter, limit=limit or 10**9)
    write_graphml(network, out)
    echo(f"Wrote {len(network.nodes)} claim(s) and {len(network.edges)} link(s) to {out}", err=True)


COMMANDS = [opinion_command, echoes_command, independence_command]


def register(export_group: click.Group) -> list[click.Command]:
    """Add ``export graphml`` to the export group; the top-level commands to add."""
    export_group.add_command(export_graphml)
    return COMMANDS
