"""Text search on a server: what an analyst types, as a condition on the claims' search document.

The same query language as on a file (``claimtracker.query.fulltext``: words, phrases,
``prefix*``, ``OR``, ``AND``, ``NOT`` / ``-word``, ``field:word``) and the same word forms
(``claimtracker.query.word_forms``), against the ``tsvector`` document and GIN index of
migration 0007. The words are folded and split on the server, by the functions that built the
document, so a query word always meets the document's words as they were stored.

FTS5's operators bind NOT tighter than AND, AND tighter than OR; tsquery's ``!``, ``&`` and
``|`` (and SQL's NOT, AND, OR) bind the same way, so the terms are joined in the order typed.
A term limited to one of the claim's fields is checked in that field's own words too (the
document holds all six fields in one); one limited to the speaker or the source's title is looked
up in their own indexes; where every term is for all fields the whole query is one tsquery, which the
planner estimates as one.

One difference from a file: the server's ``unaccent`` also folds Cyrillic ё to е (and ß to ss,
ł to l), which a file's index keeps apart; the server then finds the wider set, and the app marks
the words it found folded the same way (``claimtracker.query.folding``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimtracker.query.fulltext import QueryTerm, parse_query
from claimtracker.query.word_forms import fold, word_forms

#: The claim's own fields a term may be limited to (the file's index's column names).
FIELD_SQL = {
    "text": "c.text",
    "quote": "c.quote",
    "descriptor": "c.descriptor",
    "notes": "c.notes",
}
#: The fields of other tables: (table, column as text, the claim's column pointing at it).
#: Their words are indexed where they are (migration 0007), so a term limited to one of them
#: looks up the few actors or sources it names instead of reading each claim's.
LOOKED_UP = {
    "speaker": ("actor", "name::text", "speaker_id"),
    "source_title": ("source", "title", "source_id"),
}

_JOINS_TSQUERY = {"AND": " & ", "OR": " | ", "NOT": " & !"}
_JOINS_SQL = {"AND": " AND ", "OR": " OR ", "NOT": " AND NOT "}
#: A run of letters or digits: one word of the document (``claimtracker_words`` splits there).
_WORD = re.compile(r"[^\W_]+")


def _forms(term: QueryTerm) -> tuple[str, ...]:
    """What the term asks for, any of: a phrase or a typed prefix as written, a word in its
    forms (the word itself first)."""
    if term.phrase or term.prefix:
        return (fold(term.text),)
    return word_forms(term.text)


def _shared_start(words: tuple[str, ...]) -> str:
    """The letters every one of ``words`` starts with."""
    first, last = min(words), max(words)
    length = 0
    while length < len(first) and first[length] == last[length]:
        length += 1
    return first[:length]


def _term_sql(term: QueryTerm) -> tuple[str, list[object]]:
    """tsquery text for one term (SQL of type text) and its parameters.

    A word's forms share their first letters: the tsquery asks for that prefix first, so that
    a claim without it is passed over after one look-up, not one per form (a Russian word has
    up to ~90 candidate forms: ~30x faster per claim, which is what a first page costs).
    """
    forms = _forms(term)
    prefix = (term.prefix or term.typing) and not term.phrase
    sql = "claimtracker_tsquery_term(?::text[], ?)"
    shared = _shared_start(forms)
    if len(forms) < 3 or not shared:
        return sql, [list(forms), prefix]
    return f"'(' || claimtracker_tsquery_word(?, true) || ' & ' || {sql} || ')'", [
        shared,
        list(forms),
        prefix,
    ]


@dataclass(frozen=True)
class ServerText:
    """A text query on a server: the condition on ``claim c``, and a relevance score."""

    condition: str
    params: tuple[object, ...]
    #: Higher for a better match (``ts_rank_cd`` of every term, fields not told apart).
    rank: str
    rank_params: tuple[object, ...]
    #: Words asked for next to each other (a phrase, or a word such as e-mail that the
    #: document holds as two): the planner cannot tell how many claims hold them so, and
    #: estimates them as common as the words alone (``claimtracker.query.phrase_page``).
    adjacent: bool = False


def _asks_for_adjacent_words(term: QueryTerm) -> bool:
    return len(_WORD.findall(term.text)) > 1


def _whole_query(terms: list[QueryTerm]) -> tuple[str, list[object]]:
    """Every term in one tsquery (SQL of type tsquery), fields not told apart."""
    pieces: list[str] = []
    params: list[object] = []
    for term in terms:
        sql, more = _term_sql(term)
        if term.joined_by:
            pieces.append(f"'{_JOINS_TSQUERY[term.joined_by]}'")
        pieces.append(sql)
        params.extend(more)
    return f"({' || '.join(pieces)})::tsquery", params


#: The claim's search document, and the same kept out of the search index's reach: a plan
#: that must walk the claims in id order checks each one's document (``phrase_page``).
DOCUMENT = "c.search_doc"
DOCUMENT_UNINDEXED = "coalesce(c.search_doc, '')"


def text_condition(
    text: str, *, prefix_last: bool = False, document: str = DOCUMENT
) -> ServerText | None:
    """What ``text`` finds, as SQL on ``claim c`` with its parameters; None when ``text``
    holds nothing to search. ``document`` is the claim's document as the SQL names it."""
    terms = parse_query(text, prefix_last=prefix_last)
    if not terms:
        return None
    whole, whole_params = _whole_query(terms)
    rank = f"ts_rank_cd(c.search_doc, {whole})"
    adjacent = any(_asks_for_adjacent_words(term) for term in terms)
    if not any(term.column for term in terms):
        return ServerText(
            f"{document} @@ {whole}", tuple(whole_params), rank, tuple(whole_params), adjacent
        )
    condition = ""
    params: list[object] = []
    for term in terms:
        sql, more = _term_sql(term)
        query = f"({sql})::tsquery"
        one = f"{document} @@ {query}"
        params.extend(more)
        if term.column in LOOKED_UP:
            table, column, key = LOOKED_UP[term.column]
            one = (
                f"EXISTS (SELECT 1 FROM {table} x WHERE x.id = c.{key} "
                f"AND claimtracker_words(x.{column}) @@ {query})"
            )
        elif term.column:
            one = f"({one} AND claimtracker_words({FIELD_SQL[term.column]}) @@ {query})"
            params.extend(more)
        condition += (_JOINS_SQL[term.joined_by] if term.joined_by else "") + one
    return ServerText(f"({condition})", tuple(params), rank, tuple(whole_params), adjacent)
