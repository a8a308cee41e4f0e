"""Importing claims from CSV: our own reports and other tools' files, all or nothing.

One pass over the file inside one write transaction, through the bulk path. A row whose uuid is
known updates that claim (only the columns the file has, and only if something differs); other
rows create claims. Rows without a uuid get one derived from their content, so importing the
same file twice never duplicates. Speakers, sources and tags are matched to existing ones or
created. If any row is bad, the transaction is rolled back and the error lists the problems
with their line and column: nothing from the file is saved.

On a server, each batch of new claims (with the speakers and sources they name, whose ids are
drawn from their sequences) is written on a helper thread while the next batch is read and
checked (``csvio.background``), and stored by one statement that computes the claims' search
documents together (``bulk.insert_claims``); the words of the claims' own fields, most of that
work, are computed beforehand on a second connection while the batch before is stored
(``csvio.words_ahead``).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from claimtracker import bulk, fields
from claimtracker.csvio.background import BackgroundWrites
from claimtracker.csvio.convert import ParsedRow, RowParser, link_reading
from claimtracker.csvio.mapping import (
    ColumnMapping,
    build_mapping,
    parse_overrides,
    parse_value_maps,
)
from claimtracker.csvio.reading import CsvShape, records, shape_of
from claimtracker.csvio.words_ahead import WordsAhead, words_ahead
from claimtracker.errors import ClaimTrackerError, CsvImportError
from claimtracker.journal.changes import ChangeSet, read_changes, sqlite_execute
from claimtracker.journal.deferred import journal_turn
from claimtracker.journal.entries import BulkJournal
from claimtracker.models import new_uuid
from claimtracker.query.chunks import MARKS, select_in
from claimtracker.services.claims import normalise_tags
from claimtracker.store import Store
from claimtracker.store.dbapi import (
    SQLITE,
    DbConnection,
    char,
    dialect_of,
    group_concat,
    insert_ignoring,
)
from claimtracker.vocabulary import SYMMETRIC_RELATIONS, marking_rank

#: progress(rows done, lines in the file) → False to cancel.
Progress = Callable[[int, int], bool]

BATCH = 5000
MAX_REPORTED_PROBLEMS = 50
PREVIEW_ROWS = 5
_ROW_NAMESPACE = uuid_module.UUID("0e6f8f1e-0a3c-4b8e-9a55-3c2d6a1f9b21")

_CLAIM_FIELDS = fields.CLAIM_CSV_COLUMNS
_UPDATABLE = (*_CLAIM_FIELDS.values(), "speaker_id", "source_id")


class ImportCancelled(ClaimTrackerError):
    """The user cancelled a CSV import; nothing from the file was saved."""


@dataclass(frozen=True)
class CsvImportOptions:
    encoding: str | None = None
    delimiter: str | None = None
    has_header: bool | None = None
    mapping: tuple[str, ...] = ()
    #: "csv" or "none" (default: detected; a tab-separated file reads quotes as text).
    quoting: str | None = None
    #: ``FIELD:VALUE=REPLACEMENT`` items: read VALUE in FIELD's column as REPLACEMENT.
    values: tuple[str, ...] = ()


@dataclass
class ImportSummary:
    path: Path
    shape: CsvShape
    mapping: ColumnMapping
    has_header: bool
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_actors: list[str] = field(default_factory=list)
    new_sources: int = 0
    links: int = 0
    #: Rows that repeat a claim of an earlier row (same words, same speaker, same source):
    #: one claim seen again, its context kept.
    repeated: int = 0
    warnings: list[str] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    #: What the import wrote, read from the journal in its transaction (empty for a dry run).
    changes: ChangeSet = field(default_factory=ChangeSet)
    #: Tags the import created (tags have no history of their own; an undo removes these).
    new_tag_ids: list[int] = field(default_factory=list)

    @property
    def created_claims(self) -> list[int]:
        """The ids of the claims the import created, in order."""
        return sorted(self.changes.created_ids("claim"))

    def describe(self) -> str:
        verb = "Would import" if self.dry_run else "Imported"
        repeated = f", {self.repeated} repeated rows merged" if self.repeated else ""
        return (
            f"{verb} {self.rows} rows from {self.path.name}: {self.created} new claims, "
            f"{self.updated} updated, {self.unchanged} unchanged, {len(self.new_actors)} new actors, "
            f"{self.new_sources} new sources, {self.links} new links{repeated}"
        )


def _derived_uuid(row: ParsedRow) -> str:
    key = "\x1f".join(
        str(row.values.get(f, "")) for f in ("claim", "quote", "speaker", "source_title", "url")
    )
    return str(uuid_module.uuid5(_ROW_NAMESPACE, key))


def _row_uuid(row: ParsedRow) -> str:
    """The claim a row stands for: its uuid, else one derived from the dataset's own row id,
    else one derived from its content (so a file imported again never duplicates)."""
    if row.values.get("uuid"):
        return str(row.values["uuid"])
    if row.values.get("external_id"):
        return str(uuid_module.uuid5(_ROW_NAMESPACE, f"external_id\x1f{row.values['external_id']}"))
    return _derived_uuid(row)


def _with_context(notes: object, context: str) -> str:
    line = f"Context: {context}"
    return f"{notes}\n{line}" if notes else line


#: Columns of the actors and sources an import creates (the server's are written by COPY).
_ACTOR_COLUMNS = (
    "id",
    "name",
    "kind",
    "reliability",
    "affiliation",
    "uuid",
    "created_at",
    "updated_at",
    "version",
)
_SOURCE_COLUMNS = (
    "id",
    "title",
    "outlet_id",
    "url",
    "published_on",
    "format",
    "text",
    "sha256",
    "uuid",
    "created_at",
    "updated_at",
    "version",
)
#: How many ids a server import draws from a sequence at once for the records it creates.
_ID_BLOCK = 1000


class _Resolver:
    """Finds or creates actors and sources by name, with caches for the whole import.

    On a file a new actor or source is inserted at once (a statement costs microseconds in
    the process). On a server each would be a round trip: its id is drawn from the table's
    sequence (a thousand at a time) and the row waits in :attr:`pending` until
    :meth:`take_pending` hands it to the batch of claims that name it.
    """

    def __init__(
        self,
        connection: DbConnection,
        summary: ImportSummary,
        dry_run: bool,
        journal: BulkJournal | None,
        writes: BackgroundWrites,
    ):
        self.connection = connection
        self.summary = summary
        self.dry_run = dry_run
        self.journal = journal
        self.writes = writes
        self.now = bulk.timestamp()
        self.on_server = dialect_of(connection) != SQLITE
        self.is_not = "IS DISTINCT FROM" if self.on_server else "IS NOT"
        self.actors: dict[str, int] = {}
        for actor_id, name in connection.execute(
            "SELECT id, name FROM actor UNION ALL SELECT actor_id, alias FROM actor_alias"
        ):
            self.actors.setdefault(name.casefold(), actor_id)
        self.reliability: dict[int, str | None] = dict(
            connection.execute("SELECT id, reliability FROM actor")
        )
        self.reliability_set: dict[int, str] = {}
        self.sources_by_uuid: dict[str, int] = {}
        self.sources_by_url: dict[str, int] = {}
        self.sources_by_title: dict[str, int] = {}
        #: A source's text, once looked up (only sources that have one are looked up).
        self.source_texts: dict[int, str | None] = {}
        self.source_markings: dict[int, str | None] = {}
        self.sources_with_text: set[int] = set()
        for source_id, source_uuid, url, title, marking, has_text in connection.execute(
            "SELECT id, uuid, url, title, tlp, CASE WHEN text <> '' THEN 1 ELSE 0 END"
            " FROM source WHERE deleted_at IS NULL ORDER BY id"
        ):
            self.sources_by_uuid[source_uuid] = source_id
            if url:
                self.sources_by_url.setdefault(url, source_id)
            if title:
                self.sources_by_title.setdefault(title.casefold(), source_id)
            self.source_markings[source_id] = marking or None
            if has_text:
                self.sources_with_text.add(source_id)
        #: Rows of new actors and sources not yet written (server only), by id.
        self.pending: dict[str, dict[int, list[object]]] = {"actor": {}, "source": {}}
        self._free_ids: dict[str, list[int]] = {"actor": [], "source": []}
        self._fake_ids = -1

    def _fake_id(self) -> int:
        self._fake_ids -= 1
        return self._fake_ids

    def _new_id(self, kind: str) -> int:
        """An id for a new record of ``kind`` from its sequence (server only)."""
        free = self._free_ids[kind]
        if not free:
            free.extend(
                row[0]
                for row in self.connection.execute(
                    "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
                    (kind, _ID_BLOCK),
                )
            )
            free.reverse()
        return free.pop()

    def _create(self, kind: str, columns: tuple[str, ...], values: list[object]) -> int:
        """Insert a new actor or source (``values`` for ``columns`` after the id); its id."""
        if self.on_server:
            record_id = self._new_id(kind)
            self.pending[kind][record_id] = [record_id, *values]
            return record_id
        names = ", ".join(columns[1:])
        marks = ", ".join("?" for _ in columns[1:])
        return int(
            self.connection.execute(
                f"INSERT INTO {kind} ({names}) VALUES ({marks}) RETURNING id", values
            ).fetchone()[0]
        )

    def take_pending(self) -> Callable[[], None]:
        """The writes of the actors and sources created since the last call (server only),
        to run before the claims that name them."""
        taken = [
            (kind, columns, list(self.pending[kind].values()))
            for kind, columns in (("actor", _ACTOR_COLUMNS), ("source", _SOURCE_COLUMNS))
        ]
        for rows in self.pending.values():
            rows.clear()

        def write() -> None:
            for kind, columns, rows in taken:
                if rows:
                    bulk.insert_rows(self.connection, kind, columns, rows)

        return write

    def actor(
        self,
        name: str,
        kind: str | None,
        reliability: str | None,
        line: int,
        affiliation: str | None = None,
    ) -> int:
        key = name.casefold()
        actor_id = self.actors.get(key)
        if actor_id is None:
            self.summary.new_actors.append(name)
            if self.dry_run:
                actor_id = self._fake_id()
            else:
                actor_id = self._create(
                    "actor",
                    _ACTOR_COLUMNS,
                    [
                        name,
                        kind or "unknown",
                        reliability,
                        affiliation,
                        new_uuid(),
                        self.now,
                        self.now,
                        1,
                    ],
                )
            self.actors[key] = actor_id
            self.reliability[actor_id] = reliability
            if reliability:
                self.reliability_set[actor_id] = reliability
        elif reliability:
            earlier = self.reliability_set.get(actor_id)
            if earlier and earlier != reliability:
                self.summary.warnings.append(
                    f"line {line}: {name} rated {reliability} here but {earlier} earlier; "
                    f"keeping {reliability}"
                )
            self.reliability_set[actor_id] = reliability
            if not self.dry_run and self.reliability.get(actor_id) != reliability:
                self._rate(actor_id, reliability)
        return actor_id

    def _rate(self, actor_id: int, reliability: str) -> None:
        pending = self.pending["actor"].get(actor_id)
        if pending is not None:  # created by this import: its created entry says it all
            pending[_ACTOR_COLUMNS.index("reliability")] = reliability
        else:
            self.writes.wait()  # the actor may be in the batch being written
            if self.on_server:  # a colleague may have rated it since the import began
                row = self.connection.execute(
                    "SELECT reliability FROM actor WHERE id = ? FOR NO KEY UPDATE", (actor_id,)
                ).fetchone()
                self.reliability[actor_id] = row[0] if row else None
            if self.journal is not None and self.reliability.get(actor_id) != reliability:
                self.journal.changed(
                    "actor",
                    actor_id,
                    {"reliability": (self.reliability.get(actor_id), reliability)},
                )
            self.connection.execute(
                "UPDATE actor SET reliability = ?, updated_at = ?, version = version + 1"
                f" WHERE id = ? AND reliability {self.is_not} ?",
                (reliability, self.now, actor_id, reliability),
            )
        self.reliability[actor_id] = reliability

    def source(self, values: dict[str, object], line: int) -> int | None:
        source_uuid = values.get("source_uuid")
        url = values.get("url")
        title = values.get("source_title")
        found = (
            (self.sources_by_uuid.get(str(source_uuid)) if source_uuid else None)
            or (self.sources_by_url.get(str(url)) if url else None)
            or (self.sources_by_title.get(str(title).casefold()) if title else None)
        )
        if found is not None:
            return found
        if not (source_uuid or url or title):
            return None
        outlet = values.get("outlet")
        outlet_id = self.actor(str(outlet), "media_outlet", None, line) if outlet else None
        self.summary.new_sources += 1
        if self.dry_run:
            source_id = self._fake_id()
        else:
            source_id = self._create(
                "source",
                _SOURCE_COLUMNS,
                [
                    title or "",
                    outlet_id if outlet_id and outlet_id > 0 else None,
                    url,
                    values.get("published_on"),
                    "text",
                    "",
                    None,
                    str(source_uuid) if source_uuid else new_uuid(),
                    self.now,
                    self.now,
                    1,
                ],
            )
        self.source_markings[source_id] = None  # a new source has no marking and no text
        if source_uuid:
            self.sources_by_uuid[str(source_uuid)] = source_id
        if url:
            self.sources_by_url[str(url)] = source_id
        if title:
            self.sources_by_title[str(title).casefold()] = source_id
        return source_id

    def source_marking(self, source_id: int) -> str | None:
        return self.source_markings.get(source_id)

    def source_text(self, source_id: int) -> str | None:
        """A source's text (looked up once per import), None when it has none."""
        if source_id not in self.sources_with_text:
            return None
        if source_id not in self.source_texts:
            row = self.connection.execute(
                "SELECT text FROM source WHERE id = ?", (source_id,)
            ).fetchone()
            self.source_texts[source_id] = row[0] if row and row[0] else None
        return self.source_texts[source_id]


def _anchor(row: ParsedRow, claim: dict[str, object], text: str | None) -> str | None:
    """Check or find the anchor in the source text; returns a problem or None."""
    if text is None:
        return None
    start, end = claim.get("anchor_start"), claim.get("anchor_end")
    quote = claim.get("quote")
    if isinstance(start, int) and isinstance(end, int):
        if not 0 <= start < end <= len(text):
            return f"the anchor {start}–{end} is outside the source text (0–{len(text)})"
        exact = text[start:end]
        given = claim.get("anchor_exact")
        if (given and given != exact) or (quote and str(quote) not in exact):
            return f"the anchor {start}–{end} does not hold the quote in the source text"
        claim["anchor_exact"] = exact
        claim.setdefault("anchor_prefix", text[max(0, start - 32) : start])
        claim.setdefault("anchor_suffix", text[end : end + 32])
        claim["anchor_status"] = "ok"
    elif quote and text.count(str(quote)) == 1:
        start = text.index(str(quote))
        end = start + len(str(quote))
        claim.update(
            anchor_start=start,
            anchor_end=end,
            anchor_exact=str(quote),
            anchor_prefix=text[max(0, start - 32) : start],
            anchor_suffix=text[end : end + 32],
            anchor_status="ok",
        )
    return None


def _claim_values(
    row: ParsedRow,
    resolver: _Resolver,
    rating_rates_speaker: bool,
    claim_fields: list[tuple[str, str]],
) -> dict[str, object]:
    """The claim's column values from a row; ``claim_fields`` are the (field, column) pairs of
    :data:`_CLAIM_FIELDS` the file's mapping fills."""
    values = row.values
    claim: dict[str, object] = {
        column: values[name] for name, column in claim_fields if name in values
    }
    if values.get("context"):
        claim["notes"] = _with_context(claim.get("notes"), str(values["context"]))
    if "rating" in values:
        letter, digit = cast("tuple[str | None, int | None]", values["rating"])
        if digit is not None and "credibility" not in values:
            claim["credibility"] = digit
        if rating_rates_speaker and letter:
            # The letter rates the speaker; our own reports carry it in speaker_reliability.
            values.setdefault("speaker_reliability", letter)
    if "speaker" in values:
        claim["speaker_id"] = resolver.actor(
            str(values["speaker"]),
            values.get("speaker_kind"),  # type: ignore[arg-type]
            values.get("speaker_reliability"),  # type: ignore[arg-type]
            row.line,
            values.get("speaker_affiliation"),  # type: ignore[arg-type]
        )
    source_id = resolver.source(values, row.line)
    if source_id is not None:
        claim["source_id"] = source_id
        if "tlp" in claim and marking_rank(claim["tlp"]) <= marking_rank(  # type: ignore[arg-type]
            resolver.source_marking(source_id)
        ):
            # Our reports give the marking in force; what the source already imposes is not
            # the claim's own, and stays the source's (a round trip changes nothing).
            claim["tlp"] = None
        problem = _anchor(row, claim, resolver.source_text(source_id))
        if problem:
            row.problems.append(("anchor_start", problem))
    return claim


@dataclass(frozen=True, slots=True)
class _Stored:
    """A claim already in the database, as the importer compares it."""

    id: int
    values: dict[str, object]
    tags: list[str]


class _Writer:
    """Buffers parsed rows and writes them in batches (inserts and changed updates)."""

    def __init__(
        self,
        connection: DbConnection,
        summary: ImportSummary,
        dry_run: bool,
        journal: BulkJournal | None,
        problems: list[tuple[int, str, str]],
        resolver: _Resolver,
        writes: BackgroundWrites,
        ahead: WordsAhead | None = None,
    ):
        self.connection = connection
        self.resolver = resolver
        self.writes = writes
        #: Computes the new claims' own words on a second connection (server imports).
        self.ahead = ahead
        #: Created claims with tags: tagged at the end, all together (uuid, tags).
        self.tagged: list[tuple[str, list[str]]] = []
        self.summary = summary
        self.dry_run = dry_run
        self.journal = journal
        #: The import's problem list: a row is known to be bad only once its batch is looked up.
        self.problems = problems
        self.pending: list[tuple[str, dict[str, object], list[str] | None]] = []
        self.pending_lines: dict[str, int] = {}
        #: The claims of the batch being gathered, by uuid (repeated rows merge into them).
        self.pending_claims: dict[str, dict[str, object]] = {}
        #: Contexts of repeated rows whose claim was already written: added at the end.
        self.late_contexts: list[tuple[str, str]] = []
        #: content-derived uuid → the uuid of the claim first seen with that content
        self.by_content: dict[str, str] = {}
        self.links: list[tuple[str, str, str, int]] = []
        self.seen_uuids: set[str] = set()
        self.tag_ids: dict[str, int] = {}
        self.now = bulk.timestamp()
        self.dialect = dialect_of(connection)
        #: How a claim about to change is read on a server: locked (``journal.deferred``).
        self.row_lock = " FOR NO KEY UPDATE" if self.dialect != SQLITE and not dry_run else ""
        self.first_new_id = bulk.last_claim_id(connection)
        given = {"attribution": "unknown", "status": "unstarted", "version": 1}
        given |= {"created_at": self.now, "updated_at": self.now}
        #: A new claim's row (:data:`bulk.CLAIM_COLUMNS`) before its values are filled in.
        self.template = [given.get(column) for column in bulk.CLAIM_COLUMNS]
        self.position = {column: index for index, column in enumerate(bulk.CLAIM_COLUMNS)}

    def add(
        self, claim_uuid: str, claim: dict[str, object], tags: list[str] | None, line: int
    ) -> None:
        self.pending.append((claim_uuid, claim, tags))
        self.pending_lines[claim_uuid] = line
        self.pending_claims[claim_uuid] = claim
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        lines, self.pending_lines = self.pending_lines, {}
        self.pending_claims = {}
        # Started before waiting: computed while the batch before is being stored.
        words = (
            None
            if self.ahead is None or self.dry_run
            else self.ahead.submit([(claim_uuid, claim) for claim_uuid, claim, _ in batch])
        )
        self.writes.wait()  # a failed batch says so before anything else is asked
        existing = self._existing({u for u, _, _ in batch})
        inserts: list[tuple[str, dict[str, object], list[str] | None]] = []
        updates: list[tuple[int, dict[str, object], list[str] | None]] = []
        for claim_uuid, claim, tags in batch:
            if claim_uuid in existing:
                current = existing[claim_uuid]
                changed = {k: v for k, v in claim.items() if current.values.get(k) != v}
                tags_changed = tags is not None and [t.casefold() for t in tags] != [
                    t.casefold() for t in current.tags
                ]
                if changed or tags_changed:
                    updates.append((current.id, changed, tags if tags_changed else None))
                    if self.journal is not None:
                        self.journal.changed(
                            "claim",
                            current.id,
                            {k: (current.values.get(k), v) for k, v in changed.items()}
                            | ({"tags": (current.tags, tags)} if tags_changed else {}),
                        )
                else:
                    self.summary.unchanged += 1
            elif not claim.get("text"):
                self.problems.append(
                    (
                        lines[claim_uuid],
                        "claim",
                        f"the claim and its quote are both empty, and there is no claim "
                        f"{claim_uuid} to update",
                    )
                )
            else:
                inserts.append((claim_uuid, claim, tags))
        self.summary.created += len(inserts)
        self.summary.updated += len(updates)
        if self.dry_run:
            return
        self._insert(inserts, words)  # with the speakers and sources these claims name
        if updates:
            self.writes.wait()
            self._update(updates)

    def repeat(self, claim_uuid: str, context: object) -> None:
        """A later row holds the claim ``claim_uuid`` again: keep its context."""
        self.summary.repeated += 1
        if not context:
            return
        claim = self.pending_claims.get(claim_uuid)
        if claim is not None:
            if f"Context: {context}" not in str(claim.get("notes") or "").splitlines():
                claim["notes"] = _with_context(claim.get("notes"), str(context))
        else:
            self.late_contexts.append((claim_uuid, str(context)))

    def write_late_contexts(self) -> None:
        if self.dry_run or not self.late_contexts:
            return
        ids = dict(
            select_in(
                self.connection,
                f"SELECT uuid, id FROM claim WHERE uuid IN ({MARKS})",
                {claim_uuid for claim_uuid, _ in self.late_contexts},
            )
        )
        with bulk.claims_reindexed(self.connection, ids.values()):
            for claim_uuid, context in self.late_contexts:
                notes = self.connection.execute(
                    f"SELECT notes FROM claim WHERE id = ?{self.row_lock}", (ids[claim_uuid],)
                ).fetchone()[0]
                if f"Context: {context}" in (notes or "").splitlines():
                    continue
                if self.journal is not None:
                    self.journal.changed(
                        "claim", ids[claim_uuid], {"notes": (notes, _with_context(notes, context))}
                    )
                self.connection.execute(
                    "UPDATE claim SET notes = ?, updated_at = ?, version = version + 1"
                    " WHERE id = ?",
                    (_with_context(notes, context), self.now, ids[claim_uuid]),
                )

    def _existing(self, uuids: set[str]) -> dict[str, _Stored]:
        found: dict[str, _Stored] = {}
        columns = ", ".join(_UPDATABLE)
        dialect = dialect_of(self.connection)
        names = group_concat("t.name", char(31, dialect), dialect)
        sql = (
            f"SELECT id, uuid, {columns}, (SELECT {names} FROM claim_tag ct"
            f" JOIN tag t ON t.id = ct.tag_id WHERE ct.claim_id = claim.id)"
            f" FROM claim WHERE uuid IN ({MARKS})"
        )
        records: Iterable[tuple[Any, ...]]
        if dialect == SQLITE:
            records = select_in(self.connection, sql, uuids)
        else:  # one array for the whole batch: one statement, planned once
            # The claims are locked as they are read (in id order), so that what the journal
            # says they held is what they held: a colleague's save of one is waited for.
            records = self.connection.execute(
                sql.replace(f"IN ({MARKS})", "= ANY(?)") + f" ORDER BY id{self.row_lock}",
                (list(uuids),),
            )
        for record in records:
            tags = sorted(record[-1].split("\x1f"), key=str.casefold) if record[-1] else []
            found[record[1]] = _Stored(
                id=record[0], values=dict(zip(_UPDATABLE, record[2:-1], strict=True)), tags=tags
            )
        if self.journal is not None:
            self.journal.existed("claim", (stored.id for stored in found.values()))
        return found

    def _insert(
        self,
        inserts: list[tuple[str, dict[str, object], list[str] | None]],
        words: Future[dict[str, str]] | None = None,
    ) -> None:
        """Hand the batch's new claims (and the records they name) to the background writes,
        with their own words when those are being computed ahead (by uuid)."""
        template, position = self.template, self.position
        rows = []
        for claim_uuid, claim, _tags in inserts:
            row = template.copy()
            row[0] = claim_uuid
            for column, value in claim.items():
                row[position[column]] = value
            rows.append(row)
        self.tagged.extend((claim_uuid, tags) for claim_uuid, _, tags in inserts if tags)
        write_records = self.resolver.take_pending()

        def write() -> None:
            write_records()
            if rows:
                found = None if words is None else words.result()
                own = None if found is None else [found[str(row[0])] for row in rows]
                bulk.insert_claims(self.connection, rows, own)

        self.writes.submit(write)

    def write_tags(self) -> None:
        """Tag the created claims that have tags (once all the claims are written)."""
        if self.dry_run or not self.tagged:
            return
        ids = dict(
            select_in(
                self.connection,
                f"SELECT uuid, id FROM claim WHERE uuid IN ({MARKS})",
                [claim_uuid for claim_uuid, _ in self.tagged],
            )
        )
        self._add_tags((ids[claim_uuid], tags) for claim_uuid, tags in self.tagged)
        self.tagged = []

    def _update(self, updates: list[tuple[int, dict[str, object], list[str] | None]]) -> None:
        if not updates:
            return
        with bulk.claims_reindexed(self.connection, (claim_id for claim_id, _, _ in updates)):
            for claim_id, changed, _tags in updates:
                assignments = "".join(f"{column} = ?, " for column in changed)
                self.connection.execute(
                    f"UPDATE claim SET {assignments}updated_at = ?, version = version + 1"
                    " WHERE id = ?",
                    (*changed.values(), self.now, claim_id),
                )
        retagged = [(claim_id, tags) for claim_id, _, tags in updates if tags is not None]
        self.connection.executemany(
            "DELETE FROM claim_tag WHERE claim_id = ?", ((claim_id,) for claim_id, _ in retagged)
        )
        self._add_tags(retagged)

    def _add_tags(self, pairs: Iterable[tuple[int, list[str]]]) -> None:
        links = [(claim_id, name) for claim_id, tags in pairs for name in tags]
        missing = {name for _, name in links if name.casefold() not in self.tag_ids}
        if missing:
            marks = ", ".join("?" for _ in missing)
            known = {
                name.casefold()
                for (name,) in self.connection.execute(
                    f"SELECT name FROM tag WHERE name IN ({marks})", list(missing)
                )
            }
            self.connection.executemany(
                insert_ignoring("INSERT INTO tag (name) VALUES (?)", self.dialect),
                ((name,) for name in missing),
            )
            marks = ", ".join("?" for _ in missing)
            for tag_id, name in self.connection.execute(
                f"SELECT id, name FROM tag WHERE name IN ({marks})", list(missing)
            ):
                self.tag_ids[name.casefold()] = tag_id
                if name.casefold() not in known:
                    self.summary.new_tag_ids.append(tag_id)
        self.connection.executemany(
            insert_ignoring("INSERT INTO claim_tag (claim_id, tag_id) VALUES (?, ?)", self.dialect),
            ((claim_id, self.tag_ids[name.casefold()]) for claim_id, name in links),
        )

    def write_links(self) -> None:
        if not self.links:
            return
        uuids = {u for link in self.links for u in (link[0], link[2])}
        ids: dict[str, int] = dict(
            select_in(self.connection, f"SELECT uuid, id FROM claim WHERE uuid IN ({MARKS})", uuids)
        )
        planned: set[tuple[str, str, str]] = set()
        for this_uuid, code, other_uuid, line in self.links:
            relation, this_is_b = link_reading(code)
            if other_uuid not in ids and other_uuid not in self.seen_uuids:
                self.summary.warnings.append(
                    f"line {line}: link to claim {other_uuid} skipped (not in the file or the database)"
                )
                continue
            a, b = (other_uuid, this_uuid) if this_is_b else (this_uuid, other_uuid)
            if relation in SYMMETRIC_RELATIONS and b < a:
                a, b = b, a
            if (a, b, relation) in planned:
                continue  # the same link, listed from its other end
            planned.add((a, b, relation))
            if self.dry_run:
                exists = a in ids and b in ids and self._link_exists(ids[a], ids[b], relation)
                self.summary.links += not exists
                continue
            a_id, b_id = ids[a], ids[b]
            if relation in SYMMETRIC_RELATIONS and b_id < a_id:
                a_id, b_id = b_id, a_id
            inserted = self.connection.execute(
                insert_ignoring(
                    "INSERT INTO link (claim_a_id, claim_b_id, relation, uuid, created_at,"
                    " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 1)",
                    self.dialect,
                ),
                (a_id, b_id, relation, new_uuid(), self.now, self.now),
            ).rowcount
            self.summary.links += inserted

    def _link_exists(self, a_id: int, b_id: int, relation: str) -> bool:
        if relation in SYMMETRIC_RELATIONS and b_id < a_id:
            a_id, b_id = b_id, a_id
        return bool(
            self.connection.execute(
                "SELECT 1 FROM link WHERE claim_a_id = ? AND claim_b_id = ? AND relation = ?",
                (a_id, b_id, relation),
            ).fetchone()
        )


def import_note(path: Path) -> str:
    """Why the journal entries of an import were written."""
    return f"CSV import of {path.name}"


def _grouped(problems: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """One entry per distinct problem (column and reason), with how many rows have it: an
    unknown value is reported once with its count, not once per line."""
    counts: dict[tuple[str, str], list[int]] = {}
    for line, column, reason in problems:
        counts.setdefault((column, reason), []).append(line)
    return [
        (
            lines[0],
            column,
            reason
            if len(lines) == 1
            else f"{reason} ({len(lines)} rows, first on line {lines[0]})",
        )
        for (column, reason), lines in counts.items()
    ]


def _problems_error(path: Path, problems: list[tuple[int, str, str]]) -> CsvImportError:
    problems = _grouped(problems)
    line, column, reason = problems[0]
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return CsvImportError(
        f"{reason}{suffix}; nothing from this file was imported",
        path=path,
        line=line,
        column=column,
        problems=[(p_line, p_column, p_reason) for p_line, p_column, p_reason in problems],
    )


def import_csv(
    store: Store,
    path: Path,
    options: CsvImportOptions = CsvImportOptions(),
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import (or with ``dry_run``, only check) a CSV file of claims: all rows or none."""
    path = Path(path)
    shape = shape_of(
        path, encoding=options.encoding, delimiter=options.delimiter, quoting=options.quoting
    )
    try:
        overrides = parse_overrides(options.mapping)
        value_maps = parse_value_maps(options.values)
    except CsvImportError as error:
        raise CsvImportError(error.reason, path=path) from None
    stream = records(path, shape)
    first = next(stream, None)
    if first is None:
        raise CsvImportError("the file holds no rows", path=path)
    try:
        mapping, has_header = build_mapping(first.cells, options.has_header, overrides)
    except CsvImportError as error:
        raise CsvImportError(error.reason, path=path, line=error.line) from None
    summary = ImportSummary(
        path=path, shape=shape, mapping=mapping, has_header=has_header, dry_run=dry_run
    )
    body: Iterator = stream if has_header else _chain(first, stream)
    # A dry run only reads, so it needs no write lock and leaves the index triggers alone.
    with store.raw(write=not dry_run) as connection, ExitStack() as stack:
        ahead = (
            None
            if dry_run or dialect_of(connection) == SQLITE
            else stack.enter_context(words_ahead(store))
        )
        problems = _run(connection, body, mapping, summary, dry_run, progress, value_maps, ahead)
        if problems:
            raise _problems_error(path, problems)
    return summary


def _chain(first: object, rest: Iterable) -> Iterator:
    yield first
    yield from rest


def _run(
    connection: DbConnection,
    body: Iterator,
    mapping: ColumnMapping,
    summary: ImportSummary,
    dry_run: bool,
    progress: Progress | None,
    value_maps: dict[str, dict[str, str]] | None = None,
    ahead: WordsAhead | None = None,
) -> list[tuple[int, str, str]]:
    journal = None if dry_run else BulkJournal(connection, note=import_note(summary.path))
    writes = BackgroundWrites(connection)
    resolver = _Resolver(connection, summary, dry_run, journal, writes)
    problems: list[tuple[int, str, str]] = []
    writer = _Writer(connection, summary, dry_run, journal, problems, resolver, writes, ahead)
    parser = RowParser(mapping, value_maps)
    has_tags = "tags" in mapping.fields
    rating_rates_speaker = "speaker_reliability" not in mapping.fields
    claim_fields = [
        (name, column) for name, column in _CLAIM_FIELDS.items() if name in mapping.fields
    ]
    lines = summary.shape.lines
    with writes, nullcontext() if dry_run else bulk.loading(connection, expected_rows=lines):
        for record in body:
            summary.rows += 1
            if len(summary.preview) < PREVIEW_ROWS:
                summary.preview.append(record.cells)
            row = parser.parse(record.line, record.cells)
            if not row.problems and not (
                {"claim", "quote"} & row.values.keys() or "uuid" in row.values
            ):
                row.problems.append(("claim", "the claim and its quote are both empty"))
            claim = (
                _claim_values(row, resolver, rating_rates_speaker, claim_fields)
                if not row.problems
                else {}
            )
            if row.problems:
                problems.extend((row.line, column, reason) for column, reason in row.problems)
                if len({(c, r) for _, c, r in problems}) >= MAX_REPORTED_PROBLEMS:
                    break
                continue
            if problems:
                continue  # keep checking the rest for the report, but write nothing more
            claim_uuid = _row_uuid(row)
            if "uuid" not in row.values:
                first = writer.by_content.setdefault(_derived_uuid(row), claim_uuid)
                if first in writer.seen_uuids:
                    writer.repeat(first, row.values.get("context"))
                    continue
            if claim_uuid in writer.seen_uuids:
                problems.append((row.line, "uuid", f"claim {claim_uuid} appears twice in the file"))
                continue
            writer.seen_uuids.add(claim_uuid)
            if "text" not in claim and "quote" in claim:
                claim["text"] = claim["quote"]
            writer.add(claim_uuid, claim, normalise_tags(row.tags) if has_tags else None, row.line)
            for code, other in row.values.get("links", []):  # type: ignore[attr-defined]
                writer.links.append((claim_uuid, code, other, row.line))
            if (
                progress is not None
                and summary.rows % 1000 == 0
                and not progress(summary.rows, lines)
            ):
                raise ImportCancelled("CSV import cancelled; nothing from the file was saved")
        if problems:
            return problems
        writer.flush()
        if problems:
            return problems
        if not dry_run:
            writes.submit(resolver.take_pending())
            writes.wait()
            writer.write_tags()
            bulk.index_claims_after(connection, writer.first_new_id)
        writer.write_late_contexts()
        writer.write_links()
        if journal is not None:
            # Every row is written: the journal's turn, its entries, and the commit.
            mark = journal_turn(connection)
            journal.finish()
            summary.changes = read_changes(sqlite_execute(connection), mark)
    if progress is not None:
        progress(summary.rows, summary.rows)
    return problems
