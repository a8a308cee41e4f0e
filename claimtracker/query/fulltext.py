"""From what an analyst types to a safe SQLite FTS5 query.

Supported: words, ``"exact phrases"``, prefixes (``provoc*``), ``OR``, ``AND``, ``NOT`` and a
leading ``-`` for exclusion, and ``field:word`` for one field (claim, quote, descriptor, notes,
speaker, source). Everything is quoted before it reaches FTS5, so no input can be a syntax error:
stray quotes, hyphens, brackets and colons are just text.
"""

from __future__ import annotations

import re

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


def to_fts_query(user_text: str, *, prefix_last: bool = False) -> str | None:
    """The FTS5 MATCH expression for ``user_text``, or None when it holds nothing to search.

    ``prefix_last`` treats the last word as a prefix while the user is still typing it
    (search-as-you-type), unless it ends with a space or closes a phrase.
    """
    tokens = _TOKEN.findall(user_text)
    still_typing = prefix_last and bool(user_text) and not user_text[-1].isspace()
    parts: list[str] = []
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
            term = _quoted(phrase)
        else:
            prefix = token.endswith("*")
            word = token.rstrip("*")
            if not _has_word(word):
                continue
            is_last = index == len(tokens) - 1
            term = _quoted(word) + ("*" if prefix or (is_last and still_typing) else "")
        if column:
            term = f"{column} : {term}"
        if negate:
            pending_operator = "NOT"
        if parts:
            parts.append(pending_operator or "AND")
        elif pending_operator == "NOT":
            # FTS5 cannot start with NOT ("everything but x"); the exclusion is dropped.
            pending_operator = None
            continue
        parts.append(term)
        pending_operator = None
    return " ".join(parts) if parts else None
