"""``suggest``: the attribution assistant on an article file or an imported source."""

from __future__ import annotations

from pathlib import Path

import click

from claimtracker.cli.context import db_option, echo_json, json_option, progress_bar
from claimtracker.cli.output import echo
from claimtracker.errors import NotFoundError
from claimtracker.store import Store


def _parse_indices(value: str | None, count: int) -> list[int] | None:
    if value is None:
        return None
    if value == "all":
        return list(range(count))
    try:
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r}: give 'all' or indices like 0,2,5") from None


def _parse_wordings(values: tuple[str, ...]) -> dict[int, str]:
    wordings: dict[int, str] = {}
    for value in values:
        index, sep, text = value.partition("=")
        if not sep or not index.strip().isdigit() or not text.strip():
            raise click.BadParameter(
                f"{value!r}: give the suggestion's index and your wording, e.g. 3='Russia denies it'",
                param_hint="--reword",
            )
        wordings[int(index)] = text
    return wordings


@click.command("suggest")
@click.argument("target")
@click.option(
    "--accept",
    metavar="all|I,J,...",
    help="Accept these suggestions (by index): create the claims, speakers and counter links. "
    "A file is imported first.",
)
@click.option(
    "--reword",
    "rewordings",
    multiple=True,
    metavar="I=TEXT",
    help="With --accept: phrase suggestion I's claim in your own words (the quote stays the "
    "article's). May be given several times.",
)
@json_option
@db_option
def suggest_command(
    store: Store, target: str, accept: str | None, rewordings: tuple[str, ...], as_json: bool
) -> None:
    """Propose the claims of an article: TARGET is a file or the id of an imported source.

    Each suggestion gives the sentence, its quote, offsets, speaker, attribution code, the
    verbatim attribution phrase, the cue, and the suggestions it counters. Offline and
    deterministic. A long text is read in chunks (with a progress bar on a terminal); one of
    more than two million characters is declined.
    """
    from claimtracker.assistant.chunked import suggest_in_chunks

    source_id: int | None = None
    path = Path(target)
    if target.isdigit() and not path.exists():
        source_id = int(target)
        with store.raw() as connection:
            row = connection.execute(
                "SELECT text FROM source WHERE id = ? AND deleted_at IS NULL", (source_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no source #{source_id}")
        text = row[0]
    else:
        from claimtracker.articles import read_article

        article = read_article(path)
        text = article.text
    with progress_bar("Reading") as advance:
        suggestions = suggest_in_chunks(text, advance)
    chosen = _parse_indices(accept, len(suggestions))
    wordings = _parse_wordings(rewordings)
    if wordings and chosen is None:
        raise click.UsageError("--reword needs --accept (which suggestions to make claims)")
    if chosen is not None:
        from claimtracker.services import import_article
        from claimtracker.services.suggestions import accept_suggestions

        with store.write() as session:
            if source_id is None:
                source, _ = import_article(session=session, article=article, origin=path)
                assert source.id is not None
                source_id = source.id
            result = accept_suggestions(
                session=session,
                source_id=source_id,
                suggestions=suggestions,
                accepted=chosen,
                wordings=wordings,
            )
        message = (
            f"Source #{source_id}: {result.created} claim(s) created, {result.links} link(s), "
            f"{len(result.new_actors)} new actor(s)"
        )
        if as_json:
            echo_json(
                {
                    "source_id": source_id,
                    "claims": result.claims,
                    "created": result.created,
                    "links": result.links,
                    "new_actors": result.new_actors,
                }
            )
        else:
            echo(message)
        return
    if as_json:
        echo_json([s.to_dict() for s in suggestions])
        return
    for index, item in enumerate(suggestions):
        speaker = item.speaker or "(unattributed)"
        counters = f"  counters {', '.join(map(str, item.counter_to))}" if item.counter_to else ""
        echo(f"[{index}] {item.attribution:<18} {speaker}{counters}")
        echo(f"     {' '.join(item.text.split())}")
        if item.descriptor:
            echo(f"     attribution: {item.descriptor}")


COMMANDS = [suggest_command]
