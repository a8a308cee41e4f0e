"""A quoted question or exclamation whose attribution follows it: '“Is that you?” Smith asked.'

A sentence normally ends at "?" or "!". When the mark closes a quotation and the words after the
closing quote mark are the quote's own attribution, a name and a reporting verb ('“We won!” Mrs.
Lee wrote.', '“Who knows?” Jones told a radio station on Monday.'), the quote and its attribution
are one sentence: split there, the quote goes out alone and takes the speaker of the sentence
before it, and the attribution is left without content. A tail that starts with a lower-case
word ('“Why?” he asked.') is never split in the first place; this covers the capitalised subject,
which looks like the start of a new sentence.
"""

from __future__ import annotations

import re

from claimtracker.assistant.cues import INVERTED_VERBS, words

#: Reporting verbs that follow a quote and its subject: the verbs that may come after their
#: quote anyway, the questions ("asked", "wondered") and a few verbs of exclaiming.
TAIL_VERBS: frozenset[str] = frozenset(
    w for w in INVERTED_VERBS if w.isascii() and not w.endswith("ing")
) | words(
    """
    asks told tells wondered wonders exclaimed shouted yelled joked jokes posted recalled
    continued continues added adds wrote writes replied replies responded
    """
)

#: Titles and honorifics that may open or sit inside a name ("Mrs. Clinton", "Sen. Ted Cruz").
_TITLES = words("Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen. Adm. Prof. Rev. Lt. Col. Capt. Sgt. St.")

#: Capitalised words that open a new sentence rather than name the quote's speaker: '“Too
#: late?” He left.' is two sentences (a lower-case "he" after the quote is never split off).
_SENTENCE_OPENERS = words("He She They It We I You This That These Those There Then But And So Yet")

#: The most words a name before the verb may have ("Senate Majority Leader Mitch McConnell").
_MAX_NAME_WORDS = 5

#: "?" or "!" (repeated or not), then a closing quote mark: the quote ends with the sentence.
_QUOTE_CLOSE = re.compile(r"[?!]+[ \t]*(?:[\"”»]|''|’)")
_WORD = re.compile(r"[^\s,;:]+")


def _is_name_word(word: str) -> bool:
    bare = word.strip("’'")
    return word in _TITLES or (bool(bare) and bare[0].isupper() and bare not in _SENTENCE_OPENERS)


def attribution_follows(text: str, mark: int, stop: int, rest: int, end: int) -> bool:
    """Whether the candidate sentence end ``text[mark:stop]`` closes a quoted question or
    exclamation that the words from ``rest`` attribute (a name, then a reporting verb)."""
    if not _QUOTE_CLOSE.fullmatch(text, mark, stop):
        return False
    pos = rest
    names = 0
    while pos < end:
        match = _WORD.match(text, pos, end)
        if match is None:
            return False
        word = match.group(0)
        bare = word.rstrip(".!?")
        if names and bare in TAIL_VERBS:
            return True
        if names >= _MAX_NAME_WORDS or not _is_name_word(word) or word[-1] in "!?":
            return False
        if word.endswith(".") and word not in _TITLES and len(bare) > 1:
            return False  # a full stop after a word that is not a title ends a sentence there
        names += 1
        pos = match.end()
        while pos < end and text[pos] in " \t\u00a0":
            pos += 1
    return False
