"""The columns of the two CSV reports: stable names, what they hold, the SQL behind them.

The names are part of the exchange format: colleagues' spreadsheets and the importer rely on
them, so they never change meaning. New columns may be added at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtracker.csvio.aggregates import LISTS
from claimtracker.csvio.formulas import sql_guard
from claimtracker.errors import ValidationError
from claimtracker.query.markings import in_force_sql
from claimtracker.store.dbapi import POSTGRESQL, SQLITE, Dialect


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql: str
    description: str
    #: False for values that cannot start like a formula: numbers, dates, UUIDs and codes that
    #: the database constrains, generated text that begins with a relation label, and the
    #: tags, whose SQL guards itself. Free text is always guarded.
    guard: bool = True
    #: The SQL on a PostgreSQL server, where it differs.
    server_sql: str | None = None

    def select_sql(self, dialect: Dialect = SQLITE) -> str:
        sql = self.server_sql if dialect == POSTGRESQL and self.server_sql else self.sql
        return sql_guard(sql, dialect=dialect) if self.guard else sql

    @property
    def free_text(self) -> bool:
        """Whether a value may hold commas, quotes or line breaks: guarded text, and the lists
        of tags and linked claims; numbers, dates, identifiers and codes never do."""
        return self.guard or self.name in _UNGUARDED_TEXT


#: Unguarded columns of free text (each guards its parts inside, or starts with a label).
_UNGUARDED_TEXT = frozenset({"tags", "counter_claims", "links"})


_RATING = "coalesce(coalesce(sp.reliability, ol.reliability), '') || coalesce(CAST(c.credibility AS text), '')"


def _timestamp(expression: str) -> str:
    """A server's timestamp as SQLite holds it: six digits of fraction, zeros kept."""
    return f"to_char({expression}, 'YYYY-MM-DD HH24:MI:SS.US')"


def _list(name: str, dialect: Dialect) -> str:
    """A list column's value, from its grouping (see ``csvio.aggregates``); tags guarded there,
    once per claim, like a cell of free text."""
    alias, value = LISTS[name]
    return sql_guard(f"{alias}.{value}", dialect=dialect) if name == "tags" else f"{alias}.{value}"


CLAIM_COLUMNS: tuple[Column, ...] = (
    Column("claim_id", "c.id", "Number of the claim in this database", guard=False),
    Column("uuid", "c.uuid", "Stable identifier of the claim across databases", guard=False),
    Column("claim", "c.text", "The claim as the analyst phrased it"),
    Column("quote", "c.quote", "The verbatim words in the source"),
    Column("speaker", "sp.name", "Who asserts it"),
    Column("speaker_kind", "sp.kind", "person, organisation, government_body, ...", guard=False),
    Column(
        "attribution", "c.attribution", "on_record, official_statement, anonymous, ...", guard=False
    ),
    Column("descriptor", "c.descriptor", "The attribution as the article worded it"),
    Column(
        "source_count",
        "c.source_count",
        "How many sources stand behind it, where stated",
        guard=False,
    ),
    Column("status", "c.status", "Verification status", guard=False),
    Column(
        "rating",
        _RATING,
        "Admiralty rating: source reliability letter + credibility digit",
        guard=False,
    ),
    Column("credibility", "c.credibility", "Information credibility 1–6", guard=False),
    Column("likelihood", "c.likelihood", "Estimative likelihood (ICD 203)", guard=False),
    Column("confidence", "c.confidence", "Analytic confidence", guard=False),
    Column("said_on", "c.said_on", "When it was said", guard=False),
    Column("reported_on", "c.reported_on", "When it was reported", guard=False),
    Column("event_on", "c.event_on", "Date of the event it is about", guard=False),
    Column("source_title", "s.title", "Title of the source document"),
    Column("outlet", "ol.name", "Outlet that published the source"),
    Column("url", "s.url", "Address of the source"),
    Column(
        "tags",
        _list("tags", SQLITE),
        "Tags, separated by semicolons",
        guard=False,
        server_sql=_list("tags", POSTGRESQL),
    ),
    Column(
        "counter_claims",
        _list("counter_claims", SQLITE),
        "Linked claims with their relation, readable",
        guard=False,
    ),
    Column(
        "links",
        _list("links", SQLITE),
        "Linked claims as 'relation uuid'; read by the importer",
        guard=False,
    ),
    Column("notes", "c.notes", "The analyst's notes"),
    Column(
        "speaker_reliability",
        "sp.reliability",
        "Source reliability A–F of the speaker",
        guard=False,
    ),
    Column("published_on", "s.published_on", "Publication date of the source", guard=False),
    Column("source_uuid", "s.uuid", "Stable identifier of the source", guard=False),
    Column(
        "anchor_start",
        "c.anchor_start",
        "Start offset of the quote in the source text",
        guard=False,
    ),
    Column("anchor_end", "c.anchor_end", "End offset of the quote in the source text", guard=False),
    Column("anchor_exact", "c.anchor_exact", "The anchored text"),
    Column("anchor_prefix", "c.anchor_prefix", "Text just before the anchor"),
    Column("anchor_suffix", "c.anchor_suffix", "Text just after the anchor"),
    Column(
        "anchor_status",
        "c.anchor_status",
        "ok, or orphan when a corrected text lost it",
        guard=False,
    ),
    Column(
        "created_at",
        "c.created_at",
        "When the claim was recorded (UTC)",
        guard=False,
        server_sql=_timestamp("c.created_at"),
    ),
    Column(
        "updated_at",
        "c.updated_at",
        "When it last changed (UTC)",
        guard=False,
        server_sql=_timestamp("c.updated_at"),
    ),
    Column(
        "tlp",
        in_force_sql("c", "s"),
        "Marking in force (TLP 2.0): the claim's own or its source's, whichever is higher",
        guard=False,
    ),
    Column("external_id", "c.external_id", "The row id of the dataset it was imported from"),
)

#: The side-by-side view as rows: a claim, how its counter-claim relates, the counter-claim.
PAIR_SIDE_FIELDS = (
    ("id", "{c}.id"),
    ("uuid", "{c}.uuid"),
    ("text", "{c}.text"),
    ("quote", "{c}.quote"),
    ("speaker", "{sp}.name"),
    ("attribution", "{c}.attribution"),
    ("descriptor", "{c}.descriptor"),
    ("source", "{s}.title"),
    ("date", "coalesce({c}.said_on, {c}.reported_on)"),
    ("status", "{c}.status"),
    (
        "rating",
        "coalesce(coalesce({sp}.reliability, {ol}.reliability), '') || coalesce(CAST({c}.credibility AS text), '')",
    ),
)


def _side(prefix: str, aliases: dict[str, str], role: str) -> list[Column]:
    """One side of a pair: ``claim_id, claim, claim_quote, ...`` or ``counter_...``."""
    special = {"id": f"{prefix}_id", "text": prefix}
    return [
        Column(
            special.get(name, f"{prefix.split('_')[0]}_{name}"),
            sql.format(**aliases),
            f"{role}: {name}",
        )
        for name, sql in PAIR_SIDE_FIELDS
    ]


def _pair_columns() -> tuple[Column, ...]:
    return (
        *_side("claim", {"c": "a", "sp": "asp", "s": "asrc", "ol": "aol"}, "The claim"),
        Column("relation", "l.relation", "How the counter-claim relates to the claim"),
        *_side(
            "counter_claim", {"c": "b", "sp": "bsp", "s": "bsrc", "ol": "bol"}, "The counter-claim"
        ),
        Column("note", "l.note", "The analyst's note on the link"),
        Column("link_uuid", "l.uuid", "Stable identifier of the link"),
        Column("claim_tlp", in_force_sql("a", "asrc"), "The claim's marking in force", guard=False),
        Column(
            "counter_claim_tlp",
            in_force_sql("b", "bsrc"),
            "The counter-claim's marking in force",
            guard=False,
        ),
    )


PAIR_COLUMNS = _pair_columns()

REPORTS = {"claims": CLAIM_COLUMNS, "pairs": PAIR_COLUMNS}

#: Column presets per report. "reading" puts what a colleague reads first (the claim, speaker,
#: attribution, status, rating, source and counter-claims) and leaves the technical columns
#: (UUIDs, anchors, timestamps) out but for the claim's number, last. The default columns (no
#: preset) stay as they are: they are the exchange format the importer reads back.
PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    "reading": {
        "claims": (
            "claim",
            "speaker",
            "attribution",
            "descriptor",
            "status",
            "rating",
            "source_title",
            "outlet",
            "url",
            "counter_claims",
            "quote",
            "said_on",
            "reported_on",
            "event_on",
            "likelihood",
            "confidence",
            "tags",
            "notes",
            "tlp",
            "claim_id",
        ),
        "pairs": (
            "claim",
            "claim_speaker",
            "relation",
            "counter_claim",
            "counter_speaker",
            "claim_attribution",
            "counter_attribution",
            "claim_status",
            "counter_status",
            "claim_rating",
            "counter_rating",
            "claim_source",
            "counter_source",
            "claim_date",
            "counter_date",
            "claim_quote",
            "counter_quote",
            "note",
            "claim_tlp",
            "counter_claim_tlp",
            "claim_id",
            "counter_claim_id",
        ),
    }
}


def preset_columns(report: str, preset: str) -> list[str]:
    """The column names of ``preset`` for ``report``."""
    if preset not in PRESETS:
        raise ValidationError(
            f"Unknown column preset {preset!r} (one of: {', '.join(PRESETS)})", field="preset"
        )
    return list(PRESETS[preset][report])


def choose_columns(report: str, names: list[str] | None) -> tuple[Column, ...]:
    """The columns of ``report``, or those of ``names`` in the order given."""
    if report not in REPORTS:
        raise ValidationError(f"Unknown report {report!r} (claims or pairs)", field="report")
    available = REPORTS[report]
    if not names:
        return available
    by_name = {column.name: column for column in available}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValidationError(
            f"Unknown column(s) {', '.join(unknown)} for the {report} report "
            f"(available: {', '.join(by_name)})",
            field="columns",
        )
    return tuple(by_name[n] for n in names)
