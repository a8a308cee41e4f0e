"""The subject of a reporting verb inside a subordinate or relative clause: a pronoun right before
the verb ("who he said were"), a name right after the word that opens the clause, or a short
noun phrase of sources after a conjunction ("although his advisers say").
"""

from __future__ import annotations

from claimtracker.assistant import cues
from claimtracker.assistant.attribution.main_clause import is_adverb
from claimtracker.assistant.attribution.nouns import lowercase_subject_ok
from claimtracker.assistant.attribution.phrases import looks_like_subject
from claimtracker.assistant.attribution.tokens import WORD, Token, new_token
from claimtracker.assistant.attribution.vocabulary import SEPARATOR_BETWEEN, SUBJECT_PRONOUNS
from claimtracker.assistant.cues import words

#: Words that open a subordinate or relative clause: "so heated that Gov. X said", "in which he
#: said", "what she said is".
_EMBEDDING = words(
    """
    that because when although though after before while since as where whether if until which
    who whom what how why once
    """
)
_MAX_EMBEDDED_NAME_WORDS = 5
_EMBEDDED_WINDOW = 120  # characters before the verb that can hold its clause's subject


def embedded_subject(masked: str, verb_start: int) -> tuple[int, int, int] | None:
    """The subject of a reporting verb inside a subordinate or relative clause: a pronoun right
    before the verb ("the daughters, who he said were ..."), or a name right after the word that
    opens the clause ("grew so heated that Gov. Chris Christie said")."""
    window = max(0, verb_start - _EMBEDDED_WINDOW)
    tokens = [
        new_token(Token, (m.group(), m.group().lower(), *m.span()))
        for m in WORD.finditer(masked, window, verb_start)
    ][1 if window else 0 :]  # the first word may be cut by the window
    k = len(tokens)
    while k > 0 and (
        tokens[k - 1].lower in cues.AUXILIARIES
        or (tokens[k - 1].text.islower() and is_adverb(tokens[k - 1]))
    ):
        k -= 1  # "she has also said"
    if k == 0 or SEPARATOR_BETWEEN.search(masked, tokens[k - 1].end, verb_start):
        return None
    last = tokens[k - 1]
    if last.lower in SUBJECT_PRONOUNS and last.lower != "it":
        return last.start, last.end, last.start
    first = k
    while (
        first > 0 and k - first < _MAX_EMBEDDED_NAME_WORDS and tokens[first - 1].text[0].isupper()
    ):
        first -= 1
    if first == k or first == 0 or tokens[first - 1].lower not in _EMBEDDING:
        return _embedded_noun_phrase(masked, tokens[:k])
    if SEPARATOR_BETWEEN.search(masked, tokens[first - 1].end, tokens[first].start):
        return None
    return tokens[first].start, last.end, tokens[first].start


_NOUN_PHRASE_EMBEDDING = words(
    "although though because while since as if whether when after before where that which"
)


def _embedded_noun_phrase(masked: str, tokens: list[Token]) -> tuple[int, int, int] | None:
    """A short noun phrase of sources after a conjunction: "although his advisers say", "because
    exit polls in Iowa indicated"."""
    for j in range(len(tokens) - 2, max(len(tokens) - 2 - _MAX_EMBEDDED_NAME_WORDS, -1), -1):
        if tokens[j].lower not in _NOUN_PHRASE_EMBEDDING:
            continue
        phrase = tokens[j + 1 :]
        start, end = phrase[0].start, phrase[-1].end
        if SEPARATOR_BETWEEN.search(masked, tokens[j].end, end):
            return None
        words = [t.text for t in phrase]
        if not lowercase_subject_ok(words[0].lower(), words) or not looks_like_subject(
            masked, start, end
        ):
            return None
        return start, end, start
    return None
