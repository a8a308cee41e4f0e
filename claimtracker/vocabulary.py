"""The analyst's value lists: codes that are stored, labels that are shown.

Kept free of SQLAlchemy and Qt so that the app can build its combo boxes and badges before the
storage layer is imported. The lists and their sources are described in ``VOCABULARY.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimtracker.errors import VocabularyError


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    label: str
    description: str = ""


_LOOSE = re.compile(r"[\s\-/]+")


def _loose(value: str) -> str:
    return _LOOSE.sub("_", value.strip().casefold())


class Vocabulary:
    """An ordered list of terms; looks codes up by code or by label, case-insensitively."""

    def __init__(self, name: str, terms: list[Term]) -> None:
        self.name = name
        self.terms = tuple(terms)
        self._by_code = {t.code: t for t in self.terms}
        self._by_loose: dict[str, str] = {}
        for t in self.terms:
            self._by_loose[_loose(t.code)] = t.code
            self._by_loose[_loose(t.label)] = t.code

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def label(self, code: str | None) -> str:
        if code is None:
            return ""
        term = self._by_code.get(code)
        return term.label if term else code

    def lookup(self, value: str) -> str | None:
        """The code for ``value`` given as a code or a label, or None if it is not in the list."""
        if value in self._by_code:
            return value
        return self._by_loose.get(_loose(value))

    def parse(self, value: str, *, field: str | None = None) -> str:
        """The code for ``value``; raises :class:`VocabularyError` naming the allowed codes."""
        code = self.lookup(value)
        if code is None:
            allowed = ", ".join(self.codes)
            raise VocabularyError(
                f"{value!r} is not a known {self.name} (expected one of: {allowed})",
                field=field or self.name,
            )
        return code


ACTOR_KINDS = Vocabulary(
    "actor kind",
    [
        Term("person", "Person"),
        Term("organisation", "Organisation"),
        Term("government_body", "Government body"),
        Term("media_outlet", "Media outlet"),
        Term("described_group", "Described group", "A group described without names"),
        Term("unknown", "Unknown"),
    ],
)

ATTRIBUTIONS = Vocabulary(
    "attribution",
    [
        Term("on_record", "Named, on the record", 'Ryabkov said Russia is "very concerned"'),
        Term(
            "official_statement", "Official statement", "the defense ministry said in a statement"
        ),
        Term(
            "anonymous",
            "Anonymous / described source",
            "according to four people familiar with the discussions",
        ),
        Term("secondhand", "Reported by another outlet or document", "TASS reported"),
        Term("unattributed", "Unattributed", "the author's own assertion or estimate"),
        Term("unknown", "Not yet assessed"),
    ],
)

STATUSES = Vocabulary(
    "verification status",
    [
        Term("unstarted", "Unstarted"),
        Term("in_progress", "In progress"),
        Term("verified", "Verified"),
        Term("false", "False"),
        Term("misleading", "Misleading"),
        Term("disputed", "Disputed"),
        Term("inconclusive", "Inconclusive"),
    ],
)

RELIABILITY = Vocabulary(
    "source reliability",
    [
        Term("A", "Completely reliable"),
        Term("B", "Usually reliable"),
        Term("C", "Fairly reliable"),
        Term("D", "Not usually reliable"),
        Term("E", "Unreliable"),
        Term("F", "Reliability cannot be judged"),
    ],
)

CREDIBILITY = Vocabulary(
    "information credibility",
    [
        Term("1", "Confirmed by other sources"),
        Term("2", "Probably true"),
        Term("3", "Possibly true"),
        Term("4", "Doubtful"),
        Term("5", "Improbable"),
        Term("6", "Truth cannot be judged"),
    ],
)

LIKELIHOODS = Vocabulary(
    "likelihood",
    [
        Term("almost_no_chance", "Almost no chance", "01–05%"),
        Term("very_unlikely", "Very unlikely", "05–20%"),
        Term("unlikely", "Unlikely", "20–45%"),
        Term("roughly_even_chance", "Roughly even chance", "45–55%"),
        Term("likely", "Likely", "55–80%"),
        Term("very_likely", "Very likely", "80–95%"),
        Term("almost_certain", "Almost certain", "95–99%"),
    ],
)

CONFIDENCES = Vocabulary(
    "analytic confidence",
    [Term("low", "Low"), Term("moderate", "Moderate"), Term("high", "High")],
)

RELATIONS = Vocabulary(
    "relation",
    [
        Term("contradicts", "Contradicts", "A and B cannot both be true"),
        Term("denies", "Denies", "B is a denial of A by the accused party"),
        Term("counters", "Counters / reframes", "B attacks A without contradicting it"),
        Term("supports", "Supports / corroborates", "B makes A more likely"),
        Term("repeats", "Repeats / echoes", "B is A again, from another source"),
        Term("responds_to", "Responds to", "B is a reply to A"),
    ],
)

MARKINGS = Vocabulary(
    "marking",
    [
        Term("clear", "TLP:CLEAR", "No limit on disclosure"),
        Term("green", "TLP:GREEN", "The community, not public channels"),
        Term("amber", "TLP:AMBER", "The organisation and its clients, on a need-to-know basis"),
        Term("amber+strict", "TLP:AMBER+STRICT", "The organisation only"),
        Term("red", "TLP:RED", "The named recipients only"),
    ],
)


def marking_rank(code: str | None) -> int:
    """How restrictive a marking is: 0 for TLP:CLEAR (and for no marking) up to 4 for RED."""
    return MARKINGS.codes.index(code) if code in MARKINGS else 0


def highest_marking(*codes: str | None) -> str | None:
    """The most restrictive of the markings given (None when none is marked)."""
    marked = [code for code in codes if code in MARKINGS]
    return max(marked, key=marking_rank) if marked else None


SYMMETRIC_RELATIONS = frozenset({"contradicts", "repeats"})

#: Relations that put two claims in dispute: what the side-by-side view steps through.
OPPOSING_RELATIONS = frozenset({"contradicts", "denies", "counters"})

#: How a relation reads from the other end: "B denies A" is "A is denied by B".
INVERSE_LABELS = {
    "contradicts": "Contradicts",
    "denies": "Denied by",
    "counters": "Countered by",
    "supports": "Supported by",
    "repeats": "Repeats / echoes",
    "responds_to": "Answered by",
}

_RATING = re.compile(r"^\s*([A-Fa-f])?\s*([1-6])?\s*$")


def format_rating(reliability: str | None, credibility: int | None) -> str:
    """The Admiralty rating as letter + digit (``B2``); a missing half is left out."""
    return f"{reliability or ''}{credibility if credibility is not None else ''}"


def parse_rating(value: str) -> tuple[str | None, int | None]:
    """Split an Admiralty rating such as ``B2``, ``b`` or ``3`` into its two halves."""
    match = _RATING.match(value)
    if not match:
        raise VocabularyError(
            f"{value!r} is not an Admiralty rating "
            "(expected a letter A–F and a digit 1–6, e.g. B2)",
            field="rating",
        )
    letter, digit = match.groups()
    return (letter.upper() if letter else None, int(digit) if digit else None)


#: STIX 2.1 ``opinion-enum``, from disagreeing to agreeing.
OPINIONS = Vocabulary(
    "opinion",
    [
        Term("strongly-disagree", "Strongly disagree"),
        Term("disagree", "Disagree"),
        Term("neutral", "Neutral"),
        Term("agree", "Agree"),
        Term("strongly-agree", "Strongly agree"),
    ],
)
