"""Commands on the library: init, articles and sources, actors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from claimtracker import services
from claimtracker.cli.context import (
    WHOLE_NUMBER,
    date_option,
    db_option,
    echo_json,
    json_option,
    progress_enabled,
)
from claimtracker.cli.output import echo, one_line
from claimtracker.errors import ClaimTrackerError, NotFoundError
from claimtracker.query.library import actor_summaries, source_summaries
from claimtracker.schemas import ActorUpdate, SourceUpdate
from claimtracker.store import Store
from claimtracker.vocabulary import ACTOR_KINDS, MARKINGS, RELIABILITY


@click.command("init")
@click.option("--sample", is_flag=True, help="Fill it with the sample project.")
@db_option
def init(store: Store, sample: bool) -> None:
    """Create the database (or upgrade it) and optionally load the sample project."""
    if sample:
        from claimtracker.sample import build_sample

        summary = build_sample(store)
        echo(
            f"Sample project in {store.display_name}: {summary.claims} claims, "
            f"{summary.links} links, source #{summary.source_id}"
        )
    else:
        echo(f"Database ready: {store.display_name}")


@click.command("import-article")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--encoding", help="Read text files in this encoding (e.g. cp1251) instead of detecting it."
)
@click.option(
    "--replace",
    "replaces",
    type=WHOLE_NUMBER,
    metavar="SOURCE_ID",
    help="The file is a corrected version of this source: replace its text, re-anchor its claims.",
)
@click.option(
    "--as-new", is_flag=True, help="Never treat a file as a corrected version of a known article."
)
@json_option
@db_option
def import_article(
    store: Store,
    files: tuple[Path, ...],
    encoding: str | None,
    replaces: int | None,
    as_new: bool,
    as_json: bool,
) -> None:
    """Import articles (text, Markdown, saved web pages, PDF), kept verbatim.

    The same text imported twice is one source. A different text at the URL of a known
    article is its corrected version: the text is replaced and the claims re-anchored (those
    that cannot be found again with confidence are listed as orphans to place by hand). A file
    that cannot be read is reported and the others are still imported.
    """
    from claimtracker.articles import read_article
    from claimtracker.services.revisions import import_article_version

    if replaces is not None and len(files) != 1:
        raise click.UsageError("--replace takes exactly one file")
    backed_up = store.path is None
    results: list[dict[str, Any]] = []
    with click.progressbar(
        files, label="Importing", file=sys.stderr, hidden=not progress_enabled() or len(files) < 3
    ) as bar:
        for path in bar:
            try:
                article = read_article(path, encoding=encoding)
                if not backed_up:  # before the first change, if anything changed since the last
                    backed_up = _back_up_before_import(store)
                with store.write() as session:
                    done = import_article_version(
                        session=session,
                        article=article,
                        origin=path,
                        replaces=replaces,
                        as_new=as_new,
                    )
                    source = done.source
                    results.append(
                        {
                            "file": str(path),
                            "source_id": source.id,
                            "created": done.outcome == "new",
                            "outcome": done.outcome,
                            "title": source.title,
                            "format": source.format,
                            "language": source.language,
                            "characters": len(source.text),
                            "reanchored": dict(done.report.placed) if done.report else {},
                            "orphans": dict(done.report.orphans) if done.report else {},
                        }
                    )
            except ClaimTrackerError as error:
                results.append({"file": str(path), "error": str(error)})
                if not as_json:
                    echo(f"claimtracker: error: {one_line(str(error))}", err=True)
    if as_json:
        echo_json(results)
    else:
        verbs = {"new": "Imported", "same": "Already imported", "corrected": "Corrected"}
        for item in results:
            if "error" in item:
                continue
            echo(
                f"{verbs[item['outcome']]}: source #{item['source_id']} {item['title']!r} "
                f"({item['format']}, {item['language'] or 'language unknown'}, "
                f"{item['characters']:,} characters)"
            )
            if item["outcome"] == "corrected":
                echo(f"  {len(item['reanchored'])} claim(s) re-anchored")
                for claim_id, reason in item["orphans"].items():
                    echo(f"  claim #{claim_id} is an orphan: {reason}; place it by hand")
    if any("error" in item for item in results):
        raise click.exceptions.Exit(1)


def _back_up_before_import(store: Store) -> bool:
    from claimtracker.safety.backup import backup_if_changed

    assert store.path is not None
    made = backup_if_changed(store.path, reason="before-import")
    if made is not None:
        echo(f"Backed up the database first: {made.name}", err=True)
    return True


@click.command("sources")
@json_option
@db_option
def sources(store: Store, as_json: bool) -> None:
    """List the sources with their claim counts."""
    with store.raw() as connection:
        summaries = source_summaries(connection)
    if as_json:
        echo_json([s.to_dict() for s in summaries])
        return
    for s in summaries:
        outlet = f" — {s.outlet}" if s.outlet else ""
        day = f" ({s.published_on})" if s.published_on else ""
        echo(f"#{s.id:<5} {s.claims:>6} claims  {s.title}{outlet}{day}")


@click.command("show-source")
@click.argument("source_id", type=WHOLE_NUMBER)
@click.option("--text", "with_text", is_flag=True, help="Print the stored text too.")
@json_option
@db_option
def show_source(store: Store, source_id: int, with_text: bool, as_json: bool) -> None:
    """A source's metadata (and with --text, its verbatim text)."""
    with store.raw() as connection:
        summary = next((s for s in source_summaries(connection, ids=[source_id])), None)
        if summary is None:
            raise NotFoundError(f"There is no source #{source_id}")
        text = connection.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()[
            0
        ]
    if as_json:
        echo_json(summary.to_dict() | ({"text": text} if with_text else {}))
        return
    for label, value in summary.to_dict().items():
        if value not in (None, ""):
            echo(f"  {label + ':':<14}{value}")
    if with_text:
        echo()
        echo(text)


@click.command("edit-source")
@click.argument("source_id", type=WHOLE_NUMBER)
@click.option("--title")
@click.option("--outlet", help="The outlet's name (an actor; created if new).")
@click.option("--byline")
@click.option("--url")
@date_option("--published-on", "Publication date.", "published_on")
@click.option("--language", help="ISO 639-1 code, e.g. en, ru.")
@click.option(
    "--tlp",
    type=click.Choice([*MARKINGS.codes, ""]),
    help="Marking (TLP 2.0) of the source, which its claims inherit; '' clears.",
)
@db_option
def edit_source(store: Store, source_id: int, outlet: str | None, **options: Any) -> None:
    """Correct a source's metadata (its text never changes)."""
    values = {k: v for k, v in options.items() if v is not None}
    if values.get("tlp") == "":
        values["tlp"] = None
    with store.write() as session:
        if outlet:
            values["outlet_id"] = services.resolve_actor(
                session=session, name=outlet, kind="media_outlet"
            ).id
        _, changes = services.update_source(
            session=session, source_id=source_id, changes=SourceUpdate(**values)
        )
    echo(f"Source #{source_id}: changed {', '.join(changes) or 'nothing'}")


@click.command("actors")
@json_option
@db_option
def actors(store: Store, as_json: bool) -> None:
    """List the actors with their kinds, reliability and claim counts."""
    with store.raw() as connection:
        summaries = actor_summaries(connection)
    if as_json:
        echo_json([a.to_dict() for a in summaries])
        return
    for a in summaries:
        aliases = f"  (also: {', '.join(a.aliases)})" if a.aliases else ""
        echo(
            f"#{a.id:<5} {a.claims:>6} claims  {a.reliability or '-'}  {a.name} [{a.kind}]{aliases}"
        )


@click.command("edit-actor")
@click.argument("actor_id", type=WHOLE_NUMBER)
@click.option("--name")
@click.option("--kind", type=click.Choice(ACTOR_KINDS.codes))
@click.option("--affiliation")
@click.option("--country")
@click.option(
    "--reliability", type=click.Choice(RELIABILITY.codes), help="Admiralty source reliability."
)
@click.option("--alias", "aliases", multiple=True, help="Another name to find this actor by.")
@click.option("--notes")
@db_option
def edit_actor(store: Store, actor_id: int, aliases: tuple[str, ...], **options: Any) -> None:
    """Correct an actor, rate their reliability, add aliases."""
    values = {k: v for k, v in options.items() if v is not None}
    with store.write() as session:
        _, changes = services.update_actor(
            session=session, actor_id=actor_id, changes=ActorUpdate(**values)
        )
        for alias in aliases:
            services.add_alias(session=session, actor_id=actor_id, alias=alias)
    changed = [*changes, *(["aliases"] if aliases else [])]
    echo(f"Actor #{actor_id}: changed {', '.join(changed) or 'nothing'}")


COMMANDS = [init, import_article, sources, show_source, edit_source, actors, edit_actor]
