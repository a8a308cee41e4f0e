"""From what an analyst types to a safe SQLite FTS5 query.

Supported: words, ``"exact phrases"``, prefixes (``provoc*``), ``OR``, ``AND``, ``NOT`` and a
leading ``-`` for exclusion, and ``field:word`` for one field (claim, quote, descriptor, notes,
speaker, source). Everything is quoted before it reaches FTS5, so no input can be a syntax error:
stray quotes, hyphens, brackets and colons are just text.

Given a word-forms lookup (``claimtracker.query.word_forms``), a plain word also finds its other
forms ("провокации" → "провокация", "warns" → "warning"); phrases and prefixes stay as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

#: Field names an analyst may use before a colon, mapped to the index's columns.
FIELDS = {
    "claim": "text",
    "text": "text",
    "quote": "quote",
    "descriptor": "descriptor",
    "attribution": "descriptor",
    "notes": "notes",
    "note": "notes",
    "speaker": "speaker",
    "source": "source_title",
    "title": "source_title",
}
_OPERATORS = {"OR", "AND", "NOT"}
_TOKEN = re.compile(r'-?(?:[^\s":]+:)?"[^"]*"?|[^\s"]+')


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _any_of(forms: tuple[str, ...], *, prefix: bool) -> str:
    """One word as FTS5 asks for it: its first form (as a prefix if typed so) or any form."""
    terms = [_quoted(forms[0]) + ("*" if prefix else ""), *map(_quoted, forms[1:])]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


@dataclass(frozen=True)
class QueryTerm:
    """One thing asked for: a word (perhaps a prefix) or a phrase, perhaps in one field."""

    text: str
    phrase: bool = False
    #: Typed as ``prefix*``.
    prefix: bool = False
    #: The last word, still being typed (search-as-you-type): a prefix, and a word.
    typing: bool = False
    #: The index column it is limited to, or None for all.
    column: str | None = None
    #: How it joins the terms before it: "AND", "OR" or "NOT" (None for the first).
    joined_by: str | None = None


def parse_query(user_text: str, *, prefix_last: bool = False) -> list[QueryTerm]:
    """The terms of ``user_text`` in order; empty when it holds nothing to search.

    ``prefix_last`` treats the last word as a prefix while the user is still typing it
    (search-as-you-type), unless it ends with a space or closes a phrase.
    """
    tokens = _TOKEN.findall(user_text)
    still_typing = prefix_last and bool(user_text) and not user_text[-1].isspace()
    terms: list[QueryTerm] = []
    pending_operator: str | None = None
    for index, token in enumerate(tokens):
        if token in _OPERATORS or token == "-":
            pending_operator = "NOT" if token == "-" else token
            continue
        negate = False
        if token.startswith("-") and len(token) > 1:
            negate, token = True, token[1:]
        column = None
        if not token.startswith('"') and ":" in token.split('"', 1)[0]:
            name, _, rest = token.partition(":")
            if name.lower() in FIELDS and rest:
                column, token = FIELDS[name.lower()], rest
        if token.startswith('"'):
            phrase = token[1:-1] if len(token) > 1 and token.endswith('"') else token[1:]
            if not _has_word(phrase):
                continue
            term = QueryTerm(phrase, phrase=True, column=column)
        else:
            word = token.rstrip("*")
            if not _has_word(word):
                continue
            prefix = token.endswith("*")
            typing = not prefix and still_typing and index == len(tokens) - 1
            term = QueryTerm(word, prefix=prefix, typing=typing, column=column)
        if negate:
            pending_operator = "NOT"
        if not terms and pending_operator == "NOT":
            # FTS5 cannot start with NOT ("everything but x"); the exclusion is dropped.
            pending_operator = None
            continue
        terms.append(replace(term, joined_by=(pending_operator or "AND") if terms else None))
        pending_operator = None
    return terms


def to_fts_query(
    user_text: str,
    *,
    prefix_last: bool = False,
    word_forms: Callable[[str], tuple[str, ...]] | None = None,
) -> str | None:
    """The FTS5 MATCH expression for ``user_text``, or None when it holds nothing to search.

    ``word_forms`` gives a word's forms in the index (the word first); a word typed as
    ``prefix*`` is not widened, and one still being typed is both a prefix and its forms.
    """
    parts: list[str] = []
    for term in parse_query(user_text, prefix_last=prefix_last):
        if term.phrase:
            expression = _quoted(term.text)
        else:
            widen = word_forms is not None and not term.prefix
            forms = word_forms(term.text) if word_forms and widen else (term.text,)
            expression = _any_of(forms, prefix=term.prefix or term.typing)
        if term.column:
            expression = f"{term.column} : {expression}"
        if term.joined_by:
            parts.append(term.joined_by)
        parts.append(expression)
    return " ".join(parts) if parts else None
