"""Headline and title-case runs are no personal names.

A headline ("Harbor Group Chief Ada Kowal Backs Bridge Plan") or a sentence opening with an
adverb ("Certainly Ada Kowal ...") gives one long run of capitalised words; read whole, the
run passes for a person's name and is then what "she" or a lone "Kowal" stands for. The
article itself tells which of those words are ordinary English: it writes them in lower case
elsewhere ("plan", "backs", "certainly"). Such a word inside a run of three or more words
ends the name there; only its last word may be one (a surname like "Small" or "Rose").
"""

from __future__ import annotations

import re

from claimtracker.assistant import cues

#: The first letter before the look behind: the scan then skips to the next lower-case letter.
_LOWER_WORD = re.compile(r"[a-zà-öø-ÿ](?<![\w'’\-][a-zà-öø-ÿ])[a-zà-öø-ÿ'’\-]+")


def lower_case_words(text: str) -> frozenset[str]:
    """The words the article writes in lower case somewhere."""
    return frozenset(_LOWER_WORD.findall(text))


def name_pieces(words: list[str], ordinary: frozenset[str]) -> list[list[str]]:
    """The parts of a capitalised run that may hold a name: the run cut at its ordinary words
    (all but the last word), when it is three words or longer."""
    if len(words) < 3:
        return [words]
    pieces: list[list[str]] = [[]]
    for k, word in enumerate(words):
        bare = word.rstrip(".,").lower()
        if (
            k < len(words) - 1
            and bare in ordinary
            and bare.isalpha()
            and bare not in cues.NAME_PARTICLES
        ):
            if pieces[-1]:
                pieces.append([])
            continue
        pieces[-1].append(word)
    return [piece for piece in pieces if piece]


def is_title_case(line: str) -> bool:
    """A headline or a book's or show's title: four words or more, nearly all capitalised."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= 0.75 * len(words)
