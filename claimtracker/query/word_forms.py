"""Word forms: a search for "провокации" also finds "провокация" and "провокацию", "warns" finds
"warning" and "warned".

The index stays as it is (unicode61, no stemming), so exact words, phrases and prefixes keep
their meaning and bulk loads keep their speed. Instead a searched word is widened to its forms:
the word's Snowball stem (Russian for Cyrillic words, English otherwise) is given the endings of
the language, and every candidate whose own stem is the word's stem is a form of it. Candidates
that no claim contains cost the index one term lookup each, and reading the index's vocabulary
to find the forms would cost more than the search itself (a million claims: ~15 ms a word).

The forms are exactly the words the stemmer takes for one, as far as they are the stem plus an
ending (English also with a doubled consonant, a dropped "e" or "y" for "i"): "happy" is found
from "happiness", not the other way round.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import Stemmer

#: Shorter stems are too unspecific to widen.
MIN_STEM = 3

_ENGLISH_ENDINGS = (
    "", "e", "s", "es", "ed", "d", "ing", "er", "ers", "ly", "ness", "ment", "ments", "ion",
    "ions", "ation", "ations", "al", "ally", "ity", "ities", "ive", "ives", "ize", "izes",
    "ized", "izing", "ise", "ises", "ised", "ising", "y", "ies", "ied", "ful", "able", "ably",
    "ism", "isms", "ist", "ists", "ency", "ence", "ences", "ancy", "ance", "ances", "ent",
    "ant", "ants", "or", "ors", "ous", "ously", "ic", "ics", "ical", "ically",
)  # fmt: skip
_RUSSIAN_ENDINGS = (
    # nouns
    "", "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей",
    "ой", "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы",
    "ь", "ию", "ью", "ю", "ия", "ья", "я",
    # adjectives and participles
    "ее", "ые", "ое", "ими", "ыми", "ым", "его", "ого", "ему", "ому", "их", "ых", "ую",
    "юю", "ая", "яя", "ою", "ею", "ый",
    # verbs
    "ла", "на", "ете", "йте", "ли", "л", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь",
    "нно", "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "уй", "ил", "ыл", "им",
    "ен", "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь",
    "ал", "ала", "али", "ало", "ать", "ает", "ают", "аю", "ся", "сь", "лся",
    "лась", "лись", "тся", "ться", "ется", "ются", "ится", "ятся",
)  # fmt: skip


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def stem(word: str) -> str:
    """The Snowball stem of a folded word: Russian for Cyrillic, English otherwise."""
    return str(_stemmer("russian" if _is_cyrillic(word) else "english").stemWord(word))


def _folds(ch: str) -> bool:
    # unicode61 with remove_diacritics 2 folds Latin letters only (Cyrillic й and ё stay).
    point = ord(ch)
    return point < 0x0370 or 0x1E00 <= point <= 0x1EFF


def fold_char(ch: str) -> str:
    """``ch`` as the full-text index stores it: lower case, Latin diacritics removed."""
    lowered = ch.lower()
    if not _folds(ch):
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or lowered


def fold(word: str) -> str:
    """``word`` as the full-text index stores it (see :func:`fold_char`)."""
    if word.isascii():
        return word.lower()  # no diacritics to remove: lower case is the whole folding
    return _fold_other(word)


@lru_cache(maxsize=65536)
def _fold_other(word: str) -> str:
    # Character by character in Python: ~50 times slower than lower(), so each word once.
    return "".join(fold_char(ch) for ch in word)


def _bases(root: str, cyrillic: bool) -> set[str]:
    if cyrillic:
        return {root}
    bases = {root, root + root[-1]}  # stop → stopped
    if root.endswith("i"):
        bases.add(root[:-1] + "y")  # happi → happy
    if root.endswith("e"):
        bases.add(root[:-1])  # make → making
    return bases


@lru_cache(maxsize=4096)
def word_forms(word: str) -> tuple[str, ...]:
    """The forms of ``word`` to search for: the folded word first, then its other forms.

    Only the folded word when it is not one plain word (digits, hyphens) or its stem is short.
    """
    folded = fold(word)
    if not folded.isalpha():
        return (folded,)
    root = stem(folded)
    if len(root) < MIN_STEM:
        return (folded,)
    cyrillic = _is_cyrillic(folded)
    endings = _RUSSIAN_ENDINGS if cyrillic else _ENGLISH_ENDINGS
    candidates = {base + ending for base in _bases(root, cyrillic) for ending in endings}
    candidates.discard(folded)
    return (folded, *sorted(c for c in candidates if stem(c) == root))
